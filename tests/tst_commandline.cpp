#include "config/commandline.h"
#include "tabs/sessionkinds.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <cerrno>

using namespace Qt::StringLiterals;

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
    void strictPorts_data();
    void strictPorts();
    void repeatedOptionIsAnError_data();
    void repeatedOptionIsAnError();
    void echoedValuesAreEscaped_data();
    void echoedValuesAreEscaped();
    void logFileIsCheckedFirst_data();
    void logFileIsCheckedFirst();
    void logFileThatCanBeWritten();
    void lessonOption();
    void socketCallsOption();
    void faultOption();
    void codeDescribesOneSession_data();
    void codeDescribesOneSession();
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
    QTemporaryDir dir;
    const QString logFile = dir.filePath(u"x.jsonl"_s);
    CommandLine cl(SessionKinds::commandLineOptions(SessionKinds::builtIn()));
    QCOMPARE(cl.parse(args({ "--udp", "9000", "--udp-remote", "[::1]:9001", "--auto-reply",
                             "timestamp" })
                      + QStringList { u"--log-file"_s, logFile }),
             CommandLine::Outcome::Run);
    QVERIFY(cl.options().endpoint(u"udp"));
    QCOMPARE(cl.options().endpoint(u"udp")->host, QString());
    QCOMPARE(cl.options().endpoint(u"udp")->port, 9000);
    QCOMPARE(cl.options().endpoint(u"udp-remote")->host, QStringLiteral("::1"));
    QCOMPARE(cl.options().endpoint(u"udp-remote")->port, 9001);
    QCOMPARE(cl.options().autoReply, AutoReply::Timestamp);
    QCOMPARE(cl.options().logFile, logFile);

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
    QTest::newRow("ipv4") << QStringLiteral("127.0.0.1:8081") << QStringLiteral("127.0.0.1")
                          << 8081;
    QTest::newRow("ipv6 bracketed")
        << QStringLiteral("[::1]:8081") << QStringLiteral("::1") << 8081;
    QTest::newRow("host name") << QStringLiteral("localhost:65535") << QStringLiteral("localhost")
                               << 65535;
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
    QTest::newRow("port out of range")
        << args({ "--udp", "70000" }) << QStringLiteral("--udp: port \"70000\"");
    QTest::newRow("port not a number") << args({ "--udp", "http" }) << QStringLiteral("\"http\"");
    QTest::newRow("remote without port")
        << args({ "--udp-remote", "host:" }) << QStringLiteral("--udp-remote");
    QTest::newRow("unknown auto-reply")
        << args({ "--auto-reply", "shout" }) << QStringLiteral("\"shout\"");
    QTest::newRow("unknown option")
        << args({ "--tcp-serverr", "1" })
        << QStringLiteral("unknown option \"--tcp-serverr\"; see --help");
    QTest::newRow("missing value")
        << args({ "--udp" }) << QStringLiteral("missing value after '--udp'; see --help");
    QTest::newRow("control character in a host")
        << args({ "--tcp-client", "h\tost:80" }) << QStringLiteral("host \"h\\tost\" holds");
    QTest::newRow("space in a host") << args({ "--udp-remote", "local host:80" })
                                     << QStringLiteral("\"local host\" holds a space");
    QTest::newRow("stray argument") << args({ "9000" }) << QStringLiteral("\"9000\"");
    QTest::newRow("tcp server port out of range")
        << args({ "--tcp-server", "127.0.0.1:70000" }) << QStringLiteral("--tcp-server: port");
    QTest::newRow("tcp client without host")
        << args({ "--tcp-client", ":9000" }) << QStringLiteral("--tcp-client");
    QTest::newRow("tcp client without port")
        << args({ "--tcp-client", "localhost" }) << QStringLiteral("--tcp-client");
    QTest::newRow("relay on udp") << args({ "--udp", "9000", "--auto-reply", "relay" })
                                  << QStringLiteral("relay is for a TCP server");
    QTest::newRow("code without a session")
        << args({ "--code", "qt" }) << QStringLiteral("--code: no session");
    QTest::newRow("code for two sessions")
        << args({ "--udp", "9000", "--tcp-server", "9001", "--code", "this-end" })
        << QStringLiteral("describe 2 sessions (--udp, --tcp-server)");
    QTest::newRow("code for three sessions")
        << args({ "--udp", "9000", "--tcp-server", "9001", "--tcp-client", "h:1", "--code", "qt" })
        << QStringLiteral("describe 3 sessions");
    QTest::newRow("unknown program") << args({ "--udp", "9000", "--code", "java" })
                                     << QStringLiteral("--code: unknown program \"java\"");
    QTest::newRow("fault out of range")
        << args({ "--udp", "9000", "--fault", "drop=150" })
        << u"--fault: drop=150: a percentage is 0 to 100, in digits, e.g. drop=50 (at "
           "character 6 of \"drop=150\")"_s;
    QTest::newRow("fault with a place marker")
        << args({ "--udp", "9000", "--fault", "drop=%3" })
        << u"--fault: drop=%3: a percentage is 0 to 100, in digits, e.g. drop=50 (at "
           "character 6 of \"drop=%3\")"_s;
    QTest::newRow("port with a place marker")
        << args({ "--udp", "%1" }) << u"port \"%1\" is not valid; write a number from 0 to 65535"_s;
    QTest::newRow("unknown fault")
        << args({ "--udp", "9000", "--fault", "drop=5,lag=3" }) << u"unknown fault \"lag\""_s;
    QTest::newRow("fault that sets none")
        << args({ "--udp", "9000", "--fault", "drop=0" }) << u"--fault: \"drop=0\" sets no fault"_s;
    QTest::newRow("fault with code")
        << args({ "--udp", "9000", "--fault", "drop=50", "--code", "other-end" })
        << u"--fault: a fault on purpose is not part of the program"_s;
    QTest::newRow("code and a recording")
        << args({ "--udp", "9000", "--code", "qt", "--log-file", "x.jsonl" })
        << QStringLiteral("--log-file has nothing to record");
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

// --lesson NAME opens the window on a lesson; list prints them; an unknown one is a bad value.
void tst_CommandLine::lessonOption()
{
    CommandLine cl(SessionKinds::commandLineOptions(SessionKinds::builtIn()));
    QCOMPARE(cl.parse(args({ "--lesson", "list" })), CommandLine::Outcome::ListLessons);
    QCOMPARE(cl.parse(args({ "--lesson", "half-close" })), CommandLine::Outcome::Run);
    QCOMPARE(cl.options().lesson, u"half-close"_s);
    QCOMPARE(cl.parse(args({ "--lesson", "flying" })), CommandLine::Outcome::Error);
    QVERIFY2(cl.errorMessage().startsWith(u"--lesson: there is no lesson \"flying\""_s),
             qPrintable(cl.errorMessage()));
    QCOMPARE(cl.parse(args({ "--lesson", "list", "--lesson", "half-close" })),
             CommandLine::Outcome::Error);
}

void tst_CommandLine::socketCallsOption()
{
    CommandLine cl(SessionKinds::commandLineOptions(SessionKinds::builtIn()));
    QCOMPARE(cl.parse(args({ "--udp", "0" })), CommandLine::Outcome::Run);
    QVERIFY(!cl.options().socketCalls);
    QCOMPARE(cl.parse(args({ "--udp", "0", "--socket-calls" })), CommandLine::Outcome::Run);
    QVERIFY(cl.options().socketCalls);
    QVERIFY(cl.helpText().contains(u"--socket-calls"_s));
}

// --fault SPEC is parsed once, for the sessions opened here; --help says how to write it.
void tst_CommandLine::faultOption()
{
    CommandLine cl(SessionKinds::commandLineOptions(SessionKinds::builtIn()));
    QCOMPARE(cl.parse(args({ "--udp", "0" })), CommandLine::Outcome::Run);
    QVERIFY(!cl.options().fault);
    QCOMPARE(cl.parse(args({ "--udp", "0", "--fault", "drop=50,delay=100-500" })),
             CommandLine::Outcome::Run);
    QVERIFY(cl.options().fault);
    QCOMPARE(cl.options().fault->dropPercent, 50);
    QCOMPARE(cl.options().fault->delayMinMs, 100);
    QCOMPARE(cl.options().fault->delayMaxMs, 500);
    QCOMPARE(cl.parse(args({ "--tcp-server", "0", "--fault=delay=200" })),
             CommandLine::Outcome::Run);
    QCOMPARE(cl.options().fault->delayMaxMs, 200);
    QCOMPARE(cl.parse(args({ "--udp", "0", "--fault", "drop=1", "--fault", "drop=2" })),
             CommandLine::Outcome::Error);
    QVERIFY(cl.helpText().contains(u"--fault SPEC"_s));
}

void tst_CommandLine::codeDescribesOneSession_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<ProgramText::Program>("program");
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("localAddress");
    QTest::addColumn<int>("localPort");
    QTest::addColumn<QString>("remoteHost");
    QTest::addColumn<int>("remotePort");
    QTest::addColumn<AutoReply>("mode");
    QTest::newRow("udp, timestamp")
        << args({ "--udp", "9000", "--auto-reply", "timestamp", "--code", "other-end" })
        << ProgramText::Program::OtherEnd << u"udp"_s << QString() << 9000 << QString() << 0
        << AutoReply::Timestamp;
    // --udp-remote is the same UDP session: one session, not two.
    QTest::newRow("udp with its destination")
        << args({ "--udp", "127.0.0.1:0", "--udp-remote", "[::1]:9001", "--code", "this-end" })
        << ProgramText::Program::ThisEnd << u"udp"_s << u"127.0.0.1"_s << 0 << u"::1"_s << 9001
        << AutoReply::None;
    QTest::newRow("tcp server, relay")
        << args({ "--tcp-server", "[::]:9000", "--auto-reply", "relay", "--code", "qt" })
        << ProgramText::Program::QtThisEnd << u"tcpServer"_s << u"::"_s << 9000 << QString() << 0
        << AutoReply::Relay;
    QTest::newRow("tcp client") << args({ "--code", "other-end", "--tcp-client", "localhost:8080" })
                                << ProgramText::Program::OtherEnd << u"tcpClient"_s << QString()
                                << 0 << u"localhost"_s << 8080 << AutoReply::None;
}

void tst_CommandLine::codeDescribesOneSession()
{
    QFETCH(QStringList, arguments);
    QFETCH(ProgramText::Program, program);
    QFETCH(QString, kind);
    QFETCH(QString, localAddress);
    QFETCH(int, localPort);
    QFETCH(QString, remoteHost);
    QFETCH(int, remotePort);
    QFETCH(AutoReply, mode);
    CommandLine cl(SessionKinds::commandLineOptions(SessionKinds::builtIn()));
    QCOMPARE(cl.parse(arguments), CommandLine::Outcome::PrintCode);
    QCOMPARE(cl.options().code, std::optional<ProgramText::Program>(program));
    const SessionSetup setup = cl.sessionSetup();
    QCOMPARE(setup.kind, kind);
    QCOMPARE(setup.localAddress, localAddress);
    QCOMPARE(setup.localPort, localPort);
    QCOMPARE(setup.remoteHost, remoteHost);
    QCOMPARE(setup.remotePort, remotePort);
    QCOMPARE(setup.autoReply, mode);
    QVERIFY(!ProgramText::program(setup, program).isEmpty());
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

// A port is 1 to 5 ASCII digits, with no sign, space or leading zero (0 itself is a port):
// '  80' bound port 80, and +21081 or 021082 were taken for what they are not.
void tst_CommandLine::strictPorts_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("local"); // [ADDR:]PORT, or HOST:PORT
    QTest::addColumn<int>("port"); // -1: refused
    QTest::newRow("zero") << u"0"_s << true << 0;
    QTest::newRow("largest") << u"65535"_s << true << 65535;
    QTest::newRow("after a host") << u"localhost:8"_s << false << 8;
    QTest::newRow("leading spaces") << u"  80"_s << true << -1;
    QTest::newRow("trailing space") << u"80 "_s << true << -1;
    QTest::newRow("plus sign") << u"+21081"_s << true << -1;
    QTest::newRow("minus sign") << u"-1"_s << true << -1;
    QTest::newRow("leading zero") << u"021082"_s << true << -1;
    QTest::newRow("two zeros") << u"00"_s << true << -1;
    QTest::newRow("leading zero after a host") << u"127.0.0.1:080"_s << false << -1;
    QTest::newRow("plus after a host") << u"127.0.0.1:+80"_s << false << -1;
    QTest::newRow("space after the colon") << u"127.0.0.1: 80"_s << false << -1;
    QTest::newRow("too large") << u"65536"_s << true << -1;
    QTest::newRow("six digits") << u"100000"_s << true << -1;
    QTest::newRow("hexadecimal") << u"0x50"_s << true << -1;
    QTest::newRow("arabic-indic digits") << QStringLiteral("\u0668\u0660") << true << -1;
    QTest::newRow("fullwidth digits") << QStringLiteral("\uff18\uff10") << true << -1;
}

void tst_CommandLine::strictPorts()
{
    QFETCH(QString, text);
    QFETCH(bool, local);
    QFETCH(int, port);
    QString error;
    const std::optional<HostPort> parsed
        = local ? CommandLine::parseLocal(text, &error) : CommandLine::parseRemote(text, &error);
    if (port < 0) {
        QVERIFY2(!parsed, qPrintable(u"taken as port "_s + QString::number(parsed->port)));
        QVERIFY2(error.contains(u"digits"_s), qPrintable(error));
    } else {
        QVERIFY2(parsed, qPrintable(error));
        QCOMPARE(int(parsed->port), port);
    }
}

// An option that takes one value and is given twice is a mistake to point out, not a choice
// to make silently.
void tst_CommandLine::repeatedOptionIsAnError_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("--udp") << args({ "--udp", "9000", "--udp", "9001" })
                           << u"--udp is given 2 times (\"9000\", \"9001\")"_s;
    QTest::newRow("--tcp-client") << args({ "--tcp-client", "h:1", "--tcp-client", "h:1" })
                                  << u"--tcp-client is given 2 times"_s;
    QTest::newRow("--auto-reply") << args(
        { "--auto-reply", "echo", "--auto-reply", "none", "--auto-reply", "echo" })
                                  << u"--auto-reply is given 3 times"_s;
    QTest::newRow("--log-file") << args({ "--log-file", "a", "--log-file", "b" })
                                << u"--log-file is given 2 times"_s;
}

void tst_CommandLine::repeatedOptionIsAnError()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, mentions);
    CommandLine cl(SessionKinds::commandLineOptions(SessionKinds::builtIn()));
    QCOMPARE(cl.parse(arguments), CommandLine::Outcome::Error);
    QVERIFY2(cl.errorMessage().contains(mentions), qPrintable(cl.errorMessage()));
    QVERIFY2(cl.errorMessage().contains(u"give it once"_s), qPrintable(cl.errorMessage()));
}

// A bad value is quoted back, and whatever it holds reaches the terminal as text: an ESC would
// recolour it, a newline would break the one-line message.
void tst_CommandLine::echoedValuesAreEscaped_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("ESC in a port") << args({ "--udp", "\x1b[31m80" }) << u"\\x1b[31m80"_s;
    QTest::newRow("newline in a mode")
        << args({ "--auto-reply", "echo\nnone" }) << u"echo\\nnone"_s;
    QTest::newRow("carriage return in a host") << args({ "--tcp-client", "a\rb" }) << u"a\\rb"_s;
    QTest::newRow("bidi override in an option name") << args({ "--u\xe2\x80\xae"
                                                               "dp",
                                                               "1" })
                                                     << u"u\\xe2\\x80\\xaedp"_s;
    QTest::newRow("DEL in a stray argument") << args({ "x\x7f" }) << u"x\\x7f"_s;
}

void tst_CommandLine::echoedValuesAreEscaped()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, mentions);
    CommandLine cl(SessionKinds::commandLineOptions(SessionKinds::builtIn()));
    QCOMPARE(cl.parse(arguments), CommandLine::Outcome::Error);
    const QString message = cl.errorMessage();
    QVERIFY2(message.contains(mentions), qPrintable(message));
    for (const QChar c : message) {
        QVERIFY2(c.isPrint(),
                 qPrintable(u"U+%1 in: "_s.arg(uint(c.unicode()), 4, 16, QChar(u'0')) + message));
    }
}

// --log-file is tried before the window opens: a folder, a missing folder or a place that
// cannot be written exits with status 2 and the system's reason, instead of a window whose
// first row says the recording failed.
void tst_CommandLine::logFileIsCheckedFirst_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("error"); // errno, for the system's words; 0: any refusal
    static QTemporaryDir dir;
    QTest::newRow("a folder") << dir.path() << EISDIR;
    QTest::newRow("in a missing folder") << dir.filePath(u"missing/log.jsonl"_s) << ENOENT;
    QTest::newRow("under /sys") << u"/sys/sockscope.jsonl"_s << 0;
}

void tst_CommandLine::logFileIsCheckedFirst()
{
    QFETCH(QString, path);
    QFETCH(int, error);
    CommandLine cl(SessionKinds::commandLineOptions(SessionKinds::builtIn()));
    const QStringList arguments { u"sockscope"_s, u"--udp"_s, u"0"_s, u"--log-file"_s, path };
    QCOMPARE(cl.parse(arguments), CommandLine::Outcome::Error);
    const QString message = cl.errorMessage();
    QVERIFY2(message.startsWith(u"--log-file: "_s), qPrintable(message));
    QVERIFY2(message.contains(path), qPrintable(message));
    if (error != 0)
        QVERIFY2(message.contains(qt_error_string(error)), qPrintable(message));
    QVERIFY(!message.contains(u'\n'));
}

void tst_CommandLine::logFileThatCanBeWritten()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"new.jsonl"_s);
    CommandLine cl(SessionKinds::commandLineOptions(SessionKinds::builtIn()));
    QCOMPARE(cl.parse({ u"sockscope"_s, u"--log-file"_s, path }), CommandLine::Outcome::Run);
    QCOMPARE(cl.options().logFile, path);

    // An existing recording is appended to, so it is left as it was.
    QFile existing(dir.filePath(u"old.jsonl"_s));
    QVERIFY(existing.open(QIODevice::WriteOnly));
    existing.write("{}\n");
    existing.close();
    QCOMPARE(cl.parse({ u"sockscope"_s, u"--log-file"_s, existing.fileName() }),
             CommandLine::Outcome::Run);
    QVERIFY(existing.open(QIODevice::ReadOnly));
    QCOMPARE(existing.readAll(), QByteArray("{}\n"));

    // Tried last: another bad argument leaves no file behind.
    const QString untouched = dir.filePath(u"untouched.jsonl"_s);
    QCOMPARE(cl.parse({ u"sockscope"_s, u"--udp"_s, u"0"_s, u"--auto-reply"_s, u"relay"_s,
                        u"--log-file"_s, untouched }),
             CommandLine::Outcome::Error);
    QVERIFY(!QFile::exists(untouched));
}

QTEST_APPLESS_MAIN(tst_CommandLine)
#include "tst_commandline.moc"
