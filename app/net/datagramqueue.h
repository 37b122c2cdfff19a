#pragma once

#include "net/autoreply.h"
#include "net/endpoint.h"
#include "net/hostlookup.h"

#include <QAbstractSocket>
#include <QNetworkDatagram>
#include <QObject>
#include <QTimer>

#include <deque>
#include <functional>

class QUdpSocket;

// The datagrams a UDP socket has been asked to send and has not sent yet, in the order they
// were asked for: some wait for a host name to be looked up, some for room in the socket's send
// buffer. A datagram to a name waits behind the lookup, and so does every datagram after it,
// so that nothing overtakes. The last name found is remembered, so a Repeat to "localhost"
// looks it up once.
class DatagramQueue final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DatagramQueue)

public:
    // 65,535 minus the IP and UDP headers.
    static constexpr qsizetype MaxIPv4Payload = 65'507;
    static constexpr qsizetype MaxIPv6Payload = 65'527;
    static qsizetype maxPayload(const QHostAddress &destination)
    {
        return destination.protocol() == QAbstractSocket::IPv6Protocol ? MaxIPv6Payload
                                                                        : MaxIPv4Payload;
    }

    // Binds the socket if it is not bound yet; false when it could not, after saying why.
    using Binder = std::function<bool()>;

    // Sends through `socket`; `bind` is asked before each datagram whose address is known, so
    // a send to a name that is not found binds nothing. Until then the socket counts as the
    // dual-stack one `bind` makes.
    DatagramQueue(QUdpSocket &socket, Binder bind, QObject *parent = nullptr);

    // To a host name or an address literal. False when nothing will be sent (too large, or the
    // socket refused it at once); true when it was sent or waits its turn.
    bool send(const QByteArray &payload, const QString &host, quint16 port);
    // `origin`: the auto-reply that sends it, told again when it is sent.
    bool sendTo(const QByteArray &payload, const Endpoint &destination,
                AutoReply origin = AutoReply::None);

    // Drops everything waiting; returns how many datagrams that was.
    qsizetype clear();

Q_SIGNALS:
    void sent(const QNetworkDatagram &datagram, AutoReply origin);
    // `systemError`: the errno of the write that failed, when there was one.
    void failed(QAbstractSocket::SocketError error, const QString &message, int systemError = 0);
    // A name was looked up: what it resolved to, and which address is used.
    void resolved(const QString &message);
    // What looking up `name` for a datagram to `port` found: its addresses, in the resolver's
    // order; none when it was not found. Before resolved() or failed().
    void lookedUp(const QString &name, quint16 port, const QList<QHostAddress> &addresses);

private:
    struct PendingSend
    {
        QByteArray payload;
        QString host;
        quint16 port = 0;
    };

    quint16 pendingPort() const;
    bool knowsAddressOf(const QString &host, QHostAddress *address) const;
    void resolvePending();
    void dropUnsendable();
    void hostFound(const QString &name, const QList<QHostAddress> &addresses);
    void hostNotFound(const QString &name, const QString &reason);
    QHostAddress pickAddress(const QList<QHostAddress> &addresses) const;
    struct Outgoing
    {
        QNetworkDatagram datagram;
        AutoReply origin = AutoReply::None;
    };

    bool enqueue(Outgoing outgoing);
    bool writeQueued();
    // `systemError`: the errno of the write, which Qt's error folds into "network error".
    void reportWriteError(const QNetworkDatagram &datagram, int systemError);

    QUdpSocket &m_socket;
    Binder m_bind;
    std::deque<PendingSend> m_unresolved; // behind a lookup, in send order
    HostLookup m_lookup;
    QString m_resolvedHost;
    QHostAddress m_resolvedAddress;
    std::deque<Outgoing> m_outbox; // waiting for room in the socket's send buffer
    QTimer m_retryTimer;
};
