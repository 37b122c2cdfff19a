#pragma once

#include "teach/sessionsetup.h"

#include <QString>
#include <QStringList>

// The Qt C++ programs of ProgramText: one main.cpp that does what a tab does, with QUdpSocket,
// QTcpSocket or QTcpServer and their signals, on Qt 6 Core and Network alone.
namespace QtPrograms {

QString thisEnd(const SessionSetup &setup);

// The TCP ones (qttcpprograms.cpp).
QString tcpServer(const SessionSetup &setup);
QString tcpClient(const SessionSetup &setup);

// The pieces they share.
// QByteArray("...", size): exact, NUL bytes too.
QString bytes(const QByteArray &data);
// A QHostAddress for an address field ("" is every address, IPv4 and IPv6), or a name looked up.
QString address(const QString &field);
// The comment that explains QHostAddress::Any, for "".
QString addressComment(const QString &field);
// The comment at the top: what it does, and how to build it as `target`.
QString header(const SessionSetup &setup, const QString &what, const QString &target);
// The #include lines: `headers` and those the setup needs.
QString includes(const SessionSetup &setup, QStringList headers);
// timestamped(payload) where the setup answers with a timestamp; empty otherwise.
QString timestampFunction(const SessionSetup &setup);
// completeMessages(buffer) for the setup's framing; empty without one.
QString framingFunction(const SessionSetup &setup);
// The auto-reply's answer to `message` (an expression) on `socket` (a pointer), or nothing.
QString answer(const SessionSetup &setup, const QString &socket, const QString &message);

} // namespace QtPrograms
