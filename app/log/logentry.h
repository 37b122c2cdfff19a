#pragma once

#include "log/peername.h"
#include "net/autoreply.h"
#include "net/endpoint.h"
#include "net/faultspec.h"
#include "net/tcpevent.h"
#include "net/transport.h"
#include "text/enumkeys.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>

#include <array>

// Received and Sent are traffic and carry a payload; Info and Error are events and carry a
// message in plain words; a Call is a socket call the session made, whose message is the call
// in Python (Session::called()). The keys are the recording's "kind" words.
enum class Direction : quint8 { Received, Sent, Info, Error, Call };
constexpr std::array<EnumKey<Direction>, 5> enumKeys(Direction)
{
    return { { { Direction::Received, "recv" },
               { Direction::Sent, "send" },
               { Direction::Info, "info" },
               { Direction::Error, "error" },
               { Direction::Call, "call" } } };
}

// One row of the log and one line of the recording. A plain value: cheap to copy, since the
// payload and strings are implicitly shared.
struct LogEntry
{
    QDateTime time; // UTC: cheap to take for every datagram; shown and recorded in local time
    QString session;
    Transport transport = Transport::Udp;
    Direction direction = Direction::Info;
    // Small fields together, in the room the two above leave before the endpoints: a log
    // holds a row for each datagram of a flood, and every byte of a row counts there.
    // A send that an auto-reply made, not the user: echo, timestamp, or relay (which also
    // makes a chat room's announcements).
    AutoReply autoReply = AutoReply::None;
    // An entry a fault on purpose made (FaultInjector): an Info row that says what was done
    // ("dropped on purpose (drop 50%)"), never to be taken for a real loss.
    Fault fault = Fault::None;
    // A number whose meaning is the row's (a row has no room for two, see below, and no row
    // needs both):
    // - a relayed message (Sent, Relay), once for every client it went to: how many it went
    //   to (fanOut()). Its peer is the client it came from (null for an announcement), its
    //   message the recipients;
    // - a datagram that a read limit cut (Received): how many bytes arrived (arrivedBytes());
    //   the payload is the part kept, as recvfrom(N) hands it to a program;
    // - a socket call that failed (Call): its errno (callError()), negative for
    //   getaddrinfo()'s EAI_ codes;
    // - a TCP connection's opening or end (Info or Error): what it put on the wire
    //   (tcpEvent()), for the sequence diagram.
    qint32 count = 0;
    Endpoint local;
    Endpoint peer;
    QByteArray payload; // exact bytes, never re-encoded
    QString message; // Info and Error; a relayed message's recipients
    PeerName peerName {}; // who the peer is to the session ("user4"); empty when it has no name

    bool isTraffic() const
    {
        return direction == Direction::Received || direction == Direction::Sent;
    }
    // A complete message cut from a byte stream by a framing: an Info row that carries the
    // message's bytes, which also arrived in the Received chunks before it.
    bool isFramedMessage() const { return direction == Direction::Info && !payload.isEmpty(); }
    // Whether the entry is about bytes (traffic, even an empty datagram, or a framed message):
    // then its size, its bytes as text and as hex are shown and recorded.
    bool hasPayload() const { return isTraffic() || !payload.isEmpty(); }
    bool isRelayed() const { return direction == Direction::Sent && count > 0; }
    qint32 fanOut() const { return isRelayed() ? count : 0; }
    // A datagram that a read limit cut: its size as it arrived; 0 when it is whole.
    qsizetype arrivedBytes() const { return direction == Direction::Received ? count : 0; }
    bool isCut() const { return arrivedBytes() > 0; }
    int callError() const { return direction == Direction::Call ? count : 0; }
    TcpEvent tcpEvent() const
    {
        const bool isEvent = direction == Direction::Info || direction == Direction::Error;
        return isEvent && payload.isEmpty() ? TcpEvent(count) : TcpEvent::None;
    }
};
// The log keeps its rows in a std::deque, whose blocks are 512 bytes in libstdc++: at 128
// bytes four rows fit in a block, at 129 only three, and a full log costs a third more.
static_assert(sizeof(void *) != 8 || sizeof(LogEntry) <= 128,
              "a log row grew past 128 bytes: a full log's memory grows by a third");
