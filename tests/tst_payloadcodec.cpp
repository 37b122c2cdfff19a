#include "text/payloadcodec.h"

#include <QTest>

using namespace PayloadCodec;

class tst_PayloadCodec : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parseText_data();
    void parseText();
    void parseTextErrors_data();
    void parseTextErrors();
    void parseHex_data();
    void parseHex();
    void parseHexErrors_data();
    void parseHexErrors();
    void largePayload();
    void lineEndings();
    void escapedText_data();
    void escapedText();
    void escapedTextTruncates();
    void escapedTextRoundTrips_data();
    void escapedTextRoundTrips();
    void hexString();
    void hexDump();
};

void tst_PayloadCodec::parseText_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QByteArray>("bytes");
    QTest::newRow("empty") << QString() << QByteArray();
    QTest::newRow("plain ascii") << QStringLiteral("hello") << QByteArray("hello");
    QTest::newRow("utf-8") << QStringLiteral("h\u00e9llo \u20ac") << QByteArray("h\xc3\xa9llo \xe2\x82\xac");
    QTest::newRow("newline escapes") << QStringLiteral("a\\r\\nb\\t") << QByteArray("a\r\nb\t");
    QTest::newRow("embedded nul") << QStringLiteral("a\\0b") << QByteArray("a\0b", 3);
    QTest::newRow("backslash") << QStringLiteral("C:\\\\dir") << QByteArray("C:\\dir");
    QTest::newRow("hex escape lower") << QStringLiteral("\\x41\\xff") << QByteArray("A\xff");
    QTest::newRow("hex escape upper") << QStringLiteral("\\xAB") << QByteArray("\xab");
    QTest::newRow("hex escape then digit") << QStringLiteral("\\x414") << QByteArray("A4");
    QTest::newRow("real newline kept") << QStringLiteral("a\nb") << QByteArray("a\nb");
}

void tst_PayloadCodec::parseText()
{
    QFETCH(QString, input);
    QFETCH(QByteArray, bytes);
    const ParseResult result = PayloadCodec::parseText(input);
    QVERIFY2(result.isValid(), qPrintable(result.error));
    QCOMPARE(result.bytes, bytes);
}

void tst_PayloadCodec::parseTextErrors_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<int>("position");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("unknown escape") << QStringLiteral("ab\\q") << 2 << QStringLiteral("\\q");
    QTest::newRow("lone backslash at end") << QStringLiteral("abc\\") << 3 << QStringLiteral("position 4");
    QTest::newRow("short \\x") << QStringLiteral("\\x4") << 0 << QStringLiteral("two hex digits");
    QTest::newRow("\\x non-hex") << QStringLiteral("ok \\xzz") << 3 << QStringLiteral("position 4");
}

void tst_PayloadCodec::parseTextErrors()
{
    QFETCH(QString, input);
    QFETCH(int, position);
    QFETCH(QString, mentions);
    const ParseResult result = PayloadCodec::parseText(input);
    QVERIFY(!result.isValid());
    QCOMPARE(result.errorPosition, position);
    QVERIFY2(result.error.contains(mentions), qPrintable(result.error));
    QVERIFY(result.bytes.isEmpty()); // nothing half-parsed is handed out
}

void tst_PayloadCodec::parseHex_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QByteArray>("bytes");
    QTest::newRow("empty") << QString() << QByteArray();
    QTest::newRow("only spaces") << QStringLiteral("   ") << QByteArray();
    QTest::newRow("packed") << QStringLiteral("48656c6c6f") << QByteArray("Hello");
    QTest::newRow("spaces") << QStringLiteral("48 65 6c 6c 6f") << QByteArray("Hello");
    QTest::newRow("colons") << QStringLiteral("de:ad:be:ef") << QByteArray("\xde\xad\xbe\xef");
    QTest::newRow("commas and dashes") << QStringLiteral("de,ad-be, ef") << QByteArray("\xde\xad\xbe\xef");
    QTest::newRow("upper case") << QStringLiteral("DEADBEEF") << QByteArray("\xde\xad\xbe\xef");
    QTest::newRow("0x prefix once") << QStringLiteral("0xdeadbeef") << QByteArray("\xde\xad\xbe\xef");
    QTest::newRow("0x per byte") << QStringLiteral("0x01 0X02,0x03") << QByteArray("\x01\x02\x03");
    QTest::newRow("embedded nul") << QStringLiteral("00 41 00") << QByteArray("\0A\0", 3);
    QTest::newRow("newlines between") << QStringLiteral("01\n02\t03") << QByteArray("\x01\x02\x03");
}

void tst_PayloadCodec::parseHex()
{
    QFETCH(QString, input);
    QFETCH(QByteArray, bytes);
    const ParseResult result = PayloadCodec::parseHex(input);
    QVERIFY2(result.isValid(), qPrintable(result.error));
    QCOMPARE(result.bytes, bytes);
}

void tst_PayloadCodec::parseHexErrors_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<int>("position");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("odd count") << QStringLiteral("abc") << 0 << QStringLiteral("Odd number");
    QTest::newRow("odd group") << QStringLiteral("41 4 42") << 3 << QStringLiteral("\"4\"");
    QTest::newRow("non-hex character") << QStringLiteral("41 4g") << 4 << QStringLiteral("'g'");
    QTest::newRow("control character named") << QStringLiteral("41\u000142") << 2 << QStringLiteral("U+0001");
    QTest::newRow("bare 0x") << QStringLiteral("41 0x") << 3 << QStringLiteral("\"0x\"");
    QTest::newRow("0x then space") << QStringLiteral("0x 41") << 0 << QStringLiteral("position 1");
}

void tst_PayloadCodec::parseHexErrors()
{
    QFETCH(QString, input);
    QFETCH(int, position);
    QFETCH(QString, mentions);
    const ParseResult result = PayloadCodec::parseHex(input);
    QVERIFY(!result.isValid());
    QCOMPARE(result.errorPosition, position);
    QVERIFY2(result.error.contains(mentions), qPrintable(result.error));
    QVERIFY(result.bytes.isEmpty());
}

void tst_PayloadCodec::largePayload()
{
    QByteArray bytes(64 * 1024, Qt::Uninitialized);
    for (int i = 0; i < bytes.size(); ++i)
        bytes[i] = char(i * 7 + 3);
    const ParseResult hex = parse(toInput(bytes, InputMode::Hex), InputMode::Hex);
    QVERIFY2(hex.isValid(), qPrintable(hex.error));
    QCOMPARE(hex.bytes, bytes);
    const ParseResult text = parse(toInput(bytes, InputMode::Text), InputMode::Text);
    QVERIFY2(text.isValid(), qPrintable(text.error));
    QCOMPARE(text.bytes, bytes);
}

void tst_PayloadCodec::lineEndings()
{
    QCOMPARE(lineEndingBytes(LineEnding::None).size(), 0);
    QCOMPARE(lineEndingBytes(LineEnding::Lf), QByteArrayView("\n"));
    QCOMPARE(lineEndingBytes(LineEnding::Cr), QByteArrayView("\r"));
    QCOMPARE(lineEndingBytes(LineEnding::CrLf), QByteArrayView("\r\n"));
}

void tst_PayloadCodec::escapedText_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("text");
    QTest::newRow("empty") << QByteArray() << QString();
    QTest::newRow("ascii") << QByteArray("msg 1") << QStringLiteral("msg 1");
    QTest::newRow("crlf and tab") << QByteArray("a\r\n\tb") << QStringLiteral("a\\r\\n\\tb");
    QTest::newRow("nul and bell") << QByteArray("\0\a", 2) << QStringLiteral("\\x00\\x07");
    QTest::newRow("del") << QByteArray("\x7f") << QStringLiteral("\\x7f");
    QTest::newRow("backslash") << QByteArray("a\\b") << QStringLiteral("a\\\\b");
    QTest::newRow("valid utf-8") << QByteArray("\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80")
                                 << QStringLiteral("\u00e9\u20ac\U0001F600");
    QTest::newRow("invalid lead byte") << QByteArray("a\xff" "b") << QStringLiteral("a\\xffb");
    QTest::newRow("truncated sequence") << QByteArray("\xe2\x82") << QStringLiteral("\\xe2\\x82");
    QTest::newRow("overlong slash") << QByteArray("\xc0\xaf") << QStringLiteral("\\xc0\\xaf");
    QTest::newRow("surrogate") << QByteArray("\xed\xa0\x80") << QStringLiteral("\\xed\\xa0\\x80");
    QTest::newRow("c1 control") << QByteArray("\xc2\x85") << QStringLiteral("\\xc2\\x85");
    QTest::newRow("beyond U+10FFFF") << QByteArray("\xf4\x90\x80\x80") << QStringLiteral("\\xf4\\x90\\x80\\x80");
}

void tst_PayloadCodec::escapedText()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, text);
    QCOMPARE(PayloadCodec::escapedText(bytes), text);
}

void tst_PayloadCodec::escapedTextTruncates()
{
    const QByteArray bytes(1000, 'x');
    const QString shown = PayloadCodec::escapedText(bytes, 10);
    QCOMPARE(shown, QString(10, u'x') + QChar(0x2026));
    // A multi-byte character cut by the limit is escaped, never decoded from half a sequence.
    QCOMPARE(PayloadCodec::escapedText("a\xe2\x82\xac", 3), QStringLiteral("a\\xe2\\x82") + QChar(0x2026));
}

void tst_PayloadCodec::escapedTextRoundTrips_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::newRow("controls") << QByteArray("\0\x01\r\n\t\\x", 7);
    QTest::newRow("invalid utf-8") << QByteArray("\xff\xfe\xc3");
    QTest::newRow("mixed") << QByteArray("GET / HTTP/1.1\r\nHost: \xc3\xa9\r\n\r\n");
    QByteArray all;
    for (int b = 0; b < 256; ++b)
        all += char(b);
    QTest::newRow("every byte value") << all;
}

void tst_PayloadCodec::escapedTextRoundTrips()
{
    QFETCH(QByteArray, bytes);
    const ParseResult back = PayloadCodec::parseText(PayloadCodec::escapedText(bytes));
    QVERIFY2(back.isValid(), qPrintable(back.error));
    QCOMPARE(back.bytes, bytes);
}

void tst_PayloadCodec::hexString()
{
    QCOMPARE(PayloadCodec::hexString(QByteArrayView("\x00\xab\x10", 3)), QStringLiteral("00ab10"));
    QCOMPARE(PayloadCodec::hexString(QByteArrayView("\x00\xab\x10", 3), ' '), QStringLiteral("00 ab 10"));
}

void tst_PayloadCodec::hexDump()
{
    QCOMPARE(PayloadCodec::hexDump({}), QString());
    // Same layout as `printf 'Hello, world!\n\x00\x01\xff' | hexdump -C`.
    const QString expected = QStringLiteral(
            "00000000  48 65 6c 6c 6f 2c 20 77  6f 72 6c 64 21 0a 00 01  |Hello, world!...|\n"
            "00000010  ff                                                |.|\n"
            "00000011\n");
    QCOMPARE(PayloadCodec::hexDump(QByteArrayView("Hello, world!\n\x00\x01\xff", 17)), expected);
    QCOMPARE(PayloadCodec::hexDumpLine(QByteArrayView("Hello, world!\n\x00\x01\xff", 17), 0).size(),
             PayloadCodec::hexDumpLineLength(17)); // a full line is the widest
}

QTEST_APPLESS_MAIN(tst_PayloadCodec)
#include "tst_payloadcodec.moc"
