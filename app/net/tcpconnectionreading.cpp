// TcpConnection's holding back of reads: the user's Pause reading and the session's throttle,
// and the quit that hands everything on.
#include "net/tcpconnection.h"

#include "net/nativesocket.h"

#include <algorithm>

qint64 TcpConnection::bytesInReceiveQueue() const
{
    return m_closed
        ? 0
        : NativeSocket::queuedBytes(m_socket->socketDescriptor(), NativeSocket::Queue::Unread)
              .value_or(0);
}

void TcpConnection::setThrottled(bool throttled)
{
    m_throttled = throttled;
    if (!holdsReading() && !m_closed)
        QMetaObject::invokeMethod(this, &TcpConnection::readChunks, Qt::QueuedConnection);
}

void TcpConnection::setReadingPaused(bool paused)
{
    if (paused == m_readingPaused || m_closed || (paused && m_finishing))
        return;
    m_readingPaused = paused;
    // Qt reads from the kernel while its own buffer has room: held to what it holds (a byte
    // at least: 0 would be no limit), it reads no more, and the kernel's queue is what fills.
    m_socket->setReadBufferSize(paused ? std::max<qint64>(1, m_socket->bytesAvailable())
                                       : ReadBufferBytes);
    const qint64 inKernel = bytesInReceiveQueue();
    Q_EMIT readingPausedChanged(paused, bytesWaiting() + inKernel);
    // What the kernel holds comes with the read notifier, after what Qt held (the byte it may
    // have taken), in one chunk; without it, what Qt held is handed on now.
    if (!holdsReading() && inKernel == 0)
        QMetaObject::invokeMethod(this, &TcpConnection::readChunks, Qt::QueuedConnection);
}

void TcpConnection::finishReading()
{
    m_finishing = true;
    if (m_readingPaused && !m_closed)
        m_socket->setReadBufferSize(ReadBufferBytes);
    m_readingPaused = m_throttled = false;
    if (!m_closed)
        QMetaObject::invokeMethod(this, &TcpConnection::readChunks, Qt::QueuedConnection);
}
