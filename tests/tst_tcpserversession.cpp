#include "log/logmodel.h"
#include "log/recorder.h"
#include "log/sessionlog.h"
#include "net/tcpclientsession.h"
#include "net/tcpserversession.h"
#include "net/filesender.h"
#include "slowpeer.h"

#include "outofdescriptors.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QScopeGuard>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

#include <sys/resource.h>
#include <sys/socket.h>
#include <vector>

using Ending = TcpConnection::Ending;

class tst_TcpServerSession : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void replyToAMessageThatCameWithAFinIsNotClaimed();
    void servesClients_data();
    void servesClients();
    void portInUse();
    void loopbackListenSaysWhoCanReachIt();
    void linkLocalNeedsItsInterface();
    void outOfDescriptorsToListen();
    void outOfDescriptorsPausesAccepting();
    void clientList();
    void sendToOneAndToAll();
    void kick();
    void connectionEventsSayWhatWentOnTheWire();
    void stopClosesEveryClient();
    void maxClients();
    void closesAreCountedBeforeNewcomers();
    void oneDescriptorPerClient();
    void resetWhileReadingPausedIsNamed();
    void finishReadingHandsOnWhatWasHeld();
    void pausingOneClientLeavesTheOthers();
    void echoAndTimestamp_data();
    void echoAndTimestamp();
    void echoesFramedMessages();
    void relayWithThreeClients();
    void relayWithoutNames();
    void autoRepliesAreTheirOwnRows_data();
    void autoRepliesAreTheirOwnRows();
    void relayIsOneRowPerMessage();
    void unfinishedMessageIsSaid_data();
    void unfinishedMessageIsSaid();
    void lengthPrefixIsToldApart_data();
    void lengthPrefixIsToldApart();
    void fiveHundredEchoClients();
    void sendFileToTwoClients();
    void cutOffSendingResetsTheClient();
    void cutOffFileResetsTheClient();
    void disconnectAllWaitsForTheFile();
    void cutOffWhileDisconnectAllWaitsResets();
    void aClientThatLeavesMidFileIsNamed();
};

namespace {

const QHostAddress V4(QHostAddress::LocalHost);
const QHostAddress V6(QHostAddress::LocalHostIPv6);

// A plain QTcpSocket standing in for a client program; it keeps everything it received.
struct Client
{
    QTcpSocket socket;
    QByteArray received;

    Client()
    {
        QObject::connect(&socket, &QTcpSocket::readyRead, &socket,
                         [this] { received += socket.readAll(); });
    }
    bool connectTo(const QHostAddress &address, quint16 port)
    {
        socket.connectToHost(address, port);
        return socket.state() == QAbstractSocket::ConnectedState
                || QSignalSpy(&socket, &QTcpSocket::connected).wait(10000);
    }
};

// Connects `count` clients and waits until the server has accepted each of them.
std::vector<std::unique_ptr<Client>> connectClients(TcpServerSession &server, int count,
                                                   const QHostAddress &address = V4)
{
    std::vector<std::unique_ptr<Client>> clients;
    const qsizetype before = server.clients().size();
    for (int i = 0; i < count; ++i) {
        clients.push_back(std::make_unique<Client>());
        clients.back()->socket.connectToHost(address, server.localEndpoint().port);
    }
    if (!QTest::qWaitFor([&] { return server.clients().size() >= before + count; }, 20000))
        qWarning() << "the server accepted only" << server.clients().size() - before << "clients";
    return clients;
}

// The descriptors this process has open.
qsizetype openDescriptors()
{
    return QDir(QStringLiteral("/proc/self/fd")).entryList(QDir::Files | QDir::System).size();
}

// A file of `size` zero bytes in `dir`; its path, or empty when it cannot be made.
QString zeroFile(const QTemporaryDir &dir, const QString &name, qint64 size)
{
    QFile file(dir.filePath(name));
    return file.open(QIODevice::WriteOnly) && file.resize(size) ? file.fileName() : QString();
}

// The number in a message after `before`: "… 1,234 of the bytes" → 1234.
qint64 numberBefore(const QString &message, QStringView before)
{
    const QRegularExpression pattern(QStringLiteral("([0-9][0-9,]*) ") + before);
    return pattern.match(message).captured(1).remove(u',').toLongLong();
}

// The messages of a signal's emissions: its argument `at`.
QStringList messages(const QSignalSpy &spy, int at = 0)
{
    QStringList texts;
    for (const QList<QVariant> &args : spy)
        texts << args.at(at).toString();
    return texts;
}

// What `recorder` has written so far, one object a line.
QList<QJsonObject> recordedLines(Recorder &recorder)
{
    recorder.flush();
    QList<QJsonObject> objects;
    QFile file(recorder.path());
    if (!file.open(QIODevice::ReadOnly))
        return objects;
    for (const QByteArray &line : file.readAll().split('\n')) {
        if (!line.isEmpty())
            objects << QJsonDocument::fromJson(line).object();
    }
    return objects;
}

// The text a column of the log shows for `entry`'s row.
QString cell(LogModel *model, const LogEntry *entry, LogModel::Column column)
{
    model->flush();
    for (int row = 0; row < model->rowCount(); ++row) {
        if (&model->entry(row) == entry)
            return model->index(row, column).data().toString();
    }
    return {};
}

// The rows of `direction` that carry `payload`.
QList<const LogEntry *> rowsWith(LogModel *model, Direction direction, const QByteArray &payload)
{
    model->flush();
    QList<const LogEntry *> rows;
    for (int row = 0; row < model->rowCount(); ++row) {
        const LogEntry &e = model->entry(row);
        if (e.direction == direction && e.payload == payload)
            rows << &e;
    }
    return rows;
}

} // namespace

void tst_TcpServerSession::servesClients_data()
{
    QTest::addColumn<QHostAddress>("listen");
    QTest::addColumn<QHostAddress>("connect");
    QTest::newRow("every address, IPv4 client") << QHostAddress(QHostAddress::Any) << V4;
    QTest::newRow("every address, IPv6 client") << QHostAddress(QHostAddress::Any) << V6;
    QTest::newRow("IPv4 loopback") << V4 << V4;
    QTest::newRow("IPv6 loopback") << V6 << V6;
}

void tst_TcpServerSession::servesClients()
{
    QFETCH(QHostAddress, listen);
    QFETCH(QHostAddress, connect);
    TcpServerSession server;
    QSignalSpy notices(&server, &TcpServerSession::noticed);
    QVERIFY(server.listen(listen, 0));
    QVERIFY(server.isListening());
    QVERIFY(server.localEndpoint().port != 0);

    QSignalSpy accepted(&server, &TcpServerSession::clientConnected);
    Client client;
    QVERIFY(client.connectTo(connect, server.localEndpoint().port));
    QTRY_COMPARE_WITH_TIMEOUT(accepted.size(), 1, 10000);
    TcpConnection *peer = server.clients().constFirst();
    // IPv4 clients of a dual-stack server are shown as IPv4, not ::ffff:127.0.0.1.
    QCOMPARE(peer->peerEndpoint().toString(),
             Endpoint::format(connect, client.socket.localPort()));
    QCOMPARE(peer->name(), QStringLiteral("user1"));

    QSignalSpy received(peer, &TcpConnection::received);
    client.socket.write("ping");
    QVERIFY(received.wait(10000));
    QCOMPARE(received.constFirst().constFirst().toByteArray(), QByteArray("ping"));
    QCOMPARE(server.sendToAll("pong"), 1);
    QTRY_COMPARE_WITH_TIMEOUT(client.received, QByteArray("pong"), 10000);

    // Messages seconds apart on one connection all arrive: nothing times the connection out.
    QSignalSpy more(peer, &TcpConnection::received);
    client.socket.write("later");
    QVERIFY(more.wait(10000));
    QVERIFY(peer->isOpen());
    QVERIFY2(messages(notices).join(u'\n').contains(u"Client user1 connected from "
                                                    + peer->peerEndpoint().toString()),
             qPrintable(messages(notices).join(u'\n')));
}

// Listening on 127.0.0.1 says that other machines cannot connect; every address does not.
void tst_TcpServerSession::loopbackListenSaysWhoCanReachIt()
{
    TcpServerSession loopback;
    QSignalSpy loopbackNotices(&loopback, &TcpServerSession::noticed);
    QVERIFY(loopback.listen(V4, 0));
    const QString said = loopbackNotices.constLast().constFirst().toString();
    QVERIFY2(said.startsWith(u"Listening on 127.0.0.1:")
                     && said.contains(u"Only programs on this machine can reach 127.0.0.1"),
             qPrintable(said));
    TcpServerSession everywhere;
    QSignalSpy everywhereNotices(&everywhere, &TcpServerSession::noticed);
    QVERIFY(everywhere.listen(QHostAddress(QHostAddress::Any), 0));
    const QString open = everywhereNotices.constLast().constFirst().toString();
    QVERIFY2(open.startsWith(u"Listening on ") && !open.contains(u"loopback"), qPrintable(open));
}

void tst_TcpServerSession::portInUse()
{
    TcpServerSession first;
    QVERIFY(first.listen(V4, 0));
    const quint16 port = first.localEndpoint().port;
    TcpServerSession second;
    QSignalSpy errors(&second, &TcpServerSession::errorOccurred);
    QVERIFY(!second.listen(V4, port));
    QCOMPARE(errors.size(), 1);
    QCOMPARE(errors.constFirst().at(0).value<QAbstractSocket::SocketError>(),
             QAbstractSocket::AddressInUseError);
    const QString message = errors.constFirst().at(1).toString();
    QVERIFY2(message.startsWith(u"Port " + QString::number(port) + u" is already in use"),
             qPrintable(message));
    QVERIFY(!second.isListening());
}

// Listening on a link-local address without its interface names the fix, like a UDP bind.
void tst_TcpServerSession::linkLocalNeedsItsInterface()
{
    TcpServerSession session;
    QSignalSpy errors(&session, &TcpServerSession::errorOccurred);
    QVERIFY(!session.listen(QHostAddress(QStringLiteral("fe80::1")), 0));
    QCOMPARE(errors.size(), 1);
    const QString message = errors.constFirst().at(1).toString();
    QVERIFY2(message.contains(QStringLiteral("link-local"))
                     && message.contains(QStringLiteral("for example fe80::1%")),
             qPrintable(message));
}

// Out of descriptors (ulimit -n), there is no socket to listen on: the row says so and what to
// do, where Qt said "Out of resources".
void tst_TcpServerSession::outOfDescriptorsToListen()
{
#if defined(SOCKSCOPE_SANITIZED)
    QSKIP("Out of descriptors, the sanitizers' own checks fail; the normal pass runs this.");
#endif
    TcpServerSession session;
    QSignalSpy errors(&session, &TcpServerSession::errorOccurred);
    {
        const OutOfDescriptors exhausted;
        QVERIFY(exhausted.isExhausted());
        QVERIFY(!session.listen(V6, 0));
    }
    QVERIFY(!session.isListening());
    QCOMPARE(errors.size(), 1);
    QCOMPARE(errors.constFirst().at(0).value<QAbstractSocket::SocketError>(),
             QAbstractSocket::SocketResourceError);
    const QString message = errors.constFirst().at(1).toString();
    QVERIFY2(message.startsWith(QStringLiteral("Cannot listen on [::1]:0: this program has as "
                                               "many files and sockets open as it may"))
                     && message.contains(QStringLiteral("ulimit -n")),
             qPrintable(message));
    QVERIFY(session.listen(V6, 0)); // descriptors again: it listens
}

// Out of descriptors (ulimit -n), the server stops accepting with one row in plain words,
// uses no processor while the clients wait in the backlog (Qt alone retried accept() in a busy
// loop, without a word), and takes them in as others leave.
void tst_TcpServerSession::outOfDescriptorsPausesAccepting()
{
#if defined(SOCKSCOPE_SANITIZED)
    // The sanitizer pass builds with UBSan too, whose type checks read /proc/self/maps: a
    // process out of descriptors cannot, and they report every call as a bad type.
    QSKIP("Out of descriptors, the sanitizers' own checks fail; the normal pass runs this.");
#endif
    TcpServerSession session;
    QVERIFY(session.listen(V4, 0));
    // The clients live in another process, so that only the server's descriptors are ours.
    const char *const clients = R"(
import socket, sys
print("started", flush=True)
sys.stdin.readline()
held = [socket.create_connection(("127.0.0.1", int(sys.argv[1]))) for _ in range(20)]
print("connected", flush=True)
sys.stdin.readline()
for s in held[:6]:
    s.close()
print("closed", flush=True)
sys.stdin.readline()
)";
    QProcess python;
    python.start(QStringLiteral("python3"),
                 { QStringLiteral("-c"), QString::fromLatin1(clients),
                   QString::number(session.localEndpoint().port) });
    QVERIFY2(python.waitForStarted(10000), qPrintable(python.errorString()));
    const auto end = qScopeGuard([&python] {
        python.kill();
        python.waitForFinished(10000);
    });
    QTRY_VERIFY_WITH_TIMEOUT(python.canReadLine(), 10000);
    QCOMPARE(python.readLine().trimmed(), QByteArray("started"));

    // Room for a few clients above what is open now.
    const qsizetype open = QDir(QStringLiteral("/proc/self/fd"))
                                   .entryList(QDir::AllEntries | QDir::System | QDir::NoDotAndDotDot)
                                   .size();
    rlimit original {};
    QCOMPARE(getrlimit(RLIMIT_NOFILE, &original), 0);
    const auto restore = qScopeGuard([&original] { setrlimit(RLIMIT_NOFILE, &original); });
    rlimit limited = original;
    limited.rlim_cur = rlim_t(open + 8);
    QCOMPARE(setrlimit(RLIMIT_NOFILE, &limited), 0);

    QSignalSpy errors(&session, &TcpServerSession::errorOccurred);
    QSignalSpy connected(&session, &TcpServerSession::clientConnected);
    python.write("go\n");
    QTRY_VERIFY_WITH_TIMEOUT(python.canReadLine(), 10000);
    QCOMPARE(python.readLine().trimmed(), QByteArray("connected"));
    QTRY_COMPARE_WITH_TIMEOUT(errors.count(), 1, 10000);
    QCOMPARE(errors.at(0).at(0).value<QAbstractSocket::SocketError>(),
             QAbstractSocket::SocketResourceError);
    const QString message = errors.at(0).at(1).toString();
    QVERIFY2(message.contains(u"ulimit -n") && message.contains(u"Max clients")
                     && message.contains(QString::number(open + 8)),
             qPrintable(message));
    const qsizetype served = connected.count();
    QVERIFY(served > 0 && served < 20);

    // Paused, not retrying: half a second of waiting costs next to no processor time.
    rusage before {};
    getrusage(RUSAGE_SELF, &before);
    QTest::qWait(500); // a window to measure in, not a wait for something
    rusage after {};
    getrusage(RUSAGE_SELF, &after);
    const auto micros = [](const rusage &u) {
        return qint64(u.ru_utime.tv_sec + u.ru_stime.tv_sec) * 1'000'000 + u.ru_utime.tv_usec
                + u.ru_stime.tv_usec;
    };
    QVERIFY2(micros(after) - micros(before) < 200'000,
             qPrintable(QString::number(micros(after) - micros(before))));
    QCOMPARE(connected.count(), served);

    // Clients leave; the ones waiting are taken in, and the error is not said again.
    python.write("close\n");
    QTRY_VERIFY_WITH_TIMEOUT(connected.count() > served, 10000);
    QCOMPARE(errors.count(), 1);
    python.write("end\n");
}

void tst_TcpServerSession::clientList()
{
    TcpServerSession server;
    QVERIFY(server.listen(V4, 0));
    const QDateTime before = QDateTime::currentDateTime();
    auto clients = connectClients(server, 3);
    QCOMPARE(server.clients().size(), 3);
    QStringList names;
    for (const TcpConnection *c : server.clients()) {
        names << c->name();
        QVERIFY(c->connectedSince() >= before.addMSecs(-1));
    }
    QCOMPARE(names, (QStringList { u"user1"_qs, u"user2"_qs, u"user3"_qs }));

    clients[1]->socket.write("12345");
    TcpConnection *second = server.client(2);
    QTRY_COMPARE_WITH_TIMEOUT(second->bytesReceived(), quint64(5), 10000);
    QVERIFY(server.send("abc", { 2 }));
    QCOMPARE(second->bytesSent(), quint64(3));
    QCOMPARE(server.client(1)->bytesReceived(), quint64(0));
}

void tst_TcpServerSession::sendToOneAndToAll()
{
    TcpServerSession server;
    QVERIFY(server.listen(V4, 0));
    auto clients = connectClients(server, 3);
    QCOMPARE(server.clients().size(), 3);
    QVERIFY(server.send("only you\n", { server.clients().at(1)->id() }));
    QTRY_COMPARE_WITH_TIMEOUT(clients[1]->received, QByteArray("only you\n"), 10000);
    QVERIFY(server.sendToAll("everyone\n"));
    for (const auto &c : clients)
        QTRY_VERIFY_WITH_TIMEOUT(c->received.endsWith("everyone\n"), 10000);
    QCOMPARE(clients[0]->received, QByteArray("everyone\n"));
    QCOMPARE(clients[2]->received, QByteArray("everyone\n"));

    QSignalSpy errors(&server, &TcpServerSession::errorOccurred);
    QVERIFY(!server.send("nobody", {}));
    QCOMPARE(errors.size(), 1);
    QVERIFY(errors.constFirst().at(1).toString().contains(u"no client is selected"));
    // Nothing goes to a client that is not there, and the session says so.
    QVERIFY(!server.send("nobody\n", { 999 }));
    QCOMPARE(errors.size(), 2);
    QVERIFY2(errors.constLast().at(1).toString().contains(u"closing or gone"),
             qPrintable(errors.constLast().at(1).toString()));
}

// A file to two of three clients: both get every byte, the third nothing.
void tst_TcpServerSession::sendFileToTwoClients()
{
    QTemporaryDir dir;
    QByteArray bytes(3 * FileSender::PieceBytes + 77, Qt::Uninitialized);
    for (qsizetype i = 0; i < bytes.size(); ++i)
        bytes[i] = char((i * 17 + i / 4099) & 0xff);
    QFile file(dir.filePath(QStringLiteral("firmware.bin")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    QCOMPARE(file.write(bytes), bytes.size());
    file.close();
    TcpServerSession server;
    QVERIFY(server.listen(V4, 0));
    auto clients = connectClients(server, 3);
    QSignalSpy ended(&server, &TcpServerSession::fileEnded);
    QVERIFY(server.sendFile(file.fileName(), { server.clients().at(0)->id(), server.clients().at(2)->id() }));
    QVERIFY(ended.wait(60000));
    QCOMPARE(ended.at(0).at(0).toBool(), true);
    QTRY_VERIFY_WITH_TIMEOUT(clients[0]->received.size() == bytes.size()
                                     && clients[2]->received.size() == bytes.size(),
                             60000);
    QVERIFY(clients[0]->received == bytes);
    QVERIFY(clients[2]->received == bytes);
    QVERIFY(clients[1]->received.isEmpty());
    // No client selected: refused, as for a message.
    QSignalSpy errors(&server, &TcpServerSession::errorOccurred);
    QVERIFY(!server.sendFile(file.fileName(), {}));
    QVERIFY(errors.constLast().at(1).toString().contains(u"no client is selected"));
}

// Cutting off a send resets the connection, so that the peer does not take what it got for
// the whole, and says how many bytes never reached it: exactly what the peer lacks.
void tst_TcpServerSession::cutOffSendingResetsTheClient()
{
    TcpServerSession server;
    QVERIFY(server.listen(V4, 0));
    SlowPeer reader(server);
    QTRY_COMPARE_WITH_TIMEOUT(server.clients().size(), 1, 10000);
    TcpConnection *connection = server.clients().constFirst();
    const QByteArray data(10 << 20, 'c');
    QVERIFY(server.sendToAll(data));
    QCOMPARE(server.connectionsSending(), QList<TcpConnection *> { connection });
    QVERIFY(server.bytesToSend() > 0);
    // What the question says the peer has not received yet is what the reset keeps from it.
    const qint64 notDelivered = server.bytesNotDelivered();
    QVERIFY(notDelivered >= server.bytesToSend());
    QSignalSpy closed(connection, &TcpConnection::closed);
    server.cutOffSending();
    QCOMPARE(closed.size(), 1);
    QCOMPARE(closed.constFirst().at(0).value<Ending>(), Ending::AbortedByUs);
    const QString message = closed.constFirst().at(1).toString();
    QVERIFY2(message.contains(u"(RST sent)") && message.contains(u"not a clean end"),
             qPrintable(message));
    const qint64 cut = numberBefore(message, u"of the bytes sent never reached it");
    QCOMPARE(cut, notDelivered);
    QCOMPARE(reader.readToTheEnd(), std::optional(Ending::ResetByPeer));
    QCOMPARE(reader.received + cut, data.size());
}

// A file being sent is cut off as a whole: its connections are reset, and the log says how
// far it got.
void tst_TcpServerSession::cutOffFileResetsTheClient()
{
    QTemporaryDir dir;
    const QString path = zeroFile(dir, QStringLiteral("large.bin"), 64 * FileSender::PieceBytes);
    QVERIFY(!path.isEmpty());
    TcpServerSession server;
    QVERIFY(server.listen(V4, 0));
    SlowPeer reader(server);
    QTRY_COMPARE_WITH_TIMEOUT(server.clients().size(), 1, 10000);
    QSignalSpy ended(&server, &TcpServerSession::fileEnded);
    QSignalSpy errors(&server, &TcpServerSession::errorOccurred);
    QVERIFY(server.sendFile(path, { server.clients().constFirst()->id() }));
    QVERIFY(server.bytesToSend() > 32 * FileSender::PieceBytes);
    server.cutOffSending();
    QCOMPARE(ended.size(), 1);
    QCOMPARE(ended.constFirst().constFirst().toBool(), false);
    // The file and the reset lost bytes on the way: error rows, not notices.
    const QString said = messages(errors, 1).join(u'\n');
    QCOMPARE(errors.size(), 2);
    QVERIFY2(said.contains(u"Cut off sending large.bin after") && said.contains(u"(RST sent)"),
             qPrintable(said));
    QCOMPARE(server.bytesToSend(), 0);
    QCOMPARE(reader.readToTheEnd(), std::optional(Ending::ResetByPeer));
}

// Disconnect All (and Stop) close gracefully: a file being sent arrives whole first.
void tst_TcpServerSession::disconnectAllWaitsForTheFile()
{
    QTemporaryDir dir;
    const QString path = zeroFile(dir, QStringLiteral("whole.bin"), 8 * FileSender::PieceBytes + 5);
    QVERIFY(!path.isEmpty());
    TcpServerSession server;
    QVERIFY(server.listen(V4, 0));
    SlowPeer reader(server);
    QTRY_COMPARE_WITH_TIMEOUT(server.clients().size(), 1, 10000);
    QSignalSpy ended(&server, &TcpServerSession::fileEnded);
    QVERIFY(server.sendFile(path, { server.clients().constFirst()->id() }));
    server.disconnectAll();
    reader.startReading();
    QVERIFY(ended.wait(60000));
    QCOMPARE(ended.constFirst().constFirst().toBool(), true);
    QCOMPARE(reader.readToTheEnd(), std::optional(Ending::ClosedByPeer));
    QCOMPARE(reader.received, QFileInfo(path).size());
}

// Disconnect All waits for a file; cut off meanwhile, the client is reset all the same, never
// closed as if the file had ended.
void tst_TcpServerSession::cutOffWhileDisconnectAllWaitsResets()
{
    QTemporaryDir dir;
    const QString path = zeroFile(dir, QStringLiteral("cut.bin"), 64 * FileSender::PieceBytes);
    QVERIFY(!path.isEmpty());
    TcpServerSession server;
    QVERIFY(server.listen(V4, 0));
    SlowPeer reader(server);
    QTRY_COMPARE_WITH_TIMEOUT(server.clients().size(), 1, 10000);
    server.setThrottled(true); // the file waits between pieces: nothing of it may be queued
    QVERIFY(server.sendFile(path, { server.clients().constFirst()->id() }));
    server.disconnectAll();
    server.cutOffSending();
    QCOMPARE(reader.readToTheEnd(), std::optional(Ending::ResetByPeer));
}

// One of two clients leaves while the file goes: the other gets it all, and the transfer is
// not called complete, naming the one that did not.
void tst_TcpServerSession::aClientThatLeavesMidFileIsNamed()
{
    QTemporaryDir dir;
    QFile file(dir.filePath(QStringLiteral("big.bin")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    const QByteArray bytes(32 * FileSender::PieceBytes, 'f');
    QCOMPARE(file.write(bytes), bytes.size());
    file.close();
    TcpServerSession server;
    QVERIFY(server.listen(V4, 0));
    auto clients = connectClients(server, 2);
    const int reader = server.clients().at(0)->id();
    const int leaver = server.clients().at(1)->id();
    const QString leaverPeer = server.clients().at(1)->peerEndpoint().toString();
    QSignalSpy ended(&server, &TcpServerSession::fileEnded);
    QSignalSpy errors(&server, &TcpServerSession::errorOccurred);
    QVERIFY(server.sendFile(file.fileName(), { reader, leaver }));
    clients[1]->socket.abort(); // the program there ends
    QVERIFY(ended.wait(60000));
    QCOMPARE(ended.at(0).at(0).toBool(), false);
    const QString message = errors.constLast().at(1).toString();
    QVERIFY2(message.contains(u"Sent all of big.bin") && message.contains(leaverPeer)
                     && message.contains(u"did not arrive there whole"),
             qPrintable(message));
    QTRY_COMPARE_WITH_TIMEOUT(clients[0]->received.size(), bytes.size(), 60000);
}

void tst_TcpServerSession::kick()
{
    TcpServerSession server;
    QVERIFY(server.listen(V4, 0));
    auto clients = connectClients(server, 3);
    QCOMPARE(server.clients().size(), 3);
    QSignalSpy gone(&server, &TcpServerSession::clientDisconnected);
    QSignalSpy kicked(&clients[0]->socket, &QTcpSocket::disconnected);
    server.disconnectClients({ server.clients().at(0)->id() });
    QVERIFY(kicked.wait(10000));
    QTRY_COMPARE_WITH_TIMEOUT(gone.size(), 1, 10000);
    QCOMPARE(server.clients().size(), 2);
    QCOMPARE(clients[1]->socket.state(), QAbstractSocket::ConnectedState);

    server.disconnectAll();
    QTRY_COMPARE_WITH_TIMEOUT(gone.size(), 3, 10000);
    QVERIFY(server.clients().isEmpty());
    QVERIFY(server.isListening()); // kicking everyone keeps the server up
}

// The rows of a connection's opening and end carry what it put on the wire (the sequence
// diagram draws them from it), on both ends: a client that connects and a server that
// accepts; a client that closes (FIN) and a server that closes its end (FIN).
void tst_TcpServerSession::connectionEventsSayWhatWentOnTheWire()
{
    TcpServerSession server;
    SessionLog serverLog(QStringLiteral("TCP Server"), Transport::Tcp);
    serverLog.attach(&server);
    QVERIFY(server.listen(V4, 0));
    TcpClientSession client;
    SessionLog clientLog(QStringLiteral("TCP Client"), Transport::Tcp);
    clientLog.attach(&client);
    const auto eventsOf = [](SessionLog &log) {
        log.model()->flush();
        QList<TcpEvent> events;
        for (int row = 0; row < log.model()->rowCount(); ++row) {
            if (const TcpEvent event = log.model()->entry(row).tcpEvent(); event != TcpEvent::None)
                events << event;
        }
        return events;
    };
    client.connectToHost(QStringLiteral("127.0.0.1"), server.localEndpoint().port);
    QTRY_COMPARE_WITH_TIMEOUT(server.clients().size(), 1, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(client.state(), Session::State::Connected, 10000);
    QCOMPARE(eventsOf(clientLog), QList<TcpEvent> { TcpEvent::Connected });
    QCOMPARE(eventsOf(serverLog), QList<TcpEvent> { TcpEvent::Accepted });
    const Endpoint clientEnd = client.localEndpoint();
    QVERIFY(!clientEnd.isNull());
    client.disconnectFromHost();
    QTRY_VERIFY_WITH_TIMEOUT(server.clients().isEmpty(), 10000);
    QTRY_COMPARE_WITH_TIMEOUT(client.state(), Session::State::Closed, 10000);
    QCOMPARE(eventsOf(clientLog), (QList<TcpEvent> { TcpEvent::Connected, TcpEvent::ClosedByUs }));
    QCOMPARE(eventsOf(serverLog), (QList<TcpEvent> { TcpEvent::Accepted, TcpEvent::ClosedByPeer }));
    // The marked rows name the peer, whom the diagram draws the segments to.
    for (int row = 0; row < serverLog.model()->rowCount(); ++row) {
        const LogEntry &e = serverLog.model()->entry(row);
        if (e.tcpEvent() != TcpEvent::None)
            QCOMPARE(e.peer.toString(), clientEnd.toString());
    }
}

void tst_TcpServerSession::stopClosesEveryClient()
{
    TcpServerSession server;
    SessionLog log(QStringLiteral("TCP Server"), Transport::Tcp);
    log.attach(&server);
    QVERIFY(server.listen(V4, 0));
    const quint16 port = server.localEndpoint().port;
    auto clients = connectClients(server, 3);
    QCOMPARE(server.clients().size(), 3);
    QSignalSpy gone(&server, &TcpServerSession::clientDisconnected);
    server.stop();
    QVERIFY(!server.isListening());
    QTRY_COMPARE_WITH_TIMEOUT(gone.size(), 3, 10000);
    for (const auto &c : clients) {
        QTRY_COMPARE_WITH_TIMEOUT(c->socket.state(), QAbstractSocket::UnconnectedState, 10000);
    }
    // Each close is a log row naming its client.
    log.model()->flush();
    int closeRows = 0;
    for (int row = 0; row < log.model()->rowCount(); ++row) {
        const LogEntry &e = log.model()->entry(row);
        if (e.direction == Direction::Info && e.message.startsWith(u"Closed the connection to "))
            ++closeRows;
    }
    QCOMPARE(closeRows, 3);
    // The port is free again.
    TcpServerSession again;
    QVERIFY(again.listen(V4, port));
}

void tst_TcpServerSession::maxClients()
{
    TcpServerSession server;
    server.setMaxClients(2);
    QSignalSpy notices(&server, &TcpServerSession::noticed);
    QVERIFY(server.listen(V4, 0));
    auto clients = connectClients(server, 2);
    QCOMPARE(server.clients().size(), 2);
    Client third;
    QVERIFY(third.connectTo(V4, server.localEndpoint().port)); // the kernel completes it
    const quint16 thirdPort = third.socket.localPort();
    QSignalSpy closed(&third.socket, &QTcpSocket::disconnected);
    QVERIFY(closed.wait(10000));
    QCOMPARE(server.clients().size(), 2);
    const QString all = messages(notices).join(u'\n');
    QVERIFY2(all.contains(u"Turned 127.0.0.1:" + QString::number(thirdPort)
                          + u" away: 2 clients are connected, the maximum"),
             qPrintable(all));
    // The first two are still served.
    QCOMPARE(server.clients().size(), 2);
    QVERIFY(server.sendToAll("still here"));
    for (const auto &c : clients)
        QTRY_COMPARE_WITH_TIMEOUT(c->received, QByteArray("still here"), 10000);
}

// Max clients counts the connections that are really open: clients that came and went at once,
// in rounds, are never turned away for a maximum that the ones already gone filled. (Their
// closes waited behind the next round's connections, and 3,000 of 5,000 were turned away.)
void tst_TcpServerSession::closesAreCountedBeforeNewcomers()
{
    TcpServerSession server;
    server.setMaxClients(30);
    QVERIFY(server.listen(V4, 0));
    QSignalSpy notices(&server, &TcpServerSession::noticed);
    QSignalSpy connected(&server, &TcpServerSession::clientConnected);
    const char *const rounds = R"(
import socket, sys
port = int(sys.argv[1])
for _ in range(10):
    held = [socket.create_connection(("127.0.0.1", port)) for _ in range(25)]
    for s in held:
        s.close()
print("done", flush=True)
)";
    QProcess python;
    python.start(QStringLiteral("python3"),
                 { QStringLiteral("-c"), QString::fromLatin1(rounds),
                   QString::number(server.localEndpoint().port) });
    QVERIFY2(python.waitForStarted(10000), qPrintable(python.errorString()));
    QTRY_VERIFY_WITH_TIMEOUT(python.canReadLine(), 30000);
    QCOMPARE(python.readLine().trimmed(), QByteArray("done"));
    QTRY_COMPARE_WITH_TIMEOUT(python.state(), QProcess::NotRunning, 10000);
    // Every one of the 250 is taken in (at most 25 were open at once), and none turned away.
    QTRY_COMPARE_WITH_TIMEOUT(connected.count(), 250, 30000);
    const QString all = messages(notices).join(u'\n');
    QVERIFY2(!all.contains(u"Turned"), qPrintable(all.left(2000)));
    QTRY_COMPARE_WITH_TIMEOUT(server.clients().size(), 0, 30000);
}

// A client costs the server one descriptor, so that Max clients and `ulimit -n` mean what they
// say. (A duplicate kept to tell FIN from RST halved the clients a limit allowed.)
void tst_TcpServerSession::oneDescriptorPerClient()
{
#ifndef Q_OS_LINUX
    QSKIP("counts descriptors in /proc/self/fd");
#endif
    TcpServerSession server;
    QVERIFY(server.listen(V4, 0));
    const qsizetype before = openDescriptors();
    constexpr int Count = 40;
    auto clients = connectClients(server, Count);
    QCOMPARE(server.clients().size(), Count);
    // One for each client's own socket, in this process too, and one for the server's side.
    QCOMPARE(openDescriptors() - before, 2 * Count);

    // FIN and RST are still told apart, on that one descriptor.
    QSignalSpy first(server.clients().at(0), &TcpConnection::closed);
    QSignalSpy second(server.clients().at(1), &TcpConnection::closed);
    clients.at(0)->socket.disconnectFromHost();
    const linger option { 1, 0 }; // zero linger: close() sends RST
    QCOMPARE(::setsockopt(int(clients.at(1)->socket.socketDescriptor()), SOL_SOCKET, SO_LINGER,
                          &option, sizeof option),
             0);
    clients.at(1)->socket.abort();
    QTRY_COMPARE_WITH_TIMEOUT(first.size(), 1, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(second.size(), 1, 10000);
    QCOMPARE(first.constFirst().constFirst().value<Ending>(), Ending::ClosedByPeer);
    QCOMPARE(second.constFirst().constFirst().value<Ending>(), Ending::ResetByPeer);
}

// A reset that arrives while the server is not reading (the recording is behind) is still
// called a reset once reading resumes, and what arrived before it is handed on.
void tst_TcpServerSession::resetWhileReadingPausedIsNamed()
{
#ifndef Q_OS_LINUX
    QSKIP("provokes RST with SO_LINGER");
#endif
    TcpServerSession server;
    QVERIFY(server.listen(V4, 0));
    auto clients = connectClients(server, 1);
    QCOMPARE(server.clients().size(), 1);
    TcpConnection *connection = server.clients().constFirst();
    QSignalSpy received(connection, &TcpConnection::received);
    QSignalSpy closed(connection, &TcpConnection::closed);
    connection->setThrottled(true);
    // More than the connection's read buffer: part of it waits in the kernel.
    const QByteArray data(3 << 20, 'r');
    QTcpSocket &client = clients.front()->socket;
    client.write(data);
    QTRY_COMPARE_WITH_TIMEOUT(client.bytesToWrite(), 0, 20000);
    const linger option { 1, 0 };
    QCOMPARE(::setsockopt(int(client.socketDescriptor()), SOL_SOCKET, SO_LINGER, &option,
                          sizeof option),
             0);
    client.abort();
    connection->setThrottled(false);
    QTRY_COMPARE_WITH_TIMEOUT(closed.size(), 1, 20000);
    QCOMPARE(closed.constFirst().constFirst().value<Ending>(), Ending::ResetByPeer);
    QVERIFY2(closed.constFirst().at(1).toString().contains(u"(RST)"),
             qPrintable(closed.constFirst().at(1).toString()));
}

// Before quitting, what a throttled connection read and held is handed on, and from then on
// nothing is held back, throttled or not: the recording gets every chunk read.
void tst_TcpServerSession::finishReadingHandsOnWhatWasHeld()
{
    TcpServerSession server;
    QVERIFY(server.listen(V4, 0));
    auto clients = connectClients(server, 2);
    QCOMPARE(server.clients().size(), 2);
    qint64 received = 0;
    connect(&server, &Session::received, this,
            [&received](const QByteArray &bytes) { received += bytes.size(); });
    server.setThrottled(true);
    const QByteArray data(100'000, 'h');
    for (const auto &client : clients)
        client->socket.write(data);
    QTRY_VERIFY_WITH_TIMEOUT(server.clients().at(0)->bytesWaiting() == data.size()
                                     && server.clients().at(1)->bytesWaiting() == data.size(),
                             20000);
    QCOMPARE(received, 0);
    QCOMPARE(server.readNotHandedOut(), 2);
    QCOMPARE(server.finishReading(), 2);
    server.setThrottled(true); // the recording is still behind: it holds nothing back now
    QTRY_COMPARE_WITH_TIMEOUT(received, 2 * data.size(), 20000);
    QCOMPARE(server.readNotHandedOut(), 0);
    clients.front()->socket.write(data);
    QTRY_COMPARE_WITH_TIMEOUT(received, 3 * data.size(), 20000);
}

// Pause reading is per client: the paused one's bytes wait (and get no echo) while the others
// are served; its notices and facts name it; resumed, it is answered.
void tst_TcpServerSession::pausingOneClientLeavesTheOthers()
{
    TcpServerSession server;
    server.setAutoReply(AutoReply::Echo);
    QVERIFY(server.listen(V4, 0));
    auto clients = connectClients(server, 2);
    QCOMPARE(server.clients().size(), 2);
    TcpConnection *second = server.clients().at(1);
    QSignalSpy changes(&server, &Session::readingPausedChanged);
    QSignalSpy notices(&server, &Session::noticed);
    server.setReadingPaused({ second->id() }, true);
    QVERIFY(second->isReadingPaused());
    QVERIFY(!server.clients().at(0)->isReadingPaused());
    QCOMPARE(changes.size(), 1);
    QCOMPARE(changes.constFirst().at(4).toString(), QStringLiteral("user2"));
    const QString notice = notices.constLast().at(0).toString();
    QVERIFY2(notice.startsWith(u"Reading paused: what user2 (127.0.0.1:"), qPrintable(notice));
    QCOMPARE(notices.constLast().at(3).toString(), QStringLiteral("user2"));
    clients[1]->socket.write("second");
    clients[0]->socket.write("first");
    QTRY_COMPARE_WITH_TIMEOUT(clients[0]->received, QByteArray("first"), 10000);
#ifdef Q_OS_LINUX
    QTRY_VERIFY_WITH_TIMEOUT(second->bytesInReceiveQueue() + second->bytesWaiting() == 6, 10000);
#endif
    QCOMPARE(second->bytesReceived(), quint64(0));
    QVERIFY(clients[1]->received.isEmpty());
    server.setReadingPaused({ second->id() }, false);
    QCOMPARE(changes.size(), 2);
    QCOMPARE(changes.constLast().at(0).toBool(), false);
    QTRY_COMPARE_WITH_TIMEOUT(clients[1]->received, QByteArray("second"), 10000);
}

void tst_TcpServerSession::echoAndTimestamp_data()
{
    QTest::addColumn<AutoReply>("mode");
    QTest::addColumn<QString>("pattern");
    QTest::newRow("echo") << AutoReply::Echo << QStringLiteral(R"(^hello\r\n$)");
    QTest::newRow("timestamp")
            << AutoReply::Timestamp
            << QStringLiteral(R"(^\[(Mon|Tue|Wed|Thu|Fri|Sat|Sun) [A-Z][a-z]{2} [ 123]\d )"
                              R"(\d\d:\d\d:\d\d \d{4}\] hello\r\n$)");
}

void tst_TcpServerSession::echoAndTimestamp()
{
    QFETCH(AutoReply, mode);
    QFETCH(QString, pattern);
    TcpServerSession server;
    server.setAutoReply(mode);
    QVERIFY(server.listen(V4, 0));
    Client client;
    QVERIFY(client.connectTo(V4, server.localEndpoint().port));
    client.socket.write("hello\r\n");
    QTRY_VERIFY_WITH_TIMEOUT(client.received.endsWith("\r\n"), 10000);
    const QString reply = QString::fromLatin1(client.received);
    QVERIFY2(QRegularExpression(pattern).match(reply).hasMatch(), qPrintable(reply));
}

// With a framing, auto-replies answer each complete message, not each chunk.
void tst_TcpServerSession::echoesFramedMessages()
{
    TcpServerSession server;
    server.setAutoReply(AutoReply::Timestamp);
    server.setFramer(StreamFramer(StreamFramer::Framing::Lf));
    QVERIFY(server.listen(V4, 0));
    Client client;
    QVERIFY(client.connectTo(V4, server.localEndpoint().port));
    client.socket.write("one\ntw");
    QTRY_VERIFY_WITH_TIMEOUT(client.received.endsWith("one\n"), 10000);
    client.socket.write("o\n");
    QTRY_VERIFY_WITH_TIMEOUT(client.received.endsWith("two\n"), 10000);
    QCOMPARE(client.received.count('['), 2);
}

void tst_TcpServerSession::relayWithThreeClients()
{
    TcpServerSession server;
    server.setAutoReply(AutoReply::Relay);
    QVERIFY(server.listen(V4, 0));
    auto clients = connectClients(server, 3);
    QCOMPARE(server.clients().size(), 3);
    Client &a = *clients[0];
    Client &b = *clients[1];
    Client &c = *clients[2];
    QTRY_VERIFY_WITH_TIMEOUT(c.received.contains("You are user3. Also here: user1, user2."),
                             10000);
    QTRY_VERIFY_WITH_TIMEOUT(a.received.contains("<announce> user3 joined from 127.0.0.1:"),
                             10000);
    a.received.clear();
    b.received.clear();
    c.received.clear();

    a.socket.write("hi all\n");
    QTRY_COMPARE_WITH_TIMEOUT(b.received, QByteArray("<user1> hi all\n"), 10000);
    QTRY_COMPARE_WITH_TIMEOUT(c.received, QByteArray("<user1> hi all\n"), 10000);
    c.socket.write("hello user1\n");
    QTRY_COMPARE_WITH_TIMEOUT(a.received, QByteArray("<user3> hello user1\n"), 10000);
    QTRY_COMPARE_WITH_TIMEOUT(b.received, QByteArray("<user1> hi all\n<user3> hello user1\n"),
                              10000);
    QCOMPARE(c.received, QByteArray("<user1> hi all\n")); // nobody hears their own echo

    b.socket.disconnectFromHost();
    QTRY_VERIFY_WITH_TIMEOUT(a.received.endsWith("<announce> user2 left.\n"), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(c.received.endsWith("<announce> user2 left.\n"), 10000);
}

void tst_TcpServerSession::relayWithoutNames()
{
    TcpServerSession server;
    server.setAutoReply(AutoReply::Relay);
    server.setRelayNames(false);
    server.setAnnounces(false);
    QVERIFY(server.listen(V4, 0));
    auto clients = connectClients(server, 2);
    QCOMPARE(server.clients().size(), 2);
    clients[0]->socket.write("raw\x01\x02");
    QTRY_COMPARE_WITH_TIMEOUT(clients[1]->received, QByteArray("raw\x01\x02"), 10000);
    QVERIFY(clients[0]->received.isEmpty());
}

// An echo or a timestamp is the session's own answer, not the user's send: the table names it,
// and the recording marks it "auto".
void tst_TcpServerSession::autoRepliesAreTheirOwnRows_data()
{
    QTest::addColumn<AutoReply>("mode");
    QTest::addColumn<QString>("label");
    QTest::addColumn<QString>("key");
    QTest::newRow("echo") << AutoReply::Echo << QStringLiteral("Echo reply") << QStringLiteral("echo");
    QTest::newRow("timestamp") << AutoReply::Timestamp << QStringLiteral("Timestamp reply")
                               << QStringLiteral("timestamp");
}

void tst_TcpServerSession::autoRepliesAreTheirOwnRows()
{
    QFETCH(AutoReply, mode);
    QFETCH(QString, label);
    QFETCH(QString, key);
    QTemporaryDir dir;
    Recorder recorder;
    QVERIFY2(recorder.start(dir.filePath(QStringLiteral("log.jsonl"))),
             qPrintable(recorder.errorString()));
    TcpServerSession server;
    SessionLog log(QStringLiteral("TCP Server"), Transport::Tcp);
    log.setRecorder(&recorder);
    log.attach(&server);
    server.setAutoReply(mode);
    QVERIFY(server.listen(V4, 0));
    Client client;
    QVERIFY(client.connectTo(V4, server.localEndpoint().port));
    client.socket.write("hello\n");
    QTRY_VERIFY_WITH_TIMEOUT(client.received.endsWith("hello\n"), 10000);
    QVERIFY(server.send("by hand\n", { 1 }));

    const QList<const LogEntry *> replies = rowsWith(log.model(), Direction::Sent, client.received);
    QCOMPARE(replies.size(), 1);
    QCOMPARE(cell(log.model(), replies.first(), LogModel::DirectionColumn), label);
    const QList<const LogEntry *> own = rowsWith(log.model(), Direction::Sent, "by hand\n");
    QCOMPARE(own.size(), 1);
    QCOMPARE(cell(log.model(), own.first(), LogModel::DirectionColumn), QStringLiteral("Sent"));

    QStringList autos;
    for (const QJsonObject &line : recordedLines(recorder)) {
        if (line.value(u"kind").toString() == u"send")
            autos << line.value(u"auto").toString(QStringLiteral("(none)"));
    }
    QCOMPARE(autos, QStringList({ key, QStringLiteral("(none)") }));
}

// A relayed message is one row, named by its sender, not one "sent" per other client; the
// recording still has every write, each marked "auto":"relay".
void tst_TcpServerSession::relayIsOneRowPerMessage()
{
    QTemporaryDir dir;
    Recorder recorder;
    QVERIFY2(recorder.start(dir.filePath(QStringLiteral("log.jsonl"))),
             qPrintable(recorder.errorString()));
    TcpServerSession server;
    SessionLog log(QStringLiteral("TCP Server"), Transport::Tcp);
    log.setRecorder(&recorder);
    log.attach(&server);
    server.setAutoReply(AutoReply::Relay);
    server.setAnnounces(false);
    QVERIFY(server.listen(V4, 0));
    auto clients = connectClients(server, 3);
    QCOMPARE(server.clients().size(), 3);
    const QString first = Endpoint { V4, clients[0]->socket.localPort() }.toString();
    clients[0]->socket.write("hi all\n");
    QTRY_COMPARE_WITH_TIMEOUT(clients[1]->received, QByteArray("<user1> hi all\n"), 10000);
    QTRY_COMPARE_WITH_TIMEOUT(clients[2]->received, QByteArray("<user1> hi all\n"), 10000);

    LogModel *model = log.model();
    const QList<const LogEntry *> heard = rowsWith(model, Direction::Received, "hi all\n");
    QCOMPARE(heard.size(), 1);
    QCOMPARE(cell(model, heard.first(), LogModel::PeerColumn),
             QStringLiteral("user1 (%1)").arg(first));
    const QList<const LogEntry *> relayed = rowsWith(model, Direction::Sent, "<user1> hi all\n");
    QCOMPARE(relayed.size(), 1);
    QCOMPARE(cell(model, relayed.first(), LogModel::DirectionColumn), QStringLiteral("Relayed"));
    QCOMPARE(cell(model, relayed.first(), LogModel::PeerColumn),
             QStringLiteral("user1 (%1) → 2 others").arg(first));
    QVERIFY2(relayed.first()->message.contains(u"user2") && relayed.first()->message.contains(u"user3"),
             qPrintable(relayed.first()->message));
    QCOMPARE(log.counters().sentMessages, quint64(2));
    QCOMPARE(log.counters().sentBytes, quint64(2 * 15));

    QStringList writes;
    for (const QJsonObject &line : recordedLines(recorder)) {
        if (line.value(u"kind").toString() == u"send")
            writes << line.value(u"peer").toString() + u' ' + line.value(u"auto").toString()
                            + u' ' + line.value(u"text").toString();
    }
    const auto to = [](const Client &c) { return Endpoint { V4, c.socket.localPort() }.toString(); };
    QCOMPARE(writes, QStringList({ to(*clients[1]) + u" relay <user1> hi all\\n",
                                   to(*clients[2]) + u" relay <user1> hi all\\n" }));
}

// Bytes that a framing still holds when the connection ends never made a message: a row says
// so, instead of dropping them without a word.
void tst_TcpServerSession::unfinishedMessageIsSaid_data()
{
    QTest::addColumn<StreamFramer>("framer");
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("expected");
    QTest::newRow("lf") << StreamFramer(StreamFramer::Framing::Lf)
                        << QByteArray("first\nsecond\nthird")
                        << QStringLiteral("5 bytes after the last LF never completed a message: 'third'.");
    QTest::newRow("lf, none at all") << StreamFramer(StreamFramer::Framing::Lf)
                                     << QByteArray("no end\tat all")
                                     << QStringLiteral("13 bytes without an LF never completed a message: 'no end\\tat all'.");
    QTest::newRow("crlf") << StreamFramer(StreamFramer::Framing::CrLf) << QByteArray("a\r\nb\nc")
                          << QStringLiteral("3 bytes after the last CRLF never completed a message: 'b\\nc'.");
    QTest::newRow("delimiter") << StreamFramer(StreamFramer::Framing::Delimiter, QByteArray("\0", 1))
                               << QByteArray("one\0two", 7)
                               << QStringLiteral("3 bytes after the last delimiter \\x00 never completed a message: 'two'.");
    QTest::newRow("len16")
            << StreamFramer(StreamFramer::Framing::Length16) << QByteArray("\x00\x10" "abcde", 7)
            << QStringLiteral("7 bytes never completed a message: the 2-byte length prefix "
                              "announced 16 bytes of payload, and only 5 came: 'abcde'.");
    QTest::newRow("len32, prefix cut")
            << StreamFramer(StreamFramer::Framing::Length32) << QByteArray("\x00\x00", 2)
            << QStringLiteral("2 bytes never completed a message: they are the start of a "
                              "4-byte length prefix: '\\x00\\x00'.");
    QTest::newRow("long") << StreamFramer(StreamFramer::Framing::Lf) << QByteArray(100, 'x')
                          << QStringLiteral("100 bytes without an LF never completed a message: '%1…' (the first 40 bytes).")
                                     .arg(QString(40, u'x'));
}

void tst_TcpServerSession::unfinishedMessageIsSaid()
{
    QFETCH(StreamFramer, framer);
    QFETCH(QByteArray, bytes);
    QFETCH(QString, expected);
    TcpServerSession server;
    server.setFramer(framer);
    QVERIFY(server.listen(V4, 0));
    QSignalSpy noticed(&server, &Session::noticed);
    QSignalSpy left(&server, &TcpServerSession::clientDisconnected);
    Client client;
    QVERIFY(client.connectTo(V4, server.localEndpoint().port));
    client.socket.write(bytes);
    client.socket.disconnectFromHost();
    QVERIFY(left.wait(10000));
    QStringList said = messages(noticed);
    said.removeIf([](const QString &m) { return !m.contains(u"never completed"); });
    QCOMPARE(said, QStringList { expected });
}

// A length-prefixed message says how much of it is payload and how much prefix.
void tst_TcpServerSession::lengthPrefixIsToldApart_data()
{
    QTest::addColumn<StreamFramer>("framer");
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("expected");
    QTest::newRow("len16") << StreamFramer(StreamFramer::Framing::Length16)
                           << QByteArray("\x00\x10" "0123456789abcdef", 18)
                           << QStringLiteral("Complete message: 16 bytes of payload after a 2-byte length prefix:");
    QTest::newRow("len32") << StreamFramer(StreamFramer::Framing::Length32)
                           << QByteArray("\x00\x00\x00\x03" "xyz", 7)
                           << QStringLiteral("Complete message: 3 bytes of payload after a 4-byte length prefix:");
    QTest::newRow("lf") << StreamFramer(StreamFramer::Framing::Lf) << QByteArray("hello\n")
                        << QStringLiteral("Complete message, 6 bytes:");
}

void tst_TcpServerSession::lengthPrefixIsToldApart()
{
    QFETCH(StreamFramer, framer);
    QFETCH(QByteArray, bytes);
    QFETCH(QString, expected);
    TcpServerSession server;
    SessionLog log(QStringLiteral("TCP Server"), Transport::Tcp);
    log.attach(&server);
    server.setFramer(framer);
    QVERIFY(server.listen(V4, 0));
    QSignalSpy framed(&server, &Session::framed);
    Client client;
    QVERIFY(client.connectTo(V4, server.localEndpoint().port));
    client.socket.write(bytes);
    QVERIFY(framed.wait(10000));
    const QList<const LogEntry *> messages = rowsWith(log.model(), Direction::Info, bytes);
    QCOMPARE(messages.size(), 1);
    QCOMPARE(messages.first()->message, expected);
}

// Many clients at once, each echoed exactly; the log counts every byte both ways.
void tst_TcpServerSession::fiveHundredEchoClients()
{
    constexpr int Count = 500;
    TcpServerSession server;
    server.setMaxClients(Count);
    server.setAutoReply(AutoReply::Echo);
    SessionLog log(QStringLiteral("TCP Server"), Transport::Tcp);
    log.attach(&server);
    QVERIFY(server.listen(QHostAddress(QHostAddress::Any), 0));

    std::vector<std::unique_ptr<Client>> clients;
    QByteArray expectedTotal;
    quint64 totalBytes = 0;
    QList<QByteArray> payloads;
    for (int i = 0; i < Count; ++i) {
        clients.push_back(std::make_unique<Client>());
        Client *client = clients.back().get();
        // Distinct, binary, different lengths: a mix-up between clients cannot go unnoticed.
        QByteArray payload = "client " + QByteArray::number(i) + ":";
        for (int j = 0; j < 50 + i % 200; ++j)
            payload += char((i * 31 + j) & 0xff);
        payloads << payload;
        totalBytes += quint64(payload.size());
        connect(&client->socket, &QTcpSocket::connected, &client->socket,
                [client, payload] { client->socket.write(payload); });
        client->socket.connectToHost(V4, server.localEndpoint().port);
    }
    QVERIFY(QTest::qWaitFor(
            [&] {
                return std::all_of(clients.cbegin(), clients.cend(), [&](const auto &c) {
                    return c->received.size() >= payloads.at(&c - clients.data()).size();
                });
            },
            120000));
    for (int i = 0; i < Count; ++i)
        QCOMPARE(clients[std::size_t(i)]->received, payloads.at(i));
    QCOMPARE(server.clients().size(), Count);
    QCOMPARE(log.counters().receivedBytes, totalBytes);
    QCOMPARE(log.counters().sentBytes, totalBytes);
    QCOMPARE(log.counters().errors, quint64(0));
}

QTEST_GUILESS_MAIN(tst_TcpServerSession)
// A client that sends and half-closes at once (sendall(), then shutdown(SHUT_WR)) still reads:
// the auto-reply to that message reaches it, although Qt closes the connection when it reads
// the end (it was written to the kernel before). Were it not, the log must not show it sent.
void tst_TcpServerSession::replyToAMessageThatCameWithAFinIsNotClaimed()
{
    TcpServerSession server;
    server.setAutoReply(AutoReply::Echo);
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    QSignalSpy sent(&server, &Session::sent);
    QSignalSpy errors(&server, &Session::errorOccurred);
    QSignalSpy left(&server, &TcpServerSession::clientDisconnected);
    QTcpSocket client;
    QSignalSpy connected(&client, &QTcpSocket::connected);
    QSignalSpy written(&client, &QTcpSocket::bytesWritten);
    QSignalSpy gone(&client, &QTcpSocket::disconnected);
    client.connectToHost(QHostAddress::LocalHost, server.localEndpoint().port);
    QVERIFY(connected.wait(15000));
    // One write and the FIN right behind it, before the server reads either.
    QCOMPARE(client.write("ping"), qint64(4));
    QVERIFY(written.wait(15000));
    QCOMPARE(::shutdown(int(client.socketDescriptor()), SHUT_WR), 0);
    QVERIFY(left.wait(15000));
    QVERIFY(gone.size() > 0 || gone.wait(15000)); // the server's side is closed too
    QCOMPARE(client.readAll(), QByteArray("ping"));
    QCOMPARE(sent.size(), 1);
    QCOMPARE(errors.size(), 0);
}

#include "tst_tcpserversession.moc"
