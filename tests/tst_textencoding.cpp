#include "text/escapedtext.h"
#include "text/payloadcodec.h"
#include "text/textencoding.h"

#include <QRandomGenerator>
#include <QStringEncoder>
#include <QTest>

using namespace Qt::StringLiterals;

// The legacy encodings: what is a character, what is shown, and that text typed in an encoding
// and read back in it gives the exact bytes.
class tst_TextEncoding : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyEncodingIsAvailable();
    void shown_data();
    void shown();
    void typedTextIsEncoded_data();
    void typedTextIsEncoded();
    void unencodableCharacterIsNamed_data();
    void unencodableCharacterIsNamed();
    void anyBytesRoundTrip_data();
    void anyBytesRoundTrip();
};

void tst_TextEncoding::everyEncodingIsAvailable()
{
    for (const EnumKey<TextEncoding> &row : enumKeys(TextEncoding {})) {
        QStringEncoder encoder(TextEncodings::name(row.value));
        QVERIFY2(encoder.isValid(), TextEncodings::name(row.value));
    }
}

void tst_TextEncoding::shown_data()
{
    QTest::addColumn<TextEncoding>("encoding");
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("text");
    const auto gbk = TextEncoding::Gb18030;
    QTest::newRow("GBK: zhongwen") << gbk << QByteArray("\xd6\xd0\xce\xc4") << QStringLiteral("\u4e2d\u6587");
    QTest::newRow("GBK: read as UTF-8 it is escaped")
            << TextEncoding::Utf8 << QByteArray("\xd6\xd0\xce\xc4") << u"\\xd6\\xd0\\xce\\xc4"_s;
    QTest::newRow("GBK: mixed with ASCII and CRLF")
            << gbk << QByteArray("hi \xc4\xe3\xba\xc3\r\n") << QStringLiteral("hi \u4f60\u597d\\r\\n");
    QTest::newRow("GBK: invalid byte 0x80") << gbk << QByteArray("\x80" "a") << u"\\x80a"_s;
    QTest::newRow("GBK: lead byte cut short") << gbk << QByteArray("a\xd6") << u"a\\xd6"_s;
    QTest::newRow("GBK: lead byte and a bad trail")
            << gbk << QByteArray("\xd6\x20") << u"\\xd6 "_s;
    QTest::newRow("GB18030: four-byte emoji")
            << gbk << QByteArray(QStringEncoder("GB18030").encode(QStringLiteral("\U0001F600")))
            << QStringLiteral("\U0001F600");
    QTest::newRow("GB18030: private use is escaped")
            << gbk << QByteArray("\xaa\xa1") << u"\\xaa\\xa1"_s;
    QTest::newRow("Big5: zhongwen") << TextEncoding::Big5 << QByteArray("\xa4\xa4\xa4\xe5")
                                    << QStringLiteral("\u4e2d\u6587");
    QTest::newRow("Big5: bad trail") << TextEncoding::Big5 << QByteArray("\xa4\x20") << u"\\xa4 "_s;
    QTest::newRow("Shift_JIS: nihon") << TextEncoding::ShiftJis << QByteArray("\x93\xfa\x96\x7b")
                                      << QStringLiteral("\u65e5\u672c");
    QTest::newRow("Shift_JIS: a trail byte that is a backslash")
            << TextEncoding::ShiftJis << QByteArray("\x95\x5c") << QStringLiteral("\u8868");
    QTest::newRow("Shift_JIS: half-width katakana")
            << TextEncoding::ShiftJis << QByteArray("\xb1") << QStringLiteral("\uff71");
    QTest::newRow("Latin-1: cafe") << TextEncoding::Latin1 << QByteArray("caf\xe9")
                                   << QStringLiteral("caf\u00e9");
    QTest::newRow("Latin-1: C1 control") << TextEncoding::Latin1 << QByteArray("\x85") << u"\\x85"_s;
    QTest::newRow("Latin-1: soft hyphen") << TextEncoding::Latin1 << QByteArray("\xad") << u"\\xad"_s;
}

void tst_TextEncoding::shown()
{
    QFETCH(TextEncoding, encoding);
    QFETCH(QByteArray, bytes);
    QFETCH(QString, text);
    QCOMPARE(EscapedText::toText(bytes, encoding), text);
}

void tst_TextEncoding::typedTextIsEncoded_data()
{
    QTest::addColumn<TextEncoding>("encoding");
    QTest::addColumn<QString>("input");
    QTest::addColumn<QByteArray>("bytes");
    QTest::newRow("UTF-8") << TextEncoding::Utf8 << QStringLiteral("\u4e2d\\n") << QByteArray("\xe4\xb8\xad\n");
    QTest::newRow("GBK") << TextEncoding::Gb18030 << QStringLiteral("\u4e2d\u6587\\r\\n")
                         << QByteArray("\xd6\xd0\xce\xc4\r\n");
    QTest::newRow("GBK with a byte escape") << TextEncoding::Gb18030 << QStringLiteral("\u4e2d\\xff")
                                            << QByteArray("\xd6\xd0\xff");
    QTest::newRow("Big5") << TextEncoding::Big5 << QStringLiteral("\u4e2d") << QByteArray("\xa4\xa4");
    QTest::newRow("Shift_JIS") << TextEncoding::ShiftJis << QStringLiteral("\u8868")
                               << QByteArray("\x95\x5c");
    QTest::newRow("Latin-1") << TextEncoding::Latin1 << QStringLiteral("caf\u00e9") << QByteArray("caf\xe9");
}

void tst_TextEncoding::typedTextIsEncoded()
{
    QFETCH(TextEncoding, encoding);
    QFETCH(QString, input);
    QFETCH(QByteArray, bytes);
    const PayloadCodec::ParseResult parsed = PayloadCodec::parseText(input, encoding);
    QVERIFY2(parsed.isValid(), qPrintable(parsed.error));
    QCOMPARE(parsed.bytes, bytes);
}

void tst_TextEncoding::unencodableCharacterIsNamed_data()
{
    QTest::addColumn<TextEncoding>("encoding");
    QTest::addColumn<QString>("input");
    QTest::addColumn<int>("position");
    QTest::newRow("Latin-1 has no Chinese") << TextEncoding::Latin1 << QStringLiteral("ab\\n\u4e2d") << 4;
    QTest::newRow("Big5 has no emoji") << TextEncoding::Big5 << QStringLiteral("\u4e2d \U0001F600") << 2;
    QTest::newRow("Shift_JIS has no e acute")
            << TextEncoding::ShiftJis << QString(2000, u'a') + QStringLiteral("\u00e9") << 2000;
}

void tst_TextEncoding::unencodableCharacterIsNamed()
{
    QFETCH(TextEncoding, encoding);
    QFETCH(QString, input);
    QFETCH(int, position);
    const PayloadCodec::ParseResult parsed = PayloadCodec::parseText(input, encoding);
    QVERIFY(!parsed.isValid());
    QCOMPARE(parsed.errorPosition, position);
    QVERIFY2(parsed.error.contains(QLatin1StringView(TextEncodings::name(encoding))),
             qPrintable(parsed.error));
    QVERIFY(parsed.bytes.isEmpty()); // nothing half-parsed is handed out
}

void tst_TextEncoding::anyBytesRoundTrip_data()
{
    QTest::addColumn<TextEncoding>("encoding");
    QTest::addColumn<QByteArray>("bytes");
    QByteArray random(1 << 15, Qt::Uninitialized);
    QRandomGenerator generator(7);
    for (char &b : random)
        b = char(generator.bounded(256));
    QByteArray pairs; // every lead and trail byte of the double-byte encodings
    for (int lead = 0x80; lead <= 0xff; ++lead) {
        for (int trail = 0x30; trail <= 0xff; ++trail)
            pairs.append(char(lead)).append(char(trail));
    }
    for (const EnumKey<TextEncoding> &row : enumKeys(TextEncoding {})) {
        QTest::addRow("%s: random bytes", row.key) << row.value << random;
        QTest::addRow("%s: every pair", row.key) << row.value << pairs;
    }
}

// Whatever the bytes, what is shown, typed back in the same encoding, gives them again.
void tst_TextEncoding::anyBytesRoundTrip()
{
    QFETCH(TextEncoding, encoding);
    QFETCH(QByteArray, bytes);
    const QString shown = EscapedText::toText(bytes, encoding);
    const PayloadCodec::ParseResult back = PayloadCodec::parseText(shown, encoding);
    QVERIFY2(back.isValid(), qPrintable(back.error));
    QCOMPARE(back.bytes.size(), bytes.size());
    QVERIFY(back.bytes == bytes);
}

QTEST_APPLESS_MAIN(tst_TextEncoding)
#include "tst_textencoding.moc"
