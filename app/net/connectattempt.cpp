#include "net/connectattempt.h"

#include <QSocketNotifier>

#include <utility>

#include <unistd.h>

ConnectAttempt::ConnectAttempt(QObject *parent)
    : QObject(parent)
{ }

ConnectAttempt::~ConnectAttempt()
{
    abort();
}

bool ConnectAttempt::start(const QHostAddress &address, quint16 port, quint16 localPort)
{
    const NativeSocket::Result result = NativeSocket::connectingTcp(address, port, localPort);
    if (!result.ok()) {
        // Like a refusal that comes later: whoever called start() hears of it once it has
        // returned.
        m_failurePending = true;
        QMetaObject::invokeMethod(
                this,
                [this, result] {
                    if (std::exchange(m_failurePending, false))
                        Q_EMIT failed(result.error, result.call);
                },
                Qt::QueuedConnection);
        return false;
    }
    m_descriptor = result.descriptor;
    m_notifier = new QSocketNotifier(m_descriptor, QSocketNotifier::Write, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &ConnectAttempt::writable);
    return true;
}

int ConnectAttempt::takeDescriptor()
{
    if (!m_connected)
        return -1;
    const int descriptor = m_descriptor;
    m_descriptor = -1;
    m_connected = false;
    return descriptor;
}

void ConnectAttempt::abort()
{
    // The notifier goes before the descriptor it watches is closed.
    delete m_notifier;
    m_notifier = nullptr;
    if (m_descriptor >= 0)
        ::close(m_descriptor);
    m_descriptor = -1;
    m_connected = false;
    m_failurePending = false;
}

// Writable: the connection is made or has failed.
void ConnectAttempt::writable()
{
    // Off, and gone later (this is its signal): QTcpSocket watches the socket from now on.
    m_notifier->setEnabled(false);
    m_notifier->deleteLater();
    m_notifier = nullptr;
    const int error = NativeSocket::connectError(m_descriptor);
    if (error != 0) {
        Q_EMIT failed(error, NativeSocket::Call::Connect);
        return;
    }
    m_connected = true;
    Q_EMIT connected();
}
