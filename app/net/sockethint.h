#pragma once

#include <QAbstractSocket>
#include <QHostAddress>
#include <QString>

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

// A TCP connect that got no answer at all within `timeoutMs`.
QString connectTimedOut(const QString &target, qint64 timeoutMs);

QString datagramTooLarge(qsizetype size, qsizetype limit, const QString &target);

} // namespace SocketHint
