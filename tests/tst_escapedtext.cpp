#include "text/escapedtext.h"
#include "text/payloadcodec.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonValue>
#include <QRandomGenerator>
#include <QTest>

#include <vector>

using namespace Qt::StringLiterals;

// Every class of character the display must escape, and that the escapes always read back
// as the same bytes, on screen and in the recording alike.
class tst_EscapedText : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void toText_data();
    void toText();
    void roundTrips_data() { toText_data(); }
    void roundTrips();
    void json_data() { toText_data(); }
    void json();
    void jsonOfEveryByteStaysWithinBound();
    void truncates();
};

void tst_EscapedText::toText_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("text");
    auto row = [](const char *name, const QByteArray &bytes, const QString &text) {
        QTest::newRow(name) << bytes << text;
    };
    row("empty", {}, {});
    row("ascii", "msg 1", u"msg 1"_s);
    row("quote is shown", "say \"hi\"", u"say \"hi\""_s);
    row("backslash", "a\\b", u"a\\\\b"_s);
    row("crlf and tab", "a\r\n\tb", u"a\\r\\n\\tb"_s);
    row("nul and bell (C0)", QByteArray("\0\a", 2), u"\\x00\\x07"_s);
    row("escape (C0)", "\x1b[0m", u"\\x1b[0m"_s);
    row("del", "\x7f", u"\\x7f"_s);
    row("C1 control U+0085", "\xc2\x85", u"\\xc2\\x85"_s);
    row("C1 control U+009B", "\xc2\x9b", u"\\xc2\\x9b"_s);
    row("invalid lead byte", "a\xff" "b", u"a\\xffb"_s);
    row("lone continuation", "\x80", u"\\x80"_s);
    row("cut-short sequence", "\xe2\x82", u"\\xe2\\x82"_s);
    row("overlong slash", "\xc0\xaf", u"\\xc0\\xaf"_s);
    row("surrogate", "\xed\xa0\x80", u"\\xed\\xa0\\x80"_s);
    row("beyond U+10FFFF", "\xf4\x90\x80\x80", u"\\xf4\\x90\\x80\\x80"_s);
    row("utf-8 letters and emoji", "\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80",
        QStringLiteral("\u00e9\u20ac\U0001F600"));
    row("chinese", "\xe4\xb8\xad\xe6\x96\x87", QStringLiteral("\u4e2d\u6587"));
    row("no-break space is shown", "a\xc2\xa0" "b", QStringLiteral("a\u00a0b"));
    // Bidirectional controls would reorder what follows them.
    row("LRM U+200E", "a\xe2\x80\x8e" "b", u"a\\xe2\\x80\\x8eb"_s);
    row("RLM U+200F", "\xe2\x80\x8f", u"\\xe2\\x80\\x8f"_s);
    row("LRE U+202A", "\xe2\x80\xaa", u"\\xe2\\x80\\xaa"_s);
    row("RLE U+202B", "\xe2\x80\xab", u"\\xe2\\x80\\xab"_s);
    row("PDF U+202C", "\xe2\x80\xac", u"\\xe2\\x80\\xac"_s);
    row("LRO U+202D", "\xe2\x80\xad", u"\\xe2\\x80\\xad"_s);
    row("RLO U+202E (the issue's RTL)", "RTL \xe2\x80\xae" "abc\xe2\x80\xac",
        u"RTL \\xe2\\x80\\xaeabc\\xe2\\x80\\xac"_s);
    row("LRI U+2066", "\xe2\x81\xa6", u"\\xe2\\x81\\xa6"_s);
    row("RLI U+2067", "\xe2\x81\xa7", u"\\xe2\\x81\\xa7"_s);
    row("FSI U+2068", "\xe2\x81\xa8", u"\\xe2\\x81\\xa8"_s);
    row("PDI U+2069", "\xe2\x81\xa9", u"\\xe2\\x81\\xa9"_s);
    row("ALM U+061C", "\xd8\x9c", u"\\xd8\\x9c"_s);
    // Other format characters: invisible, so they would hide bytes.
    row("zero-width space U+200B", "a\xe2\x80\x8b" "b", u"a\\xe2\\x80\\x8bb"_s);
    row("zero-width joiner U+200D", "\xe2\x80\x8d", u"\\xe2\\x80\\x8d"_s);
    row("byte order mark U+FEFF", "\xef\xbb\xbf" "x", u"\\xef\\xbb\\xbfx"_s);
    row("soft hyphen U+00AD", "\xc2\xad", u"\\xc2\\xad"_s);
    row("tag character U+E0041", "\xf3\xa0\x81\x81", u"\\xf3\\xa0\\x81\\x81"_s);
    row("line separator U+2028", "\xe2\x80\xa8", u"\\xe2\\x80\\xa8"_s);
    row("paragraph separator U+2029", "\xe2\x80\xa9", u"\\xe2\\x80\\xa9"_s);
    row("private use U+E000", "\xee\x80\x80", u"\\xee\\x80\\x80"_s);
    row("private use U+F0000", "\xf3\xb0\x80\x80", u"\\xf3\\xb0\\x80\\x80"_s);
    row("unassigned U+0378", "\xcd\xb8", u"\\xcd\\xb8"_s);
    row("noncharacter U+FFFF", "\xef\xbf\xbf", u"\\xef\\xbf\\xbf"_s);
    // A combining mark draws on what comes before it; with nothing there it would draw alone,
    // or on an escape's last character.
    row("combining mark at the start", "\xcc\x81" "a", u"\\xcc\\x81a"_s);
    row("combining mark after an escape", "\n\xcc\x81", u"\\n\\xcc\\x81"_s);
    row("combining mark after a space", "a \xcc\x81", u"a \\xcc\\x81"_s);
    row("combining mark after a no-break space", "\xc2\xa0\xcc\x81",
        QStringLiteral("\u00a0") + u"\\xcc\\x81"_s);
    row("combining mark after an ideographic space", "\xe3\x80\x80\xcc\x81",
        QStringLiteral("\u3000") + u"\\xcc\\x81"_s);
    row("Thaana vowel sign after a space, as a reply shows de ad", "] \xde\xad\xbe\xef",
        u"] \\xde\\xad\\xbe\\xef"_s);
    row("combining mark after a letter", "e\xcc\x81", QStringLiteral("e\u0301"));
    row("the issue's de ad be ef", QByteArray("\xde\xad\xbe\xef\x00\r\n", 7),
        u"\\xde\\xad\\xbe\\xef\\x00\\r\\n"_s);
}

void tst_EscapedText::toText()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, text);
    QCOMPARE(EscapedText::toText(bytes), text);
}

void tst_EscapedText::roundTrips()
{
    QFETCH(QByteArray, bytes);
    const PayloadCodec::ParseResult back = PayloadCodec::parseText(EscapedText::toText(bytes));
    QVERIFY2(back.isValid(), qPrintable(back.error));
    QCOMPARE(back.bytes, bytes);
}

// The recording writes the same text, as the inside of a JSON string.
void tst_EscapedText::json()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, text);
    QByteArray out(EscapedText::jsonBound(bytes.size()) + 2, '\0');
    out[0] = '"';
    char *end = EscapedText::writeJson(out.data() + 1, bytes, TextEncoding::Utf8);
    *end++ = '"';
    out.truncate(end - out.constData());
    const QJsonDocument document = QJsonDocument::fromJson("[" + out + "]");
    QVERIFY2(document.isArray(), out.constData());
    QCOMPARE(document.array().at(0).toString(), text);
}

void tst_EscapedText::jsonOfEveryByteStaysWithinBound()
{
    QByteArray bytes(1 << 16, Qt::Uninitialized);
    QRandomGenerator random(12);
    for (char &b : bytes)
        b = char(random.bounded(256));
    for (TextEncoding encoding : { TextEncoding::Utf8, TextEncoding::Gb18030, TextEncoding::Big5,
                                   TextEncoding::ShiftJis, TextEncoding::Latin1 }) {
        // Exactly the room promised, on the heap: the sanitizer pass catches a store past it.
        std::vector<char> out(std::size_t(EscapedText::jsonBound(bytes.size())));
        const char *end = EscapedText::writeJson(out.data(), bytes, encoding);
        const QByteArray json(out.data(), end - out.data());
        const QJsonDocument document = QJsonDocument::fromJson("[\"" + json + "\"]");
        QVERIFY(document.isArray());
        QCOMPARE(document.array().at(0).toString(), EscapedText::toText(bytes, encoding));
    }
}

void tst_EscapedText::truncates()
{
    QCOMPARE(EscapedText::toText(QByteArray(1000, 'x'), TextEncoding::Utf8, 10),
             QString(10, u'x') + QChar(0x2026));
    // A character cut by the limit is escaped, never decoded from half a sequence.
    QCOMPARE(EscapedText::toText("a\xe2\x82\xac", TextEncoding::Utf8, 3),
             u"a\\xe2\\x82"_s + QChar(0x2026));
    QCOMPARE(EscapedText::toText("abc", TextEncoding::Utf8, 3), u"abc"_s);
}

QTEST_APPLESS_MAIN(tst_EscapedText)
#include "tst_escapedtext.moc"
