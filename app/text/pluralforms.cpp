#include "text/pluralforms.h"

#include <QCoreApplication>
#include <QPointer>
#include <QTranslator>

bool PluralForms::install()
{
    static QPointer<QTranslator> forms; // goes with the application that owns it
    if (forms)
        return true;
    auto *loaded = new QTranslator(QCoreApplication::instance());
    if (!loaded->load(QStringLiteral(":/translations/sockscope_en.qm"))
        || !QCoreApplication::installTranslator(loaded)) {
        delete loaded;
        return false;
    }
    forms = loaded;
    return true;
}
