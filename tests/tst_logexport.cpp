#include "log/csvlinewriter.h"
#include "log/jsonlinewriter.h"
#include "log/logexport.h"
#include "log/logmodel.h"
#include "log/recorder.h"

#include <QFile>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTimer>
#include <QTest>

using namespace Qt::StringLiterals;

class tst_LogExport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void jsonLinesAreTheRecordingsLines();
    void csvQuotesAsRfc4180Says_data();
    void csvQuotesAsRfc4180Says();
    void csvHasOneRowPerEntry();
    void csvNamesAFaultOnPurpose();
    void aBigLogIsWrittenWhileTheCallerGoesOn();
    void aModelIsCopiedASliceAtATime();
    void rowsThatLeaveMeanwhileAreCounted();
    void aSaveGoingOnWhenItsOwnerGoesIsFinished();
    void aFolderThatIsMissingIsExplained();
    void aFullDiskIsExplained();
    void suggestedNames();

private:
    static std::vector<LogEntry> someEntries();
    static void fill(LogModel &model, int rows);
    static qsizetype linesIn(const QString &path);
    static std::pair<bool, QString> save(const QString &path, LogExport::Format format,
                                         std::vector<LogEntry> entries,
                                         TextEncoding encoding = TextEncoding::Utf8);
};

// `model`, holding `rows` rows of someEntries() over and over, all of them shown.
void tst_LogExport::fill(LogModel &model, int rows)
{
    const std::vector<LogEntry> some = someEntries();
    model.setCapacity(rows);
    for (int i = 0; i < rows; ++i)
        model.append(some[std::size_t(i) % some.size()]);
    model.flush();
}

qsizetype tst_LogExport::linesIn(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return -1;
    qsizetype lines = 0;
    while (!file.atEnd()) {
        file.readLine();
        ++lines;
    }
    return lines;
}

std::vector<LogEntry> tst_LogExport::someEntries()
{
    const QDateTime time = QDateTime::fromMSecsSinceEpoch(1'795'000'000'123, Qt::UTC);
    const Endpoint local { QHostAddress(u"0.0.0.0"_s), 9000 };
    const Endpoint peer { QHostAddress(u"::1"_s), 33838 };
    LogEntry received { time, u"UDP"_s, Transport::Udp, Direction::Received, {}, {}, 0, local,
                        peer, QByteArray("a,b \"c\"\r\n\xff\0", 11), {} };
    LogEntry info { time.addMSecs(1), u"UDP"_s, Transport::Udp, Direction::Info, {}, {}, 0, local,
                    {}, {}, u"Bound to 0.0.0.0:9000, \"every\" address.\nNext line"_s };
    LogEntry sent { time.addMSecs(2), u"UDP"_s, Transport::Udp, Direction::Sent, {}, {}, 0, local,
                    peer, QByteArray("ok"), {} };
    return { received, info, sent };
}

std::pair<bool, QString> tst_LogExport::save(const QString &path, LogExport::Format format,
                                            std::vector<LogEntry> entries, TextEncoding encoding)
{
    LogExport exporter;
    QSignalSpy finished(&exporter, &LogExport::finished);
    exporter.start(path, format, std::move(entries), encoding);
    if (!finished.wait(30000))
        return { false, u"never finished"_s };
    return { finished.constFirst().at(0).toBool(), finished.constFirst().at(1).toString() };
}

// Saved as JSON Lines, the file is exactly what a recording of the same rows holds.
void tst_LogExport::jsonLinesAreTheRecordingsLines()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"log.jsonl"_s);
    const std::vector<LogEntry> entries = someEntries();
    const auto [ok, message] = save(path, LogExport::Format::JsonLines, entries,
                                    TextEncoding::Latin1);
    QVERIFY2(ok, qPrintable(message));
    QVERIFY2(message.contains(u"3 rows"_s) && message.contains(path), qPrintable(message));
    QByteArray expected;
    for (const LogEntry &entry : entries)
        expected += Recorder::toJsonLine(entry, TextEncoding::Latin1);
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), expected);
}

void tst_LogExport::csvQuotesAsRfc4180Says_data()
{
    QTest::addColumn<QByteArray>("field");
    QTest::addColumn<QByteArray>("written");
    QTest::newRow("plain") << QByteArray("hello") << QByteArray("hello");
    QTest::newRow("empty") << QByteArray() << QByteArray();
    QTest::newRow("comma") << QByteArray("a,b") << QByteArray("\"a,b\"");
    QTest::newRow("quote") << QByteArray("say \"hi\"") << QByteArray("\"say \"\"hi\"\"\"");
    QTest::newRow("line feed") << QByteArray("a\nb") << QByteArray("\"a\nb\"");
    QTest::newRow("carriage return") << QByteArray("a\rb") << QByteArray("\"a\rb\"");
    QTest::newRow("IPv6 endpoint") << QByteArray("[::1]:9000") << QByteArray("[::1]:9000");
}

void tst_LogExport::csvQuotesAsRfc4180Says()
{
    QFETCH(QByteArray, field);
    QFETCH(QByteArray, written);
    QCOMPARE(CsvLineWriter::quoted(field), written);
}

// A header, then one row per entry: the payload escaped as the log shows it (so its commas and
// quotes are quoted, and its line endings are \r\n, not a broken row), an event's words.
void tst_LogExport::csvHasOneRowPerEntry()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"log.csv"_s);
    const std::vector<LogEntry> entries = someEntries();
    const auto [ok, message] = save(path, LogExport::Format::Csv, entries);
    QVERIFY2(ok, qPrintable(message));
    QVERIFY2(message.contains(u"CSV"_s), qPrintable(message));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray csv = file.readAll();
    const QString time = entries[0].time.toLocalTime().toString(u"yyyy-MM-dd'T'HH:mm:ss.zzz"_s);
    const QList<QByteArray> rows = csv.split('\n');
    // A header, three rows (the event's in two lines), and the end of the last.
    QCOMPARE(rows.size(), 6);
    QCOMPARE(rows[0], QByteArray("time,direction,peer,local,size,text,hex,fault\r"));
    QVERIFY2(rows[1].startsWith(time.toLatin1()), rows[1].constData());
    QVERIFY2(rows[1].endsWith(",recv,[::1]:33838,0.0.0.0:9000,11,\"a,b \"\"c\"\"\\r\\n\\xff\\x00\","
                              "612c62202263220d0aff00,\r"),
             rows[1].constData());
    // An event's words may hold a line break: quoted, it stays one row.
    QVERIFY2(csv.contains(",info,,0.0.0.0:9000,0,\"Bound to 0.0.0.0:9000, \"\"every\"\" "
                          "address.\nNext line\",,\r\n"),
             csv.constData());
    QVERIFY2(rows[5].isEmpty() && rows[4].endsWith(",send,[::1]:33838,0.0.0.0:9000,2,ok,6f6b,\r"),
             rows[4].constData());
    QVERIFY(CsvLineWriter::header().endsWith("\r\n"));
}

// A row that a fault on purpose made says which in the last column; the JSON line in "fault".
void tst_LogExport::csvNamesAFaultOnPurpose()
{
    LogEntry dropped = someEntries()[1];
    dropped.fault = Fault::Drop;
    dropped.message = u"Dropped on purpose (drop 50%): not answered."_s;
    QByteArray row;
    CsvLineWriter::append(row, dropped, TextEncoding::Utf8);
    const QByteArray expected =
            ",info,,0.0.0.0:9000,0,Dropped on purpose (drop 50%): not answered.,,drop\r\n";
    QVERIFY2(row.endsWith(expected), row.constData());
    QByteArray line;
    JsonLineWriter().append(line, dropped, TextEncoding::Utf8);
    QVERIFY2(line.contains("\"fault\":\"drop\",\"message\":\"Dropped on purpose"),
             line.constData());
    QVERIFY(!line.contains(R"("hex")")); // an event, with no bytes
}

// The writing happens on a thread of its own: start() returns at once, and the caller's event
// loop goes on until finished() says the rows are all in the file.
void tst_LogExport::aBigLogIsWrittenWhileTheCallerGoesOn()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"big.jsonl"_s);
    const std::vector<LogEntry> some = someEntries();
    std::vector<LogEntry> entries;
    constexpr std::size_t Rows = 300'000;
    entries.reserve(Rows);
    for (std::size_t i = 0; i < Rows; ++i)
        entries.push_back(some[i % some.size()]);
    LogExport exporter;
    QSignalSpy finished(&exporter, &LogExport::finished);
    int turns = 0;
    QTimer ticker;
    connect(&ticker, &QTimer::timeout, this, [&turns] { ++turns; });
    ticker.start(0);
    exporter.start(path, LogExport::Format::JsonLines, std::move(entries), TextEncoding::Utf8);
    QVERIFY(exporter.isRunning());
    QCOMPARE(finished.size(), 0);
    QVERIFY(finished.wait(60000));
    QVERIFY2(finished.constFirst().at(0).toBool(), qPrintable(finished.constFirst().at(1).toString()));
    QVERIFY(!exporter.isRunning());
    QVERIFY(turns > 0);
    QCOMPARE(linesIn(path), qsizetype(Rows));
}


// A log of millions of rows is not copied in one go on the window's thread: a slice at a time,
// with the event loop's other work in between, and then every row is in the file.
void tst_LogExport::aModelIsCopiedASliceAtATime()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"model.jsonl"_s);
    LogModel model;
    constexpr int Rows = 5 * LogExport::SliceRows + 7;
    fill(model, Rows);
    LogExport exporter;
    QSignalSpy finished(&exporter, &LogExport::finished);
    int turnsBeforeCopied = 0;
    QTimer ticker;
    connect(&ticker, &QTimer::timeout, this, [&] {
        if (!exporter.isRunning())
            ++turnsBeforeCopied; // still copying: nothing written yet
    });
    ticker.start(0);
    exporter.save(path, LogExport::Format::JsonLines, &model, TextEncoding::Utf8);
    QVERIFY(finished.wait(60000));
    QVERIFY2(finished.constFirst().at(0).toBool(), qPrintable(finished.constFirst().at(1).toString()));
    QVERIFY2(turnsBeforeCopied >= 3, qPrintable(QString::number(turnsBeforeCopied)));
    QCOMPARE(linesIn(path), qsizetype(Rows));
}

// Rows the caps evict, or a Clear, before their turn to be copied are not in the file, and the
// message says how many: the recording has them.
void tst_LogExport::rowsThatLeaveMeanwhileAreCounted()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"left.jsonl"_s);
    LogModel model;
    constexpr int Rows = 3 * LogExport::SliceRows;
    fill(model, Rows);
    LogExport exporter;
    QSignalSpy finished(&exporter, &LogExport::finished);
    exporter.save(path, LogExport::Format::JsonLines, &model, TextEncoding::Utf8);
    // Before the second slice: the whole log is cleared.
    QTimer::singleShot(0, &model, [&model] { model.clear(); });
    QVERIFY(finished.wait(60000));
    QVERIFY(finished.constFirst().at(0).toBool());
    const QString message = finished.constFirst().at(1).toString();
    const qsizetype saved = linesIn(path);
    QVERIFY2(saved > 0 && saved < Rows, qPrintable(QString::number(saved)));
    QVERIFY2(message.contains(QString::number(Rows - saved) + u" rows left the log while it was "
                                                            "being saved"),
             qPrintable(message));
}

// The window closes while a big log is still being copied: the file is still written whole.
void tst_LogExport::aSaveGoingOnWhenItsOwnerGoesIsFinished()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"closing.jsonl"_s);
    LogModel model;
    constexpr int Rows = 3 * LogExport::SliceRows;
    fill(model, Rows);
    {
        LogExport exporter;
        exporter.save(path, LogExport::Format::JsonLines, &model, TextEncoding::Utf8);
    } // before the event loop copied a slice
    QCOMPARE(linesIn(path), qsizetype(Rows));
}

void tst_LogExport::aFolderThatIsMissingIsExplained()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"missing/log.jsonl"_s);
    const auto [ok, message] = save(path, LogExport::Format::JsonLines, someEntries());
    QVERIFY(!ok);
    QVERIFY2(message.startsWith(u"Cannot save the log to %1: "_s.arg(path)), qPrintable(message));
    QVERIFY2(message.contains(u"No such file or directory"_s), qPrintable(message));
}

// The system's words, as for the recording; the device itself is left alone.
void tst_LogExport::aFullDiskIsExplained()
{
    if (!QFileInfo::exists(u"/dev/full"_s))
        QSKIP("no /dev/full here");
    const auto [ok, message] = save(u"/dev/full"_s, LogExport::Format::Csv, someEntries());
    QVERIFY(!ok);
    QVERIFY2(message.startsWith(u"Saving the log to /dev/full failed: No space left on device."_s),
             qPrintable(message));
    QVERIFY(QFileInfo::exists(u"/dev/full"_s));
}

void tst_LogExport::suggestedNames()
{
    const QDateTime time(QDate(2026, 12, 2), QTime(14, 30, 5));
    QCOMPARE(LogExport::suggestedFileName(u"UDP"_s, time, LogExport::Format::JsonLines),
             u"sockscope-udp-2026-12-02-143005.jsonl"_s);
    QCOMPARE(LogExport::suggestedFileName(u"TCP Client 2"_s, time, LogExport::Format::Csv),
             u"sockscope-tcp-client-2-2026-12-02-143005.csv"_s);
    QCOMPARE(LogExport::suggestedFileName({}, time, LogExport::Format::JsonLines),
             u"sockscope-2026-12-02-143005.jsonl"_s);
    QCOMPARE(LogExport::formatOf(u"/tmp/a.CSV"_s), LogExport::Format::Csv);
    QCOMPARE(LogExport::formatOf(u"/tmp/a.jsonl"_s), LogExport::Format::JsonLines);
}

QTEST_GUILESS_MAIN(tst_LogExport)
#include "tst_logexport.moc"
