#include "log/sessionlog.h"

#include "log/logmodel.h"
#include "log/recorder.h"
#include "net/session.h"
#include "text/framingtext.h"

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

void SessionLog::attach(Session *session)
{
    connect(session, &Session::received, this,
            [this](const QByteArray &bytes, const Endpoint &local, const Endpoint &peer,
                   const QDateTime &time) {
                addTraffic(Direction::Received, local, peer, bytes, time);
            });
    connect(session, &Session::sent, this,
            [this](const QByteArray &bytes, const Endpoint &local, const Endpoint &peer,
                   const QDateTime &time) { addTraffic(Direction::Sent, local, peer, bytes, time); });
    connect(session, &Session::framed, this,
            [this](const QByteArray &message, const Endpoint &local, const Endpoint &peer,
                   const QDateTime &time, int prefixBytes) {
                addFramedMessage(local, peer, message, time, prefixBytes);
            });
    connect(session, &Session::noticed, this,
            [this](const QString &message, const Endpoint &local, const Endpoint &peer) {
                addEvent(Direction::Info, message, local, peer);
            });
    connect(session, &Session::errorOccurred, this,
            [this](QAbstractSocket::SocketError, const QString &message, const Endpoint &local,
                   const Endpoint &peer) { addEvent(Direction::Error, message, local, peer); });
}

void SessionLog::addFramedMessage(const Endpoint &local, const Endpoint &peer,
                                  const QByteArray &message, const QDateTime &time,
                                  int prefixBytes)
{
    add(LogEntry { time, m_sessionName, m_transport, Direction::Info, local, peer, message,
                   FramingText::completeMessage(message.size(), prefixBytes) });
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
        m_recorder->record(entry, m_encoding);
    m_model->append(std::move(entry));
}
