#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QHostAddress>

#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

class QSocketNotifier;
class QThread;

// Reads a bound UDP socket on a thread of its own and keeps what it read, in order, until its
// owner takes it.
//
// Why a thread: the kernel's buffer for a socket holds only a few thousand small datagrams and
// drops the rest, while logging one takes the window several microseconds. Read on the window's
// thread, a flood near loopback speed is mostly dropped; read here, it is taken off the kernel's
// queue as fast as it comes, and the window logs it at its own pace.
//
// ICMP errors that the system queues for the socket (NativeSocket asks for them with
// IP_RECVERR) are read too, each as a batch with the error and the destination it is about.
//
// The descriptor stays its owner's (a QUdpSocket that binds, sends and closes it); the reader
// only reads. Its backlog is bounded: when a limit of datagrams (BacklogLimit by default) or
// BacklogLimitBytes of payload wait, it stops reading until the owner has taken half, and the
// kernel drops what does not fit in its buffer, as it would without a reader. A second after a
// large backlog has been taken, its memory goes back to the system.
class UdpReader final
{
    Q_DISABLE_COPY_MOVE(UdpReader)

public:
    struct Datagram
    {
        qsizetype offset = 0; // of its payload in the batch's payloads
        qsizetype size = 0;
        QHostAddress sender; // IPv4 peers of a dual-stack socket as plain IPv4
        quint16 senderPort = 0;
    };
    // What one read of the socket brought, stamped when it was read. The payloads are kept
    // back to back and copied out by the owner: copies made on the owner's thread come from its
    // own heap, so the reader's heap holds only the backlog and empties with it.
    struct Batch
    {
        QDateTime time; // UTC
        QByteArray payloads;
        std::vector<Datagram> datagrams;
        int error = 0; // errno when the read failed; then there are no datagrams
        // With an error, the destination of the datagram sent that it is about (an ICMP error
        // such as "port unreachable", which the system queued for the socket); else null.
        QHostAddress errorDestination;
        quint16 errorDestinationPort = 0;

        QByteArray payload(const Datagram &datagram) const
        {
            return payloads.sliced(datagram.offset, datagram.size);
        }
    };

    // Datagrams read per system call.
    static constexpr int BatchSize = 32;
    static constexpr qsizetype BacklogLimit = 1'000'000;
    static constexpr qsizetype BacklogLimitBytes = 64 << 20;

    // `readable` is called on the reader's thread whenever the backlog stops being empty; it
    // must only schedule the owner's take(), e.g. with a queued QMetaObject::invokeMethod().
    UdpReader(qintptr descriptor, std::function<void()> readable,
              qsizetype backlogLimit = BacklogLimit);
    // Stops reading and waits for the thread; what was not taken is dropped.
    ~UdpReader();

    // Stops reading and waits for the thread; what was read can still be taken.
    void stop();
    bool isReading() const { return m_reading; }
    // The oldest batch not taken yet, if any; called on the owner's thread.
    std::optional<Batch> take();
    // Datagrams read and not taken yet.
    qsizetype backlog() const;

private:
    void readAvailable();
    Batch readBatch();
    std::optional<Batch> readQueuedError();
    bool keepQueuedErrors();
    bool keep(Batch batch);

    qintptr m_descriptor;
    qsizetype m_backlogLimit;
    std::function<void()> m_readable;
    std::unique_ptr<QThread> m_thread;
    bool m_reading = true; // until stop()
    QSocketNotifier *m_notifier; // lives in m_thread, which deletes it when it finishes

    // The system call's buffers and the last sender; only the reader's thread touches them.
    struct Buffers;
    std::unique_ptr<Buffers> m_buffers;

    mutable std::mutex m_mutex; // guards what follows
    std::deque<Batch> m_backlog;
    qsizetype m_backlogDatagrams = 0;
    qsizetype m_backlogBytes = 0;
    bool m_paused = false;
    bool m_large = false; // the backlog grew large since it was last empty
};
