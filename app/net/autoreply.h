#pragma once

#include "text/enumkeys.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>

#include <array>
#include <optional>

// What a session answers by itself to every message it receives. Relay is a TCP server's chat
// room: every client's data goes to every other client (like `ncat --chat`).
enum class AutoReply : quint8 { None, Echo, Timestamp, Relay };
constexpr std::array<EnumKey<AutoReply>, 4> enumKeys(AutoReply)
{
    return { { { AutoReply::None, "none" },
               { AutoReply::Echo, "echo" },
               { AutoReply::Timestamp, "timestamp" },
               { AutoReply::Relay, "relay" } } };
}

namespace AutoReplies {

// The reply to `payload`, or nothing for AutoReply::None and Relay (which answers others). Timestamp answers like the classic
// tutorial server: "[Sat Nov 21 14:28:49 2026] <payload>", the time formatted as ctime() does.
std::optional<QByteArray> replyTo(AutoReply mode, const QByteArray &payload, const QDateTime &now);

} // namespace AutoReplies
