#pragma once

#include "log/logentry.h"

#include <QList>
#include <QString>

#include <deque>
#include <unordered_map>

// Where the sequence diagram draws each row of a log: one lifeline for each address:port in
// the order they first appear (this socket's own before the peer of the same row, so this
// socket comes first), time going down, and a gap in time longer than GapMs drawn as a break
// of its own height above the row after it, whatever its length.
//
// Built as rows come (append(), removeFirst() for the rows a cap evicts), never all at once
// per paint: each row keeps its top, so finding the rows in view (rowAt()) is a binary search
// and a paint touches only those. Pure geometry, without a painter, so tests check it.
class SequenceLayout final
{
public:
    // The sizes the diagram draws with (from its font).
    struct Metrics
    {
        int rowHeight = 36; // an arrow with its label above it, or a note
        int segmentHeight = 20; // one segment of a TCP event, with its name above it
        int breakHeight = 22; // a compressed gap in time
        int lifelineSpacing = 240;
        int timeColumn = 100; // the times, left of the first lifeline
    };
    // A pause longer than this is drawn as a break rather than at the rows' usual distance.
    static constexpr qint64 GapMs = 1000;

    enum class Shape : quint8 {
        Arrow, // a datagram or a chunk, between this socket's lifeline and its peer's
        Broadcast, // a relayed message: from this socket to every other peer
        Segments, // a TCP connection's opening or end, as the segments it stands for
        Note, // an event or a socket call, beside this socket's lifeline
        Error, // a mark on this socket's lifeline
    };
    struct Row
    {
        qint64 top = 0; // since the first row appended after clear(); its break comes first
        qint64 gapMs = 0; // the pause before it, when more than GapMs; else 0
        int height = 0; // with its break
        int local = -1; // lifelines
        int peer = -1; // -1 where the row has none
        int reached = -1; // a Broadcast's recipients: see reached()
        Shape shape = Shape::Note;
        TcpEvent event = TcpEvent::None;
        Direction direction = Direction::Info;
    };
    struct Lifeline
    {
        Endpoint endpoint; // null for this socket before it had an address
        QString name; // the peer's ("user4"), if it has one
        bool local = false;
        // This socket connected out (a client): its connection's end is the socket's end, and
        // the rows after it with no address are another socket's.
        bool connects = false;
        bool ended = false;
    };
    // One segment of a TCP event: its name, and whether this socket sent it.
    struct Segment
    {
        const char *name;
        bool outgoing;
    };

    const Metrics &metrics() const { return m_metrics; }
    void setMetrics(const Metrics &metrics); // clears: tops depend on the sizes

    void clear();
    void append(const LogEntry &entry);
    // The first `count` rows left the log (a cap).
    void removeFirst(int count);

    int rowCount() const { return int(m_rows.size()); }
    const Row &row(int index) const { return m_rows[std::size_t(index)]; }
    // The lifelines an arrow goes from and to: a datagram or chunk received comes from the
    // peer to this socket, one sent goes the other way.
    std::pair<int, int> arrowEnds(int index) const;
    // The lifelines a relayed message (Broadcast) went to, left to right: the peers connected
    // at the time (from their first row to their connection's end), but the one it came from.
    // Empty for any other row.
    QList<int> reached(int index) const;
    // Where a row starts, its break included, with 0 at the top of the first row kept.
    qint64 rowTop(int index) const { return row(index).top - origin(); }
    // Where the row itself starts, below its break.
    qint64 bodyTop(int index) const;
    // The row at `y` (as rowTop()), -1 past the end; a break belongs to the row below it.
    int rowAt(qint64 y) const;
    qint64 height() const;

    int lifelineCount() const { return int(m_lifelines.size()); }
    const Lifeline &lifeline(int index) const { return m_lifelines.at(index); }
    int lifelineX(int index) const;
    int width() const;

    // What a TCP event stands for, in order.
    static QList<Segment> segments(TcpEvent event);

private:
    struct EndpointHash
    {
        std::size_t operator()(const Endpoint &endpoint) const;
    };

    qint64 origin() const { return m_rows.empty() ? 0 : m_rows.front().top; }
    int localLine(const Endpoint &endpoint);
    int peerLine(const Endpoint &endpoint, const QString &name);
    int heightOf(const Row &row) const;
    void follow(const Row &row);

    Metrics m_metrics;
    std::deque<Row> m_rows;
    qint64 m_bottom = 0; // where the next row starts
    qint64 m_lastMs = -1; // the time of the last row appended
    QList<Lifeline> m_lifelines;
    std::unordered_map<Endpoint, int, EndpointHash> m_lines;
    int m_local = -1; // the lifeline of this socket's rows that name no local endpoint
    // The peers connected now, in order; each change makes a new set, which the broadcasts
    // after it share. m_reachedSets.front() is set number m_firstSet: a row's `reached`.
    QList<int> m_connected;
    bool m_connectedChanged = true;
    std::deque<QList<int>> m_reachedSets;
    int m_firstSet = 0;
    // A flood comes from one peer: its rows find their lifeline without a lookup.
    Endpoint m_lastPeer;
    int m_lastPeerLine = -1;
};
