#include "net/filesender.h"
#include "net/tcpclientsession.h"
#include "net/tcpserversession.h"

#include "outofdescriptors.h"

#include <QCryptographicHash>
#include <QFile>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

#ifdef Q_OS_LINUX
#include <sys/socket.h>
#endif

using State = TcpClientSession::State;
using Ending = TcpConnection::Ending;

class tst_TcpClientSession : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void connectsSendsAndCloses_data();
    void connectsSendsAndCloses();
    void looksUpHostNames();
    void chunksAndFramedMessages();
    void pythonBytesPictureIsHintedOnce();
    void refused();
    void refusedOnIPv6SuggestsIPv4();
    void explainsIPv4OnlyServer();
    void hostNotFound();
    void localPort();
    void localPortInUse();
    void localPortOnIPv6();
    void outOfDescriptors();
    void serverClosesGracefully();
    void peerResetMidStream();
    void abortSendsReset();
    void sendWhileClosedIsExplained();
    void tenMebibytesEachWay();
    void sendFileStreamsEveryByte();
    void stoppingAFileSaysHowFarItGot();
    void throttledReadsWaitAndNothingIsLost();
    void pausedReadingFillsTheKernelAndNothingIsLost();
    void pausedAndThrottledReadsWhenNeither();
    void disconnectingWhilePausedReadsWhatWaited();
    void disconnectingWhilePausedAndThrottledEndsWithFin();
    void disconnectingMidFileWaitsForTheFile();
};

namespace {

const QHostAddress V4(QHostAddress::LocalHost);
const QHostAddress V6(QHostAddress::LocalHostIPv6);

// A plain QTcpServer standing in for the other program; it keeps what its first client sent.
struct Peer
{
    QTcpServer server;
    QTcpSocket *client = nullptr;
    QByteArray received;

    explicit Peer(const QHostAddress &address = V4)
    {
        if (!server.listen(address, 0))
            qWarning() << "peer listen failed:" << server.errorString();
        QObject::connect(&server, &QTcpServer::newConnection, &server, [this] {
            client = server.nextPendingConnection();
            QObject::connect(client, &QTcpSocket::readyRead, client,
                             [this] { received += client->readAll(); });
        });
    }
    quint16 port() const { return server.serverPort(); }
    bool waitForClient()
    {
        return client || QSignalSpy(&server, &QTcpServer::newConnection).wait(10000);
    }
};

// A port nothing listens on: bound once by the system, then released.
quint16 freePort(const QHostAddress &address = V4)
{
    QTcpServer probe;
    probe.listen(address, 0);
    return probe.serverPort();
}

QList<State> statesOf(const QSignalSpy &spy)
{
    QList<State> states;
    for (const QList<QVariant> &args : spy)
        states << args.at(0).value<State>();
    return states;
}

// The words of a noticed() or errorOccurred(): its one QString argument.
QString messageOf(const QList<QVariant> &args)
{
    for (const QVariant &arg : args) {
        if (arg.metaType() == QMetaType::fromType<QString>())
            return arg.toString();
    }
    return {};
}

QString lastMessage(const QSignalSpy &spy)
{
    return spy.isEmpty() ? QString() : messageOf(spy.constLast());
}

QStringList messages(const QSignalSpy &spy)
{
    QStringList texts;
    for (const QList<QVariant> &args : spy)
        texts << messageOf(args);
    return texts;
}

bool waitForState(TcpClientSession &session, State state)
{
    QSignalSpy spy(&session, &TcpClientSession::stateChanged);
    return session.state() == state || (spy.wait(10000) && session.state() == state)
        || QTest::qWaitFor([&] { return session.state() == state; }, 10000);
}

// Connects to 127.0.0.1 and waits until both ends have the connection.
bool connectToPeer(TcpClientSession &session, Peer &peer)
{
    session.connectToHost(QStringLiteral("127.0.0.1"), peer.port());
    return waitForState(session, State::Connected) && peer.waitForClient();
}

bool connectToServer(TcpClientSession &session, TcpServerSession &server)
{
    QSignalSpy accepted(&server, &TcpServerSession::clientConnected);
    session.connectToHost(QStringLiteral("127.0.0.1"), server.localEndpoint().port);
    return waitForState(session, State::Connected)
        && QTest::qWaitFor([&] { return accepted.size() == 1; }, 10000);
}

} // namespace

void tst_TcpClientSession::connectsSendsAndCloses_data()
{
    QTest::addColumn<QHostAddress>("address");
    QTest::newRow("IPv4 loopback") << V4;
    QTest::newRow("IPv6 loopback") << V6;
}

void tst_TcpClientSession::connectsSendsAndCloses()
{
    QFETCH(QHostAddress, address);
    Peer peer(address);
    TcpClientSession session;
    QSignalSpy states(&session, &TcpClientSession::stateChanged);
    QSignalSpy opened(&session, &TcpClientSession::connectionOpened);
    QSignalSpy errors(&session, &TcpClientSession::errorOccurred);

    session.connectToHost(address.toString(), peer.port());
    QVERIFY(waitForState(session, State::Connected));
    QVERIFY(peer.waitForClient());
    QCOMPARE(opened.size(), 1);
    QCOMPARE(session.peerEndpoint(), (Endpoint { address, peer.port() }));
    QCOMPARE(session.localEndpoint().port, peer.client->peerPort());

    QSignalSpy received(session.connection(), &TcpConnection::received);
    QSignalSpy sent(session.connection(), &TcpConnection::sent);
    const QByteArray payload("hello\0world\r\n", 13);
    QVERIFY(session.send(payload));
    QCOMPARE(sent.size(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(peer.received, payload, 10000);
    peer.client->write("answer");
    QVERIFY(received.wait(10000));
    QCOMPARE(received.constFirst().constFirst().toByteArray(), QByteArray("answer"));

    QSignalSpy peerGone(peer.client, &QTcpSocket::disconnected);
    QPointer<TcpConnection> connection = session.connection();
    QSignalSpy closed(connection, &TcpConnection::closed);
    session.disconnectFromHost();
    QTRY_COMPARE_WITH_TIMEOUT(closed.size(), 1, 10000);
    QCOMPARE(closed.constFirst().constFirst().value<Ending>(), Ending::ClosedByUs);
    QCOMPARE(session.state(), State::Closed);
    QVERIFY(peerGone.wait(10000));
    QCOMPARE(statesOf(states),
             (QList<State> { State::Connecting, State::Connected, State::Closing, State::Closed }));
    QVERIFY(errors.isEmpty());
    QTRY_VERIFY(connection.isNull()); // deleted once closed
}

void tst_TcpClientSession::looksUpHostNames()
{
    Peer peer(V4);
    TcpClientSession session;
    QSignalSpy states(&session, &TcpClientSession::stateChanged);
    QSignalSpy notices(&session, &TcpClientSession::noticed);
    session.connectToHost(QStringLiteral("localhost"), peer.port());
    QCOMPARE(session.state(), State::LookingUp);
    QVERIFY(waitForState(session, State::Connected));
    QCOMPARE(statesOf(states).first(3),
             (QList<State> { State::LookingUp, State::Connecting, State::Connected }));
    // Each step is told, with what it found.
    const QString all = messages(notices).join(u'\n');
    QVERIFY2(all.contains(u"Looking up localhost"), qPrintable(all));
    QVERIFY2(all.contains(u"localhost resolved to 127.0.0.1"), qPrintable(all));
    QVERIFY2(all.contains(u"Connected to 127.0.0.1:" + QString::number(peer.port())),
             qPrintable(all));
}

// One send may arrive as several reads and several sends as one; a framing finds the
// messages in whatever arrived.
void tst_TcpClientSession::chunksAndFramedMessages()
{
    Peer peer(V4);
    TcpClientSession session;
    session.setFramer(StreamFramer(StreamFramer::Framing::Lf));
    QVERIFY(connectToPeer(session, peer));
    QSignalSpy chunks(session.connection(), &TcpConnection::received);
    QSignalSpy framed(session.connection(), &TcpConnection::framed);

    peer.client->write("first\nsec");
    QVERIFY(framed.wait(10000));
    QCOMPARE(framed.size(), 1);
    peer.client->write("ond\nthird\n");
    QTRY_COMPARE_WITH_TIMEOUT(framed.size(), 3, 10000);
    QCOMPARE(framed.at(1).constFirst().toByteArray(), QByteArray("second\n"));
    QCOMPARE(framed.at(2).constFirst().toByteArray(), QByteArray("third\n"));
    QByteArray joined;
    for (const QList<QVariant> &args : std::as_const(chunks))
        joined += args.constFirst().toByteArray();
    QCOMPARE(joined, QByteArray("first\nsecond\nthird\n"));
    QCOMPARE(session.connection()->bytesReceived(), quint64(joined.size()));
}

// A server that sends str(data) instead of data: one notice, after the chunk it is about.
void tst_TcpClientSession::pythonBytesPictureIsHintedOnce()
{
    Peer peer(V4);
    TcpClientSession session;
    QVERIFY(connectToPeer(session, peer));
    QSignalSpy received(&session, &TcpClientSession::received);
    QSignalSpy notices(&session, &TcpClientSession::noticed);
    const qsizetype before = notices.size();
    peer.client->write("[Tue Dec  1 21:06:02 2026] b'hello'\n");
    QVERIFY(received.wait(10000));
    peer.client->write("b'again'\n");
    QTRY_COMPARE_WITH_TIMEOUT(received.size(), 2, 10000);
    QCOMPARE(notices.size(), before + 1);
    const QString hint = notices.constLast().constFirst().toString();
    QVERIFY2(hint.startsWith(u"127.0.0.1:" + QString::number(peer.port())
                             + u" sent [Tue Dec  1 21:06:02 2026] b'hello': that is how Python "
                               "prints a bytes object")
                 && hint.contains(u"data.decode()"),
             qPrintable(hint));
}

void tst_TcpClientSession::refused()
{
    const quint16 port = freePort();
    TcpClientSession session;
    QSignalSpy errors(&session, &TcpClientSession::errorOccurred);
    session.connectToHost(QStringLiteral("127.0.0.1"), port);
    QVERIFY(errors.wait(10000));
    QCOMPARE(errors.constFirst().constFirst().value<QAbstractSocket::SocketError>(),
             QAbstractSocket::ConnectionRefusedError);
    const QString message = lastMessage(errors);
    QVERIFY2(message.startsWith(u"Connection refused: nothing is listening on 127.0.0.1:"
                                + QString::number(port)),
             qPrintable(message));
    QVERIFY2(message.contains(u"Start the server first"), qPrintable(message));
    QCOMPARE(session.state(), State::Closed);
}

void tst_TcpClientSession::refusedOnIPv6SuggestsIPv4()
{
    const quint16 port = freePort(V6);
    TcpClientSession session;
    QSignalSpy errors(&session, &TcpClientSession::errorOccurred);
    session.connectToHost(QStringLiteral("::1"), port);
    QVERIFY(errors.wait(10000));
    const QString message = lastMessage(errors);
    QVERIFY2(message.contains(u"[::1]:" + QString::number(port)), qPrintable(message));
    QVERIFY2(message.contains(u"If the server listens on IPv4 only, connect to 127.0.0.1:"
                              + QString::number(port)),
             qPrintable(message));
}

// localhost resolving to ::1 first, with a server that listens on IPv4 only: the first attempt
// is refused, the second connects, and the log says why.
void tst_TcpClientSession::explainsIPv4OnlyServer()
{
    QTcpServer server;
    QVERIFY2(server.listen(QHostAddress::AnyIPv4, 0), qPrintable(server.errorString()));
    TcpClientSession session;
    QSignalSpy notices(&session, &TcpClientSession::noticed);
    session.connectToAddresses(QStringLiteral("localhost"), { V6, V4 }, server.serverPort());
    QVERIFY(waitForState(session, State::Connected));
    QCOMPARE(session.peerEndpoint().address, V4);
    const QString all = messages(notices).join(u'\n');
    QVERIFY2(all.contains(u"localhost resolved to ::1 but the server listens on IPv4 only"),
             qPrintable(all));
    QVERIFY2(all.contains(u"trying 127.0.0.1:"), qPrintable(all));
}

void tst_TcpClientSession::hostNotFound()
{
    TcpClientSession session;
    QSignalSpy errors(&session, &TcpClientSession::errorOccurred);
    session.connectToHost(QStringLiteral("no-such-host.invalid"), 9000);
    QVERIFY(errors.wait(20000));
    QCOMPARE(errors.constFirst().constFirst().value<QAbstractSocket::SocketError>(),
             QAbstractSocket::HostNotFoundError);
    const QString message = lastMessage(errors);
    QVERIFY2(message.contains(u"Host \"no-such-host.invalid\" was not found"), qPrintable(message));
    QCOMPARE(session.state(), State::Closed);
}

void tst_TcpClientSession::localPort()
{
    Peer peer(V4);
    const quint16 local = freePort();
    TcpClientSession session;
    session.connectToHost(QStringLiteral("127.0.0.1"), peer.port(), local);
    QVERIFY(waitForState(session, State::Connected));
    QCOMPARE(session.localEndpoint().port, local);
    QVERIFY(peer.waitForClient());
    QCOMPARE(peer.client->peerPort(), local);
}

void tst_TcpClientSession::localPortInUse()
{
    Peer peer(V4);
    QTcpServer holder;
    QVERIFY(holder.listen(QHostAddress::AnyIPv4, 0));
    TcpClientSession session;
    QSignalSpy errors(&session, &TcpClientSession::errorOccurred);
    session.connectToHost(QStringLiteral("127.0.0.1"), peer.port(), holder.serverPort());
    QTRY_COMPARE_WITH_TIMEOUT(errors.size(), 1, 10000);
    const QString message = lastMessage(errors);
    QVERIFY2(
        message.startsWith(u"Port " + QString::number(holder.serverPort()) + u" is already in use"),
        qPrintable(message));
    QCOMPARE(session.state(), State::Closed);
}

void tst_TcpClientSession::localPortOnIPv6()
{
    Peer peer(V6);
    const quint16 local = freePort(V6);
    TcpClientSession session;
    QSignalSpy notices(&session, &TcpClientSession::noticed);
    session.connectToHost(QStringLiteral("::1"), peer.port(), local);
    QVERIFY(waitForState(session, State::Connected));
    QCOMPARE(session.localEndpoint(), (Endpoint { V6, local }));
    QVERIFY(peer.waitForClient());
    QCOMPARE(peer.client->peerPort(), local);
    QVERIFY2(messages(notices).join(u'\n').contains(
                 u"Connecting to [::1]:" + QString::number(peer.port()) + u" (SYN sent)"),
             qPrintable(messages(notices).join(u'\n')));
}

// Out of descriptors (ulimit -n), there is no socket to connect with: the row says so and what
// to do, and no other address of the server is tried in vain.
void tst_TcpClientSession::outOfDescriptors()
{
#if defined(SOCKSCOPE_SANITIZED)
    QSKIP("Out of descriptors, the sanitizers' own checks fail; the normal pass runs this.");
#endif
    const quint16 port = freePort();
    TcpClientSession session;
    QSignalSpy errors(&session, &TcpClientSession::errorOccurred);
    QSignalSpy notices(&session, &TcpClientSession::noticed);
    {
        const OutOfDescriptors exhausted;
        QVERIFY(exhausted.isExhausted());
        session.connectToAddresses(QStringLiteral("localhost"), { V4, V6 }, port);
    }
    QTRY_COMPARE_WITH_TIMEOUT(errors.size(), 1, 10000);
    QCOMPARE(errors.constFirst().constFirst().value<QAbstractSocket::SocketError>(),
             QAbstractSocket::SocketResourceError);
    const QString message = lastMessage(errors);
    QVERIFY2(message.startsWith(u"Cannot connect to localhost:" + QString::number(port))
                 && message.contains(u"this program has as many files and sockets open")
                 && message.contains(u"ulimit -n"),
             qPrintable(message));
    QVERIFY2(!messages(notices).join(u'\n').contains(u"trying"),
             qPrintable(messages(notices).join(u'\n')));
    QCOMPARE(session.state(), State::Closed);
}

void tst_TcpClientSession::serverClosesGracefully()
{
    Peer peer(V4);
    TcpClientSession session;
    QVERIFY(connectToPeer(session, peer));
    QSignalSpy closed(session.connection(), &TcpConnection::closed);
    QSignalSpy received(session.connection(), &TcpConnection::received);
    peer.client->write("bye\n");
    peer.client->disconnectFromHost(); // writes "bye\n", then FIN
    QTRY_COMPARE_WITH_TIMEOUT(closed.size(), 1, 10000);
    QCOMPARE(closed.constFirst().at(0).value<Ending>(), Ending::ClosedByPeer);
    QVERIFY2(closed.constFirst().at(1).toString().contains(u"closed the connection (FIN)"),
             qPrintable(closed.constFirst().at(1).toString()));
    QCOMPARE(received.size(), 1); // nothing sent before the close is lost
    QCOMPARE(received.constFirst().constFirst().toByteArray(), QByteArray("bye\n"));
    QCOMPARE(session.state(), State::Closed);
}

void tst_TcpClientSession::peerResetMidStream()
{
    Peer peer(V4);
    TcpClientSession session;
    QVERIFY(connectToPeer(session, peer));
    QSignalSpy closed(session.connection(), &TcpConnection::closed);
    QSignalSpy received(session.connection(), &TcpConnection::received);
    peer.client->write("partial data");
    QVERIFY(received.wait(10000));
#ifdef Q_OS_LINUX
    // Zero linger: close() sends RST, as a crashing or aborting program does.
    const linger option { 1, 0 };
    QCOMPARE(::setsockopt(int(peer.client->socketDescriptor()), SOL_SOCKET, SO_LINGER, &option,
                          sizeof option),
             0);
#endif
    peer.client->abort();
    QTRY_COMPARE_WITH_TIMEOUT(closed.size(), 1, 10000);
#ifdef Q_OS_LINUX
    QCOMPARE(closed.constFirst().at(0).value<Ending>(), Ending::ResetByPeer);
    QVERIFY2(closed.constFirst().at(1).toString().contains(u"reset the connection (RST)"),
             qPrintable(closed.constFirst().at(1).toString()));
#endif
    QCOMPARE(session.state(), State::Closed);
}

// Abort is a reset: the server's side of the connection sees RST, not FIN.
void tst_TcpClientSession::abortSendsReset()
{
    TcpServerSession server;
    QVERIFY(server.listen(V4, 0));
    TcpClientSession session;
    QVERIFY(connectToServer(session, server));
    QSignalSpy serverSide(server.clients().constFirst(), &TcpConnection::closed);
    QSignalSpy clientSide(session.connection(), &TcpConnection::closed);
    session.abort();
    QCOMPARE(clientSide.size(), 1);
    QCOMPARE(clientSide.constFirst().constFirst().value<Ending>(), Ending::AbortedByUs);
    QCOMPARE(session.state(), State::Closed);
    QVERIFY(serverSide.wait(10000));
#ifdef Q_OS_LINUX
    QCOMPARE(serverSide.constFirst().constFirst().value<Ending>(), Ending::ResetByPeer);
#endif
}

void tst_TcpClientSession::sendWhileClosedIsExplained()
{
    TcpClientSession session;
    QSignalSpy errors(&session, &TcpClientSession::errorOccurred);
    QVERIFY(!session.send("x"));
    QCOMPARE(errors.size(), 1);
    QVERIFY(lastMessage(errors).contains(u"not connected"));
}

// 10 MiB from client to server and 10 MiB back, each compared by checksum on the other end.
void tst_TcpClientSession::tenMebibytesEachWay()
{
    QByteArray up(10 << 20, Qt::Uninitialized);
    QByteArray down(10 << 20, Qt::Uninitialized);
    for (qsizetype i = 0; i < up.size(); ++i) {
        up[i] = char((i * 7 + 3) & 0xff);
        down[i] = char((i * 13 + i / 4093) & 0xff);
    }
    TcpServerSession server;
    QVERIFY(server.listen(V4, 0));
    TcpClientSession session;
    QVERIFY(connectToServer(session, server));
    TcpConnection *serverSide = server.clients().constFirst();

    QCryptographicHash atServer(QCryptographicHash::Sha256);
    QCryptographicHash atClient(QCryptographicHash::Sha256);
    qint64 serverGot = 0;
    qint64 clientGot = 0;
    connect(serverSide, &TcpConnection::received, this, [&](const QByteArray &chunk) {
        atServer.addData(chunk);
        serverGot += chunk.size();
    });
    connect(session.connection(), &TcpConnection::received, this, [&](const QByteArray &chunk) {
        atClient.addData(chunk);
        clientGot += chunk.size();
    });
    QSignalSpy progress(session.connection(), &TcpConnection::writeProgress);
    QSignalSpy notices(session.connection(), &TcpConnection::noticed);

    QVERIFY(session.send(up));
    QVERIFY(serverSide->send(down));
    QVERIFY(session.connection()->bytesInFlight() > 0);
    QTRY_VERIFY_WITH_TIMEOUT(serverGot == up.size() && clientGot == down.size(), 60000);
    QCOMPARE(atServer.result(), QCryptographicHash::hash(up, QCryptographicHash::Sha256));
    QCOMPARE(atClient.result(), QCryptographicHash::hash(down, QCryptographicHash::Sha256));

    // The sender saw its progress and was told when the whole send had been written.
    QTRY_COMPARE_WITH_TIMEOUT(session.connection()->bytesInFlight(), 0, 10000);
    QVERIFY(progress.size() > 1);
    QCOMPARE(progress.constLast().at(0).toLongLong(), up.size());
    QCOMPARE(progress.constLast().at(1).toLongLong(), 0);
    const QString all = messages(notices).join(u'\n');
    QVERIFY2(all.contains(u"still in flight"), qPrintable(all));
    QVERIFY2(all.contains(QLocale().toString(up.size()) + u" queued bytes were written"),
             qPrintable(all));
}

namespace {

QString writeFile(const QTemporaryDir &dir, const QByteArray &bytes)
{
    QFile file(dir.filePath(QStringLiteral("payload.bin")));
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
        qWarning() << "cannot write" << file.fileName();
    return file.fileName();
}

QByteArray patterned(qsizetype size)
{
    QByteArray bytes(size, Qt::Uninitialized);
    for (qsizetype i = 0; i < size; ++i)
        bytes[i] = char((i * 131 + i / 997) & 0xff);
    return bytes;
}

// Lets the event loop run what was posted until now (a queued read among them): events
// posted to one thread run in order.
bool runPosted()
{
    bool ran = false;
    QMetaObject::invokeMethod(
        QCoreApplication::instance(), [&ran] { ran = true; }, Qt::QueuedConnection);
    return QTest::qWaitFor([&ran] { return ran; }, 10000);
}

} // namespace

// A file of several pieces, streamed as the socket takes it: every byte arrives, in order, as
// sent() pieces, and the session says it is done only once all is written.
void tst_TcpClientSession::sendFileStreamsEveryByte()
{
    QTemporaryDir dir;
    const QByteArray bytes = patterned(5 * FileSender::PieceBytes + 12345);
    const QString path = writeFile(dir, bytes);
    Peer peer;
    TcpClientSession session;
    QVERIFY(connectToPeer(session, peer));
    QSignalSpy sent(&session, &TcpClientSession::sent);
    QSignalSpy progress(&session, &TcpClientSession::fileProgressed);
    QSignalSpy ended(&session, &TcpClientSession::fileEnded);
    QSignalSpy notices(&session, &TcpClientSession::noticed);
    QVERIFY(session.sendFile(path));
    QVERIFY(session.isSendingFile());
    QVERIFY(ended.wait(60000));
    QCOMPARE(ended.at(0).at(0).toBool(), true);
    QVERIFY(!session.isSendingFile());
    QTRY_COMPARE_WITH_TIMEOUT(peer.received.size(), bytes.size(), 60000);
    QVERIFY(peer.received == bytes);
    QCOMPARE(sent.size(), 6); // five whole pieces and the rest
    QCOMPARE(sent.at(0).at(0).toByteArray().size(), FileSender::PieceBytes);
    QCOMPARE(progress.constLast().at(1).toLongLong(), bytes.size());
    QCOMPARE(progress.constLast().at(2).toLongLong(), bytes.size());
    const QString all = messages(notices).join(u'\n');
    QVERIFY2(all.contains(u"Sending payload.bin, " + QLocale().toString(bytes.size()) + u" bytes"),
             qPrintable(all));
    QVERIFY2(all.contains(u"Sent all of payload.bin"), qPrintable(all));
    // The socket's own word that all was written comes before the file's last word.
    QVERIFY2(all.indexOf(u"queued bytes were written") < all.indexOf(u"Sent all of"),
             qPrintable(all));
}

// A peer that does not read: the file waits in pieces, not in memory; Stop ends it and says
// how much was queued, and it is not called complete.
void tst_TcpClientSession::stoppingAFileSaysHowFarItGot()
{
    QTemporaryDir dir;
    const QString path = writeFile(dir, patterned(64 * FileSender::PieceBytes));
    QTcpServer silent;
    QVERIFY(silent.listen(V4, 0));
    TcpClientSession session;
    session.connectToHost(QStringLiteral("127.0.0.1"), silent.serverPort());
    QVERIFY(waitForState(session, State::Connected));
    QSignalSpy ended(&session, &TcpClientSession::fileEnded);
    QSignalSpy notices(&session, &TcpClientSession::noticed);
    QSignalSpy progress(&session, &TcpClientSession::fileProgressed);
    QVERIFY(session.sendFile(path));
    // The kernel's buffers fill, then the sender waits with at most two pieces in flight.
    QTRY_VERIFY_WITH_TIMEOUT(session.connection()->bytesInFlight() > 0, 10000);
    QVERIFY(session.connection()->bytesInFlight() <= 3 * FileSender::PieceBytes);
    QVERIFY(ended.isEmpty());
    session.stopFile();
    QCOMPARE(ended.size(), 1);
    QCOMPARE(ended.at(0).at(0).toBool(), false);
    QVERIFY2(lastMessage(notices).startsWith(u"Stopped sending payload.bin: "),
             qPrintable(lastMessage(notices)));
    QVERIFY(lastMessage(notices).contains(QLocale().toString(64 * FileSender::PieceBytes)));
    QVERIFY(!session.isSendingFile());
}

// Disconnect while a file is on its way: the connection closes gracefully once the whole file
// is written, so that the peer never takes a clean end for the end of the file.
void tst_TcpClientSession::disconnectingMidFileWaitsForTheFile()
{
    QTemporaryDir dir;
    const QByteArray bytes = patterned(16 * FileSender::PieceBytes);
    const QString path = writeFile(dir, bytes);
    Peer peer;
    TcpClientSession session;
    QVERIFY(connectToPeer(session, peer));
    QSignalSpy ended(&session, &TcpClientSession::fileEnded);
    QSignalSpy notices(&session, &TcpClientSession::noticed);
    QVERIFY(session.sendFile(path));
    session.disconnectFromHost();
    QVERIFY2(lastMessage(notices).contains(u"once the file being sent has been written"),
             qPrintable(lastMessage(notices)));
    QVERIFY(ended.wait(60000));
    QCOMPARE(ended.at(0).at(0).toBool(), true);
    QVERIFY(waitForState(session, State::Closed));
    QTRY_COMPARE_WITH_TIMEOUT(peer.received.size(), bytes.size(), 60000);
    QVERIFY(peer.received == bytes);
    QTRY_COMPARE_WITH_TIMEOUT(peer.client->state(), QAbstractSocket::UnconnectedState, 10000);
}

// While throttled (the recording is behind), what the peer sends waits in the socket and the
// kernel; resumed, every byte comes, in order.
void tst_TcpClientSession::throttledReadsWaitAndNothingIsLost()
{
    Peer peer;
    TcpClientSession session;
    session.setThrottled(true);
    QVERIFY(connectToPeer(session, peer));
    QVERIFY(session.connection()->isThrottled()); // a new connection starts throttled
    QByteArray received;
    connect(&session, &TcpClientSession::received, this,
            [&received](const QByteArray &chunk) { received += chunk; });
    const QByteArray bytes = patterned(16 << 20);
    peer.client->write(bytes);
    QTRY_VERIFY_WITH_TIMEOUT(session.connection()->bytesWaiting() > 0, 10000);
    QVERIFY(received.isEmpty());
    QCOMPARE(session.connection()->bytesReceived(), quint64(0));
    QVERIFY(peer.client->bytesToWrite() > 0); // the peer is held back, not dropped
    session.setThrottled(false);
    QTRY_COMPARE_WITH_TIMEOUT(received.size(), bytes.size(), 60000);
    QVERIFY(received == bytes);
}

// Pause reading: Qt reads nothing more, so the bytes wait in the kernel's receive queue and the
// peer's send blocks (its bytes stay queued); no recv() is stated. Resumed, every byte comes
// once, in order, and a notice says each change with the peer's address.
void tst_TcpClientSession::pausedReadingFillsTheKernelAndNothingIsLost()
{
    Peer peer;
    TcpClientSession session;
    session.setStatesCalls(true);
    QVERIFY(connectToPeer(session, peer));
    QByteArray received;
    connect(&session, &TcpClientSession::received, this,
            [&received](const QByteArray &chunk) { received += chunk; });
    QSignalSpy notices(&session, &TcpClientSession::noticed);
    QSignalSpy changes(&session, &TcpClientSession::readingPausedChanged);
    QSignalSpy calls(&session, &TcpClientSession::called);
    session.setReadingPaused(true);
    QVERIFY(session.isReadingPaused());
    QCOMPARE(changes.size(), 1);
    QCOMPARE(changes.constFirst().at(0).toBool(), true);
    const QString peerText = session.peerEndpoint().toString();
    QVERIFY2(lastMessage(notices).startsWith(u"Reading paused: what " + peerText),
             qPrintable(lastMessage(notices)));
    // More than the kernel's buffers at both ends can hold: the peer's send cannot finish.
    const QByteArray bytes = patterned(16 << 20);
    peer.client->write(bytes);
#ifdef Q_OS_LINUX
    QTRY_VERIFY_WITH_TIMEOUT(session.connection()->bytesInReceiveQueue() > 0, 10000);
#else
    QTRY_VERIFY_WITH_TIMEOUT(peer.client->bytesToWrite() < bytes.size(), 10000);
#endif
    QVERIFY(runPosted()); // Qt would read what the kernel holds now
    QVERIFY(session.connection()->bytesWaiting() <= 1); // it took a byte at most
    QVERIFY(received.isEmpty());
    QVERIFY(peer.client->bytesToWrite() > 0); // blocked: still queued at the sender
    for (const QList<QVariant> &call : std::as_const(calls))
        QVERIFY2(!call.at(0).toString().contains(u"recv("), qPrintable(call.at(0).toString()));
    session.setReadingPaused(false);
    QVERIFY(!session.isReadingPaused());
    QCOMPARE(changes.size(), 2);
    QCOMPARE(changes.constLast().at(0).toBool(), false);
    QVERIFY(changes.constLast().at(1).toLongLong() > 0); // what waited
    QVERIFY2(lastMessage(notices).startsWith(u"Reading resumed: the "),
             qPrintable(lastMessage(notices)));
    QVERIFY2(lastMessage(notices).contains(peerText), qPrintable(lastMessage(notices)));
    QTRY_COMPARE_WITH_TIMEOUT(received.size(), bytes.size(), 60000);
    QVERIFY(received == bytes);
    QTRY_COMPARE_WITH_TIMEOUT(peer.client->bytesToWrite(), 0, 10000);
    QVERIFY(QTest::qWaitFor(
        [&] {
            session.flushCalls();
            return std::any_of(calls.cbegin(), calls.cend(), [](const QList<QVariant> &call) {
                return call.at(0).toString().contains(u"recv(");
            });
        },
        10000));
}

// The user's pause and the session's throttle are independent: it reads when neither holds it.
void tst_TcpClientSession::pausedAndThrottledReadsWhenNeither()
{
    Peer peer;
    TcpClientSession session;
    QVERIFY(connectToPeer(session, peer));
    QByteArray received;
    connect(&session, &TcpClientSession::received, this,
            [&received](const QByteArray &chunk) { received += chunk; });
    session.setReadingPaused(true);
    session.setThrottled(true);
    peer.client->write("held");
    QTRY_VERIFY_WITH_TIMEOUT(peer.client->bytesToWrite() == 0, 10000);
    session.setThrottled(false); // still paused
    QVERIFY(runPosted()); // the read it would do now
    QVERIFY(received.isEmpty());
    session.setThrottled(true);
    session.setReadingPaused(false); // still throttled
    QVERIFY(runPosted());
    QVERIFY(received.isEmpty());
    session.setThrottled(false);
    QTRY_COMPARE_WITH_TIMEOUT(received, QByteArray("held"), 10000);
}

// Disconnect takes what waited before it closes (a close with unread data would reset the
// peer), and the next connection reads: a pause is the connection's.
void tst_TcpClientSession::disconnectingWhilePausedReadsWhatWaited()
{
    Peer peer;
    TcpClientSession session;
    QVERIFY(connectToPeer(session, peer));
    QByteArray received;
    connect(&session, &TcpClientSession::received, this,
            [&received](const QByteArray &chunk) { received += chunk; });
    QSignalSpy errors(&session, &TcpClientSession::errorOccurred);
    session.setReadingPaused(true);
    const QByteArray bytes = patterned(20'000); // fits in the kernel's receive queue
    peer.client->write(bytes);
#ifdef Q_OS_LINUX
    TcpConnection *connection = session.connection();
    QTRY_COMPARE_WITH_TIMEOUT(connection->bytesInReceiveQueue() + connection->bytesWaiting(),
                              bytes.size(), 10000);
#else
    QTRY_VERIFY_WITH_TIMEOUT(peer.client->bytesToWrite() == 0, 10000);
#endif
    session.disconnectFromHost();
    QVERIFY(waitForState(session, State::Closed));
    QCOMPARE(received.size(), bytes.size());
    QVERIFY(received == bytes);
    QVERIFY2(errors.isEmpty(), qPrintable(lastMessage(errors)));
    QVERIFY(!session.isReadingPaused());
    peer.client = nullptr;
    QVERIFY(connectToPeer(session, peer));
    QVERIFY(!session.isReadingPaused());
    QVERIFY(!session.connection()->isReadingPaused());
    peer.client->write("again");
    QTRY_COMPARE_WITH_TIMEOUT(received.size(), bytes.size() + 5, 10000);
}

// Throttled as well as paused, Disconnect still reads what waited first: the peer sees FIN,
// not the reset of a close with unread data, and every byte is logged.
void tst_TcpClientSession::disconnectingWhilePausedAndThrottledEndsWithFin()
{
    TcpServerSession server;
    QVERIFY(server.listen(V4, 0));
    TcpClientSession session;
    QVERIFY(connectToServer(session, server));
    QByteArray received;
    connect(&session, &TcpClientSession::received, this,
            [&received](const QByteArray &chunk) { received += chunk; });
    QSignalSpy serverSide(server.clients().constFirst(), &TcpConnection::closed);
    session.setReadingPaused(true);
    const QByteArray bytes = patterned(20'000); // fits in the kernel's receive queue
    QVERIFY(server.sendToAll(bytes));
    TcpConnection *connection = session.connection();
#ifdef Q_OS_LINUX
    QTRY_COMPARE_WITH_TIMEOUT(connection->bytesInReceiveQueue() + connection->bytesWaiting(),
                              bytes.size(), 10000);
#else
    QTRY_COMPARE_WITH_TIMEOUT(server.clients().constFirst()->bytesInFlight(), 0, 10000);
#endif
    session.setThrottled(true);
    session.disconnectFromHost();
    QVERIFY(waitForState(session, State::Closed));
    QCOMPARE(received.size(), bytes.size());
    QVERIFY(received == bytes);
    QTRY_COMPARE_WITH_TIMEOUT(serverSide.size(), 1, 10000);
    QCOMPARE(serverSide.constFirst().constFirst().value<Ending>(), Ending::ClosedByPeer);
}

QTEST_GUILESS_MAIN(tst_TcpClientSession)
#include "tst_tcpclientsession.moc"
