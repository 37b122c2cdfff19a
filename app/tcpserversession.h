#pragma once

#include "autoreply.h"
#include "endpoint.h"
#include "streamframer.h"
#include "tcpconnection.h"

#include <QHostInfo>
#include <QList>
#include <QObject>
#include <QTcpServer>

// A TCP server: listen, accept every client, keep a list of them, send to some or all,
// disconnect them, and answer by itself (echo, timestamp, or relay as a chat room).
//
// Like `listen(); while (true) accept();` in a tutorial, but asynchronous: every connection
// waiting in the kernel's accept queue is taken at each wake-up, with a large backlog so that a
// thousand clients connecting at once are neither reset nor left waiting for a SYN retry.
// Clients are TcpConnection children of the session, numbered user1, user2, … per listen().
class TcpServerSession final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TcpServerSession)

public:
    enum class State { Stopped, Listening };
    Q_ENUM(State)

    static constexpr int DefaultMaxClients = 100; // like `ncat -m`
    // The kernel caps it at net.core.somaxconn (4096 on current Linux).
    static constexpr int ListenBacklog = 4096;

    explicit TcpServerSession(QObject *parent = nullptr);
    ~TcpServerSession() override;

    State state() const { return m_state; }
    bool isListening() const { return m_state == State::Listening; }
    Endpoint localEndpoint() const;

    const QList<TcpConnection *> &clients() const { return m_clients; }
    TcpConnection *client(int id) const;

    int maxClients() const { return m_maxClients; }
    void setMaxClients(int maxClients) { m_maxClients = std::max(1, maxClients); }
    AutoReply autoReply() const { return m_autoReply; }
    void setAutoReply(AutoReply mode) { m_autoReply = mode; }
    // Relay only: prefix relayed data with "<user3> ", and tell everyone who joins and leaves.
    bool relayNames() const { return m_relayNames; }
    void setRelayNames(bool on) { m_relayNames = on; }
    bool announces() const { return m_announces; }
    void setAnnounces(bool on) { m_announces = on; }
    const StreamFramer &framer() const { return m_framer; }
    void setFramer(const StreamFramer &framer);

    // QHostAddress::Any listens on every address, IPv4 and IPv6 together.
    bool listen(const QHostAddress &address, quint16 port);
    // An address literal at once; a host name once it is resolved. Empty: every address.
    void listen(const QString &host, quint16 port);
    void stop();

    // Return how many clients the payload was queued for.
    int send(const QByteArray &payload, const QList<int> &clientIds);
    int sendToAll(const QByteArray &payload);
    void disconnectClients(const QList<int> &clientIds);
    void disconnectAll();

Q_SIGNALS:
    void stateChanged(TcpServerSession::State state);
    void clientConnected(TcpConnection *client);
    // Emitted once the client's connection has ended; it is deleted later.
    void clientDisconnected(TcpConnection *client);
    void errorOccurred(QAbstractSocket::SocketError error, const QString &message);
    // `peer` is the client the message is about, if any.
    void noticed(const QString &message, const Endpoint &peer);

private:
    void acceptPending();
    void accept(QTcpSocket *socket);
    void acceptFailed(QAbstractSocket::SocketError error);
    void clientClosed(TcpConnection *client);
    void answer(TcpConnection *client, const QByteArray &data);
    void relay(TcpConnection *from, const QByteArray &data);
    void announce(const QByteArray &text, const TcpConnection *except);
    void hostLookedUp(const QHostInfo &info, quint16 port);
    void setState(State state);

    QTcpServer m_server;
    State m_state = State::Stopped;
    QList<TcpConnection *> m_clients; // in the order they connected
    int m_nextId = 1;
    int m_maxClients = DefaultMaxClients;
    AutoReply m_autoReply = AutoReply::None;
    bool m_relayNames = true;
    bool m_announces = true;
    bool m_acceptPaused = false;
    StreamFramer m_framer;
    int m_lookupId = -1;
};
