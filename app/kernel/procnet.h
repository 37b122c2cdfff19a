#pragma once

#include "kernel/tcpreading.h"
#include "net/endpoint.h"

#include <QByteArrayView>
#include <QList>

#include <optional>

// The tables of sockets the Linux kernel writes in /proc/net/tcp, tcp6, udp and udp6: one
// line for each socket, after a header line. The columns (whitespace-separated):
//
//     sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout
//      0: 0100007F:1F90 0100007F:A2C4 06 00000000:00000000 03:00001770 00000000     0        0
//
// and then the inode and more (cut here to fit).//
// Addresses are hexadecimal 32-bit words as the machine stores them (so 127.0.0.1 is 0100007F
// on a little-endian machine; IPv6 is four such words), ports are hexadecimal in the usual
// order, `st` is the TcpState (7, "close", for UDP sockets that are not connected), the queues
// are hexadecimal, `tr` the kind of timer running (3: TIME_WAIT's) and `tm->when` how far away
// it fires, in clock ticks (USER_HZ, sysconf(_SC_CLK_TCK), 100 on Linux). The udp tables end
// each line with the socket's drop counter. A connection in TIME_WAIT has no inode: no program
// holds it any more.
//
// parse() reads such text, pure; it reads the tables of the machine it runs on (the byte order
// of the addresses is the machine's own).
namespace ProcNet {

struct Row
{
    Endpoint local;
    Endpoint remote;
    TcpState state = TcpState::Unknown;
    qint64 sendQueue = 0; // tx_queue
    qint64 receiveQueue = 0; // rx_queue
    int timer = 0; // tr: 0 none, 1 retransmission, 2 keepalive, 3 TIME_WAIT, 4 zero window probe
    qint64 timerMs = 0; // until the timer fires
    quint64 inode = 0;
    std::optional<qint64> drops; // udp tables only
};

// The rows of `text`, a whole table; a line that does not read as a row is left out.
QList<Row> parse(QByteArrayView text, int ticksPerSecond = 100);
// One line of a table; empty for the header or a line that does not read.
std::optional<Row> parseLine(QByteArrayView line, int ticksPerSecond = 100);

// The row of the connection between `local` and `remote`; IPv4 peers of a dual-stack socket,
// which the table writes as ::ffff:a.b.c.d, match their plain IPv4 address.
std::optional<Row> findConnection(const QList<Row> &rows, const Endpoint &local,
                                  const Endpoint &remote);
// The same, read from `table`, the text of a whole table: only the lines with both ports are
// parsed, so that looking for one connection among thousands costs little.
std::optional<Row> findConnection(QByteArrayView table, const Endpoint &local,
                                  const Endpoint &remote, int ticksPerSecond = 100);
std::optional<Row> findInode(const QList<Row> &rows, quint64 inode);

} // namespace ProcNet
