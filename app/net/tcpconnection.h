#pragma once

#include "net/autoreply.h"
#include "net/endpoint.h"
#include "text/streamframer.h"

#include <QByteArray>
#include <QDateTime>
#include <QElapsedTimer>
#include <QObject>
#include <QTcpSocket>

// One established TCP connection, on either side: the client's, or one a server accepted.
//
// Every readyRead is one received() chunk, exactly as it arrived; with a framing, framed()
// follows with every message the chunk completed. send() reports what was queued at once and,
// through writeProgress(), what the socket has written since. When the connection ends,
// closed() says who ended it and how: an orderly close (FIN) or a reset (RST).
class TcpConnection final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TcpConnection)

public:
    enum class Ending {
        ClosedByUs, // disconnectFromHost(): FIN, after everything queued was written
        AbortedByUs, // abort(): RST, whatever was still queued is dropped
        ClosedByPeer, // the peer sent FIN
        ResetByPeer, // the peer sent RST
        Failed, // any other socket error
    };
    Q_ENUM(Ending)

    // Takes over a connected socket, which becomes a child of this object. `id` numbers the
    // connections of one session (a server's "user3").
    TcpConnection(QTcpSocket *socket, int id, QObject *parent = nullptr);
    ~TcpConnection() override;

    int id() const { return m_id; }
    QString name() const; // "user3"
    Endpoint localEndpoint() const { return m_local; }
    Endpoint peerEndpoint() const { return m_peer; }
    QDateTime connectedSince() const { return m_since; }
    bool isOpen() const { return !m_closed; }
    // The socket's, for what asks the kernel about it (KernelProbe); -1 once closed.
    qintptr socketDescriptor() const { return m_closed ? -1 : m_socket->socketDescriptor(); }
    // Open and not closing: send() takes bytes.
    bool isWritable() const { return !m_closed && !m_closing; }
    // What ended a connection that Failed.
    QAbstractSocket::SocketError error() const { return m_error; }

    quint64 bytesReceived() const { return m_bytesReceived; }
    quint64 bytesSent() const { return m_bytesSent; } // queued by send()
    qint64 bytesInFlight() const; // queued but not yet written to the socket
    // Sent and not acknowledged by the peer yet: what is still queued here, and what the
    // system holds, sent or not. What a reset (abort()) would keep from the peer.
    qint64 bytesNotDelivered() const;
    // What abort() kept from the peer (bytesNotDelivered() at that moment).
    qint64 bytesCut() const { return m_cutBytes; }

    // The last payload send() queued.
    QByteArray lastSent() const { return m_lastSent; }

    const StreamFramer &framer() const { return m_framer; }
    void setFramer(const StreamFramer &framer) { m_framer = framer; }

    // `origin`: the auto-reply that sends it, or None for the user.
    bool send(const QByteArray &payload, AutoReply origin = AutoReply::None);
    void disconnectFromHost();
    void abort();
    // While throttled (Session::setThrottled()), what arrives waits in the socket and the
    // kernel; the peer is slowed down by TCP's flow control, and nothing is lost. Throttling
    // off hands on what waited.
    void setThrottled(bool throttled);
    bool isThrottled() const { return m_throttled; }
    // The user's Pause reading, independent of the throttle: the connection reads only when
    // neither holds it. Paused, Qt reads nothing more from the kernel either, so the kernel's
    // receive queue fills and TCP's window closes as for a program that stops calling recv():
    // the peer's send() blocks or returns short. Nothing is lost: resuming hands on what
    // waited. Each change is told by readingPausedChanged().
    void setReadingPaused(bool paused);
    bool isReadingPaused() const { return m_readingPaused; }
    // Before quitting: hands on what waits (from the event loop), and from then on every read
    // at once, paused or throttled or not.
    void finishReading();
    // Read from the kernel and not handed on yet (while paused or throttled).
    qint64 bytesWaiting() const { return m_closed ? 0 : m_socket->bytesAvailable(); }
    // What the peer sent that waits in the kernel's receive queue, not read from it yet
    // (SIOCINQ); 0 where the system cannot say.
    qint64 bytesInReceiveQueue() const;
    // The peer has closed its side (FIN or RST), and the event loop has not handled it yet.
    bool peerHasClosed() const;
    // Handles now what the peer sent up to its close, and the close: closed() is emitted
    // before this returns. Nothing happens while reading is paused or throttled.
    void readToTheEnd();

Q_SIGNALS:
    void received(const QByteArray &chunk);
    void framed(const QByteArray &message);
    void sent(const QByteArray &payload, AutoReply origin);
    void writeProgress(qint64 written, qint64 inFlight);
    // One write to the socket took `bytes` of what was queued; `left` wait for the next.
    void wrote(qint64 bytes, qint64 left);
    void noticed(const QString &message);
    // setReadingPaused() changed it; `unread`: what the peer had sent that was not handed on
    // then (bytesWaiting() and bytesInReceiveQueue()).
    void readingPausedChanged(bool paused, qint64 unread);
    // disconnectFromHost() was called: it takes nothing more, and closes once all is written.
    void closing();
    void closed(TcpConnection::Ending ending, const QString &message);

private:
    // What the socket reads from the kernel before it waits for us to take it: a bulk transfer
    // comes in reads of at most this size, which the heap reuses as the log lets old ones go.
    static constexpr qint64 ReadBufferBytes = 1 << 20;

    void readChunks();
    // Paused or throttled, unless finishReading() said to hand everything on.
    bool holdsReading() const { return (m_readingPaused || m_throttled) && !m_finishing; }
    bool sendBeforeTheEnd(const QByteArray &payload, AutoReply origin);
    void bytesWritten(qint64 bytes);
    void socketError(QAbstractSocket::SocketError error);
    void socketDisconnected();
    void finish(Ending ending, const QString &message);
    bool eventFilter(QObject *watched, QEvent *event) override;
    void notePeerEnding();

    QTcpSocket *m_socket;
    int m_id;
    Endpoint m_local;
    Endpoint m_peer;
    QDateTime m_since;
    StreamFramer m_framer;
    QByteArray m_lastSent;
    quint64 m_bytesReceived = 0;
    quint64 m_bytesSent = 0;
    bool m_closed = false;
    bool m_closing = false;
    bool m_throttled = false;
    bool m_readingPaused = false; // by the user
    bool m_finishing = false; // finishReading() or a close: nothing is held back any more
    bool m_aborting = false;
    qint64 m_cutBytes = 0; // what abort() dropped
    QAbstractSocket::SocketError m_error = QAbstractSocket::UnknownSocketError;
    QString m_errorText;

    // A write "batch" runs from the first send() while nothing is in flight until everything
    // queued has been written; its progress is told at most every ProgressIntervalMs.
    qint64 m_batchBytes = 0;
    qint64 m_batchWritten = 0;
    int m_batchWrites = 0;
    QElapsedTimer m_batchClock;
    qint64 m_lastProgressMs = 0;

    // How the peer ended the connection, as the kernel said just before Qt read the end: Qt
    // closes the socket before it reports that the peer went away, and tells FIN and RST
    // apart no more. Asked each time the socket's read notifier fires (see eventFilter()).
    Ending m_peerEnding = Ending::ClosedByPeer;
};
