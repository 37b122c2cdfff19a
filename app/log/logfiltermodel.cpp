#include "log/logfiltermodel.h"

#include "log/logmodel.h"

#include <cstring>

namespace {

char asciiLower(char c)
{
    return (c >= 'A' && c <= 'Z') ? char(c + ('a' - 'A')) : c;
}

char asciiUpper(char c)
{
    return (c >= 'a' && c <= 'z') ? char(c - ('a' - 'A')) : c;
}

} // namespace

LogFilterModel::LogFilterModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    // Rows arrive in batches and are filtered as they come; nothing is ever sorted.
    setDynamicSortFilter(true);
}

void LogFilterModel::setLogModel(LogModel *model)
{
    m_log = model;
    setSourceModel(model);
}

void LogFilterModel::setText(const QString &text)
{
    if (text == m_text)
        return;
    m_text = text;
    encodeText();
    invalidateFilter();
}

void LogFilterModel::setTextEncoding(TextEncoding encoding)
{
    if (encoding == m_encoding)
        return;
    m_encoding = encoding;
    encodeText();
    if (!m_text.isEmpty())
        invalidateFilter();
}

// Text the encoding cannot write is looked for as UTF-8, which it then cannot match in a
// payload but can in a message.
void LogFilterModel::encodeText()
{
    QByteArray bytes;
    if (TextEncodings::encode(m_text, m_encoding, bytes) >= 0)
        bytes = m_text.toUtf8();
    m_needle = Needle(bytes);
}

// Case-insensitive Boyer-Moore-Horspool: the skip table is indexed by the haystack's raw byte,
// with both cases of each letter, so a payload of a hundred megabytes is searched in a few
// passes' time rather than a comparison per byte.
LogFilterModel::Needle::Needle(const QByteArray &bytes)
    : lower(bytes)
{
    for (char &c : lower)
        c = asciiLower(c);
    const auto length = qsizetype(lower.size());
    skip.fill(int(length));
    for (qsizetype i = 0; i + 1 < length; ++i) {
        const auto distance = int(length - 1 - i);
        skip[uchar(lower[i])] = distance;
        skip[uchar(asciiUpper(lower[i]))] = distance;
    }
}

// Only ASCII letters fold, so bytes of multi-byte characters are compared exactly and never
// match across characters.
bool LogFilterModel::Needle::isIn(QByteArrayView haystack) const
{
    const qsizetype length = lower.size();
    if (length == 0)
        return true;
    const char *data = haystack.data();
    if (length == 1) {
        const char c = lower[0];
        const auto size = std::size_t(haystack.size());
        return std::memchr(data, c, size) || (asciiUpper(c) != c && std::memchr(data, asciiUpper(c), size));
    }
    const char last = lower[length - 1];
    for (qsizetype i = 0; i + length <= haystack.size();) {
        const char end = data[i + length - 1];
        if (asciiLower(end) == last) {
            qsizetype k = length - 2;
            while (k >= 0 && asciiLower(data[i + k]) == lower[k])
                --k;
            if (k < 0)
                return true;
        }
        i += skip[uchar(end)];
    }
    return false;
}

void LogFilterModel::setBytes(const QByteArray &bytes)
{
    if (bytes == m_bytes)
        return;
    m_bytes = bytes;
    invalidateFilter();
}

void LogFilterModel::setShown(Shown shown)
{
    if (shown == m_shown)
        return;
    m_shown = shown;
    invalidateFilter();
}

void LogFilterModel::setFramedMessagesHidden(bool hidden)
{
    if (hidden == m_framedMessagesHidden)
        return;
    m_framedMessagesHidden = hidden;
    invalidateFilter();
}

bool LogFilterModel::isFiltering() const
{
    return !m_text.isEmpty() || !m_bytes.isEmpty() || m_shown != Shown::All;
}

bool LogFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (!m_log || sourceParent.isValid())
        return false;
    const LogEntry &entry = m_log->entry(sourceRow);
    if (!acceptsDirection(entry.direction))
        return false;
    if (m_framedMessagesHidden && entry.isFramedMessage())
        return false;
    if (!m_bytes.isEmpty() && !entry.payload.contains(m_bytes))
        return false;
    return m_text.isEmpty() || matchesText(entry);
}

bool LogFilterModel::acceptsDirection(Direction direction) const
{
    switch (m_shown) {
    case Shown::All: return true;
    case Shown::Traffic: return direction == Direction::Received || direction == Direction::Sent;
    case Shown::Received: return direction == Direction::Received;
    case Shown::Sent: return direction == Direction::Sent;
    case Shown::Events: return direction == Direction::Info || direction == Direction::Error;
    case Shown::Errors: return direction == Direction::Error;
    }
    return true;
}

bool LogFilterModel::matchesText(const LogEntry &entry) const
{
    if (m_needle.isIn(entry.payload))
        return true;
    if (entry.message.contains(m_text, Qt::CaseInsensitive))
        return true;
    return !entry.peer.isNull() && entry.peer.toString().contains(m_text, Qt::CaseInsensitive);
}
