#include "text/streamframer.h"

#include <QtEndian>

StreamFramer::StreamFramer(Framing framing, const QByteArray &delimiter)
    : m_framing(framing)
    , m_delimiter(delimiter)
{
    switch (framing) {
    case Framing::Lf: m_delimiter = QByteArrayLiteral("\n"); break;
    case Framing::CrLf: m_delimiter = QByteArrayLiteral("\r\n"); break;
    case Framing::Delimiter: break;
    case Framing::None:
    case Framing::Length16:
    case Framing::Length32: m_delimiter.clear(); break;
    }
}

bool StreamFramer::isFraming() const
{
    // A custom delimiter that is empty would make every byte a message; treat it as none.
    return m_framing != Framing::None
            && (m_framing != Framing::Delimiter || !m_delimiter.isEmpty());
}

QList<QByteArray> StreamFramer::feed(const QByteArray &chunk)
{
    QList<QByteArray> messages;
    if (!isFraming())
        return messages;
    m_buffer += chunk;
    for (qsizetype end = nextMessageEnd(); end > 0; end = nextMessageEnd()) {
        messages.append(m_buffer.sliced(m_start, end - m_start));
        m_start = end;
        m_framed = true;
    }
    // Drop what was consumed once it is at least half the buffer: amortised linear.
    if (m_start > 0 && m_start * 2 >= m_buffer.size()) {
        m_buffer.remove(0, m_start);
        m_searched -= m_start;
        m_start = 0;
    }
    return messages;
}

void StreamFramer::reset()
{
    m_buffer.clear();
    m_start = 0;
    m_searched = 0;
    m_framed = false;
}

int StreamFramer::prefixBytes() const
{
    switch (m_framing) {
    case Framing::Length16: return 2;
    case Framing::Length32: return 4;
    default: return 0;
    }
}

qint64 StreamFramer::announcedSize() const
{
    const int prefix = prefixBytes();
    if (prefix == 0 || pendingBytes() < prefix)
        return -1;
    const char *at = m_buffer.constData() + m_start;
    return prefix == 2 ? qint64(qFromBigEndian<quint16>(at)) : qint64(qFromBigEndian<quint32>(at));
}

// The end (exclusive) of the first complete message in the buffer, or -1.
qsizetype StreamFramer::nextMessageEnd()
{
    const qsizetype available = m_buffer.size() - m_start;
    switch (m_framing) {
    case Framing::None:
        return -1;
    case Framing::Lf:
    case Framing::CrLf:
    case Framing::Delimiter: {
        // Resume where the last search stopped, so a long message fed in small chunks is
        // scanned once, not once per chunk.
        const qsizetype from = std::max(m_start, m_searched - m_delimiter.size() + 1);
        const qsizetype at = m_buffer.indexOf(m_delimiter, from);
        m_searched = at < 0 ? m_buffer.size() : at + m_delimiter.size();
        return at < 0 ? -1 : at + m_delimiter.size();
    }
    case Framing::Length16: {
        if (available < 2)
            return -1;
        const qsizetype body = qFromBigEndian<quint16>(m_buffer.constData() + m_start);
        return available >= 2 + body ? m_start + 2 + body : -1;
    }
    case Framing::Length32: {
        if (available < 4)
            return -1;
        const qint64 body = qFromBigEndian<quint32>(m_buffer.constData() + m_start);
        return available >= 4 + body ? m_start + 4 + qsizetype(body) : -1;
    }
    }
    return -1;
}
