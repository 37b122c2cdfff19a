#include "net/autoreply.h"

#include <QLocale>

namespace AutoReplies {

std::optional<QByteArray> replyTo(AutoReply mode, const QByteArray &payload, const QDateTime &now)
{
    switch (mode) {
    case AutoReply::None:
    case AutoReply::Relay:
        return std::nullopt;
    case AutoReply::Echo:
        return payload;
    case AutoReply::Timestamp: {
        // ctime(): "Sat Nov  1 09:05:03 2026", the day of the month padded with a space.
        const QLocale c = QLocale::c();
        const QString stamp = c.toString(now, u"ddd MMM ")
                + QStringLiteral("%1").arg(now.date().day(), 2)
                + c.toString(now, u" hh:mm:ss yyyy");
        return '[' + stamp.toLatin1() + "] " + payload;
    }
    }
    return std::nullopt;
}

} // namespace AutoReplies
