#include "config/commandline.h"
#include "tabs/sessionkinds.h"

#include <QTest>

class tst_CommandLine : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void validOptions();
    void localEndpoints_data();
    void localEndpoints();
    void remoteEndpoints_data();
    void remoteEndpoints();
    void badArguments_data();
    void badArguments();
    void tcpOptions();
    void helpAndVersion();
};

namespace {

QStringList args(std::initializer_list<const char *> list)
{
    QStringList result { QStringLiteral("sockscope") };
    for (const char *a : list)
        result << QString::fromUtf8(a);
    return result;
}

} // namespace

void tst_CommandLine::validOptions()
{
    CommandLine cl(SessionKinds::commandLineOptions(SessionKinds::builtIn()));
    QCOMPARE(cl.parse(args({ "--udp", "9000", "--udp-remote", "[::1]:9001", "--auto-reply",
                             "timestamp", "--log-file", "/tmp/x.jsonl" })),
             CommandLine::Outcome::Run);
    QVERIFY(cl.options().endpoint(u"udp"));
    QCOMPARE(cl.options().endpoint(u"udp")->host, QString());
    QCOMPARE(cl.options().endpoint(u"udp")->port, 9000);
    QCOMPARE(cl.options().endpoint(u"udp-remote")->host, QStringLiteral("::1"));
    QCOMPARE(cl.options().endpoint(u"udp-remote")->port, 9001);
    QCOMPARE(cl.options().autoReply, AutoReply::Timestamp);
    QCOMPARE(cl.options().logFile, QStringLiteral("/tmp/x.jsonl"));

    QCOMPARE(cl.parse(args({})), CommandLine::Outcome::Run);
    QVERIFY(!cl.options().endpoint(u"udp"));
    QVERIFY(!cl.options().autoReply);
}

void tst_CommandLine::localEndpoints_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::newRow("port only") << QStringLiteral("9000") << QString() << 9000;
    QTest::newRow("system port") << QStringLiteral("0") << QString() << 0;
    QTest::newRow("ipv4") << QStringLiteral("127.0.0.1:8081") << QStringLiteral("127.0.0.1") << 8081;
    QTest::newRow("ipv6 bracketed") << QStringLiteral("[::1]:8081") << QStringLiteral("::1") << 8081;
    QTest::newRow("host name") << QStringLiteral("localhost:65535") << QStringLiteral("localhost") << 65535;
}

void tst_CommandLine::localEndpoints()
{
    QFETCH(QString, text);
    QFETCH(QString, host);
    QFETCH(int, port);
    QString error;
    const std::optional<HostPort> parsed = CommandLine::parseLocal(text, &error);
    QVERIFY2(parsed, qPrintable(error));
    QCOMPARE(parsed->host, host);
    QCOMPARE(int(parsed->port), port);
}

void tst_CommandLine::remoteEndpoints_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("valid");
    QTest::newRow("ipv4") << QStringLiteral("127.0.0.1:9000") << true;
    QTest::newRow("name") << QStringLiteral("localhost:9000") << true;
    QTest::newRow("ipv6") << QStringLiteral("[::1]:9000") << true;
    QTest::newRow("no port") << QStringLiteral("localhost") << false;
    QTest::newRow("empty port") << QStringLiteral("host:") << false;
    QTest::newRow("no host") << QStringLiteral(":9000") << false;
    QTest::newRow("port zero") << QStringLiteral("127.0.0.1:0") << false;
    QTest::newRow("unbracketed ipv6") << QStringLiteral("::1:9000") << false;
}

void tst_CommandLine::remoteEndpoints()
{
    QFETCH(QString, text);
    QFETCH(bool, valid);
    QString error;
    const std::optional<HostPort> parsed = CommandLine::parseRemote(text, &error);
    QCOMPARE(parsed.has_value(), valid);
    QCOMPARE(error.isEmpty(), valid);
}

void tst_CommandLine::badArguments_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("port out of range") << args({ "--udp", "70000" }) << QStringLiteral("--udp: port \"70000\"");
    QTest::newRow("port not a number") << args({ "--udp", "http" }) << QStringLiteral("\"http\"");
    QTest::newRow("remote without port") << args({ "--udp-remote", "host:" }) << QStringLiteral("--udp-remote");
    QTest::newRow("unknown auto-reply") << args({ "--auto-reply", "shout" }) << QStringLiteral("\"shout\"");
    QTest::newRow("unknown option") << args({ "--tcp-serverr", "1" }) << QStringLiteral("tcp-serverr");
    QTest::newRow("missing value") << args({ "--udp" }) << QStringLiteral("udp");
    QTest::newRow("stray argument") << args({ "9000" }) << QStringLiteral("\"9000\"");
    QTest::newRow("tcp server port out of range")
            << args({ "--tcp-server", "127.0.0.1:70000" }) << QStringLiteral("--tcp-server: port");
    QTest::newRow("tcp client without host")
            << args({ "--tcp-client", ":9000" }) << QStringLiteral("--tcp-client");
    QTest::newRow("tcp client without port")
            << args({ "--tcp-client", "localhost" }) << QStringLiteral("--tcp-client");
    QTest::newRow("relay on udp") << args({ "--udp", "9000", "--auto-reply", "relay" })
                                  << QStringLiteral("relay is for a TCP server");
}

void tst_CommandLine::tcpOptions()
{
    CommandLine cl(SessionKinds::commandLineOptions(SessionKinds::builtIn()));
    QCOMPARE(cl.parse(args({ "--tcp-server", "[::1]:9000", "--tcp-client", "localhost:9001",
                             "--auto-reply", "relay" })),
             CommandLine::Outcome::Run);
    QVERIFY(cl.options().endpoint(u"tcp-server"));
    QCOMPARE(cl.options().endpoint(u"tcp-server")->host, QStringLiteral("::1"));
    QCOMPARE(cl.options().endpoint(u"tcp-server")->port, 9000);
    QVERIFY(cl.options().endpoint(u"tcp-client"));
    QCOMPARE(cl.options().endpoint(u"tcp-client")->host, QStringLiteral("localhost"));
    QCOMPARE(cl.options().endpoint(u"tcp-client")->port, 9001);
    QCOMPARE(cl.options().autoReply, std::optional<AutoReply>(AutoReply::Relay));

    QCOMPARE(cl.parse(args({ "--tcp-server", "0" })), CommandLine::Outcome::Run);
    QVERIFY(cl.options().endpoint(u"tcp-server")->host.isEmpty()); // every address
    QVERIFY(!cl.options().endpoint(u"tcp-client"));
}

void tst_CommandLine::badArguments()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, mentions);
    CommandLine cl(SessionKinds::commandLineOptions(SessionKinds::builtIn()));
    QCOMPARE(cl.parse(arguments), CommandLine::Outcome::Error);
    QVERIFY2(cl.errorMessage().contains(mentions), qPrintable(cl.errorMessage()));
    QVERIFY(!cl.errorMessage().contains(u'\n'));
}

void tst_CommandLine::helpAndVersion()
{
    CommandLine cl(SessionKinds::commandLineOptions(SessionKinds::builtIn()));
    QCOMPARE(cl.parse(args({ "--help" })), CommandLine::Outcome::ShowHelp);
    QCOMPARE(cl.parse(args({ "-v" })), CommandLine::Outcome::ShowVersion);
    QVERIFY(cl.helpText().contains(QStringLiteral("--udp-remote HOST:PORT")));
    QVERIFY(cl.helpText().contains(QStringLiteral("--tcp-server [ADDR:]PORT")));
    QVERIFY(cl.helpText().contains(QStringLiteral("--tcp-client HOST:PORT")));
    // Each option's description, from the option itself.
    QVERIFY(cl.helpText().contains(QStringLiteral("where the UDP tab sends to")));
    QVERIFY(cl.helpText().contains(QStringLiteral("--log-file PATH")));
}

QTEST_APPLESS_MAIN(tst_CommandLine)
#include "tst_commandline.moc"
