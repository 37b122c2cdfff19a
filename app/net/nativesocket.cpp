#include "net/nativesocket.h"

#include <QNetworkInterface>

#include <cerrno>
#include <cstring>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#ifdef Q_OS_LINUX
#include <linux/sockios.h>
#include <linux/tcp.h>
#include <sys/ioctl.h>

#include <cstddef>
#endif

namespace NativeSocket {
namespace {

// An address and port as the system takes them.
struct SocketAddress
{
    union {
        sockaddr any;
        sockaddr_in v4;
        sockaddr_in6 v6;
    };
    socklen_t size = 0;
};

bool isIPv4(const QHostAddress &address)
{
    return address.protocol() == QAbstractSocket::IPv4Protocol;
}

// A scope id as Qt reads one: an interface number, or a name (0 when no interface has it).
quint32 scopeIndex(const QString &scopeId)
{
    if (scopeId.isEmpty())
        return 0;
    bool isNumber = false;
    const quint32 index = scopeId.toUInt(&isNumber);
    return isNumber ? index : quint32(QNetworkInterface::interfaceIndexFromName(scopeId));
}

// IPv4 as sockaddr_in; IPv6, and QHostAddress::Any (::), as sockaddr_in6 with its scope.
SocketAddress socketAddress(const QHostAddress &address, quint16 port)
{
    SocketAddress result;
    std::memset(&result.v6, 0, sizeof result.v6);
    if (isIPv4(address)) {
        result.v4.sin_family = AF_INET;
        result.v4.sin_port = htons(port);
        result.v4.sin_addr.s_addr = htonl(address.toIPv4Address());
        result.size = sizeof result.v4;
        return result;
    }
    result.v6.sin6_family = AF_INET6;
    result.v6.sin6_port = htons(port);
    if (address.protocol() == QAbstractSocket::IPv6Protocol) {
        const Q_IPV6ADDR bytes = address.toIPv6Address();
        std::memcpy(&result.v6.sin6_addr, bytes.c, sizeof bytes.c);
        result.v6.sin6_scope_id = scopeIndex(address.scopeId());
    }
    result.size = sizeof result.v6;
    return result;
}

// The errno of the call that just failed, with `descriptor` (if any) closed.
Result failed(int descriptor, Call call)
{
    const int error = errno;
    if (descriptor >= 0)
        ::close(descriptor);
    return Result { -1, error, call };
}

bool setOption(int descriptor, int level, int name, int value)
{
    return ::setsockopt(descriptor, level, name, &value, sizeof value) == 0;
}

// The socket Qt's engine opens for `address`. Where the system has no IPv6 at all,
// QHostAddress::Any falls back to IPv4, as in Qt, and `address` becomes 0.0.0.0.
int openSocket(int type, QHostAddress &address)
{
    const int flags = type | SOCK_NONBLOCK | SOCK_CLOEXEC;
    int descriptor = ::socket(isIPv4(address) ? AF_INET : AF_INET6, flags, 0);
    if (descriptor < 0 && errno == EAFNOSUPPORT
        && address.protocol() == QAbstractSocket::AnyIPProtocol) {
        address = QHostAddress(QHostAddress::AnyIPv4);
        descriptor = ::socket(AF_INET, flags, 0);
    }
    return descriptor;
}

// An IPv6 socket takes IPv4 too only when bound to every address (QHostAddress::Any). Set
// either way, as Qt does: systems differ in their default.
bool setDualStack(int descriptor, const QHostAddress &address)
{
    if (isIPv4(address))
        return true;
    const bool dual = address.protocol() == QAbstractSocket::AnyIPProtocol;
    return setOption(descriptor, IPPROTO_IPV6, IPV6_V6ONLY, dual ? 0 : 1);
}

// A socket that sends with sendto() hears nothing of the ICMP errors its datagrams meet ("port
// unreachable": nothing listens there) unless it asks: then the system queues them, with the
// destination they are about, for recvmsg(MSG_ERRQUEUE) (UdpReader reads them), and makes the
// socket's next call fail once with the error (DatagramQueue sends again). Not needed to work,
// so a refusal is not a failure. IPv4 errors of a dual-stack socket need the IPv4 option.
void askForIcmpErrors(int descriptor, const QHostAddress &address)
{
    setOption(descriptor, IPPROTO_IP, IP_RECVERR, 1);
    if (!isIPv4(address))
        setOption(descriptor, IPPROTO_IPV6, IPV6_RECVERR, 1);
}

Result bindTo(int descriptor, const QHostAddress &address, quint16 port)
{
    const SocketAddress where = socketAddress(address, port);
    if (::bind(descriptor, &where.any, where.size) != 0)
        return failed(descriptor, Call::Bind);
    return Result { descriptor, 0, Call::Bind };
}

} // namespace

Result boundUdp(const QHostAddress &requested, quint16 port)
{
    QHostAddress address = requested;
    const int descriptor = openSocket(SOCK_DGRAM, address);
    if (descriptor < 0)
        return failed(-1, Call::Socket);
    // Qt allows broadcasting on every UDP socket (and refuses one where it cannot). It also
    // asks for each datagram's destination and hop limit (IP_PKTINFO, IP_RECVTTL): UdpReader
    // reads without them, so they are not asked for here.
    if (!setOption(descriptor, SOL_SOCKET, SO_BROADCAST, 1)
        || !setOption(descriptor, SOL_SOCKET, SO_REUSEADDR, 0)
        || !setDualStack(descriptor, address))
        return failed(descriptor, Call::Option);
    askForIcmpErrors(descriptor, address);
    return bindTo(descriptor, address, port);
}

Result listeningTcp(const QHostAddress &requested, quint16 port, int backlog)
{
    QHostAddress address = requested;
    const int descriptor = openSocket(SOCK_STREAM, address);
    if (descriptor < 0)
        return failed(-1, Call::Socket);
    // Urgent data inline, as Qt asks for on every TCP socket (it only warns when refused).
    setOption(descriptor, SOL_SOCKET, SO_OOBINLINE, 1);
    if (!setOption(descriptor, SOL_SOCKET, SO_REUSEADDR, 1) || !setDualStack(descriptor, address))
        return failed(descriptor, Call::Option);
    if (const Result bound = bindTo(descriptor, address, port); !bound.ok())
        return bound;
    if (::listen(descriptor, backlog) != 0)
        return failed(descriptor, Call::Listen);
    return Result { descriptor, 0, Call::Listen };
}

Result connectingTcp(const QHostAddress &address, quint16 port, quint16 localPort)
{
    const int descriptor = ::socket(isIPv4(address) ? AF_INET : AF_INET6,
                                    SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (descriptor < 0)
        return failed(-1, Call::Socket);
    setOption(descriptor, SOL_SOCKET, SO_OOBINLINE, 1);
    if (localPort != 0) {
        const QHostAddress any(isIPv4(address) ? QHostAddress::AnyIPv4 : QHostAddress::AnyIPv6);
        if (!setOption(descriptor, SOL_SOCKET, SO_REUSEADDR, 1) || !setDualStack(descriptor, any))
            return failed(descriptor, Call::Option);
        if (const Result bound = bindTo(descriptor, any, localPort); !bound.ok())
            return bound;
    }
    const SocketAddress where = socketAddress(address, port);
    // A signal during a non-blocking connect() does not stop the connection (EINTR).
    if (::connect(descriptor, &where.any, where.size) != 0 && errno != EINPROGRESS
        && errno != EINTR)
        return failed(descriptor, Call::Connect);
    return Result { descriptor, 0, Call::Connect };
}

int connectError(int descriptor)
{
    int error = 0;
    socklen_t size = sizeof error;
    if (::getsockopt(descriptor, SOL_SOCKET, SO_ERROR, &error, &size) != 0)
        return errno;
    if (error != 0)
        return error;
    // Writable without an error: connected, which the peer's address confirms.
    sockaddr_storage peer {};
    socklen_t peerSize = sizeof peer;
    if (::getpeername(descriptor, reinterpret_cast<sockaddr *>(&peer), &peerSize) != 0)
        return errno;
    return 0;
}

quint16 freePortFrom(Transport transport, const QHostAddress &address, quint16 port)
{
    for (int candidate = port;
         candidate != 0 && candidate <= 65535 && candidate < port + FreePortSearch; ++candidate) {
        // Bound and shared with nobody (no SO_REUSEADDR): a port that a listener, an open
        // connection or another socket has is taken, whichever way the session binds it.
        QHostAddress probeAddress = address;
        const int descriptor
            = openSocket(transport == Transport::Udp ? SOCK_DGRAM : SOCK_STREAM, probeAddress);
        if (descriptor < 0)
            return port; // not about the port: Start will say what it is
        const Result probe = setOption(descriptor, SOL_SOCKET, SO_REUSEADDR, 0)
                && setDualStack(descriptor, probeAddress)
            ? bindTo(descriptor, probeAddress, quint16(candidate))
            : failed(descriptor, Call::Option);
        if (probe.ok()) {
            ::close(probe.descriptor);
            return quint16(candidate);
        }
        if (probe.error != EADDRINUSE)
            return port; // a privileged port, say: Start explains it
    }
    return 0;
}

bool isIcmpError(int error)
{
    return error == ECONNREFUSED || error == EHOSTUNREACH || error == ENETUNREACH
        || error == EHOSTDOWN || error == EPROTO || error == EMSGSIZE;
}

int changeIPv4Membership(int descriptor, const QHostAddress &group, int interfaceIndex, bool join)
{
    ip_mreqn request {};
    request.imr_multiaddr.s_addr = htonl(group.toIPv4Address());
    request.imr_ifindex = interfaceIndex;
    if (::setsockopt(descriptor, IPPROTO_IP, join ? IP_ADD_MEMBERSHIP : IP_DROP_MEMBERSHIP,
                     &request, sizeof request)
        == 0)
        return 0;
    return errno;
}

#ifdef Q_OS_LINUX

std::optional<qint64> queuedBytes(qintptr descriptor, Queue queue)
{
    const unsigned long request = queue == Queue::Unread ? SIOCINQ
        : queue == Queue::NotAcknowledged                ? SIOCOUTQ
                                                         : SIOCOUTQNSD;
    int bytes = 0;
    if (descriptor < 0 || ::ioctl(int(descriptor), request, &bytes) != 0)
        return std::nullopt;
    return bytes;
}

// Whether the kernel filled `field` of the tcp_info it returned `length` bytes of: an older
// kernel returns a shorter structure.
#define SOCKSCOPE_HAS_FIELD(length, field) \
    (std::size_t(length) >= offsetof(tcp_info, field) + sizeof(tcp_info::field))

std::optional<TcpReading> tcpInfo(qintptr descriptor)
{
    tcp_info info {};
    socklen_t length = sizeof info;
    if (descriptor < 0 || ::getsockopt(int(descriptor), IPPROTO_TCP, TCP_INFO, &info, &length) != 0)
        return std::nullopt;
    TcpReading reading;
    reading.state = TcpState(info.tcpi_state);
    reading.rttMicroseconds = info.tcpi_rtt;
    reading.rttVarianceMicroseconds = info.tcpi_rttvar;
    reading.congestionWindow = info.tcpi_snd_cwnd;
    reading.segmentSize = info.tcpi_snd_mss;
    if (SOCKSCOPE_HAS_FIELD(length, tcpi_total_retrans))
        reading.retransmissions = info.tcpi_total_retrans;
    if (SOCKSCOPE_HAS_FIELD(length, tcpi_snd_wnd))
        reading.peerWindow = info.tcpi_snd_wnd;
    return reading;
}

#undef SOCKSCOPE_HAS_FIELD

#else // not Linux: the system does not say

std::optional<qint64> queuedBytes(qintptr, Queue)
{
    return std::nullopt;
}

std::optional<TcpReading> tcpInfo(qintptr)
{
    return std::nullopt;
}

#endif

} // namespace NativeSocket
