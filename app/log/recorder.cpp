#include "log/recorder.h"

#include "text/payloadcodec.h"

#include <QLoggingCategory>

#include <cstdio>
#include <limits>

Q_LOGGING_CATEGORY(lcRecorder, "sockscope.recorder", QtInfoMsg)

namespace {

constexpr qsizetype FlushThresholdBytes = 1 << 20;

void appendJsonString(QByteArray &out, QStringView text)
{
    static constexpr char digits[] = "0123456789abcdef";
    out += '"';
    const QByteArray utf8 = text.toUtf8();
    for (const char c : utf8) {
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            if (uchar(c) < 0x20) {
                out += "\\u00";
                out += digits[uchar(c) >> 4];
                out += digits[uchar(c) & 0xf];
            } else {
                out += c;
            }
        }
    }
    out += '"';
}

// a / b rounded down, also for times before 1970.
constexpr qint64 floorDivide(qint64 a, qint64 b)
{
    return a >= 0 ? a / b : (a - b + 1) / b;
}

// The local clock's offset from UTC at `utcMsecs`, in seconds. Asking the C library costs a
// stat() of /etc/localtime, too slow for every datagram of a flood; offsets only change on whole
// seconds, so one answer per second is exact.
int localOffsetAt(qint64 utcMsecs)
{
    struct Cache
    {
        qint64 second = std::numeric_limits<qint64>::min();
        int offset = 0;
    };
    thread_local Cache cache;
    const qint64 second = floorDivide(utcMsecs, 1000);
    if (second != cache.second) {
        cache.second = second;
        cache.offset = QDateTime::fromMSecsSinceEpoch(second * 1000, Qt::LocalTime)
                               .offsetFromUtc();
    }
    return cache.offset;
}

// ISO 8601 in local time with milliseconds and the UTC offset, always as +HH:MM:
// 2026-11-21T14:28:49.286+01:00.
QByteArray isoTime(const QDateTime &time)
{
    constexpr qint64 MsecsPerDay = 86'400'000;
    const qint64 utc = time.toMSecsSinceEpoch();
    const int offset = localOffsetAt(utc);
    const qint64 local = utc + qint64(offset) * 1000;
    const qint64 day = floorDivide(local, MsecsPerDay);
    const auto msecs = int(local - day * MsecsPerDay);
    int year = 0, month = 0, dayOfMonth = 0;
    QDate(1970, 1, 1).addDays(day).getDate(&year, &month, &dayOfMonth);
    const int offsetMinutes = std::abs(offset) / 60;
    char text[40];
    const int length = std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%03d%c%02d:%02d",
                                     year, month, dayOfMonth, msecs / 3'600'000,
                                     msecs / 60'000 % 60, msecs / 1000 % 60, msecs % 1000,
                                     offset < 0 ? '-' : '+', offsetMinutes / 60,
                                     offsetMinutes % 60);
    return QByteArray(text, length);
}

} // namespace

Recorder::Recorder(QObject *parent)
    : QObject(parent)
{
    m_flushTimer.setInterval(FlushIntervalMs);
    connect(&m_flushTimer, &QTimer::timeout, this, &Recorder::flush);
}

Recorder::~Recorder()
{
    stop();
}

bool Recorder::start(const QString &path)
{
    stop();
    m_file.setFileName(path);
    if (!m_file.open(QIODevice::WriteOnly | QIODevice::Append)) {
        m_errorString = tr("Cannot record to %1: %2. Choose a folder you can write to.")
                                .arg(path, m_file.errorString());
        Q_EMIT errorOccurred(m_errorString);
        return false;
    }
    m_errorString.clear();
    m_recordedCount = 0;
    m_flushTimer.start();
    Q_EMIT recordingChanged(true);
    return true;
}

void Recorder::stop()
{
    if (!m_file.isOpen())
        return;
    flush();
    m_flushTimer.stop();
    m_file.close();
    Q_EMIT recordingChanged(false);
}

void Recorder::record(const LogEntry &entry)
{
    if (!m_file.isOpen())
        return;
    m_buffer += toJsonLine(entry);
    ++m_recordedCount;
    if (m_buffer.size() >= FlushThresholdBytes)
        flush();
}

void Recorder::flush()
{
    if (m_buffer.isEmpty() || !m_file.isOpen())
        return;
    const qint64 written = m_file.write(m_buffer);
    if (written != m_buffer.size() || !m_file.flush()) {
        m_errorString = tr("Recording to %1 failed: %2. The recording stopped; the log still "
                           "has every entry.")
                                .arg(m_file.fileName(), m_file.errorString());
        qCWarning(lcRecorder) << m_errorString;
        m_buffer.clear();
        m_flushTimer.stop();
        m_file.close();
        Q_EMIT errorOccurred(m_errorString);
        Q_EMIT recordingChanged(false);
        return;
    }
    m_buffer.clear();
}

QByteArray Recorder::toJsonLine(const LogEntry &entry)
{
    QByteArray line;
    line.reserve(160 + entry.payload.size() * 3 + entry.message.size());
    line += "{\"time\":\"" + isoTime(entry.time) + "\",\"session\":";
    appendJsonString(line, entry.session);
    line += ",\"proto\":\"";
    line += EnumKeys::key(entry.transport).latin1();
    line += "\",\"kind\":\"";
    line += EnumKeys::key(entry.direction).latin1();
    line += "\",\"local\":";
    appendJsonString(line, entry.local.toString());
    line += ",\"peer\":";
    appendJsonString(line, entry.peer.toString());
    line += ",\"bytes\":" + QByteArray::number(entry.payload.size());
    // Events carry a message; traffic, and events about bytes (a framed message), the bytes.
    if (entry.hasPayload()) {
        line += ",\"hex\":\"" + entry.payload.toHex() + "\",\"text\":";
        appendJsonString(line, PayloadCodec::escapedText(entry.payload));
    }
    if (!entry.isTraffic()) {
        line += ",\"message\":";
        appendJsonString(line, entry.message);
    }
    line += "}\n";
    return line;
}
