#include "net/sockethint.h"

#include <QLocale>
#include <QTest>

// Errors a test cannot provoke on loopback as root (a privileged port, an unreachable network)
// still get their plain-words explanation; the session tests cover the ones that can happen.
class tst_SocketHint : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void explains_data();
    void explains();
    void datagramTooLarge();
    void connectTimedOut();
};

void tst_SocketHint::explains_data()
{
    QTest::addColumn<QAbstractSocket::SocketError>("error");
    QTest::addColumn<SocketHint::Operation>("operation");
    QTest::addColumn<QString>("target");
    QTest::addColumn<int>("port");
    QTest::addColumn<QStringList>("mentions");
    using E = QAbstractSocket::SocketError;
    using O = SocketHint::Operation;
    QTest::newRow("port in use") << E::AddressInUseError << O::Bind << QStringLiteral("0.0.0.0:9000") << 9000
                                 << QStringList { QStringLiteral("Port 9000 is already in use"), QStringLiteral("pick another port") };
    QTest::newRow("privileged port") << E::SocketAccessError << O::Bind << QStringLiteral("0.0.0.0:80") << 80
                                     << QStringList { QStringLiteral("below 1024"), QStringLiteral("1024 or above") };
    QTest::newRow("foreign address") << E::SocketAddressNotAvailableError << O::Bind << QStringLiteral("10.9.9.9:9000") << 9000
                                     << QStringList { QStringLiteral("10.9.9.9:9000"), QStringLiteral("does not belong to this machine") };
    QTest::newRow("network unreachable") << E::NetworkError << O::Send << QStringLiteral("[2001:db8::1]:9000") << 0
                                         << QStringList { QStringLiteral("[2001:db8::1]:9000"), QStringLiteral("unreachable"), QStringLiteral("route") };
    QTest::newRow("host not found") << E::HostNotFoundError << O::Resolve << QStringLiteral("exmaple.test") << 0
                                    << QStringList { QStringLiteral("\"exmaple.test\" was not found"), QStringLiteral("spelling") };
    QTest::newRow("refused") << E::ConnectionRefusedError << O::Send << QStringLiteral("127.0.0.1:9") << 0
                             << QStringList { QStringLiteral("nothing is listening"), QStringLiteral("127.0.0.1:9") };
    QTest::newRow("tcp network unreachable") << E::NetworkError << O::Connect << QStringLiteral("[2001:db8::1]:9000") << 9000
                                             << QStringList { QStringLiteral("Cannot reach [2001:db8::1]:9000"), QStringLiteral("unreachable") };
    QTest::newRow("tcp refused") << E::ConnectionRefusedError << O::Connect << QStringLiteral("127.0.0.1:9000") << 9000
                                 << QStringList { QStringLiteral("Connection refused: nothing is listening on 127.0.0.1:9000"), QStringLiteral("Start the server first") };
    QTest::newRow("tcp listen port in use") << E::AddressInUseError << O::Listen << QStringLiteral("0.0.0.0:9000") << 9000
                                            << QStringList { QStringLiteral("Port 9000 is already in use") };
    QTest::newRow("tcp privileged listen") << E::SocketAccessError << O::Listen << QStringLiteral("0.0.0.0:80") << 80
                                           << QStringList { QStringLiteral("below 1024") };
    QTest::newRow("out of descriptors") << E::SocketResourceError << O::Accept << QStringLiteral("0.0.0.0:9000") << 0
                                        << QStringList { QStringLiteral("ulimit -n"), QStringLiteral("Max clients") };
    QTest::newRow("connection broke") << E::NetworkError << O::Transfer << QStringLiteral("10.0.0.2:22") << 0
                                      << QStringList { QStringLiteral("The connection to 10.0.0.2:22 broke") };
}

void tst_SocketHint::connectTimedOut()
{
    const QString text = SocketHint::connectTimedOut(QStringLiteral("192.0.2.1:9000"), 5000);
    QVERIFY2(text.startsWith(QStringLiteral("No answer from 192.0.2.1:9000 within ")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("longer timeout")), qPrintable(text));
}

void tst_SocketHint::explains()
{
    QFETCH(QAbstractSocket::SocketError, error);
    QFETCH(SocketHint::Operation, operation);
    QFETCH(QString, target);
    QFETCH(int, port);
    QFETCH(QStringList, mentions);
    const QString text = SocketHint::explain(error, operation, target, quint16(port),
                                             QStringLiteral("system text"));
    for (const QString &m : mentions)
        QVERIFY2(text.contains(m), qPrintable(text));
}

void tst_SocketHint::datagramTooLarge()
{
    const QString text = SocketHint::datagramTooLarge(70000, 65507, QStringLiteral("127.0.0.1:9"));
    QVERIFY2(text.contains(QStringLiteral("Nothing was sent to 127.0.0.1:9")), qPrintable(text));
    const QLocale locale;
    QVERIFY2(text.contains(locale.toString(70000)) && text.contains(locale.toString(65507)), qPrintable(text));
}

QTEST_APPLESS_MAIN(tst_SocketHint)
#include "tst_sockethint.moc"
