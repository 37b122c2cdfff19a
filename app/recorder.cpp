#include "recorder.h"

#include "payloadcodec.h"

#include <QLoggingCategory>

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

// ISO 8601 with milliseconds and the local UTC offset, always as +HH:MM.
QByteArray isoTime(const QDateTime &time)
{
    const int offset = time.offsetFromUtc();
    const int minutes = std::abs(offset) / 60;
    QByteArray out = time.toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzz")).toLatin1();
    out += offset < 0 ? '-' : '+';
    out += QByteArray::number(minutes / 60).rightJustified(2, '0');
    out += ':';
    out += QByteArray::number(minutes % 60).rightJustified(2, '0');
    return out;
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
    line += transportKey(entry.transport).latin1();
    line += "\",\"kind\":\"";
    line += directionKey(entry.direction).latin1();
    line += "\",\"local\":";
    appendJsonString(line, entry.local.toString());
    line += ",\"peer\":";
    appendJsonString(line, entry.peer.toString());
    line += ",\"bytes\":" + QByteArray::number(entry.payload.size());
    // Events carry a message; traffic, and events about bytes (a framed message), the bytes.
    if (entry.isTraffic() || !entry.payload.isEmpty()) {
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
