#pragma once

#include "endpoint.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>

enum class Transport : quint8 { Udp, Tcp };

// Received and Sent are traffic and carry a payload; Info and Error are events and carry a
// message in plain words.
enum class Direction : quint8 { Received, Sent, Info, Error };

// One row of the log and one line of the recording. A plain value: cheap to copy, since the
// payload and strings are implicitly shared.
struct LogEntry
{
    QDateTime time; // UTC: cheap to take for every datagram; shown and recorded in local time
    QString session;
    Transport transport = Transport::Udp;
    Direction direction = Direction::Info;
    Endpoint local;
    Endpoint peer;
    QByteArray payload; // exact bytes, never re-encoded
    QString message; // Info and Error only

    bool isTraffic() const
    {
        return direction == Direction::Received || direction == Direction::Sent;
    }
    // A complete message cut from a byte stream by a framing: an Info row that carries the
    // message's bytes, which also arrived in the Received chunks before it.
    bool isFramedMessage() const { return direction == Direction::Info && !payload.isEmpty(); }
};

// The words our recording uses: "udp"/"tcp" and "recv"/"send"/"info"/"error".
QLatin1StringView transportKey(Transport transport);
QLatin1StringView directionKey(Direction direction);
