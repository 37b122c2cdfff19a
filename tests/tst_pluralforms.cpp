#include "text/pluralforms.h"

#include <QCoreApplication>
#include <QTest>

using namespace Qt::StringLiterals;

// The English forms are built in and chosen by the count: "1 client", "2 clients", never
// "1 clients".
class tst_PluralForms : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void countsTakeTheirForm();
};

void tst_PluralForms::countsTakeTheirForm()
{
    const char *text = "TCP server on %1, %Ln clients";
    QCOMPARE(QCoreApplication::translate("TcpServerTab", text, nullptr, 1),
             u"TCP server on %1, 1 clients"_s); // without them: the source's one form
    QVERIFY(PluralForms::install());
    QVERIFY(PluralForms::install()); // once is enough; again changes nothing
    QCOMPARE(QCoreApplication::translate("TcpServerTab", text, nullptr, 1),
             u"TCP server on %1, 1 client"_s);
    QCOMPARE(QCoreApplication::translate("TcpServerTab", text, nullptr, 2),
             u"TCP server on %1, 2 clients"_s);
    QCOMPARE(QCoreApplication::translate("TcpServerTab", text, nullptr, 0),
             u"TCP server on %1, 0 clients"_s);
}

QTEST_GUILESS_MAIN(tst_PluralForms)
#include "tst_pluralforms.moc"
