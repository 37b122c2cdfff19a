#include "commandline.h"

#include <QCommandLineParser>
#include <QCoreApplication>

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("CommandLine", text);
}

std::optional<quint16> parsePort(QStringView text, quint16 minimum, QString *error)
{
    bool ok = false;
    const uint port = text.toUInt(&ok);
    if (!ok || port > 65535 || port < minimum) {
        *error = tr("port \"%1\" is not valid; use a number from %2 to 65535")
                         .arg(text.toString())
                         .arg(minimum);
        return std::nullopt;
    }
    return quint16(port);
}

// Splits "host:port", "[v6]:port" or, when the host is optional, a bare "port".
std::optional<HostPort> split(QStringView text, bool hostRequired, quint16 minimumPort,
                              QString *error)
{
    const QString example = hostRequired ? QStringLiteral("127.0.0.1:9000 or [::1]:9000")
                                         : QStringLiteral("9000, 127.0.0.1:9000 or [::1]:9000");
    HostPort result;
    QStringView portText = text;
    if (text.startsWith(u'[')) {
        const qsizetype close = text.indexOf(u"]:");
        if (close < 0) {
            *error = tr("\"%1\" is not valid: write an IPv6 address as [ADDR]:PORT, e.g. %2")
                             .arg(text.toString(), example);
            return std::nullopt;
        }
        result.host = text.sliced(1, close - 1).toString();
        portText = text.sliced(close + 2);
    } else if (const qsizetype colon = text.lastIndexOf(u':'); colon >= 0) {
        if (text.indexOf(u':') != colon) {
            *error = tr("\"%1\" is not valid: put an IPv6 address in brackets, e.g. [::1]:9000")
                             .arg(text.toString());
            return std::nullopt;
        }
        result.host = text.first(colon).toString();
        portText = text.sliced(colon + 1);
    } else if (hostRequired) {
        *error = tr("\"%1\" has no port; write HOST:PORT, e.g. %2").arg(text.toString(), example);
        return std::nullopt;
    }
    if (portText.isEmpty()) {
        *error = tr("\"%1\" has no port; write it after the colon, e.g. %2")
                         .arg(text.toString(), example);
        return std::nullopt;
    }
    if (hostRequired && result.host.isEmpty()) {
        *error = tr("\"%1\" has no host; write HOST:PORT, e.g. %2").arg(text.toString(), example);
        return std::nullopt;
    }
    const std::optional<quint16> port = parsePort(portText, minimumPort, error);
    if (!port)
        return std::nullopt;
    result.port = *port;
    return result;
}

} // namespace

std::optional<HostPort> CommandLine::parseLocal(QStringView text, QString *error)
{
    return split(text.trimmed(), false, 0, error);
}

std::optional<HostPort> CommandLine::parseRemote(QStringView text, QString *error)
{
    return split(text.trimmed(), true, 1, error);
}

QString CommandLine::helpText() const
{
    return tr("Usage: sockscope [options]\n"
              "See sockets work: UDP and TCP peers with a live, exact log of every message.\n"
              "\n"
              "Options:\n"
              "  --udp [ADDR:]PORT         open the UDP tab bound to PORT (0: the system picks);\n"
              "                            without ADDR, on every address (IPv4 and IPv6)\n"
              "  --udp-remote HOST:PORT    where the UDP tab sends to\n"
              "  --tcp-server [ADDR:]PORT  open the TCP Server tab listening on PORT; without\n"
              "                            ADDR, on every address (IPv4 and IPv6)\n"
              "  --tcp-client HOST:PORT    open the TCP Client tab and connect to HOST:PORT\n"
              "  --auto-reply MODE         for --udp and --tcp-server: none, echo (send every\n"
              "                            payload back), timestamp (answer\n"
              "                            \"[<ctime>] <payload>\"), or relay (TCP server only:\n"
              "                            a chat room, like ncat --chat)\n"
              "  --log-file PATH           append every log entry to PATH as JSON Lines\n"
              "  -h, --help                show this help\n"
              "  -v, --version             show the version\n"
              "\n"
              "ADDR and HOST may be IPv4, IPv6 in brackets ([::1]:9000) or a host name.\n"
              "A bad value exits with status 2 and a one-line message.\n");
}

CommandLine::Outcome CommandLine::parse(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QCommandLineOption help({ QStringLiteral("h"), QStringLiteral("help") }, {});
    const QCommandLineOption version({ QStringLiteral("v"), QStringLiteral("version") }, {});
    const QCommandLineOption udp(QStringLiteral("udp"), {}, QStringLiteral("addr-port"));
    const QCommandLineOption udpRemote(QStringLiteral("udp-remote"), {}, QStringLiteral("host"));
    const QCommandLineOption tcpServer(QStringLiteral("tcp-server"), {}, QStringLiteral("addr-port"));
    const QCommandLineOption tcpClient(QStringLiteral("tcp-client"), {}, QStringLiteral("host"));
    const QCommandLineOption autoReply(QStringLiteral("auto-reply"), {}, QStringLiteral("mode"));
    const QCommandLineOption logFile(QStringLiteral("log-file"), {}, QStringLiteral("path"));
    parser.addOptions({ help, version, udp, udpRemote, tcpServer, tcpClient, autoReply, logFile });

    m_options = {};
    if (!parser.parse(arguments)) {
        m_error = parser.errorText() + u"; see --help";
        return Outcome::Error;
    }
    if (parser.isSet(help))
        return Outcome::ShowHelp;
    if (parser.isSet(version))
        return Outcome::ShowVersion;
    if (!parser.positionalArguments().isEmpty()) {
        m_error = tr("unexpected argument \"%1\"; see --help")
                          .arg(parser.positionalArguments().constFirst());
        return Outcome::Error;
    }
    QString error;
    if (parser.isSet(udp)) {
        m_options.udpBind = parseLocal(parser.value(udp), &error);
        if (!m_options.udpBind) {
            m_error = u"--udp: " + error;
            return Outcome::Error;
        }
    }
    if (parser.isSet(udpRemote)) {
        m_options.udpRemote = parseRemote(parser.value(udpRemote), &error);
        if (!m_options.udpRemote) {
            m_error = u"--udp-remote: " + error;
            return Outcome::Error;
        }
    }
    if (parser.isSet(tcpServer)) {
        m_options.tcpServer = parseLocal(parser.value(tcpServer), &error);
        if (!m_options.tcpServer) {
            m_error = u"--tcp-server: " + error;
            return Outcome::Error;
        }
    }
    if (parser.isSet(tcpClient)) {
        m_options.tcpClient = parseRemote(parser.value(tcpClient), &error);
        if (!m_options.tcpClient) {
            m_error = u"--tcp-client: " + error;
            return Outcome::Error;
        }
    }
    if (parser.isSet(autoReply)) {
        m_options.autoReply = AutoReplies::fromKey(parser.value(autoReply));
        if (!m_options.autoReply) {
            m_error = tr("--auto-reply: unknown mode \"%1\"; use none, echo, timestamp or relay")
                              .arg(parser.value(autoReply));
            return Outcome::Error;
        }
        if (*m_options.autoReply == AutoReply::Relay && m_options.udpBind) {
            m_error = tr("--auto-reply: relay is for a TCP server's clients; UDP has none. Use "
                         "it with --tcp-server only, or choose echo or timestamp");
            return Outcome::Error;
        }
    }
    if (parser.isSet(logFile)) {
        m_options.logFile = parser.value(logFile);
        if (m_options.logFile.isEmpty()) {
            m_error = tr("--log-file: the path is empty; give a file to append to");
            return Outcome::Error;
        }
    }
    return Outcome::Run;
}
