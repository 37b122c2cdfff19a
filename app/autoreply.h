#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>

#include <optional>

// What a session answers by itself to every message it receives.
enum class AutoReply { None, Echo, Timestamp };

namespace AutoReplies {

// The reply to `payload`, or nothing for AutoReply::None. Timestamp answers like the classic
// tutorial server: "[Sat Nov 21 14:28:49 2026] <payload>", the time formatted as ctime() does.
std::optional<QByteArray> replyTo(AutoReply mode, const QByteArray &payload, const QDateTime &now);

QString key(AutoReply mode); // "none", "echo", "timestamp": the command line and settings words
std::optional<AutoReply> fromKey(QStringView key);

} // namespace AutoReplies
