#include "config/settings.h"

#include "net/autoreply.h"
#include "text/streamframer.h"

#include <QSettings>
#include <QStandardPaths>
#include <QTest>

// Every group comes back as it was saved, and a value another version (or a hand) wrote badly
// falls back to a default the user could have chosen.
class tst_Settings : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void composerRoundTrip();
    void composerDefaults();
    void badComposerValues();
    void historyKeepsTheNewest();
    void historyDropsWhatIsTooLong();
    void logLimitsRoundTrip();
    void chatViewPerGroup();
    void groupRoundTrip();
    void badGroupValues_data();
    void badGroupValues();
    void keysStayWhereEarlierVersionsPutThem();
    void windowAndRecording();
    void openSessionsRoundTrip();
    void anExtraSessionKeepsItsOwnChoices();
};

void tst_Settings::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QSettings().clear();
}

void tst_Settings::cleanup()
{
    QSettings().clear();
}

void tst_Settings::composerRoundTrip()
{
    Settings::Composer c;
    c.mode = PayloadCodec::InputMode::Hex;
    c.lineEnding = PayloadCodec::LineEnding::CrLf;
    c.history = { QStringLiteral("de ad"), QStringLiteral("be ef") };
    c.repeatCount = 300;
    c.repeatPace = RepeatPace::Rate;
    c.repeatIntervalMs = 0;
    c.repeatRate = 50'000;
    {
        Settings settings;
        settings.setComposer(QStringLiteral("udp"), c);
    }
    Settings settings;
    const Settings::Composer back = settings.composer(QStringLiteral("udp"));
    QCOMPARE(back.mode, c.mode);
    QCOMPARE(back.lineEnding, c.lineEnding);
    QCOMPARE(back.history, c.history);
    QCOMPARE(back.repeatCount, 300);
    QCOMPARE(back.repeatPace, RepeatPace::Rate);
    QCOMPARE(back.repeatIntervalMs, 0);
    QCOMPARE(back.repeatRate, 50'000);
    // Each group has its own composer.
    QCOMPARE(settings.composer(QStringLiteral("tcpClient")).mode, PayloadCodec::InputMode::Text);
}

void tst_Settings::composerDefaults()
{
    Settings settings;
    const Settings::Composer c = settings.composer(QStringLiteral("udp"));
    const Settings::Composer fresh;
    QCOMPARE(c.mode, fresh.mode);
    QCOMPARE(c.lineEnding, fresh.lineEnding);
    QVERIFY(c.history.isEmpty());
    QCOMPARE(c.repeatCount, fresh.repeatCount);
    QCOMPARE(c.repeatPace, fresh.repeatPace);
    QCOMPARE(c.repeatIntervalMs, fresh.repeatIntervalMs);
    QCOMPARE(c.repeatRate, fresh.repeatRate);
}

void tst_Settings::badComposerValues()
{
    QSettings raw;
    raw.setValue(QStringLiteral("composer/udp/mode"), QStringLiteral("base64"));
    raw.setValue(QStringLiteral("composer/udp/lineEnding"), QStringLiteral("lfcr"));
    raw.setValue(QStringLiteral("composer/udp/repeatCount"), -5);
    raw.setValue(QStringLiteral("composer/udp/repeatPace"), QStringLiteral("fast"));
    raw.setValue(QStringLiteral("composer/udp/repeatInterval"), QStringLiteral("soon"));
    raw.setValue(QStringLiteral("composer/udp/repeatRate"), 0);
    raw.sync();
    Settings settings;
    const Settings::Composer c = settings.composer(QStringLiteral("udp"));
    QCOMPARE(c.mode, PayloadCodec::InputMode::Text);
    QCOMPARE(c.lineEnding, PayloadCodec::LineEnding::None);
    QCOMPARE(c.repeatCount, 1);
    QCOMPARE(c.repeatPace, RepeatPace::Interval);
    QCOMPARE(c.repeatIntervalMs, Settings::Composer().repeatIntervalMs);
    QCOMPARE(c.repeatRate, 1);
}

void tst_Settings::historyKeepsTheNewest()
{
    QStringList many;
    for (int i = 0; i < Settings::Composer::MaxHistory + 20; ++i)
        many << QString::number(i);
    QSettings().setValue(QStringLiteral("composer/udp/history"), many);
    Settings settings;
    const QStringList history = settings.composer(QStringLiteral("udp")).history;
    QCOMPARE(history.size(), Settings::Composer::MaxHistory);
    QCOMPARE(history.constFirst(), QStringLiteral("20"));
    QCOMPARE(history.constLast(), many.constLast());
}

// An older version kept messages of any size; a 1 MiB one made every start slow.
void tst_Settings::historyDropsWhatIsTooLong()
{
    const QString huge(1 << 20, u'x');
    QSettings().setValue(QStringLiteral("composer/udp/history"),
                         QStringList { QStringLiteral("a"), huge, QStringLiteral("b") });
    Settings settings;
    QCOMPARE(settings.composer(QStringLiteral("udp")).history,
             QStringList({ QStringLiteral("a"), QStringLiteral("b") }));
}

void tst_Settings::logLimitsRoundTrip()
{
    {
        Settings settings;
        const Settings::LogLimits defaults = settings.logLimits();
        QCOMPARE(defaults.rows, LogModel::DefaultCapacity);
        QCOMPARE(defaults.payloadBytes(), LogModel::DefaultPayloadBudget);
        settings.setLogLimits(Settings::LogLimits { 20'000, 512 });
    }
    Settings settings;
    QCOMPARE(settings.logLimits().rows, 20'000);
    QCOMPARE(settings.logLimits().payloadBytes(), qsizetype(512) << 20);
    // Out of range or not numbers: clamped, or the default.
    QSettings().setValue(QStringLiteral("log/maxRows"), 5);
    QSettings().setValue(QStringLiteral("log/payloadBudgetMiB"), QStringLiteral("lots"));
    QCOMPARE(settings.logLimits().rows, Settings::LogLimits::MinRows);
    QCOMPARE(settings.logLimits().payloadBytes(), LogModel::DefaultPayloadBudget);
}

void tst_Settings::chatViewPerGroup()
{
    {
        Settings settings;
        QVERIFY(!settings.chatView(QStringLiteral("tcpServer")));
        settings.setChatView(QStringLiteral("tcpServer"), true);
    }
    Settings settings;
    QVERIFY(settings.chatView(QStringLiteral("tcpServer")));
    QVERIFY(!settings.chatView(QStringLiteral("udp")));
    QSettings().setValue(QStringLiteral("log/udp/chatView"), QStringLiteral("maybe"));
    QVERIFY(!settings.chatView(QStringLiteral("udp")));
}

void tst_Settings::groupRoundTrip()
{
    {
        Settings settings;
        Settings::Group g = settings.group(QStringLiteral("made-up"));
        g.setValue(u"host", QStringLiteral("::1"));
        g.setValue(u"port", 65535);
        g.setValue(u"timeout", 2500);
        g.setValue(u"names", false);
        g.setChoice(u"autoReply", AutoReply::Relay);
    }
    Settings settings;
    const Settings::Group g = settings.group(QStringLiteral("made-up"));
    QCOMPARE(g.text(u"host"), QStringLiteral("::1"));
    QCOMPARE(g.port(u"port", 1), quint16(65535));
    QCOMPARE(g.number(u"timeout", 5000, 100, 600'000), 2500);
    QCOMPARE(g.flag(u"names", true), false);
    QCOMPARE(g.choice<AutoReply>(u"autoReply"), AutoReply::Relay);
    // Missing values give the caller's default.
    QCOMPARE(g.text(u"absent", QStringLiteral("127.0.0.1")), QStringLiteral("127.0.0.1"));
    QCOMPARE(g.port(u"absent", 9000), quint16(9000));
    QCOMPARE(g.number(u"absent", 100, 1, 1000), 100);
    QCOMPARE(g.flag(u"absent", true), true);
    QCOMPARE(g.choice<AutoReply>(u"absent"), AutoReply::None);
    QCOMPARE(QSettings().value(QStringLiteral("made-up/port")).toInt(), 65535);
}

void tst_Settings::badGroupValues_data()
{
    QTest::addColumn<QString>("stored");
    QTest::addColumn<int>("port");
    QTest::addColumn<int>("number");
    QTest::addColumn<bool>("flag");
    // Defaults: port 9000, number 5000 within 100..600000, flag true.
    QTest::newRow("not a number") << QStringLiteral("abc") << 9000 << 5000 << true;
    QTest::newRow("empty") << QString() << 9000 << 5000 << true;
    QTest::newRow("negative") << QStringLiteral("-1") << 9000 << 100 << true;
    QTest::newRow("too large") << QStringLiteral("70000") << 9000 << 70000 << true;
    QTest::newRow("far too large") << QStringLiteral("99999999") << 9000 << 600'000 << true;
    QTest::newRow("zero") << QStringLiteral("0") << 0 << 100 << false;
}

void tst_Settings::badGroupValues()
{
    QFETCH(QString, stored);
    QFETCH(int, port);
    QFETCH(int, number);
    QFETCH(bool, flag);
    QSettings raw;
    for (const char *key : { "kind/port", "kind/number", "kind/flag", "kind/choice" })
        raw.setValue(QLatin1StringView(key), stored);
    raw.sync();
    Settings settings;
    const Settings::Group g = settings.group(QStringLiteral("kind"));
    QCOMPARE(int(g.port(u"port", 9000)), port);
    QCOMPARE(g.number(u"number", 5000, 100, 600'000), number);
    QCOMPARE(g.flag(u"flag", true), flag);
    QCOMPARE(g.choice<StreamFramer::Framing>(u"choice"), StreamFramer::Framing::None);
}

// Settings from the versions before the kind registry still load: the same keys.
void tst_Settings::keysStayWhereEarlierVersionsPutThem()
{
    QSettings raw;
    raw.setValue(QStringLiteral("composer/tcpServer/mode"), QStringLiteral("hex"));
    raw.setValue(QStringLiteral("composer/tcpServer/repeatPace"), QStringLiteral("rate"));
    raw.setValue(QStringLiteral("log/tcpServer/chatView"), true);
    raw.setValue(QStringLiteral("tcpServer/maxClients"), 250);
    raw.sync();
    Settings settings;
    QCOMPARE(settings.composer(QStringLiteral("tcpServer")).mode, PayloadCodec::InputMode::Hex);
    QCOMPARE(settings.composer(QStringLiteral("tcpServer")).repeatPace, RepeatPace::Rate);
    QVERIFY(settings.chatView(QStringLiteral("tcpServer")));
    QCOMPARE(settings.group(QStringLiteral("tcpServer")).number(u"maxClients", 100, 1, 100'000),
             250);
}

void tst_Settings::windowAndRecording()
{
    {
        Settings settings;
        settings.setWindowPlace({ QRect(10, 20, 640, 500), QSize(630, 470), true });
        settings.setWindowState(QByteArray("state\0", 6));
        settings.setRecordingPath(QStringLiteral("/tmp/session.jsonl"));
    }
    Settings settings;
    const Settings::WindowPlace place = settings.windowPlace();
    QCOMPARE(place.frame, QRect(10, 20, 640, 500));
    QCOMPARE(place.size, QSize(630, 470));
    QVERIFY(place.maximized);
    QCOMPARE(settings.windowState(), QByteArray("state\0", 6));
    QCOMPARE(settings.recordingPath(), QStringLiteral("/tmp/session.jsonl"));
}

// The extra sessions open at quit, in order; entries that cannot be read are left out.
void tst_Settings::openSessionsRoundTrip()
{
    {
        Settings settings;
        QVERIFY(settings.openSessions().isEmpty());
        settings.setOpenSessions({ { QStringLiteral("tcpClient"), 3 },
                                   { QStringLiteral("udp"), 2 },
                                   { QStringLiteral("tcpClient"), 4 } });
        settings.setOpenSessions({ { QStringLiteral("tcpClient"), 3 },
                                   { QStringLiteral("udp"), 2 } }); // one fewer
    }
    QSettings raw;
    raw.setValue(QStringLiteral("sessions/3/kind"), QStringLiteral("udp")); // no number
    raw.sync();
    Settings settings;
    const QList<Settings::OpenSession> open = settings.openSessions();
    QCOMPARE(open.size(), 2);
    QCOMPARE(open[0].kind, QStringLiteral("tcpClient"));
    QCOMPARE(open[0].number, 3);
    QCOMPARE(open[1].kind, QStringLiteral("udp"));
    QCOMPARE(open[1].number, 2);
    QCOMPARE(Settings::sessionGroup(QStringLiteral("udp"), 1), QStringLiteral("udp"));
    QCOMPARE(Settings::sessionGroup(QStringLiteral("udp"), 2), QStringLiteral("udp-2"));
}

// A second session starts as a copy of the first's choices, and changing it leaves the first's.
void tst_Settings::anExtraSessionKeepsItsOwnChoices()
{
    Settings settings;
    settings.group(QStringLiteral("tcpClient")).setValue(u"port", 7000);
    settings.setChatView(QStringLiteral("tcpClient"), false);
    Settings::Composer composer;
    composer.history = QStringList { QStringLiteral("hello") };
    settings.setComposer(QStringLiteral("tcpClient"), composer);
    settings.group(QStringLiteral("tcpClient-2")).setValue(u"stale", 1); // a closed one's

    settings.copySession(QStringLiteral("tcpClient"), QStringLiteral("tcpClient-2"));
    Settings::Group second = settings.group(QStringLiteral("tcpClient-2"));
    QCOMPARE(second.port(u"port", 0), quint16(7000));
    QCOMPARE(second.number(u"stale", 0, 0, 1), 0);
    QCOMPARE(settings.composer(QStringLiteral("tcpClient-2")).history,
             QStringList { QStringLiteral("hello") });
    second.setValue(u"port", 7001);
    settings.setChatView(QStringLiteral("tcpClient-2"), true);
    QCOMPARE(settings.group(QStringLiteral("tcpClient")).port(u"port", 0), quint16(7000));
    QVERIFY(!settings.chatView(QStringLiteral("tcpClient")));

    settings.removeSession(QStringLiteral("tcpClient-2"));
    QCOMPARE(settings.group(QStringLiteral("tcpClient-2")).port(u"port", 0), quint16(0));
    QVERIFY(!settings.chatView(QStringLiteral("tcpClient-2")));
    QVERIFY(settings.composer(QStringLiteral("tcpClient-2")).history.isEmpty());
    QCOMPARE(settings.group(QStringLiteral("tcpClient")).port(u"port", 0), quint16(7000));
}

QTEST_GUILESS_MAIN(tst_Settings)
#include "tst_settings.moc"
