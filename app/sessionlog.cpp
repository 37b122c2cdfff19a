#include "sessionlog.h"

#include "logmodel.h"
#include "recorder.h"
#include "udpsession.h"

SessionLog::SessionLog(const QString &sessionName, Transport transport, QObject *parent)
    : QObject(parent)
    , m_sessionName(sessionName)
    , m_transport(transport)
    , m_model(new LogModel(this))
{
}

SessionLog::~SessionLog() = default;

void SessionLog::attach(UdpSession *session)
{
    connect(session, &UdpSession::received, this,
            [this, session](const QNetworkDatagram &datagram) {
                addTraffic(Direction::Received, session->localEndpoint(),
                           Endpoint { datagram.senderAddress(), quint16(datagram.senderPort()) },
                           datagram.data());
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

void SessionLog::addTraffic(Direction direction, const Endpoint &local, const Endpoint &peer,
                            const QByteArray &payload)
{
    if (direction == Direction::Received) {
        ++m_counters.receivedMessages;
        m_counters.receivedBytes += quint64(payload.size());
    } else {
        ++m_counters.sentMessages;
        m_counters.sentBytes += quint64(payload.size());
    }
    add(LogEntry { QDateTime::currentDateTime(), m_sessionName, m_transport, direction, local, peer,
                   payload, {} });
}

void SessionLog::addEvent(Direction direction, const QString &message, const Endpoint &local,
                          const Endpoint &peer)
{
    if (direction == Direction::Error)
        ++m_counters.errors;
    add(LogEntry { QDateTime::currentDateTime(), m_sessionName, m_transport, direction, local, peer,
                   {}, message });
}

void SessionLog::add(LogEntry entry)
{
    if (m_recorder)
        m_recorder->record(entry);
    m_model->append(std::move(entry));
}
