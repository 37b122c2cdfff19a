#include "log/recorder.h"

#include "log/jsonlinewriter.h"
#include "system/threadpriority.h"

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

// Writes all of `bytes`; the error's text when the system refuses.
QString writeAll(int descriptor, const QByteArray &bytes)
{
    const char *data = bytes.constData();
    qsizetype left = bytes.size();
    while (left > 0) {
        const ssize_t written = ::write(descriptor, data, std::size_t(left));
        if (written < 0 && errno == EINTR)
            continue;
        if (written <= 0)
            return qt_error_string(written < 0 ? errno : ENOSPC);
        data += written;
        left -= written;
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
    stop();
    m_file.setFileName(path);
    if (!m_file.open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Unbuffered)) {
        m_errorString = tr("Cannot record to %1: %2. Choose a folder you can write to.")
                                .arg(path, m_file.errorString());
        Q_EMIT errorOccurred(m_errorString);
        return false;
    }
    m_errorString.clear();
    m_recordedCount = 0;
    m_queuedCount = m_writtenCount = 0;
    m_queuedBytes = 0;
    m_stopping = m_failed = m_queueBehind = m_formatted = false;
    m_failure.clear();
    ++m_generation;
    const int descriptor = m_file.handle();
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

void Recorder::stop()
{
    if (!m_recording)
        return;
    // The writer writes everything queued before it ends, or says why it could not.
    if (const QString failure = close(); !failure.isEmpty()) {
        m_errorString = tr("Recording to %1 failed: %2. The recording stopped; the log still "
                           "has every entry.")
                                .arg(m_file.fileName(), failure);
        qCWarning(lcRecorder) << m_errorString;
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
    }
    m_queued.notify_one();
    m_formatter->wait();
    m_writer->wait();
    m_formatter.reset();
    m_writer.reset();
    m_pieces.clear();
    m_spare.clear();
    m_file.close();
    m_recording = false;
    updateBehind();
    return m_failed ? m_failure : QString();
}

void Recorder::record(const LogEntry &entry, TextEncoding encoding)
{
    if (!m_recording)
        return;
    {
        const std::lock_guard<std::mutex> lock(m_mutex);
        if (m_failed)
            return; // the window hears of it next
        m_queue.push_back(Item { entry, encoding });
        m_queuedBytes += entry.payload.size();
        ++m_queuedCount;
        if (m_queuedBytes > BehindBytes || qsizetype(m_queue.size()) > BehindEntries)
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
    m_written.wait(lock, [this] { return m_writtenCount == m_queuedCount; });
    return !m_failed;
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
// piece is written, or the system refuses a write.
void Recorder::writeLoop(int descriptor)
{
    ThreadPriority::yieldToWindow();
    std::unique_lock<std::mutex> lock(m_mutex);
    for (;;) {
        m_pieceChanged.wait(lock, [this] { return !m_pieces.empty() || m_formatted; });
        if (m_pieces.empty())
            return; // the formatter has ended and everything is written
        Piece piece = std::move(m_pieces.front());
        m_pieces.erase(m_pieces.begin());
        m_pieceChanged.notify_all(); // room for another
        lock.unlock();
        const QString error = writeAll(descriptor, piece.lines);
        lock.lock();
        m_writtenCount += piece.entries;
        if (m_spare.empty() && piece.lines.capacity() <= SpareBytes) { // to be filled again
            piece.lines.resize(0);
            m_spare.push_back(std::move(piece.lines));
        }
        if (!error.isEmpty()) {
            m_failed = true;
            m_queue.clear();
            m_pieces.clear();
            m_queuedBytes = 0;
            m_writtenCount = m_queuedCount;
            m_pieceChanged.notify_all();
            m_failure = error;
            QMetaObject::invokeMethod(
                    this, [this, generation = m_generation] { writeFailed(generation); },
                    Qt::QueuedConnection);
        }
        m_written.notify_all();
        if (!error.isEmpty())
            return;
    }
}

// A failed write of the recording that is still the current one stops it, and stop() says why.
// One stopped since (its stop() said it) or another started since has nothing to do with it.
void Recorder::writeFailed(quint64 generation)
{
    if (generation == m_generation && m_recording)
        stop();
}

QByteArray Recorder::toJsonLine(const LogEntry &entry, TextEncoding encoding)
{
    JsonLineWriter writer;
    QByteArray line;
    writer.append(line, entry, encoding);
    return line;
}
