#include "log/sessionlog.h"

#include "log/logmodel.h"
#include "log/recorder.h"
#include "net/session.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

namespace {

const Endpoint Local { QHostAddress(QHostAddress::Any), 9000 };
const Endpoint Peer { QHostAddress(QStringLiteral("127.0.0.1")), 41000 };
const Endpoint OtherPeer { QHostAddress(QStringLiteral("::1")), 41001 };

// A session of a made-up kind that states whatever the test tells it to, and counts how often
// it is asked for its endpoints: the log must take everything from the facts themselves.
class FakeSession final : public Session
{
public:
    FakeSession()
        : Session(Transport::Tcp, nullptr)
    {
    }

    Endpoint localEndpoint() const override
    {
        ++asked;
        return Local;
    }
    Endpoint peerEndpoint() const override
    {
        ++asked;
        return Peer;
    }
    void shutDown() override { }

    mutable int asked = 0;
};

QDateTime at(int second)
{
    return QDateTime(QDate(2026, 11, 21), QTime(13, 28, second, 286), Qt::UTC);
}

} // namespace

class tst_SessionLog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void everyFactIsARow();
    void everyFactIsARecordingLine();
    void countersCountTrafficOnce();
    void neverCallsBack();
    void autoRepliesAndNamesAreKept();
    void relayedMessageIsOneRowAndEveryWriteARecordingLine();
    void aCutDatagramSaysHowMuchArrived();

private:
    QList<QJsonObject> recorded();

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Recorder> m_recorder;
    std::unique_ptr<FakeSession> m_session;
    std::unique_ptr<SessionLog> m_log;
};

void tst_SessionLog::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_recorder = std::make_unique<Recorder>();
    QVERIFY2(m_recorder->start(m_dir->filePath(QStringLiteral("log.jsonl"))),
             qPrintable(m_recorder->errorString()));
    m_session = std::make_unique<FakeSession>();
    m_log = std::make_unique<SessionLog>(QStringLiteral("Made-up"), Transport::Tcp);
    m_log->setRecorder(m_recorder.get());
    m_log->attach(m_session.get());
}

void tst_SessionLog::cleanup()
{
    m_log.reset();
    m_session.reset();
    m_recorder.reset();
    m_dir.reset();
}

QList<QJsonObject> tst_SessionLog::recorded()
{
    m_recorder->flush();
    QList<QJsonObject> objects;
    QFile file(m_recorder->path());
    if (!file.open(QIODevice::ReadOnly))
        return objects;
    for (const QByteArray &line : file.readAll().split('\n')) {
        if (!line.isEmpty())
            objects << QJsonDocument::fromJson(line).object();
    }
    return objects;
}

// The five facts with bytes or words, each as the row the model shows, in the order stated.
void tst_SessionLog::everyFactIsARow()
{
    Q_EMIT m_session->received(QByteArray("hi\0\n", 4), Local, Peer, at(1));
    Q_EMIT m_session->sent("back", Local, OtherPeer, at(2));
    Q_EMIT m_session->framed("hi\n", Local, Peer, at(3));
    Q_EMIT m_session->noticed(QStringLiteral("Client user1 connected"), Local, Peer);
    Q_EMIT m_session->errorOccurred(QAbstractSocket::RemoteHostClosedError,
                                    QStringLiteral("reset the connection (RST)"), Local, Peer);
    LogModel *model = m_log->model();
    model->flush();
    QCOMPARE(model->rowCount(), 5);

    const LogEntry &in = model->entry(0);
    QCOMPARE(in.direction, Direction::Received);
    QCOMPARE(in.payload, QByteArray("hi\0\n", 4));
    QCOMPARE(in.local, Local);
    QCOMPARE(in.peer, Peer);
    QCOMPARE(in.time, at(1));
    QCOMPARE(in.session, QStringLiteral("Made-up"));
    QCOMPARE(in.transport, Transport::Tcp);

    const LogEntry &out = model->entry(1);
    QCOMPARE(out.direction, Direction::Sent);
    QCOMPARE(out.payload, QByteArray("back"));
    QCOMPARE(out.peer, OtherPeer);
    QCOMPARE(out.time, at(2));

    const LogEntry &message = model->entry(2);
    QVERIFY(message.isFramedMessage());
    QCOMPARE(message.payload, QByteArray("hi\n"));
    QCOMPARE(message.time, at(3));
    QVERIFY2(message.message.contains(QStringLiteral("3 bytes")), qPrintable(message.message));

    const LogEntry &notice = model->entry(3);
    QCOMPARE(notice.direction, Direction::Info);
    QCOMPARE(notice.message, QStringLiteral("Client user1 connected"));
    QCOMPARE(notice.peer, Peer);
    QVERIFY(!notice.hasPayload());

    const LogEntry &error = model->entry(4);
    QCOMPARE(error.direction, Direction::Error);
    QCOMPARE(error.message, QStringLiteral("reset the connection (RST)"));
    QCOMPARE(error.local, Local);
}

void tst_SessionLog::everyFactIsARecordingLine()
{
    Q_EMIT m_session->received(QByteArray("\xde\xad", 2), Local, Peer, at(1));
    Q_EMIT m_session->framed("x\n", Local, Peer, at(2));
    Q_EMIT m_session->noticed(QStringLiteral("Listening"), Local, {});
    Q_EMIT m_session->errorOccurred(QAbstractSocket::AddressInUseError,
                                    QStringLiteral("Port 9000 is already in use"), Local, {});
    const QList<QJsonObject> lines = recorded();
    QCOMPARE(lines.size(), 4);

    QCOMPARE(lines.at(0).value(u"kind").toString(), QStringLiteral("recv"));
    QCOMPARE(lines.at(0).value(u"proto").toString(), QStringLiteral("tcp"));
    QCOMPARE(lines.at(0).value(u"session").toString(), QStringLiteral("Made-up"));
    QCOMPARE(lines.at(0).value(u"local").toString(), QStringLiteral("[::]:9000")); // dual-stack
    QCOMPARE(lines.at(0).value(u"peer").toString(), QStringLiteral("127.0.0.1:41000"));
    QCOMPARE(lines.at(0).value(u"hex").toString(), QStringLiteral("dead"));
    QCOMPARE(lines.at(0).value(u"bytes").toInt(), 2);

    QCOMPARE(lines.at(1).value(u"kind").toString(), QStringLiteral("info"));
    QCOMPARE(lines.at(1).value(u"hex").toString(), QStringLiteral("780a"));
    QVERIFY(lines.at(1).contains(u"message"));

    QCOMPARE(lines.at(2).value(u"message").toString(), QStringLiteral("Listening"));
    QCOMPARE(lines.at(2).value(u"peer").toString(), QString());
    QVERIFY(!lines.at(2).contains(u"hex"));

    QCOMPARE(lines.at(3).value(u"kind").toString(), QStringLiteral("error"));
    QCOMPARE(lines.at(3).value(u"message").toString(), QStringLiteral("Port 9000 is already in use"));
}

// A framed message's bytes came in the chunks before it: counted once.
void tst_SessionLog::countersCountTrafficOnce()
{
    Q_EMIT m_session->received("hel", Local, Peer, at(1));
    Q_EMIT m_session->received("lo\n", Local, Peer, at(1));
    Q_EMIT m_session->framed("hello\n", Local, Peer, at(1));
    Q_EMIT m_session->sent("ok\n", Local, Peer, at(2));
    Q_EMIT m_session->errorOccurred(QAbstractSocket::NetworkError, QStringLiteral("x"), Local, Peer);
    Q_EMIT m_session->noticed(QStringLiteral("y"), Local, Peer);
    const SessionLog::Counters &c = m_log->counters();
    QCOMPARE(c.receivedMessages, quint64(2));
    QCOMPARE(c.receivedBytes, quint64(6));
    QCOMPARE(c.sentMessages, quint64(1));
    QCOMPARE(c.sentBytes, quint64(3));
    QCOMPARE(c.errors, quint64(1));
}

void tst_SessionLog::neverCallsBack()
{
    Q_EMIT m_session->received("a", Local, Peer, at(1));
    Q_EMIT m_session->sent("b", Local, Peer, at(1));
    Q_EMIT m_session->framed("a", Local, Peer, at(1));
    Q_EMIT m_session->noticed(QStringLiteral("n"), Local, Peer);
    Q_EMIT m_session->errorOccurred(QAbstractSocket::NetworkError, QStringLiteral("e"), Local, Peer);
    Q_EMIT m_session->stateChanged(Session::State::Connected, 3);
    m_log->model()->flush();
    QCOMPARE(m_log->model()->rowCount(), 5); // a state is told by the notices, not twice
    QCOMPARE(m_session->asked, 0);
}

void tst_SessionLog::autoRepliesAndNamesAreKept()
{
    Q_EMIT m_session->received("hi\n", Local, Peer, at(1), QStringLiteral("user4"));
    Q_EMIT m_session->sent("hi\n", Local, Peer, at(2), AutoReply::Echo, QStringLiteral("user4"));
    Q_EMIT m_session->sent("mine\n", Local, Peer, at(3));
    Q_EMIT m_session->noticed(QStringLiteral("n"), Local, Peer, QStringLiteral("user4"));
    LogModel *model = m_log->model();
    model->flush();
    QCOMPARE(model->rowCount(), 4);
    QCOMPARE(model->entry(0).peerName.text(), QStringLiteral("user4"));
    QCOMPARE(model->entry(1).autoReply, AutoReply::Echo);
    QCOMPARE(model->entry(1).peerName.text(), QStringLiteral("user4"));
    QCOMPARE(model->entry(2).autoReply, AutoReply::None);
    QCOMPARE(model->entry(3).peerName.text(), QStringLiteral("user4"));

    const QList<QJsonObject> lines = recorded();
    QCOMPARE(lines.size(), 4);
    QCOMPARE(lines.at(1).value(u"auto").toString(), QStringLiteral("echo"));
    QVERIFY(!lines.at(2).contains(u"auto"));
}

// A relay's writes are each recorded and counted, marked "relay", and shown as one row, from
// the relayed fact that follows them.
void tst_SessionLog::relayedMessageIsOneRowAndEveryWriteARecordingLine()
{
    const QStringList to { QStringLiteral("user2 (127.0.0.1:41000)"),
                           QStringLiteral("user3 ([::1]:41001)") };
    const Endpoint from { QHostAddress(QStringLiteral("127.0.0.1")), 40999 };
    Q_EMIT m_session->received("hi\n", Local, from, at(1), QStringLiteral("user1"));
    Q_EMIT m_session->sent("<user1> hi\n", Local, Peer, at(1), AutoReply::Relay, QStringLiteral("user2"));
    Q_EMIT m_session->sent("<user1> hi\n", Local, OtherPeer, at(1), AutoReply::Relay,
                           QStringLiteral("user3"));
    Q_EMIT m_session->relayed("<user1> hi\n", Local, from, QStringLiteral("user1"), to, at(1));
    LogModel *model = m_log->model();
    model->flush();
    QCOMPARE(model->rowCount(), 2);
    const LogEntry &row = model->entry(1);
    QCOMPARE(row.direction, Direction::Sent);
    QCOMPARE(row.autoReply, AutoReply::Relay);
    QCOMPARE(row.peer, from);
    QCOMPARE(row.peerName.text(), QStringLiteral("user1"));
    QCOMPARE(row.fanOut(), 2);
    QCOMPARE(row.message, to.join(QStringLiteral(", ")));
    QCOMPARE(row.payload, QByteArray("<user1> hi\n"));
    QCOMPARE(m_log->counters().sentMessages, quint64(2));
    QCOMPARE(m_log->counters().sentBytes, quint64(2 * 11));

    const QList<QJsonObject> lines = recorded();
    QCOMPARE(lines.size(), 3); // the received one, and each write
    for (int i : { 1, 2 }) {
        QCOMPARE(lines.at(i).value(u"kind").toString(), QStringLiteral("send"));
        QCOMPARE(lines.at(i).value(u"auto").toString(), QStringLiteral("relay"));
        QCOMPARE(lines.at(i).value(u"bytes").toInt(), 11);
    }
    QCOMPARE(lines.at(1).value(u"peer").toString(), QStringLiteral("127.0.0.1:41000"));
    QCOMPARE(lines.at(2).value(u"peer").toString(), QStringLiteral("[::1]:41001"));
}

// A datagram that a read limit cut: one row with the bytes kept, which says how many arrived
// and what became of the rest; its recording line has them in "arrived".
void tst_SessionLog::aCutDatagramSaysHowMuchArrived()
{
    const QLocale before;
    const auto restore = qScopeGuard([&before] { QLocale::setDefault(before); });
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); // "1,500"
    const QByteArray kept(1024, 'x');
    Q_EMIT m_session->received(kept, Local, Peer, at(1), {}, 1500);
    Q_EMIT m_session->received("whole", Local, Peer, at(2));
    LogModel *model = m_log->model();
    model->flush();
    QCOMPARE(model->rowCount(), 2);
    const LogEntry &row = model->entry(0);
    QCOMPARE(row.payload, kept);
    QCOMPARE(row.arrivedBytes(), 1500);
    QVERIFY(!row.isRelayed());
    QVERIFY(!model->entry(1).isCut());
    QCOMPARE(model->index(0, LogModel::DirectionColumn).data().toString(), u"Received (cut)");
    QCOMPARE(model->index(1, LogModel::DirectionColumn).data().toString(), u"Received");
    QCOMPARE(model->index(0, LogModel::SizeColumn).data().toInt(), 1024);
    const QString words = model->index(0, LogModel::DataColumn).data(Qt::ToolTipRole).toString();
    QCOMPARE(words, QStringLiteral("1,500 bytes arrived; recvfrom(1024) keeps 1,024 and the "
                                   "kernel drops the rest: UDP has no stream to read it from "
                                   "later."));
    QVERIFY(model->index(1, LogModel::DataColumn).data(Qt::ToolTipRole).isNull());
    QCOMPARE(m_log->counters().receivedBytes, quint64(1024 + 5)); // what a program read

    const QList<QJsonObject> lines = recorded();
    QCOMPARE(lines.size(), 2);
    QCOMPARE(lines.at(0).value(u"bytes").toInt(), 1024);
    QCOMPARE(lines.at(0).value(u"arrived").toInt(), 1500);
    QCOMPARE(lines.at(0).value(u"hex").toString().size(), 2 * 1024);
    QVERIFY(!lines.at(1).contains(u"arrived"));
}

QTEST_GUILESS_MAIN(tst_SessionLog)
#include "tst_sessionlog.moc"
