#pragma once

#include "log/logentry.h"
#include "text/textencoding.h"

#include <QObject>
#include <QString>

#include <atomic>
#include <memory>
#include <vector>

class QThread;

// Saves the rows a log holds to a file (File → Save Log As…), as JSON Lines in the recording's
// format (JsonLineWriter) or as CSV (CsvLineWriter). It takes a snapshot of the rows (copies
// that share their payloads) and writes it on a thread of its own, a piece at a time, so that a
// log of hundreds of thousands of rows never holds the window up; finished() says how it went,
// in the recording's words when the system refuses (no space left, no permission). A file that
// could not be written whole is removed rather than left looking complete.
class LogExport final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LogExport)

public:
    enum class Format { JsonLines, Csv };

    explicit LogExport(QObject *parent = nullptr);
    // Waits until what was started is written: nothing the user asked to save is lost.
    ~LogExport() override;

    // Writes `entries` (their text in `encoding`) to `path`, replacing what it held.
    void start(const QString &path, Format format, std::vector<LogEntry> entries,
               TextEncoding encoding);
    bool isRunning() const;
    QString path() const { return m_path; }

    // The name a file dialog offers: "sockscope-udp-2026-12-02-143005.jsonl" for a session
    // named "UDP", "sockscope-2026-12-02-143005.jsonl" without one.
    static QString suggestedFileName(const QString &session, const QDateTime &time,
                                     Format format);
    // The format a name's suffix says (.csv), or JSON Lines.
    static Format formatOf(const QString &path);

Q_SIGNALS:
    // `ok` when every row is in the file; `message` says what happened, in plain words.
    void finished(bool ok, const QString &message);

private:
    struct Result
    {
        bool ok = false;
        QString message;
    };
    Result write(const std::vector<LogEntry> &entries, Format format, TextEncoding encoding);
    void format(QByteArray &out, const std::vector<LogEntry> &entries, std::size_t &next,
                Format format, TextEncoding encoding);

    QString m_path;
    std::unique_ptr<QThread> m_thread;
    std::atomic<bool> m_running { false };
};
