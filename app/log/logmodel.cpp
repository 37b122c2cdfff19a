#include "log/logmodel.h"

#include "system/heap.h"
#include "text/payloadcodec.h"

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
            switch (e.direction) {
            case Direction::Received: return tr("Received");
            case Direction::Sent: return tr("Sent");
            case Direction::Info: return tr("Info");
            case Direction::Error: return tr("Error");
            }
            return {};
        case PeerColumn:
            return e.peer.toString();
        case SizeColumn:
            return e.hasPayload() ? QVariant(e.payload.size()) : QVariant();
        case DataColumn:
            if (e.isTraffic())
                return PayloadCodec::escapedText(e.payload, DataColumnBytes);
            if (e.isFramedMessage()) // its words, then its bytes
                return QString(e.message + u' ' + PayloadCodec::escapedText(e.payload, DataColumnBytes));
            return e.message;
        }
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
    }
    return {};
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

void LogModel::append(LogEntry entry)
{
    m_pending.push_back(std::move(entry));
    if (!m_flushTimer.isActive())
        m_flushTimer.start();
}

void LogModel::flush()
{
    m_flushTimer.stop();
    if (m_pending.empty())
        return;
    const quint64 evictedBefore = m_evictedCount;
    auto firstShown = m_pending.begin();
    // A burst larger than the cap: the older part of it never reaches the view.
    if (qsizetype(m_pending.size()) > m_capacity) {
        const auto skipped = qsizetype(m_pending.size()) - m_capacity;
        firstShown += skipped;
        m_evictedCount += quint64(skipped);
    }
    const auto incoming = qsizetype(std::distance(firstShown, m_pending.end()));
    evictOldest(qsizetype(m_entries.size()) + incoming - m_capacity);

    const int first = int(m_entries.size());
    beginInsertRows({}, first, first + int(incoming) - 1);
    std::move(firstShown, m_pending.end(), std::back_inserter(m_entries));
    endInsertRows();
    m_pending.clear();
    if (m_evictedCount != evictedBefore) {
        // Evicted rows leave holes among the rows kept; once the flood stops, their pages go
        // back to the system.
        Heap::returnFreedMemoryWhenQuiet();
        Q_EMIT evictedCountChanged(m_evictedCount);
    }
}

void LogModel::evictOldest(qsizetype count)
{
    count = std::min(count, qsizetype(m_entries.size()));
    if (count <= 0)
        return;
    beginRemoveRows({}, 0, int(count) - 1);
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
    const quint64 evictedBefore = m_evictedCount;
    evictOldest(qsizetype(m_entries.size()) - m_capacity);
    if (m_evictedCount != evictedBefore)
        Q_EMIT evictedCountChanged(m_evictedCount);
}
