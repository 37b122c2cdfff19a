#include "sessionlog.h"

#include "logmodel.h"
#include "recorder.h"
#include "tcpclientsession.h"
#include "tcpserversession.h"
#include "udpsession.h"

#include <QLocale>
#include <QLoggingCategory>

// Off by default. QT_LOGGING_RULES="sockscope.stats.info=true" prints each session's totals
// when it ends; the benchmark (bench/run.py) compares them with what it sent.
Q_LOGGING_CATEGORY(lcStats, "sockscope.stats", QtWarningMsg)

SessionLog::SessionLog(const QString &sessionName, Transport transport, QObject *parent)
    : QObject(parent)
    , m_sessionName(sessionName)
    , m_transport(transport)
    , m_model(new LogModel(this))
{
}

SessionLog::~SessionLog()
{
    const quint64 logged = quint64(m_model->rowCount()) + quint64(m_model->pendingCount())
            + m_model->evictedCount();
    qCInfo(lcStats, "%s: received %llu messages (%llu bytes), sent %llu (%llu bytes), errors %llu;"
                    " %llu log rows, of which %llu left the view",
           qUtf8Printable(m_sessionName), m_counters.receivedMessages, m_counters.receivedBytes,
           m_counters.sentMessages, m_counters.sentBytes, m_counters.errors, logged,
           m_model->evictedCount());
}

void SessionLog::attach(UdpSession *session)
{
    connect(session, &UdpSession::received, this,
            [this](const QNetworkDatagram &datagram, const QDateTime &time) {
                addTraffic(Direction::Received,
                           Endpoint { datagram.destinationAddress(),
                                      quint16(datagram.destinationPort()) },
                           Endpoint { datagram.senderAddress(), quint16(datagram.senderPort()) },
                           datagram.data(), time);
            });
    connect(session, &UdpSession::sent, this, [this, session](const QNetworkDatagram &datagram) {
        addTraffic(Direction::Sent, session->localEndpoint(),
                   Endpoint { datagram.destinationAddress(), quint16(datagram.destinationPort()) },
                   datagram.data());
    });
    connect(session, &UdpSession::noticed, this, [this, session](const QString &message) {
        addEvent(Direction::Info, message, session->localEndpoint());
    });
    connect(session, &UdpSession::errorOccurred, this,
            [this, session](QAbstractSocket::SocketError, const QString &message) {
                addEvent(Direction::Error, message, session->localEndpoint());
            });
}

void SessionLog::attach(TcpClientSession *session)
{
    connect(session, &TcpClientSession::noticed, this, [this, session](const QString &message) {
        addEvent(Direction::Info, message, session->localEndpoint(), session->peerEndpoint());
    });
    connect(session, &TcpClientSession::errorOccurred, this,
            [this, session](QAbstractSocket::SocketError, const QString &message) {
                addEvent(Direction::Error, message, session->localEndpoint(),
                         session->peerEndpoint());
            });
    connect(session, &TcpClientSession::connectionOpened, this,
            [this](TcpConnection *connection) {
                attachConnection(connection, connection->localEndpoint());
            });
}

void SessionLog::attach(TcpServerSession *session)
{
    connect(session, &TcpServerSession::noticed, this,
            [this, session](const QString &message, const Endpoint &peer) {
                addEvent(Direction::Info, message, session->localEndpoint(), peer);
            });
    connect(session, &TcpServerSession::errorOccurred, this,
            [this, session](QAbstractSocket::SocketError, const QString &message) {
                addEvent(Direction::Error, message, session->localEndpoint());
            });
    connect(session, &TcpServerSession::clientConnected, this,
            [this, session](TcpConnection *client) {
                attachConnection(client, session->localEndpoint());
            });
}

// Every row about one connection names its peer; `local` is what the session calls its own
// end: the client's socket, or the server's listening address.
void SessionLog::attachConnection(TcpConnection *connection, const Endpoint &local)
{
    const Endpoint peer = connection->peerEndpoint();
    connect(connection, &TcpConnection::received, this, [this, local, peer](const QByteArray &chunk) {
        addTraffic(Direction::Received, local, peer, chunk);
    });
    connect(connection, &TcpConnection::sent, this, [this, local, peer](const QByteArray &payload) {
        addTraffic(Direction::Sent, local, peer, payload);
    });
    connect(connection, &TcpConnection::framed, this,
            [this, local, peer](const QByteArray &message) {
                addFramedMessage(local, peer, message);
            });
    connect(connection, &TcpConnection::noticed, this, [this, local, peer](const QString &message) {
        addEvent(Direction::Info, message, local, peer);
    });
    connect(connection, &TcpConnection::closed, this,
            [this, local, peer](TcpConnection::Ending ending, const QString &message) {
                const bool failed = ending == TcpConnection::Ending::ResetByPeer
                        || ending == TcpConnection::Ending::Failed;
                addEvent(failed ? Direction::Error : Direction::Info, message, local, peer);
            });
}

void SessionLog::addFramedMessage(const Endpoint &local, const Endpoint &peer,
                                  const QByteArray &message)
{
    add(LogEntry { QDateTime::currentDateTimeUtc(), m_sessionName, m_transport, Direction::Info,
                   local, peer, message,
                   tr("Complete message, %1 bytes:").arg(QLocale().toString(message.size())) });
}

void SessionLog::addTraffic(Direction direction, const Endpoint &local, const Endpoint &peer,
                            const QByteArray &payload, const QDateTime &time)
{
    if (direction == Direction::Received) {
        ++m_counters.receivedMessages;
        m_counters.receivedBytes += quint64(payload.size());
    } else {
        ++m_counters.sentMessages;
        m_counters.sentBytes += quint64(payload.size());
    }
    // A flood mostly comes from one peer: its rows share one address instead of a copy each.
    if (peer != m_lastPeer)
        m_lastPeer = peer;
    add(LogEntry { time, m_sessionName, m_transport, direction, local, m_lastPeer, payload, {} });
}

void SessionLog::addEvent(Direction direction, const QString &message, const Endpoint &local,
                          const Endpoint &peer)
{
    if (direction == Direction::Error)
        ++m_counters.errors;
    add(LogEntry { QDateTime::currentDateTimeUtc(), m_sessionName, m_transport, direction, local, peer,
                   {}, message });
}

void SessionLog::add(LogEntry entry)
{
    if (m_recorder)
        m_recorder->record(entry);
    m_model->append(std::move(entry));
}
