// The equivalent programs (issue 15), run: every other-end program talks to a real session on
// loopback, which must see its exact bytes while the program prints the session's exact reply;
// every this-end Python program answers a test peer as the session would.
#include "programrun.h"

#include "net/autoreply.h"
#include "net/tcpclientsession.h"
#include "net/tcpserversession.h"
#include "net/udpsession.h"
#include "teach/programtext.h"
#include "teach/pythonsyntax.h"
#include "text/streamframer.h"

#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QUdpSocket>

#include <tuple>

using Framing = StreamFramer::Framing;
using PayloadCodec::LineEnding;
using ProgramText::Program;

namespace {

// Quotes, a backslash, controls, NUL, invalid UTF-8 and a non-ASCII letter.
const QByteArray Message = QByteArrayLiteral("it's \"x\" \\ \x00\x01\t\xff\xc3\xa9 end");

QString printed(const QByteArray &bytes)
{
    return u"Received " + PythonSyntax::bytesLiteral(bytes);
}

// Whether `reply` is the session's timestamp answer to `payload` at some second around now.
bool isTimestampOf(const QByteArray &reply, const QByteArray &payload)
{
    const QDateTime now = QDateTime::currentDateTime();
    for (int s = -5; s <= 1; ++s) {
        if (AutoReplies::replyTo(AutoReply::Timestamp, payload, now.addSecs(s)) == reply)
            return true;
    }
    return false;
}

// What a server session answers to `stream`, as its framing cuts it (no timestamp: see above).
QList<QByteArray> messagesOf(const SessionSetup &setup, const QByteArray &stream)
{
    StreamFramer framer(setup.framing, setup.delimiter);
    return framer.isFraming() ? framer.feed(stream) : QList<QByteArray> { stream };
}

bool readAtLeast(QTcpSocket &socket, QByteArray &into, qsizetype size)
{
    QSignalSpy spy(&socket, &QTcpSocket::readyRead);
    const QDeadlineTimer deadline(10000);
    into += socket.readAll();
    while (into.size() < size && !deadline.hasExpired()) {
        spy.wait(int(std::max<qint64>(1, deadline.remainingTime())));
        into += socket.readAll();
    }
    return into.size() >= size;
}

QByteArray framed(const SessionSetup &setup, const QByteArray &body)
{
    QByteArray prefix;
    if (setup.framing == Framing::Length16)
        prefix = QByteArray(1, char(body.size() >> 8)) + char(body.size() & 0xff);
    if (setup.framing == Framing::Length32)
        prefix = QByteArray(3, '\0') + char(body.size());
    QByteArray end;
    if (setup.framing == Framing::Lf)
        end = "\n";
    else if (setup.framing == Framing::CrLf)
        end = "\r\n";
    else if (setup.framing == Framing::Delimiter)
        end = setup.delimiter;
    return prefix + body + end;
}

} // namespace

class tst_ProgramText : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void aPortNotChosenYetIsSaid();
    void bytesLiteralsArePythonsRepr();
    void cppBytesKeepEveryByte();
    void fileNames();
    void udpOtherEnd_data();
    void udpOtherEnd();
    void tcpServerOtherEnd_data();
    void tcpServerOtherEnd();
    void chatClient();
    void tcpClientOtherEnd_data();
    void tcpClientOtherEnd();
    void udpThisEnd_data();
    void udpThisEnd();
    void tcpServerThisEnd_data();
    void tcpServerThisEnd();
    void chatServerThisEnd();
    void tcpClientThisEnd_data();
    void tcpClientThisEnd();
    void qtUdpEcho();
    void qtTcpServerTimestamp();
};

// Python prints every byte value, and both quotes, as PythonSyntax::bytesLiteral() writes them.
void tst_ProgramText::bytesLiteralsArePythonsRepr()
{
    QByteArray all;
    for (int b = 0; b < 256; ++b)
        all += char(b);
    const QList<QByteArray> cases = { all, "it's", "it's \"", "", "\\x41" };
    QString program = QStringLiteral("import sys\n");
    for (const QByteArray &bytes : cases)
        program += u"print(repr(" + PythonSyntax::bytesLiteral(bytes) + u"))\n";
    ProgramRun run(program);
    QVERIFY2(run.finished(), qPrintable(run.errors()));
    QStringList expected;
    for (const QByteArray &bytes : cases)
        expected << PythonSyntax::bytesLiteral(bytes);
    QCOMPARE(QString::fromUtf8(run.output()), expected.join(u'\n') + u'\n');
}

void tst_ProgramText::cppBytesKeepEveryByte()
{
    QCOMPARE(ProgramText::cppBytes(QByteArrayView("\x01"
                                                  "7a\0?\"\\\n",
                                                  8)),
             QStringLiteral("\"\\0017a\\000\\?\\\"\\\\\\n\""));
    QCOMPARE(ProgramText::cppBytes("\xff"), QStringLiteral("\"\\377\""));
}

void tst_ProgramText::fileNames()
{
    SessionSetup setup;
    setup.kind = QStringLiteral("udp");
    QCOMPARE(ProgramText::fileName(setup, Program::OtherEnd), QStringLiteral("udp_client.py"));
    setup.kind = QStringLiteral("tcpServer");
    QCOMPARE(ProgramText::fileName(setup, Program::ThisEnd), QStringLiteral("tcp_server.py"));
    setup.autoReply = AutoReply::Relay;
    QCOMPARE(ProgramText::fileName(setup, Program::OtherEnd), QStringLiteral("chat_client.py"));
    QCOMPARE(ProgramText::fileName(setup, Program::QtThisEnd), QStringLiteral("main.cpp"));
}

void tst_ProgramText::udpOtherEnd_data()
{
    QTest::addColumn<QString>("address");
    QTest::addColumn<AutoReply>("mode");
    QTest::addColumn<LineEnding>("ending");
    QTest::newRow("every address, none") << QString() << AutoReply::None << LineEnding::CrLf;
    QTest::newRow("127.0.0.1, echo")
        << QStringLiteral("127.0.0.1") << AutoReply::Echo << LineEnding::None;
    QTest::newRow("::1, timestamp")
        << QStringLiteral("::1") << AutoReply::Timestamp << LineEnding::Lf;
    QTest::newRow("every address, timestamp")
        << QString() << AutoReply::Timestamp << LineEnding::Cr;
}

// The sendto() client: the tab gets its datagram, and it prints the tab's answer.
void tst_ProgramText::udpOtherEnd()
{
    QFETCH(QString, address);
    QFETCH(AutoReply, mode);
    QFETCH(LineEnding, ending);
    UdpSession session;
    session.setAutoReply(mode);
    QVERIFY(session.bind(
        address.isEmpty() ? QHostAddress(QHostAddress::Any) : QHostAddress(address), 0));
    QSignalSpy received(&session, &Session::received);
    QSignalSpy sent(&session, &Session::sent);
    SessionSetup setup { QStringLiteral("udp"), address, session.localEndpoint().port };
    setup.autoReply = mode;
    setup.lineEnding = ending;
    setup.message = Message;
    ProgramRun run(ProgramText::program(setup, Program::OtherEnd));
    QVERIFY2(run.finished(), qPrintable(run.errors()));
    QCOMPARE(received.size(), 1);
    QCOMPARE(received.at(0).at(0).toByteArray(), setup.payload());
    if (mode == AutoReply::None) {
        QCOMPARE(sent.size(), 0);
        QVERIFY(!run.output().contains("Received"));
    } else {
        QCOMPARE(sent.size(), 1);
        QVERIFY2(QString::fromUtf8(run.output()).contains(printed(sent.at(0).at(0).toByteArray())),
                 run.output().constData());
    }
}

void tst_ProgramText::tcpServerOtherEnd_data()
{
    QTest::addColumn<QString>("address");
    QTest::addColumn<AutoReply>("mode");
    QTest::addColumn<Framing>("framing");
    // Every framing and every answer, each address family of the listener.
    const std::tuple<AutoReply, Framing> rows[] = {
        { AutoReply::None, Framing::Lf },
        { AutoReply::Echo, Framing::None },
        { AutoReply::Echo, Framing::CrLf },
        { AutoReply::Echo, Framing::Delimiter },
        { AutoReply::Timestamp, Framing::Length16 },
        { AutoReply::Timestamp, Framing::None },
        { AutoReply::Echo, Framing::Length32 },
        { AutoReply::Timestamp, Framing::Lf },
    };
    int row = 0;
    for (const auto &[mode, framing] : rows) {
        const QString address = ++row % 2 ? QString() : QStringLiteral("127.0.0.1");
        QTest::addRow("%s, %s, %s", address.isEmpty() ? "every address" : "127.0.0.1",
                      EnumKeys::key(mode).data(), EnumKeys::key(framing).data())
            << address << mode << framing;
    }
}

// The client sends one framed message and FIN; the tab answers, closes, and it prints all.
void tst_ProgramText::tcpServerOtherEnd()
{
    QFETCH(QString, address);
    QFETCH(AutoReply, mode);
    QFETCH(Framing, framing);
    SessionSetup setup { QStringLiteral("tcpServer"), address };
    setup.autoReply = mode;
    setup.framing = framing;
    setup.delimiter = "<>";
    setup.lineEnding = LineEnding::Cr;
    setup.message = Message;
    TcpServerSession session;
    session.setAutoReply(mode);
    session.setFramer(StreamFramer(framing, setup.delimiter));
    QVERIFY(session.listen(
        address.isEmpty() ? QHostAddress(QHostAddress::Any) : QHostAddress(address), 0));
    setup.localPort = session.localEndpoint().port;
    QByteArray in, out;
    connect(&session, &Session::received, this, [&in](const QByteArray &bytes) { in += bytes; });
    connect(&session, &Session::sent, this, [&out](const QByteArray &bytes) { out += bytes; });
    ProgramRun run(ProgramText::program(setup, Program::OtherEnd));
    QVERIFY2(run.finished(), qPrintable(run.errors()));
    QCOMPARE(in, framed(setup, setup.payload()));
    QCOMPARE(out.isEmpty(), mode == AutoReply::None);
    if (mode == AutoReply::None)
        QVERIFY(!run.output().contains("Received"));
    else
        QVERIFY2(QString::fromUtf8(run.output()).contains(printed(out)), run.output().constData());
}

// The chat client relays what is typed and prints what the room sends.
void tst_ProgramText::chatClient()
{
    SessionSetup setup { QStringLiteral("tcpServer"), QStringLiteral("127.0.0.1") };
    setup.autoReply = AutoReply::Relay;
    setup.framing = Framing::CrLf;
    TcpServerSession session;
    session.setAutoReply(AutoReply::Relay);
    session.setFramer(StreamFramer(Framing::CrLf));
    QVERIFY(session.listen(QHostAddress::LocalHost, 0));
    setup.localPort = session.localEndpoint().port;
    QTcpSocket other;
    other.connectToHost(QHostAddress::LocalHost, setup.localPort);
    QByteArray heard;
    QVERIFY(readAtLeast(other, heard, 1));
    ProgramRun run(ProgramText::program(setup, Program::OtherEnd));
    QVERIFY(run.waitFor(QRegularExpression(QStringLiteral("You are user2"))).hasMatch());
    run.process().write("hi there\n");
    heard.clear();
    const QByteArray expected = "<user2> hi there\r\n";
    QVERIFY(readAtLeast(other, heard, heard.size() + 1));
    QVERIFY(heard.contains("joined"));
    QVERIFY(readAtLeast(other, heard, heard.indexOf('\n') + 1 + expected.size()));
    QCOMPARE(heard.mid(heard.indexOf('\n') + 1), expected);
    other.write("hey\r\n");
    QVERIFY(run.waitFor(QRegularExpression(QStringLiteral("<user1> hey\\r\\n"))).hasMatch());
    run.process().closeWriteChannel();
    QVERIFY2(run.finished(), qPrintable(run.errors()));
}

void tst_ProgramText::tcpClientOtherEnd_data()
{
    QTest::addColumn<QString>("host");
    QTest::newRow("127.0.0.1") << QStringLiteral("127.0.0.1");
    QTest::newRow("::1") << QStringLiteral("::1");
}

// The server a TCP Client tab expects: it takes the tab's connection and echoes.
void tst_ProgramText::tcpClientOtherEnd()
{
    QFETCH(QString, host);
    SessionSetup setup { QStringLiteral("tcpClient") };
    setup.remoteHost = host;
    ProgramRun run(ProgramText::program(setup, Program::OtherEnd));
    const quint16 port = run.port();
    QVERIFY2(port != 0, qPrintable(run.errors()));
    TcpClientSession session;
    QByteArray in;
    connect(&session, &Session::received, this, [&in](const QByteArray &bytes) { in += bytes; });
    session.connectToHost(host, port);
    QTRY_VERIFY(session.isConnected());
    QVERIFY(session.send(Message));
    QTRY_COMPARE(in, Message);
    session.disconnectFromHost();
    QVERIFY2(run.finished(), qPrintable(run.errors()));
    QVERIFY(QString::fromUtf8(run.output()).contains(printed(Message)));
}

void tst_ProgramText::udpThisEnd_data()
{
    QTest::addColumn<QString>("address");
    QTest::addColumn<AutoReply>("mode");
    QTest::addColumn<QByteArray>("message");
    QTest::newRow("every address, echo, sends") << QString() << AutoReply::Echo << Message;
    QTest::newRow("127.0.0.1, timestamp")
        << QStringLiteral("127.0.0.1") << AutoReply::Timestamp << QByteArray();
    QTest::newRow("every address, none, sends") << QString() << AutoReply::None << Message;
    QTest::newRow("::1, echo") << QStringLiteral("::1") << AutoReply::Echo << QByteArray();
}

// The recvfrom() loop answers the peer's datagram as the tab would, after sending the message.
void tst_ProgramText::udpThisEnd()
{
    QFETCH(QString, address);
    QFETCH(AutoReply, mode);
    QFETCH(QByteArray, message);
    const bool v6 = address == u"::1";
    QUdpSocket peer;
    QVERIFY(peer.bind(v6 ? QHostAddress::LocalHostIPv6 : QHostAddress::LocalHost, 0));
    SessionSetup setup { QStringLiteral("udp"), address, 0, QStringLiteral("127.0.0.1"),
                         peer.localPort() };
    setup.autoReply = mode;
    setup.message = message;
    setup.lineEnding = LineEnding::Lf;
    ProgramRun run(ProgramText::program(setup, Program::ThisEnd));
    const quint16 port = run.port();
    QVERIFY2(port != 0, qPrintable(run.errors()));
    if (!message.isEmpty()) {
        QTRY_VERIFY(peer.hasPendingDatagrams());
        QCOMPARE(peer.receiveDatagram().data(), setup.payload());
    }
    peer.writeDatagram(Message, v6 ? QHostAddress::LocalHostIPv6 : QHostAddress::LocalHost, port);
    QVERIFY(
        run.waitFor(QRegularExpression(QRegularExpression::escape(printed(Message)))).hasMatch());
    if (mode == AutoReply::None)
        return;
    QTRY_VERIFY(peer.hasPendingDatagrams());
    const QByteArray reply = peer.receiveDatagram().data();
    if (mode == AutoReply::Echo)
        QCOMPARE(reply, Message);
    else
        QVERIFY2(isTimestampOf(reply, Message), reply.constData());
}

void tst_ProgramText::tcpServerThisEnd_data()
{
    tcpServerOtherEnd_data();
}

// The server answers each message (or read) of the peer's stream as the tab's session would.
void tst_ProgramText::tcpServerThisEnd()
{
    QFETCH(QString, address);
    QFETCH(AutoReply, mode);
    QFETCH(Framing, framing);
    SessionSetup setup { QStringLiteral("tcpServer"), address };
    setup.autoReply = mode;
    setup.framing = framing;
    setup.delimiter = "\0\0";
    setup.delimiter = QByteArray(2, '\0');
    setup.message = mode == AutoReply::Echo ? Message : QByteArray();
    ProgramRun run(ProgramText::program(setup, Program::ThisEnd));
    const quint16 port = run.port();
    QVERIFY2(port != 0, qPrintable(run.errors()));
    QTcpSocket peer;
    peer.connectToHost(QHostAddress::LocalHost, port);
    QByteArray in;
    if (!setup.message.isEmpty()) {
        QVERIFY(readAtLeast(peer, in, setup.payload().size()));
        QCOMPARE(in, setup.payload());
        in.clear();
    }
    // Two messages in one write, and the half of a third: it answers the two complete ones.
    const QByteArray stream
        = framed(setup, Message) + framed(setup, "second") + framed(setup, "thi").left(4);
    peer.write(stream);
    QVERIFY(run.waitFor(QRegularExpression(QStringLiteral("Received"))).hasMatch());
    const QList<QByteArray> messages = messagesOf(setup, stream);
    if (mode == AutoReply::None)
        return;
    QByteArray expected;
    for (const QByteArray &m : messages)
        expected += *AutoReplies::replyTo(mode, m, QDateTime::currentDateTime());
    QVERIFY(readAtLeast(peer, in, expected.size()));
    if (mode == AutoReply::Echo) {
        QCOMPARE(in, expected);
    } else {
        qsizetype at = 0;
        for (const QByteArray &m : messages) {
            const qsizetype size = m.size() + 27;
            QVERIFY2(isTimestampOf(in.mid(at, size), m), in.constData());
            at += size;
        }
        QCOMPARE(at, in.size());
    }
}

// The chat room: names, announcements and relayed messages as the session writes them.
void tst_ProgramText::chatServerThisEnd()
{
    SessionSetup setup { QStringLiteral("tcpServer") };
    setup.autoReply = AutoReply::Relay;
    setup.framing = Framing::Lf;
    ProgramRun run(ProgramText::program(setup, Program::ThisEnd));
    const quint16 port = run.port();
    QVERIFY2(port != 0, qPrintable(run.errors()));
    QTcpSocket first, second;
    QByteArray toFirst, toSecond;
    first.connectToHost(QHostAddress::LocalHost, port);
    const QByteArray greeting = "<announce> You are user1. Nobody else is here yet.\n";
    QVERIFY(readAtLeast(first, toFirst, greeting.size()));
    QCOMPARE(toFirst, greeting);
    second.connectToHost(QHostAddress::LocalHost, port);
    const QByteArray welcome = "<announce> You are user2. Also here: user1.\n";
    QVERIFY(readAtLeast(second, toSecond, welcome.size()));
    QCOMPARE(toSecond, welcome);
    const QByteArray joined = "<announce> user2 joined from 127.0.0.1:"
        + QByteArray::number(second.localPort()) + ".\n";
    QVERIFY(readAtLeast(first, toFirst, greeting.size() + joined.size()));
    QCOMPARE(toFirst.mid(greeting.size()), joined);
    second.write("hel");
    second.write("lo\nrest");
    const QByteArray relayed = "<user2> hello\n";
    QVERIFY(readAtLeast(first, toFirst, greeting.size() + joined.size() + relayed.size()));
    QCOMPARE(toFirst.mid(greeting.size() + joined.size()), relayed);
    second.disconnectFromHost();
    const QByteArray left = "<announce> user2 left.\n";
    QVERIFY(readAtLeast(first, toFirst,
                        greeting.size() + joined.size() + relayed.size() + left.size()));
    QCOMPARE(toFirst.mid(greeting.size() + joined.size() + relayed.size()), left);
}

void tst_ProgramText::tcpClientThisEnd_data()
{
    QTest::addColumn<QString>("host");
    QTest::addColumn<Framing>("framing");
    QTest::newRow("127.0.0.1, none") << QStringLiteral("127.0.0.1") << Framing::None;
    QTest::newRow("127.0.0.1, crlf") << QStringLiteral("127.0.0.1") << Framing::CrLf;
    QTest::newRow("::1, len32") << QStringLiteral("::1") << Framing::Length32;
    QTest::newRow("127.0.0.1, len16") << QStringLiteral("127.0.0.1") << Framing::Length16;
}

// The client sends the composer's message with its line ending and prints what comes back.
void tst_ProgramText::tcpClientThisEnd()
{
    QFETCH(QString, host);
    QFETCH(Framing, framing);
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress(host), 0));
    SessionSetup setup { QStringLiteral("tcpClient") };
    setup.remoteHost = host;
    setup.remotePort = server.serverPort();
    setup.framing = framing;
    setup.message = Message;
    setup.lineEnding = LineEnding::CrLf;
    ProgramRun run(ProgramText::program(setup, Program::ThisEnd));
    QTRY_VERIFY(server.hasPendingConnections());
    std::unique_ptr<QTcpSocket> peer(server.nextPendingConnection());
    QByteArray in;
    QVERIFY(readAtLeast(*peer, in, setup.payload().size()));
    QCOMPARE(in, setup.payload());
    const QByteArray reply = framed(setup, "pong \x01");
    peer->write(reply);
    peer->disconnectFromHost();
    QVERIFY2(run.finished(), qPrintable(run.errors()));
    const QString output = QString::fromUtf8(run.output());
    QVERIFY2(output.contains(framing == Framing::None
                                 ? printed(reply)
                                 : u"Complete message " + PythonSyntax::bytesLiteral(reply)),
             qPrintable(output));
}

// The Qt C++ programs the build compiled run too: they answer as the tab would.
void tst_ProgramText::qtUdpEcho()
{
    ProgramRun run(ProgramRun::Executable { QStringLiteral(QT_PROGRAM_UDP_ECHO) });
    const quint16 port = run.port();
    QVERIFY2(port != 0, run.output().constData());
    QUdpSocket peer;
    QVERIFY(peer.bind(QHostAddress::LocalHost, 0));
    peer.writeDatagram(Message, QHostAddress::LocalHost, port);
    QTRY_VERIFY(peer.hasPendingDatagrams());
    QCOMPARE(peer.receiveDatagram().data(), Message);
}

void tst_ProgramText::qtTcpServerTimestamp()
{
    ProgramRun run(ProgramRun::Executable { QStringLiteral(QT_PROGRAM_TCP_TIMESTAMP) });
    const quint16 port = run.port();
    QVERIFY2(port != 0, run.output().constData());
    QTcpSocket peer;
    peer.connectToHost(QHostAddress::LocalHost, port);
    // First the composer's message (generate_qt_programs.cpp), then the answers.
    const QByteArray greeting = QByteArrayLiteral("it's \"quoted\" \\ \x00\x01\xff?\?= 7\r\n");
    QByteArray in;
    QVERIFY(readAtLeast(peer, in, greeting.size()));
    QCOMPARE(in.first(greeting.size()), greeting);
    in.remove(0, greeting.size());
    peer.write("one\ntw");
    peer.write("o\nthr");
    QVERIFY(readAtLeast(peer, in, 2 * 27 + 4 + 4));
    QVERIFY2(isTimestampOf(in.first(27 + 4), "one\n"), in.constData());
    QVERIFY2(isTimestampOf(in.sliced(27 + 4), "two\n"), in.constData());
}

// A tab on port 0 has no port yet: the other end's program says to put in the one it gets.
void tst_ProgramText::aPortNotChosenYetIsSaid()
{
    for (const QString &kind : { QStringLiteral("udp"), QStringLiteral("tcpServer") }) {
        SessionSetup setup;
        setup.kind = kind;
        const QString program = ProgramText::program(setup, ProgramText::Program::OtherEnd);
        QVERIFY2(program.contains(QStringLiteral("put that port here")), qPrintable(program));
    }
}

QTEST_GUILESS_MAIN(tst_ProgramText)
#include "tst_programtext.moc"
