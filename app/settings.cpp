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
    c.repeatIntervalMs =
            std::max(0, m_settings.value(group + u"repeatInterval", c.repeatIntervalMs).toInt());
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
    m_settings.setValue(group + u"repeatInterval", composer.repeatIntervalMs);
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
