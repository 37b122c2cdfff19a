#pragma once

#include "log/logentry.h"
#include "text/textencoding.h"

#include <QByteArray>
#include <QFile>
#include <QObject>

#include <condition_variable>
#include <memory>
#include <mutex>
#include <vector>

class QThread;

// Appends every log entry to a JSON Lines file, one object per line, in order:
//
//   {"time":"2026-11-21T14:28:49.286+01:00","session":"UDP","proto":"udp","kind":"recv",
//    "local":"[::]:9000","peer":"127.0.0.1:33838","bytes":5,"hex":"6d73672031",
//    "text":"msg 1"}
//
// kind is recv, send, info or error. Traffic has "hex" (exact payload, lower case, no
// separators) and "text" (EscapedText: the payload decoded in the session's encoding, with
// everything that is not a printable character escaped), and "encoding" (its IANA name) when
// that is not UTF-8; events have "message", and an event about bytes (a TCP message found by a
// framing) has "hex" and "text" too. "local" and "peer" are "" when they do not apply. IPv6
// endpoints are written [addr]:port. A received datagram that a read limit cut has "arrived",
// the size it arrived with; "bytes", "hex" and "text" are the part kept. An entry that a fault
// on purpose made (FaultInjector: an info entry) has "fault": drop, delay, duplicate or reorder.
//
// record() only queues the entry (its payload is shared, not copied). Two threads of the
// recorder's own take it from there: one formats lines (JsonLineWriter) into pieces of about a
// quarter of a mebibyte, the other writes the pieces as soon as they are full, or as soon as
// nothing more is queued. Formatting and writing overlap, so a bulk transfer is recorded at the speed of the
// disk while the window goes on. When more than BehindBytes of payload wait to be formatted,
// the recorder says so (behindChanged()), and whoever feeds it can slow down; flush() waits
// until everything queued is in the file.
//
// When the system refuses a write (a full disk, a quota, an I/O error), the file is cut back to
// its last complete line, so that it stays valid JSON Lines, and the recorder holds: it says
// why (holdingStarted()), and what was not written waits in memory, with every entry recorded
// from then on, up to HoldBytes of payload or HoldEntries entries; past that, entries are
// counted as not recorded. continueIn() another file writes what waits there first, so nothing
// is lost between the two files; stop() gives up what waits and says how many entries were not
// recorded.
class Recorder final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Recorder)

public:
    // Payload waiting to be written beyond which the recorder is behind; it catches up at half.
    static constexpr qsizetype BehindBytes = 32 << 20;
    static constexpr qsizetype BehindEntries = 50'000;
    // What may wait, at most, after a failed write until the user decides.
    static constexpr qsizetype HoldBytes = 64 << 20;
    static constexpr qsizetype HoldEntries = 1'000'000;

    explicit Recorder(QObject *parent = nullptr);
    ~Recorder() override;

    // Starts recording to `path`; while holding, continues there (continueIn()).
    bool start(const QString &path);
    // Ends the recording. While holding, what waits is given up, and the message says how many
    // entries were not recorded.
    void stop();
    bool isRecording() const { return m_recording; }
    QString path() const { return m_file ? m_file->fileName() : QString(); }
    // Since a write failed, until continueIn() or stop().
    bool isHolding() const { return m_holding; }
    // Opens `path` for appending, and writes there what waits and what comes; false (and the
    // reason in errorString()) when it cannot be opened, and the recorder still holds.
    bool continueIn(const QString &path);
    // Entries that will not be in any file: refused while holding, past the limits, since
    // start(); and of those, the ones refused while it last held.
    quint64 notRecordedCount() const;
    quint64 notRecordedInLastHold() const;
    // For tests: lower limits of what may wait while holding.
    void setHoldLimits(qsizetype bytes, qsizetype entries);
    QString errorString() const { return m_errorString; }
    // Entries handed to record() since start().
    quint64 recordedCount() const { return m_recordedCount; }
    bool isBehind() const { return m_behind; }

    // `encoding` is the one the entry's session shows text in.
    void record(const LogEntry &entry, TextEncoding encoding = TextEncoding::Utf8);
    // Returns once every entry recorded so far is written to the file: true, or false when
    // writing has failed (the recorder holds, and stop() says what was not recorded).
    bool flush();

    static QByteArray toJsonLine(const LogEntry &entry,
                                 TextEncoding encoding = TextEncoding::Utf8);

Q_SIGNALS:
    void recordingChanged(bool recording);
    void errorOccurred(const QString &message);
    void behindChanged(bool behind);
    // A write failed: `message` says why, in the system's words, and that entries wait.
    void holdingStarted(const QString &message);

private:
    struct Item
    {
        LogEntry entry;
        TextEncoding encoding;
    };

    // A piece of the file, formatted and waiting to be written: its lines, how many entries
    // they are.
    struct Piece
    {
        QByteArray lines;
        quint64 entries = 0;
    };

    void formatLoop();
    void writeLoop(int descriptor);
    bool handOver(Piece &piece, std::unique_lock<std::mutex> &lock);
    static quint64 keepWhole(int descriptor, Piece &piece, qsizetype written);
    void giveUpWaiting();
    void updateBehind();
    void writeFailed(quint64 generation);
    std::unique_ptr<QFile> open(const QString &path);
    QString close();

    // Opened and closed here; only the writer's thread writes to it meanwhile.
    std::unique_ptr<QFile> m_file;
    QString m_errorString;
    bool m_recording = false;
    bool m_behind = false;
    bool m_holding = false; // as the window last heard
    quint64 m_recordedCount = 0;
    std::unique_ptr<QThread> m_formatter;
    std::unique_ptr<QThread> m_writer;

    // Shared with the two threads.
    mutable std::mutex m_mutex;
    std::condition_variable m_queued; // entries to format, or time to stop
    std::condition_variable m_pieceChanged; // a piece to write, room for one, or the end
    std::condition_variable m_written; // a piece was written
    std::vector<Item> m_queue;
    std::vector<Piece> m_pieces; // formatted, oldest first; MaxPieces, and one put back
    std::vector<QByteArray> m_spare; // a written piece's buffer, to be filled again
    qsizetype m_queuedBytes = 0;
    quint64 m_queuedCount = 0; // since start()
    quint64 m_writtenCount = 0; // since start()
    bool m_queueBehind = false; // what m_behind will say once the window hears of it
    bool m_stopping = false;
    bool m_formatted = false; // the formatter has ended: nothing more will come
    bool m_failed = false; // given up: nothing more is written
    bool m_writerHolding = false; // a write failed; the writer waits for m_replacement
    int m_replacement = -1; // the descriptor continueIn() gives the writer
    QString m_failure; // why, in the system's words
    quint64 m_notRecorded = 0; // refused while holding, past the limits
    quint64 m_notRecordedBeforeHold = 0; // m_notRecorded when the last hold began
    qsizetype m_holdBytes = HoldBytes;
    qsizetype m_holdEntries = HoldEntries;
    quint64 m_generation = 0; // of the recording start() began: a late failure knows its own
};
