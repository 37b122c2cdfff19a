#include "net/udpreader.h"

#include "net/endpoint.h"
#include "net/nativesocket.h"
#include "system/heap.h"

#include <QSocketNotifier>
#include <QThread>

#include <linux/errqueue.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <cerrno>
#include <cstring>

namespace {

// The largest UDP payload (65,535 minus the UDP header) fits whole: nothing is truncated.
constexpr std::size_t LargestDatagram = 65'536;
// Batches read per wake-up before the thread's event loop gets its turn, where it sees a request
// to stop.
constexpr int BatchesPerWakeUp = 64;
// A backlog this long leaves enough freed memory behind to be worth a walk over the heap.
constexpr qsizetype LargeBacklog = 50'000;

quint16 portOf(const sockaddr_storage &address)
{
    if (address.ss_family == AF_INET6)
        return ntohs(reinterpret_cast<const sockaddr_in6 &>(address).sin6_port);
    return ntohs(reinterpret_cast<const sockaddr_in &>(address).sin_port);
}

} // namespace

struct UdpReader::Buffers
{
    // Left uninitialised: the system maps a page of it only when a datagram is written there,
    // so small datagrams cost a page per slot, not 2 MiB.
    std::unique_ptr<char[]> payloads { new char[BatchSize * LargestDatagram] };
    std::vector<iovec> vectors = std::vector<iovec>(BatchSize);
    std::vector<sockaddr_storage> senders = std::vector<sockaddr_storage>(BatchSize);
    std::vector<mmsghdr> messages = std::vector<mmsghdr>(BatchSize);
    QHostAddress lastSender;
    sockaddr_storage lastSenderRaw {};
    socklen_t lastSenderLength = 0;

    Buffers()
    {
        for (std::size_t i = 0; i < std::size_t(BatchSize); ++i) {
            vectors[i] = iovec { payloads.get() + i * LargestDatagram, LargestDatagram };
            msghdr &header = messages[i].msg_hdr;
            header.msg_iov = &vectors[i];
            header.msg_iovlen = 1;
            header.msg_name = &senders[i];
        }
    }

    // A flood comes from one peer: its datagrams share one address instead of a copy each.
    QHostAddress senderOf(std::size_t i)
    {
        const socklen_t length = messages[i].msg_hdr.msg_namelen;
        if (length != lastSenderLength || std::memcmp(&senders[i], &lastSenderRaw, length) != 0) {
            lastSender = Endpoint::unmapped(
                    QHostAddress(reinterpret_cast<const sockaddr *>(&senders[i])));
            std::memcpy(&lastSenderRaw, &senders[i], length);
            lastSenderLength = length;
        }
        return lastSender;
    }
};

UdpReader::UdpReader(qintptr descriptor, std::function<void()> readable, qsizetype backlogLimit)
    : m_descriptor(descriptor)
    , m_backlogLimit(backlogLimit)
    , m_readable(std::move(readable))
    , m_thread(std::make_unique<QThread>())
    , m_notifier(new QSocketNotifier(QSocketNotifier::Read))
    , m_buffers(std::make_unique<Buffers>())
{
    m_thread->setObjectName(QStringLiteral("UDP reader"));
    m_notifier->setSocket(descriptor);
    m_notifier->moveToThread(m_thread.get());
    QObject::connect(m_notifier, &QSocketNotifier::activated, m_notifier,
                     [this] { readAvailable(); });
    QObject::connect(m_thread.get(), &QThread::finished, m_notifier, &QObject::deleteLater);
    // A notifier is switched on in its own thread, once that thread runs.
    QMetaObject::invokeMethod(m_notifier, [notifier = m_notifier] { notifier->setEnabled(true); },
                              Qt::QueuedConnection);
    m_thread->start();
}

UdpReader::~UdpReader()
{
    stop();
}

void UdpReader::stop()
{
    if (!m_reading)
        return;
    m_reading = false;
    m_thread->quit();
    m_thread->wait(); // the notifier is gone with the thread: nothing switches it back on
    const std::lock_guard lock(m_mutex);
    m_paused = false;
}

std::optional<UdpReader::Batch> UdpReader::take()
{
    std::unique_lock lock(m_mutex);
    if (m_backlog.empty())
        return std::nullopt;
    Batch batch = std::move(m_backlog.front());
    m_backlog.pop_front();
    m_backlogDatagrams -= qsizetype(batch.datagrams.size());
    m_backlogBytes -= batch.payloads.size();
    const bool resume = m_paused && m_backlogDatagrams <= m_backlogLimit / 2
            && m_backlogBytes <= BacklogLimitBytes / 2;
    if (resume)
        m_paused = false;
    const bool drainedLarge = m_large && m_backlog.empty();
    if (drainedLarge)
        m_large = false;
    lock.unlock();
    if (resume) {
        QMetaObject::invokeMethod(m_notifier,
                                  [notifier = m_notifier] { notifier->setEnabled(true); },
                                  Qt::QueuedConnection);
    }
    if (drainedLarge)
        Heap::returnFreedMemoryWhenQuiet();
    return batch;
}

qsizetype UdpReader::backlog() const
{
    const std::lock_guard lock(m_mutex);
    return m_backlogDatagrams;
}

// On the reader's thread, whenever the socket is readable.
void UdpReader::readAvailable()
{
    for (int i = 0; i < BatchesPerWakeUp; ++i) {
        Batch batch = readBatch();
        // An ICMP error is about one datagram sent: those of a Repeat to a closed port are read
        // on, as datagrams are.
        const bool failed = batch.error != 0 && batch.errorDestination.isNull();
        if (batch.datagrams.empty() && batch.error == 0) {
            // Woken with nothing to read: for an ICMP error, whose error the socket's last
            // send took (a flood never comes here: its first read of a wake-up has datagrams).
            if (i == 0 && !keepQueuedErrors())
                m_notifier->setEnabled(false);
            return; // all read
        }
        if (!keep(std::move(batch))) {
            // The backlog is full: take() switches reading back on.
            m_notifier->setEnabled(false);
            return;
        }
        if (failed)
            return; // one report per turn of the loop, however long the error lasts
    }
}

UdpReader::Batch UdpReader::readBatch()
{
    Buffers &buffers = *m_buffers;
    for (mmsghdr &message : buffers.messages)
        message.msg_hdr.msg_namelen = sizeof(sockaddr_storage);
    const int count = recvmmsg(int(m_descriptor), buffers.messages.data(), BatchSize,
                               MSG_DONTWAIT, nullptr);
    Batch batch;
    if (count < 0) {
        const int error = errno;
        if (error != EAGAIN && error != EWOULDBLOCK && error != EINTR) {
            // An ICMP error comes once as the error of a call, and stays in the queue, unless
            // it was read from there already: the system may set it after that read.
            if (std::optional<Batch> queued = readQueuedError(); queued && queued->error != 0)
                return std::move(*queued);
            if (NativeSocket::isIcmpError(error))
                return batch;
            batch.error = error;
            batch.time = QDateTime::currentDateTimeUtc();
        }
        return batch;
    }
    batch.time = QDateTime::currentDateTimeUtc();
    qsizetype bytes = 0;
    for (std::size_t i = 0; i < std::size_t(count); ++i)
        bytes += buffers.messages[i].msg_len;
    batch.payloads.reserve(bytes);
    batch.datagrams.reserve(std::size_t(count));
    for (std::size_t i = 0; i < std::size_t(count); ++i) {
        const qsizetype size = buffers.messages[i].msg_len;
        batch.datagrams.push_back(Datagram { batch.payloads.size(), size, buffers.senderOf(i),
                                             portOf(buffers.senders[i]) });
        batch.payloads.append(static_cast<const char *>(buffers.vectors[i].iov_base), size);
    }
    return batch;
}

// The oldest error the system queued for the socket, if any: its errno and the destination of
// the datagram it is about. A batch without an error for one that is not an ICMP error.
std::optional<UdpReader::Batch> UdpReader::readQueuedError()
{
    char payload[1]; // the datagram it is about, cut: its destination is in the name
    iovec vector { payload, sizeof payload };
    sockaddr_storage destination {};
    alignas(cmsghdr) char control[256];
    msghdr header {};
    header.msg_name = &destination;
    header.msg_namelen = sizeof destination;
    header.msg_iov = &vector;
    header.msg_iovlen = 1;
    header.msg_control = control;
    header.msg_controllen = sizeof control;
    if (recvmsg(int(m_descriptor), &header, MSG_ERRQUEUE | MSG_DONTWAIT) < 0)
        return std::nullopt;
    Batch batch;
    batch.time = QDateTime::currentDateTimeUtc();
    for (cmsghdr *c = CMSG_FIRSTHDR(&header); c; c = CMSG_NXTHDR(&header, c)) {
        const bool icmp = (c->cmsg_level == SOL_IP && c->cmsg_type == IP_RECVERR)
                || (c->cmsg_level == SOL_IPV6 && c->cmsg_type == IPV6_RECVERR);
        if (!icmp)
            continue;
        sock_extended_err error {};
        std::memcpy(&error, CMSG_DATA(c), sizeof error);
        batch.error = int(error.ee_errno);
        batch.errorDestination = Endpoint::unmapped(
                QHostAddress(reinterpret_cast<const sockaddr *>(&destination)));
        batch.errorDestinationPort = portOf(destination);
    }
    return batch;
}

// Keeps the errors the system queued for the socket, a few a wake-up; false when the backlog
// is full.
bool UdpReader::keepQueuedErrors()
{
    for (int i = 0; i < BatchSize; ++i) {
        std::optional<Batch> queued = readQueuedError();
        if (!queued)
            return true;
        if (queued->error != 0 && !keep(std::move(*queued)))
            return false;
    }
    return true;
}

// Queues a batch for the owner; false when the backlog is full.
bool UdpReader::keep(Batch batch)
{
    std::unique_lock lock(m_mutex);
    const bool wasEmpty = m_backlog.empty();
    m_backlogDatagrams += qsizetype(batch.datagrams.size());
    m_backlogBytes += batch.payloads.size();
    m_backlog.push_back(std::move(batch));
    m_large = m_large || m_backlogDatagrams >= LargeBacklog;
    const bool full = m_backlogDatagrams >= m_backlogLimit || m_backlogBytes >= BacklogLimitBytes;
    m_paused = full;
    lock.unlock();
    if (wasEmpty)
        m_readable();
    return !full;
}
