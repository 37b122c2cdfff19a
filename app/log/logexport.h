#pragma once

#include "log/logentry.h"
#include "text/textencoding.h"

#include <QObject>
#include <QPointer>
#include <QString>

#include <atomic>
#include <memory>
#include <vector>

class LogModel;
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
    // Rows save() copies between two turns of the event loop (a few milliseconds' worth).
    static constexpr int SliceRows = 20'000;

    explicit LogExport(QObject *parent = nullptr);
    // Copies what save() has not copied yet and waits until it is written: nothing the user
    // asked to save is lost, even when the window goes meanwhile.
    ~LogExport() override;

    // Writes `entries` (their text in `encoding`) to `path`, replacing what it held.
    void start(const QString &path, Format format, std::vector<LogEntry> entries,
               TextEncoding encoding);
    // Saves the rows `model` holds now as start() does, once they are copied: a slice of
    // SliceRows at a time, between the event loop's other work, so that no log of any size holds
    // the window up. Rows its caps evict, or a Clear, before their turn are left out, and
    // finished() says how many (a recording keeps them).
    void save(const QString &path, Format format, LogModel *model, TextEncoding encoding);
    // Writing (not while save() still copies).
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

    void copySlice();

    QString m_path;
    // What save() copies, and from where: rows by their number since the log began (evicted
    // ones included), from m_next up to m_end.
    QPointer<LogModel> m_model;
    std::vector<LogEntry> m_copied;
    quint64 m_next = 0;
    quint64 m_end = 0;
    quint64 m_left = 0; // rows that left the log before their turn
    bool m_cleared = false;
    bool m_copying = false;
    Format m_format = Format::JsonLines;
    TextEncoding m_encoding = TextEncoding::Utf8;
    std::unique_ptr<QThread> m_thread;
    std::atomic<bool> m_running { false };
};
