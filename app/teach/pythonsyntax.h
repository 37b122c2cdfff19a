#pragma once

#include "net/endpoint.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QHostAddress>
#include <QString>

// Values written as Python 3 writes them, for the socket calls a session shows and the
// programs it offers: a student reads them beside the code of their own tutorial.
//
//   bytesLiteral("hi\n")              b'hi\n'
//   address(127.0.0.1:41000)          ('127.0.0.1', 41000)
//   address([::1]:41000)              ('::1', 41000, 0, 0)
//   bindAddress(Any, 9000)            ('', 9000)
//   exception(ECONNREFUSED)           ConnectionRefusedError: [Errno 111] Connection refused
//   resolverError(EAI_NONAME)         socket.gaierror: [Errno -2] Name or service not known
namespace PythonSyntax {

// repr() of `bytes`: printable ASCII as it is, \t \n \r \\ and the quote escaped, every other
// byte as \xNN; single quotes unless the bytes hold a ' and no ". Longer than `maxBytes`, the
// first maxBytes are written and the literal is followed by "…" (no longer Python): for a log
// row, not for a program. 0 writes them all.
QString bytesLiteral(QByteArrayView bytes, qsizetype maxBytes = 0);
// repr() of a str, for host names: 'localhost'.
QString stringLiteral(const QString &text);
// The address tuple recvfrom() and accept() return, and connect() and sendto() take: two
// items for IPv4, four for IPv6 (flowinfo and scope id). On a `dualStack` socket (AF_INET6
// with IPV6_V6ONLY off) an IPv4 peer is IPv4-mapped, as Python gives it there:
// ('::ffff:127.0.0.1', 55170, 0, 0); elsewhere IPv4-mapped addresses are plain IPv4.
QString address(const Endpoint &endpoint, bool dualStack = false);
// What bind() takes: '' for every address (of the socket's family), else the address.
QString bindAddress(const QHostAddress &address, quint16 port);
// socket.AF_INET6 for an IPv6 address or every address (dual-stack), else socket.AF_INET.
QString family(const QHostAddress &address);
// The exception a Python program gets for a call that failed with `error`, as its traceback
// ends: the OSError subclass Python picks for that errno, the errno and the C library's text.
QString exception(int error);
// The same for getaddrinfo()'s negative EAI_ codes: socket.gaierror.
QString resolverError(int error);
// The name of the exception class for `error` alone: "ConnectionRefusedError", "OSError".
QString exceptionClass(int error);

} // namespace PythonSyntax
