#include "text/durationtext.h"

#include <QCoreApplication>
#include <QLocale>

QString durationText(qint64 milliseconds)
{
    const QLocale locale;
    if (milliseconds < 1000)
        return QCoreApplication::translate("Duration", "%1 ms").arg(milliseconds);
    if (milliseconds < 60'000)
        return QCoreApplication::translate("Duration", "%1 s")
                .arg(locale.toString(double(milliseconds) / 1000.0, 'f', 1));
    const qint64 seconds = milliseconds / 1000;
    return QCoreApplication::translate("Duration", "%1 min %2 s")
            .arg(seconds / 60)
            .arg(seconds % 60, 2, 10, QLatin1Char('0'));
}
