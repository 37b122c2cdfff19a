#include "sessiontab.h"

#include "sessionlog.h"

#include <QLocale>

QString SessionTab::streamStatusText(const QString &state) const
{
    const QLocale locale;
    const SessionLog::Counters &c = sessionLog()->counters();
    return tr("%1 · received %2 bytes in %3 reads · sent %4 bytes in %5 writes · errors %6")
            .arg(state, locale.toString(c.receivedBytes), locale.toString(c.receivedMessages),
                 locale.toString(c.sentBytes), locale.toString(c.sentMessages),
                 locale.toString(c.errors));
}
