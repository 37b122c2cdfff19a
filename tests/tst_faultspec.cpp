#include "net/faultspec.h"

#include <QTest>

using namespace Qt::StringLiterals;

// The spec `--fault` and a lesson's "fault" take: what is valid, what each fault sets, and
// every kind of mistake named with the character where it is.
class tst_FaultSpec : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parsesGoodSpecs_data();
    void parsesGoodSpecs();
    void refusesBadSpecs_data();
    void refusesBadSpecs();
    void writesTheSpecBack_data();
    void writesTheSpecBack();
    void saysTheFaultsInWords();
    void datagramFaultsLeaveAStream();
};

namespace {

FaultSpec spec(int drop, int delayMin, int delayMax, int duplicate, int reorder)
{
    FaultSpec s;
    s.dropPercent = drop;
    s.delayMinMs = delayMin;
    s.delayMaxMs = delayMax;
    s.duplicatePercent = duplicate;
    s.reorderPercent = reorder;
    return s;
}

} // namespace

void tst_FaultSpec::parsesGoodSpecs_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<FaultSpec>("expected");
    QTest::newRow("empty: no fault") << QString() << FaultSpec {};
    QTest::newRow("none") << u"none"_s << FaultSpec {};
    QTest::newRow("drop") << u"drop=50"_s << spec(50, 0, 0, 0, 0);
    QTest::newRow("drop with a percent sign") << u"drop=50%"_s << spec(50, 0, 0, 0, 0);
    QTest::newRow("drop 0 and 100") << u"drop=100"_s << spec(100, 0, 0, 0, 0);
    QTest::newRow("the issue's example") << u"drop=50,delay=200"_s << spec(50, 200, 200, 0, 0);
    QTest::newRow("random delay") << u"delay=100-500"_s << spec(0, 100, 500, 0, 0);
    QTest::newRow("a range of one") << u"delay=300-300"_s << spec(0, 300, 300, 0, 0);
    QTest::newRow("the longest delay") << u"delay=60000"_s << spec(0, 60000, 60000, 0, 0);
    QTest::newRow("every fault, any order")
        << u"reorder=5,duplicate=10,delay=0-20,drop=1"_s << spec(1, 0, 20, 10, 5);
    QTest::newRow("spaces and capitals") << u" Drop = 30 , DELAY=10 "_s << spec(30, 10, 10, 0, 0);
}

void tst_FaultSpec::parsesGoodSpecs()
{
    QFETCH(QString, text);
    QFETCH(FaultSpec, expected);
    const FaultSpecs::ParseResult result = FaultSpecs::parse(text);
    QVERIFY2(result.isValid(), qPrintable(result.error));
    QVERIFY(result.spec == expected);
    QCOMPARE(result.spec.isActive(), expected != FaultSpec {});
}

void tst_FaultSpec::refusesBadSpecs_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qsizetype>("position");
    QTest::addColumn<QString>("words");
    QTest::newRow("percentage too large")
        << u"drop=150"_s << qsizetype(5) << u"drop=150: a percentage is 0 to 100"_s;
    QTest::newRow("negative") << u"reorder=-1"_s << qsizetype(8) << u"0 to 100"_s;
    QTest::newRow("a fraction") << u"duplicate=2.5"_s << qsizetype(10) << u"in digits"_s;
    QTest::newRow("digits of another script") << u"drop=٥٠"_s << qsizetype(5) << u"0 to 100"_s;
    QTest::newRow("no value") << u"drop"_s << qsizetype(4) << u"drop: no value"_s;
    QTest::newRow("empty value") << u"drop="_s << qsizetype(5) << u"0 to 100"_s;
    QTest::newRow("unknown fault, after a good one")
        << u"drop=5,lose=5"_s << qsizetype(7) << u"unknown fault \"lose\""_s;
    QTest::newRow("given twice") << u"drop=5, drop=6"_s << qsizetype(8) << u"given twice"_s;
    QTest::newRow("an empty pair") << u"drop=5,,delay=1"_s << qsizetype(7) << u"empty fault"_s;
    QTest::newRow("a trailing comma") << u"drop=5,"_s << qsizetype(7) << u"empty fault"_s;
    QTest::newRow("delay too long")
        << u"delay=60001"_s << qsizetype(6) << u"milliseconds from 0 to 60000"_s;
    QTest::newRow("delay range backwards")
        << u"delay=500-100"_s << qsizetype(10) << u"ends below its start"_s;
    QTest::newRow("delay range open") << u"delay=100-"_s << qsizetype(6) << u"a range such as"_s;
    QTest::newRow("delay with a place marker")
        << u"delay=%1"_s << qsizetype(6)
        << u"delay=%1: a delay is milliseconds from 0 to 60000, or a range"_s;
    QTest::newRow("delay in seconds") << u"delay=2s"_s << qsizetype(6) << u"milliseconds"_s;
}

void tst_FaultSpec::refusesBadSpecs()
{
    QFETCH(QString, text);
    QFETCH(qsizetype, position);
    QFETCH(QString, words);
    const FaultSpecs::ParseResult result = FaultSpecs::parse(text);
    QVERIFY(!result.isValid());
    QVERIFY2(result.error.contains(words), qPrintable(result.error));
    QCOMPARE(result.errorPosition, position);
    QVERIFY(!result.spec.isActive()); // nothing half-parsed is used
}

void tst_FaultSpec::writesTheSpecBack_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("written");
    QTest::newRow("nothing") << u"none"_s << QString();
    QTest::newRow("fixed delay") << u"delay=200,drop=50"_s << u"drop=50,delay=200"_s;
    QTest::newRow("random delay") << u"delay=100-500"_s << u"delay=100-500"_s;
    QTest::newRow("zeros left out") << u"drop=0,duplicate=0,reorder=20"_s << u"reorder=20"_s;
    QTest::newRow("all") << u"reorder=4,duplicate=3,delay=1-2,drop=1%"_s
                         << u"drop=1,delay=1-2,duplicate=3,reorder=4"_s;
}

// What toText() writes reads back as the same spec.
void tst_FaultSpec::writesTheSpecBack()
{
    QFETCH(QString, text);
    QFETCH(QString, written);
    const FaultSpecs::ParseResult parsed = FaultSpecs::parse(text);
    QVERIFY(parsed.isValid());
    QCOMPARE(FaultSpecs::toText(parsed.spec), written);
    QVERIFY(FaultSpecs::parse(written).spec == parsed.spec);
}

void tst_FaultSpec::saysTheFaultsInWords()
{
    QCOMPARE(FaultSpecs::inWords({}), QString());
    QCOMPARE(FaultSpecs::inWords(spec(50, 200, 200, 0, 0)), u"drop 50%, delay 200 ms"_s);
    QCOMPARE(FaultSpecs::inWords(spec(0, 100, 500, 10, 20)),
             u"delay 100–500 ms, duplicate 10%, reorder 20%"_s);
}

void tst_FaultSpec::datagramFaultsLeaveAStream()
{
    const FaultSpec all = spec(10, 5, 5, 20, 30);
    QVERIFY(all.hasDatagramFaults());
    const FaultSpec stream = all.withoutDatagramFaults();
    QVERIFY(!stream.hasDatagramFaults());
    QVERIFY(stream == spec(10, 5, 5, 0, 0));
    QVERIFY(!spec(0, 0, 0, 20, 0).withoutDatagramFaults().isActive());
}

QTEST_APPLESS_MAIN(tst_FaultSpec)
#include "tst_faultspec.moc"
