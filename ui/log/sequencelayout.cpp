#include "log/sequencelayout.h"

#include <QHash>

#include <algorithm>

std::size_t SequenceLayout::EndpointHash::operator()(const Endpoint &endpoint) const
{
    return qHash(endpoint.address, endpoint.port);
}

void SequenceLayout::setMetrics(const Metrics &metrics)
{
    m_metrics = metrics;
    clear();
}

void SequenceLayout::clear()
{
    m_rows.clear();
    m_bottom = 0;
    m_lastMs = -1;
    m_lifelines.clear();
    m_lines.clear();
    m_local = -1;
    m_connected.clear();
    m_connectedChanged = true;
    m_reachedSets.clear();
    m_firstSet = 0;
    m_lastPeer = {};
    m_lastPeerLine = -1;
}

QList<SequenceLayout::Segment> SequenceLayout::segments(TcpEvent event)
{
    switch (event) {
    case TcpEvent::None:
        break;
    case TcpEvent::Connected:
        return { { "SYN", true }, { "SYN-ACK", false }, { "ACK", true } };
    case TcpEvent::Accepted:
        return { { "SYN", false }, { "SYN-ACK", true }, { "ACK", false } };
    case TcpEvent::ClosedByUs:
        return { { "FIN", true }, { "ACK", false } };
    case TcpEvent::ClosedByPeer:
        return { { "FIN", false }, { "ACK", true }, { "FIN", true }, { "ACK", false } };
    case TcpEvent::AbortedByUs:
        return { { "RST", true } };
    case TcpEvent::ResetByPeer:
        return { { "RST", false } };
    }
    return {};
}

// This socket's lifeline. Rows from before it had an address (looking up, connecting) share
// one, which takes the address once the socket has one. Once a client's connection has ended,
// such rows are the next attempt's: a new socket, on a lifeline of its own.
int SequenceLayout::localLine(const Endpoint &endpoint)
{
    const bool current = m_local >= 0 && !m_lifelines.at(m_local).ended;
    if (endpoint.isNull() && current)
        return m_local;
    if (m_local >= 0 && !endpoint.isNull() && endpoint == m_lifelines.at(m_local).endpoint)
        return m_local; // most rows: no lookup
    if (!endpoint.isNull()) {
        if (const auto found = m_lines.find(endpoint); found != m_lines.end())
            return m_local = found->second;
        if (current && m_lifelines.at(m_local).endpoint.isNull()) {
            m_lifelines[m_local].endpoint = endpoint;
            m_lines.emplace(endpoint, m_local);
            return m_local;
        }
        m_lines.emplace(endpoint, int(m_lifelines.size()));
    }
    m_lifelines.append(Lifeline { endpoint, {}, true });
    return m_local = int(m_lifelines.size()) - 1;
}

int SequenceLayout::peerLine(const Endpoint &endpoint, const QString &name)
{
    if (endpoint.isNull())
        return -1;
    int line = -1;
    if (m_lastPeerLine >= 0 && endpoint == m_lastPeer) {
        line = m_lastPeerLine;
    } else if (const auto found = m_lines.find(endpoint); found != m_lines.end()) {
        line = found->second;
    } else {
        line = int(m_lifelines.size());
        m_lines.emplace(endpoint, line);
        m_lifelines.append(Lifeline { endpoint, {}, false });
    }
    // A socket call's row names no client; the first row that does names the lifeline.
    if (!name.isEmpty() && m_lifelines.at(line).name.isEmpty())
        m_lifelines[line].name = name;
    m_lastPeer = endpoint;
    m_lastPeerLine = line;
    return line;
}

int SequenceLayout::heightOf(const Row &row) const
{
    const int breakHeight = row.gapMs > 0 ? m_metrics.breakHeight : 0;
    if (row.shape != Shape::Segments)
        return breakHeight + m_metrics.rowHeight;
    const auto count = int(segments(row.event).size());
    return breakHeight + count * m_metrics.segmentHeight + m_metrics.segmentHeight / 2;
}

void SequenceLayout::append(const LogEntry &entry)
{
    Row row;
    row.direction = entry.direction;
    row.event = entry.tcpEvent();
    row.local = localLine(entry.local);
    row.peer = peerLine(entry.peer, entry.peerName);
    follow(row);
    if (entry.isRelayed()) {
        row.shape = Shape::Broadcast;
        if (m_connectedChanged || m_reachedSets.empty()) {
            m_reachedSets.push_back(m_connected);
            m_connectedChanged = false;
        }
        row.reached = m_firstSet + int(m_reachedSets.size()) - 1;
    } else if (entry.isTraffic()) {
        row.shape = row.peer >= 0 ? Shape::Arrow : Shape::Note;
    } else if (row.event != TcpEvent::None && row.peer >= 0) {
        row.shape = Shape::Segments;
    } else if (entry.direction == Direction::Error) {
        row.shape = Shape::Error;
    } else {
        row.shape = Shape::Note;
    }
    const qint64 ms = entry.time.toMSecsSinceEpoch();
    if (m_lastMs >= 0 && ms - m_lastMs > GapMs)
        row.gapMs = ms - m_lastMs;
    m_lastMs = ms;
    row.top = m_bottom;
    row.height = heightOf(row);
    m_bottom += row.height;
    m_rows.push_back(row);
}

// Which peers are connected, and whether a client's own socket has ended. A peer is taken
// for connected from its first row (its opening may be filtered out) to its connection's end.
void SequenceLayout::follow(const Row &row)
{
    const bool ends = row.event == TcpEvent::ClosedByUs || row.event == TcpEvent::ClosedByPeer
        || row.event == TcpEvent::AbortedByUs || row.event == TcpEvent::ResetByPeer;
    if (row.event == TcpEvent::Connected)
        m_lifelines[row.local].connects = true;
    if (ends && m_lifelines.at(row.local).connects)
        m_lifelines[row.local].ended = true;
    if (row.peer < 0)
        return;
    const auto at = std::lower_bound(m_connected.begin(), m_connected.end(), row.peer);
    const bool connected = at != m_connected.end() && *at == row.peer;
    if (ends && connected) {
        m_connected.erase(at);
        m_connectedChanged = true;
    } else if (!ends && !connected) {
        m_connected.insert(at, row.peer);
        m_connectedChanged = true;
    }
}

void SequenceLayout::removeFirst(int count)
{
    count = std::clamp(count, 0, rowCount());
    // The recipients' sets of the rows that leave go with them; the rows kept refer to the
    // last of those sets or later ones.
    int lastSet = -1;
    for (auto r = m_rows.cbegin(); r != m_rows.cbegin() + count; ++r)
        lastSet = std::max(lastSet, r->reached);
    m_rows.erase(m_rows.begin(), m_rows.begin() + count);
    while (lastSet > m_firstSet && !m_reachedSets.empty()) {
        m_reachedSets.pop_front();
        ++m_firstSet;
    }
}

QList<int> SequenceLayout::reached(int index) const
{
    const Row &r = row(index);
    if (r.reached < m_firstSet)
        return {};
    QList<int> lines = m_reachedSets[std::size_t(r.reached - m_firstSet)];
    lines.removeOne(r.peer);
    return lines;
}

std::pair<int, int> SequenceLayout::arrowEnds(int index) const
{
    const Row &r = row(index);
    if (r.direction == Direction::Received)
        return { r.peer, r.local };
    return { r.local, r.peer };
}

qint64 SequenceLayout::bodyTop(int index) const
{
    const Row &r = row(index);
    return rowTop(index) + (r.gapMs > 0 ? m_metrics.breakHeight : 0);
}

int SequenceLayout::rowAt(qint64 y) const
{
    if (y < 0 || m_rows.empty())
        return -1;
    const qint64 top = y + origin();
    // The first row that starts below y; the one before it holds y.
    const auto after = std::upper_bound(m_rows.cbegin(), m_rows.cend(), top,
                                        [](qint64 value, const Row &r) { return value < r.top; });
    const auto index = int(after - m_rows.cbegin()) - 1;
    if (index < 0 || top >= m_rows[std::size_t(index)].top + m_rows[std::size_t(index)].height)
        return -1;
    return index;
}

qint64 SequenceLayout::height() const
{
    return m_rows.empty() ? 0 : m_bottom - origin();
}

int SequenceLayout::lifelineX(int index) const
{
    return m_metrics.timeColumn + index * m_metrics.lifelineSpacing + m_metrics.lifelineSpacing / 2;
}

int SequenceLayout::width() const
{
    return m_metrics.timeColumn + lifelineCount() * m_metrics.lifelineSpacing;
}
