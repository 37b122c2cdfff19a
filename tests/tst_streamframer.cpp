#include "text/streamframer.h"

#include <QRandomGenerator>
#include <QTest>
#include <QtEndian>

using Framing = StreamFramer::Framing;

class tst_StreamFramer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void splits_data();
    void splits();
    void noFramingYieldsNothing();
    void emptyDelimiterIsNoFraming();
    void longStreamIsLinear();
    void keysRoundTrip();
    void tellsWhatItStillHolds();
};

Q_DECLARE_METATYPE(StreamFramer::Framing)

namespace {

QByteArray be16(quint16 n)
{
    QByteArray bytes(2, Qt::Uninitialized);
    qToBigEndian(n, bytes.data());
    return bytes;
}

QByteArray be32(quint32 n)
{
    QByteArray bytes(4, Qt::Uninitialized);
    qToBigEndian(n, bytes.data());
    return bytes;
}

// Feeds `stream` cut at `cuts` (ascending offsets) and collects every message.
QList<QByteArray> feedInPieces(StreamFramer &framer, const QByteArray &stream,
                               const QList<qsizetype> &cuts)
{
    QList<QByteArray> messages;
    qsizetype from = 0;
    for (qsizetype cut : cuts) {
        messages += framer.feed(stream.sliced(from, cut - from));
        from = cut;
    }
    messages += framer.feed(stream.sliced(from));
    return messages;
}

} // namespace

void tst_StreamFramer::splits_data()
{
    QTest::addColumn<Framing>("framing");
    QTest::addColumn<QByteArray>("delimiter");
    QTest::addColumn<QByteArray>("stream");
    QTest::addColumn<QList<QByteArray>>("messages");
    QTest::addColumn<qsizetype>("leftover");

    QTest::newRow("LF lines") << Framing::Lf << QByteArray() << QByteArray("one\ntwo\nthree\n")
                              << QList<QByteArray> { "one\n", "two\n", "three\n" } << qsizetype(0);
    QTest::newRow("LF, incomplete tail")
            << Framing::Lf << QByteArray() << QByteArray("a\nb\npartial")
            << QList<QByteArray> { "a\n", "b\n" } << qsizetype(7);
    QTest::newRow("LF, empty lines") << Framing::Lf << QByteArray() << QByteArray("\n\nx\n")
                                     << QList<QByteArray> { "\n", "\n", "x\n" } << qsizetype(0);
    QTest::newRow("CRLF keeps a lone LF inside")
            << Framing::CrLf << QByteArray() << QByteArray("GET / HTTP/1.0\r\nA: b\nc\r\n\r\n")
            << QList<QByteArray> { "GET / HTTP/1.0\r\n", "A: b\nc\r\n", "\r\n" } << qsizetype(0);
    QTest::newRow("CRLF, CR at the very end waits")
            << Framing::CrLf << QByteArray() << QByteArray("x\r\ny\r")
            << QList<QByteArray> { "x\r\n" } << qsizetype(2);
    QTest::newRow("custom delimiter, 3 bytes")
            << Framing::Delimiter << QByteArray("END") << QByteArray("helloENDENDworENDdEN")
            << QList<QByteArray> { "helloEND", "END", "worEND" } << qsizetype(3);
    QTest::newRow("custom delimiter, NUL")
            << Framing::Delimiter << QByteArray("\0", 1) << QByteArray("ab\0\0c\0", 6)
            << QList<QByteArray> { QByteArray("ab\0", 3), QByteArray("\0", 1),
                                   QByteArray("c\0", 2) }
            << qsizetype(0);
    QTest::newRow("custom delimiter with overlapping prefix")
            << Framing::Delimiter << QByteArray("aab") << QByteArray("xaaabyaab")
            << QList<QByteArray> { "xaaab", "yaab" } << qsizetype(0);
    QTest::newRow("length 16, three frames")
            << Framing::Length16 << QByteArray()
            << QByteArray(be16(3) + "abc" + be16(0) + be16(5) + QByteArray("\n\0\xff\r\x01", 5))
            << QList<QByteArray> { be16(3) + "abc", be16(0),
                                   be16(5) + QByteArray("\n\0\xff\r\x01", 5) }
            << qsizetype(0);
    QTest::newRow("length 16, body incomplete")
            << Framing::Length16 << QByteArray() << QByteArray(be16(10) + "short")
            << QList<QByteArray> {} << qsizetype(7);
    QTest::newRow("length 16, 65535-byte body")
            << Framing::Length16 << QByteArray()
            << QByteArray(be16(65535) + QByteArray(65535, 'z') + be16(1) + "!")
            << QList<QByteArray> { be16(65535) + QByteArray(65535, 'z'), be16(1) + "!" }
            << qsizetype(0);
    QTest::newRow("length 32, two frames and half a header")
            << Framing::Length32 << QByteArray()
            << QByteArray(be32(4) + "ping" + be32(2) + "ok" + be32(9).first(2))
            << QList<QByteArray> { be32(4) + "ping", be32(2) + "ok" } << qsizetype(2);
    QTest::newRow("length 32, 100 KiB body")
            << Framing::Length32 << QByteArray() << QByteArray(be32(102400) + QByteArray(102400, '\x80'))
            << QList<QByteArray> { be32(102400) + QByteArray(102400, '\x80') } << qsizetype(0);
    QTest::newRow("invalid UTF-8 lines")
            << Framing::Lf << QByteArray() << QByteArray("\xc3\x28\n\xff\xfe\n")
            << QList<QByteArray> { "\xc3\x28\n", "\xff\xfe\n" } << qsizetype(0);
}

// Whatever chunks the stream arrives in, the messages are the same.
void tst_StreamFramer::splits()
{
    QFETCH(Framing, framing);
    QFETCH(QByteArray, delimiter);
    QFETCH(QByteArray, stream);
    QFETCH(QList<QByteArray>, messages);
    QFETCH(qsizetype, leftover);

    {
        StreamFramer framer(framing, delimiter);
        QCOMPARE(framer.feed(stream), messages);
        QCOMPARE(framer.pendingBytes(), leftover);
    }
    if (stream.size() <= 64) {
        // Every way to cut it in two, and one byte at a time.
        for (qsizetype cut = 1; cut < stream.size(); ++cut) {
            StreamFramer framer(framing, delimiter);
            QCOMPARE(feedInPieces(framer, stream, { cut }), messages);
            QCOMPARE(framer.pendingBytes(), leftover);
        }
        QList<qsizetype> everyByte;
        for (qsizetype i = 1; i < stream.size(); ++i)
            everyByte << i;
        StreamFramer framer(framing, delimiter);
        QCOMPARE(feedInPieces(framer, stream, everyByte), messages);
    }
    // Random chunk sizes, as a busy network delivers them; the seed makes a failure repeatable.
    for (quint32 seed = 1; seed <= 20; ++seed) {
        QRandomGenerator random(seed);
        QList<qsizetype> cuts;
        for (qsizetype at = random.bounded(1, 1400); at < stream.size(); at += random.bounded(1, 1400))
            cuts << at;
        StreamFramer framer(framing, delimiter);
        QVERIFY2(feedInPieces(framer, stream, cuts) == messages,
                 qPrintable(QStringLiteral("seed %1").arg(seed)));
        QCOMPARE(framer.pendingBytes(), leftover);
    }
}

void tst_StreamFramer::noFramingYieldsNothing()
{
    StreamFramer framer;
    QVERIFY(!framer.isFraming());
    QVERIFY(framer.feed("a\nb\n").isEmpty());
    QCOMPARE(framer.pendingBytes(), 0);
}

void tst_StreamFramer::emptyDelimiterIsNoFraming()
{
    StreamFramer framer(Framing::Delimiter, {});
    QVERIFY(!framer.isFraming());
    QVERIFY(framer.feed("abc").isEmpty());
}

// A long line fed in small chunks is scanned once, and the buffer does not grow without bound
// once messages complete.
void tst_StreamFramer::longStreamIsLinear()
{
    StreamFramer framer(Framing::CrLf);
    const QByteArray chunk(100, 'x');
    for (int i = 0; i < 20'000; ++i)
        QVERIFY(framer.feed(chunk).isEmpty());
    QCOMPARE(framer.pendingBytes(), 2'000'000);
    const QList<QByteArray> messages = framer.feed("\r\nnext\r\n");
    QCOMPARE(messages.size(), 2);
    QCOMPARE(messages.at(0).size(), 2'000'002);
    QCOMPARE(messages.at(1), QByteArray("next\r\n"));
    QCOMPARE(framer.pendingBytes(), 0);
}

void tst_StreamFramer::keysRoundTrip()
{
    for (Framing f : { Framing::None, Framing::Lf, Framing::CrLf, Framing::Delimiter,
                       Framing::Length16, Framing::Length32 })
        QCOMPARE(EnumKeys::fromKey<Framing>(EnumKeys::key(f)), f);
    QCOMPARE(EnumKeys::fromKey<Framing>(u"bogus"), Framing::None);
    QCOMPARE(EnumKeys::key(Framing::Length16), QLatin1StringView("len16"));
}

// What never made a message, for the row that says so when the stream ends.
void tst_StreamFramer::tellsWhatItStillHolds()
{
    StreamFramer lines(Framing::Lf);
    QVERIFY(lines.feed("fir").isEmpty());
    QVERIFY(!lines.hasFramed());
    QCOMPARE(lines.pendingData(), QByteArray("fir"));
    QCOMPARE(lines.feed("st\nsecond\nthird").size(), 2);
    QVERIFY(lines.hasFramed());
    QCOMPARE(lines.pendingData(), QByteArray("third"));
    QCOMPARE(lines.prefixBytes(), 0);
    QCOMPARE(lines.announcedSize(), -1);
    lines.reset();
    QVERIFY(!lines.hasFramed());
    QVERIFY(lines.pendingData().isEmpty());

    StreamFramer length(Framing::Length32);
    QCOMPARE(length.prefixBytes(), 4);
    QVERIFY(length.feed(QByteArray("\x00\x01", 2)).isEmpty());
    QCOMPARE(length.announcedSize(), -1); // the prefix is not complete yet
    QVERIFY(length.feed(QByteArray("\x00\x00" "ab", 4)).isEmpty());
    QCOMPARE(length.announcedSize(), 65536);
    QCOMPARE(length.pendingData(), QByteArray("\x00\x01\x00\x00" "ab", 6));
    QCOMPARE(StreamFramer(Framing::Length16).prefixBytes(), 2);
}

QTEST_APPLESS_MAIN(tst_StreamFramer)
#include "tst_streamframer.moc"
