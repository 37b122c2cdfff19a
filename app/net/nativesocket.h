#pragma once

#include "kernel/tcpreading.h"
#include "net/transport.h"

#include <QHostAddress>

#include <optional>

// The system calls that open a socket (socket, bind, listen, connect), made here instead of by
// Qt so that a failure keeps its errno: Qt's socket engine keeps four of bind()'s errors and
// folds most of connect()'s into "network error" or "unknown error", and Sockscope explains
// each one (SocketHint::explainErrno()). The server's accept loop does the same
// (TcpServerSession::acceptWaiting()).
//
// A socket is made as Qt makes it: non-blocking, close-on-exec, with Qt's options (below), so
// that handing it to a QUdpSocket, QTcpServer or QTcpSocket with setSocketDescriptor() gives
// the socket Qt's own bind(), listen() or connectToHost() would have given.
namespace NativeSocket {

// The call that failed: what the explanation talks about.
enum class Call { Socket, Option, Bind, Listen, Connect };

// A descriptor, now the caller's to hand on or close; or the errno of the call that failed,
// with nothing left open.
struct Result
{
    int descriptor = -1;
    int error = 0;
    Call call = Call::Socket;

    bool ok() const { return descriptor >= 0; }
};

// A UDP socket bound to address:port, with broadcasting allowed, no SO_REUSEADDR (a second
// socket on the port must fail, not share it), and the ICMP errors of what it sends queued for
// it (IP_RECVERR: "port unreachable", read by UdpReader). QHostAddress::Any is one socket for IPv4
// and IPv6 (IPV6_V6ONLY off), or IPv4 alone where the system has no IPv6; an IPv6 address takes
// IPv6 only, as in Qt.
Result boundUdp(const QHostAddress &address, quint16 port);

// A TCP socket listening on address:port with `backlog`, with SO_REUSEADDR as QTcpServer sets
// it on Unix (a port whose last connections wait in TIME_WAIT can be listened on again).
Result listeningTcp(const QHostAddress &address, quint16 port, int backlog);

// A TCP socket whose connect() to address:port has started: wait until it is writable, then
// ask connectError(). A connect() that fails at once (no route, say) is a failure like the
// others. A `localPort` other than 0 is bound first, on every address of the family, with
// SO_REUSEADDR as Qt's ReuseAddressHint sets it.
Result connectingTcp(const QHostAddress &address, quint16 port, quint16 localPort);

// Once a connecting socket is writable: 0 when it is connected, or the errno the connection
// failed with (SO_ERROR).
int connectError(int descriptor);

// Whether `error` is one that an ICMP message gives a UDP socket's next call (ECONNREFUSED for
// "port unreachable", EHOSTUNREACH, …): on a socket that sends with sendto(), it is about an
// earlier datagram, never about the call that returns it. Its details wait in the socket's
// error queue (IP_RECVERR), unless they were read already.
bool isIcmpError(int error);

// Joins (or leaves) the IPv4 multicast `group` on the interface numbered `interfaceIndex` (0:
// the system's choice) with IP_ADD_MEMBERSHIP, which Linux takes on a dual-stack IPv6 socket
// too, where Qt refuses an IPv4 group. 0, or the errno.
int changeIPv4Membership(int descriptor, const QHostAddress &group, int interfaceIndex, bool join);

// `port` when a socket of `transport` that shares it with nobody could be bound to
// address:port now (the probe is closed at once); else the first port above it that could,
// within FreePortSearch; else 0, for the system to choose. A port refused for another reason
// than being taken (a privileged one) is returned as it is, for Start to explain. For a field
// that offers a port: a taken one is an error waiting to happen.
constexpr int FreePortSearch = 100;
quint16 freePortFrom(Transport transport, const QHostAddress &address, quint16 port);

// What the kernel holds in a socket's queues (ioctl): received and not read yet (SIOCINQ),
// sent or not but not acknowledged by the peer (SIOCOUTQ), not sent yet (SIOCOUTQNSD).
// Nothing where the system cannot say (not Linux, a closed descriptor, a listening socket).
enum class Queue { Unread, NotAcknowledged, Unsent };
std::optional<qint64> queuedBytes(qintptr descriptor, Queue queue);

// What TCP_INFO says of a TCP socket: its state, round trip, retransmissions, congestion
// window, segment size and the peer's window (the last two as far as the kernel is recent
// enough to say). The queues are left empty: queuedBytes() reads those. Nothing where the
// system cannot say.
std::optional<TcpReading> tcpInfo(qintptr descriptor);

} // namespace NativeSocket
