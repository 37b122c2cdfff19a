#pragma once

#include "autoreply.h"
#include "endpoint.h"
#include "udpreader.h"

#include <QHostAddress>
#include <QHostInfo>
#include <QNetworkDatagram>
#include <QNetworkInterface>
#include <QObject>
#include <QTimer>
#include <QUdpSocket>

#include <deque>
#include <memory>

// A UDP endpoint: bind, receive every datagram, send to any host, answer automatically.
//
// Like a socket in a tutorial: bind() is `bind`, received() is each `recvfrom`, send() is
// `sendto`. Sending before bind() binds a system-chosen port first and keeps receiving on it,
// so the answer of a UDP server shows up. Host names are resolved without blocking, and
// datagrams leave in the order they were sent.
//
// Datagrams are read on a thread of their own (UdpReader), so that a flood is not lost while
// the window is busy; received() still comes on this object's thread, in arrival order, with
// the time each one was read.
class UdpSession final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UdpSession)

public:
    enum class State { Unbound, Bound };
    Q_ENUM(State)

    // 65,535 minus the IP and UDP headers.
    static constexpr qsizetype MaxIPv4Payload = 65'507;
    static constexpr qsizetype MaxIPv6Payload = 65'527;
    static qsizetype maxPayload(const QHostAddress &destination)
    {
        return destination.protocol() == QAbstractSocket::IPv6Protocol ? MaxIPv6Payload
                                                                        : MaxIPv4Payload;
    }
    // Large enough for a burst of tens of thousands of small datagrams between two wake-ups.
    static constexpr int ReceiveBufferBytes = 8 << 20;
    // Datagrams handed out as received() before the event loop gets its turn.
    static constexpr int ReadBudget = 1000;

    explicit UdpSession(QObject *parent = nullptr);
    ~UdpSession() override;

    State state() const { return m_state; }
    bool isBound() const { return m_state == State::Bound; }
    Endpoint localEndpoint() const;

    bool bind(const QHostAddress &address, quint16 port);
    // Binds to an address literal at once, or to the first address of a host name once it is
    // resolved in the background.
    void bind(const QString &host, quint16 port);
    void close();

    // Sends to a host name or address literal; resolution, if needed, happens in the background.
    void send(const QByteArray &payload, const QString &host, quint16 port);
    void sendTo(const QByteArray &payload, const Endpoint &destination);
    bool replyToLastSender(const QByteArray &payload);
    Endpoint lastSender() const { return m_lastSender; }

    AutoReply autoReply() const { return m_autoReply; }
    void setAutoReply(AutoReply mode) { m_autoReply = mode; }

    bool joinMulticastGroup(const QHostAddress &group, const QNetworkInterface &interface = {});
    bool leaveMulticastGroup(const QHostAddress &group, const QNetworkInterface &interface = {});

Q_SIGNALS:
    void stateChanged(UdpSession::State state);
    // The datagram's destination is the local address and port it arrived on. `time` (UTC) is
    // when it was read from the socket, which may be a little before this signal comes during
    // a flood.
    void received(const QNetworkDatagram &datagram, const QDateTime &time);
    void sent(const QNetworkDatagram &datagram);
    void errorOccurred(QAbstractSocket::SocketError error, const QString &message);
    // Something worth telling in plain words that is neither traffic nor an error.
    void noticed(const QString &message);

private:
    struct Reader
    {
        std::unique_ptr<UdpReader> thread;
        Endpoint local; // where its datagrams arrived
    };

    struct PendingSend
    {
        QByteArray payload;
        QString host;
        quint16 port = 0;
    };

    bool bindSocket(const QHostAddress &address, quint16 port);
    void setState(State state);
    void startReading();
    qsizetype stopReading();
    void takeReceived();
    int deliver(const UdpReader::Batch &batch, const Reader &reader);
    void answer(const QNetworkDatagram &datagram);
    bool ensureBound();
    void resolvePending();
    void hostLookedUp(const QHostInfo &info);
    void bindHostLookedUp(const QHostInfo &info, quint16 port);
    QHostAddress pickAddress(const QList<QHostAddress> &addresses) const;
    void enqueue(QNetworkDatagram datagram);
    void writeQueued();
    void reportError(QAbstractSocket::SocketError error, const QString &message);

    QUdpSocket m_socket; // binds, sends and closes; a UdpReader reads
    // While bound, the last one reads the socket; readers stopped by a close come before it
    // until what they read is handed out.
    std::deque<Reader> m_readers;
    State m_state = State::Unbound;
    AutoReply m_autoReply = AutoReply::None;
    Endpoint m_lastSender;

    std::deque<PendingSend> m_unresolved; // waiting for a host lookup, in send order
    int m_lookupId = -1;
    int m_bindLookupId = -1;
    QString m_resolvedHost;
    QHostAddress m_resolvedAddress;

    std::deque<QNetworkDatagram> m_outbox; // waiting for room in the socket's send buffer
    QTimer m_retryTimer;
};
