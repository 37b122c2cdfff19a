#include "text/bytestext.h"

#include "text/pluralcount.h"

#include <QCoreApplication>
#include <QLocale>

QString bytesText(quint64 bytes)
{
    return QCoreApplication::translate("Bytes", "%1 bytes", nullptr, pluralCount(bytes))
        .arg(QLocale().toString(bytes));
}
