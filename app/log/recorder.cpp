#include "log/recorder.h"

#include "log/jsonlinewriter.h"

#include <QLoggingCategory>
#include <QThread>

#include <cerrno>
#include <unistd.h>

Q_LOGGING_CATEGORY(lcRecorder, "sockscope.recorder", QtInfoMsg)

namespace {

// Lines are written in pieces of about this size; a quiet session's line is written alone.
constexpr qsizetype WriteChunkBytes = 1 << 20;

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
    m_stopping = m_failed = m_queueBehind = false;
    const int descriptor = m_file.handle();
    m_thread.reset(QThread::create([this, descriptor] { writeLoop(descriptor); }));
    m_thread->setObjectName(QStringLiteral("Recorder"));
    m_thread->start();
    m_recording = true;
    Q_EMIT recordingChanged(true);
    return true;
}

void Recorder::stop()
{
    if (!m_recording)
        return;
    close(); // the writer writes everything queued before it ends
    Q_EMIT recordingChanged(false);
}

void Recorder::close()
{
    {
        const std::lock_guard<std::mutex> lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_one();
    m_thread->wait();
    m_thread.reset();
    m_file.close();
    m_recording = false;
    updateBehind();
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
    m_wake.notify_one();
    ++m_recordedCount;
    if (!m_behind)
        updateBehind();
}

void Recorder::flush()
{
    if (!m_recording)
        return;
    std::unique_lock<std::mutex> lock(m_mutex);
    m_written.wait(lock, [this] { return m_writtenCount == m_queuedCount; });
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

// The writer's thread: takes what is queued, formats it and writes it, until stop().
void Recorder::writeLoop(int descriptor)
{
    JsonLineWriter writer;
    QByteArray buffer;
    buffer.reserve(2 * WriteChunkBytes);
    std::vector<Item> batch;
    std::unique_lock<std::mutex> lock(m_mutex);
    for (;;) {
        m_wake.wait(lock, [this] { return !m_queue.empty() || m_stopping; });
        if (m_queue.empty())
            return; // stopping, and everything is written
        batch.swap(m_queue);
        lock.unlock();
        qsizetype bytes = 0;
        QString error;
        for (const Item &item : batch) {
            writer.append(buffer, item.entry, item.encoding);
            bytes += item.entry.payload.size();
            if (buffer.size() >= WriteChunkBytes) {
                error = writeAll(descriptor, buffer);
                buffer.resize(0);
                if (!error.isEmpty())
                    break;
            }
        }
        if (error.isEmpty() && !buffer.isEmpty())
            error = writeAll(descriptor, buffer);
        buffer.resize(0);
        const quint64 count = batch.size();
        batch.clear(); // drops the payloads here, outside the lock
        lock.lock();
        m_queuedBytes -= bytes;
        m_writtenCount += count;
        const bool caughtUp = m_queueBehind && m_queuedBytes <= BehindBytes / 2
                && qsizetype(m_queue.size()) <= BehindEntries / 2;
        if (caughtUp)
            m_queueBehind = false;
        if (!error.isEmpty()) {
            m_failed = true;
            m_queue.clear();
            m_queuedBytes = 0;
            m_writtenCount = m_queuedCount;
            QMetaObject::invokeMethod(this, [this, error] { writeFailed(error); },
                                      Qt::QueuedConnection);
        } else if (caughtUp) {
            QMetaObject::invokeMethod(this, &Recorder::updateBehind, Qt::QueuedConnection);
        }
        m_written.notify_all();
        if (!error.isEmpty())
            return;
    }
}

void Recorder::writeFailed(const QString &reason)
{
    if (!m_recording)
        return;
    m_errorString = tr("Recording to %1 failed: %2. The recording stopped; the log still has "
                       "every entry.")
                            .arg(m_file.fileName(), reason);
    qCWarning(lcRecorder) << m_errorString;
    close();
    Q_EMIT errorOccurred(m_errorString);
    Q_EMIT recordingChanged(false);
}

QByteArray Recorder::toJsonLine(const LogEntry &entry, TextEncoding encoding)
{
    JsonLineWriter writer;
    QByteArray line;
    writer.append(line, entry, encoding);
    return line;
}
