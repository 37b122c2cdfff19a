#include "net/tcpconnection.h"

#include "net/nativesocket.h"
#include "net/sockethint.h"
#include "text/durationtext.h"
#include "text/framingtext.h"
#include "text/pluralcount.h"

#include <QEvent>
#include <QLocale>
#include <QLoggingCategory>
#include <QSocketNotifier>

#ifdef Q_OS_LINUX
#include <sys/socket.h>
#endif

#include <poll.h>

Q_LOGGING_CATEGORY(lcTcp, "sockscope.tcp", QtInfoMsg)

namespace {

constexpr qint64 ProgressIntervalMs = 250;
// Room a received chunk may keep unused past its end.
constexpr qsizetype SmallWasteBytes = 1024;

// With a zero linger time, closing the socket sends RST instead of FIN.
void resetOnClose(qintptr descriptor)
{
#ifdef Q_OS_LINUX
    const linger option { 1, 0 };
    if (descriptor >= 0)
        ::setsockopt(int(descriptor), SOL_SOCKET, SO_LINGER, &option, sizeof option);
#else
    Q_UNUSED(descriptor);
#endif
}

// Bytes in the system's send buffer that the peer has not acknowledged yet, sent or not.
qint64 unacknowledgedBytes(qintptr descriptor)
{
    return NativeSocket::queuedBytes(descriptor, NativeSocket::Queue::NotAcknowledged).value_or(0);
}

// The kernel's state of a TCP socket (CloseWait, …), or Unknown when it cannot be asked.
TcpState tcpState(qintptr descriptor)
{
    const std::optional<TcpReading> info = NativeSocket::tcpInfo(descriptor);
    return info ? info->state : TcpState::Unknown;
}

} // namespace

TcpConnection::TcpConnection(QTcpSocket *socket, int id, QObject *parent)
    : QObject(parent)
    , m_socket(socket)
    , m_id(id)
    , m_local { socket->localAddress(), socket->localPort() }
    , m_peer { socket->peerAddress(), socket->peerPort() }
    , m_since(QDateTime::currentDateTime())
{
    m_socket->setParent(this);
    m_socket->setReadBufferSize(ReadBufferBytes);
    connect(m_socket, &QTcpSocket::readyRead, this, &TcpConnection::readChunks);
    connect(m_socket, &QTcpSocket::bytesWritten, this, &TcpConnection::bytesWritten);
    connect(m_socket, &QTcpSocket::errorOccurred, this, &TcpConnection::socketError);
    connect(m_socket, &QTcpSocket::disconnected, this, &TcpConnection::socketDisconnected);
    // Qt reads the socket when its read notifier fires, and closes it at once when what it
    // reads is the end; watching the notifier lets us ask the kernel first, on the one
    // descriptor the connection has.
    // The notifier is a child of Qt's socket engine, not its API: without it, every end would
    // be taken for a FIN, and a warning says so.
    const QList<QSocketNotifier *> notifiers = m_socket->findChildren<QSocketNotifier *>();
    bool watching = false;
    for (QSocketNotifier *notifier : notifiers) {
        if (notifier->type() == QSocketNotifier::Read
            && notifier->socket() == m_socket->socketDescriptor()) {
            notifier->installEventFilter(this);
            watching = true;
        }
    }
    if (!watching)
        qCWarning(lcTcp, "no read notifier to watch: a reset by %s will read as a close",
                  qUtf8Printable(m_peer.toString()));
    // Bytes may have arrived before this object took over; hand them on once the caller has
    // connected to our signals.
    if (m_socket->bytesAvailable() > 0)
        QMetaObject::invokeMethod(this, &TcpConnection::readChunks, Qt::QueuedConnection);
}

TcpConnection::~TcpConnection() = default;

QString TcpConnection::name() const
{
    return QStringLiteral("user%1").arg(m_id);
}

qint64 TcpConnection::bytesInFlight() const
{
    return m_closed ? 0 : m_socket->bytesToWrite();
}

qint64 TcpConnection::bytesNotDelivered() const
{
    return m_closed ? 0
                    : m_socket->bytesToWrite() + unacknowledgedBytes(m_socket->socketDescriptor());
}

bool TcpConnection::send(const QByteArray &payload, AutoReply origin)
{
    // Qt closes the connection when it reads the peer's end, even a half-close: what arrived
    // with the end is handed on from there, and nothing can be written any more.
    if (m_closed || m_closing)
        return false;
    if (m_socket->bytesToWrite() == 0 && peerHasClosed())
        return sendBeforeTheEnd(payload, origin);
    if (m_batchWritten == m_batchBytes) {
        m_batchBytes = m_batchWritten = 0;
        m_batchWrites = 0;
        m_lastProgressMs = 0;
        m_batchClock.start();
    }
    const qint64 queued = m_socket->write(payload);
    if (queued != payload.size()) {
        qCDebug(lcTcp) << "write refused" << m_socket->errorString();
        return false;
    }
    m_batchBytes += queued;
    m_bytesSent += quint64(queued);
    m_lastSent = payload;
    Q_EMIT sent(payload, origin);
    return true;
}

// The peer has closed its side (FIN): Qt closes the connection when it reads that end, and
// drops what waits in its queue then. What is written now, to the kernel itself, still goes:
// the peer may read on after its shutdown(SHUT_WR), as the tutorials' clients do.
bool TcpConnection::sendBeforeTheEnd(const QByteArray &payload, AutoReply origin)
{
#ifdef Q_OS_LINUX
    const ssize_t written = ::send(int(m_socket->socketDescriptor()), payload.constData(),
                                   std::size_t(payload.size()), MSG_NOSIGNAL | MSG_DONTWAIT);
    if (written != payload.size()) {
        qCDebug(lcTcp) << "write before the end:" << written << "of" << payload.size();
        return false;
    }
    m_bytesSent += quint64(written);
    m_lastSent = payload;
    Q_EMIT sent(payload, origin);
    Q_EMIT wrote(written, 0);
    return true;
#else
    Q_UNUSED(payload);
    Q_UNUSED(origin);
    return false;
#endif
}

void TcpConnection::disconnectFromHost()
{
    if (m_closed || m_closing)
        return;
    if (holdsReading()) {
        // Closing, Qt reads no more: what waits would be dropped, and the peer reset (a close
        // with unread data). Taken first, as Resume would, and the throttle holds back nothing
        // more: the close ends the connection's reads.
        setReadingPaused(false);
        m_finishing = true;
        readChunks(); // what Qt holds
        readToTheEnd(); // what the kernel holds
        if (m_closed)
            return;
    }
    m_closing = true;
    Q_EMIT closing();
    if (const qint64 inFlight = m_socket->bytesToWrite(); inFlight > 0) {
        Q_EMIT noticed(tr("Closing the connection to %1 once the %2 bytes still in flight are "
                          "written.",
                          nullptr, pluralCount(quint64(inFlight)))
                           .arg(m_peer.toString(), QLocale().toString(inFlight)));
    }
    m_socket->disconnectFromHost();
}

void TcpConnection::abort()
{
    if (m_closed)
        return;
    // What a reset drops: what waits here, and what the system sent or holds that the peer has
    // not acknowledged.
    m_cutBytes = bytesNotDelivered();
    m_aborting = true;
    resetOnClose(m_socket->socketDescriptor());
    m_socket->abort();
    if (!m_closed)
        finish(Ending::AbortedByUs, {});
}

void TcpConnection::readChunks()
{
    if (holdsReading() && !m_closed && m_socket->state() == QAbstractSocket::ConnectedState)
        return; // once the connection ends, what it read is handed on all the same
    const qint64 available = m_socket->bytesAvailable();
    if (available <= 0)
        return;
    // What the socket read since the last time is usually one block of its buffer, and
    // reading exactly that much hands the block over without copying it (QIODevice::read()).
    // A small block sits in a larger allocation; it keeps only what it holds.
    QByteArray chunk = m_socket->read(available);
    if (chunk.capacity() - chunk.size() > SmallWasteBytes)
        chunk.squeeze();
    m_bytesReceived += quint64(chunk.size());
    Q_EMIT received(chunk);
    const QList<QByteArray> messages = m_framer.feed(chunk);
    for (const QByteArray &message : messages)
        Q_EMIT framed(message);
}

void TcpConnection::bytesWritten(qint64 bytes)
{
    m_batchWritten += bytes;
    ++m_batchWrites;
    const qint64 inFlight = m_socket->bytesToWrite();
    Q_EMIT wrote(bytes, inFlight);
    const qint64 written = m_batchWritten;
    const QLocale locale;
    const qint64 elapsed = m_batchClock.elapsed();
    if (inFlight == 0) {
        if (m_batchWrites > 1) {
            Q_EMIT noticed(tr("All %1 queued bytes were written to %2 in %3.")
                               .arg(locale.toString(m_batchWritten), m_peer.toString(),
                                    durationText(elapsed)));
        }
        m_batchBytes = m_batchWritten = 0;
    } else if (m_batchWrites == 1 || elapsed - m_lastProgressMs >= ProgressIntervalMs) {
        m_lastProgressMs = elapsed;
        Q_EMIT noticed(tr("Written %1 of %2 bytes to %3; %4 still in flight (the peer reads "
                          "at its own pace).",
                          nullptr, pluralCount(quint64(m_batchBytes)))
                           .arg(locale.toString(m_batchWritten), locale.toString(m_batchBytes),
                                m_peer.toString(), locale.toString(inFlight)));
    }
    // Told last: whoever it tells may send more, or end a file with its own words, which
    // belong after these.
    Q_EMIT writeProgress(written, inFlight);
}

void TcpConnection::socketError(QAbstractSocket::SocketError error)
{
    if (m_error != QAbstractSocket::UnknownSocketError || m_closed)
        return; // the first error is the cause; what follows is its consequence
    if (error == QAbstractSocket::SocketTimeoutError)
        return; // only a waitFor…() of ours times out, and the connection is fine
    if (m_socket->isValid())
        notePeerEnding(); // a failed write reports before Qt closes the socket
    m_error = error;
    m_errorText = m_socket->errorString();
    qCDebug(lcTcp) << m_peer.toString() << error << m_errorText;
    if (m_socket->state() == QAbstractSocket::UnconnectedState)
        socketDisconnected();
}

void TcpConnection::socketDisconnected()
{
    if (m_closed)
        return;
    readChunks(); // whatever arrived just before the end is part of the story
    const QString peer = m_peer.toString();
    const QString lasted = durationText(m_since.msecsTo(QDateTime::currentDateTime()));
    if (m_aborting) {
        finish(Ending::AbortedByUs, {});
    } else if (m_error == QAbstractSocket::RemoteHostClosedError) {
        if (m_peerEnding == Ending::ResetByPeer) {
            finish(Ending::ResetByPeer,
                   tr("%1 reset the connection (RST) after %2: the program there aborted, "
                      "crashed or closed with unread data. Bytes still in flight are lost.")
                       .arg(peer, lasted));
        } else {
            finish(Ending::ClosedByPeer,
                   tr("%1 closed the connection (FIN) after %2; nothing more arrives on it.")
                       .arg(peer, lasted));
        }
    } else if (m_error != QAbstractSocket::UnknownSocketError) {
        finish(Ending::Failed,
               SocketHint::explain(m_error, SocketHint::Operation::Transfer, peer, 0, m_errorText));
    } else if (m_closing) {
        finish(Ending::ClosedByUs,
               tr("Closed the connection to %1 (FIN sent) after %2.").arg(peer, lasted));
    } else {
        finish(Ending::ClosedByPeer, tr("%1 closed the connection after %2.").arg(peer, lasted));
    }
}

void TcpConnection::finish(Ending ending, const QString &message)
{
    m_closed = true;
    // What the framing still holds will never be a message; said, not dropped in silence.
    if (const QString unfinished = FramingText::unfinished(m_framer); !unfinished.isEmpty())
        Q_EMIT noticed(unfinished);
    QString text = message;
    if (ending == Ending::AbortedByUs && m_cutBytes > 0) {
        text = tr("Aborted the connection to %1 (RST sent): %2 of the bytes sent never reached "
                  "it, and it sees the connection reset, not a clean end.")
                   .arg(m_peer.toString(), QLocale().toString(m_cutBytes));
    } else if (ending == Ending::AbortedByUs) {
        text = tr("Aborted the connection to %1 (RST sent); everything sent had reached it.")
                   .arg(m_peer.toString());
    }
    Q_EMIT closed(ending, text);
}

bool TcpConnection::peerHasClosed() const
{
    const TcpState state = m_closed ? TcpState::Unknown : tcpState(m_socket->socketDescriptor());
    return state == TcpState::CloseWait || state == TcpState::Close;
}

void TcpConnection::readToTheEnd()
{
    // Reading now, in the caller's turn of the event loop, is the point: the close must count
    // before a newcomer. waitForReadyRead() is asked only while the socket is readable, so it
    // never waits (and never times out: a timeout would be taken for the connection's error).
    constexpr int MostReads = 64; // each reads at most the read buffer; the last finds the end
    for (int i = 0; i < MostReads && !m_closed && !holdsReading(); ++i) {
        pollfd readable { int(m_socket->socketDescriptor()), POLLIN, 0 };
        if (readable.fd < 0 || ::poll(&readable, 1, 0) != 1)
            break;
        notePeerEnding(); // waitForReadyRead() reads without the notifier
        if (!m_socket->waitForReadyRead(0))
            break;
    }
}

bool TcpConnection::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::SockAct && !m_closed)
        notePeerEnding();
    return QObject::eventFilter(watched, event);
}

void TcpConnection::notePeerEnding()
{
    // After an RST the kernel has moved the socket to CLOSE; after a FIN it waits in
    // CLOSE_WAIT for our side to close too. (Where the system cannot say: neither.)
    const TcpState state = tcpState(m_socket->socketDescriptor());
    if (state == TcpState::Close)
        m_peerEnding = Ending::ResetByPeer;
    else if (state == TcpState::CloseWait)
        m_peerEnding = Ending::ClosedByPeer;
}
