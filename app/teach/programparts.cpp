#include "teach/programparts.h"

#include "net/localreach.h"

#include <QHostAddress>

namespace ProgramParts {

LocalSocket localSocket(const QString &address)
{
    LocalSocket local;
    if (address.isEmpty()) {
        local.ipv6 = true;
        local.dualStack = true;
        return local;
    }
    local.ipv6 = isIpv6Literal(address);
    local.v6Only = local.ipv6 && QHostAddress(address) == QHostAddress::AnyIPv6;
    local.bindHost = local.v6Only ? QString() : address;
    return local;
}

bool isIpv6Literal(const QString &host)
{
    const QHostAddress address(host);
    return !address.isNull() && address.protocol() == QAbstractSocket::IPv6Protocol;
}

QString reachHost(const SessionSetup &setup)
{
    return LocalReach::hostFor(setup.localAddress);
}

quint16 reachPort(const SessionSetup &setup)
{
    return setup.localPort == 0 ? quint16(9000) : setup.localPort;
}

QByteArray sampleMessage(const SessionSetup &setup)
{
    const QByteArray payload = setup.payload();
    if (!setup.message.isEmpty())
        return payload;
    return "hello" + PayloadCodec::lineEndingBytes(setup.lineEnding);
}

QByteArray terminator(const SessionSetup &setup)
{
    switch (setup.framing) {
    case StreamFramer::Framing::Lf:
        return QByteArrayLiteral("\n");
    case StreamFramer::Framing::CrLf:
        return QByteArrayLiteral("\r\n");
    case StreamFramer::Framing::Delimiter:
        return setup.delimiter;
    default:
        return {};
    }
}

int prefixBytes(const SessionSetup &setup)
{
    switch (setup.framing) {
    case StreamFramer::Framing::Length16:
        return 2;
    case StreamFramer::Framing::Length32:
        return 4;
    default:
        return 0;
    }
}

bool isFramed(const SessionSetup &setup)
{
    return !terminator(setup).isEmpty() || prefixBytes(setup) > 0;
}

QByteArray wireMessage(const SessionSetup &setup, const QByteArray &message)
{
    const QByteArray end = terminator(setup);
    return end.isEmpty() || message.endsWith(end) ? message : message + end;
}

QString framingWords(const SessionSetup &setup)
{
    switch (setup.framing) {
    case StreamFramer::Framing::Lf:
        return QStringLiteral("lines ending in LF");
    case StreamFramer::Framing::CrLf:
        return QStringLiteral("lines ending in CRLF");
    case StreamFramer::Framing::Delimiter:
        return setup.delimiter.isEmpty() ? QStringLiteral("no framing")
                                         : QStringLiteral("messages ending in a delimiter");
    case StreamFramer::Framing::Length16:
        return QStringLiteral("a 2-byte big-endian length before each message");
    case StreamFramer::Framing::Length32:
        return QStringLiteral("a 4-byte big-endian length before each message");
    case StreamFramer::Framing::None:
        break;
    }
    return QStringLiteral("no framing");
}

QString autoReplyWords(AutoReply mode)
{
    switch (mode) {
    case AutoReply::Echo:
        return QStringLiteral("echo");
    case AutoReply::Timestamp:
        return QStringLiteral("timestamp");
    case AutoReply::Relay:
        return QStringLiteral("relay (a chat room)");
    case AutoReply::None:
        break;
    }
    return QStringLiteral("none");
}

QString kindName(const QString &kind)
{
    if (kind == u"tcpClient")
        return QStringLiteral("TCP Client");
    if (kind == u"tcpServer")
        return QStringLiteral("TCP Server");
    return QStringLiteral("UDP");
}

QString localWords(const SessionSetup &setup)
{
    const QString port = setup.localPort == 0 ? QStringLiteral("a port the system chooses")
                                              : u"port " + QString::number(setup.localPort);
    if (setup.localAddress.isEmpty())
        return u"every address (IPv4 and IPv6), " + port;
    return setup.localAddress + u", " + port;
}

QString fill(QString text, const QList<std::pair<QString, QString>> &values)
{
    for (const auto &[key, value] : values)
        text.replace(u'@' + key + u'@', value);
    return text;
}

QString comment(const QString &text, const QString &lead, int width)
{
    QStringList lines;
    QString line;
    for (const QString &word : text.split(u' ')) {
        if (!line.isEmpty() && lead.size() + line.size() + 1 + word.size() > width) {
            lines << lead + line;
            line.clear();
        }
        line += (line.isEmpty() ? QString() : QStringLiteral(" ")) + word;
    }
    lines << lead + line;
    return lines.join(u'\n') + u'\n';
}

QString lines(const QStringList &lines)
{
    return lines.join(u'\n') + u'\n';
}

} // namespace ProgramParts
