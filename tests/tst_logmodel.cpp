#include "log/logmodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

class tst_LogModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void appendIsBatchedOnATimer();
    void oneInsertPerBatch();
    void floodBatchesSayTheyAre();
    void capEvictsOldestAndCounts();
    void burstLargerThanCap();
    void shrinkingCapEvicts();
    void budgetEvictsOldestByBytes();
    void rowLargerThanBudgetStaysAlone();
    void queueOverBudgetIsAppliedAtOnce();
    void shrinkingBudgetEvicts();
    void clearEmptiesAndResetsCounter();
    void displayColumns();
    void sayWhoSentAndToWhom_data();
    void sayWhoSentAndToWhom();
    void payloadIsKeptExactly();
};

namespace {

LogEntry traffic(Direction direction, const QByteArray &payload)
{
    LogEntry e;
    e.time = QDateTime(QDate(2026, 11, 21), QTime(14, 28, 49, 286));
    e.session = QStringLiteral("UDP");
    e.direction = direction;
    e.peer = Endpoint { QHostAddress(QStringLiteral("127.0.0.1")), 33838 };
    e.payload = payload;
    return e;
}

LogEntry numbered(int i)
{
    return traffic(Direction::Received, QByteArray::number(i));
}

} // namespace

void tst_LogModel::appendIsBatchedOnATimer()
{
    LogModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    for (int i = 0; i < 50; ++i)
        model.append(numbered(i));
    QCOMPARE(model.rowCount(), 0); // queued, not shown yet
    QCOMPARE(model.pendingCount(), 50);
    QVERIFY(inserted.wait(5000));
    QCOMPARE(model.rowCount(), 50);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(model.entry(49).payload, QByteArray("49"));
}

void tst_LogModel::oneInsertPerBatch()
{
    LogModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    for (int batch = 0; batch < 3; ++batch) {
        for (int i = 0; i < 1000; ++i)
            model.append(numbered(batch * 1000 + i));
        model.flush();
    }
    QCOMPARE(inserted.count(), 3);
    QCOMPARE(reset.count(), 0);
    QCOMPARE(model.rowCount(), 3000);
    QCOMPARE(inserted.at(2).at(1).toInt(), 2000);
    QCOMPARE(inserted.at(2).at(2).toInt(), 2999);
}

// A batch of a flood says so, for views to paint less often; an ordinary one does not.
void tst_LogModel::floodBatchesSayTheyAre()
{
    LogModel model;
    QVERIFY(!model.isBusy());
    for (int i = 0; i < LogModel::BusyRows; ++i)
        model.append(numbered(i));
    model.flush();
    QVERIFY(model.isBusy());
    model.append(numbered(1));
    model.flush();
    QVERIFY(!model.isBusy());
    model.append(traffic(Direction::Received, QByteArray(LogModel::BusyBytes, 'x')));
    model.flush();
    QVERIFY(model.isBusy());
}

void tst_LogModel::capEvictsOldestAndCounts()
{
    LogModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setCapacity(100);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy evicted(&model, &LogModel::evictedCountChanged);
    for (int i = 0; i < 80; ++i)
        model.append(numbered(i));
    model.flush();
    QCOMPARE(removed.count(), 0);
    for (int i = 80; i < 130; ++i)
        model.append(numbered(i));
    model.flush();
    QCOMPARE(model.rowCount(), 100);
    QCOMPARE(model.evictedCount(), quint64(30));
    QCOMPARE(removed.count(), 1); // one removal for the whole batch
    QCOMPARE(removed.at(0).at(1).toInt(), 0);
    QCOMPARE(removed.at(0).at(2).toInt(), 29);
    QCOMPARE(evicted.count(), 1);
    QCOMPARE(evicted.at(0).at(0).toULongLong(), quint64(30));
    QCOMPARE(model.entry(0).payload, QByteArray("30"));
    QCOMPARE(model.entry(99).payload, QByteArray("129"));
}

void tst_LogModel::burstLargerThanCap()
{
    LogModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setCapacity(10);
    for (int i = 0; i < 5; ++i)
        model.append(numbered(i));
    model.flush();
    for (int i = 5; i < 40; ++i)
        model.append(numbered(i));
    model.flush();
    QCOMPARE(model.rowCount(), 10);
    QCOMPARE(model.evictedCount(), quint64(30)); // 5 shown rows plus 25 never shown
    QCOMPARE(model.entry(0).payload, QByteArray("30"));
    QCOMPARE(model.entry(9).payload, QByteArray("39"));
}

void tst_LogModel::shrinkingCapEvicts()
{
    LogModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    for (int i = 0; i < 20; ++i)
        model.append(numbered(i));
    model.flush();
    model.setCapacity(5);
    QCOMPARE(model.rowCount(), 5);
    QCOMPARE(model.evictedCount(), quint64(15));
    QCOMPARE(model.entry(0).payload, QByteArray("15"));
}

void tst_LogModel::budgetEvictsOldestByBytes()
{
    LogModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setPayloadBudget(1000);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    for (int i = 0; i < 3; ++i)
        model.append(traffic(Direction::Received, QByteArray(300, char('a' + i))));
    model.flush();
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.payloadBytes(), 900);
    // Two more of 300: 1,500 bytes would not fit, so the two oldest leave, in one removal.
    for (int i = 3; i < 5; ++i)
        model.append(traffic(Direction::Received, QByteArray(300, char('a' + i))));
    model.flush();
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.payloadBytes(), 900);
    QCOMPARE(model.evictedCount(), quint64(2));
    QCOMPARE(removed.count(), 1);
    QCOMPARE(model.entry(0).payload, QByteArray(300, 'c'));
    QCOMPARE(model.entry(2).payload, QByteArray(300, 'e'));
    // Events carry no payload and cost the budget nothing.
    LogEntry event;
    event.message = QStringLiteral("Bound");
    model.append(event);
    model.flush();
    QCOMPARE(model.rowCount(), 4);
}

void tst_LogModel::rowLargerThanBudgetStaysAlone()
{
    LogModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setPayloadBudget(100);
    model.append(numbered(1));
    model.append(traffic(Direction::Received, QByteArray(500, 'x')));
    model.flush();
    QCOMPARE(model.rowCount(), 1); // the newest row stays, however large
    QCOMPARE(model.entry(0).payload.size(), 500);
    QCOMPARE(model.evictedCount(), quint64(1));
    model.append(numbered(2));
    model.flush();
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.entry(0).payload, QByteArray("2"));
    QCOMPARE(model.payloadBytes(), 1);
}

void tst_LogModel::queueOverBudgetIsAppliedAtOnce()
{
    LogModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setPayloadBudget(1000);
    for (int i = 0; i < 3; ++i)
        model.append(traffic(Direction::Received, QByteArray(300, 'x')));
    QCOMPARE(model.pendingCount(), 3); // waits for the timer
    model.append(traffic(Direction::Received, QByteArray(300, 'y')));
    // 1,200 bytes queued: more than the budget, so applied now, not on the timer.
    QCOMPARE(model.pendingCount(), 0);
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.evictedCount(), quint64(1));
    QCOMPARE(model.entry(2).payload, QByteArray(300, 'y'));
    // With rows shown, an arrival that would pass the budget sends the oldest away at once,
    // before the timer: rows and queue never hold more than the budget.
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    model.append(traffic(Direction::Received, QByteArray(300, 'z')));
    QCOMPARE(removed.count(), 1);
    QCOMPARE(model.pendingCount(), 1);
    QVERIFY(model.payloadBytes() + 300 <= model.payloadBudget());
    QCOMPARE(model.evictedCount(), quint64(3));
    model.flush();
    QCOMPARE(model.entry(model.rowCount() - 1).payload, QByteArray(300, 'z'));
}

void tst_LogModel::shrinkingBudgetEvicts()
{
    LogModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy evicted(&model, &LogModel::evictedCountChanged);
    for (int i = 0; i < 10; ++i)
        model.append(traffic(Direction::Received, QByteArray(100, char('0' + i))));
    model.flush();
    model.setPayloadBudget(350);
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.payloadBytes(), 300);
    QCOMPARE(model.evictedCount(), quint64(7));
    QCOMPARE(evicted.count(), 1);
    QCOMPARE(model.entry(0).payload, QByteArray(100, '7'));
    model.setPayloadBudget(1); // the newest stays
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.entry(0).payload, QByteArray(100, '9'));
}

void tst_LogModel::clearEmptiesAndResetsCounter()
{
    LogModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setCapacity(3);
    for (int i = 0; i < 10; ++i)
        model.append(numbered(i));
    model.flush();
    model.append(numbered(10)); // pending rows go too
    QSignalSpy evicted(&model, &LogModel::evictedCountChanged);
    model.clear();
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.pendingCount(), 0);
    QCOMPARE(model.payloadBytes(), 0);
    QCOMPARE(model.evictedCount(), quint64(0));
    QCOMPARE(evicted.count(), 1);
}

void tst_LogModel::displayColumns()
{
    LogModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.append(traffic(Direction::Sent, QByteArray("hi\r\n\xff", 5)));
    LogEntry error;
    error.time = QDateTime(QDate(2026, 11, 21), QTime(9, 5, 3, 7));
    error.direction = Direction::Error;
    error.message = QStringLiteral("Port 9000 is already in use");
    model.append(error);
    model.flush();
    auto text = [&model](int row, int column) {
        return model.index(row, column).data().toString();
    };
    QCOMPARE(text(0, LogModel::TimeColumn), QStringLiteral("14:28:49.286"));
    QCOMPARE(text(0, LogModel::DirectionColumn), QStringLiteral("Sent"));
    QCOMPARE(text(0, LogModel::PeerColumn), QStringLiteral("127.0.0.1:33838"));
    QCOMPARE(text(0, LogModel::SizeColumn), QStringLiteral("5"));
    QCOMPARE(text(0, LogModel::DataColumn), QStringLiteral("hi\\r\\n\\xff"));
    QCOMPARE(text(1, LogModel::TimeColumn), QStringLiteral("09:05:03.007"));
    QCOMPARE(text(1, LogModel::DirectionColumn), QStringLiteral("Error"));
    QCOMPARE(text(1, LogModel::SizeColumn), QString());
    QCOMPARE(text(1, LogModel::DataColumn), QStringLiteral("Port 9000 is already in use"));
    QCOMPARE(model.index(1, 0).data(LogModel::DirectionRole).toInt(), int(Direction::Error));
}

void tst_LogModel::sayWhoSentAndToWhom_data()
{
    QTest::addColumn<LogEntry>("entry");
    QTest::addColumn<QString>("direction");
    QTest::addColumn<QString>("peer");
    const auto sent = [](AutoReply origin, const QString &name) {
        LogEntry e = traffic(Direction::Sent, "x");
        e.autoReply = origin;
        e.peerName = name;
        return e;
    };
    QTest::newRow("the user's") << sent(AutoReply::None, {}) << QStringLiteral("Sent")
                                << QStringLiteral("127.0.0.1:33838");
    QTest::newRow("named") << sent(AutoReply::None, QStringLiteral("user4")) << QStringLiteral("Sent")
                           << QStringLiteral("user4 (127.0.0.1:33838)");
    QTest::newRow("echo") << sent(AutoReply::Echo, QStringLiteral("user4"))
                          << QStringLiteral("Echo reply") << QStringLiteral("user4 (127.0.0.1:33838)");
    QTest::newRow("timestamp") << sent(AutoReply::Timestamp, {}) << QStringLiteral("Timestamp reply")
                               << QStringLiteral("127.0.0.1:33838");
    LogEntry relayed = sent(AutoReply::Relay, QStringLiteral("user6"));
    relayed.count = 3;
    relayed.message = QStringLiteral("user1 (127.0.0.1:1), user2 (127.0.0.1:2), user3 (127.0.0.1:3)");
    QTest::newRow("relayed") << relayed << QStringLiteral("Relayed")
                             << QStringLiteral("user6 (127.0.0.1:33838) → 3 others");
    LogEntry toOne = relayed;
    toOne.count = 1;
    toOne.message = QStringLiteral("user1 (127.0.0.1:1)");
    QTest::newRow("relayed to one") << toOne << QStringLiteral("Relayed")
                                    << QStringLiteral("user6 (127.0.0.1:33838) → user1 (127.0.0.1:1)");
    LogEntry announced = relayed;
    announced.peer = {};
    announced.peerName.clear();
    QTest::newRow("announced") << announced << QStringLiteral("Announced")
                               << QStringLiteral("→ 3 others");
    LogEntry received = traffic(Direction::Received, "x");
    received.peerName = QStringLiteral("user2");
    QTest::newRow("received") << received << QStringLiteral("Received")
                              << QStringLiteral("user2 (127.0.0.1:33838)");
}

// The Direction column tells the user's sends from an auto-reply's; the Peer column names a
// server's clients, and a relayed message's sender and how many it went to.
void tst_LogModel::sayWhoSentAndToWhom()
{
    QFETCH(LogEntry, entry);
    QFETCH(QString, direction);
    QFETCH(QString, peer);
    LogModel model;
    model.append(entry);
    model.flush();
    QCOMPARE(model.index(0, LogModel::DirectionColumn).data().toString(), direction);
    QCOMPARE(model.index(0, LogModel::PeerColumn).data().toString(), peer);
    QCOMPARE(model.index(0, 0).data(LogModel::AutoReplyRole).toInt(), int(entry.autoReply));
}

void tst_LogModel::payloadIsKeptExactly()
{
    LogModel model;
    QByteArray big(64 * 1024, '\0');
    for (int i = 0; i < big.size(); ++i)
        big[i] = char(i);
    model.append(traffic(Direction::Received, big));
    model.flush();
    QCOMPARE(model.index(0, 0).data(LogModel::PayloadRole).toByteArray(), big);
    // The table cell is cut short; the entry is not.
    QVERIFY(model.index(0, LogModel::DataColumn).data().toString().endsWith(QChar(0x2026)));
    QCOMPARE(model.index(0, LogModel::SizeColumn).data().toInt(), big.size());
}

QTEST_GUILESS_MAIN(tst_LogModel)
#include "tst_logmodel.moc"
