#pragma once

#include "net/endpoint.h"
#include "net/nativesocket.h"

#include <QHostAddress>
#include <QList>
#include <QString>

// One socket call as a session states it (Session::called()): the Python call, what it
// returned or raised, and the errno of a failure.
struct CallLine
{
    QString call;
    QString result;
    int error = 0;
};

// The calls that open a socket, as a Python program writes them, from what NativeSocket did
// (its Result): socket(), the options Qt sets that a tutorial does not, bind(), listen(),
// connect(). A failure ends the list with the exception the Python program would get.
namespace OpeningCalls {

// A UDP socket bound to address:port; `bound` is where it got (null when it failed) and
// `receiveBuffer` the SO_RCVBUF the kernel gave it.
QList<CallLine> udp(const QHostAddress &address, quint16 port, const NativeSocket::Result &result,
                    const Endpoint &bound, int receiveBuffer, qsizetype requestedBuffer);
// A TCP socket listening on address:port with `backlog`.
QList<CallLine> tcpListen(const QHostAddress &address, quint16 port, int backlog,
                          const NativeSocket::Result &result, const Endpoint &bound);
// The socket a TCP client makes and the connect() it starts; a connect() that does not fail
// at once returns EINPROGRESS (the socket does not block) before the handshake. `localPort`,
// when not 0, is bound first. `error`: the errno of `call`, if one failed at once.
QList<CallLine> tcpConnectStart(const QHostAddress &address, quint16 port, quint16 localPort,
                                int error = 0, NativeSocket::Call call = NativeSocket::Call::Connect);
// How the handshake ended, as SO_ERROR says once the socket is writable: `error` 0 when it
// completed, from `local`, `ms` after it started.
CallLine tcpConnectEnd(int error, const Endpoint &local, qint64 ms);
// getaddrinfo() of `host` for `port`, which found `addresses` (empty: it failed with `error`,
// an EAI_ code).
CallLine lookup(const QString &host, quint16 port, bool stream,
                const QList<QHostAddress> &addresses, int error = 0);

} // namespace OpeningCalls
