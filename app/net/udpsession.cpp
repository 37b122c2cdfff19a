#include "net/udpsession.h"

#include "kernel/kernelprobe.h"
#include "net/multicastmembership.h"
#include "net/nativesocket.h"
#include "net/sockethint.h"
#include "teach/pythonsyntax.h"
#include "text/pluralcount.h"

#include <QFile>
#include <QFileInfo>
#include <QLocale>

#include <cerrno>
#include <netdb.h>

#include <unistd.h>

UdpSession::UdpSession(QObject *parent)
    : Session(Transport::Udp, parent)
    , m_outbox(m_socket, [this] { return ensureBound(); })
    , m_dropWatch(KernelProbe::system())
{
    connect(&m_dropWatch, &UdpDropWatch::dropped, this, &UdpSession::explainDrops);
    connect(&m_outbox, &DatagramQueue::sent, this, &UdpSession::datagramSent);
    connect(&m_faults, &FaultInjector::faulted, this,
            [this](Fault fault, const QString &message, const Endpoint &peer) {
                Q_EMIT faulted(fault, message, localEndpoint(), peer);
            });
    connect(&m_outbox, &DatagramQueue::failed, this,
            [this](QAbstractSocket::SocketError error, const QString &message, int systemError) {
                stateSendFailure(error, systemError);
                reportError(error, message);
                if (error == QAbstractSocket::HostNotFoundError)
                    Q_EMIT sendFailed(message);
            });
    connect(&m_outbox, &DatagramQueue::resolved, this,
            qOverload<const QString &>(&UdpSession::notice));
    connect(&m_outbox, &DatagramQueue::lookedUp, this,
            [this](const QString &name, quint16 port, const QList<QHostAddress> &addresses) {
                stateCall(OpeningCalls::lookup(name, port, false, addresses, EAI_NONAME));
            });
    connect(&m_bindLookup, &HostLookup::found, this,
            [this](const QString &name, const QList<QHostAddress> &addresses) {
                stateCall(OpeningCalls::lookup(name, m_bindPort, false, addresses));
                bindHostFound(addresses);
            });
    connect(&m_bindLookup, &HostLookup::failed, this,
            [this](const QString &name, const QString &reason) {
                stateCall(OpeningCalls::lookup(name, m_bindPort, false, {}, EAI_NONAME));
                const auto error = QAbstractSocket::HostNotFoundError;
                const auto operation = SocketHint::Operation::Resolve;
                reportFailure(error,
                              SocketHint::explain(error, operation, name, m_bindPort, reason),
                              SocketHint::brief(error, operation, name, m_bindPort));
            });
}

UdpSession::~UdpSession() = default;

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
    const QString local = localEndpoint().inWords();
    const QString reach = SocketHint::loopbackOnly(m_socket.localAddress());
    if (port == 0) {
        notice(tr("Bound to %1: the system chose port %2. Waiting for datagrams; UDP has no "
                  "connection, each datagram says who sent it.")
                   .arg(local, QString::number(m_socket.localPort()))
               + reach);
    } else {
        notice(tr("Bound to %1. Waiting for datagrams; UDP has no connection, each datagram "
                  "says who sent it.")
                   .arg(local)
               + reach);
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
    m_bindPort = port;
    m_bindLookup.lookUp(host.trimmed());
}

void UdpSession::bindHostFound(const QList<QHostAddress> &addresses)
{
    bind(addresses.constFirst(), m_bindPort);
}

bool UdpSession::bindSocket(const QHostAddress &address, quint16 port)
{
    // Datagrams waiting for a name to be looked up stay: they leave through the new socket.
    if (isBound())
        close();
    const QString target = Endpoint::format(address, port);
    // No SO_REUSEADDR: on Linux it would let two UDP sockets share a port silently, and a
    // student must see "port in use" instead of a receiver that never gets anything. Bound by
    // NativeSocket rather than by QUdpSocket::bind(), which keeps few of bind()'s errnos.
    const NativeSocket::Result bound = NativeSocket::boundUdp(address, port);
    if (!bound.ok()) {
        stateCalls(OpeningCalls::udp(address, port, bound, {}, 0, ReceiveBufferBytes));
        const SocketHint::Operation operation = SocketHint::Operation::Bind;
        const QAbstractSocket::SocketError error = SocketHint::errorKind(bound.error, operation);
        reportFailure(error,
                      SocketHint::explainErrno(bound.error, operation, target, port, address),
                      SocketHint::brief(error, operation, target, port));
        return false;
    }
    if (!m_socket.setSocketDescriptor(bound.descriptor, QAbstractSocket::BoundState)) {
        ::close(bound.descriptor);
        const QAbstractSocket::SocketError error = m_socket.error();
        const SocketHint::Operation operation = SocketHint::Operation::Bind;
        reportFailure(
            error,
            SocketHint::explain(error, operation, target, port, m_socket.errorString(), address),
            SocketHint::brief(error, operation, target, port));
        m_socket.abort();
        return false;
    }
    m_socket.setSocketOption(QAbstractSocket::ReceiveBufferSizeSocketOption, ReceiveBufferBytes);
    m_socket.setSocketOption(QAbstractSocket::MulticastLoopbackOption, 1);
    startReading();
    m_dropWatch.watch(m_socket.socketDescriptor());
    setState(State::Bound);
    stateCalls(OpeningCalls::udp(
        address, port, bound, localEndpoint(),
        m_socket.socketOption(QAbstractSocket::ReceiveBufferSizeSocketOption).toInt(),
        ReceiveBufferBytes));
    return true;
}

void UdpSession::close()
{
    m_faults.clear(); // says what it drops
    if (const qsizetype dropped = m_outbox.clear(); dropped != 0) {
        notice(tr("Datagrams dropped because the socket closed before they could be sent: %1.")
                   .arg(dropped));
    }
    if (!isBound())
        return;
    const QString local = localEndpoint().inWords();
    const qsizetype unread = stopReading();
    m_dropWatch.stop();
    stateCall(QStringLiteral("s.close()"), tr("the port is free again"));
    m_socket.close();
    m_lastSender = {};
    m_refusedBy.clear();
    setState(State::Closed);
    if (unread == 0) {
        notice(tr("Closed %1; the port is free again.").arg(local));
    } else {
        notice(tr("Closed %1; the port is free again. Datagrams it read before closing that "
                  "are still being logged: %2.")
                   .arg(local, QLocale().toString(unread)));
    }
}

void UdpSession::answer(const QByteArray &payload, const Endpoint &peer)
{
    // Before asking for the time: this runs for every datagram of a flood. Echo and Timestamp
    // answer the sender; None and Relay (a TCP server's) do not.
    if (m_autoReply != AutoReply::Echo && m_autoReply != AutoReply::Timestamp) {
        if (const QString idle = m_faults.nothingToActOn(); !idle.isEmpty())
            notice(idle, peer);
        return;
    }
    if (!m_faults.isActive()) {
        sendReply(m_autoReply, payload, peer);
        return;
    }
    if (m_faults.dropsReceived(peer))
        return;
    // The reply is made when it leaves: a delayed timestamp says when it was sent.
    m_faults.reply([this, payload, peer, mode = m_autoReply] { sendReply(mode, payload, peer); },
                   peer);
}

void UdpSession::sendReply(AutoReply mode, const QByteArray &payload, const Endpoint &to)
{
    if (const std::optional<QByteArray> reply
        = AutoReplies::replyTo(mode, payload, QDateTime::currentDateTime()))
        sendTo(*reply, to, mode);
}

bool UdpSession::ensureBound()
{
    if (isBound())
        return true;
    if (!bindSocket(QHostAddress::Any, 0))
        return false;
    notice(tr("Not started yet, so sending bound the socket to %1, a port the system chose. It "
              "keeps receiving there: replies to this port show up here.")
               .arg(localEndpoint().inWords()));
    return true;
}

bool UdpSession::send(const QByteArray &payload, const QString &host, quint16 port)
{
    return m_outbox.send(payload, host.trimmed(), port);
}

bool UdpSession::sendTo(const QByteArray &payload, const Endpoint &destination, AutoReply origin)
{
    return m_outbox.sendTo(payload, destination, origin);
}

bool UdpSession::sendFile(const QString &path, const QString &host, quint16 port)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        reportError(
            QAbstractSocket::OperationError,
            tr("Cannot read %1: %2. Choose a file you can read.").arg(path, file.errorString()));
        return false;
    }
    const QString name = QFileInfo(path).fileName();
    QHostAddress literal;
    const bool isLiteral = literal.setAddress(host.trimmed());
    // A name may turn out to be IPv6, whose datagrams carry a little more: the queue decides
    // once it is looked up. A file of gigabytes is refused without reading it.
    const qsizetype readLimit = isLiteral ? DatagramQueue::maxPayload(literal) : MaxIPv6Payload;
    if (file.size() > readLimit) {
        reportError(
            QAbstractSocket::DatagramTooLargeError,
            tr("%1: %2").arg(name,
                             SocketHint::datagramTooLarge(
                                 file.size(), isLiteral ? readLimit : MaxIPv4Payload,
                                 isLiteral ? Endpoint::format(literal, port)
                                           : host.trimmed() + u':' + QString::number(port))));
        return false;
    }
    const QByteArray bytes = file.read(readLimit);
    if (file.error() != QFile::NoError) {
        reportError(QAbstractSocket::OperationError,
                    tr("Cannot read %1: %2.").arg(path, file.errorString()));
        return false;
    }
    notice(tr("Sending %1, %2 bytes, as one datagram.", nullptr, pluralCount(quint64(bytes.size())))
               .arg(name, QLocale().toString(bytes.size())));
    return send(bytes, host, port);
}

bool UdpSession::replyToLastSender(const QByteArray &payload)
{
    if (m_lastSender.isNull()) {
        reportError(QAbstractSocket::OperationError,
                    tr("No datagram has arrived yet, so there is no sender to reply to. A UDP "
                       "socket only learns a peer from its first datagram."));
        return false;
    }
    return sendTo(payload, m_lastSender);
}

void UdpSession::datagramSent(const QNetworkDatagram &datagram, AutoReply origin)
{
    const Endpoint peer { datagram.destinationAddress(), quint16(datagram.destinationPort()) };
    if (statesCalls())
        stateSendCall(datagram.data(), peer);
    Q_EMIT sent(datagram.data(), localEndpoint(), peer, QDateTime::currentDateTimeUtc(), origin);
}

// Joins or leaves `group`; false, and the session says why, when the socket refuses.
bool UdpSession::changeMembership(bool join, const QHostAddress &group,
                                  const QNetworkInterface &interface)
{
    const std::optional<MulticastMembership::Failure> failure
        = MulticastMembership::change(m_socket, join, group, interface);
    if (failure)
        reportError(failure->error, failure->message);
    return !failure;
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
    if (!changeMembership(true, group, interface))
        return false;
    const QString where = interface.isValid() ? interface.humanReadableName() : tr("default");
    notice(tr("Joined multicast group %1 on the %2 interface: datagrams sent to %3 now arrive "
              "here.")
               .arg(group.toString(), where, Endpoint::format(group, m_socket.localPort())));
    return true;
}

bool UdpSession::leaveMulticastGroup(const QHostAddress &group, const QNetworkInterface &interface)
{
    if (!isBound())
        return false;
    if (!changeMembership(false, group, interface))
        return false;
    notice(tr("Left multicast group %1.").arg(group.toString()));
    return true;
}
