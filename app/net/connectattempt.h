#pragma once

#include "net/nativesocket.h"

#include <QHostAddress>
#include <QObject>

class QSocketNotifier;

// One TCP connect() to one address, on the event loop, made with the system's calls
// (NativeSocket) so that a failure keeps its errno; Qt's QTcpSocket would keep only a few of
// them, several under one "network error". What Qt would do is done the same way: a
// non-blocking connect(), then waiting for the socket to become writable.
//
// Either connected() or failed() follows start(), from the event loop, never from within it;
// after connected(), takeDescriptor() hands the socket over (to QTcpSocket::setSocketDescriptor).
class ConnectAttempt final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectAttempt)

public:
    explicit ConnectAttempt(QObject *parent = nullptr);
    ~ConnectAttempt() override;

    // Makes the socket, binds `localPort` when it is not 0, and sends the SYN. False when that
    // failed at once (no socket, the local port taken, no route): failed() says why, soon.
    bool start(const QHostAddress &address, quint16 port, quint16 localPort);
    // The connected socket, now the caller's; -1 before connected().
    int takeDescriptor();
    // Closes the socket now; nothing more is emitted.
    void abort();

Q_SIGNALS:
    void connected();
    // `call` is the system call that failed, `error` its errno.
    void failed(int error, NativeSocket::Call call);

private:
    void writable();

    int m_descriptor = -1;
    bool m_connected = false;
    bool m_failurePending = false; // start() failed; failed() is on its way
    QSocketNotifier *m_notifier = nullptr; // a child, while connecting
};
