#pragma once

#include "log/logentry.h"

#include <QByteArray>
#include <QFile>
#include <QObject>
#include <QTimer>

// Appends every log entry to a JSON Lines file, one object per line, in order:
//
//   {"time":"2026-11-21T14:28:49.286+01:00","session":"UDP","proto":"udp","kind":"recv",
//    "local":"0.0.0.0:9000","peer":"127.0.0.1:33838","bytes":5,"hex":"6d73672031",
//    "text":"msg 1"}
//
// kind is recv, send, info or error. Traffic has "hex" (exact payload, lower case, no
// separators) and "text" (PayloadCodec::escapedText); events have "message", and an event about
// bytes (a TCP message found by a framing) has "hex" and "text" too. "local" and "peer"
// are "" when they do not apply. IPv6 endpoints are written [addr]:port. Lines are buffered
// and written at least every second, when the buffer grows large, and on close.
class Recorder final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Recorder)

public:
    static constexpr int FlushIntervalMs = 250;

    explicit Recorder(QObject *parent = nullptr);
    ~Recorder() override;

    bool start(const QString &path);
    void stop();
    bool isRecording() const { return m_file.isOpen(); }
    QString path() const { return m_file.fileName(); }
    QString errorString() const { return m_errorString; }
    quint64 recordedCount() const { return m_recordedCount; }

    void record(const LogEntry &entry);
    void flush();

    static QByteArray toJsonLine(const LogEntry &entry);

Q_SIGNALS:
    void recordingChanged(bool recording);
    void errorOccurred(const QString &message);

private:
    QFile m_file;
    QByteArray m_buffer;
    QTimer m_flushTimer;
    QString m_errorString;
    quint64 m_recordedCount = 0;
};
