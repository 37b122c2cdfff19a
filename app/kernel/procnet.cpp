#include "kernel/procnet.h"

#include <QVarLengthArray>

#include <cstring>

namespace ProcNet {
namespace {

// Room for a whole line of the tcp tables (17 columns) without a heap allocation.
using Tokens = QVarLengthArray<QByteArrayView, 20>;

// The first `most` whitespace-separated columns of `line`.
Tokens tokens(QByteArrayView line, qsizetype most = 64)
{
    Tokens result;
    qsizetype start = -1;
    for (qsizetype i = 0; i <= line.size(); ++i) {
        const bool space = i == line.size() || line[i] == ' ' || line[i] == '\t';
        if (space && start >= 0) {
            result.append(line.sliced(start, i - start));
            if (result.size() == most)
                break;
            start = -1;
        } else if (!space && start < 0) {
            start = i;
        }
    }
    return result;
}

// A whole number in `base` (16 or 10) that fits in 64 bits; empty for anything else.
std::optional<quint64> number(QByteArrayView text, int base)
{
    if (text.isEmpty() || text.size() > 20)
        return std::nullopt;
    quint64 value = 0;
    for (const char c : text) {
        int digit = -1;
        if (c >= '0' && c <= '9')
            digit = c - '0';
        else if (base == 16 && c >= 'A' && c <= 'F')
            digit = c - 'A' + 10;
        else if (base == 16 && c >= 'a' && c <= 'f')
            digit = c - 'a' + 10;
        if (digit < 0 || value > (~quint64(0) - quint64(digit)) / quint64(base))
            return std::nullopt;
        value = value * quint64(base) + quint64(digit);
    }
    return value;
}

// "A:B" as two hexadecimal numbers.
std::optional<std::pair<quint64, quint64>> hexPair(QByteArrayView text)
{
    const qsizetype colon = text.indexOf(':');
    if (colon < 0)
        return std::nullopt;
    const std::optional<quint64> first = number(text.first(colon), 16);
    const std::optional<quint64> second = number(text.sliced(colon + 1), 16);
    if (!first || !second)
        return std::nullopt;
    return std::pair { *first, *second };
}

// "0100007F:1F90": each 32-bit word as the machine stores it, then the port.
std::optional<Endpoint> endpoint(QByteArrayView text)
{
    const qsizetype colon = text.indexOf(':');
    const std::optional<quint64> port = number(text.sliced(colon + 1), 16);
    if (colon < 0 || (colon != 8 && colon != 32) || !port || *port > 0xFFFF)
        return std::nullopt;
    quint8 bytes[16] = {};
    for (qsizetype word = 0; word < colon / 8; ++word) {
        const std::optional<quint64> value = number(text.sliced(word * 8, 8), 16);
        if (!value)
            return std::nullopt;
        const quint32 stored = quint32(*value);
        std::memcpy(bytes + word * 4, &stored, sizeof stored);
    }
    QHostAddress address;
    if (colon == 8)
        address.setAddress(quint32(bytes[0]) << 24 | quint32(bytes[1]) << 16
                           | quint32(bytes[2]) << 8 | quint32(bytes[3]));
    else
        address.setAddress(bytes);
    return Endpoint { address, quint16(*port) };
}

// The port of "0100007F:1F90", without reading the address; empty if it has none.
std::optional<quint64> portOf(QByteArrayView text)
{
    const qsizetype colon = text.lastIndexOf(':');
    return colon < 0 ? std::nullopt : number(text.sliced(colon + 1), 16);
}

bool sameAddress(const QHostAddress &a, const QHostAddress &b)
{
    return Endpoint::unmapped(a) == Endpoint::unmapped(b);
}

bool sameEndpoint(const Endpoint &a, const Endpoint &b)
{
    return a.port == b.port && sameAddress(a.address, b.address);
}

} // namespace

std::optional<Row> parseLine(QByteArrayView line, int ticksPerSecond)
{
    const Tokens t = tokens(line);
    // sl local remote st tx:rx tr:when retrnsmt uid timeout inode
    if (t.size() < 10 || !t[0].endsWith(':'))
        return std::nullopt;
    const std::optional<Endpoint> local = endpoint(t[1]);
    const std::optional<Endpoint> remote = endpoint(t[2]);
    const std::optional<quint64> state = number(t[3], 16);
    const auto queues = hexPair(t[4]);
    const auto timer = hexPair(t[5]);
    const std::optional<quint64> inode = number(t[9], 10);
    if (!local || !remote || !state || *state > quint64(TcpState::NewSynReceived) || !queues
        || !timer || !inode) {
        return std::nullopt;
    }
    Row row;
    row.local = *local;
    row.remote = *remote;
    row.state = TcpState(*state);
    row.sendQueue = qint64(queues->first);
    row.receiveQueue = qint64(queues->second);
    row.timer = int(timer->first);
    row.timerMs = qint64(timer->second) * 1000 / std::max(1, ticksPerSecond);
    row.inode = *inode;
    // udp: ... inode ref pointer drops; tcp has more columns, none of them a drop counter.
    if (t.size() == 13) {
        if (const std::optional<quint64> drops = number(t[12], 10))
            row.drops = qint64(*drops);
    }
    return row;
}

QList<Row> parse(QByteArrayView text, int ticksPerSecond)
{
    QList<Row> rows;
    qsizetype start = 0;
    while (start < text.size()) {
        qsizetype end = text.indexOf('\n', start);
        if (end < 0)
            end = text.size();
        if (std::optional<Row> row = parseLine(text.sliced(start, end - start), ticksPerSecond))
            rows.append(*row);
        start = end + 1;
    }
    return rows;
}

std::optional<Row> findConnection(const QList<Row> &rows, const Endpoint &local,
                                  const Endpoint &remote)
{
    for (const Row &row : rows) {
        if (sameEndpoint(row.local, local) && sameEndpoint(row.remote, remote))
            return row;
    }
    return std::nullopt;
}

std::optional<Row> findConnection(QByteArrayView table, const Endpoint &local,
                                  const Endpoint &remote, int ticksPerSecond)
{
    qsizetype start = 0;
    while (start < table.size()) {
        qsizetype end = table.indexOf('\n', start);
        if (end < 0)
            end = table.size();
        const QByteArrayView line = table.sliced(start, end - start);
        start = end + 1;
        // The ports first: the other sockets' lines are left at that, their addresses unread.
        const Tokens t = tokens(line, 3);
        if (t.size() < 3 || portOf(t[1]) != quint64(local.port)
            || portOf(t[2]) != quint64(remote.port)) {
            continue;
        }
        const std::optional<Row> row = parseLine(line, ticksPerSecond);
        if (row && sameEndpoint(row->local, local) && sameEndpoint(row->remote, remote))
            return row;
    }
    return std::nullopt;
}

std::optional<Row> findInode(const QList<Row> &rows, quint64 inode)
{
    for (const Row &row : rows) {
        if (row.inode == inode)
            return row;
    }
    return std::nullopt;
}

} // namespace ProcNet
