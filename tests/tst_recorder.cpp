#include "log/recorder.h"
#include "log/logmodel.h"
#include "log/sessionlog.h"
#include "text/payloadcodec.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <csignal>
#include <cerrno>
#include <thread>

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

class tst_Recorder : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void jsonLineLayout();
    void timeIsLocalWithItsOffset_data();
    void timeIsLocalWithItsOffset();
    void roundTripKeepsExactBytes_data();
    void roundTripKeepsExactBytes();
    void eventsCarryMessages();
    void autoRepliesAreMarked_data();
    void autoRepliesAreMarked();
    void socketCallsAreKindCall_data();
    void socketCallsAreKindCall();
    void encodingIsNamedWhenNotUtf8();
    void writerBehindSaysSoAndCatchesUp();
    void writeFailureIsExplained();
    void continuesInAnotherFileWithoutLoss();
    void holdingIsBounded();
    void flushesWithoutBeingStopped();
    void threadsYieldToTheWindow();
    void appendsToAnExistingFile();
    void unwritablePathIsExplained();
    void sessionLogFeedsModelAndRecording();

private:
    static QList<QJsonObject> readLines(const QString &path);
};

using namespace Qt::StringLiterals;

namespace {

// The nice values of this process's threads that are named `name`, from /proc/self/task/*/stat,
// whose 19th field is the nice value (the name, in parentheses, is the 2nd).
QList<int> niceValuesOf(const QByteArray &name)
{
    QList<int> values;
    const QDir tasks(QStringLiteral("/proc/self/task"));
    for (const QString &task : tasks.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        QFile stat(tasks.filePath(task + QStringLiteral("/stat")));
        if (!stat.open(QIODevice::ReadOnly))
            continue; // ended meanwhile
        const QByteArray line = stat.readAll();
        const qsizetype open = line.indexOf('('), close = line.lastIndexOf(')');
        if (open < 0 || close < open || line.mid(open + 1, close - open - 1) != name)
            continue;
        const QList<QByteArray> fields = line.mid(close + 2).split(' '); // from the 3rd on
        values << fields.value(19 - 3).toInt();
    }
    return values;
}

LogEntry received(const QByteArray &payload)
{
    LogEntry e;
    e.time = QDateTime::currentDateTime();
    e.session = QStringLiteral("UDP");
    e.transport = Transport::Udp;
    e.direction = Direction::Received;
    e.local = Endpoint { QHostAddress(QHostAddress::Any), 9000 };
    e.peer = Endpoint { QHostAddress(QStringLiteral("127.0.0.1")), 33838 };
    e.payload = payload;
    return e;
}

} // namespace

QList<QJsonObject> tst_Recorder::readLines(const QString &path)
{
    QList<QJsonObject> objects;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return objects;
    const QList<QByteArray> lines = file.readAll().split('\n');
    for (const QByteArray &line : lines) {
        if (line.isEmpty())
            continue;
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(line, &error);
        if (error.error != QJsonParseError::NoError || !doc.isObject())
            qWarning() << "not a JSON object:" << line << error.errorString();
        objects << doc.object();
    }
    return objects;
}

void tst_Recorder::jsonLineLayout()
{
    const QByteArray line = Recorder::toJsonLine(received("msg 1"));
    QVERIFY(line.endsWith("}\n"));
    QCOMPARE(line.count('\n'), 1);
    static const QRegularExpression layout(QStringLiteral(
            R"(^\{"time":"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d","session":"UDP",)"
            R"("proto":"udp","kind":"recv","local":"\[::\]:9000","peer":"127\.0\.0\.1:33838",)"
            R"("bytes":5,"hex":"6d73672031","text":"msg 1"\}$)"));
    const QString text = QString::fromUtf8(line.trimmed());
    QVERIFY2(layout.match(text).hasMatch(), qPrintable(text));
}

void tst_Recorder::timeIsLocalWithItsOffset_data()
{
    QTest::addColumn<QByteArray>("zone"); // a POSIX TZ rule, so no time zone database is needed
    QTest::addColumn<QDateTime>("utc");
    QTest::addColumn<QString>("written");

    const QByteArray berlin = "CET-1CEST,M3.5.0,M10.5.0/3";
    const QByteArray newYork = "EST5EDT,M3.2.0,M11.1.0";
    QTest::newRow("winter, east of UTC")
            << berlin << QDateTime(QDate(2026, 11, 21), QTime(13, 28, 49, 286), Qt::UTC)
            << u"2026-11-21T14:28:49.286+01:00"_qs;
    QTest::newRow("summer time")
            << berlin << QDateTime(QDate(2026, 7, 1), QTime(12, 0, 0, 7), Qt::UTC)
            << u"2026-07-01T14:00:00.007+02:00"_qs;
    QTest::newRow("last second before the clocks go back")
            << berlin << QDateTime(QDate(2026, 10, 25), QTime(0, 59, 59, 999), Qt::UTC)
            << u"2026-10-25T02:59:59.999+02:00"_qs;
    QTest::newRow("first second after")
            << berlin << QDateTime(QDate(2026, 10, 25), QTime(1, 0, 0, 0), Qt::UTC)
            << u"2026-10-25T02:00:00.000+01:00"_qs;
    QTest::newRow("west of UTC, the day before")
            << newYork << QDateTime(QDate(2026, 1, 1), QTime(3, 0, 0, 0), Qt::UTC)
            << u"2025-12-31T22:00:00.000-05:00"_qs;
    QTest::newRow("half-hour offset, the day after")
            << QByteArray("IST-5:30") << QDateTime(QDate(2026, 11, 21), QTime(20, 0, 0, 1), Qt::UTC)
            << u"2026-11-22T01:30:00.001+05:30"_qs;
    QTest::newRow("before 1970")
            << QByteArray("UTC0") << QDateTime(QDate(1969, 12, 31), QTime(23, 59, 59, 999), Qt::UTC)
            << u"1969-12-31T23:59:59.999+00:00"_qs;
}

// Entries carry UTC; the recording writes the local time people read on their clock.
void tst_Recorder::timeIsLocalWithItsOffset()
{
    QFETCH(QByteArray, zone);
    QFETCH(QDateTime, utc);
    QFETCH(QString, written);
    const QByteArray before = qgetenv("TZ");
    const bool hadZone = qEnvironmentVariableIsSet("TZ");
    qputenv("TZ", zone);
    const auto restore = qScopeGuard([&] {
        if (hadZone)
            qputenv("TZ", before);
        else
            qunsetenv("TZ");
    });
    LogEntry e = received("x");
    e.time = utc;
    const QJsonObject line = QJsonDocument::fromJson(Recorder::toJsonLine(e)).object();
    QCOMPARE(line.value(u"time").toString(), written);
}

void tst_Recorder::roundTripKeepsExactBytes_data()
{
    QTest::addColumn<QByteArray>("payload");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("text with newline") << QByteArray("hello\n");
    QTest::newRow("quotes and backslashes") << QByteArray("\"a\\b\"");
    QTest::newRow("nul bytes") << QByteArray("\0\0x\0", 4);
    QTest::newRow("invalid utf-8") << QByteArray("\xff\xfe\xc3(");
    QByteArray all;
    for (int b = 0; b < 256; ++b)
        all += char(b);
    QTest::newRow("every byte value") << all;
    QTest::newRow("64 KiB") << QByteArray(64 * 1024, '\x5a');
}

void tst_Recorder::roundTripKeepsExactBytes()
{
    QFETCH(QByteArray, payload);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("log.jsonl"));
    {
        Recorder recorder;
        QVERIFY2(recorder.start(path), qPrintable(recorder.errorString()));
        recorder.record(received("first"));
        LogEntry v6 = received(payload);
        v6.peer = Endpoint { QHostAddress(QStringLiteral("::1")), 41000 };
        recorder.record(v6);
        recorder.record(received("last"));
    } // destruction flushes
    const QList<QJsonObject> lines = readLines(path);
    QCOMPARE(lines.size(), 3);
    QCOMPARE(lines[0].value(u"text").toString(), QStringLiteral("first"));
    QCOMPARE(lines[2].value(u"text").toString(), QStringLiteral("last"));
    const QJsonObject &middle = lines[1];
    QCOMPARE(QByteArray::fromHex(middle.value(u"hex").toString().toLatin1()), payload);
    QCOMPARE(middle.value(u"hex").toString(), middle.value(u"hex").toString().toLower());
    QCOMPARE(middle.value(u"bytes").toInteger(), payload.size());
    QCOMPARE(middle.value(u"text").toString(), PayloadCodec::escapedText(payload));
    QCOMPARE(middle.value(u"peer").toString(), QStringLiteral("[::1]:41000"));
}

void tst_Recorder::socketCallsAreKindCall_data()
{
    QTest::addColumn<QString>("call");
    QTest::addColumn<int>("error");
    QTest::newRow("one that worked") << QStringLiteral("s.bind(('', 9000))  # → bound to [::]:9000")
                                     << 0;
    QTest::newRow("one that failed")
            << QStringLiteral("s.bind(('', 9000))  # OSError: [Errno 98] Address already in use")
            << 98;
    QTest::newRow("getaddrinfo's negative errno")
            << QStringLiteral("socket.getaddrinfo('x', 9000)  # socket.gaierror: [Errno -2] …")
            << -2;
}

// {"kind":"call","call":"<the Python line>"} and, for a failure, "errno"; no "message".
void tst_Recorder::socketCallsAreKindCall()
{
    QFETCH(QString, call);
    QFETCH(int, error);
    LogEntry e = received({});
    e.direction = Direction::Call;
    e.message = call;
    e.count = error; // callError()
    const QJsonObject o = QJsonDocument::fromJson(Recorder::toJsonLine(e)).object();
    QCOMPARE(o.value(u"kind").toString(), QStringLiteral("call"));
    QCOMPARE(o.value(u"call").toString(), call);
    QCOMPARE(o.contains(u"errno"), error != 0);
    if (error != 0)
        QCOMPARE(o.value(u"errno").toInt(), error);
    QVERIFY(!o.contains(u"message"));
    QVERIFY(!o.contains(u"hex"));
}

void tst_Recorder::autoRepliesAreMarked_data()
{
    QTest::addColumn<AutoReply>("origin");
    QTest::addColumn<QString>("expected");
    QTest::newRow("the user's") << AutoReply::None << QString();
    QTest::newRow("echo") << AutoReply::Echo << QStringLiteral("echo");
    QTest::newRow("timestamp") << AutoReply::Timestamp << QStringLiteral("timestamp");
    QTest::newRow("relay") << AutoReply::Relay << QStringLiteral("relay");
}

// "auto" says which auto-reply made a send; the user's own sends have none.
void tst_Recorder::autoRepliesAreMarked()
{
    QFETCH(AutoReply, origin);
    QFETCH(QString, expected);
    LogEntry e = received("hello\n");
    e.direction = Direction::Sent;
    e.autoReply = origin;
    const QByteArray line = Recorder::toJsonLine(e);
    const QJsonObject o = QJsonDocument::fromJson(line).object();
    QVERIFY2(!o.isEmpty(), line.constData());
    QCOMPARE(o.value(u"auto").toString(), expected);
    QCOMPARE(o.contains(u"auto"), !expected.isEmpty());
    QCOMPARE(o.value(u"hex").toString(), QStringLiteral("68656c6c6f0a"));
}

void tst_Recorder::eventsCarryMessages()
{
    LogEntry e;
    e.time = QDateTime::currentDateTime();
    e.session = QStringLiteral("UDP \"main\"");
    e.direction = Direction::Error;
    e.message = QStringLiteral("Port 9000 is already in use:\tstop \u00e9");
    const QJsonObject o = QJsonDocument::fromJson(Recorder::toJsonLine(e)).object();
    QCOMPARE(o.value(u"kind").toString(), QStringLiteral("error"));
    QCOMPARE(o.value(u"message").toString(), e.message);
    QCOMPARE(o.value(u"session").toString(), e.session);
    QCOMPARE(o.value(u"bytes").toInt(), 0);
    QVERIFY(!o.contains(u"hex"));
    QCOMPARE(o.value(u"peer").toString(), QString());
}

void tst_Recorder::encodingIsNamedWhenNotUtf8()
{
    const LogEntry gbk = received("\xd6\xd0\xce\xc4\r\n");
    const QJsonObject utf8 = QJsonDocument::fromJson(Recorder::toJsonLine(gbk)).object();
    QVERIFY(!utf8.contains(u"encoding"));
    QCOMPARE(utf8.value(u"text").toString(), QStringLiteral("\\xd6\\xd0\\xce\\xc4\\r\\n"));
    const QJsonObject chinese =
            QJsonDocument::fromJson(Recorder::toJsonLine(gbk, TextEncoding::Gb18030)).object();
    QCOMPARE(chinese.value(u"encoding").toString(), QStringLiteral("GB18030"));
    QCOMPARE(chinese.value(u"text").toString(), QStringLiteral("\u4e2d\u6587\\r\\n"));
    QCOMPARE(chinese.value(u"hex").toString(), QStringLiteral("d6d0cec40d0a")); // always exact
    // An event without bytes has no text, so nothing to name.
    LogEntry event;
    event.time = QDateTime::currentDateTimeUtc();
    event.message = QStringLiteral("Bound");
    QVERIFY(!QJsonDocument::fromJson(Recorder::toJsonLine(event, TextEncoding::Big5))
                     .object()
                     .contains(u"encoding"));
}

// Recording into a pipe that nobody reads: the writer stalls, the queue grows, and the recorder
// says it is behind; once the pipe is read, it catches up and says so.
void tst_Recorder::writerBehindSaysSoAndCatchesUp()
{
    QTemporaryDir dir;
    const QByteArray fifo = QFile::encodeName(dir.filePath(QStringLiteral("pipe")));
    QVERIFY(::mkfifo(fifo.constData(), 0600) == 0);
    const int reader = ::open(fifo.constData(), O_RDONLY | O_NONBLOCK);
    QVERIFY(reader >= 0);
    const auto closeReader = qScopeGuard([reader] { ::close(reader); });
    Recorder recorder;
    QSignalSpy behind(&recorder, &Recorder::behindChanged);
    QVERIFY2(recorder.start(QFile::decodeName(fifo)), qPrintable(recorder.errorString()));
    const QByteArray chunk(1 << 20, 'x');
    const int chunks = int(Recorder::BehindBytes / chunk.size()) + 2;
    for (int i = 0; i < chunks; ++i)
        recorder.record(received(chunk));
    QVERIFY(recorder.isBehind());
    QCOMPARE(behind.count(), 1);
    QCOMPARE(behind.at(0).at(0).toBool(), true);
    // Now read the pipe until the recording ends: the writer catches up.
    QVERIFY(::fcntl(reader, F_SETFL, 0) == 0); // blocking reads
    std::atomic<qint64> read { 0 };
    std::thread drain([reader, &read] {
        QByteArray buffer(1 << 20, Qt::Uninitialized);
        for (ssize_t n; (n = ::read(reader, buffer.data(), std::size_t(buffer.size()))) > 0;)
            read += n;
    });
    auto joinDrain = qScopeGuard([&] { // also when a check below fails
        recorder.stop();
        drain.join();
    });
    QTRY_VERIFY_WITH_TIMEOUT(!recorder.isBehind(), 60000);
    QCOMPARE(behind.count(), 2);
    QCOMPARE(behind.at(1).at(0).toBool(), false);
    joinDrain.dismiss();
    recorder.stop(); // writes the rest and closes the pipe: the reader sees its end
    drain.join();
    QVERIFY(read > chunks * qint64(chunk.size()) * 3); // hex and text of every byte
}

// A refused write is named in the system's words, and the recorder holds what was not written
// (and what comes) instead of dropping it; stop() says how many entries that was.
void tst_Recorder::writeFailureIsExplained()
{
    if (!QFile::exists(QStringLiteral("/dev/full")))
        QSKIP("needs /dev/full");
    Recorder recorder;
    QSignalSpy holding(&recorder, &Recorder::holdingStarted);
    QSignalSpy errors(&recorder, &Recorder::errorOccurred);
    QSignalSpy recording(&recorder, &Recorder::recordingChanged);
    QVERIFY(recorder.start(QStringLiteral("/dev/full")));
    recorder.record(received("lost"));
    QVERIFY(holding.wait(10000));
    QVERIFY2(holding.at(0).at(0).toString().contains(qt_error_string(ENOSPC)),
             qPrintable(holding.at(0).at(0).toString()));
    QVERIFY(recorder.isRecording());
    QVERIFY(recorder.isHolding());
    QVERIFY(!recorder.flush()); // at once: it will not be written
    recorder.record(received("waits too"));
    recorder.stop();
    QCOMPARE(errors.count(), 1);
    QVERIFY2(errors.at(0).at(0).toString().contains(u"Entries not recorded: 2"_s),
             qPrintable(errors.at(0).at(0).toString()));
    QCOMPARE(recorder.notRecordedCount(), quint64(2));
    QVERIFY(!recorder.isRecording());
    QCOMPARE(recording.last().at(0).toBool(), false);

    // At quit: flush() says the write failed, and stop() says why, once.
    QVERIFY(recorder.start(QStringLiteral("/dev/full")));
    recorder.record(received("lost too"));
    QVERIFY(!recorder.flush());
    recorder.stop();
    QCOMPARE(errors.count(), 2);
    QVERIFY2(errors.at(1).at(0).toString().contains(u"Entries not recorded: 1"_s),
             qPrintable(errors.at(1).at(0).toString()));
    const qsizetype holdingReports = holding.count();
    QCoreApplication::processEvents(); // the writer's own report comes late, and is dropped
    QCOMPARE(holding.count(), holdingReports);
    QCOMPARE(errors.count(), 2);

    // A recording started after a failed one is neither ended nor held by the old failure.
    QTemporaryDir dir;
    QVERIFY(recorder.start(QStringLiteral("/dev/full")));
    recorder.record(received("lost again"));
    QVERIFY(!recorder.flush()); // the writer holds; the window has not heard of it yet
    recorder.stop();
    QVERIFY(recorder.start(dir.filePath(u"next.jsonl"_s)));
    QCoreApplication::processEvents(); // the old writer's report arrives now
    QVERIFY(recorder.isRecording());
    QVERIFY(!recorder.isHolding());
    QCOMPARE(holding.count(), holdingReports);
}

// A write that fails part of the way leaves the file whole up to its last complete line; the
// entries that wait go, in order, into the file the user continues in: nothing is lost between
// the two files. The limit here is the process's file size limit (RLIMIT_FSIZE), which the
// system enforces like a full disk, without needing one.
void tst_Recorder::continuesInAnotherFileWithoutLoss()
{
    QTemporaryDir dir;
    const QString first = dir.filePath(u"first.jsonl"_s);
    const QString second = dir.filePath(u"second.jsonl"_s);
    constexpr rlim_t Limit = 10'000;
    rlimit original {};
    QCOMPARE(getrlimit(RLIMIT_FSIZE, &original), 0);
    const auto previousHandler = std::signal(SIGXFSZ, SIG_IGN); // EFBIG, not the signal
    const auto restore = qScopeGuard([&] {
        setrlimit(RLIMIT_FSIZE, &original);
        std::signal(SIGXFSZ, previousHandler);
    });
    rlimit limited = original;
    limited.rlim_cur = Limit;
    QCOMPARE(setrlimit(RLIMIT_FSIZE, &limited), 0);

    Recorder recorder;
    QSignalSpy holding(&recorder, &Recorder::holdingStarted);
    QVERIFY(recorder.start(first));
    const int count = 200; // about 60 KB of lines
    for (int i = 0; i < count; ++i)
        recorder.record(received(QByteArray::number(i) + QByteArray(100, 'x')));
    QVERIFY(holding.wait(10000));
    QVERIFY2(holding.at(0).at(0).toString().contains(qt_error_string(EFBIG)),
             qPrintable(holding.at(0).at(0).toString()));
    QFile firstFile(first);
    QVERIFY(firstFile.open(QIODevice::ReadOnly));
    const QByteArray written = firstFile.readAll();
    QVERIFY(written.size() <= qsizetype(Limit));
    QVERIFY2(written.endsWith('\n'), written.right(80).constData()); // whole to its last line
    const QList<QJsonObject> firstLines = readLines(first);
    QVERIFY(firstLines.size() > 0 && firstLines.size() < count);

    setrlimit(RLIMIT_FSIZE, &original);
    recorder.record(received("after the failure"));
    QVERIFY(recorder.continueIn(second));
    QVERIFY(!recorder.isHolding());
    QCOMPARE(recorder.path(), second);
    recorder.record(received("in the second file"));
    QVERIFY(recorder.flush());
    recorder.stop();

    QList<QJsonObject> lines = firstLines + readLines(second);
    QCOMPARE(lines.size(), count + 2);
    for (int i = 0; i < count; ++i) {
        QVERIFY2(lines.at(i).value(u"text").toString().startsWith(QString::number(i) + u'x'),
                 qPrintable(QString::number(i)));
    }
    QCOMPARE(lines.at(count).value(u"text").toString(), u"after the failure"_s);
    QCOMPARE(lines.at(count + 1).value(u"text").toString(), u"in the second file"_s);
    QCOMPARE(recorder.notRecordedCount(), quint64(0));
    QCOMPARE(recorder.notRecordedInLastHold(), quint64(0));
}

// What waits after a failure is bounded; past the bound entries are counted, and the count is
// what the user is told, with what waited, when the recording stops.
void tst_Recorder::holdingIsBounded()
{
    if (!QFile::exists(QStringLiteral("/dev/full")))
        QSKIP("needs /dev/full");
    Recorder recorder;
    recorder.setHoldLimits(1 << 20, 10);
    QSignalSpy holding(&recorder, &Recorder::holdingStarted);
    QSignalSpy errors(&recorder, &Recorder::errorOccurred);
    QVERIFY(recorder.start(QStringLiteral("/dev/full")));
    recorder.record(received("first"));
    QVERIFY(holding.wait(10000));
    for (int i = 0; i < 25; ++i)
        recorder.record(received(QByteArray::number(i)));
    QCOMPARE(recorder.notRecordedCount(), quint64(16)); // 10 wait, the first among them
    QCOMPARE(recorder.notRecordedInLastHold(), quint64(16));
    QVERIFY(!recorder.isBehind()); // the sessions go on meanwhile
    recorder.stop();
    QCOMPARE(recorder.notRecordedCount(), quint64(26));
    QVERIFY2(errors.constLast().at(0).toString().contains(u"Entries not recorded: 26"_s),
             qPrintable(errors.constLast().at(0).toString()));
}

void tst_Recorder::flushesWithoutBeingStopped()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("live.jsonl"));
    Recorder recorder;
    QVERIFY(recorder.start(path));
    recorder.record(received("while running"));
    // The periodic flush writes it while the recorder is still open.
    QTRY_COMPARE_WITH_TIMEOUT(readLines(path).size(), 1, 10000);
    QCOMPARE(recorder.recordedCount(), quint64(1));
}

// The recording's threads give way to the window's thread when both want a core, so that a
// flood recorded on two busy cores does not hold up the window's frames.
void tst_Recorder::threadsYieldToTheWindow()
{
#if !defined(Q_OS_LINUX)
    QSKIP("Threads have nice values of their own on Linux only.");
#endif
    errno = 0;
    const int window = getpriority(PRIO_PROCESS, id_t(getpid())); // the main thread's
    QCOMPARE(errno, 0);
    if (window >= 19)
        QSKIP("The tests run at the lowest priority already: there is none lower to yield to.");
    QTemporaryDir dir;
    Recorder recorder;
    QVERIFY(recorder.start(dir.filePath(QStringLiteral("nice.jsonl"))));
    for (const QByteArray &thread : { QByteArray("Recorder format"), QByteArray("Recorder write") }) {
        QTRY_VERIFY2_WITH_TIMEOUT(niceValuesOf(thread).size() == 1
                                          && niceValuesOf(thread).constFirst() > window,
                                  thread.constData(), 10000);
    }
}

void tst_Recorder::appendsToAnExistingFile()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("append.jsonl"));
    for (int run = 0; run < 2; ++run) {
        Recorder recorder;
        QVERIFY(recorder.start(path));
        recorder.record(received(QByteArray::number(run)));
        recorder.stop();
    }
    const QList<QJsonObject> lines = readLines(path);
    QCOMPARE(lines.size(), 2);
    QCOMPARE(lines[1].value(u"text").toString(), QStringLiteral("1"));
}

void tst_Recorder::unwritablePathIsExplained()
{
    Recorder recorder;
    QSignalSpy errors(&recorder, &Recorder::errorOccurred);
    const QString path = QStringLiteral("/nonexistent-dir/x.jsonl");
    QVERIFY(!recorder.start(path));
    QVERIFY(!recorder.isRecording());
    QCOMPARE(errors.count(), 1);
    QVERIFY2(recorder.errorString().contains(path), qPrintable(recorder.errorString()));
}

void tst_Recorder::sessionLogFeedsModelAndRecording()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("session.jsonl"));
    Recorder recorder;
    QVERIFY(recorder.start(path));
    SessionLog log(QStringLiteral("UDP"), Transport::Udp);
    log.setRecorder(&recorder);
    const Endpoint local { QHostAddress(QStringLiteral("127.0.0.1")), 9000 };
    const Endpoint peer { QHostAddress(QStringLiteral("127.0.0.1")), 5000 };
    log.addEvent(Direction::Info, QStringLiteral("Bound"), local);
    log.addTraffic(Direction::Received, local, peer, "abc");
    log.addTraffic(Direction::Sent, local, peer, "de");
    log.addEvent(Direction::Error, QStringLiteral("oops"), local);
    log.model()->flush();
    recorder.stop();
    QCOMPARE(log.model()->rowCount(), 4);
    QCOMPARE(log.counters().receivedBytes, quint64(3));
    QCOMPARE(log.counters().sentMessages, quint64(1));
    QCOMPARE(log.counters().errors, quint64(1));
    const QList<QJsonObject> lines = readLines(path);
    QCOMPARE(lines.size(), 4);
    const QStringList kinds { QStringLiteral("info"), QStringLiteral("recv"),
                              QStringLiteral("send"), QStringLiteral("error") };
    for (int i = 0; i < 4; ++i)
        QCOMPARE(lines[i].value(u"kind").toString(), kinds[i]);
}

QTEST_GUILESS_MAIN(tst_Recorder)
#include "tst_recorder.moc"
