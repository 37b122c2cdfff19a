#include "net/sendpacer.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

#include <cmath>

class tst_SendPacer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void unthrottledGoesInSharesWithTurnsBetween();
    void neverSendsAheadOfTheSchedule_data();
    void neverSendsAheadOfTheSchedule();
    void stopFromAListenerEndsIt();
    void nothingToSend();
    void rateForInterval();
};

// As fast as possible, but in shares: the event loop runs between them.
void tst_SendPacer::unthrottledGoesInSharesWithTurnsBetween()
{
    SendPacer pacer;
    const qint64 total = 2 * SendPacer::MaxPerTick + 500;
    QList<int> shares;
    qint64 doneWhenTheLoopRan = -1;
    connect(&pacer, &SendPacer::due, this, [&](int count) {
        shares << count;
        if (shares.size() == 1)
            QTimer::singleShot(0, this, [&] { doneWhenTheLoopRan = pacer.done(); });
    });
    QSignalSpy finished(&pacer, &SendPacer::finished);
    pacer.start(total, 0);
    QCOMPARE(shares, QList<int>({ SendPacer::MaxPerTick })); // the first share comes at once
    QVERIFY(pacer.isActive());
    QVERIFY(finished.wait(30000));
    QCOMPARE(shares, QList<int>({ SendPacer::MaxPerTick, SendPacer::MaxPerTick, 500 }));
    QCOMPARE(pacer.done(), total);
    QVERIFY(!pacer.isActive());
    QVERIFY2(doneWhenTheLoopRan > 0 && doneWhenTheLoopRan < total,
             qPrintable(QString::number(doneWhenTheLoopRan)));
    QCOMPARE(finished.count(), 1);
}

void tst_SendPacer::neverSendsAheadOfTheSchedule_data()
{
    QTest::addColumn<double>("perSecond");
    QTest::addColumn<int>("total");
    QTest::newRow("10/s") << 10.0 << 4;
    QTest::newRow("1,000/s") << 1000.0 << 60;
    QTest::newRow("50,000/s, several per tick") << 50000.0 << 3000;
}

// Send i is due i / rate seconds after the start: the first at once, none early, all in the end.
// (How close a busy machine keeps to the rate is the benchmark's business, not a test's.)
void tst_SendPacer::neverSendsAheadOfTheSchedule()
{
    QFETCH(double, perSecond);
    QFETCH(int, total);
    SendPacer pacer;
    QElapsedTimer clock; // started before the pacer's, so it never reads less
    QString early;
    connect(&pacer, &SendPacer::due, this, [&](int) {
        const double allowed = std::floor(double(clock.nsecsElapsed()) / 1e9 * perSecond) + 1;
        if (double(pacer.done()) > allowed && early.isEmpty())
            early = QStringLiteral("%1 sent when %2 were due").arg(pacer.done()).arg(allowed);
    });
    QSignalSpy finished(&pacer, &SendPacer::finished);
    clock.start();
    pacer.start(total, perSecond);
    QCOMPARE(pacer.done(), qint64(1));
    QVERIFY(finished.wait(60000));
    QCOMPARE(pacer.done(), qint64(total));
    QVERIFY2(early.isEmpty(), qPrintable(early));
    // The last send was due (total - 1) / rate seconds after the start.
    QVERIFY(double(clock.nsecsElapsed()) / 1e9 >= (total - 1) / perSecond);
}

void tst_SendPacer::stopFromAListenerEndsIt()
{
    SendPacer pacer;
    QSignalSpy finished(&pacer, &SendPacer::finished);
    int dues = 0;
    connect(&pacer, &SendPacer::due, this, [&] {
        if (++dues == 2)
            pacer.stop();
    });
    pacer.start(10, 1000);
    QTRY_COMPARE(dues, 2);
    QVERIFY(!pacer.isActive());
    // A second pacer at the same rate, started later, gets through all ten; by then the
    // stopped one would have asked for the rest, had it gone on.
    SendPacer witness;
    QSignalSpy witnessFinished(&witness, &SendPacer::finished);
    witness.start(10, 1000);
    QVERIFY(witnessFinished.wait(30000));
    QCOMPARE(dues, 2);
    QCOMPARE(finished.count(), 0);
}

void tst_SendPacer::nothingToSend()
{
    SendPacer pacer;
    QSignalSpy due(&pacer, &SendPacer::due);
    pacer.start(0, 100);
    QVERIFY(!pacer.isActive());
    QCOMPARE(due.count(), 0);
}

void tst_SendPacer::rateForInterval()
{
    QCOMPARE(SendPacer::rateForInterval(1000), 1.0);
    QCOMPARE(SendPacer::rateForInterval(20), 50.0);
    QCOMPARE(SendPacer::rateForInterval(0), 0.0);
}

QTEST_GUILESS_MAIN(tst_SendPacer)
#include "tst_sendpacer.moc"
