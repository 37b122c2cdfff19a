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
