#include "log/recorder.h"

#include "log/jsonlinewriter.h"
#include "system/threadpriority.h"
#include "text/pluralcount.h"

#include <QLocale>
#include <QLoggingCategory>
#include <QThread>

#include <cerrno>
#include <unistd.h>

Q_LOGGING_CATEGORY(lcRecorder, "sockscope.recorder", QtInfoMsg)

namespace {

// Lines are written in pieces of about this size; a quiet session's line is written alone.
constexpr qsizetype PieceBytes = 256 << 10;
// A written piece's buffer is kept to be filled again if it is no larger than this: enough for
// the line of a bulk transfer's read (3 MiB for 1 MiB of text), so that a transfer reuses two
// buffers rather than fault in new pages for every line.
constexpr qsizetype SpareBytes = qsizetype(8) << 20;
// Pieces formatted ahead of the disk, at most.
constexpr std::size_t MaxPieces = 4;
// Room for entries the queue keeps between batches.
constexpr std::size_t SmallQueueEntries = 4096;

// Writes all of `bytes`; the error's text when the system refuses, and in `written` how much
// of it went into the file before.
QString writeAll(int descriptor, const QByteArray &bytes, qsizetype *written)
{
    const char *data = bytes.constData();
    qsizetype left = bytes.size();
    *written = 0;
    while (left > 0) {
        const ssize_t count = ::write(descriptor, data, std::size_t(left));
        if (count < 0 && errno == EINTR)
            continue;
        if (count <= 0)
            return qt_error_string(count < 0 ? errno : ENOSPC);
        data += count;
        left -= count;
        *written += count;
    }
    return {};
}

} // namespace

Recorder::Recorder(QObject *parent)
    : QObject(parent)
{
}

Recorder::~Recorder()
{
    stop();
}

bool Recorder::start(const QString &path)
{
    if (m_holding)
        return continueIn(path);
    stop();
    std::unique_ptr<QFile> file = open(path);
    if (!file)
        return false;
    m_file = std::move(file);
    m_errorString.clear();
    m_recordedCount = 0;
    m_queuedCount = m_writtenCount = m_notRecorded = m_notRecordedBeforeHold = 0;
    m_queuedBytes = 0;
    m_stopping = m_failed = m_queueBehind = m_formatted = m_writerHolding = false;
    m_replacement = -1;
    m_failure.clear();
    ++m_generation;
    const int descriptor = m_file->handle();
    m_formatter.reset(QThread::create([this] { formatLoop(); }));
    m_formatter->setObjectName(QStringLiteral("Recorder format"));
    m_writer.reset(QThread::create([this, descriptor] { writeLoop(descriptor); }));
    m_writer->setObjectName(QStringLiteral("Recorder write"));
    m_formatter->start();
    m_writer->start();
    m_recording = true;
    Q_EMIT recordingChanged(true);
    return true;
}

// `path` opened for appending, or null when the system refuses (and errorOccurred() says why).
std::unique_ptr<QFile> Recorder::open(const QString &path)
{
    auto file = std::make_unique<QFile>(path);
    if (!file->open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Unbuffered)) {
        m_errorString = tr("Cannot record to %1: %2. Choose a folder you can write to.")
                                .arg(path, file->errorString());
        Q_EMIT errorOccurred(m_errorString);
        return nullptr;
    }
    return file;
}

bool Recorder::continueIn(const QString &path)
{
    if (!m_holding)
        return start(path);
    std::unique_ptr<QFile> file = open(path);
    if (!file)
        return false;
    {
        const std::lock_guard<std::mutex> lock(m_mutex);
        m_replacement = file->handle();
        m_writerHolding = false; // from now on: flush() waits for the writer again
    }
    m_pieceChanged.notify_all();
    // The writer has not touched the old file since it failed, and writes to the new one now.
    m_file = std::move(file);
    m_holding = false;
    m_errorString.clear();
    Q_EMIT recordingChanged(true);
    return true;
}

void Recorder::stop()
{
    if (!m_recording)
        return;
    const QString path = this->path();
    // The writer writes everything queued before it ends; after a failed write, what waits is
    // given up.
    if (const QString failure = close(); !failure.isEmpty()) {
        const quint64 lost = notRecordedCount();
        m_errorString = tr("Recording to %1 failed: %2. The recording stopped. Entries not "
                           "recorded: %n (the log still shows those it holds).",
                           nullptr, pluralCount(lost))
                                .arg(path, failure);
        qCWarning(lcRecorder, "%s", qUtf8Printable(m_errorString));
        Q_EMIT errorOccurred(m_errorString);
    }
    Q_EMIT recordingChanged(false);
}

// Ends both threads and closes the file; returns why writing failed, if it did.
QString Recorder::close()
{
    {
        const std::lock_guard<std::mutex> lock(m_mutex);
        m_stopping = true;
        if (m_writerHolding)
            giveUpWaiting();
    }
    m_queued.notify_one();
    m_pieceChanged.notify_all();
    m_formatter->wait();
    m_writer->wait();
    m_formatter.reset();
    m_writer.reset();
    m_pieces.clear();
    m_spare.clear();
    m_file.reset();
    m_recording = false;
    m_holding = false;
    updateBehind();
    return m_failed ? m_failure : QString();
}

quint64 Recorder::notRecordedCount() const
{
    const std::lock_guard<std::mutex> lock(m_mutex);
    return m_notRecorded;
}

quint64 Recorder::notRecordedInLastHold() const
{
    const std::lock_guard<std::mutex> lock(m_mutex);
    return m_notRecorded - m_notRecordedBeforeHold;
}

void Recorder::setHoldLimits(qsizetype bytes, qsizetype entries)
{
    const std::lock_guard<std::mutex> lock(m_mutex);
    m_holdBytes = bytes;
    m_holdEntries = entries;
}

void Recorder::record(const LogEntry &entry, TextEncoding encoding)
{
    if (!m_recording)
        return;
    {
        const std::lock_guard<std::mutex> lock(m_mutex);
        if (m_failed)
            return; // given up: stop() is on its way
        if (m_writerHolding
            && (m_queuedBytes + entry.payload.size() > m_holdBytes
                || m_queuedCount - m_writtenCount >= quint64(m_holdEntries))) {
            ++m_notRecorded; // no room to wait in
            return;
        }
        m_queue.push_back(Item { entry, encoding });
        m_queuedBytes += entry.payload.size();
        ++m_queuedCount;
        // Holding, the sessions go on: what waits is bounded by the limits above instead.
        if (!m_writerHolding
            && (m_queuedBytes > BehindBytes || qsizetype(m_queue.size()) > BehindEntries))
            m_queueBehind = true;
    }
    m_queued.notify_one();
    ++m_recordedCount;
    if (!m_behind)
        updateBehind();
}

bool Recorder::flush()
{
    if (!m_recording)
        return true;
    std::unique_lock<std::mutex> lock(m_mutex);
    m_written.wait(lock, [this] {
        return m_writtenCount == m_queuedCount || m_writerHolding || m_failed;
    });
    return m_writtenCount == m_queuedCount && !m_writerHolding && !m_failed;
}

// Tells whether the writer is behind, as the queue says now.
void Recorder::updateBehind()
{
    bool behind = false;
    {
        const std::lock_guard<std::mutex> lock(m_mutex);
        behind = m_recording && m_queueBehind;
    }
    if (behind != m_behind) {
        m_behind = behind;
        Q_EMIT behindChanged(behind);
    }
}

// The formatter's thread: takes what is queued and formats it into pieces for the writer,
// until stop() and everything queued is formatted.
void Recorder::formatLoop()
{
    ThreadPriority::yieldToWindow();
    JsonLineWriter writer;
    std::vector<Item> batch;
    Piece piece;
    std::unique_lock<std::mutex> lock(m_mutex);
    for (;;) {
        m_queued.wait(lock, [this] { return !m_queue.empty() || m_stopping; });
        if (m_queue.empty())
            break; // stopping, and everything is formatted
        batch.swap(m_queue);
        lock.unlock();
        qsizetype bytes = 0;
        for (const Item &item : batch) {
            writer.append(piece.lines, item.entry, item.encoding);
            ++piece.entries;
            bytes += item.entry.payload.size();
            if (piece.lines.size() >= PieceBytes) {
                lock.lock();
                const bool written = handOver(piece, lock);
                lock.unlock();
                if (!written)
                    break;
            }
        }
        batch.clear(); // drops the payloads here, outside the lock
        // The queue and this batch trade places; after a flood, neither keeps a flood's room.
        if (batch.capacity() > SmallQueueEntries)
            std::vector<Item>().swap(batch);
        lock.lock();
        if (!m_failed) // a failed writer has forgotten the queue already
            m_queuedBytes -= bytes;
        // Nothing more queued: what is formatted goes now, however little.
        if (m_queue.empty() && piece.entries > 0)
            handOver(piece, lock);
        const bool caughtUp = m_queueBehind && m_queuedBytes <= BehindBytes / 2
                && qsizetype(m_queue.size()) <= BehindEntries / 2;
        if (caughtUp) {
            m_queueBehind = false;
            QMetaObject::invokeMethod(this, &Recorder::updateBehind, Qt::QueuedConnection);
        }
    }
    m_formatted = true;
    m_pieceChanged.notify_all();
}

// Gives `piece` to the writer, waiting for room, and starts a new one; false once writing has
// failed (the piece is dropped then). Called with the lock held.
bool Recorder::handOver(Piece &piece, std::unique_lock<std::mutex> &lock)
{
    m_pieceChanged.wait(lock, [this] { return m_pieces.size() < MaxPieces || m_failed; });
    if (m_failed) {
        piece.lines.resize(0);
        piece.entries = 0;
        return false;
    }
    m_pieces.push_back(std::move(piece));
    m_pieceChanged.notify_all();
    piece = Piece {};
    if (!m_spare.empty()) {
        piece.lines = std::move(m_spare.back());
        m_spare.pop_back();
    }
    return true;
}

// The writer's thread: writes each piece as it comes, until the formatter has ended and every
// piece is written. When the system refuses a write, it keeps the file whole and holds what was
// not written until continueIn() gives it another file, or stop() gives up.
void Recorder::writeLoop(int descriptor)
{
    ThreadPriority::yieldToWindow();
    std::unique_lock<std::mutex> lock(m_mutex);
    for (;;) {
        m_pieceChanged.wait(lock, [this] { return !m_pieces.empty() || m_formatted || m_failed; });
        if (m_failed || m_pieces.empty())
            return; // given up, or the formatter has ended and everything is written
        Piece piece = std::move(m_pieces.front());
        m_pieces.erase(m_pieces.begin());
        m_pieceChanged.notify_all(); // room for another
        lock.unlock();
        qsizetype written = 0;
        const QString error = writeAll(descriptor, piece.lines, &written);
        const quint64 entriesWritten = error.isEmpty() ? piece.entries
                                                       : keepWhole(descriptor, piece, written);
        lock.lock();
        m_writtenCount += entriesWritten;
        if (error.isEmpty()) {
            if (m_spare.empty() && piece.lines.capacity() <= SpareBytes) { // to be filled again
                piece.lines.resize(0);
                m_spare.push_back(std::move(piece.lines));
            }
            m_written.notify_all();
            continue;
        }
        m_failure = error;
        if (m_stopping) { // nobody is left to decide
            giveUpWaiting();
            m_pieceChanged.notify_all();
            m_written.notify_all();
            return;
        }
        // Hold: what was not written goes first when there is a file again.
        m_pieces.insert(m_pieces.begin(), std::move(piece));
        m_writerHolding = true;
        m_notRecordedBeforeHold = m_notRecorded;
        m_queueBehind = false; // the sessions go on meanwhile
        QMetaObject::invokeMethod(this, &Recorder::updateBehind, Qt::QueuedConnection);
        QMetaObject::invokeMethod(
                this, [this, generation = m_generation] { writeFailed(generation); },
                Qt::QueuedConnection);
        m_written.notify_all(); // flush() learns it will not be written
        m_pieceChanged.wait(lock, [this] { return m_replacement >= 0 || m_failed; });
        if (m_failed)
            return;
        descriptor = m_replacement;
        m_replacement = -1;
        m_pieceChanged.notify_all();
    }
}

// Gives up what was not written after a failed write, and counts it as not recorded: nothing
// more is written. Called with the lock held; the caller wakes whoever waits.
void Recorder::giveUpWaiting()
{
    m_failed = true;
    m_notRecorded += m_queuedCount - m_writtenCount;
    m_writtenCount = m_queuedCount;
    m_queue.clear();
    m_pieces.clear();
}

// After a write of `piece` failed with `written` bytes of it in the file: cuts the file back to
// its last complete line, leaves in `piece` what is still to be written, and returns how many
// entries (lines) were written whole.
quint64 Recorder::keepWhole(int descriptor, Piece &piece, qsizetype written)
{
    // (lastIndexOf() counts a negative start from the end: nothing written is nothing whole.)
    const qsizetype complete = written > 0 ? piece.lines.lastIndexOf('\n', written - 1) + 1 : 0;
    if (written > complete) {
        const off_t end = ::lseek(descriptor, 0, SEEK_END);
        if (end >= 0 && ::ftruncate(descriptor, end - (written - complete)) != 0)
            qCWarning(lcRecorder) << "cannot cut the recording back to its last line:"
                                  << qt_error_string(errno);
    }
    const quint64 lines = quint64(piece.lines.first(complete).count('\n'));
    // A copy, not remove(0, …): a buffer that keeps room at its front has less at its end than
    // its capacity() says, and a reused buffer is filled up to its capacity.
    piece.lines = piece.lines.sliced(complete);
    piece.entries -= lines;
    return lines;
}

// The window hears that a write of the recording that is still the current one failed. One
// stopped since (its stop() said it) or another started since has nothing to do with it.
void Recorder::writeFailed(quint64 generation)
{
    if (generation != m_generation || !m_recording || m_holding)
        return;
    m_holding = true;
    m_errorString = tr("Recording to %1 failed: %2. The file is whole up to its last line; what "
                       "was not written waits in memory (up to %3 MiB or %4 entries) until you "
                       "continue in another file or stop recording.")
                            .arg(path(), m_failure, QLocale().toString(m_holdBytes >> 20),
                                 QLocale().toString(m_holdEntries));
    qCWarning(lcRecorder, "%s", qUtf8Printable(m_errorString));
    Q_EMIT holdingStarted(m_errorString);
}

QByteArray Recorder::toJsonLine(const LogEntry &entry, TextEncoding encoding)
{
    JsonLineWriter writer;
    QByteArray line;
    writer.append(line, entry, encoding);
    return line;
}
