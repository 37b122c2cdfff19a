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
    m_needle = Needle(m_text, m_encoding);
}

// The text's bytes in the encoding, each character on its own, so that what is an ASCII letter
// of the text (and folds) is known from what is a byte of a longer character (which does not:
// in Shift_JIS, the second byte of ア is 'A', of ヂ 'a'). Text the encoding cannot write is
// looked for as UTF-8, which it then cannot match in a payload but can in a message.
LogFilterModel::Needle::Needle(const QString &text, TextEncoding encoding)
{
    for (qsizetype i = 0; i < text.size();) {
        const qsizetype length = text[i].isHighSurrogate() && i + 1 < text.size() ? 2 : 1;
        const qsizetype before = bytes.size();
        if (TextEncodings::encode(QStringView(text).sliced(i, length), encoding, bytes) >= 0) {
            bytes = text.toUtf8();
            folds = QByteArray(bytes.size(), '\0');
            for (qsizetype k = 0; k < bytes.size(); ++k)
                folds[k] = char(uchar(bytes[k]) < 0x80);
            break;
        }
        const bool ascii = bytes.size() - before == 1 && uchar(bytes[before]) < 0x80;
        folds.append(char(ascii));
        for (qsizetype k = before + 1; k < bytes.size(); ++k)
            folds.append('\0');
        i += length;
    }
    for (qsizetype k = 0; k < bytes.size(); ++k) {
        if (folds[k])
            bytes[k] = asciiLower(bytes[k]);
    }
    // Case-insensitive Boyer-Moore-Horspool: the skip table is indexed by the haystack's raw
    // byte, with both cases of each letter that folds, so a payload of a hundred megabytes is
    // searched in about the time of one pass over it rather than a comparison per byte.
    const qsizetype length = bytes.size();
    skip.fill(int(length));
    for (qsizetype i = 0; i + 1 < length; ++i) {
        const auto distance = int(length - 1 - i);
        skip[uchar(bytes[i])] = distance;
        if (folds[i])
            skip[uchar(asciiUpper(bytes[i]))] = distance;
    }
}

bool LogFilterModel::Needle::matchesAt(const char *data, qsizetype k) const
{
    return folds[k] ? asciiLower(data[k]) == bytes[k] : data[k] == bytes[k];
}

bool LogFilterModel::Needle::isIn(QByteArrayView haystack) const
{
    const qsizetype length = bytes.size();
    if (length == 0)
        return true;
    if (haystack.size() < length)
        return false; // an empty payload has no data at all, not even a pointer to search
    const char *data = haystack.data();
    if (length == 1) {
        const char c = bytes[0];
        const auto size = std::size_t(haystack.size());
        return std::memchr(data, c, size)
                || (folds[0] && asciiUpper(c) != c && std::memchr(data, asciiUpper(c), size));
    }
    for (qsizetype i = 0; i + length <= haystack.size();) {
        const char *window = data + i;
        if (matchesAt(window, length - 1)) {
            qsizetype k = length - 2;
            while (k >= 0 && matchesAt(window, k))
                --k;
            if (k < 0)
                return true;
        }
        i += skip[uchar(window[length - 1])];
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
    case Shown::Calls: return direction == Direction::Call;
    }
    return true;
}

bool LogFilterModel::matchesText(const LogEntry &entry) const
{
    if (m_needle.isIn(entry.payload))
        return true;
    if (entry.message.contains(m_text, Qt::CaseInsensitive))
        return true;
    if (entry.peerName.text().contains(m_text, Qt::CaseInsensitive))
        return true;
    return !entry.peer.isNull() && entry.peer.toString().contains(m_text, Qt::CaseInsensitive);
}
