#include "net/tcpserversession.h"

#include "net/nativesocket.h"
#include "net/sockethint.h"

#include <netdb.h>

#include <unistd.h>

namespace {

// How long a server out of descriptors waits before it tries again, if no client of its own
// leaves first (another tab's may).
constexpr int AcceptRetryMs = 1000;

} // namespace

TcpServerSession::TcpServerSession(QObject *parent)
    : Session(Transport::Tcp, parent)
{
    // Qt stops accepting while this many accepted sockets wait for nextPendingConnection(); we
    // take each one at once, so this only has to be out of the way.
    m_server.setMaxPendingConnections(ListenBacklog);
    m_server.setListenBacklogSize(ListenBacklog);
    m_acceptRetry.setSingleShot(true);
    m_acceptRetry.setInterval(AcceptRetryMs);
    connect(&m_acceptRetry, &QTimer::timeout, this, &TcpServerSession::resumeAccepting);
    connect(
        &m_faults, &FaultInjector::faulted, this,
        [this](Fault fault, const QString &message, const Endpoint &peer, const QString &peerName) {
            Q_EMIT faulted(fault, message, localEndpoint(), peer, peerName);
        });
    connect(&m_lookup, &HostLookup::found, this,
            [this](const QString &name, const QList<QHostAddress> &addresses) {
                stateCall(OpeningCalls::lookup(name, m_lookupPort, true, addresses));
                listen(addresses.constFirst(), m_lookupPort);
            });
    connect(
        &m_lookup, &HostLookup::failed, this, [this](const QString &name, const QString &reason) {
            stateCall(OpeningCalls::lookup(name, m_lookupPort, true, {}, EAI_NONAME));
            const auto error = QAbstractSocket::HostNotFoundError;
            const auto operation = SocketHint::Operation::Resolve;
            reportFailure(error, SocketHint::explain(error, operation, name, m_lookupPort, reason),
                          SocketHint::brief(error, operation, name, m_lookupPort));
        });
}

TcpServerSession::~TcpServerSession() = default;

Endpoint TcpServerSession::localEndpoint() const
{
    if (!isListening())
        return {};
    return Endpoint { m_server.serverAddress(), m_server.serverPort() };
}

TcpConnection *TcpServerSession::client(int id) const
{
    for (TcpConnection *c : m_clients) {
        if (c->id() == id)
            return c;
    }
    return nullptr;
}

void TcpServerSession::setFramer(const StreamFramer &framer)
{
    m_framer = framer;
    for (TcpConnection *c : std::as_const(m_clients))
        c->setFramer(framer);
}

bool TcpServerSession::listen(const QHostAddress &address, quint16 port)
{
    stop();
    const QString target = Endpoint::format(address, port);
    // The system calls are ours (QTcpServer::listen() keeps few of their errnos); the socket
    // is the one QTcpServer would have made, handed to it.
    const NativeSocket::Result listening
        = NativeSocket::listeningTcp(address, port, m_server.listenBacklogSize());
    if (!listening.ok()) {
        stateCalls(
            OpeningCalls::tcpListen(address, port, m_server.listenBacklogSize(), listening, {}));
        const SocketHint::Operation operation = SocketHint::Operation::Listen;
        const QAbstractSocket::SocketError error
            = SocketHint::errorKind(listening.error, operation);
        reportFailure(error,
                      SocketHint::explainErrno(listening.error, operation, target, port, address),
                      SocketHint::brief(error, operation, target, port));
        return false;
    }
    if (!m_server.setSocketDescriptor(listening.descriptor)) {
        ::close(listening.descriptor);
        const QAbstractSocket::SocketError error = m_server.serverError();
        const SocketHint::Operation operation = SocketHint::Operation::Listen;
        reportFailure(
            error,
            SocketHint::explain(error, operation, target, port, m_server.errorString(), address),
            SocketHint::brief(error, operation, target, port));
        return false;
    }
    // Qt would accept too, but it retries accept() in a busy loop when the process is out of
    // descriptors, without a word; the session accepts itself, and pauses instead.
    m_server.pauseAccepting();
    m_acceptNotifier
        = new QSocketNotifier(m_server.socketDescriptor(), QSocketNotifier::Read, this);
    connect(m_acceptNotifier, &QSocketNotifier::activated, this, &TcpServerSession::acceptWaiting);
    m_nextId = 1;
    m_acceptPaused = m_acceptFailing = false;
    setState(State::Listening);
    stateCalls(OpeningCalls::tcpListen(address, port, m_server.listenBacklogSize(), listening,
                                       localEndpoint()));
    const QString where = localEndpoint().inWords();
    notice(tr("Listening on %1. Waiting for clients to connect (up to %2 at once).")
               .arg(where, QString::number(m_maxClients))
           + SocketHint::loopbackOnly(localEndpoint().address));
    return true;
}

void TcpServerSession::listen(const QString &host, quint16 port)
{
    QHostAddress address(QHostAddress::Any);
    if (host.trimmed().isEmpty() || address.setAddress(host.trimmed())) {
        listen(address, port);
        return;
    }
    m_lookupPort = port;
    m_lookup.lookUp(host.trimmed());
}

void TcpServerSession::stop()
{
    if (!isListening())
        return;
    const QString local = localEndpoint().inWords();
    const qsizetype count = m_clients.size();
    // Off before the descriptor it watches is closed; deleted later, since a slot of its own
    // signal may be what stops the server.
    m_acceptNotifier->setEnabled(false);
    m_acceptNotifier->deleteLater();
    m_acceptNotifier = nullptr;
    m_acceptRetry.stop();
    m_faults.clear(); // says what it drops, while the session still has its address
    stateCall(QStringLiteral("s.close()"),
              tr("the listening socket closes; connections accepted from it stay open"));
    m_server.close();
    setState(State::Closed);
    notice(count == 0 ? tr("Stopped listening on %1; the port is free again.").arg(local)
                      : tr("Stopped listening on %1; closing the %2 connected clients.")
                            .arg(local, QString::number(count)));
    disconnectAll();
}

// In a chat room, the newcomer learns who is there, and everyone else who came.
void TcpServerSession::welcome(TcpConnection *client)
{
    QStringList others;
    for (const TcpConnection *c : std::as_const(m_clients)) {
        if (c != client)
            others << c->name();
    }
    const QString greeting = others.isEmpty()
        ? QStringLiteral("<announce> You are %1. Nobody else is here yet.\n").arg(client->name())
        : QStringLiteral("<announce> You are %1. Also here: %2.\n")
              .arg(client->name(), others.join(u", "));
    fanOut(greeting.toUtf8(), {}, {}, { client });
    fanOut(QStringLiteral("<announce> %1 joined from %2.\n")
               .arg(client->name(), client->peerEndpoint().toString())
               .toUtf8(),
           {}, {}, clientsBut(client));
}

void TcpServerSession::connectionRead(TcpConnection *connection, const QByteArray &data,
                                      bool framed)
{
    // With a framing, the server answers each complete message; without, each read.
    if (framed || !connection->framer().isFraming())
        answerWithFaults(connection, data);
}

void TcpServerSession::clientClosed(TcpConnection *client)
{
    m_clients.removeOne(client);
    Q_EMIT clientDisconnected(client);
    client->deleteLater();
    if (m_autoReply == AutoReply::Relay && m_announces)
        fanOut(QStringLiteral("<announce> %1 left.\n").arg(client->name()).toUtf8(), {}, {},
               m_clients);
    resumeAccepting(); // a descriptor is free again
}

void TcpServerSession::answer(TcpConnection *client, const QByteArray &data)
{
    if (m_autoReply == AutoReply::None)
        return;
    if (m_autoReply == AutoReply::Relay) {
        relay(data, client->peerEndpoint(), client->name(), client);
    } else if (const std::optional<QByteArray> reply
               = AutoReplies::replyTo(m_autoReply, data, QDateTime::currentDateTime())) {
        if (!client->send(*reply, m_autoReply))
            reportError(QAbstractSocket::RemoteHostClosedError,
                        SocketHint::replyAfterEnd(client->peerEndpoint().toString(client->name())),
                        client->peerEndpoint());
    }
}

// The chat room passes on what `fromName` (at `from`) sent, to every client but `sender`, which
// may be null: a message relayed late (a delay on purpose) outlives a sender that left.
void TcpServerSession::relay(const QByteArray &data, const Endpoint &from, const QString &fromName,
                             const TcpConnection *sender)
{
    fanOut(m_relayNames ? '<' + fromName.toUtf8() + "> " + data : data, from, fromName,
           clientsBut(sender));
}

// What the chat room sends, to each of `targets` (each write a sent() fact marked Relay),
// then as one relayed() fact, so that the log shows one message where the wire has many.
// `from`, `fromName`: the client whose message it is, none for the room's own announcement.
void TcpServerSession::fanOut(const QByteArray &payload, const Endpoint &from,
                              const QString &fromName, const QList<TcpConnection *> &targets)
{
    QStringList reached;
    for (TcpConnection *c : targets) {
        if (c->send(payload, AutoReply::Relay))
            reached << c->peerEndpoint().toString(c->name());
    }
    if (reached.isEmpty())
        return;
    Q_EMIT relayed(payload, localEndpoint(), from, fromName, reached,
                   QDateTime::currentDateTimeUtc());
}

QList<TcpConnection *> TcpServerSession::clientsBut(const TcpConnection *except) const
{
    QList<TcpConnection *> others = m_clients;
    others.removeOne(except);
    return others;
}

// The open clients among `clientIds`; none, after saying why nothing will be sent.
QList<TcpConnection *> TcpServerSession::recipients(const QList<int> &clientIds, bool hasBytes)
{
    if (!hasBytes) {
        notice(tr("Nothing was sent: an empty message puts no bytes on a TCP stream."));
        return {};
    }
    if (clientIds.isEmpty()) {
        reportError(QAbstractSocket::OperationError,
                    m_clients.isEmpty() ? tr("Nothing was sent: no client is connected yet.")
                                        : tr("Nothing was sent: no client is selected. Select "
                                             "clients in the list, or send to all."));
        return {};
    }
    QList<TcpConnection *> open;
    for (int id : clientIds) {
        if (TcpConnection *c = client(id); c && c->isWritable())
            open << c;
    }
    if (open.isEmpty()) {
        reportError(QAbstractSocket::OperationError,
                    tr("Nothing was sent: the clients it was for are closing or gone."));
    }
    return open;
}

bool TcpServerSession::send(const QByteArray &payload, const QList<int> &clientIds)
{
    bool queued = false;
    for (TcpConnection *c : recipients(clientIds, !payload.isEmpty()))
        queued = c->send(payload) || queued;
    return queued;
}

bool TcpServerSession::sendFile(const QString &path, const QList<int> &clientIds)
{
    const QList<TcpConnection *> targets = recipients(clientIds, true);
    return !targets.isEmpty() && startFile(path, targets);
}

bool TcpServerSession::sendToAll(const QByteArray &payload)
{
    QList<int> ids;
    for (const TcpConnection *c : std::as_const(m_clients))
        ids << c->id();
    return send(payload, ids);
}

void TcpServerSession::setThrottled(bool throttled)
{
    Session::setThrottled(throttled);
    for (TcpConnection *c : std::as_const(m_clients))
        c->setThrottled(throttled);
}

void TcpServerSession::setReadingPaused(const QList<int> &clientIds, bool paused)
{
    for (int id : clientIds) {
        if (TcpConnection *c = client(id))
            c->setReadingPaused(paused);
    }
}

void TcpServerSession::disconnectClients(const QList<int> &clientIds)
{
    for (int id : clientIds) {
        if (TcpConnection *c = client(id))
            disconnectWhenSent(c);
    }
}

void TcpServerSession::disconnectAll()
{
    // Closing may remove clients from the list; work on a copy.
    const QList<TcpConnection *> clients = m_clients;
    for (TcpConnection *c : clients)
        disconnectWhenSent(c);
}

void TcpServerSession::shutDown()
{
    if (isListening())
        stop();
    else
        disconnectAll();
}
