#include "log/logfiltermodel.h"

#include "log/logmodel.h"

namespace {

char asciiLower(char c)
{
    return (c >= 'A' && c <= 'Z') ? char(c + ('a' - 'A')) : c;
}

// `needle` is already lower case. Only ASCII letters fold, so bytes of UTF-8 sequences are
// compared exactly and never match across characters.
bool containsAsciiCaseInsensitive(QByteArrayView haystack, QByteArrayView needle)
{
    if (needle.isEmpty())
        return true;
    const qsizetype last = haystack.size() - needle.size();
    for (qsizetype i = 0; i <= last; ++i) {
        if (asciiLower(haystack[i]) != needle[0])
            continue;
        qsizetype k = 1;
        while (k < needle.size() && asciiLower(haystack[i + k]) == needle[k])
            ++k;
        if (k == needle.size())
            return true;
    }
    return false;
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
    m_textBytesLower.clear();
    if (TextEncodings::encode(m_text, m_encoding, m_textBytesLower) >= 0)
        m_textBytesLower = m_text.toUtf8();
    for (char &c : m_textBytesLower)
        c = asciiLower(c);
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
    if (containsAsciiCaseInsensitive(entry.payload, m_textBytesLower))
        return true;
    if (entry.message.contains(m_text, Qt::CaseInsensitive))
        return true;
    return !entry.peer.isNull() && entry.peer.toString().contains(m_text, Qt::CaseInsensitive);
}
