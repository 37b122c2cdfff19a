#include "log/jsonlinewriter.h"
#include "log/logmodel.h"
#include "log/sessionlog.h"
#include "net/faultinjector.h"
#include "net/tcpserversession.h"
#include "net/udpsession.h"
#include "text/pluralforms.h"

#include <QLocale>
#include <QNetworkDatagram>
#include <QSet>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>
#include <QUdpSocket>

using namespace Qt::StringLiterals;

// Faults on purpose: the injector's decisions with a seeded generator, and real sessions on
// loopback that drop, delay, duplicate and reorder their auto-replies, each fault said in a
// row that the recording marks.
class tst_FaultInjector : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void dropDraws_data();
    void dropDraws();
    void aSeedRepeatsTheDraws();
    void fixedDelayKeepsTheOrder();
    void randomDelayStaysInItsRange();
    void duplicateSendsTwice();
    void reorderSwapsWithTheNext();
    void heldBackGoesAloneAfterAWhile();
    void clearDropsWhatWaits();
    void udpDropIsNotAnswered();
    void udpFaultsWithoutAnAutoReplySaySoOnce();
    void tcpFaultsWithoutAnAutoReplySaySoOnce();
    void udpDelayedEchoArrives();
    void udpDelayedTimestampSaysWhenItLeft();
    void udpDuplicateReachesThePeerTwice();
    void udpReorderSwapsTwoReplies();
    void tcpDropSkipsTheAnswer();
    void tcpHasNoDuplicateOrReorder();
    void recordingMarksTheFault();
    void clearSaysWhatItDrops();
    void udpCloseMarksRepliesNotSent();
    void tcpStopMarksRepliesNotSent();
    void tcpDelayedReplyToAClientThatLeftIsAFault();
    void tcpDelayedRelayOutlivesItsSender();
};

namespace {

constexpr int WaitMs = 10000; // generous: a shared, noisy machine

FaultSpec faults(const QString &text)
{
    const FaultSpecs::ParseResult parsed = FaultSpecs::parse(text);
    if (!parsed.isValid())
        qFatal("bad spec in a test: %s", qPrintable(parsed.error));
    return parsed.spec;
}

// A plain QUdpSocket standing in for the other program.
struct Peer
{
    QUdpSocket socket;
    Peer() { socket.bind(QHostAddress::LocalHost, 0); }
    void sendTo(const QByteArray &payload, const UdpSession &session)
    {
        socket.writeDatagram(payload, QHostAddress::LocalHost, session.localEndpoint().port);
    }
    QByteArray next()
    {
        if (!socket.hasPendingDatagrams()) {
            QSignalSpy ready(&socket, &QUdpSocket::readyRead);
            if (!ready.wait(WaitMs))
                return "(nothing came)";
        }
        return socket.receiveDatagram().data();
    }
};

// An echo server bound to loopback, with `spec` as its faults.
void startEcho(UdpSession &session, const QString &spec)
{
    session.setAutoReply(AutoReply::Echo);
    session.setFaults(faults(spec));
    session.setFaultSeed(1);
    QVERIFY(session.bind(QHostAddress::LocalHost, 0));
}

// A TCP echo server on loopback with `spec` as its faults, and `client` connected to it.
bool startEcho(TcpServerSession &server, const QString &spec, QTcpSocket &client)
{
    server.setAutoReply(AutoReply::Echo);
    server.setFaults(faults(spec));
    if (!server.listen(QHostAddress::LocalHost, 0))
        return false;
    client.connectToHost(QHostAddress::LocalHost, server.localEndpoint().port);
    return client.waitForConnected(WaitMs);
}

QList<Fault> faultsOf(const QSignalSpy &spy)
{
    QList<Fault> kinds;
    for (const QList<QVariant> &signal : spy)
        kinds << signal.at(0).value<Fault>();
    return kinds;
}

// The entries of `log` made by a fault on purpose.
QList<LogEntry> faultEntries(SessionLog &log)
{
    log.model()->flush();
    QList<LogEntry> entries;
    for (int row = 0; row < log.model()->rowCount(); ++row) {
        if (log.model()->entry(row).fault != Fault::None)
            entries << log.model()->entry(row);
    }
    return entries;
}

} // namespace

void tst_FaultInjector::initTestCase()
{
    QVERIFY(PluralForms::install()); // "1 reply", "2 replies"
}

void tst_FaultInjector::dropDraws_data()
{
    QTest::addColumn<int>("percent");
    QTest::addColumn<int>("atLeast");
    QTest::addColumn<int>("atMost");
    QTest::newRow("0 drops none") << 0 << 0 << 0;
    QTest::newRow("100 drops all") << 100 << 1000 << 1000;
    // Bounded loosely: 50% of 1000 is 500, and a generator that is right is far inside this.
    QTest::newRow("50 drops about half") << 50 << 400 << 600;
}

void tst_FaultInjector::dropDraws()
{
    QFETCH(int, percent);
    QFETCH(int, atLeast);
    QFETCH(int, atMost);
    FaultInjector injector;
    injector.setSeed(42);
    FaultSpec spec;
    spec.dropPercent = percent;
    injector.setSpec(spec);
    QSignalSpy faulted(&injector, &FaultInjector::faulted);
    int dropped = 0;
    for (int i = 0; i < 1000; ++i)
        dropped += injector.dropsReceived({}) ? 1 : 0;
    QVERIFY2(dropped >= atLeast && dropped <= atMost, qPrintable(QString::number(dropped)));
    QCOMPARE(faulted.size(), dropped); // each one said
    if (dropped > 0) {
        QCOMPARE(faulted.first().at(0).value<Fault>(), Fault::Drop);
        QVERIFY2(faulted.first().at(1).toString().startsWith(
                     u"Dropped on purpose (drop %1%)"_s.arg(percent)),
                 qPrintable(faulted.first().at(1).toString()));
    }
}

void tst_FaultInjector::aSeedRepeatsTheDraws()
{
    const auto draws = [](quint32 seed) {
        FaultInjector injector;
        injector.setSpec(faults(u"drop=50"_s));
        injector.setSeed(seed);
        QList<bool> dropped;
        for (int i = 0; i < 64; ++i)
            dropped << injector.dropsReceived({});
        return dropped;
    };
    QCOMPARE(draws(7), draws(7));
    QVERIFY(draws(7) != draws(8)); // 64 draws alike by chance: one in 2^64
}

void tst_FaultInjector::fixedDelayKeepsTheOrder()
{
    FaultInjector injector;
    injector.setSpec(faults(u"delay=100"_s));
    QSignalSpy faulted(&injector, &FaultInjector::faulted);
    QList<int> sent;
    for (int i = 1; i <= 3; ++i)
        injector.reply([&sent, i] { sent << i; }, {});
    QVERIFY(sent.isEmpty()); // nothing at once
    QCOMPARE(injector.waitingCount(), 3);
    QCOMPARE(faultsOf(faulted), QList<Fault>(3, Fault::Delay));
    QVERIFY2(faulted.first().at(1).toString().startsWith(u"Delayed 100 ms on purpose"_s),
             qPrintable(faulted.first().at(1).toString()));
    QTRY_COMPARE_WITH_TIMEOUT(sent, QList<int>({ 1, 2, 3 }), WaitMs);
    QCOMPARE(injector.waitingCount(), 0);
}

// Each reply waits a time of its own from the range, said in its row; all of them leave.
void tst_FaultInjector::randomDelayStaysInItsRange()
{
    FaultInjector injector;
    injector.setSpec(faults(u"delay=100-300"_s));
    injector.setSeed(3);
    QSignalSpy faulted(&injector, &FaultInjector::faulted);
    int sent = 0;
    for (int i = 0; i < 20; ++i)
        injector.reply([&sent] { ++sent; }, {});
    QCOMPARE(faulted.size(), 20);
    QSet<int> delays;
    for (const QList<QVariant> &row : std::as_const(faulted)) {
        const QString words = row.at(1).toString();
        QVERIFY2(words.endsWith(u" ms on purpose (delay 100–300 ms): the reply waits."_s),
                 qPrintable(words));
        const int ms = words.section(u' ', 1, 1).toInt();
        QVERIFY2(ms >= 100 && ms <= 300, qPrintable(words));
        delays << ms;
    }
    QVERIFY(delays.size() > 1); // random, not one number
    QTRY_COMPARE_WITH_TIMEOUT(sent, 20, WaitMs);
}

void tst_FaultInjector::duplicateSendsTwice()
{
    FaultInjector injector;
    injector.setSpec(faults(u"duplicate=100"_s));
    QSignalSpy faulted(&injector, &FaultInjector::faulted);
    int sent = 0;
    injector.reply([&sent] { ++sent; }, {});
    QCOMPARE(sent, 2);
    QCOMPARE(faultsOf(faulted), QList<Fault>({ Fault::Duplicate }));
    QVERIFY(faulted.first().at(1).toString().startsWith(u"Sent twice on purpose"_s));
}

void tst_FaultInjector::reorderSwapsWithTheNext()
{
    FaultInjector injector;
    injector.setSpec(faults(u"reorder=100"_s));
    QSignalSpy faulted(&injector, &FaultInjector::faulted);
    QList<int> sent;
    injector.reply([&sent] { sent << 1; }, {});
    QVERIFY(sent.isEmpty()); // held back
    injector.reply([&sent] { sent << 2; }, {});
    QCOMPARE(sent, QList<int>({ 2, 1 }));
    QCOMPARE(faultsOf(faulted), QList<Fault>({ Fault::Reorder, Fault::Reorder }));
    QVERIFY(faulted.last().at(1).toString().startsWith(
        u"Held back and sent after the next on purpose (reorder 100%)"_s));
}

void tst_FaultInjector::heldBackGoesAloneAfterAWhile()
{
    FaultInjector injector;
    injector.setSpec(faults(u"reorder=100"_s));
    injector.setHoldBackMs(100);
    QSignalSpy faulted(&injector, &FaultInjector::faulted);
    int sent = 0;
    injector.reply([&sent] { ++sent; }, {});
    QCOMPARE(sent, 0);
    QTRY_COMPARE_WITH_TIMEOUT(sent, 1, WaitMs); // the hold-back time later, nobody after it
    QCOMPARE(faulted.size(), 2);
    QVERIFY2(faulted.last().at(1).toString().endsWith(
                 u"but no other reply came within 100 ms: sent alone."_s),
             qPrintable(faulted.last().at(1).toString()));
}

void tst_FaultInjector::clearDropsWhatWaits()
{
    FaultInjector injector;
    injector.setSpec(faults(u"delay=50,reorder=100"_s));
    int sent = 0;
    injector.reply([&sent] { ++sent; }, {});
    injector.reply([&sent] { ++sent; }, {});
    QCOMPARE(injector.clear(), 2);
    QCOMPARE(injector.waitingCount(), 0);
    // Sent after all would show here: a reply given after the clear goes out, alone.
    injector.setSpec({});
    injector.reply([&sent] { sent += 10; }, {});
    QCOMPARE(sent, 10);
}

// Dropped: logged as received (its bytes did arrive), said as dropped, and not answered.
void tst_FaultInjector::udpDropIsNotAnswered()
{
    UdpSession session;
    startEcho(session, u"drop=100"_s);
    QSignalSpy received(&session, &Session::received);
    QSignalSpy faulted(&session, &Session::faulted);
    Peer peer;
    peer.sendTo("lost", session);
    QVERIFY(faulted.wait(WaitMs));
    QCOMPARE(received.size(), 1);
    QCOMPARE(faultsOf(faulted), QList<Fault>({ Fault::Drop }));
    session.setFaults({});
    peer.sendTo("kept", session);
    QCOMPARE(peer.next(), QByteArray("kept")); // the first echo that comes: "lost" had none
}

// Faults act on the auto-reply: with none, nothing is dropped, and one row (not one for each
// datagram) says that they have nothing to act on; choosing one again makes them act.
void tst_FaultInjector::udpFaultsWithoutAnAutoReplySaySoOnce()
{
    UdpSession session;
    session.setFaults(faults(u"drop=100,delay=200"_s));
    QVERIFY(session.bind(QHostAddress::LocalHost, 0));
    QSignalSpy received(&session, &Session::received);
    QSignalSpy faulted(&session, &Session::faulted);
    QSignalSpy noticed(&session, &Session::noticed);
    Peer peer;
    for (const char *payload : { "one", "two", "three" })
        peer.sendTo(payload, session);
    QTRY_COMPARE_WITH_TIMEOUT(received.size(), 3, WaitMs);
    QVERIFY(faulted.isEmpty()); // nothing dropped: nothing would have been answered
    QStringList texts;
    for (const QList<QVariant> &row : std::as_const(noticed))
        texts << row.at(0).toString();
    QCOMPARE(texts.filter(u"nothing to act on"_s).size(), 1);
    QVERIFY2(texts.filter(u"nothing to act on"_s).constFirst().contains(u"Auto-reply"_s),
             qPrintable(texts.join(u'\n')));
    QCOMPARE(session.lastSender().port, peer.socket.localPort()); // still the one who sent
    session.setAutoReply(AutoReply::Echo);
    peer.sendTo("four", session);
    QVERIFY(faulted.wait(WaitMs));
    QCOMPARE(faultsOf(faulted), QList<Fault>({ Fault::Drop }));
}

void tst_FaultInjector::tcpFaultsWithoutAnAutoReplySaySoOnce()
{
    TcpServerSession server;
    server.setFaults(faults(u"drop=100"_s));
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    QSignalSpy received(&server, &Session::received);
    QSignalSpy noticed(&server, &Session::noticed);
    QSignalSpy faulted(&server, &Session::faulted);
    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, server.localEndpoint().port);
    QVERIFY2(client.waitForConnected(WaitMs), qPrintable(client.errorString()));
    client.write("one\n");
    QTRY_COMPARE_WITH_TIMEOUT(received.size(), 1, WaitMs);
    client.write("two\n");
    QTRY_COMPARE_WITH_TIMEOUT(received.size(), 2, WaitMs);
    QVERIFY(faulted.isEmpty());
    QStringList texts;
    for (const QList<QVariant> &row : std::as_const(noticed))
        texts << row.at(0).toString();
    QCOMPARE(texts.filter(u"nothing to act on"_s).size(), 1);
    // A TCP server has no duplicate or reorder to speak of.
    QVERIFY2(!texts.filter(u"nothing to act on"_s).constFirst().contains(u"duplicate"_s),
             qPrintable(texts.filter(u"nothing to act on"_s).constFirst()));
}

void tst_FaultInjector::udpDelayedEchoArrives()
{
    UdpSession session;
    startEcho(session, u"delay=200"_s);
    QSignalSpy faulted(&session, &Session::faulted);
    QSignalSpy sent(&session, &Session::sent);
    Peer peer;
    peer.sendTo("later", session);
    QVERIFY(faulted.wait(WaitMs));
    QCOMPARE(faultsOf(faulted), QList<Fault>({ Fault::Delay }));
    QVERIFY(faulted.first().at(1).toString().startsWith(u"Delayed 200 ms on purpose"_s));
    QCOMPARE(peer.next(), QByteArray("later"));
    QCOMPARE(sent.size(), 1);
    QCOMPARE(sent.first().at(4).value<AutoReply>(), AutoReply::Echo); // still the echo's
}

// A timestamp reply is written when it leaves: delayed 1.5 s, its time is at least the second
// that the receive time plus the delay falls in (the stamp has whole seconds).
void tst_FaultInjector::udpDelayedTimestampSaysWhenItLeft()
{
    UdpSession session;
    startEcho(session, u"delay=1500"_s);
    session.setAutoReply(AutoReply::Timestamp);
    QSignalSpy received(&session, &Session::received);
    Peer peer;
    peer.sendTo("when", session);
    const QByteArray reply = peer.next();
    QCOMPARE(received.size(), 1);
    QVERIFY2(reply.startsWith('[') && reply.endsWith("] when"), reply.constData());
    // "[Sat Nov  1 09:05:03 2026] when", in local time as ctime() writes it
    const QString stamp = QString::fromLatin1(reply.mid(1, reply.indexOf(']') - 1)).simplified();
    const QDateTime written = QLocale::c().toDateTime(stamp, u"ddd MMM d hh:mm:ss yyyy"_s);
    QVERIFY2(written.isValid(), qPrintable(stamp));
    const QDateTime arrived = received.first().at(3).toDateTime().toLocalTime();
    const QDateTime due = arrived.addMSecs(1500);
    const QDateTime dueSecond = due.addMSecs(-due.time().msec());
    QVERIFY2(written >= dueSecond,
             qPrintable(u"written %1, received %2"_s.arg(written.toString(Qt::ISODateWithMs),
                                                         arrived.toString(Qt::ISODateWithMs))));
}

void tst_FaultInjector::udpDuplicateReachesThePeerTwice()
{
    UdpSession session;
    startEcho(session, u"duplicate=100"_s);
    QSignalSpy faulted(&session, &Session::faulted);
    Peer peer;
    peer.sendTo("twice", session);
    QCOMPARE(peer.next(), QByteArray("twice"));
    QCOMPARE(peer.next(), QByteArray("twice"));
    QCOMPARE(faultsOf(faulted), QList<Fault>({ Fault::Duplicate }));
}

void tst_FaultInjector::udpReorderSwapsTwoReplies()
{
    UdpSession session;
    startEcho(session, u"reorder=100"_s);
    session.setFaultHoldBackMs(WaitMs); // however long the second datagram takes to come
    QSignalSpy received(&session, &Session::received);
    Peer peer;
    peer.sendTo("first", session);
    QTRY_COMPARE_WITH_TIMEOUT(received.size(), 1, WaitMs);
    peer.sendTo("second", session);
    QCOMPARE(peer.next(), QByteArray("second"));
    QCOMPARE(peer.next(), QByteArray("first"));
}

void tst_FaultInjector::tcpDropSkipsTheAnswer()
{
    TcpServerSession server;
    QTcpSocket client;
    QVERIFY2(startEcho(server, u"drop=100"_s, client), qPrintable(client.errorString()));
    QSignalSpy faulted(&server, &Session::faulted);
    client.write("lost\n");
    QVERIFY(faulted.wait(WaitMs));
    QCOMPARE(faultsOf(faulted), QList<Fault>({ Fault::Drop }));
    server.setFaults({});
    client.write("kept\n");
    QByteArray echoed;
    QTRY_VERIFY_WITH_TIMEOUT((echoed += client.readAll()).contains('\n'), WaitMs);
    QCOMPARE(echoed, QByteArray("kept\n"));
}

void tst_FaultInjector::tcpHasNoDuplicateOrReorder()
{
    TcpServerSession server;
    QSignalSpy noticed(&server, &Session::noticed);
    server.setFaults(faults(u"drop=10,duplicate=50,reorder=50"_s));
    QVERIFY(server.faults() == faults(u"drop=10"_s));
    QCOMPARE(noticed.size(), 1);
    QVERIFY2(noticed.first().at(0).toString().contains(u"delivers every byte once and in order"_s),
             qPrintable(noticed.first().at(0).toString()));
}

// A fault is an Info row marked with it, and the recording's line says "fault".
void tst_FaultInjector::recordingMarksTheFault()
{
    UdpSession session;
    SessionLog log(u"UDP"_s, Transport::Udp);
    log.attach(&session);
    startEcho(session, u"drop=100"_s);
    QSignalSpy faulted(&session, &Session::faulted);
    Peer peer;
    peer.sendTo("lost", session);
    QVERIFY(faulted.wait(WaitMs));
    log.model()->flush();
    QByteArray lines;
    JsonLineWriter writer;
    for (int row = 0; row < log.model()->rowCount(); ++row)
        writer.append(lines, log.model()->entry(row), TextEncoding::Utf8);
    QVERIFY2(lines.contains(R"("kind":"recv")"), lines.constData());
    QVERIFY2(lines.contains(R"("kind":"info")") && lines.contains(R"("fault":"drop")"),
             lines.constData());
    QVERIFY2(lines.contains("\"message\":\"Dropped on purpose (drop 100%)"), lines.constData());
    // Only the fault's row carries it.
    QCOMPARE(lines.count(R"("fault":)"), 1);
}

// What clear() drops is said, a row for each fault that held replies back, with how many.
void tst_FaultInjector::clearSaysWhatItDrops()
{
    FaultInjector injector;
    injector.setSpec(faults(u"delay=5000"_s));
    int sent = 0;
    injector.reply([&sent] { ++sent; }, {});
    injector.reply([&sent] { ++sent; }, {});
    QSignalSpy faulted(&injector, &FaultInjector::faulted);
    QCOMPARE(injector.clear(), 2);
    QCOMPARE(faultsOf(faulted), QList<Fault>({ Fault::Delay }));
    QCOMPARE(faulted.first().at(1).toString(),
             u"Not sent: 2 replies delayed on purpose were still waiting when the session "
             "closed."_s);
    faulted.clear();
    QCOMPARE(injector.clear(), 0); // nothing waits: nothing said
    QVERIFY(faulted.isEmpty());
    injector.setSpec(faults(u"reorder=100"_s));
    injector.reply([&sent] { ++sent; }, {});
    faulted.clear(); // its row says it is held back
    QCOMPARE(injector.clear(), 1);
    QCOMPARE(faultsOf(faulted), QList<Fault>({ Fault::Reorder }));
    QCOMPARE(faulted.first().at(1).toString(),
             u"Not sent: a reply held back on purpose was still waiting when the session "
             "closed."_s);
    QCOMPARE(sent, 0);
}

// A reply still delayed when the socket closes is not sent, in a row the recording marks.
void tst_FaultInjector::udpCloseMarksRepliesNotSent()
{
    UdpSession session;
    SessionLog log(u"UDP"_s, Transport::Udp);
    log.attach(&session);
    startEcho(session, u"delay=5000"_s);
    QSignalSpy faulted(&session, &Session::faulted);
    Peer peer;
    peer.sendTo("never", session);
    QVERIFY(faulted.wait(WaitMs)); // its delay
    session.close();
    const QList<LogEntry> entries = faultEntries(log);
    QCOMPARE(entries.size(), 2);
    QCOMPARE(entries.last().fault, Fault::Delay);
    QVERIFY2(entries.last().message.startsWith(u"Not sent: 1 reply delayed on purpose"_s),
             qPrintable(entries.last().message));
}

void tst_FaultInjector::tcpStopMarksRepliesNotSent()
{
    TcpServerSession server;
    SessionLog log(u"TCP"_s, Transport::Tcp);
    log.attach(&server);
    QTcpSocket client;
    QVERIFY2(startEcho(server, u"delay=5000"_s, client), qPrintable(client.errorString()));
    QSignalSpy faulted(&server, &Session::faulted);
    client.write("never\n");
    QVERIFY(faulted.wait(WaitMs)); // its delay
    server.stop();
    const QList<LogEntry> entries = faultEntries(log);
    QCOMPARE(entries.size(), 2);
    QCOMPARE(entries.last().fault, Fault::Delay);
    QVERIFY2(entries.last().message.startsWith(u"Not sent: 1 reply delayed on purpose"_s),
             qPrintable(entries.last().message));
}

// The client left while its answer was delayed: the fault's doing, not an error.
void tst_FaultInjector::tcpDelayedReplyToAClientThatLeftIsAFault()
{
    TcpServerSession server;
    SessionLog log(u"TCP"_s, Transport::Tcp);
    log.attach(&server);
    QTcpSocket client;
    // A delay long enough for the client to go first.
    QVERIFY2(startEcho(server, u"delay=3000"_s, client), qPrintable(client.errorString()));
    QSignalSpy faulted(&server, &Session::faulted);
    QSignalSpy left(&server, &TcpServerSession::clientDisconnected);
    client.write("gone\n");
    QVERIFY(faulted.wait(WaitMs)); // its delay
    client.disconnectFromHost();
    QVERIFY(left.wait(WaitMs));
    QTRY_COMPARE_WITH_TIMEOUT(faulted.size(), 2, WaitMs);
    QCOMPARE(faultsOf(faulted), QList<Fault>({ Fault::Delay, Fault::Delay }));
    const QList<LogEntry> entries = faultEntries(log);
    QCOMPARE(entries.size(), 2);
    QVERIFY2(entries.last().message.contains(u"left before it was due"_s),
             qPrintable(entries.last().message));
    QCOMPARE(log.counters().errors, quint64(0));
}

// A relayed message exists whether its sender stayed or not: delayed past the sender's going,
// it still reaches the clients that are connected.
void tst_FaultInjector::tcpDelayedRelayOutlivesItsSender()
{
    TcpServerSession server;
    server.setAutoReply(AutoReply::Relay);
    server.setAnnounces(false);
    server.setFaults(faults(u"delay=3000"_s)); // long enough for the sender to go first
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    QSignalSpy faulted(&server, &Session::faulted);
    QSignalSpy left(&server, &TcpServerSession::clientDisconnected);
    QTcpSocket sender;
    sender.connectToHost(QHostAddress::LocalHost, server.localEndpoint().port);
    QVERIFY2(sender.waitForConnected(WaitMs), qPrintable(sender.errorString()));
    QTRY_COMPARE_WITH_TIMEOUT(server.clients().size(), 1, WaitMs); // user1
    QTcpSocket listener;
    listener.connectToHost(QHostAddress::LocalHost, server.localEndpoint().port);
    QVERIFY2(listener.waitForConnected(WaitMs), qPrintable(listener.errorString()));
    QTRY_COMPARE_WITH_TIMEOUT(server.clients().size(), 2, WaitMs);
    sender.write("bye all\n");
    QVERIFY(faulted.wait(WaitMs)); // its delay
    sender.disconnectFromHost();
    QVERIFY(left.wait(WaitMs));
    QByteArray heard;
    QTRY_VERIFY_WITH_TIMEOUT((heard += listener.readAll()).contains("<user1> bye all\n"), WaitMs);
    QCOMPARE(faultsOf(faulted), QList<Fault>({ Fault::Delay })); // and no "not sent"
}

QTEST_GUILESS_MAIN(tst_FaultInjector)
#include "tst_faultinjector.moc"
