// CommandLine's reading of the HOST:PORT values that open sessions (--udp 9000, --tcp-client
// HOST:PORT), and where LaunchOptions keeps them.
#include "config/commandline.h"
#include "config/commandlinetr.h"

#include <QCoreApplication>

#include <algorithm>

namespace {

using CommandLineText::tr;

// A port as a person writes it: 1 to 5 ASCII digits, no sign, space or leading zero (0 is a
// port of its own). Anything looser lets '  80' or '+21081' stand for what was not meant.
std::optional<quint16> parsePort(QStringView text, quint16 minimum, QString *error)
{
    const bool digits = !text.isEmpty() && text.size() <= 5
        && std::all_of(text.begin(), text.end(), [](QChar c) { return c >= u'0' && c <= u'9'; })
        && (text.size() == 1 || text.front() != u'0');
    const uint port = digits ? text.toUInt() : 0;
    if (!digits || port > 65535 || port < minimum) {
        *error = tr("port \"%1\" is not valid; write a number from %2 to 65535 in digits "
                    "only, with no sign, space or leading zero")
                     .arg(text.toString(), QString::number(minimum));
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
    const bool unprintable = std::any_of(result.host.cbegin(), result.host.cend(),
                                         [](QChar c) { return c.isSpace() || !c.isPrint(); });
    if (unprintable) {
        *error = tr("host \"%1\" holds a space or a control character, which no host name or "
                    "address has; write HOST:PORT, e.g. %2")
                     .arg(result.host, example);
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
    return split(text, false, 0, error);
}

std::optional<HostPort> CommandLine::parseRemote(QStringView text, QString *error)
{
    return split(text, true, 1, error);
}

std::optional<HostPort> LaunchOptions::endpoint(QStringView option) const
{
    const auto it = m_endpoints.constFind(option.toString());
    if (it == m_endpoints.cend())
        return std::nullopt;
    return *it;
}

void LaunchOptions::setEndpoint(const QString &option, const HostPort &value)
{
    m_endpoints.insert(option, value);
}
