// bind(), listen() and connect() failures, provoked for real, each of which must reach the log
// as a sentence of its own (SocketHint::explainErrno()) instead of Qt's "Unknown error" or
// "Network error". They need routes, interfaces and settings that a test must not change on
// the machine: ctest runs this through netns.sh, in a network namespace of its own, and each
// test undoes what it set up there.
#include "net/tcpclientsession.h"
#include "net/tcpserversession.h"
#include "net/udpsession.h"

#include <QFile>
#include <QProcess>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

#include <cerrno>
#include <QUdpSocket>

#include <cstring>

#include <linux/capability.h>
#include <sys/syscall.h>
#include <unistd.h>

using namespace Qt::StringLiterals;
using SocketError = QAbstractSocket::SocketError;

class tst_SessionErrors : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void connectFails_data();
    void connectFails();
    void noLocalPortLeftToConnectFrom();
    void bindAndListenFail_data();
    void bindAndListenFail();
    void noPortLeftToChoose_data();
    void noPortLeftToChoose();
    void privilegedPortWithoutTheCapability_data();
    void privilegedPortWithoutTheCapability();
    void loopbackSocketReachesNoOtherMachine();
};

namespace {

enum class Kind { Udp, Server };

// Runs a shell script here, in the test's namespace (ip, and writes to /proc/sys).
bool run(const QString &script)
{
    if (script.isEmpty())
        return true;
    QProcess shell;
    shell.setProcessChannelMode(QProcess::MergedChannels);
    shell.start(u"sh"_s, { u"-ec"_s, script });
    const bool ran = shell.waitForFinished(30000) && shell.exitStatus() == QProcess::NormalExit
            && shell.exitCode() == 0;
    if (!ran)
        qWarning().noquote() << script << "failed:" << shell.readAll();
    return ran;
}

QByteArray readSetting(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll().trimmed() : QByteArray();
}

bool writeSetting(const QString &path, const QByteArray &value)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(value + '\n') == value.size() + 1;
}

const QString PortRange = u"/proc/sys/net/ipv4/ip_local_port_range"_s;

// The messages of an errorOccurred() spy.
QString messageAt(const QSignalSpy &errors, qsizetype index)
{
    return errors.at(index).at(1).toString();
}

// Binds or listens on address:port with a session of `kind`; the session's errors go to a spy
// the caller reads.
struct LocalSession
{
    UdpSession udp;
    TcpServerSession server;
    Kind kind;
    QSignalSpy errors;

    explicit LocalSession(Kind which)
        : kind(which)
        , errors(which == Kind::Udp ? static_cast<Session *>(&udp) : &server,
                 &Session::errorOccurred)
    { }
    bool open(const QHostAddress &address, quint16 port)
    {
        return kind == Kind::Udp ? udp.bind(address, port) : server.listen(address, port);
    }
};

// While it lives, this thread lacks CAP_NET_BIND_SERVICE in its effective capabilities (the
// permitted set keeps it, to take it back): a root without it, as a user is.
class WithoutBindCapability
{
    Q_DISABLE_COPY_MOVE(WithoutBindCapability)

public:
    WithoutBindCapability()
    {
        if (syscall(SYS_capget, &m_header, m_saved) != 0)
            return;
        __user_cap_data_struct lowered[_LINUX_CAPABILITY_U32S_3];
        std::memcpy(lowered, m_saved, sizeof lowered);
        lowered[CAP_TO_INDEX(CAP_NET_BIND_SERVICE)].effective &= ~CAP_TO_MASK(CAP_NET_BIND_SERVICE);
        m_dropped = syscall(SYS_capset, &m_header, lowered) == 0;
    }
    ~WithoutBindCapability()
    {
        if (m_dropped)
            syscall(SYS_capset, &m_header, m_saved);
    }
    bool isDropped() const { return m_dropped; }

private:
    __user_cap_header_struct m_header { _LINUX_CAPABILITY_VERSION_3, 0 };
    __user_cap_data_struct m_saved[_LINUX_CAPABILITY_U32S_3] {};
    bool m_dropped = false;
};

} // namespace

void tst_SessionErrors::initTestCase()
{
    if (!qEnvironmentVariableIsSet("SOCKSCOPE_NETNS_IPV4_IF"))
        QSKIP("Runs in a network namespace of its own: ctest starts it through tests/netns.sh.");
}

void tst_SessionErrors::connectFails_data()
{
    QTest::addColumn<QString>("setUp");
    QTest::addColumn<QString>("undo");
    QTest::addColumn<QString>("host");
    QTest::addColumn<SocketError>("kind");
    QTest::addColumn<QStringList>("mentions");
    // The namespace has lo (127.0.0.0/8, ::1) and a veth pair v0-v1 with no IPv4 address, and
    // no default route. Port 9 is never reached.
    QTest::newRow("no route (ENETUNREACH)")
            << QString() << QString() << u"192.0.2.1"_s << SocketError::NetworkError
            << QStringList { u"Cannot reach 192.0.2.1:9: the network is unreachable"_s,
                             u"no route"_s };
    QTest::newRow("no IPv6 route (ENETUNREACH)")
            << QString() << QString() << u"2001:db8::1"_s << SocketError::NetworkError
            << QStringList { u"Cannot reach [2001:db8::1]:9: the network is unreachable"_s };
    QTest::newRow("the interface on the way is down (ENETUNREACH)")
            << u"ip addr add 198.51.100.1/24 dev v0; ip link set v0 down"_s
            // Down, v0 lost its IPv6 addresses too: fe80::1 comes back.
            << u"ip link set v0 up; ip addr del 198.51.100.1/24 dev v0; "
               "ip -6 addr replace fe80::1/64 dev v0 nodad"_s
            << u"198.51.100.2"_s << SocketError::NetworkError
            << QStringList { u"Cannot reach 198.51.100.2:9"_s, u"interface"_s, u"down"_s };
    QTest::newRow("an unreachable route (EHOSTUNREACH)")
            << u"ip route add unreachable 192.0.2.0/24"_s
            << u"ip route del unreachable 192.0.2.0/24"_s << u"192.0.2.1"_s
            << SocketError::NetworkError
            << QStringList { u"Cannot reach 192.0.2.1:9: the host is unreachable"_s,
                             u"ip route get 192.0.2.1"_s };
    QTest::newRow("a prohibit route (EACCES)")
            << u"ip route add prohibit 192.0.2.0/24"_s << u"ip route del prohibit 192.0.2.0/24"_s
            << u"192.0.2.1"_s << SocketError::SocketAccessError
            << QStringList { u"Not allowed to connect to 192.0.2.1:9"_s, u"prohibit"_s };
    QTest::newRow("a blackhole route (EINVAL)")
            << u"ip route add blackhole 192.0.2.0/24"_s << u"ip route del blackhole 192.0.2.0/24"_s
            << u"192.0.2.1"_s << SocketError::NetworkError
            << QStringList { u"Cannot connect to 192.0.2.1:9: the system will not send there"_s,
                             u"blackhole"_s };
    // The SYN leaves through v0 to a neighbour that is not there (v1 drops frames for another
    // MAC address), and the system retries once (about 3 s) before the session's timeout.
    QTest::newRow("no answer before the system gives up (ETIMEDOUT)")
            << u"echo 1 > /proc/sys/net/ipv4/tcp_syn_retries; "
               "ip addr add 198.51.100.1/24 dev v0; "
               "ip neigh replace 198.51.100.2 lladdr 02:00:00:00:00:02 dev v0 nud permanent"_s
            << u"echo 6 > /proc/sys/net/ipv4/tcp_syn_retries; "
               "ip addr del 198.51.100.1/24 dev v0"_s
            << u"198.51.100.2"_s << SocketError::SocketTimeoutError
            << QStringList { u"No answer from 198.51.100.2:9 (Connection timed out)"_s,
                             u"tcp_syn_retries"_s };
    QTest::newRow("IPv6 turned off: no ::1 (EADDRNOTAVAIL)")
            << u"echo 1 > /proc/sys/net/ipv6/conf/all/disable_ipv6; "
               "echo 1 > /proc/sys/net/ipv6/conf/lo/disable_ipv6"_s
            << u"echo 0 > /proc/sys/net/ipv6/conf/all/disable_ipv6; "
               "echo 0 > /proc/sys/net/ipv6/conf/lo/disable_ipv6"_s
            << u"::1"_s << SocketError::SocketAddressNotAvailableError
            << QStringList { u"Cannot connect to [::1]:9: this machine has no IPv6 loopback"_s,
                             u"127.0.0.1"_s };
}

void tst_SessionErrors::connectFails()
{
    QFETCH(QString, setUp);
    QFETCH(QString, undo);
    QFETCH(QString, host);
    QFETCH(SocketError, kind);
    QFETCH(QStringList, mentions);
    const auto undone = qScopeGuard([&undo] { run(undo); });
    QVERIFY(run(setUp));

    TcpClientSession session;
    session.setConnectTimeout(60'000); // longer than any of these takes the system
    QSignalSpy errors(&session, &TcpClientSession::errorOccurred);
    session.connectToHost(host, 9);
    QTRY_COMPARE_WITH_TIMEOUT(errors.size(), 1, 30'000);
    const QString message = messageAt(errors, 0);
    for (const QString &words : std::as_const(mentions))
        QVERIFY2(message.contains(words), qPrintable(message));
    QCOMPARE(errors.at(0).at(0).value<SocketError>(), kind);
    QCOMPARE(session.state(), TcpClientSession::State::Closed);
}

// Every port the system may choose from is taken (the range is narrowed to one port, the
// server's): connect() has no local port for the connection.
void tst_SessionErrors::noLocalPortLeftToConnectFrom()
{
    TcpServerSession server;
    QVERIFY(server.listen(QHostAddress(QHostAddress::LocalHost), 0));
    const QByteArray port = QByteArray::number(server.localEndpoint().port);
    const QByteArray range = readSetting(PortRange);
    const auto restore = qScopeGuard([&range] { writeSetting(PortRange, range); });
    QVERIFY(writeSetting(PortRange, port + ' ' + port));

    TcpClientSession session;
    QSignalSpy errors(&session, &TcpClientSession::errorOccurred);
    session.connectToHost(u"127.0.0.1"_s, server.localEndpoint().port);
    QTRY_COMPARE_WITH_TIMEOUT(errors.size(), 1, 10'000);
    const QString message = messageAt(errors, 0);
    QVERIFY2(message.startsWith(u"Cannot connect to 127.0.0.1:" + QString::fromLatin1(port)
                                + u": no local port is free")
                     && message.contains(u"ip_local_port_range"),
             qPrintable(message));
    QCOMPARE(session.state(), TcpClientSession::State::Closed);
}

void tst_SessionErrors::bindAndListenFail_data()
{
    QTest::addColumn<Kind>("kind");
    QTest::addColumn<QString>("setUp");
    QTest::addColumn<QString>("undo");
    QTest::addColumn<QString>("address");
    QTest::addColumn<SocketError>("error");
    QTest::addColumn<QStringList>("mentions");
    const QString ipv6Off = u"echo 1 > /proc/sys/net/ipv6/conf/all/disable_ipv6; "
                            "echo 1 > /proc/sys/net/ipv6/conf/lo/disable_ipv6"_s;
    const QString ipv6On = u"echo 0 > /proc/sys/net/ipv6/conf/all/disable_ipv6; "
                           "echo 0 > /proc/sys/net/ipv6/conf/lo/disable_ipv6"_s;
    for (const Kind kind : { Kind::Udp, Kind::Server }) {
        const char *const name = kind == Kind::Udp ? "UDP bind" : "TCP listen";
        QTest::addRow("%s: an address of no interface here (EADDRNOTAVAIL)", name)
                << kind << QString() << QString() << u"192.0.2.9"_s
                << SocketError::SocketAddressNotAvailableError
                << QStringList { u"192.0.2.9:0: that address does not belong to this machine"_s };
        QTest::addRow("%s: a link-local address of another interface (EADDRNOTAVAIL)", name)
                << kind << QString() << QString() << u"fe80::1%lo"_s
                << SocketError::SocketAddressNotAvailableError
                << QStringList { u"the lo interface has no address fe80::1"_s };
        QTest::addRow("%s: an interface number that does not exist (ENODEV)", name)
                << kind << QString() << QString() << u"fe80::1%99"_s
                << SocketError::UnsupportedSocketOperationError
                << QStringList { u"no network interface 99"_s, u"fe80::1%v0"_s };
        QTest::addRow("%s: IPv6 turned off, ::1 (EADDRNOTAVAIL)", name)
                << kind << ipv6Off << ipv6On << u"::1"_s
                << SocketError::SocketAddressNotAvailableError
                << QStringList { u"[::1]:0: this machine has no IPv6 loopback address"_s,
                                 u"Use 127.0.0.1 instead"_s };
    }
}

void tst_SessionErrors::bindAndListenFail()
{
    QFETCH(Kind, kind);
    QFETCH(QString, setUp);
    QFETCH(QString, undo);
    QFETCH(QString, address);
    QFETCH(SocketError, error);
    QFETCH(QStringList, mentions);
    const auto undone = qScopeGuard([&undo] { run(undo); });
    QVERIFY(run(setUp));

    LocalSession session(kind);
    QVERIFY(!session.open(QHostAddress(address), 0));
    QCOMPARE(session.errors.size(), 1);
    const QString message = messageAt(session.errors, 0);
    for (const QString &words : std::as_const(mentions))
        QVERIFY2(message.contains(words), qPrintable(message));
    QCOMPARE(session.errors.at(0).at(0).value<SocketError>(), error);
}

void tst_SessionErrors::noPortLeftToChoose_data()
{
    QTest::addColumn<Kind>("kind");
    QTest::newRow("UDP bind") << Kind::Udp;
    QTest::newRow("TCP listen") << Kind::Server;
}

// Port 0 with every port of the system's range taken (narrowed to one, which a socket of the
// same protocol holds): bind() says EADDRINUSE, which is not "port 0 is in use".
void tst_SessionErrors::noPortLeftToChoose()
{
    QFETCH(Kind, kind);
    const QHostAddress loopback(QHostAddress::LocalHost);
    QUdpSocket udpHolder;
    QTcpServer tcpHolder;
    const bool held
            = kind == Kind::Udp ? udpHolder.bind(loopback, 0) : tcpHolder.listen(loopback, 0);
    QVERIFY(held);
    const QByteArray port = QByteArray::number(kind == Kind::Udp ? udpHolder.localPort()
                                                                 : tcpHolder.serverPort());
    const QByteArray range = readSetting(PortRange);
    const auto restore = qScopeGuard([&range] { writeSetting(PortRange, range); });
    QVERIFY(writeSetting(PortRange, port + ' ' + port));

    LocalSession session(kind);
    QVERIFY(!session.open(loopback, 0));
    QCOMPARE(session.errors.size(), 1);
    const QString message = messageAt(session.errors, 0);
    QVERIFY2(message.contains(u"127.0.0.1:0: no port is left for the system to choose")
                     && message.contains(u"ip_local_port_range"),
             qPrintable(message));
    QCOMPARE(session.errors.at(0).at(0).value<SocketError>(), SocketError::AddressInUseError);
}

void tst_SessionErrors::privilegedPortWithoutTheCapability_data()
{
    noPortLeftToChoose_data();
}

// As a user without CAP_NET_BIND_SERVICE, port 80 (below the namespace's first unprivileged
// port, 1024) is refused with EACCES.
void tst_SessionErrors::privilegedPortWithoutTheCapability()
{
    QFETCH(Kind, kind);
    const QString start = u"/proc/sys/net/ipv4/ip_unprivileged_port_start"_s;
    const QByteArray unprivileged = readSetting(start);
    const auto restore = qScopeGuard([&] { writeSetting(start, unprivileged); });
    QVERIFY(writeSetting(start, "1024"));

    LocalSession session(kind);
    {
        const WithoutBindCapability user;
        QVERIFY(user.isDropped());
        QVERIFY(!session.open(QHostAddress(QHostAddress::LocalHost), 80));
    }
    QCOMPARE(session.errors.size(), 1);
    const QString message = messageAt(session.errors, 0);
    QVERIFY2(message.startsWith(u"Port 80 needs administrator rights")
                     && message.contains(u"127.0.0.1:80"),
             qPrintable(message));
    QCOMPARE(session.errors.at(0).at(0).value<SocketError>(), SocketError::SocketAccessError);
}

// A UDP socket bound to 127.0.0.1 reaches this machine only: a datagram to another machine's
// address (198.51.100.2, on v0's network here) is refused with EINVAL, and the row says why
// instead of "the network is unreachable".
void tst_SessionErrors::loopbackSocketReachesNoOtherMachine()
{
    const auto undone = qScopeGuard([] { run(u"ip addr del 198.51.100.1/24 dev v0"_s); });
    QVERIFY(run(u"ip addr add 198.51.100.1/24 dev v0"_s));
    UdpSession session;
    QVERIFY(session.bind(QHostAddress(QHostAddress::LocalHost), 0));
    session.setStatesCalls(true);
    QSignalSpy errors(&session, &Session::errorOccurred);
    QSignalSpy sent(&session, &Session::sent);
    QSignalSpy called(&session, &Session::called);
    QVERIFY(!session.sendTo("hello", Endpoint { QHostAddress(u"198.51.100.2"_s), 9 }));
    // The call is the write's own errno, as Python raises it, not Qt's "network error".
    QCOMPARE(called.size(), 1);
    QCOMPARE(called.at(0).at(0).toString(),
             u"s.sendto(data, addr)  # OSError: [Errno 22] Invalid argument"_s);
    QCOMPARE(called.at(0).at(1).toInt(), EINVAL);
    QCOMPARE(errors.size(), 1);
    QCOMPARE(sent.size(), 0);
    const QString message = messageAt(errors, 0);
    const QString local = session.localEndpoint().toString();
    QVERIFY2(message.startsWith(u"Cannot send to 198.51.100.2:9 from " + local
                                + u": this socket is bound to a loopback address")
                     && message.contains(u"(EINVAL: ") && message.contains(u"every address"),
             qPrintable(message));
}

QTEST_GUILESS_MAIN(tst_SessionErrors)
#include "tst_sessionerrors.moc"
