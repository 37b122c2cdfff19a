#pragma once

#include "endpoint.h"
#include "streamframer.h"
#include "tcpconnection.h"

#include <QElapsedTimer>
#include <QHostAddress>
#include <QHostInfo>
#include <QObject>
#include <QTimer>

// A TCP client: look the host up, connect to the first of its addresses that answers, send and
// receive, close gracefully or abort.
//
// Each step of the connection's life is a state with its duration, so a student can see where
// the time goes: LookingUp → Connecting → Connected → Closing → Closed. Name lookup and
// connecting never block, and a connect that gets no answer ends after connectTimeout().
class TcpClientSession final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TcpClientSession)

public:
    enum class State { Closed, LookingUp, Connecting, Connected, Closing };
    Q_ENUM(State)

    static constexpr int DefaultConnectTimeoutMs = 5000;

    explicit TcpClientSession(QObject *parent = nullptr);
    ~TcpClientSession() override;

    State state() const { return m_state; }
    bool isConnected() const { return m_state == State::Connected; }
    // The open connection while Connected or Closing; null otherwise.
    TcpConnection *connection() const { return m_connection; }
    QString host() const { return m_host; }
    quint16 port() const { return m_port; }
    Endpoint localEndpoint() const;
    Endpoint peerEndpoint() const;

    int connectTimeout() const { return m_timeout.interval(); }
    void setConnectTimeout(int milliseconds) { m_timeout.setInterval(milliseconds); }
    const StreamFramer &framer() const { return m_framer; }
    void setFramer(const StreamFramer &framer);

    // `localPort` 0 lets the system choose the client's port.
    void connectToHost(const QString &host, quint16 port, quint16 localPort = 0);
    // What connectToHost() does once `name` is resolved: try each address in order.
    void connectToAddresses(const QString &name, const QList<QHostAddress> &addresses,
                            quint16 port, quint16 localPort = 0);
    void disconnectFromHost();
    void abort();
    bool send(const QByteArray &payload);

Q_SIGNALS:
    // `previousStateMs`: how long the state that just ended lasted.
    void stateChanged(TcpClientSession::State state, qint64 previousStateMs);
    void connectionOpened(TcpConnection *connection);
    void errorOccurred(QAbstractSocket::SocketError error, const QString &message);
    void noticed(const QString &message);

private:
    bool begin(const QString &host, quint16 port, quint16 localPort);
    void startConnecting();
    void setState(State state);
    void hostLookedUp(const QHostInfo &info);
    void tryNextAddress();
    void attemptConnected();
    void attemptFailed(QAbstractSocket::SocketError error);
    void timedOut();
    void connectionClosed(TcpConnection::Ending ending);
    void fail(QAbstractSocket::SocketError error, const QString &message);
    void dropAttempt();
    QString targetText() const;
    QString refusalHint() const;

    State m_state = State::Closed;
    QString m_host;
    quint16 m_port = 0;
    quint16 m_localPort = 0;
    QList<QHostAddress> m_addresses;
    qsizetype m_nextAddress = 0;
    QList<QHostAddress> m_refused;
    int m_lookupId = -1;
    QTcpSocket *m_attempt = nullptr;
    TcpConnection *m_connection = nullptr;
    int m_connectionCount = 0;
    StreamFramer m_framer;
    QTimer m_timeout;
    QElapsedTimer m_stateClock;
};
