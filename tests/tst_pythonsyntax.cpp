#include "teach/pythonsyntax.h"

#include <QTest>

#include <cerrno>
#include <netdb.h>

using namespace Qt::StringLiterals;

// What Python 3 itself prints, checked against `python3 -c "print(repr(...))"` by hand.
class tst_PythonSyntax : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void bytesLiteral_data();
    void bytesLiteral();
    void longBytesAreCutForARow();
    void address_data();
    void address();
    void dualStackMapsIPv4();
    void bindAddress();
    void family();
    void exception_data();
    void exception();
    void resolverError();
};

void tst_PythonSyntax::bytesLiteral_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("literal");
    QTest::newRow("empty") << QByteArray() << u"b''"_s;
    QTest::newRow("text") << "hello"_ba << u"b'hello'"_s;
    QTest::newRow("line endings and tab") << "a\r\n\tb"_ba << u"b'a\\r\\n\\tb'"_s;
    QTest::newRow("NUL and DEL") << QByteArray("\0\x7f", 2) << u"b'\\x00\\x7f'"_s;
    QTest::newRow("backslash") << "a\\b"_ba << u"b'a\\\\b'"_s;
    QTest::newRow("single quote: double quotes") << "it's"_ba << u"b\"it's\""_s;
    QTest::newRow("both quotes: single, escaped") << "'\""_ba << u"b'\\'\"'"_s;
    QTest::newRow("invalid UTF-8") << "\xff\xfe"_ba << u"b'\\xff\\xfe'"_s;
    QTest::newRow("UTF-8 is bytes to Python") << "\xc3\xa9"_ba << u"b'\\xc3\\xa9'"_s;
}

void tst_PythonSyntax::bytesLiteral()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, literal);
    QCOMPARE(PythonSyntax::bytesLiteral(bytes), literal);
}

void tst_PythonSyntax::longBytesAreCutForARow()
{
    const QByteArray big(65536, 'x');
    const QString literal = PythonSyntax::bytesLiteral(big, 4);
    QCOMPARE(literal, u"b'xxxx'…"_s);
    QCOMPARE(PythonSyntax::bytesLiteral(big).size(), 65536 + 3);
}

void tst_PythonSyntax::address_data()
{
    QTest::addColumn<QString>("address");
    QTest::addColumn<QString>("tuple");
    QTest::newRow("IPv4") << u"127.0.0.1"_s << u"('127.0.0.1', 41000)"_s;
    QTest::newRow("IPv6: four items") << u"::1"_s << u"('::1', 41000, 0, 0)"_s;
    QTest::newRow("link-local: the scope in the address, its number last")
            << u"fe80::1%lo"_s << u"('fe80::1%lo', 41000, 0, 1)"_s;
    QTest::newRow("IPv4-mapped: plain IPv4") << u"::ffff:127.0.0.1"_s << u"('127.0.0.1', 41000)"_s;
}

void tst_PythonSyntax::address()
{
    QFETCH(QString, address);
    QFETCH(QString, tuple);
    QCOMPARE(PythonSyntax::address(Endpoint { QHostAddress(address), 41000 }), tuple);
}

void tst_PythonSyntax::dualStackMapsIPv4()
{
    const Endpoint v4 { QHostAddress(u"127.0.0.1"_s), 41000 };
    QCOMPARE(PythonSyntax::address(v4, true), u"('::ffff:127.0.0.1', 41000, 0, 0)"_s);
    const Endpoint v6 { QHostAddress(u"::1"_s), 41000 };
    QCOMPARE(PythonSyntax::address(v6, true), u"('::1', 41000, 0, 0)"_s);
}

void tst_PythonSyntax::bindAddress()
{
    QCOMPARE(PythonSyntax::bindAddress(QHostAddress::Any, 9000), u"('', 9000)"_s);
    QCOMPARE(PythonSyntax::bindAddress(QHostAddress::AnyIPv4, 0), u"('', 0)"_s);
    QCOMPARE(PythonSyntax::bindAddress(QHostAddress::LocalHost, 9000), u"('127.0.0.1', 9000)"_s);
    QCOMPARE(PythonSyntax::bindAddress(QHostAddress::LocalHostIPv6, 9000), u"('::1', 9000)"_s);
}

void tst_PythonSyntax::family()
{
    QCOMPARE(PythonSyntax::family(QHostAddress::Any), u"socket.AF_INET6"_s);
    QCOMPARE(PythonSyntax::family(QHostAddress::LocalHostIPv6), u"socket.AF_INET6"_s);
    QCOMPARE(PythonSyntax::family(QHostAddress::AnyIPv4), u"socket.AF_INET"_s);
    QCOMPARE(PythonSyntax::family(QHostAddress::LocalHost), u"socket.AF_INET"_s);
}

void tst_PythonSyntax::exception_data()
{
    QTest::addColumn<int>("error");
    QTest::addColumn<QString>("text");
    QTest::newRow("EADDRINUSE") << EADDRINUSE << u"OSError: [Errno 98] Address already in use"_s;
    QTest::newRow("ECONNREFUSED")
            << ECONNREFUSED << u"ConnectionRefusedError: [Errno 111] Connection refused"_s;
    QTest::newRow("ECONNRESET")
            << ECONNRESET << u"ConnectionResetError: [Errno 104] Connection reset by peer"_s;
    QTest::newRow("EPIPE") << EPIPE << u"BrokenPipeError: [Errno 32] Broken pipe"_s;
    QTest::newRow("ETIMEDOUT") << ETIMEDOUT << u"TimeoutError: [Errno 110] Connection timed out"_s;
    QTest::newRow("EACCES") << EACCES << u"PermissionError: [Errno 13] Permission denied"_s;
    QTest::newRow("EMSGSIZE") << EMSGSIZE << u"OSError: [Errno 90] Message too long"_s;
}

void tst_PythonSyntax::exception()
{
    QFETCH(int, error);
    QFETCH(QString, text);
    QCOMPARE(PythonSyntax::exception(error), text);
}

void tst_PythonSyntax::resolverError()
{
    QCOMPARE(PythonSyntax::resolverError(EAI_NONAME),
             u"socket.gaierror: [Errno -2] Name or service not known"_s);
    QCOMPARE(PythonSyntax::resolverError(EAI_AGAIN),
             u"socket.gaierror: [Errno -3] Temporary failure in name resolution"_s);
}

QTEST_APPLESS_MAIN(tst_PythonSyntax)
#include "tst_pythonsyntax.moc"
