#include "text/enumkeys.h"

#include "log/logentry.h"
#include "log/logfiltermodel.h"
#include "net/autoreply.h"
#include "net/sendpacer.h"
#include "net/transport.h"
#include "text/payloadcodec.h"
#include "text/streamframer.h"

#include <QSet>
#include <QTest>

// Every enum that leaves the program (settings, command line, recording, combo item data) is
// written with the keys of its one table, both ways, and falls back to its first value.
class tst_EnumKeys : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void bothWays();
    void unknownKeyGivesTheDefault();
    void matchesWithoutCase();
    void everyTableRoundTrips();
    void recordingWords();
};

namespace {

// Each value's key is distinct and non-empty, and reads back as that value.
template<typename Enum>
bool roundTrips(QString *problem)
{
    QSet<QString> seen;
    for (const EnumKey<Enum> &row : enumKeys(Enum {})) {
        const QString key = EnumKeys::key(row.value);
        if (key.isEmpty() || seen.contains(key) || EnumKeys::find<Enum>(key) != row.value) {
            *problem = u"key \"" + key + u"\" does not stand for one value";
            return false;
        }
        seen.insert(key);
    }
    return !seen.isEmpty();
}

} // namespace

void tst_EnumKeys::bothWays()
{
    QCOMPARE(EnumKeys::key(AutoReply::Timestamp), QLatin1StringView("timestamp"));
    QCOMPARE(EnumKeys::find<AutoReply>(u"relay"), std::optional<AutoReply>(AutoReply::Relay));
    QCOMPARE(EnumKeys::fromKey<PayloadCodec::LineEnding>(u"crlf"), PayloadCodec::LineEnding::CrLf);
    QCOMPARE(EnumKeys::key(StreamFramer::Framing::Length32), QLatin1StringView("len32"));
}

void tst_EnumKeys::unknownKeyGivesTheDefault()
{
    QVERIFY(!EnumKeys::find<AutoReply>(u"shout"));
    QVERIFY(!EnumKeys::find<AutoReply>(u""));
    QCOMPARE(EnumKeys::fromKey<AutoReply>(u"shout"), AutoReply::None);
    QCOMPARE(EnumKeys::fromKey<PayloadCodec::InputMode>(u""), PayloadCodec::InputMode::Text);
    QCOMPARE(EnumKeys::fromKey<StreamFramer::Framing>(u"len64"), StreamFramer::Framing::None);
    QCOMPARE(EnumKeys::fromKey<RepeatPace>(u"sometimes"), RepeatPace::Interval);
    QCOMPARE(EnumKeys::fromKey<LogFilterModel::Shown>(u"none"), LogFilterModel::Shown::All);
}

void tst_EnumKeys::matchesWithoutCase()
{
    QCOMPARE(EnumKeys::find<AutoReply>(u"ECHO"), std::optional<AutoReply>(AutoReply::Echo));
    QCOMPARE(EnumKeys::find<AutoReply>(QLatin1StringView("Timestamp")),
             std::optional<AutoReply>(AutoReply::Timestamp));
    QCOMPARE(EnumKeys::fromKey<PayloadCodec::InputMode>(u"HEX"), PayloadCodec::InputMode::Hex);
}

void tst_EnumKeys::everyTableRoundTrips()
{
    QString problem;
    QVERIFY2(roundTrips<AutoReply>(&problem), qPrintable(problem));
    QVERIFY2(roundTrips<PayloadCodec::InputMode>(&problem), qPrintable(problem));
    QVERIFY2(roundTrips<PayloadCodec::LineEnding>(&problem), qPrintable(problem));
    QVERIFY2(roundTrips<StreamFramer::Framing>(&problem), qPrintable(problem));
    QVERIFY2(roundTrips<RepeatPace>(&problem), qPrintable(problem));
    QVERIFY2(roundTrips<LogFilterModel::Shown>(&problem), qPrintable(problem));
    QVERIFY2(roundTrips<Direction>(&problem), qPrintable(problem));
    QVERIFY2(roundTrips<Transport>(&problem), qPrintable(problem));
}

// The recording's "proto" and "kind" words are a contract (README, Recording).
void tst_EnumKeys::recordingWords()
{
    QCOMPARE(EnumKeys::key(Transport::Udp), QLatin1StringView("udp"));
    QCOMPARE(EnumKeys::key(Transport::Tcp), QLatin1StringView("tcp"));
    QCOMPARE(EnumKeys::key(Direction::Received), QLatin1StringView("recv"));
    QCOMPARE(EnumKeys::key(Direction::Sent), QLatin1StringView("send"));
    QCOMPARE(EnumKeys::key(Direction::Info), QLatin1StringView("info"));
    QCOMPARE(EnumKeys::key(Direction::Error), QLatin1StringView("error"));
}

QTEST_APPLESS_MAIN(tst_EnumKeys)
#include "tst_enumkeys.moc"
