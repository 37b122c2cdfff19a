#pragma once

#include "teach/sessionsetup.h"

#include <QString>
#include <QStringList>

// The Python programs of ProgramText, and the pieces its UDP and TCP programs share.
namespace PythonPrograms {

QString otherEnd(const SessionSetup &setup);
QString thisEnd(const SessionSetup &setup);

// The TCP ones (pythontcpprograms.cpp).
QString tcpServerClient(const SessionSetup &setup);
QString tcpChatClient(const SessionSetup &setup);
QString tcpClientServer(const SessionSetup &setup);
QString tcpServer(const SessionSetup &setup);
QString tcpChatServer(const SessionSetup &setup);
QString tcpClient(const SessionSetup &setup);

// "#!/usr/bin/env python3" and the docstring: `summary`, then `details`.
QString header(const QString &summary, const QStringList &details);
// `name` = socket.socket(...) for a socket bound to `address`, with its IPV6_V6ONLY choice
// explained; `type` is "SOCK_DGRAM" or "SOCK_STREAM".
QStringList localSocket(const QString &name, const QString &address, const QString &type);
// `name` = socket.socket(...) for a socket that reaches `host`.
QString remoteSocket(const QString &name, const QString &host, const QString &type);
// (host, port) for a socket bound to `address` to send to `host`: an IPv4 address written
// IPv4-mapped for an IPv6 socket.
QString destination(const QString &address, const QString &host, quint16 port);
// complete_messages(buffer) for the setup's framing (with the constant it uses), or nothing
// without a framing.
QStringList completeMessages(const SessionSetup &setup);
// The answer to `message` on the socket `conn`, indented by `indent`, for echo and timestamp.
QStringList answer(const SessionSetup &setup, const QString &indent);

} // namespace PythonPrograms
