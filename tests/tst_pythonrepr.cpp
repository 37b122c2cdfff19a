#include "text/pythonrepr.h"

#include <QTest>

using namespace Qt::StringLiterals;

// What Python's str() of a bytes object looks like, and what merely resembles it.
class tst_PythonRepr : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void isBytesRepr_data();
    void isBytesRepr();
    void longPayloadsAreReadOnce();
};

void tst_PythonRepr::isBytesRepr_data()
{
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<bool>("repr");
    // As the mistake sends them.
    QTest::newRow("str(b'hello')") << "b'hello'"_ba << true;
    QTest::newRow("empty bytes") << "b''"_ba << true;
    QTest::newRow("double quotes, as repr picks for a quote inside") << "b\"it's\""_ba << true;
    QTest::newRow("escapes") << R"(b'a\nb\r\t\\ \' \x00\xff')"_ba << true;
    QTest::newRow("timestamp server's prefix") << "[Tue Dec  1 21:06:02 2026] b'hello'"_ba << true;
    QTest::newRow("a line ending after it") << "b'hello'\n"_ba << true;
    QTest::newRow("CRLF after it") << "b'hello'\r\n"_ba << true;
    QTest::newRow("one per line") << "[Tue Dec  1 21:06:02 2026] b'a'\n[Tue Dec  1 21:06:03 2026] b'b'\n"_ba
                                  << true;
    QTest::newRow("two sends read as one") << "b'a'b'b'"_ba << true;
    QTest::newRow("words before it") << "echo: b'hi'"_ba << true;
    // Not the repr form.
    QTest::newRow("empty") << QByteArray() << false;
    QTest::newRow("plain text") << "hello"_ba << false;
    QTest::newRow("b' in the middle of text") << "Bob's b'day was great"_ba << false;
    QTest::newRow("a repr with words after it") << "it's a b'c' thing"_ba << false;
    QTest::newRow("never closed") << "b'hello"_ba << false;
    QTest::newRow("b and a quote alone") << "b'"_ba << false;
    QTest::newRow("no space before the b") << "ab'c'"_ba << false;
    QTest::newRow("the prefix is too long")
            << QByteArray(PythonRepr::MaxPrefix, 'x') + " b'a'" << false;
    QTest::newRow("a prefix of the longest length")
            << QByteArray(PythonRepr::MaxPrefix - 1, 'x') + " b'a'" << true;
    QTest::newRow("a raw control byte inside") << "b'a\tb'"_ba << false;
    QTest::newRow("a raw UTF-8 byte inside") << "b'caf\xc3\xa9'"_ba << false;
    QTest::newRow("an escape repr never writes") << R"(b'\q')"_ba << false;
    QTest::newRow("\\x without two hex digits") << R"(b'\x4')"_ba << false;
    QTest::newRow("a second line of plain text") << "b'a'\nhello\n"_ba << false;
    QTest::newRow("a CR alone after it") << "b'a'\r"_ba << false;
    QTest::newRow("NUL bytes") << QByteArray("b'\0'", 4) << false;
}

void tst_PythonRepr::isBytesRepr()
{
    QFETCH(QByteArray, payload);
    QFETCH(bool, repr);
    QCOMPARE(PythonRepr::isBytesRepr(payload), repr);
}

// 64 KiB payloads, one of would-be reprs that never close and one long repr, are answered
// (the b' that may start a line are looked for in its first MaxPrefix bytes only).
void tst_PythonRepr::longPayloadsAreReadOnce()
{
    QByteArray payload;
    while (payload.size() < 65'536)
        payload += " b'x b\"y";
    QVERIFY(!PythonRepr::isBytesRepr(payload));
    QByteArray valid = "b'" + QByteArray(65'536, 'a') + "'\n";
    QVERIFY(PythonRepr::isBytesRepr(valid));
}

QTEST_APPLESS_MAIN(tst_PythonRepr)
#include "tst_pythonrepr.moc"
