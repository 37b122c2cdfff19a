#include "net/hostlookup.h"

#include <QSignalSpy>
#include <QTest>

// One lookup at a time, cancelled by the next and by abort(): an answer never reaches a
// session that has moved on.
class tst_HostLookup : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void findsLocalhost();
    void unknownNameFails();
    void aNewLookupCancelsTheOld();
    void abortCancels();
};

void tst_HostLookup::findsLocalhost()
{
    HostLookup lookup;
    QSignalSpy found(&lookup, &HostLookup::found);
    QSignalSpy failed(&lookup, &HostLookup::failed);
    lookup.lookUp(QStringLiteral("localhost"));
    QVERIFY(lookup.isActive());
    QVERIFY(found.wait(30000));
    QVERIFY(!lookup.isActive());
    QCOMPARE(found.constFirst().at(0).toString(), QStringLiteral("localhost"));
    const auto addresses = found.constFirst().at(1).value<QList<QHostAddress>>();
    QVERIFY(!addresses.isEmpty());
    for (const QHostAddress &address : addresses)
        QVERIFY2(address.isLoopback(), qPrintable(address.toString()));
    QVERIFY(found.constFirst().at(2).toLongLong() >= 0);
    QVERIFY(failed.isEmpty());
}

void tst_HostLookup::unknownNameFails()
{
    HostLookup lookup;
    QSignalSpy found(&lookup, &HostLookup::found);
    QSignalSpy failed(&lookup, &HostLookup::failed);
    lookup.lookUp(QStringLiteral("no-such-host.invalid"));
    QVERIFY(failed.wait(30000));
    QCOMPARE(failed.constFirst().at(0).toString(), QStringLiteral("no-such-host.invalid"));
    QVERIFY(!failed.constFirst().at(1).toString().isEmpty());
    QVERIFY(found.isEmpty());
    QVERIFY(!lookup.isActive());
}

void tst_HostLookup::aNewLookupCancelsTheOld()
{
    HostLookup lookup;
    QSignalSpy found(&lookup, &HostLookup::found);
    QSignalSpy failed(&lookup, &HostLookup::failed);
    lookup.lookUp(QStringLiteral("no-such-host.invalid"));
    lookup.lookUp(QStringLiteral("localhost"));
    QCOMPARE(lookup.name(), QStringLiteral("localhost"));
    QVERIFY(found.wait(30000));
    // The same name looked up again answers about when the first would have, were it let
    // through.
    HostLookup witness;
    QSignalSpy witnessed(&witness, &HostLookup::failed);
    witness.lookUp(QStringLiteral("no-such-host.invalid"));
    QVERIFY(witnessed.wait(30000));
    QCOMPARE(found.count(), 1);
    QCOMPARE(found.constFirst().at(0).toString(), QStringLiteral("localhost"));
    QVERIFY(failed.isEmpty());
}

void tst_HostLookup::abortCancels()
{
    HostLookup lookup;
    QSignalSpy found(&lookup, &HostLookup::found);
    QSignalSpy failed(&lookup, &HostLookup::failed);
    lookup.lookUp(QStringLiteral("localhost"));
    lookup.abort();
    QVERIFY(!lookup.isActive());
    HostLookup witness; // the same lookup, answered about when the first would have been
    QSignalSpy witnessed(&witness, &HostLookup::found);
    witness.lookUp(QStringLiteral("localhost"));
    QVERIFY(witnessed.wait(30000));
    QVERIFY(found.isEmpty());
    QVERIFY(failed.isEmpty());
}

QTEST_GUILESS_MAIN(tst_HostLookup)
#include "tst_hostlookup.moc"
