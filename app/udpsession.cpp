#include "udpsession.h"

#include "sockethint.h"

#include <QLocale>
#include <QLoggingCategory>

#include <cerrno>

Q_LOGGING_CATEGORY(lcUdp, "sockscope.udp", QtInfoMsg)

UdpSession::UdpSession(QObject *parent)
    : QObject(parent)
{
    m_retryTimer.setSingleShot(true);
    m_retryTimer.setInterval(1);
    connect(&m_retryTimer, &QTimer::timeout, this, &UdpSession::writeQueued);
}

UdpSession::~UdpSession()
{
    for (int id : { m_lookupId, m_bindLookupId }) {
        if (id >= 0)
            QHostInfo::abortHostLookup(id);
    }
}

Endpoint UdpSession::localEndpoint() const
{
    if (!isBound())
        return {};
    return Endpoint { m_socket.localAddress(), m_socket.localPort() };
}

bool UdpSession::bind(const QHostAddress &address, quint16 port)
{
    if (!bindSocket(address, port))
        return false;
    const QString local = localEndpoint().toString();
    if (port == 0) {
        Q_EMIT noticed(tr("Bound to %1: the system chose port %2. Waiting for datagrams; UDP "
                          "has no connection, each datagram says who sent it.")
                               .arg(local)
                               .arg(m_socket.localPort()));
    } else {
        Q_EMIT noticed(tr("Bound to %1. Waiting for datagrams; UDP has no connection, each "
                          "datagram says who sent it.")
                               .arg(local));
    }
    return true;
}

void UdpSession::bind(const QString &host, quint16 port)
{
    QHostAddress address;
    if (address.setAddress(host.trimmed())) {
        bind(address, port);
        return;
    }
    if (m_bindLookupId >= 0)
        QHostInfo::abortHostLookup(m_bindLookupId);
    m_bindLookupId = QHostInfo::lookupHost(host.trimmed(), this,
                                           [this, port](const QHostInfo &info) {
                                               bindHostLookedUp(info, port);
                                           });
}

void UdpSession::bindHostLookedUp(const QHostInfo &info, quint16 port)
{
    m_bindLookupId = -1;
    if (info.error() != QHostInfo::NoError || info.addresses().isEmpty()) {
        reportError(QAbstractSocket::HostNotFoundError,
                    SocketHint::explain(QAbstractSocket::HostNotFoundError,
                                        SocketHint::Operation::Resolve, info.hostName(), port,
                                        info.errorString()));
        return;
    }
    bind(info.addresses().constFirst(), port);
}

bool UdpSession::bindSocket(const QHostAddress &address, quint16 port)
{
    close();
    const QString target = Endpoint::format(address, port);
    // No SO_REUSEADDR: on Linux it would let two UDP sockets share a port silently, and a
    // student must see "port in use" instead of a receiver that never gets anything.
    if (!m_socket.bind(address, port, QAbstractSocket::DontShareAddress)) {
        reportError(m_socket.error(),
                    SocketHint::explain(m_socket.error(), SocketHint::Operation::Bind, target,
                                        port, m_socket.errorString()));
        m_socket.abort();
        return false;
    }
    m_socket.setSocketOption(QAbstractSocket::ReceiveBufferSizeSocketOption, ReceiveBufferBytes);
    m_socket.setSocketOption(QAbstractSocket::MulticastLoopbackOption, 1);
    startReading();
    setState(State::Bound);
    return true;
}

void UdpSession::close()
{
    if (m_lookupId >= 0) {
        QHostInfo::abortHostLookup(m_lookupId);
        m_lookupId = -1;
    }
    if (!m_unresolved.empty() || !m_outbox.empty()) {
        Q_EMIT noticed(tr("Datagrams dropped because the socket closed before they could be "
                          "sent: %1.")
                               .arg(m_unresolved.size() + m_outbox.size()));
    }
    m_unresolved.clear();
    m_outbox.clear();
    m_retryTimer.stop();
    if (!isBound())
        return;
    const QString local = localEndpoint().toString();
    const qsizetype unread = stopReading();
    m_socket.close();
    m_lastSender = {};
    setState(State::Unbound);
    if (unread == 0) {
        Q_EMIT noticed(tr("Closed %1; the port is free again.").arg(local));
    } else {
        Q_EMIT noticed(tr("Closed %1; the port is free again. Datagrams it read before closing "
                          "that are still being logged: %2.")
                               .arg(local, QLocale().toString(unread)));
    }
}

void UdpSession::setState(State state)
{
    if (state == m_state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

void UdpSession::startReading()
{
    // The socket's own read notifier goes quiet after its first readyRead, which nobody reads
    // here; from then on only the reader's thread watches the socket.
    auto reader = std::make_unique<UdpReader>(m_socket.socketDescriptor(), [this] {
        QMetaObject::invokeMethod(this, &UdpSession::takeReceived, Qt::QueuedConnection);
    });
    m_readers.push_back(Reader { std::move(reader),
                                 Endpoint { m_socket.localAddress(), m_socket.localPort() } });
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
    if (unread != 0)
        QMetaObject::invokeMethod(this, &UdpSession::takeReceived, Qt::QueuedConnection);
    return unread;
}

void UdpSession::takeReceived()
{
    // Hand out a share, then give the event loop its turn: a flood that is read as fast as it
    // arrives would otherwise keep the window from painting.
    for (int budget = ReadBudget; budget > 0 && !m_readers.empty();) {
        const Reader &reader = m_readers.front();
        const std::optional<UdpReader::Batch> batch = reader.thread->take();
        if (batch) {
            budget -= deliver(*batch, reader);
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
        const QAbstractSocket::SocketError error = batch.error == ENOMEM || batch.error == ENOBUFS
                ? QAbstractSocket::SocketResourceError
                : QAbstractSocket::NetworkError;
        reportError(error,
                    SocketHint::explain(error, SocketHint::Operation::Receive,
                                        reader.local.toString(), 0,
                                        qt_error_string(batch.error)));
        return 1;
    }
    for (const UdpReader::Datagram &received : batch.datagrams) {
        QNetworkDatagram datagram(batch.payload(received), reader.local.address,
                                  reader.local.port);
        datagram.setSender(received.sender, received.senderPort);
        Q_EMIT this->received(datagram, batch.time);
        // What a closed socket read is logged, but it is no one to reply to any more; a slot
        // may also have closed the socket.
        if (reader.thread->isReading()) {
            m_lastSender = Endpoint { received.sender, received.senderPort };
            answer(datagram);
        }
    }
    return int(batch.datagrams.size());
}

void UdpSession::answer(const QNetworkDatagram &datagram)
{
    if (m_autoReply == AutoReply::None)
        return; // before asking for the time: this runs for every datagram of a flood
    const std::optional<QByteArray> reply =
            AutoReplies::replyTo(m_autoReply, datagram.data(), QDateTime::currentDateTime());
    if (reply)
        sendTo(*reply, m_lastSender);
}

bool UdpSession::ensureBound()
{
    if (isBound())
        return true;
    if (!bindSocket(QHostAddress::Any, 0))
        return false;
    Q_EMIT noticed(tr("Not started yet, so sending bound the socket to %1, a port the system "
                      "chose. It keeps receiving there: replies to this port show up here.")
                           .arg(localEndpoint().toString()));
    return true;
}

void UdpSession::send(const QByteArray &payload, const QString &host, quint16 port)
{
    if (!ensureBound())
        return;
    m_unresolved.push_back(PendingSend { payload, host.trimmed(), port });
    resolvePending();
}

void UdpSession::sendTo(const QByteArray &payload, const Endpoint &destination)
{
    if (!ensureBound())
        return;
    const QString target = destination.toString();
    const qsizetype limit = maxPayload(destination.address);
    if (payload.size() > limit) {
        reportError(QAbstractSocket::DatagramTooLargeError,
                    SocketHint::datagramTooLarge(payload.size(), limit, target));
        return;
    }
    enqueue(QNetworkDatagram(payload, destination.address, destination.port));
}

bool UdpSession::replyToLastSender(const QByteArray &payload)
{
    if (m_lastSender.isNull()) {
        reportError(QAbstractSocket::OperationError,
                    tr("No datagram has arrived yet, so there is no sender to reply to. A UDP "
                       "socket only learns a peer from its first datagram."));
        return false;
    }
    sendTo(payload, m_lastSender);
    return true;
}

// Moves sends whose address is known to the outbox, in order, and starts a lookup for the
// first one that needs it. Later sends wait behind it so that order is kept.
void UdpSession::resolvePending()
{
    while (!m_unresolved.empty() && m_lookupId < 0) {
        PendingSend &next = m_unresolved.front();
        QHostAddress address;
        if (!address.setAddress(next.host)) {
            if (next.host.compare(m_resolvedHost, Qt::CaseInsensitive) != 0) {
                m_lookupId = QHostInfo::lookupHost(next.host, this, &UdpSession::hostLookedUp);
                return;
            }
            address = m_resolvedAddress;
        }
        const PendingSend ready = std::move(next);
        m_unresolved.pop_front();
        sendTo(ready.payload, Endpoint { address, ready.port });
    }
}

void UdpSession::hostLookedUp(const QHostInfo &info)
{
    m_lookupId = -1;
    const QHostAddress address = info.error() == QHostInfo::NoError
            ? pickAddress(info.addresses())
            : QHostAddress();
    if (address.isNull()) {
        qsizetype dropped = 0;
        while (!m_unresolved.empty() && m_unresolved.front().host == info.hostName()) {
            m_unresolved.pop_front();
            ++dropped;
        }
        const QString reason = info.error() == QHostInfo::NoError
                ? tr("it has no address this socket can reach")
                : info.errorString();
        reportError(QAbstractSocket::HostNotFoundError,
                    SocketHint::explain(QAbstractSocket::HostNotFoundError,
                                        SocketHint::Operation::Resolve, info.hostName(), 0,
                                        reason)
                            + u' '
                            + tr("Messages not sent: %1.").arg(dropped));
    } else {
        m_resolvedHost = info.hostName();
        m_resolvedAddress = address;
        QStringList all;
        for (const QHostAddress &a : info.addresses())
            all << a.toString();
        Q_EMIT noticed(tr("%1 resolved to %2 (all addresses: %3).")
                               .arg(info.hostName(), address.toString(), all.join(u", ")));
    }
    resolvePending();
}

// Tutorial servers mostly listen on IPv4 only, so a dual-stack socket prefers an IPv4 address;
// a socket bound to one family can only use addresses of that family.
QHostAddress UdpSession::pickAddress(const QList<QHostAddress> &addresses) const
{
    const QAbstractSocket::NetworkLayerProtocol family = m_socket.localAddress().protocol();
    const bool dualStack = family == QAbstractSocket::AnyIPProtocol;
    for (const QHostAddress &a : addresses) {
        if (a.protocol() == (dualStack ? QAbstractSocket::IPv4Protocol : family))
            return a;
    }
    if (dualStack && !addresses.isEmpty())
        return addresses.first();
    return {};
}

void UdpSession::enqueue(QNetworkDatagram datagram)
{
    m_outbox.push_back(std::move(datagram));
    if (m_outbox.size() == 1)
        writeQueued();
}

void UdpSession::writeQueued()
{
    while (!m_outbox.empty()) {
        const QNetworkDatagram &datagram = m_outbox.front();
        if (m_socket.writeDatagram(datagram) >= 0) {
            Q_EMIT sent(datagram);
            m_outbox.pop_front();
            continue;
        }
        if (m_socket.error() == QAbstractSocket::TemporaryError) {
            // The send buffer is full: try again shortly rather than drop the datagram.
            m_retryTimer.start();
            return;
        }
        const Endpoint destination { datagram.destinationAddress(),
                                     quint16(datagram.destinationPort()) };
        const qsizetype size = datagram.data().size();
        m_outbox.pop_front();
        if (m_socket.error() == QAbstractSocket::DatagramTooLargeError) {
            reportError(m_socket.error(),
                        SocketHint::datagramTooLarge(size, maxPayload(destination.address),
                                                     destination.toString()));
        } else {
            reportError(m_socket.error(),
                        SocketHint::explain(m_socket.error(), SocketHint::Operation::Send,
                                            destination.toString(), 0, m_socket.errorString()));
        }
    }
}

bool UdpSession::joinMulticastGroup(const QHostAddress &group, const QNetworkInterface &interface)
{
    if (!group.isMulticast()) {
        reportError(QAbstractSocket::UnsupportedSocketOperationError,
                    tr("%1 is not a multicast group address. Use one from 224.0.0.0 to "
                       "239.255.255.255 (IPv4) or ff00::/8 (IPv6), for example 239.255.0.1.")
                            .arg(group.toString()));
        return false;
    }
    if (!ensureBound())
        return false;
    const bool joined = interface.isValid() ? m_socket.joinMulticastGroup(group, interface)
                                            : m_socket.joinMulticastGroup(group);
    const QString where = interface.isValid() ? interface.humanReadableName() : tr("default");
    if (!joined) {
        reportError(m_socket.error(),
                    SocketHint::explain(m_socket.error(), SocketHint::Operation::JoinGroup,
                                        group.toString(), 0, m_socket.errorString()));
        return false;
    }
    Q_EMIT noticed(tr("Joined multicast group %1 on the %2 interface: datagrams sent to %3 "
                      "now arrive here.")
                           .arg(group.toString(), where,
                                Endpoint::format(group, m_socket.localPort())));
    return true;
}

bool UdpSession::leaveMulticastGroup(const QHostAddress &group, const QNetworkInterface &interface)
{
    if (!isBound())
        return false;
    const bool left = interface.isValid() ? m_socket.leaveMulticastGroup(group, interface)
                                          : m_socket.leaveMulticastGroup(group);
    if (!left) {
        reportError(m_socket.error(),
                    SocketHint::explain(m_socket.error(), SocketHint::Operation::LeaveGroup,
                                        group.toString(), 0, m_socket.errorString()));
        return false;
    }
    Q_EMIT noticed(tr("Left multicast group %1.").arg(group.toString()));
    return true;
}

void UdpSession::reportError(QAbstractSocket::SocketError error, const QString &message)
{
    qCDebug(lcUdp) << error << message;
    Q_EMIT errorOccurred(error, message);
}
