#include "logentry.h"

QLatin1StringView transportKey(Transport transport)
{
    return transport == Transport::Tcp ? QLatin1StringView("tcp") : QLatin1StringView("udp");
}

QLatin1StringView directionKey(Direction direction)
{
    switch (direction) {
    case Direction::Received: return QLatin1StringView("recv");
    case Direction::Sent: return QLatin1StringView("send");
    case Direction::Info: return QLatin1StringView("info");
    case Direction::Error: return QLatin1StringView("error");
    }
    return {};
}
