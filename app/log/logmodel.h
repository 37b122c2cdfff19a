#pragma once

#include "log/logentry.h"
#include "text/payloadcodec.h"

#include <QAbstractTableModel>
#include <QTimer>

#include <deque>
#include <vector>

// The live log of one session: a capped buffer of LogEntry values.
//
// append() only queues; a short timer applies the queue in one batch, with one
// beginRemoveRows() for the rows the caps evict and one beginInsertRows() for the new ones.
// A flood of datagrams therefore costs the view one update per interval, not one per packet.
// A batch of BusyRows rows or BusyBytes of payload is a flood's (isBusy()): views may then paint
// less often than batches come, so that painting does not take the time reading needs.
//
// Two caps bound it: a number of rows, and a budget of payload bytes, so that a few large
// payloads cannot take more memory than a flood of small ones. The oldest rows leave when
// either is reached, and are counted; the newest row always stays, however large. The rows and
// the queue together keep within the budget: when an arrival would pass it, the oldest rows
// leave at once, and a queue that outgrows it by itself is applied at once.
class LogModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LogModel)

public:
    enum Column { TimeColumn, DirectionColumn, PeerColumn, SizeColumn, DataColumn, ColumnCount };
    enum Role {
        DirectionRole = Qt::UserRole + 1, // int(Direction), for delegates and filters
        PayloadRole, // QByteArray
        MessageRole, // QString
        AutoReplyRole, // int(AutoReply): a send that an auto-reply made, or None
        ArrivedRole, // qsizetype: a datagram that a read limit cut, its size as it arrived; or 0
    };
    Q_ENUM(Column)

    static constexpr qsizetype DefaultCapacity = 100'000;
    static constexpr qsizetype DefaultPayloadBudget = qsizetype(128) << 20;
    static constexpr int DefaultFlushIntervalMs = 30;
    static constexpr qsizetype BusyRows = 1000;
    static constexpr qsizetype BusyBytes = qsizetype(4) << 20;
    // Longer payloads are cut in the Data column, to what a wide screen shows of them; the
    // detail pane shows them whole.
    static constexpr qsizetype DataColumnBytes = 256;
    static constexpr qsizetype DataColumnCharacters = 200;

    explicit LogModel(QObject *parent = nullptr);
    ~LogModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    const LogEntry &entry(int row) const { return m_entries[std::size_t(row)]; }

    // The Direction column's word for `entry`: "Received", "Received (cut)" (a datagram that a
    // read limit cut), "Sent", "Echo reply", "Relayed", "Announced" (a relay's own words), …
    static QString directionText(const LogEntry &entry);
    // The Peer column's: "127.0.0.1:41000", "user4 (127.0.0.1:41000)", and for a relayed
    // message who it came from and whom it went to, "user6 (127.0.0.1:41006) → 3 others"
    // ("→ 3 others" for an announcement).
    static QString peerText(const LogEntry &entry);

    // How the Data column shows payloads: text in an encoding, or hex.
    PayloadCodec::DisplayFormat displayFormat() const { return m_format; }
    void setDisplayFormat(const PayloadCodec::DisplayFormat &format);

    void append(LogEntry entry);
    void flush();
    void clear();

    qsizetype capacity() const { return m_capacity; }
    void setCapacity(qsizetype capacity);
    // Payload bytes the rows may hold together.
    qsizetype payloadBudget() const { return m_payloadBudget; }
    void setPayloadBudget(qsizetype bytes);
    qsizetype payloadBytes() const { return m_payloadBytes; }
    // Rows that left the view because of a cap since the last clear().
    quint64 evictedCount() const { return m_evictedCount; }
    qsizetype pendingCount() const { return qsizetype(m_pending.size()); }

    // Whether the last batch was a flood's: then views may paint less often than rows come.
    bool isBusy() const { return m_busy; }
    int flushInterval() const { return m_flushTimer.interval(); }
    void setFlushInterval(int milliseconds) { m_flushTimer.setInterval(milliseconds); }

Q_SIGNALS:
    void evictedCountChanged(quint64 count);
    // The row cap or the payload budget changed.
    void limitsChanged();

private:
    void evictOldest(qsizetype count);
    void makeRoom();
    void evictToFit(qsizetype incomingRows, qsizetype incomingBytes);
    void applyCaps();

    std::deque<LogEntry> m_entries;
    std::vector<LogEntry> m_pending;
    qsizetype m_capacity = DefaultCapacity;
    qsizetype m_payloadBudget = DefaultPayloadBudget;
    qsizetype m_payloadBytes = 0; // of m_entries
    qsizetype m_pendingBytes = 0;
    PayloadCodec::DisplayFormat m_format;
    quint64 m_evictedCount = 0;
    QTimer m_flushTimer;
    bool m_busy = false; // the last batch was a flood's
};
