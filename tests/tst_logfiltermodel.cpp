#include "log/logfiltermodel.h"
#include "log/logmodel.h"

#include <QAbstractItemModelTester>
#include <QTest>

class tst_LogFilterModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void showsEverythingByDefault();
    void byDirection_data();
    void byDirection();
    void byText_data();
    void byText();
    void byPeerName();
    void byBytes();
    void combined();
    void newRowsAreFiltered();
    void framedMessagesCanBeHidden();
    void socketCallsAreShownApart();
    void largeLogStaysConsistent();
    void textInPayloads_data();
    void textInPayloads();
    void legacyEncodingsDoNotFoldInsideCharacters();

private:
    std::unique_ptr<LogModel> m_log;
    std::unique_ptr<LogFilterModel> m_filter;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

namespace {

LogEntry entry(Direction direction, const QByteArray &payload, const QString &message = {},
               quint16 peerPort = 4000)
{
    LogEntry e;
    e.time = QDateTime::currentDateTime();
    e.direction = direction;
    e.payload = payload;
    e.message = message;
    e.peer = Endpoint { QHostAddress(QStringLiteral("127.0.0.1")), peerPort };
    return e;
}

} // namespace

void tst_LogFilterModel::init()
{
    m_log = std::make_unique<LogModel>();
    m_filter = std::make_unique<LogFilterModel>();
    m_filter->setLogModel(m_log.get());
    m_tester = std::make_unique<QAbstractItemModelTester>(
            m_filter.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    m_log->append(entry(Direction::Info, {}, QStringLiteral("Bound to 0.0.0.0:9000")));
    m_log->append(entry(Direction::Received, "GET /index.html HTTP/1.1\r\n"));
    m_log->append(entry(Direction::Sent, QByteArray("\x01\x02\xde\xad\xbe\xef", 6)));
    m_log->append(entry(Direction::Received, "hello World", {}, 5555));
    m_log->append(entry(Direction::Error, {}, QStringLiteral("Port 9000 is already in use")));
    m_log->flush();
}

void tst_LogFilterModel::cleanup()
{
    // QAbstractItemModelTester re-checks every row on each change, which takes minutes at this
    // size; the other tests in this file run under it.
    m_tester.reset();
    m_filter.reset();
    m_log.reset();
}

void tst_LogFilterModel::showsEverythingByDefault()
{
    QCOMPARE(m_filter->rowCount(), 5);
    QVERIFY(!m_filter->isFiltering());
}

// Calls are neither traffic nor events: "Socket calls" shows them alone, "All rows" with the rest.
void tst_LogFilterModel::socketCallsAreShownApart()
{
    m_log->append(entry(Direction::Call, {}, QStringLiteral("s.bind(('', 9000))")));
    m_log->flush();
    m_filter->setShown(LogFilterModel::Shown::Calls);
    QCOMPARE(m_filter->rowCount(), 1);
    QCOMPARE(m_filter->index(0, LogModel::DataColumn).data().toString(),
             QStringLiteral("s.bind(('', 9000))"));
    m_filter->setShown(LogFilterModel::Shown::Events);
    QCOMPARE(m_filter->rowCount(), 2);
    m_filter->setShown(LogFilterModel::Shown::All);
    QCOMPARE(m_filter->rowCount(), 6);
}

void tst_LogFilterModel::byDirection_data()
{
    QTest::addColumn<LogFilterModel::Shown>("shown");
    QTest::addColumn<int>("rows");
    QTest::newRow("all") << LogFilterModel::Shown::All << 5;
    QTest::newRow("traffic") << LogFilterModel::Shown::Traffic << 3;
    QTest::newRow("received") << LogFilterModel::Shown::Received << 2;
    QTest::newRow("sent") << LogFilterModel::Shown::Sent << 1;
    QTest::newRow("events") << LogFilterModel::Shown::Events << 2;
    QTest::newRow("errors") << LogFilterModel::Shown::Errors << 1;
}

void tst_LogFilterModel::byDirection()
{
    QFETCH(LogFilterModel::Shown, shown);
    QFETCH(int, rows);
    m_filter->setShown(shown);
    QCOMPARE(m_filter->rowCount(), rows);
}

void tst_LogFilterModel::byText_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("rows");
    QTest::newRow("payload, other case") << QStringLiteral("WORLD") << 1;
    QTest::newRow("payload across rows") << QStringLiteral("h") << 2;
    QTest::newRow("message") << QStringLiteral("already in use") << 1;
    QTest::newRow("peer port") << QStringLiteral(":5555") << 1;
    QTest::newRow("no match") << QStringLiteral("zebra") << 0;
}

void tst_LogFilterModel::byText()
{
    QFETCH(QString, text);
    QFETCH(int, rows);
    m_filter->setText(text);
    QCOMPARE(m_filter->rowCount(), rows);
    m_filter->setText({});
    QCOMPARE(m_filter->rowCount(), 5);
}

// A server's client is found by its name, and a relayed message by whom it went to.
void tst_LogFilterModel::byPeerName()
{
    LogEntry named = entry(Direction::Received, "hi", {}, 6000);
    named.peerName = QStringLiteral("user4");
    m_log->append(named);
    LogEntry relayed = entry(Direction::Sent, "<user4> hi", QStringLiteral("user7 (127.0.0.1:7000)"), 6000);
    relayed.autoReply = AutoReply::Relay;
    relayed.count = 1;
    relayed.peerName = QStringLiteral("user4");
    m_log->append(relayed);
    m_log->flush();
    m_filter->setText(QStringLiteral("USER4"));
    QCOMPARE(m_filter->rowCount(), 2);
    m_filter->setText(QStringLiteral("user7"));
    QCOMPARE(m_filter->rowCount(), 1);
}

// Where the text sits in a payload, and in what case, does not matter; bytes of other
// characters never match a letter; a payload of many megabytes is searched whole.
void tst_LogFilterModel::textInPayloads_data()
{
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("found");
    const QByteArray big = QByteArray(32 << 20, 'a') + "NeedLe" + QByteArray(1000, 'b');
    QTest::newRow("at the start") << QByteArray("needle and more") << QStringLiteral("needle") << true;
    QTest::newRow("at the end") << QByteArray("more and NEEDLE") << QStringLiteral("needle") << true;
    QTest::newRow("mixed case both ways") << QByteArray("xNeEdLex") << QStringLiteral("nEeDlE") << true;
    QTest::newRow("one letter, other case") << QByteArray("xyZ") << QStringLiteral("z") << true;
    QTest::newRow("one byte, not a letter") << QByteArray("a#b") << QStringLiteral("#") << true;
    QTest::newRow("a near miss") << QByteArray("needl needle_") << QStringLiteral("needlE_") << true;
    QTest::newRow("repeated prefixes") << QByteArray("aaaaaaab") << QStringLiteral("aaab") << true;
    QTest::newRow("not there") << QByteArray("needl eedle") << QStringLiteral("needle") << false;
    QTest::newRow("longer than the payload") << QByteArray("need") << QStringLiteral("needle") << false;
    QTest::newRow("utf-8 bytes are not letters")
            << QByteArray("\xc3\xa9") << QStringLiteral("\u00c9") << false;
    QTest::newRow("utf-8 text") << QByteArray("caf\xc3\xa9!") << QStringLiteral("\u00e9!") << true;
    QTest::newRow("32 MiB, near the end") << big << QStringLiteral("needle") << true;
    QTest::newRow("32 MiB, not there") << big << QStringLiteral("needles") << false;
}

void tst_LogFilterModel::textInPayloads()
{
    QFETCH(QByteArray, payload);
    QFETCH(QString, text);
    QFETCH(bool, found);
    m_log->clear();
    m_log->append(entry(Direction::Received, payload, {}, 7));
    m_log->flush();
    m_filter->setText(text);
    QCOMPARE(m_filter->rowCount(), found ? 1 : 0);
}

// In Shift_JIS the second byte of a character may be an ASCII letter: ア is 83 41, ヂ 83 61.
// Only the text's own letters match either case; a byte of a longer character matches itself.
void tst_LogFilterModel::legacyEncodingsDoNotFoldInsideCharacters()
{
    m_log->clear();
    m_log->append(entry(Direction::Received, "\x83\x61", {}, 7)); // ヂ
    m_log->append(entry(Direction::Received, "\x83\x41 GET", {}, 7)); // ア GET
    m_log->flush();
    m_filter->setTextEncoding(TextEncoding::ShiftJis);
    m_filter->setText(QStringLiteral("\u30a2")); // ア
    QCOMPARE(m_filter->rowCount(), 1);
    QCOMPARE(m_log->entry(m_filter->mapToSource(m_filter->index(0, 0)).row()).payload.left(2),
             QByteArray("\x83\x41"));
    m_filter->setText(QStringLiteral("\u30a2 get")); // letters of the text still fold
    QCOMPARE(m_filter->rowCount(), 1);
}

void tst_LogFilterModel::byBytes()
{
    m_filter->setBytes(QByteArray("\xde\xad", 2));
    QCOMPARE(m_filter->rowCount(), 1);
    QCOMPARE(m_filter->index(0, LogModel::SizeColumn).data().toInt(), 6);
    m_filter->setBytes(QByteArray("\xde\xaa", 2));
    QCOMPARE(m_filter->rowCount(), 0);
}

void tst_LogFilterModel::combined()
{
    m_filter->setShown(LogFilterModel::Shown::Sent);
    m_filter->setText(QStringLiteral("hello"));
    QCOMPARE(m_filter->rowCount(), 0);
    m_filter->setShown(LogFilterModel::Shown::Received);
    QCOMPARE(m_filter->rowCount(), 1);
}

void tst_LogFilterModel::newRowsAreFiltered()
{
    m_filter->setText(QStringLiteral("ping"));
    QCOMPARE(m_filter->rowCount(), 0);
    m_log->append(entry(Direction::Received, "ping 1"));
    m_log->append(entry(Direction::Received, "pong"));
    m_log->append(entry(Direction::Received, "PING 2"));
    m_log->flush();
    QCOMPARE(m_filter->rowCount(), 2);
    QCOMPARE(m_filter->index(1, LogModel::DataColumn).data().toString(), QStringLiteral("PING 2"));
}

void tst_LogFilterModel::framedMessagesCanBeHidden()
{
    m_log->append(entry(Direction::Received, "hel"));
    m_log->append(entry(Direction::Received, "lo\n"));
    m_log->append(entry(Direction::Info, "hello", QStringLiteral("Complete message, 5 bytes:")));
    m_log->flush();
    QCOMPARE(m_filter->rowCount(), 8);
    m_filter->setFramedMessagesHidden(true);
    QCOMPARE(m_filter->rowCount(), 7);
    // Events without bytes stay: only the framed copy of the chunks leaves.
    m_filter->setShown(LogFilterModel::Shown::Events);
    QCOMPARE(m_filter->rowCount(), 2);
    m_filter->setFramedMessagesHidden(false);
    QCOMPARE(m_filter->rowCount(), 3);
    QCOMPARE(m_filter->index(2, LogModel::DataColumn).data().toString(),
             QStringLiteral("Complete message, 5 bytes: hello"));
}

void tst_LogFilterModel::largeLogStaysConsistent()
{
    // QAbstractItemModelTester re-checks every row on each change, which takes minutes at this
    // size; the other tests in this file run under it.
    m_tester.reset();
    m_log->setCapacity(100'000);
    m_filter->setText(QStringLiteral("needle"));
    for (int i = 0; i < 150'000; ++i) {
        m_log->append(entry(Direction::Received, i % 1000 == 0 ? QByteArray("a needle")
                                                                : QByteArray("hay")));
        if (i % 10'000 == 9'999)
            m_log->flush();
    }
    m_log->flush();
    QCOMPARE(m_log->rowCount(), 100'000);
    QCOMPARE(m_filter->rowCount(), 100); // 150 needles, the oldest 50 evicted
    m_filter->setText({});
    QCOMPARE(m_filter->rowCount(), 100'000);
}

QTEST_GUILESS_MAIN(tst_LogFilterModel)
#include "tst_logfiltermodel.moc"
