#pragma once

#include <QAbstractSocket>
#include <QHostAddress>
#include <QString>
#include <QStringList>

// Turns a socket error into one sentence a person can act on: what failed, where, in plain
// words, and what to try next. Every session reports its errors through here, so the wording
// is the same everywhere.
namespace SocketHint {

enum class Operation {
    Bind, // a UDP socket, or a TCP client's chosen local port
    Send,
    Resolve,
    JoinGroup,
    LeaveGroup,
    Receive,
    Connect, // a TCP client reaching a server
    Listen, // a TCP server opening its port
    Accept, // a TCP server taking a new connection
    Transfer, // an established TCP connection failing
};

// `target` names the address:port or host involved; `port` is the port being bound, used to
// explain privileged ports; `systemText` is Qt's errorString(), kept as a last resort. For a
// bind or a listen, `address` is the one asked for: an address that cannot be bound as written
// (link-local without its interface, IPv4 written as IPv6) is explained as such.
QString explain(QAbstractSocket::SocketError error, Operation operation, const QString &target,
                quint16 port, const QString &systemText,
                const QHostAddress &address = QHostAddress());

// An IPv6 address that no socket binds as written (link-local without its interface, IPv4
// written as IPv6), explained; empty for any other address.
QString addressHint(const QHostAddress &address, quint16 port);

// The names of this machine's interfaces that have a link-local IPv6 address, as a scope id is
// written; "eth0" when none has.
QStringList linkLocalInterfaces();

// For a bind, a listen or a connect (`operation`) whose errno is known: the sessions make those
// calls themselves (NativeSocket) so that it is. `target` names the address:port involved; `port`
// is the port asked for (a privileged one, or 0 for the system's choice, is explained as such);
// `address` is the address bound or connected to. The errors a person is likely to meet have a
// sentence each; any other is given in the system's words with its symbolic name ("EXDEV") and
// the manual page that lists it.
QString explainErrno(int error, Operation operation, const QString &target, quint16 port,
                     const QHostAddress &address = QHostAddress());

// The QAbstractSocket::SocketError nearest to an errno, for errorOccurred().
QAbstractSocket::SocketError errorKind(int error, Operation operation);

// The error an ICMP error's errno (IP_RECVERR) is for a send: ECONNREFUSED ("port
// unreachable") is ConnectionRefusedError, the rest NetworkError.
QAbstractSocket::SocketError icmpErrorKind(int error);

// The symbolic name of an errno, "EXDEV"; "error 18" where the C library has none.
QString errnoName(int error);

// The program or the system is out of descriptors or memory (EMFILE, ENFILE, ENOBUFS, ENOMEM):
// no other address or port does better.
bool isResourceError(int error);
// An error of accept() that is about one pending connection (gone, or refused on its way by
// the network or a firewall), not about the listening socket: the next one may do.
bool belongsToOneConnection(int error);
// accept() failed with `error` for a reason that lasts (out of descriptors or memory) on the
// server at `local`, which has `clients` clients: that clients now wait, and what to do.
QString acceptPaused(int error, const QString &local, qsizetype clients);

// A TCP connect that got no answer at all within `timeoutMs`.
QString connectTimedOut(const QString &target, qint64 timeoutMs);

QString datagramTooLarge(qsizetype size, qsizetype limit, const QString &target);

// An auto-reply to `peer` that could not go out: the peer's message came with its end (FIN),
// the answer did not fit in the socket at once, and Qt closes a connection when it reads the
// end, half-closed or not (TcpConnection writes an answer to the kernel before that).
QString replyAfterEnd(const QString &peer);

// A datagram of `arrived` bytes read with a limit of `kept` bytes, as recvfrom(kept) reads it:
// "1,500 bytes arrived; recvfrom(1024) keeps 1,024 and the kernel drops the rest: UDP has no
// stream to read it from later."
QString datagramCut(qsizetype arrived, qsizetype kept);

// Said where a socket is bound or listens on `address`: that only programs on this machine can
// reach it, when that is a loopback address; empty for any other. Starts with a space, for the
// end of the notice that says where it is bound.
QString loopbackOnly(const QHostAddress &address);

// A datagram from the loopback address `local` to another machine's address, `target`, which
// the system refused with `error` (EINVAL on Linux: a loopback source never leaves the machine).
QString sendFromLoopback(const QString &local, const QString &target, int error);

// `peer` sent `payload`, which is Python's picture of a bytes object (PythonRepr): what the
// sender did, and how to mend it.
QString bytesRepr(const QString &peer, const QByteArray &payload);

// Why a bind, a listen, a look-up or a connect (`operation`) failed, in a few words for a label
// beside the button that tried: "port 28100 is in use", "refused by 127.0.0.1:9000". The log
// row (explain(), explainErrno()) says the rest. `target` names the address:port or the host.
QString brief(QAbstractSocket::SocketError error, Operation operation, const QString &target,
              quint16 port);

} // namespace SocketHint
