#include "kernel/systemkernelprobe.h"

#ifdef Q_OS_LINUX

#include "net/nativesocket.h"

#include <QFile>

#include <algorithm>

#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

namespace {

// The tables are made as they are read, and tell no size: read to the end.
QByteArray tableText(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

int ticksPerSecond()
{
    return int(::sysconf(_SC_CLK_TCK));
}

QList<ProcNet::Row> table(const QString &path)
{
    return ProcNet::parse(tableText(path), ticksPerSecond());
}

} // namespace

bool SystemKernelProbe::isAvailable() const
{
    return true;
}

TcpReading SystemKernelProbe::tcp(qintptr descriptor) const
{
    using NativeSocket::Queue;
    std::optional<TcpReading> reading = NativeSocket::tcpInfo(descriptor);
    if (!reading)
        return {};
    // SIOCOUTQ counts what is not acknowledged, sent or not; SIOCOUTQNSD what is not sent.
    const std::optional<qint64> notAcknowledged
        = NativeSocket::queuedBytes(descriptor, Queue::NotAcknowledged);
    reading->unsent = NativeSocket::queuedBytes(descriptor, Queue::Unsent);
    if (notAcknowledged && reading->unsent)
        reading->unacknowledged = std::max<qint64>(0, *notAcknowledged - *reading->unsent);
    reading->unread = NativeSocket::queuedBytes(descriptor, Queue::Unread); // not when listening
    return *reading;
}

UdpReading SystemKernelProbe::udp(qintptr descriptor) const
{
    UdpReading reading;
    struct stat status
    {
    };
    sockaddr_storage address {};
    socklen_t addressLength = sizeof address;
    if (descriptor < 0 || ::fstat(int(descriptor), &status) != 0
        || ::getsockname(int(descriptor), reinterpret_cast<sockaddr *>(&address), &addressLength)
            != 0) {
        return reading;
    }
    int buffer = 0;
    socklen_t bufferLength = sizeof buffer;
    if (::getsockopt(int(descriptor), SOL_SOCKET, SO_RCVBUF, &buffer, &bufferLength) == 0)
        reading.receiveBuffer = buffer;
    const QString path = address.ss_family == AF_INET6 ? QStringLiteral("/proc/net/udp6")
                                                       : QStringLiteral("/proc/net/udp");
    if (const std::optional<ProcNet::Row> row = ProcNet::findInode(table(path), status.st_ino)) {
        reading.receiveQueue = row->receiveQueue;
        reading.drops = row->drops;
    }
    return reading;
}

std::optional<ProcNet::Row> SystemKernelProbe::connection(const Endpoint &local,
                                                          const Endpoint &peer) const
{
    // A dual-stack socket's connections, IPv4 peers included, are in the IPv6 table.
    for (const QString &path :
         { QStringLiteral("/proc/net/tcp"), QStringLiteral("/proc/net/tcp6") }) {
        if (std::optional<ProcNet::Row> row
            = ProcNet::findConnection(tableText(path), local, peer, ticksPerSecond()))
            return row;
    }
    return std::nullopt;
}

#else // not Linux: the kernel's view is not available

bool SystemKernelProbe::isAvailable() const
{
    return false;
}

TcpReading SystemKernelProbe::tcp(qintptr) const
{
    return {};
}

UdpReading SystemKernelProbe::udp(qintptr) const
{
    return {};
}

std::optional<ProcNet::Row> SystemKernelProbe::connection(const Endpoint &, const Endpoint &) const
{
    return std::nullopt;
}

#endif
