#include "kernel/systemkernelprobe.h"

#include <QTest>
#include <QUdpSocket>

#include <cerrno>
#include <cstring>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

// The kernel's view of real loopback sockets. The sockets are plain descriptors, made here: a
// peer that does not read must not have Qt reading for it behind the test's back.
class tst_SystemKernelProbe : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void aReaderThatDoesNotReadFillsTheQueues_data();
    void aReaderThatDoesNotReadFillsTheQueues();
    void closingFirstLeavesTimeWait_data();
    void closingFirstLeavesTimeWait();
    void udpDropsAreCounted_data();
    void udpDropsAreCounted();
    void whatIsNotItsKindReadsAsNothing();
};

namespace {

// A descriptor closed when it goes.
struct Fd
{
    int fd = -1;
    explicit Fd(int descriptor = -1)
        : fd(descriptor)
    { }
    ~Fd() { reset(); }
    Fd(const Fd &) = delete;
    Fd &operator=(const Fd &) = delete;
    void reset()
    {
        if (fd >= 0)
            ::close(fd);
        fd = -1;
    }
};

struct Address
{
    sockaddr_storage storage {};
    socklen_t size = sizeof storage;
    sockaddr *get() { return reinterpret_cast<sockaddr *>(&storage); }
};

Address loopback(int family)
{
    Address address;
    if (family == AF_INET) {
        auto *v4 = reinterpret_cast<sockaddr_in *>(&address.storage);
        v4->sin_family = AF_INET;
        v4->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        address.size = sizeof *v4;
    } else {
        auto *v6 = reinterpret_cast<sockaddr_in6 *>(&address.storage);
        v6->sin6_family = AF_INET6;
        v6->sin6_addr = in6addr_loopback;
        address.size = sizeof *v6;
    }
    return address;
}

Address localOf(int fd)
{
    Address address;
    ::getsockname(fd, address.get(), &address.size);
    return address;
}

Endpoint endpointOf(Address address)
{
    QHostAddress host;
    host.setAddress(address.get());
    const quint16 port = address.storage.ss_family == AF_INET
        ? ntohs(reinterpret_cast<sockaddr_in *>(&address.storage)->sin_port)
        : ntohs(reinterpret_cast<sockaddr_in6 *>(&address.storage)->sin6_port);
    return Endpoint { host, port };
}

// A connected pair on loopback, the listener closed again: client and server (accepted) ends.
struct TcpPair
{
    Fd client;
    Fd server;
    Endpoint clientEnd;
    Endpoint serverEnd;
};

bool connectPair(int family, TcpPair &pair)
{
    Fd listener(::socket(family, SOCK_STREAM, 0));
    Address address = loopback(family);
    if (::bind(listener.fd, address.get(), address.size) != 0 || ::listen(listener.fd, 1) != 0)
        return false;
    Address bound = localOf(listener.fd); // port 0, read back
    pair.client.fd = ::socket(family, SOCK_STREAM, 0);
    if (::connect(pair.client.fd, bound.get(), bound.size) != 0)
        return false;
    pair.server.fd = ::accept(listener.fd, nullptr, nullptr);
    pair.clientEnd = endpointOf(localOf(pair.client.fd));
    pair.serverEnd = endpointOf(localOf(pair.server.fd));
    return pair.server.fd >= 0;
}

// Writes `bytes` without waiting; how many the kernel took.
qint64 sendSome(int fd, qint64 bytes)
{
    const QByteArray chunk(64 * 1024, 'x');
    qint64 sent = 0;
    while (sent < bytes) {
        const auto size = size_t(std::min<qint64>(chunk.size(), bytes - sent));
        const ssize_t n = ::send(fd, chunk.constData(), size, MSG_DONTWAIT | MSG_NOSIGNAL);
        if (n <= 0)
            break;
        sent += n;
    }
    return sent;
}

void addFamilies()
{
    QTest::addColumn<int>("family");
    QTest::newRow("IPv4") << int(AF_INET);
    QTest::newRow("IPv6") << int(AF_INET6);
}

} // namespace

void tst_SystemKernelProbe::init()
{
#ifndef Q_OS_LINUX
    QVERIFY(!SystemKernelProbe().isAvailable());
    QSKIP("The kernel's view is read on Linux only.");
#endif
    QVERIFY(SystemKernelProbe().isAvailable());
}

void tst_SystemKernelProbe::aReaderThatDoesNotReadFillsTheQueues_data()
{
    addFamilies();
}

void tst_SystemKernelProbe::aReaderThatDoesNotReadFillsTheQueues()
{
    QFETCH(int, family);
    const SystemKernelProbe probe;
    TcpPair pair;
    QVERIFY2(connectPair(family, pair), std::strerror(errno));

    const TcpReading fresh = probe.tcp(pair.client.fd);
    QCOMPARE(fresh.state, TcpState::Established);
    QCOMPARE(probe.tcp(pair.server.fd).state, TcpState::Established);
    QVERIFY(fresh.rttMicroseconds && fresh.congestionWindow && fresh.segmentSize);
    QVERIFY(*fresh.congestionWindow > 0 && *fresh.segmentSize > 0);
    QCOMPARE(fresh.unread, 0);
    QCOMPARE(fresh.unsent, 0);
    QCOMPARE(fresh.retransmissions, 0u);
    QVERIFY(fresh.peerWindow); // Linux 6.18, and Debian 12's headers have tcpi_snd_wnd
    QVERIFY(*fresh.peerWindow > 0);

    QCOMPARE(sendSome(pair.client.fd, 1000), 1000);
    QTRY_COMPARE_WITH_TIMEOUT(probe.tcp(pair.server.fd).unread, 1000, 10'000);
    // The peer goes on not reading: what it was sent waits in its receive queue until that is
    // full, then in the sender's.
    while (sendSome(pair.client.fd, 1 << 20) > 0) {
        // until the kernel takes no more
    }
    const TcpReading reader = probe.tcp(pair.server.fd);
    QVERIFY2(*reader.unread > 1000, qPrintable(QString::number(*reader.unread)));
    QTRY_VERIFY_WITH_TIMEOUT(
        *probe.tcp(pair.client.fd).unsent + *probe.tcp(pair.client.fd).unacknowledged > 0, 10'000);
    // The reader's buffer is full: it tells the sender to stop (a zero window).
    QTRY_COMPARE_WITH_TIMEOUT(probe.tcp(pair.client.fd).peerWindow, 0u, 10'000);
}

void tst_SystemKernelProbe::closingFirstLeavesTimeWait_data()
{
    addFamilies();
}

// The side that closes first goes FIN_WAIT1 → FIN_WAIT2 → TIME_WAIT; the other CLOSE_WAIT →
// LAST_ACK → gone.
void tst_SystemKernelProbe::closingFirstLeavesTimeWait()
{
    QFETCH(int, family);
    const SystemKernelProbe probe;
    TcpPair pair;
    QVERIFY2(connectPair(family, pair), std::strerror(errno));

    const std::optional<ProcNet::Row> open = probe.connection(pair.clientEnd, pair.serverEnd);
    QVERIFY(open);
    QCOMPARE(open->state, TcpState::Established);
    QVERIFY(open->inode != 0);
    // The client's row, or Unknown while the table has none.
    const auto clientState = [&probe, &pair] {
        const std::optional<ProcNet::Row> row = probe.connection(pair.clientEnd, pair.serverEnd);
        return row ? row->state : TcpState::Unknown;
    };
    pair.client.reset(); // the active close
    QTRY_COMPARE_WITH_TIMEOUT(probe.tcp(pair.server.fd).state, TcpState::CloseWait, 10'000);
    QTRY_COMPARE_WITH_TIMEOUT(clientState(), TcpState::FinWait2, 10'000);
    pair.server.reset();
    QTRY_COMPARE_WITH_TIMEOUT(clientState(), TcpState::TimeWait, 10'000);
    const std::optional<ProcNet::Row> row = probe.connection(pair.clientEnd, pair.serverEnd);
    QVERIFY(row);
    const ProcNet::Row timeWait = *row;
    QCOMPARE(timeWait.timer, 3);
    QVERIFY2(timeWait.timerMs > 0 && timeWait.timerMs <= 60'000,
             qPrintable(QString::number(timeWait.timerMs)));
    QCOMPARE(timeWait.inode, 0u); // no program holds it
    // The passive side is gone once its FIN is acknowledged.
    QTRY_VERIFY_WITH_TIMEOUT(!probe.connection(pair.serverEnd, pair.clientEnd), 10'000);
}

void tst_SystemKernelProbe::udpDropsAreCounted_data()
{
    addFamilies();
}

// A socket nobody reads, with a small receive buffer: each datagram is either queued or
// dropped and counted, none lost without a trace.
void tst_SystemKernelProbe::udpDropsAreCounted()
{
    QFETCH(int, family);
    const SystemKernelProbe probe;
    Fd receiver(::socket(family, SOCK_DGRAM | SOCK_NONBLOCK, 0));
    const int buffer = 4096; // the kernel doubles it, and has a minimum
    QCOMPARE(::setsockopt(receiver.fd, SOL_SOCKET, SO_RCVBUF, &buffer, sizeof buffer), 0);
    Address address = loopback(family);
    QCOMPARE(::bind(receiver.fd, address.get(), address.size), 0);
    const Endpoint to = endpointOf(localOf(receiver.fd));

    const UdpReading empty = probe.udp(receiver.fd);
    QCOMPARE(empty.receiveQueue, 0);
    QCOMPARE(empty.drops, 0);
    QVERIFY(empty.receiveBuffer && *empty.receiveBuffer >= buffer);

    QUdpSocket sender;
    const QByteArray datagram(100, 'd');
    int sent = 0;
    for (int i = 0; i < 500; ++i)
        sent += sender.writeDatagram(datagram, to.address, to.port) == datagram.size() ? 1 : 0;
    QVERIFY(sent > 100);

    // Loopback may hand some datagrams over a little later: wait for the queue and the drops.
    QTRY_VERIFY_WITH_TIMEOUT(probe.udp(receiver.fd).receiveQueue.value_or(0) > 0
                                 && probe.udp(receiver.fd).drops.value_or(0) > 0,
                             10'000);
    const UdpReading flooded = probe.udp(receiver.fd);
    QVERIFY(*flooded.receiveQueue <= 2 * *flooded.receiveBuffer);
    // Each datagram is read or counted as dropped, once all have arrived.
    qint64 read = 0;
    const auto accounted = [&probe, &receiver, &read] {
        char bytes[200];
        while (::recv(receiver.fd, bytes, sizeof bytes, 0) > 0)
            ++read;
        return read + probe.udp(receiver.fd).drops.value_or(0);
    };
    QTRY_COMPARE_WITH_TIMEOUT(accounted(), qint64(sent), 10'000);
    QVERIFY(read > 0);
    QCOMPARE(probe.udp(receiver.fd).receiveQueue, 0);
}

void tst_SystemKernelProbe::whatIsNotItsKindReadsAsNothing()
{
    const SystemKernelProbe probe;
    QVERIFY(!probe.tcp(-1).isValid());
    QVERIFY(!probe.udp(-1).isValid());
    Fd udp(::socket(AF_INET, SOCK_DGRAM, 0));
    QVERIFY(!probe.tcp(udp.fd).isValid()); // TCP_INFO is for TCP
    QVERIFY(!probe.connection(Endpoint { QHostAddress::LocalHost, 1 },
                              Endpoint { QHostAddress::LocalHost, 2 }));
}

QTEST_GUILESS_MAIN(tst_SystemKernelProbe)
#include "tst_systemkernelprobe.moc"
