#include "log/logmodel.h"

#include "net/sockethint.h"
#include "system/heap.h"
#include "text/payloadcodec.h"
#include "text/pluralcount.h"

LogModel::LogModel(QObject *parent)
    : QAbstractTableModel(parent)
{
    m_flushTimer.setSingleShot(true);
    m_flushTimer.setInterval(DefaultFlushIntervalMs);
    connect(&m_flushTimer, &QTimer::timeout, this, &LogModel::flush);
}

LogModel::~LogModel() = default;

int LogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int LogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant LogModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const LogEntry &e = entry(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case TimeColumn:
            return e.time.toLocalTime().toString(QStringLiteral("hh:mm:ss.zzz"));
        case DirectionColumn:
            return directionText(e);
        case PeerColumn:
            return peerText(e);
        case SizeColumn:
            return e.hasPayload() ? QVariant(e.payload.size()) : QVariant();
        case DataColumn:
            if (e.isTraffic())
                return PayloadCodec::displayText(e.payload, m_format, DataColumnBytes, DataColumnCharacters);
            if (e.isFramedMessage()) // its words, then its bytes
                return QString(e.message + u' '
                               + PayloadCodec::displayText(e.payload, m_format, DataColumnBytes, DataColumnCharacters));
            return e.message;
        }
        return {};
    case Qt::ToolTipRole:
        // An event's words run past the column; the step to try is often at their end.
        if (!e.hasPayload())
            return e.message;
        if (e.isCut())
            return SocketHint::datagramCut(e.arrivedBytes(), e.payload.size());
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == SizeColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case DirectionRole:
        return int(e.direction);
    case PayloadRole:
        return e.payload;
    case MessageRole:
        return e.message;
    case AutoReplyRole:
        return int(e.autoReply);
    case ArrivedRole:
        return e.arrivedBytes();
    }
    return {};
}

QString LogModel::directionText(const LogEntry &entry)
{
    switch (entry.direction) {
    case Direction::Received:
        // A datagram that a read limit cut: its tooltip and detail say how much arrived.
        return entry.isCut() ? tr("Received (cut)") : tr("Received");
    case Direction::Sent: break;
    case Direction::Info: return tr("Info");
    case Direction::Error: return tr("Error");
    case Direction::Call: return entry.callError() != 0 ? tr("Call failed") : tr("Call");
    }
    switch (entry.autoReply) {
    case AutoReply::None: return tr("Sent");
    case AutoReply::Echo: return tr("Echo reply");
    case AutoReply::Timestamp: return tr("Timestamp reply");
    case AutoReply::Relay:
        // The chat room's own words (who joined, who left) come from nobody.
        return entry.isRelayed() && entry.peer.isNull() ? tr("Announced") : tr("Relayed");
    }
    return tr("Sent");
}

QString LogModel::peerText(const LogEntry &entry)
{
    if (!entry.isRelayed())
        return entry.peer.toString(entry.peerName);
    const QString to = entry.fanOut() == 1
            ? entry.message
            : tr("%Ln others", nullptr, pluralCount(quint64(entry.fanOut())));
    if (entry.peer.isNull()) // an announcement: the chat room's own words
        return tr("→ %1").arg(to);
    return tr("%1 → %2").arg(entry.peer.toString(entry.peerName), to);
}

QVariant LogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case TimeColumn: return tr("Time");
    case DirectionColumn: return tr("Direction");
    case PeerColumn: return tr("Peer");
    case SizeColumn: return tr("Bytes");
    case DataColumn: return tr("Data");
    }
    return {};
}

void LogModel::setDisplayFormat(const PayloadCodec::DisplayFormat &format)
{
    if (format == m_format)
        return;
    m_format = format;
    if (!m_entries.empty())
        Q_EMIT dataChanged(index(0, DataColumn), index(rowCount() - 1, DataColumn), { Qt::DisplayRole });
}

void LogModel::append(LogEntry entry)
{
    m_pendingBytes += entry.payload.size();
    m_pending.push_back(std::move(entry));
    if (m_payloadBytes + m_pendingBytes > m_payloadBudget)
        makeRoom();
    if (!m_flushTimer.isActive())
        m_flushTimer.start();
}

// Large payloads: the rows and the queue together hold no more than the budget, so that the
// heap reuses the memory of the rows that leave for the ones that come. The oldest rows leave
// now, an eighth of the budget at a time; a queue that outgrows the budget by itself is applied.
void LogModel::makeRoom()
{
    if (m_pendingBytes > m_payloadBudget) {
        flush();
        return;
    }
    const quint64 evictedBefore = m_evictedCount;
    const qsizetype target = m_payloadBudget - m_payloadBudget / 8;
    qsizetype count = 0;
    qsizetype bytes = m_payloadBytes + m_pendingBytes;
    while (count < qsizetype(m_entries.size()) && bytes > target)
        bytes -= m_entries[std::size_t(count++)].payload.size();
    evictOldest(count);
    if (m_evictedCount != evictedBefore) {
        Heap::returnFreedMemoryWhenQuiet();
        Q_EMIT evictedCountChanged(m_evictedCount);
    }
}

void LogModel::flush()
{
    m_flushTimer.stop();
    if (m_pending.empty())
        return;
    // Known before the rows go in, so that views hear of a flood with the rows it brings.
    m_busy = qsizetype(m_pending.size()) >= BusyRows || m_pendingBytes >= BusyBytes;
    const quint64 evictedBefore = m_evictedCount;
    // A burst larger than a cap: its older part never reaches the view. The newest stays.
    auto firstShown = m_pending.end() - 1;
    qsizetype incomingBytes = firstShown->payload.size();
    while (firstShown != m_pending.begin() && m_pending.end() - firstShown < m_capacity
           && incomingBytes + (firstShown - 1)->payload.size() <= m_payloadBudget) {
        --firstShown;
        incomingBytes += firstShown->payload.size();
    }
    m_evictedCount += quint64(firstShown - m_pending.begin());
    const auto incoming = qsizetype(std::distance(firstShown, m_pending.end()));
    evictToFit(incoming, incomingBytes);

    const int first = int(m_entries.size());
    beginInsertRows({}, first, first + int(incoming) - 1);
    std::move(firstShown, m_pending.end(), std::back_inserter(m_entries));
    m_payloadBytes += incomingBytes;
    endInsertRows();
    // A flood's queue does not keep its room once the flood is over.
    if (m_pending.capacity() > std::size_t(BusyRows))
        std::vector<LogEntry>().swap(m_pending);
    else
        m_pending.clear();
    m_pendingBytes = 0;
    // Evicted rows leave holes among the rows kept, and a flood's queues are freed once
    // applied; once the flood stops, their pages go back to the system.
    if (m_busy || m_evictedCount != evictedBefore)
        Heap::returnFreedMemoryWhenQuiet();
    if (m_evictedCount != evictedBefore)
        Q_EMIT evictedCountChanged(m_evictedCount);
}

// Evicts the oldest rows until `incomingRows` more rows and `incomingBytes` more payload fit
// both caps.
void LogModel::evictToFit(qsizetype incomingRows, qsizetype incomingBytes)
{
    qsizetype count = std::max<qsizetype>(0, qsizetype(m_entries.size()) + incomingRows - m_capacity);
    qsizetype bytes = m_payloadBytes + incomingBytes;
    for (qsizetype i = 0; i < count; ++i)
        bytes -= m_entries[std::size_t(i)].payload.size();
    while (count < qsizetype(m_entries.size()) && bytes > m_payloadBudget) {
        bytes -= m_entries[std::size_t(count)].payload.size();
        ++count;
    }
    evictOldest(count);
}

void LogModel::evictOldest(qsizetype count)
{
    count = std::min(count, qsizetype(m_entries.size()));
    if (count <= 0)
        return;
    beginRemoveRows({}, 0, int(count) - 1);
    for (auto it = m_entries.begin(); it != m_entries.begin() + count; ++it)
        m_payloadBytes -= it->payload.size();
    m_entries.erase(m_entries.begin(), m_entries.begin() + count);
    endRemoveRows();
    m_evictedCount += quint64(count);
}

void LogModel::clear()
{
    m_flushTimer.stop();
    beginResetModel();
    // Swap with empty containers so that the memory really goes back, not just the rows.
    std::deque<LogEntry>().swap(m_entries);
    std::vector<LogEntry>().swap(m_pending);
    m_payloadBytes = m_pendingBytes = 0;
    m_busy = false;
    endResetModel();
    Heap::returnFreedMemory();
    if (m_evictedCount != 0) {
        m_evictedCount = 0;
        Q_EMIT evictedCountChanged(0);
    }
}

void LogModel::setCapacity(qsizetype capacity)
{
    m_capacity = std::max<qsizetype>(1, capacity);
    applyCaps();
    Q_EMIT limitsChanged();
}

void LogModel::setPayloadBudget(qsizetype bytes)
{
    m_payloadBudget = std::max<qsizetype>(1, bytes);
    applyCaps();
    Q_EMIT limitsChanged();
}

// After a cap shrank: the rows beyond it leave now. The newest row stays.
void LogModel::applyCaps()
{
    const quint64 evictedBefore = m_evictedCount;
    const auto size = qsizetype(m_entries.size());
    qsizetype count = std::max<qsizetype>(0, size - m_capacity);
    qsizetype bytes = m_payloadBytes;
    for (qsizetype i = 0; i < count; ++i)
        bytes -= m_entries[std::size_t(i)].payload.size();
    while (count + 1 < size && bytes > m_payloadBudget) {
        bytes -= m_entries[std::size_t(count)].payload.size();
        ++count;
    }
    evictOldest(count);
    if (m_evictedCount != evictedBefore)
        Q_EMIT evictedCountChanged(m_evictedCount);
}
