#pragma once

#include <QColor>
#include <QHash>
#include <QString>

#include <iterator>

// The colours that carry meaning, in one place: what was received, what was sent, and what
// went wrong, wherever a log row, a chat line or a field shows them.
namespace Palette {

inline QColor received()
{
    return QColor(0x00, 0x5a, 0xa0);
}

inline QColor sent()
{
    return QColor(0x1b, 0x6e, 0x20);
}

inline QColor error()
{
    return QColor(0xb0, 0x00, 0x20);
}

// A socket call (the Python line of a call the session made).
inline QColor call()
{
    return QColor(0x6a, 0x3d, 0x9a);
}

// A step that has not happened yet, as in the TCP client's life strip.
inline QColor notYet()
{
    return QColor(Qt::gray);
}

// The chat's bubbles: green for what this session sent, and a hue of its own for each peer.
inline QColor sentBubble()
{
    return QColor::fromHsv(125, 170, 165);
}

// What an auto-reply (echo, timestamp, relay) sent: not the user's green.
inline QColor autoBubble()
{
    return QColor::fromHsv(40, 120, 150);
}

inline QColor peerBubble(const QString &peer)
{
    static constexpr int Hues[] = { 210, 275, 25, 185, 330, 50, 240, 5 };
    const auto hue = Hues[qHash(peer, 0) % std::size(Hues)];
    return QColor::fromHsv(hue, 170, 200);
}

} // namespace Palette
