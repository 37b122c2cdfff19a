#pragma once

#include "log/logentry.h"
#include "text/textencoding.h"

#include <QObject>
#include <QString>

class LogModel;
class Recorder;
class Session;

// Everything one session did, as log entries: it turns the facts a Session states into LogEntry
// values, queues them in the session's LogModel and hands them to the Recorder. It also keeps
// the counters shown in the status bar. It only listens: it never calls back into the session.
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
    // What the recording's "text" of this session's payloads is decoded with.
    TextEncoding textEncoding() const { return m_encoding; }
    void setTextEncoding(TextEncoding encoding) { m_encoding = encoding; }

    // Logs every fact `session` states from now on, whatever its kind.
    void attach(Session *session);

    // `time` (UTC) is when the bytes came or went; by default, now. A send that a relay made
    // (`origin` Relay) is recorded and counted, and shown by addRelayed() with the others of
    // its message. `arrivedBytes`: a datagram that a read limit cut, its size as it arrived
    // (LogEntry::arrivedBytes()); the counters count the bytes kept, as a program reads them.
    void addTraffic(Direction direction, const Endpoint &local, const Endpoint &peer,
                    const QByteArray &payload,
                    const QDateTime &time = QDateTime::currentDateTimeUtc(),
                    const QString &peerName = {}, AutoReply origin = AutoReply::None,
                    qsizetype arrivedBytes = 0);
    // `event`: what a TCP connection's opening or end put on the wire (LogEntry::tcpEvent()).
    void addEvent(Direction direction, const QString &message, const Endpoint &local = {},
                  const Endpoint &peer = {}, const QString &peerName = {},
                  TcpEvent event = TcpEvent::None);

    // A fault made on purpose (Session::faulted()): an Info entry marked with the fault.
    void addFault(Fault fault, const QString &message, const Endpoint &local = {},
                  const Endpoint &peer = {}, const QString &peerName = {});

    // A socket call the session made (Session::called()): `call` in Python, `error` its errno
    // when it failed.
    void addCall(const QString &call, int error, const Endpoint &local = {},
                 const Endpoint &peer = {}, const QDateTime &time = QDateTime::currentDateTimeUtc(),
                 const QString &peerName = {});

    // A complete message a framing found in the stream: an Info entry that carries the bytes.
    // Its bytes were already counted as the chunks that brought them.
    void addFramedMessage(const Endpoint &local, const Endpoint &peer, const QByteArray &message,
                          const QDateTime &time = QDateTime::currentDateTimeUtc(),
                          int prefixBytes = 0, const QString &peerName = {});

    // A message relayed to several clients: one row in the log. Not recorded, since each of
    // its writes was (addTraffic() with the origin Relay).
    void addRelayed(const Endpoint &local, const Endpoint &from, const QString &fromName,
                    const QStringList &recipients, const QByteArray &payload,
                    const QDateTime &time);

Q_SIGNALS:
    // An Info or Error row was added (not traffic): what a command's failure said, for
    // whoever asked for the command (the composer shows why a send failed).
    void eventAdded(Direction direction, const QString &message);

private:
    void add(LogEntry entry);
    // An event's entry, now: words and no payload (addEvent(), addFault()).
    LogEntry eventEntry(Direction direction, const QString &message, const Endpoint &local,
                        const Endpoint &peer, const QString &peerName, TcpEvent event, Fault fault);
    const PeerName &named(const QString &name);

    QString m_sessionName;
    Transport m_transport;
    LogModel *m_model;
    Recorder *m_recorder = nullptr;
    TextEncoding m_encoding = TextEncoding::Utf8;
    Counters m_counters;
    Endpoint m_lastPeer;
    PeerName m_lastName;
};
