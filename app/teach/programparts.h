#pragma once

#include "teach/sessionsetup.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <utility>

// What the Python and the Qt programs of ProgramText share: the words for a session's
// choices, the family of its socket, the bytes its messages are framed with, and the way
// the programs' text is filled in.
namespace ProgramParts {

// The socket a local address asks for.
struct LocalSocket
{
    bool ipv6 = false; // AF_INET6
    bool dualStack = false; // "": every address, IPv4 and IPv6 together (IPV6_V6ONLY off)
    bool v6Only = false; // "::": every IPv6 address and no IPv4 one
    QString bindHost; // as bind() takes it: '' for every address
};
LocalSocket localSocket(const QString &address);
bool isIpv6Literal(const QString &host);

// The host another program on this machine gives to reach the session's local socket.
QString reachHost(const SessionSetup &setup);
// The port the other end uses: the session's, or 9000 while it is 0 (not chosen yet).
quint16 reachPort(const SessionSetup &setup);

// The message a program sends: the composer's with its line ending, or "hello" with it when
// the composer is empty (a TCP stream carries no empty message).
QByteArray sampleMessage(const SessionSetup &setup);
// The framing's terminator (LF, CRLF, the delimiter); empty for none and the length prefixes.
QByteArray terminator(const SessionSetup &setup);
// 2 or 4 for the length prefixes, 0 otherwise.
int prefixBytes(const SessionSetup &setup);
bool isFramed(const SessionSetup &setup);
// `message` as a client puts it on the wire to be one complete message: ending with the
// terminator (added when missing); a length prefix is the program's own to write.
QByteArray wireMessage(const SessionSetup &setup, const QByteArray &message);

// "lines ending in LF", "a 2-byte big-endian length before each message", "no framing".
QString framingWords(const SessionSetup &setup);
// "echo", "timestamp", "relay (a chat room)", "none".
QString autoReplyWords(AutoReply mode);
// "UDP", "TCP Client", "TCP Server".
QString kindName(const QString &kind);
// "every address, port 9000", "127.0.0.1 port 9000", "port 0 (the system chooses)".
QString localWords(const SessionSetup &setup);

// `text` with each "@KEY@" replaced by its value.
QString fill(QString text, const QList<std::pair<QString, QString>> &values);
// `text` as comment lines of at most `width` columns, each starting with `lead` ("// ", "# ").
QString comment(const QString &text, const QString &lead, int width = 80);
// Lines joined with '\n', each empty string an empty line; a final '\n'.
QString lines(const QStringList &lines);

} // namespace ProgramParts
