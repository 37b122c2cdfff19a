#include "settings.h"

namespace {

QString modeKey(PayloadCodec::InputMode mode)
{
    return mode == PayloadCodec::InputMode::Hex ? QStringLiteral("hex") : QStringLiteral("text");
}

QString endingKey(PayloadCodec::LineEnding ending)
{
    switch (ending) {
    case PayloadCodec::LineEnding::None: return QStringLiteral("none");
    case PayloadCodec::LineEnding::Lf: return QStringLiteral("lf");
    case PayloadCodec::LineEnding::Cr: return QStringLiteral("cr");
    case PayloadCodec::LineEnding::CrLf: return QStringLiteral("crlf");
    }
    return {};
}

PayloadCodec::LineEnding endingFromKey(const QString &key)
{
    using PayloadCodec::LineEnding;
    for (LineEnding e : { LineEnding::None, LineEnding::Lf, LineEnding::Cr, LineEnding::CrLf }) {
        if (endingKey(e) == key)
            return e;
    }
    return LineEnding::None;
}

quint16 portValue(const QVariant &value, quint16 fallback)
{
    bool ok = false;
    const uint port = value.toUInt(&ok);
    return ok && port <= 65535 ? quint16(port) : fallback;
}

} // namespace

Settings::Settings() = default;

Settings::Composer Settings::composer(const QString &sessionKind) const
{
    const QString group = u"composer/" + sessionKind + u'/';
    Composer c;
    c.mode = m_settings.value(group + u"mode").toString() == u"hex" ? PayloadCodec::InputMode::Hex
                                                                     : PayloadCodec::InputMode::Text;
    c.lineEnding = endingFromKey(m_settings.value(group + u"lineEnding").toString());
    c.history = m_settings.value(group + u"history").toStringList();
    c.repeatCount = std::max(1, m_settings.value(group + u"repeatCount", c.repeatCount).toInt());
    c.repeatByRate = m_settings.value(group + u"repeatPace").toString() == u"rate";
    c.repeatIntervalMs =
            std::max(0, m_settings.value(group + u"repeatInterval", c.repeatIntervalMs).toInt());
    c.repeatRate = std::max(1, m_settings.value(group + u"repeatRate", c.repeatRate).toInt());
    return c;
}

void Settings::setComposer(const QString &sessionKind, const Composer &composer)
{
    const QString group = u"composer/" + sessionKind + u'/';
    m_settings.setValue(group + u"mode", modeKey(composer.mode));
    m_settings.setValue(group + u"lineEnding", endingKey(composer.lineEnding));
    m_settings.setValue(group + u"history", composer.history.mid(
                                                    std::max<qsizetype>(0, composer.history.size() - MaxHistory)));
    m_settings.setValue(group + u"repeatCount", composer.repeatCount);
    m_settings.setValue(group + u"repeatPace", composer.repeatByRate ? QStringLiteral("rate")
                                                              : QStringLiteral("interval"));
    m_settings.setValue(group + u"repeatInterval", composer.repeatIntervalMs);
    m_settings.setValue(group + u"repeatRate", composer.repeatRate);
}

bool Settings::chatView(const QString &sessionKind) const
{
    return m_settings.value(u"log/" + sessionKind + u"/chatView", false).toBool();
}

void Settings::setChatView(const QString &sessionKind, bool chat)
{
    m_settings.setValue(u"log/" + sessionKind + u"/chatView", chat);
}

Settings::Udp Settings::udp() const
{
    Udp u;
    u.localAddress = m_settings.value(QStringLiteral("udp/localAddress"), u.localAddress).toString();
    u.localPort = portValue(m_settings.value(QStringLiteral("udp/localPort")), u.localPort);
    u.remoteHost = m_settings.value(QStringLiteral("udp/remoteHost"), u.remoteHost).toString();
    u.remotePort = portValue(m_settings.value(QStringLiteral("udp/remotePort")), u.remotePort);
    u.autoReply = AutoReplies::fromKey(m_settings.value(QStringLiteral("udp/autoReply")).toString())
                          .value_or(AutoReply::None);
    if (u.autoReply == AutoReply::Relay) // a TCP server's mode; UDP has no clients to relay to
        u.autoReply = AutoReply::None;
    u.multicastGroup =
            m_settings.value(QStringLiteral("udp/multicastGroup"), u.multicastGroup).toString();
    return u;
}

void Settings::setUdp(const Udp &udp)
{
    m_settings.setValue(QStringLiteral("udp/localAddress"), udp.localAddress);
    m_settings.setValue(QStringLiteral("udp/localPort"), udp.localPort);
    m_settings.setValue(QStringLiteral("udp/remoteHost"), udp.remoteHost);
    m_settings.setValue(QStringLiteral("udp/remotePort"), udp.remotePort);
    m_settings.setValue(QStringLiteral("udp/autoReply"), AutoReplies::key(udp.autoReply));
    m_settings.setValue(QStringLiteral("udp/multicastGroup"), udp.multicastGroup);
}

Settings::Framing Settings::framing(const QString &group) const
{
    Framing f;
    f.key = m_settings.value(group + u"framing", f.key).toString();
    f.delimiter = m_settings.value(group + u"delimiter", f.delimiter).toString();
    return f;
}

void Settings::setFraming(const QString &group, const Framing &framing)
{
    m_settings.setValue(group + u"framing", framing.key);
    m_settings.setValue(group + u"delimiter", framing.delimiter);
}

Settings::TcpClient Settings::tcpClient() const
{
    const QString group = QStringLiteral("tcpClient/");
    TcpClient c;
    c.host = m_settings.value(group + u"host", c.host).toString();
    c.port = portValue(m_settings.value(group + u"port"), c.port);
    c.localPort = portValue(m_settings.value(group + u"localPort"), c.localPort);
    c.connectTimeoutMs = std::clamp(
            m_settings.value(group + u"connectTimeout", c.connectTimeoutMs).toInt(), 100, 600'000);
    c.framing = framing(group);
    return c;
}

void Settings::setTcpClient(const TcpClient &client)
{
    const QString group = QStringLiteral("tcpClient/");
    m_settings.setValue(group + u"host", client.host);
    m_settings.setValue(group + u"port", client.port);
    m_settings.setValue(group + u"localPort", client.localPort);
    m_settings.setValue(group + u"connectTimeout", client.connectTimeoutMs);
    setFraming(group, client.framing);
}

Settings::TcpServer Settings::tcpServer() const
{
    const QString group = QStringLiteral("tcpServer/");
    TcpServer t;
    t.address = m_settings.value(group + u"address", t.address).toString();
    t.port = portValue(m_settings.value(group + u"port"), t.port);
    t.maxClients = std::max(1, m_settings.value(group + u"maxClients", t.maxClients).toInt());
    t.autoReply = AutoReplies::fromKey(m_settings.value(group + u"autoReply").toString())
                          .value_or(AutoReply::None);
    t.relayNames = m_settings.value(group + u"relayNames", t.relayNames).toBool();
    t.announces = m_settings.value(group + u"announces", t.announces).toBool();
    t.framing = framing(group);
    return t;
}

void Settings::setTcpServer(const TcpServer &server)
{
    const QString group = QStringLiteral("tcpServer/");
    m_settings.setValue(group + u"address", server.address);
    m_settings.setValue(group + u"port", server.port);
    m_settings.setValue(group + u"maxClients", server.maxClients);
    m_settings.setValue(group + u"autoReply", AutoReplies::key(server.autoReply));
    m_settings.setValue(group + u"relayNames", server.relayNames);
    m_settings.setValue(group + u"announces", server.announces);
    setFraming(group, server.framing);
}

QByteArray Settings::windowGeometry() const
{
    return m_settings.value(QStringLiteral("window/geometry")).toByteArray();
}

void Settings::setWindowGeometry(const QByteArray &geometry)
{
    m_settings.setValue(QStringLiteral("window/geometry"), geometry);
}

QByteArray Settings::windowState() const
{
    return m_settings.value(QStringLiteral("window/state")).toByteArray();
}

void Settings::setWindowState(const QByteArray &state)
{
    m_settings.setValue(QStringLiteral("window/state"), state);
}

QString Settings::recordingPath() const
{
    return m_settings.value(QStringLiteral("recording/path")).toString();
}

void Settings::setRecordingPath(const QString &path)
{
    m_settings.setValue(QStringLiteral("recording/path"), path);
}
