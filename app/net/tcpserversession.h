#pragma once

#include "net/autoreply.h"
#include "net/endpoint.h"
#include "net/faultinjector.h"
#include "net/hostlookup.h"
#include "net/session.h"
#include "net/tcpconnection.h"
#include "text/streamframer.h"

#include <QList>
#include <QSocketNotifier>
#include <QTcpServer>
#include <QTimer>

// A TCP server: listen, accept every client, keep a list of them, send to some or all,
// disconnect them, and answer by itself (echo, timestamp, or relay as a chat room).
//
// Like `listen(); while (true) accept();` in a tutorial, but asynchronous: every connection
// waiting in the kernel's accept queue is taken at each wake-up, with a large backlog so that a
// thousand clients connecting at once are neither reset nor left waiting for a SYN retry.
// Clients are TcpConnection children of the session, numbered user1, user2, … per listen().
class TcpServerSession final : public Session
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TcpServerSession)

public:
    static constexpr int DefaultMaxClients = 100; // like `ncat -m`
    // The kernel caps it at net.core.somaxconn (4096 on current Linux).
    static constexpr int ListenBacklog = 4096;

    explicit TcpServerSession(QObject *parent = nullptr);
    ~TcpServerSession() override;

    bool isListening() const { return state() == State::Listening; }
    Endpoint localEndpoint() const override;

    const QList<TcpConnection *> &clients() const { return m_clients; }
    TcpConnection *client(int id) const;

    int maxClients() const { return m_maxClients; }
    void setMaxClients(int maxClients) { m_maxClients = std::max(1, maxClients); }
    AutoReply autoReply() const { return m_autoReply; }
    void setAutoReply(AutoReply mode)
    {
        m_autoReply = mode;
        m_faults.sayNothingToActOnAgain();
    }
    // Relay only: prefix relayed data with "<user3> ", and tell everyone who joins and leaves.
    bool relayNames() const { return m_relayNames; }
    void setRelayNames(bool on) { m_relayNames = on; }
    bool announces() const { return m_announces; }
    void setAnnounces(bool on) { m_announces = on; }
    const StreamFramer &framer() const { return m_framer; }
    void setFramer(const StreamFramer &framer);

    // Faults on purpose (FaultInjector) for the auto-reply: drop means a message (a read, or
    // a framed message) is not answered; delay holds the answer back. Duplicate and reorder
    // do not exist on a stream, which delivers every byte once and in order: setFaults()
    // leaves them out, and says so. Never applied to what the user sends.
    const FaultSpec &faults() const { return m_faults.spec(); }
    void setFaults(const FaultSpec &spec);
    void setFaultSeed(quint32 seed) { m_faults.setSeed(seed); }

    // QHostAddress::Any listens on every address, IPv4 and IPv6 together.
    bool listen(const QHostAddress &address, quint16 port);
    // An address literal at once; a host name once it is resolved. Empty: every address.
    void listen(const QString &host, quint16 port);
    void stop();

    // True when the payload was queued for at least one of the clients.
    bool send(const QByteArray &payload, const QList<int> &clientIds);
    bool sendToAll(const QByteArray &payload);
    // Streams the bytes of a file to those clients, in pieces, at the pace of the slowest.
    bool sendFile(const QString &path, const QList<int> &clientIds);
    void setThrottled(bool throttled) override;
    // Pause reading from those clients, or resume it (TcpConnection::setReadingPaused()).
    void setReadingPaused(const QList<int> &clientIds, bool paused);
    // Close clients gracefully (FIN) once what was queued for them is written, a file being
    // sent included (cutOffSending() ends them sooner).
    void disconnectClients(const QList<int> &clientIds);
    void disconnectAll();
    // Stops listening, and closes every client as disconnectAll() does.
    void shutDown() override;

Q_SIGNALS:
    // Its facts come as this session's; this is for whoever lists the clients.
    void clientConnected(TcpConnection *client);
    // Emitted once the client's connection has ended; it is deleted later.
    void clientDisconnected(TcpConnection *client);

protected:
    void connectionRead(TcpConnection *connection, const QByteArray &data, bool framed) override;
    QList<TcpConnection *> connections() const override { return m_clients; }
    QString connectionVariable() const override { return QStringLiteral("conn"); }

private:
    void acceptWaiting();
    void pauseAccepting(int error);
    void resumeAccepting();
    void accept(QTcpSocket *socket);
    void handleClosesFirst();
    void turnAway(QTcpSocket *socket);
    void welcome(TcpConnection *client);
    void clientClosed(TcpConnection *client);
    void answer(TcpConnection *client, const QByteArray &data);
    void answerWithFaults(TcpConnection *client, const QByteArray &data);
    void relay(const QByteArray &data, const Endpoint &from, const QString &fromName,
               const TcpConnection *sender);
    void fanOut(const QByteArray &payload, const Endpoint &from, const QString &fromName,
                const QList<TcpConnection *> &targets);
    QList<TcpConnection *> clientsBut(const TcpConnection *except) const;
    QList<TcpConnection *> recipients(const QList<int> &clientIds, bool hasBytes);

    QTcpServer m_server; // binds and listens; the session accepts (acceptWaiting())
    QSocketNotifier *m_acceptNotifier = nullptr; // a child, while listening
    QTimer m_acceptRetry; // while paused: another try, whoever frees a descriptor
    QList<TcpConnection *> m_clients; // in the order they connected
    int m_nextId = 1;
    int m_maxClients = DefaultMaxClients;
    AutoReply m_autoReply = AutoReply::None;
    bool m_relayNames = true;
    bool m_announces = true;
    bool m_acceptPaused = false;
    bool m_acceptFailing = false; // since accept() failed for good, until nobody waits any more
    bool m_sweepMayFree = true; // handleClosesFirst() may find closed clients in this wake-up
    StreamFramer m_framer;
    FaultInjector m_faults;
    HostLookup m_lookup;
    quint16 m_lookupPort = 0; // for the name m_lookup looks up
};
