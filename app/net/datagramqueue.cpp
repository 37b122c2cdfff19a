#include "net/datagramqueue.h"

#include "net/nativesocket.h"
#include "net/sockethint.h"
#include "text/pluralcount.h"

#include <QUdpSocket>

#include <cerrno>

namespace {

constexpr int IcmpRetries = 16;

} // namespace

DatagramQueue::DatagramQueue(QUdpSocket &socket, Binder bind, QObject *parent)
    : QObject(parent)
    , m_socket(socket)
    , m_bind(std::move(bind))
{
    m_retryTimer.setSingleShot(true);
    m_retryTimer.setInterval(1);
    connect(&m_retryTimer, &QTimer::timeout, this, &DatagramQueue::writeQueued);
    connect(&m_lookup, &HostLookup::found, this,
            [this](const QString &name, const QList<QHostAddress> &addresses) {
                hostFound(name, addresses);
            });
    connect(&m_lookup, &HostLookup::failed, this,
            [this](const QString &name, const QString &reason) {
                Q_EMIT lookedUp(name, pendingPort(), {});
                hostNotFound(name, reason);
            });
}

quint16 DatagramQueue::pendingPort() const
{
    return m_unresolved.empty() ? 0 : m_unresolved.front().port;
}

bool DatagramQueue::send(const QByteArray &payload, const QString &host, quint16 port)
{
    QHostAddress address;
    if (m_unresolved.empty() && knowsAddressOf(host, &address))
        return sendTo(payload, Endpoint { address, port });
    m_unresolved.push_back(PendingSend { payload, host, port });
    resolvePending();
    return true;
}

bool DatagramQueue::sendTo(const QByteArray &payload, const Endpoint &destination,
                           AutoReply origin)
{
    const qsizetype limit = maxPayload(destination.address);
    if (payload.size() > limit) {
        Q_EMIT failed(QAbstractSocket::DatagramTooLargeError,
                      SocketHint::datagramTooLarge(payload.size(), limit, destination.toString()),
                      EMSGSIZE);
        return false;
    }
    if (!m_bind())
        return false;
    return enqueue({ QNetworkDatagram(payload, destination.address, destination.port), origin });
}

qsizetype DatagramQueue::clear()
{
    const qsizetype dropped = qsizetype(m_unresolved.size() + m_outbox.size());
    m_lookup.abort();
    m_unresolved.clear();
    m_outbox.clear();
    m_retryTimer.stop();
    return dropped;
}

// An address literal, or the name looked up last.
bool DatagramQueue::knowsAddressOf(const QString &host, QHostAddress *address) const
{
    if (address->setAddress(host))
        return true;
    if (host.compare(m_resolvedHost, Qt::CaseInsensitive) != 0)
        return false;
    *address = m_resolvedAddress;
    return true;
}

// Moves sends whose address is known to the outbox, in order, and starts a lookup for the
// first one that needs it. Later sends wait behind it so that order is kept.
void DatagramQueue::resolvePending()
{
    while (!m_unresolved.empty() && !m_lookup.isActive()) {
        QHostAddress address;
        if (!knowsAddressOf(m_unresolved.front().host, &address)) {
            m_lookup.lookUp(m_unresolved.front().host);
            return;
        }
        const PendingSend ready = std::move(m_unresolved.front());
        m_unresolved.pop_front();
        if (!sendTo(ready.payload, Endpoint { address, ready.port })
            && m_socket.state() != QAbstractSocket::BoundState && !m_unresolved.empty()) {
            dropUnsendable();
            return;
        }
    }
}

// No socket to send from (the binder said why): what waits behind cannot go either, and is
// dropped with one row rather than a failed bind for each.
void DatagramQueue::dropUnsendable()
{
    const qsizetype dropped = qsizetype(m_unresolved.size());
    m_unresolved.clear();
    Q_EMIT failed(QAbstractSocket::OperationError,
                  tr("Not sent either: %n more datagrams that waited for the socket.", nullptr,
                     pluralCount(quint64(dropped))));
}

void DatagramQueue::hostFound(const QString &name, const QList<QHostAddress> &addresses)
{
    Q_EMIT lookedUp(name, pendingPort(), addresses);
    const QHostAddress address = pickAddress(addresses);
    if (address.isNull()) {
        hostNotFound(name, tr("it has no address this socket can reach"));
        return;
    }
    m_resolvedHost = name;
    m_resolvedAddress = address;
    QStringList all;
    for (const QHostAddress &a : addresses)
        all << a.toString();
    Q_EMIT resolved(tr("%1 resolved to %2 (all addresses: %3).")
                            .arg(name, address.toString(), all.join(u", ")));
    resolvePending();
}

void DatagramQueue::hostNotFound(const QString &name, const QString &reason)
{
    qsizetype dropped = 0;
    while (!m_unresolved.empty() && m_unresolved.front().host == name) {
        m_unresolved.pop_front();
        ++dropped;
    }
    Q_EMIT failed(QAbstractSocket::HostNotFoundError,
                  SocketHint::explain(QAbstractSocket::HostNotFoundError,
                                      SocketHint::Operation::Resolve, name, 0, reason)
                          + u' ' + tr("Messages not sent: %1.").arg(dropped));
    resolvePending();
}

// Tutorial servers mostly listen on IPv4 only, so a dual-stack socket prefers an IPv4 address;
// a socket bound to one family can only use addresses of that family.
QHostAddress DatagramQueue::pickAddress(const QList<QHostAddress> &addresses) const
{
    const QAbstractSocket::NetworkLayerProtocol family = m_socket.localAddress().protocol();
    const bool dualStack = family == QAbstractSocket::AnyIPProtocol
            || m_socket.state() != QAbstractSocket::BoundState;
    for (const QHostAddress &a : addresses) {
        if (a.protocol() == (dualStack ? QAbstractSocket::IPv4Protocol : family))
            return a;
    }
    if (dualStack && !addresses.isEmpty())
        return addresses.first();
    return {};
}

// False when this datagram was the first in line and the socket refused it.
bool DatagramQueue::enqueue(Outgoing outgoing)
{
    m_outbox.push_back(std::move(outgoing));
    return m_outbox.size() != 1 || writeQueued();
}

// Writes what the socket's buffer takes; false when the first datagram was refused.
bool DatagramQueue::writeQueued()
{
    bool firstWritten = true;
    for (bool first = true; !m_outbox.empty(); first = false) {
        const QNetworkDatagram &datagram = m_outbox.front().datagram;
        bool written = m_socket.writeDatagram(datagram) >= 0;
        int systemError = errno; // Qt keeps only its own, coarser, error
        // An ICMP error about an earlier datagram (IP_RECVERR) is told once to whichever call
        // comes next: this datagram was not sent, and goes now; UdpReader says the error. A
        // Repeat to a closed port meets a new one now and then before the next try. (A route's
        // own error, about this datagram, comes at every try.)
        for (int tries = 0; !written && NativeSocket::isIcmpError(systemError) && tries < IcmpRetries; ++tries) {
            written = m_socket.writeDatagram(datagram) >= 0;
            systemError = errno;
        }
        if (written) {
            Q_EMIT sent(datagram, m_outbox.front().origin);
            m_outbox.pop_front();
            continue;
        }
        if (m_socket.error() == QAbstractSocket::TemporaryError) {
            // The send buffer is full: try again shortly rather than drop the datagram.
            m_retryTimer.start();
            break;
        }
        const QNetworkDatagram refused = std::move(m_outbox.front().datagram);
        m_outbox.pop_front();
        reportWriteError(refused, systemError);
        firstWritten = firstWritten && !first;
    }
    return firstWritten;
}

void DatagramQueue::reportWriteError(const QNetworkDatagram &datagram, int systemError)
{
    const Endpoint destination { datagram.destinationAddress(),
                                 quint16(datagram.destinationPort()) };
    // Sent again after an ICMP error and refused again: Qt calls that a network error too.
    const QAbstractSocket::SocketError error = systemError == ECONNREFUSED
            ? QAbstractSocket::ConnectionRefusedError
            : m_socket.error();
    const QHostAddress local = m_socket.localAddress();
    if (local.isLoopback() && !destination.address.isLoopback()) {
        Q_EMIT failed(error, SocketHint::sendFromLoopback(
                                     Endpoint { local, m_socket.localPort() }.toString(),
                                     destination.toString(), systemError),
                      systemError);
    } else if (error == QAbstractSocket::DatagramTooLargeError) {
        Q_EMIT failed(error, SocketHint::datagramTooLarge(datagram.data().size(),
                                                          maxPayload(destination.address),
                                                          destination.toString()),
                      systemError);
    } else {
        Q_EMIT failed(error,
                      SocketHint::explain(error, SocketHint::Operation::Send,
                                          destination.toString(), 0, m_socket.errorString()),
                      systemError);
    }
}
