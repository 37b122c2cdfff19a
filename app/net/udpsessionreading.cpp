// UdpSession's receiving: the reader thread's datagrams handed out as received() (and
// answered), the throttle, the read limit, and the errors and drops that reading meets.
#include "net/udpsession.h"

#include "net/sockethint.h"
#include "text/pluralcount.h"

#include <QLocale>

// The kernel's drops are not errors of the socket: the program was too slow for what came.
void UdpSession::explainDrops(qint64 count)
{
    const qint64 buffer
        = m_socket.socketOption(QAbstractSocket::ReceiveBufferSizeSocketOption).toLongLong();
    notice(tr("The kernel dropped %Ln datagrams arriving at %1: the socket's receive buffer "
              "(%2 bytes) was full, because they came faster than they were read. UDP does not "
              "send them again. To lose fewer, send slower, read faster (less work for each "
              "datagram), or give the socket a bigger receive buffer (SO_RCVBUF, up to the "
              "system's net.core.rmem_max).",
              nullptr, pluralCount(quint64(count)))
               .arg(localEndpoint().inWords(), QLocale().toString(buffer)));
}

void UdpSession::startReading()
{
    // The socket's own read notifier goes quiet after its first readyRead, which nobody reads
    // here; from then on only the reader's thread watches the socket.
    auto reader = std::make_unique<UdpReader>(m_socket.socketDescriptor(), [this] {
        QMetaObject::invokeMethod(this, &UdpSession::takeReceived, Qt::QueuedConnection);
    });
    m_readers.push_back(
        Reader { std::move(reader), Endpoint { m_socket.localAddress(), m_socket.localPort() } });
}

// Stops the current reader; returns how many datagrams it read that are still to be handed out.
// They are, after the close, without holding up the window: what was read is received().
qsizetype UdpSession::stopReading()
{
    if (m_readers.empty())
        return 0;
    UdpReader &reader = *m_readers.back().thread;
    reader.stop();
    const qsizetype unread = reader.backlog();
    if (statesCalls())
        stateUnreadCalls(unread, m_readers.back().local);
    if (unread != 0)
        QMetaObject::invokeMethod(this, &UdpSession::takeReceived, Qt::QueuedConnection);
    return unread;
}

void UdpSession::setThrottled(bool throttled)
{
    Session::setThrottled(throttled);
    if (!throttled && !m_readers.empty())
        QMetaObject::invokeMethod(this, &UdpSession::takeReceived, Qt::QueuedConnection);
}

qsizetype UdpSession::waitingCount() const
{
    qsizetype waiting = 0;
    for (const Reader &reader : m_readers)
        waiting += reader.thread->backlog();
    return waiting;
}

void UdpSession::takeReceived()
{
    // Throttled, the reader's backlog holds them, up to its limit, and resuming takes them.
    // Once reading has stopped (a close, a quit), nothing more comes: all of it goes now.
    if (isThrottled() && !m_readers.empty() && m_readers.back().thread->isReading())
        return;
    // Hand out a share, then give the event loop its turn: a flood that is read as fast as it
    // arrives would otherwise keep the window from painting.
    int budget = ReadBudget;
    qsizetype bytes = ReadBudgetBytes;
    while (budget > 0 && bytes > 0 && !m_readers.empty()) {
        const Reader &reader = m_readers.front();
        const std::optional<UdpReader::Batch> batch = reader.thread->take();
        if (batch) {
            budget -= deliver(*batch, reader);
            bytes -= batch->payloads.size();
        } else if (reader.thread->isReading()) {
            return; // all handed out; the reader calls again when it has more
        } else {
            m_readers.pop_front(); // stopped by a close, and all handed out
        }
    }
    if (!m_readers.empty())
        QMetaObject::invokeMethod(this, &UdpSession::takeReceived, Qt::QueuedConnection);
}

// Returns how many datagrams (or errors) it handed out.
int UdpSession::deliver(const UdpReader::Batch &batch, const Reader &reader)
{
    if (batch.error != 0) {
        reportReadError(batch, reader.local);
        return 1;
    }
    if (statesCalls() && reader.thread->isReading()) // a stopped one's were said (stopReading())
        stateReceiveCalls(batch, reader.local);
    for (const UdpReader::Datagram &datagram : batch.datagrams) {
        const Endpoint peer { datagram.sender, datagram.senderPort };
        const bool cut = m_readLimit > 0 && datagram.size > m_readLimit;
        const QByteArray payload
            = batch.payloads.sliced(datagram.offset, cut ? m_readLimit : datagram.size);
        Q_EMIT received(payload, reader.local, peer, batch.time, {}, cut ? datagram.size : 0);
        if (cut && !m_cutExplained)
            explainCut(datagram.size, peer);
        if (&datagram == &batch.datagrams.front()) // a flood's mistakes show in every read
            lookAtPayload(payload, reader.local, peer);
        // What a closed socket read is logged, but it is no one to reply to any more; a slot
        // may also have closed the socket.
        if (!m_refusedBy.isEmpty()) // it listens now
            m_refusedBy.remove(peer.toString());
        if (reader.thread->isReading()) {
            m_lastSender = peer;
            answer(payload, peer);
        }
    }
    return int(batch.datagrams.size());
}

void UdpSession::setReadLimit(qsizetype limit)
{
    m_readLimit = std::max<qsizetype>(0, limit);
    m_cutExplained = false;
}

// Once for each limit: the rows of the datagrams cut say it again in short.
void UdpSession::explainCut(qsizetype arrived, const Endpoint &peer)
{
    m_cutExplained = true;
    notice(tr("A datagram from %1 was larger than Read at most allows. %2 Set Read at most to "
              "the whole datagram to keep every byte.")
               .arg(peer.toString(), SocketHint::datagramCut(arrived, m_readLimit)),
           peer);
}

// A read that failed, or an ICMP error about a datagram sent: that one is said once for each
// destination until it answers, since a Repeat to a closed port meets one for each datagram.
void UdpSession::reportReadError(const UdpReader::Batch &batch, const Endpoint &local)
{
    const Endpoint destination { batch.errorDestination, batch.errorDestinationPort };
    const bool icmp = !destination.isNull();
    const QString target = (icmp ? destination : local).toString();
    if (icmp && m_refusedBy.contains(target))
        return;
    if (icmp)
        m_refusedBy.insert(target);
    const QAbstractSocket::SocketError kind = icmp ? SocketHint::icmpErrorKind(batch.error)
        : SocketHint::isResourceError(batch.error) ? QAbstractSocket::SocketResourceError
                                                   : QAbstractSocket::NetworkError;
    const auto operation = icmp ? SocketHint::Operation::Send : SocketHint::Operation::Receive;
    reportError(kind, SocketHint::explain(kind, operation, target, 0, qt_error_string(batch.error)),
                destination);
}
