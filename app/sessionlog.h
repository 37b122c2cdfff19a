#pragma once

#include "logentry.h"

#include <QObject>
#include <QString>

class LogModel;
class Recorder;
class TcpClientSession;
class TcpConnection;
class TcpServerSession;
class UdpSession;

// Everything one session did, as log entries: it turns a session's signals into LogEntry
// values, stamps them, queues them in the session's LogModel and hands them to the Recorder.
// It also keeps the counters shown in the status bar.
class SessionLog final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SessionLog)

public:
    struct Counters
    {
        quint64 receivedMessages = 0;
        quint64 receivedBytes = 0;
        quint64 sentMessages = 0;
        quint64 sentBytes = 0;
        quint64 errors = 0;
    };

    SessionLog(const QString &sessionName, Transport transport, QObject *parent = nullptr);
    ~SessionLog() override;

    QString sessionName() const { return m_sessionName; }
    LogModel *model() const { return m_model; }
    const Counters &counters() const { return m_counters; }

    // Not owned; may be null. Every entry added from now on is recorded there too.
    void setRecorder(Recorder *recorder) { m_recorder = recorder; }

    void attach(UdpSession *session);
    void attach(TcpClientSession *session);
    void attach(TcpServerSession *session);

    // `time` (UTC) is when the bytes came or went; by default, now.
    void addTraffic(Direction direction, const Endpoint &local, const Endpoint &peer,
                    const QByteArray &payload,
                    const QDateTime &time = QDateTime::currentDateTimeUtc());
    void addEvent(Direction direction, const QString &message, const Endpoint &local = {},
                  const Endpoint &peer = {});

    // A complete message a framing found in the stream: an Info entry that carries the bytes.
    // Its bytes were already counted as the chunks that brought them.
    void addFramedMessage(const Endpoint &local, const Endpoint &peer, const QByteArray &message);

private:
    void attachConnection(TcpConnection *connection, const Endpoint &local);
    void add(LogEntry entry);

    QString m_sessionName;
    Transport m_transport;
    LogModel *m_model;
    Recorder *m_recorder = nullptr;
    Counters m_counters;
    Endpoint m_lastPeer;
};
