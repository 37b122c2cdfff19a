#pragma once

#include "net/connectattempt.h"
#include "net/endpoint.h"
#include "net/hostlookup.h"
#include "net/session.h"
#include "net/sockethint.h"
#include "net/tcpconnection.h"
#include "text/streamframer.h"

#include <QHostAddress>
#include <QTimer>

// A TCP client: look the host up, connect to the first of its addresses that answers, send and
// receive, close gracefully or abort.
//
// Each step of the connection's life is a state with its duration, so a student can see where
// the time goes: LookingUp → Connecting → Connected → Closing → Closed. Name lookup and
// connecting never block, and a connect that gets no answer ends after connectTimeout().
class TcpClientSession final : public Session
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TcpClientSession)

public:
    static constexpr int DefaultConnectTimeoutMs = 5000;
    static constexpr int MinConnectTimeoutMs = 100;
    static constexpr int MaxConnectTimeoutMs = 600'000;

    explicit TcpClientSession(QObject *parent = nullptr);
    ~TcpClientSession() override;

    bool isConnected() const { return state() == State::Connected; }
    // The open connection while Connected or Closing; null otherwise.
    TcpConnection *connection() const { return m_connection; }
    QString host() const { return m_host; }
    quint16 port() const { return m_port; }
    Endpoint localEndpoint() const override;
    Endpoint peerEndpoint() const override;

    int connectTimeout() const { return m_timeout.interval(); }
    void setConnectTimeout(int milliseconds) { m_timeout.setInterval(milliseconds); }
    const StreamFramer &framer() const { return m_framer; }
    void setFramer(const StreamFramer &framer);

    // `localPort` 0 lets the system choose the client's port.
    void connectToHost(const QString &host, quint16 port, quint16 localPort = 0);
    // What connectToHost() does once `name` is resolved: try each address in order.
    void connectToAddresses(const QString &name, const QList<QHostAddress> &addresses,
                            quint16 port, quint16 localPort = 0);
    // Closes gracefully once what was queued is written, a file being sent included.
    void disconnectFromHost();
    void abort();
    void shutDown() override { disconnectFromHost(); }
    bool send(const QByteArray &payload);
    // Streams the bytes of a file, in pieces (FileSender); fileProgressed() and fileEnded()
    // follow.
    bool sendFile(const QString &path);
    void setThrottled(bool throttled) override;
    // Pause reading (TcpConnection::setReadingPaused()): for the open connection only; the
    // next one reads.
    void setReadingPaused(bool paused);
    bool isReadingPaused() const;

Q_SIGNALS:
    // Its facts come as this session's; this is for whoever wants the connection itself.
    void connectionOpened(TcpConnection *connection);
    // What the socket has written of what send() queued (TcpConnection::writeProgress()).
    void writeProgress(qint64 written, qint64 inFlight);

protected:
    QList<TcpConnection *> connections() const override;

private:
    bool begin(const QString &host, quint16 port, quint16 localPort);
    void startConnecting();
    void hostFound(const QList<QHostAddress> &addresses, qint64 elapsedMs);
    void tryNextAddress();
    void attemptConnected();
    void attemptFailed(int error, NativeSocket::Call call);
    void timedOut();
    void connectionClosed(TcpConnection::Ending ending);
    // An attempt to connect (`operation`: its look-up, its local bind or the connect) failed.
    void fail(QAbstractSocket::SocketError error, const QString &message,
              SocketHint::Operation operation);
    QString briefTarget() const;
    void dropAttempt();
    QString targetText() const;
    QString refusalHint() const;

    QString m_host;
    quint16 m_port = 0;
    quint16 m_localPort = 0;
    QList<QHostAddress> m_addresses;
    qsizetype m_nextAddress = 0;
    QList<QHostAddress> m_refused;
    HostLookup m_lookup;
    ConnectAttempt *m_attempt = nullptr;
    bool m_failedAtOnce = false; // m_attempt's connect() failed before sending a SYN
    TcpConnection *m_connection = nullptr;
    int m_connectionCount = 0;
    StreamFramer m_framer;
    QTimer m_timeout;
};
