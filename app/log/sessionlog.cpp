#include "log/sessionlog.h"

#include "log/logmodel.h"
#include "log/recorder.h"
#include "net/session.h"
#include "text/framingtext.h"

#include <QLocale>
#include <QLoggingCategory>

#include <algorithm>
#include <climits>

// Off by default. QT_LOGGING_RULES="sockscope.stats.info=true" prints each session's totals
// when it ends; the benchmark (bench/run.py) compares them with what it sent.
Q_LOGGING_CATEGORY(lcStats, "sockscope.stats", QtWarningMsg)

SessionLog::SessionLog(const QString &sessionName, Transport transport, QObject *parent)
    : QObject(parent)
    , m_sessionName(sessionName)
    , m_transport(transport)
    , m_model(new LogModel(this))
{ }

SessionLog::~SessionLog()
{
    const quint64 logged
        = quint64(m_model->rowCount()) + quint64(m_model->pendingCount()) + m_model->evictedCount();
    qCInfo(lcStats,
           "%s: received %llu messages (%llu bytes), sent %llu (%llu bytes), errors %llu;"
           " %llu log rows, of which %llu left the view",
           qUtf8Printable(m_sessionName), m_counters.receivedMessages, m_counters.receivedBytes,
           m_counters.sentMessages, m_counters.sentBytes, m_counters.errors, logged,
           m_model->evictedCount());
}

void SessionLog::attach(Session *session)
{
    connect(session, &Session::received, this,
            [this](const QByteArray &bytes, const Endpoint &local, const Endpoint &peer,
                   const QDateTime &time, const QString &peerName, qsizetype arrivedBytes) {
                addTraffic(Direction::Received, local, peer, bytes, time, peerName, AutoReply::None,
                           arrivedBytes);
            });
    connect(session, &Session::sent, this,
            [this](const QByteArray &bytes, const Endpoint &local, const Endpoint &peer,
                   const QDateTime &time, AutoReply origin, const QString &peerName) {
                addTraffic(Direction::Sent, local, peer, bytes, time, peerName, origin);
            });
    connect(session, &Session::relayed, this,
            [this](const QByteArray &bytes, const Endpoint &local, const Endpoint &from,
                   const QString &fromName, const QStringList &recipients, const QDateTime &time) {
                addRelayed(local, from, fromName, recipients, bytes, time);
            });
    connect(session, &Session::framed, this,
            [this](const QByteArray &message, const Endpoint &local, const Endpoint &peer,
                   const QDateTime &time, int prefixBytes, const QString &peerName) {
                addFramedMessage(local, peer, message, time, prefixBytes, peerName);
            });
    connect(session, &Session::noticed, this,
            [this](const QString &message, const Endpoint &local, const Endpoint &peer,
                   const QString &peerName, TcpEvent event) {
                addEvent(Direction::Info, message, local, peer, peerName, event);
            });
    connect(session, &Session::errorOccurred, this,
            [this](QAbstractSocket::SocketError, const QString &message, const Endpoint &local,
                   const Endpoint &peer, const QString &peerName, TcpEvent event) {
                addEvent(Direction::Error, message, local, peer, peerName, event);
            });
    connect(session, &Session::called, this, &SessionLog::addCall);
    connect(session, &Session::faulted, this, &SessionLog::addFault);
}

// The rows of one peer share its name; a flood mostly comes from one peer.
const PeerName &SessionLog::named(const QString &name)
{
    if (m_lastName.text() != name)
        m_lastName = name;
    return m_lastName;
}

void SessionLog::addFramedMessage(const Endpoint &local, const Endpoint &peer,
                                  const QByteArray &message, const QDateTime &time, int prefixBytes,
                                  const QString &peerName)
{
    LogEntry entry { time,
                     m_sessionName,
                     m_transport,
                     Direction::Info,
                     {},
                     {},
                     0,
                     local,
                     peer,
                     message,
                     FramingText::completeMessage(message.size(), prefixBytes) };
    entry.peerName = named(peerName);
    add(std::move(entry));
}

void SessionLog::addRelayed(const Endpoint &local, const Endpoint &from, const QString &fromName,
                            const QStringList &recipients, const QByteArray &payload,
                            const QDateTime &time)
{
    LogEntry entry { time,
                     m_sessionName,
                     m_transport,
                     Direction::Sent,
                     {},
                     {},
                     0,
                     local,
                     from,
                     payload,
                     recipients.join(QStringLiteral(", ")) };
    entry.peerName = named(fromName);
    entry.autoReply = AutoReply::Relay;
    entry.count = qint32(std::min<qsizetype>(recipients.size(), INT_MAX));
    m_model->append(std::move(entry));
}

void SessionLog::addTraffic(Direction direction, const Endpoint &local, const Endpoint &peer,
                            const QByteArray &payload, const QDateTime &time,
                            const QString &peerName, AutoReply origin, qsizetype arrivedBytes)
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
    LogEntry entry { time, m_sessionName, m_transport, direction, {}, {},
                     0,    local,         m_lastPeer,  payload,   {} };
    entry.peerName = named(peerName);
    entry.autoReply = origin;
    if (direction == Direction::Received) // a datagram is 65,535 bytes at most
        entry.count = qint32(std::min<qsizetype>(arrivedBytes, INT_MAX));
    if (origin != AutoReply::Relay) {
        add(std::move(entry));
    } else if (m_recorder) {
        // Its row comes with the others of the same message (addRelayed()).
        m_recorder->record(entry, m_encoding);
    }
}

void SessionLog::addEvent(Direction direction, const QString &message, const Endpoint &local,
                          const Endpoint &peer, const QString &peerName, TcpEvent event)
{
    if (direction == Direction::Error)
        ++m_counters.errors;
    add(eventEntry(direction, message, local, peer, peerName, event, Fault::None));
    Q_EMIT eventAdded(direction, message);
}

void SessionLog::addFault(Fault fault, const QString &message, const Endpoint &local,
                          const Endpoint &peer, const QString &peerName)
{
    add(eventEntry(Direction::Info, message, local, peer, peerName, TcpEvent::None, fault));
}

LogEntry SessionLog::eventEntry(Direction direction, const QString &message, const Endpoint &local,
                                const Endpoint &peer, const QString &peerName, TcpEvent event,
                                Fault fault)
{
    LogEntry entry { QDateTime::currentDateTimeUtc(),
                     m_sessionName,
                     m_transport,
                     direction,
                     {},
                     fault,
                     qint32(event),
                     local,
                     peer,
                     {},
                     message };
    entry.peerName = named(peerName);
    return entry;
}

void SessionLog::addCall(const QString &call, int error, const Endpoint &local,
                         const Endpoint &peer, const QDateTime &time, const QString &peerName)
{
    LogEntry entry { time, m_sessionName, m_transport, Direction::Call, {}, {}, error, local, peer,
                     {},   call };
    entry.peerName = named(peerName);
    add(std::move(entry));
}

void SessionLog::add(LogEntry entry)
{
    if (m_recorder)
        m_recorder->record(entry, m_encoding);
    m_model->append(std::move(entry));
}
