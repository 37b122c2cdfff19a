#pragma once

#include <QAbstractSocket>
#include <QString>

// Turns a socket error into one sentence a person can act on: what failed, where, in plain
// words, and what to try next. Every session reports its errors through here, so the wording
// is the same everywhere.
namespace SocketHint {

enum class Operation { Bind, Send, Resolve, JoinGroup, LeaveGroup, Receive };

// `target` names the address:port or host involved; `port` is the port being bound, used to
// explain privileged ports; `systemText` is Qt's errorString(), kept as a last resort.
QString explain(QAbstractSocket::SocketError error, Operation operation, const QString &target,
                quint16 port, const QString &systemText);

QString datagramTooLarge(qsizetype size, qsizetype limit, const QString &target);

} // namespace SocketHint
