#include "config/settings.h"

#include <algorithm>
#include <limits>

Settings::Group::Group(QSettings *settings, const QString &name)
    : m_settings(settings)
    , m_prefix(name + u'/')
{
}

QString Settings::Group::path(QStringView key) const
{
    return m_prefix + key;
}

QString Settings::Group::text(QStringView key, const QString &fallback) const
{
    return m_settings->value(path(key), fallback).toString();
}

QStringList Settings::Group::texts(QStringView key) const
{
    return m_settings->value(path(key)).toStringList();
}

quint16 Settings::Group::port(QStringView key, quint16 fallback) const
{
    bool ok = false;
    const uint port = m_settings->value(path(key)).toUInt(&ok);
    return ok && port <= 65535 ? quint16(port) : fallback;
}

int Settings::Group::number(QStringView key, int fallback, int minimum, int maximum) const
{
    bool ok = false;
    const int value = m_settings->value(path(key)).toInt(&ok);
    return std::clamp(ok ? value : fallback, minimum, maximum);
}

bool Settings::Group::flag(QStringView key, bool fallback) const
{
    const QVariant value = m_settings->value(path(key));
    if (!value.isValid())
        return fallback;
    const QString word = value.toString();
    if (word.compare(u"true", Qt::CaseInsensitive) == 0 || word == u"1")
        return true;
    if (word.compare(u"false", Qt::CaseInsensitive) == 0 || word == u"0")
        return false;
    return fallback;
}

void Settings::Group::setValue(QStringView key, const QVariant &value)
{
    m_settings->setValue(path(key), value);
}

Settings::Settings() = default;

Settings::Group Settings::group(const QString &name)
{
    return Group(&m_settings, name);
}

Settings::Composer Settings::composer(const QString &group)
{
    const Group g = this->group(u"composer/" + group);
    Composer c;
    c.mode = g.choice<PayloadCodec::InputMode>(u"mode");
    c.lineEnding = g.choice<PayloadCodec::LineEnding>(u"lineEnding");
    c.history = g.texts(u"history");
    c.history.removeIf([](const QString &text) {
        return text.size() > Composer::MaxHistoryCharacters;
    });
    if (c.history.size() > Composer::MaxHistory)
        c.history = c.history.mid(c.history.size() - Composer::MaxHistory);
    c.repeatCount = g.number(u"repeatCount", c.repeatCount, 1, std::numeric_limits<int>::max());
    c.repeatPace = g.choice<RepeatPace>(u"repeatPace");
    c.repeatIntervalMs =
            g.number(u"repeatInterval", c.repeatIntervalMs, 0, std::numeric_limits<int>::max());
    c.repeatRate = g.number(u"repeatRate", c.repeatRate, 1, std::numeric_limits<int>::max());
    c.fileFolder = g.text(u"fileFolder");
    c.keepAfterSending = g.flag(u"keepAfterSending", c.keepAfterSending);
    return c;
}

void Settings::setComposer(const QString &group, const Composer &composer)
{
    Group g = this->group(u"composer/" + group);
    g.setChoice(u"mode", composer.mode);
    g.setChoice(u"lineEnding", composer.lineEnding);
    g.setValue(u"history", composer.history);
    g.setValue(u"repeatCount", composer.repeatCount);
    g.setChoice(u"repeatPace", composer.repeatPace);
    g.setValue(u"repeatInterval", composer.repeatIntervalMs);
    g.setValue(u"repeatRate", composer.repeatRate);
    g.setValue(u"fileFolder", composer.fileFolder);
    g.setValue(u"keepAfterSending", composer.keepAfterSending);
}

Settings::LogLimits Settings::logLimits()
{
    const Group g = group(QStringLiteral("log"));
    LogLimits limits;
    limits.rows = g.number(u"maxRows", int(limits.rows), int(LogLimits::MinRows),
                           int(LogLimits::MaxRows));
    limits.payloadMiB = g.number(u"payloadBudgetMiB", limits.payloadMiB,
                                 LogLimits::MinPayloadMiB, LogLimits::MaxPayloadMiB);
    return limits;
}

void Settings::setLogLimits(const LogLimits &limits)
{
    Group g = group(QStringLiteral("log"));
    g.setValue(u"maxRows", limits.rows);
    g.setValue(u"payloadBudgetMiB", limits.payloadMiB);
}

bool Settings::chatView(const QString &group)
{
    return this->group(u"log/" + group).flag(u"chatView", false);
}

void Settings::setChatView(const QString &group, bool chat)
{
    this->group(u"log/" + group).setValue(u"chatView", chat);
}

PayloadCodec::DisplayFormat Settings::displayFormat(const QString &group)
{
    const Group g = this->group(u"log/" + group);
    return { g.choice<PayloadCodec::PayloadView>(u"payloadView"), g.choice<TextEncoding>(u"encoding") };
}

void Settings::setDisplayFormat(const QString &group, const PayloadCodec::DisplayFormat &format)
{
    Group g = this->group(u"log/" + group);
    g.setChoice(u"payloadView", format.view);
    g.setChoice(u"encoding", format.encoding);
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
