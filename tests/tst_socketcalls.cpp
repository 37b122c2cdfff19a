#include "net/tcpclientsession.h"
#include "net/tcpserversession.h"
#include "net/udpsession.h"

#include <QLocale>
#include <QNetworkDatagram>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QUdpSocket>

#include <cerrno>

using namespace Qt::StringLiterals;

namespace {

constexpr int WaitMs = 15000;

// Every call a session states, in order.
struct Calls
{
    explicit Calls(Session &session)
    {
        session.setStatesCalls(true);
        QObject::connect(&session, &Session::called, &session,
                         [this](const QString &call, int error) {
                             lines << call;
                             errors << error;
                             order << call;
                         });
        QObject::connect(&session, &Session::received, &session,
                         [this] { order << QStringLiteral("<received>"); });
    }

    // The first line that starts with `prefix`, or "".
    QString starting(const QString &prefix) const
    {
        for (const QString &line : lines) {
            if (line.startsWith(prefix))
                return line;
        }
        return {};
    }
    int errorOf(const QString &prefix) const
    {
        for (qsizetype i = 0; i < lines.size(); ++i) {
            if (lines.at(i).startsWith(prefix))
                return errors.at(i);
        }
        return -1;
    }
    // How many calls of `call` the lines stand for: 1 for each line of its own, N for a
    // burst's "call × N".
    qint64 count(const QString &call) const
    {
        static const QRegularExpression times(u" × ([\\d,.\\s]+)  #"_s);
        qint64 total = 0;
        for (const QString &line : lines) {
            if (!line.startsWith(call))
                continue;
            const QRegularExpressionMatch match = times.match(line);
            if (!match.hasMatch()) {
                ++total;
                continue;
            }
            QString digits = match.captured(1);
            digits.remove(QRegularExpression(u"[^\\d]"_s));
            total += digits.toLongLong();
        }
        return total;
    }

    QStringList lines;
    QList<int> errors;
    QStringList order; // the calls and the received facts, in the order they came
};

QString dump(const Calls &calls)
{
    return u"\n"_s + calls.lines.join(u'\n');
}

} // namespace

class tst_SocketCalls : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void udpBindShowsWhatQtDoes();
    void udpBindFailureIsPythonsException();
    void recvfromAndSendto();
    void recvfromWithAReadLimit();
    void dualStackPeersAreMapped();
    void floodIsSummarisedNotDoubled();
    void nothingWhileSwitchedOff();
    void tcpServerAndClient();
    void connectionRefused();
    void peerCloseIsEmptyRecv();
    void partialSendSaysHowMuchWasTaken();
    void unknownHostIsGaierror();
};

void tst_SocketCalls::udpBindShowsWhatQtDoes()
{
    UdpSession session;
    Calls calls(session);
    QVERIFY(session.bind(QHostAddress::Any, 0));
    const quint16 port = session.localEndpoint().port;
    QCOMPARE(calls.lines.value(0),
             u"s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)  # dual-stack: "
             u"IPV6_V6ONLY = 0, so IPv4 peers reach it too"_s);
    QVERIFY2(calls.starting(u"s.setblocking(False)"_s).size() > 0, qPrintable(dump(calls)));
    QCOMPARE(calls.starting(u"s.bind("_s), u"s.bind(('', 0))  # → bound to [::]:%1"_s.arg(port));
    QVERIFY2(calls.starting(u"s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 8388608)  # "_s)
                     .contains(u"it keeps"_s),
             qPrintable(dump(calls)));
    session.close();
    QCOMPARE(calls.lines.constLast(), u"s.close()  # the port is free again"_s);
}

void tst_SocketCalls::udpBindFailureIsPythonsException()
{
    QUdpSocket taken;
    QVERIFY2(taken.bind(QHostAddress::LocalHost, 0), qPrintable(taken.errorString()));
    UdpSession session;
    Calls calls(session);
    QVERIFY(!session.bind(QHostAddress::LocalHost, taken.localPort()));
    const QString bind = u"s.bind(('127.0.0.1', %1))"_s.arg(taken.localPort());
    QCOMPARE(calls.starting(bind), bind + u"  # OSError: [Errno 98] Address already in use"_s);
    QCOMPARE(calls.errorOf(bind), EADDRINUSE);
}

void tst_SocketCalls::recvfromAndSendto()
{
    UdpSession session;
    Calls calls(session);
    QVERIFY(session.bind(QHostAddress::LocalHost, 0));
    QUdpSocket peer;
    QVERIFY(peer.bind(QHostAddress::LocalHost, 0));
    QSignalSpy received(&session, &Session::received);
    peer.writeDatagram("hello", QHostAddress::LocalHost, session.localEndpoint().port);
    QVERIFY(received.wait(WaitMs));
    const QString from = u"('127.0.0.1', %1)"_s.arg(peer.localPort());
    QCOMPARE(calls.starting(u"data, addr = s.recvfrom("_s),
             u"data, addr = s.recvfrom(65535)  # → 5 bytes from "_s + from);

    QVERIFY(session.sendTo("hi\n\x00"_ba, Endpoint { QHostAddress::LocalHost, peer.localPort() }));
    QTRY_VERIFY_WITH_TIMEOUT(!calls.starting(u"s.sendto("_s).isEmpty(), WaitMs);
    QCOMPARE(calls.starting(u"s.sendto("_s),
             u"s.sendto(b'hi\\n\\x00', "_s + u"('127.0.0.1', %1))  # → 4"_s.arg(peer.localPort()));
}

// On a socket of every address (AF_INET6, IPV6_V6ONLY off), Python gives an IPv4 peer as an
// IPv4-mapped address with four items, and the calls say it so.
void tst_SocketCalls::dualStackPeersAreMapped()
{
    UdpSession session;
    Calls calls(session);
    QVERIFY(session.bind(QHostAddress::Any, 0));
    QUdpSocket peer;
    QVERIFY(peer.bind(QHostAddress::LocalHost, 0));
    QSignalSpy received(&session, &Session::received);
    peer.writeDatagram("hi", QHostAddress::LocalHost, session.localEndpoint().port);
    QVERIFY(received.wait(WaitMs));
    QCOMPARE(calls.starting(u"data, addr = s.recvfrom("_s),
             u"data, addr = s.recvfrom(65535)  # → 2 bytes from ('::ffff:127.0.0.1', %1, 0, 0)"_s
                     .arg(peer.localPort()));

    TcpServerSession server;
    Calls serverCalls(server);
    QVERIFY(server.listen(QHostAddress::Any, 0));
    QTcpSocket client;
    QSignalSpy connected(&server, &TcpServerSession::clientConnected);
    client.connectToHost(QHostAddress::LocalHost, server.localEndpoint().port);
    QVERIFY(connected.wait(WaitMs));
    QCOMPARE(serverCalls.starting(u"conn, addr = s.accept()"_s),
             u"conn, addr = s.accept()  # → ('::ffff:127.0.0.1', %1, 0, 0)"_s.arg(client.localPort()));
}

// Read at most N is recvfrom(N): the call says how much of the datagram it kept.
void tst_SocketCalls::recvfromWithAReadLimit()
{
    UdpSession session;
    Calls calls(session);
    session.setReadLimit(4);
    QVERIFY(session.bind(QHostAddress::LocalHost, 0));
    QUdpSocket peer;
    QVERIFY(peer.bind(QHostAddress::LocalHost, 0));
    QSignalSpy received(&session, &Session::received);
    peer.writeDatagram("hello world", QHostAddress::LocalHost, session.localEndpoint().port);
    QVERIFY(received.wait(WaitMs));
    QCOMPARE(calls.starting(u"data, addr = s.recvfrom("_s),
             u"data, addr = s.recvfrom(4)  # → 4 of the 11 bytes that arrived, from "
             u"('127.0.0.1', %1); the kernel drops the rest"_s.arg(peer.localPort()));
}

// A flood's calls are a few lines that count every datagram, not a line for each.
void tst_SocketCalls::floodIsSummarisedNotDoubled()
{
    UdpSession session;
    Calls calls(session);
    QVERIFY(session.bind(QHostAddress::LocalHost, 0));
    QSignalSpy received(&session, &Session::received);
    QUdpSocket peer;
    constexpr int Datagrams = 3000;
    for (int i = 0; i < Datagrams; ++i)
        peer.writeDatagram(QByteArray::number(i), QHostAddress::LocalHost, session.localEndpoint().port);
    QTRY_COMPARE_WITH_TIMEOUT(received.size(), Datagrams, WaitMs);
    const QString recvfrom = u"data, addr = s.recvfrom(65535)"_s;
    // The last burst's line comes once it has been quiet for a moment.
    QTRY_COMPARE_WITH_TIMEOUT(calls.count(recvfrom), qint64(Datagrams), WaitMs);
    const qsizetype lines = std::count_if(calls.lines.cbegin(), calls.lines.cend(),
                                          [&](const QString &l) { return l.startsWith(recvfrom); });
    QVERIFY2(lines < Datagrams / 10, qPrintable(QString::number(lines) + dump(calls)));
    QVERIFY2(calls.starting(recvfrom + u" × "_s).contains(u"recvmmsg"_s), qPrintable(dump(calls)));
}

// Off (the default, and once turned off again), a session states no call, and a burst under
// way when it is turned off ends with its line.
void tst_SocketCalls::nothingWhileSwitchedOff()
{
    UdpSession session;
    QSignalSpy called(&session, &Session::called);
    QVERIFY(session.bind(QHostAddress::LocalHost, 0));
    QSignalSpy received(&session, &Session::received);
    QUdpSocket peer;
    peer.writeDatagram("x", QHostAddress::LocalHost, session.localEndpoint().port);
    QVERIFY(received.wait(WaitMs));
    QCOMPARE(called.size(), 0);

    session.setStatesCalls(true);
    for (int i = 0; i < 50; ++i)
        peer.writeDatagram("y", QHostAddress::LocalHost, session.localEndpoint().port);
    QTRY_COMPARE_WITH_TIMEOUT(received.size(), 51, WaitMs);
    session.setStatesCalls(false); // the burst's line, if one is under way, comes now
    qint64 stated = 0;
    for (const QList<QVariant> &call : std::as_const(called)) {
        const QString line = call.constFirst().toString();
        stated += line.contains(u" × "_s)
                ? line.section(u" × "_s, 1).section(u"  #"_s, 0, 0).remove(u',').toLongLong()
                : 1;
    }
    QCOMPARE(stated, qint64(50));
    const qsizetype before = called.size();
    peer.writeDatagram("z", QHostAddress::LocalHost, session.localEndpoint().port);
    QTRY_COMPARE_WITH_TIMEOUT(received.size(), 52, WaitMs);
    session.close();
    QCOMPARE(called.size(), before);
}

void tst_SocketCalls::tcpServerAndClient()
{
    TcpServerSession server;
    Calls serverCalls(server);
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    const quint16 port = server.localEndpoint().port;
    QVERIFY(serverCalls.starting(u"s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)"_s)
                    .contains(u"TIME_WAIT"_s));
    QCOMPARE(serverCalls.starting(u"s.bind("_s),
             u"s.bind(('127.0.0.1', 0))  # → bound to 127.0.0.1:%1"_s.arg(port));
    QVERIFY2(serverCalls.starting(u"s.listen("_s).contains(u"wait for accept()"_s),
             qPrintable(dump(serverCalls)));

    TcpClientSession client;
    Calls clientCalls(client);
    QSignalSpy connected(&server, &TcpServerSession::clientConnected);
    client.connectToHost(u"127.0.0.1"_s, port);
    QVERIFY(connected.wait(WaitMs));
    QTRY_COMPARE_WITH_TIMEOUT(client.state(), Session::State::Connected, WaitMs);
    const quint16 clientPort = client.localEndpoint().port;
    QVERIFY2(clientCalls.starting(u"s.connect_ex(('127.0.0.1', %1))  # → EINPROGRESS"_s.arg(port))
                     .size() > 0,
             qPrintable(dump(clientCalls)));
    QVERIFY2(clientCalls.starting(u"s.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)  # → 0: "_s)
                     .contains(u"from ('127.0.0.1', %1)"_s.arg(clientPort)),
             qPrintable(dump(clientCalls)));
    QCOMPARE(serverCalls.starting(u"conn, addr = s.accept()"_s),
             u"conn, addr = s.accept()  # → ('127.0.0.1', %1)"_s.arg(clientPort));

    QSignalSpy serverReceived(&server, &Session::received);
    QVERIFY(client.send("hello"_ba));
    QVERIFY(serverReceived.wait(WaitMs));
    QTRY_COMPARE_WITH_TIMEOUT(clientCalls.starting(u"s.send("_s), u"s.send(b'hello')  # → 5"_s,
                              WaitMs);
    const QString recv = serverCalls.starting(u"data = conn.recv(65536)  # → 5 bytes"_s);
    QVERIFY2(!recv.isEmpty(), qPrintable(dump(serverCalls)));
    // The call comes before what it read.
    QCOMPARE(serverCalls.order.indexOf(recv) + 1, serverCalls.order.indexOf(u"<received>"_s));
}

void tst_SocketCalls::connectionRefused()
{
    QTcpServer probe; // a port that was free a moment ago, and is now closed
    QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
    const quint16 port = probe.serverPort();
    probe.close();
    TcpClientSession client;
    Calls calls(client);
    QSignalSpy failed(&client, &Session::errorOccurred);
    client.connectToHost(u"127.0.0.1"_s, port);
    QVERIFY(failed.wait(WaitMs));
    const QString call = u"s.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)"_s;
    QVERIFY2(calls.starting(call).endsWith(
                     u"a blocking s.connect() raises ConnectionRefusedError: [Errno 111] "
                     u"Connection refused"_s),
             qPrintable(dump(calls)));
    QCOMPARE(calls.errorOf(call), ECONNREFUSED);
}

void tst_SocketCalls::peerCloseIsEmptyRecv()
{
    QTcpServer peer;
    QVERIFY(peer.listen(QHostAddress::LocalHost, 0));
    TcpClientSession client;
    Calls calls(client);
    client.connectToHost(u"127.0.0.1"_s, peer.serverPort());
    QVERIFY(peer.waitForNewConnection(WaitMs));
    QTRY_COMPARE_WITH_TIMEOUT(client.state(), Session::State::Connected, WaitMs);
    QTcpSocket *accepted = peer.nextPendingConnection();
    accepted->disconnectFromHost();
    QTRY_COMPARE_WITH_TIMEOUT(client.state(), Session::State::Closed, WaitMs);
    QVERIFY2(calls.starting(u"data = s.recv(65536)  # → b'': the peer closed its side (FIN)"_s)
                     .size() > 0,
             qPrintable(dump(calls)));
    QVERIFY2(calls.lines.constLast().startsWith(u"s.close()  # "_s), qPrintable(dump(calls)));
}

// A send larger than the socket takes at once is several send() calls; the first says how much
// of it the kernel took.
void tst_SocketCalls::partialSendSaysHowMuchWasTaken()
{
    QTcpServer peer;
    QVERIFY(peer.listen(QHostAddress::LocalHost, 0));
    TcpClientSession client;
    Calls calls(client);
    client.connectToHost(u"127.0.0.1"_s, peer.serverPort());
    QVERIFY(peer.waitForNewConnection(WaitMs));
    QTRY_COMPARE_WITH_TIMEOUT(client.state(), Session::State::Connected, WaitMs);
    QTcpSocket *accepted = peer.nextPendingConnection(); // reads nothing yet
    constexpr int Size = 32 << 20;
    QVERIFY(client.send(QByteArray(Size, 'x')));
    const QString send = u"n = s.send(data)  # → "_s;
    QTRY_VERIFY_WITH_TIMEOUT(!calls.starting(send).isEmpty(), WaitMs);
    QVERIFY2(calls.starting(send).contains(u" of %1 bytes taken"_s.arg(QLocale().toString(Size)))
                     && calls.starting(send).contains(u"sendall()"_s),
             qPrintable(dump(calls)));
    accepted->abort();
}

void tst_SocketCalls::unknownHostIsGaierror()
{
    TcpClientSession client;
    Calls calls(client);
    QSignalSpy failed(&client, &Session::errorOccurred);
    client.connectToHost(u"no-such-host.invalid"_s, 9000);
    QVERIFY(failed.wait(WaitMs));
    const QString call = u"socket.getaddrinfo('no-such-host.invalid', 9000, type=socket.SOCK_STREAM)"_s;
    QCOMPARE(calls.starting(call),
             call + u"  # socket.gaierror: [Errno -2] Name or service not known"_s);
    QCOMPARE(calls.errorOf(call), -2);
}

QTEST_GUILESS_MAIN(tst_SocketCalls)
#include "tst_socketcalls.moc"
