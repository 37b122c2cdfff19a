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

bool Settings::socketCalls(const QString &group)
{
    return this->group(u"log/" + group).flag(u"socketCalls", false);
}

void Settings::setSocketCalls(const QString &group, bool shown)
{
    this->group(u"log/" + group).setValue(u"socketCalls", shown);
}

bool Settings::chatView(const QString &group)
{
    return this->group(u"log/" + group).flag(u"chatView", false);
}

void Settings::setChatView(const QString &group, bool chat)
{
    this->group(u"log/" + group).setValue(u"chatView", chat);
}

bool Settings::diagramView(const QString &group)
{
    return this->group(u"log/" + group).flag(u"diagramView", false);
}

void Settings::setDiagramView(const QString &group, bool diagram)
{
    this->group(u"log/" + group).setValue(u"diagramView", diagram);
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

Settings::WindowPlace Settings::windowPlace() const
{
    WindowPlace place;
    place.frame = m_settings.value(QStringLiteral("window/frame")).toRect();
    place.size = m_settings.value(QStringLiteral("window/size")).toSize();
    place.maximized = m_settings.value(QStringLiteral("window/maximized")).toBool();
    return place;
}

void Settings::setWindowPlace(const WindowPlace &place)
{
    m_settings.setValue(QStringLiteral("window/frame"), place.frame);
    m_settings.setValue(QStringLiteral("window/size"), place.size);
    m_settings.setValue(QStringLiteral("window/maximized"), place.maximized);
    m_settings.remove(QStringLiteral("window/geometry")); // what older versions kept
}

QByteArray Settings::windowState() const
{
    return m_settings.value(QStringLiteral("window/state")).toByteArray();
}

void Settings::setWindowState(const QByteArray &state)
{
    m_settings.setValue(QStringLiteral("window/state"), state);
}

QList<Settings::OpenSession> Settings::openSessions()
{
    QList<OpenSession> sessions;
    const int count = m_settings.beginReadArray(QStringLiteral("sessions"));
    for (int i = 0; i < count; ++i) {
        m_settings.setArrayIndex(i);
        bool ok = false;
        const int number = m_settings.value(QStringLiteral("number")).toInt(&ok);
        const QString kind = m_settings.value(QStringLiteral("kind")).toString();
        if (ok && number >= 2 && !kind.isEmpty())
            sessions.append(OpenSession { kind, number });
    }
    m_settings.endArray();
    return sessions;
}

void Settings::setOpenSessions(const QList<OpenSession> &sessions)
{
    m_settings.remove(QStringLiteral("sessions"));
    m_settings.beginWriteArray(QStringLiteral("sessions"), int(sessions.size()));
    for (int i = 0; i < sessions.size(); ++i) {
        m_settings.setArrayIndex(i);
        m_settings.setValue(QStringLiteral("kind"), sessions[i].kind);
        m_settings.setValue(QStringLiteral("number"), sessions[i].number);
    }
    m_settings.endArray();
}

QString Settings::sessionGroup(const QString &kindGroup, int number)
{
    return number <= 1 ? kindGroup : kindGroup + u'-' + QString::number(number);
}

// Where a session's values live: its own group, its composer's and its log's.
static QStringList sessionPrefixes(const QString &group)
{
    return { group, u"composer/" + group, u"log/" + group };
}

void Settings::copySession(const QString &from, const QString &to)
{
    removeSession(to);
    const QStringList sources = sessionPrefixes(from);
    const QStringList targets = sessionPrefixes(to);
    for (qsizetype i = 0; i < sources.size(); ++i) {
        m_settings.beginGroup(sources[i]);
        const QStringList keys = m_settings.allKeys();
        m_settings.endGroup();
        for (const QString &key : keys) {
            m_settings.setValue(targets[i] + u'/' + key,
                                m_settings.value(sources[i] + u'/' + key));
        }
    }
}

void Settings::removeSession(const QString &group)
{
    for (const QString &prefix : sessionPrefixes(group))
        m_settings.remove(prefix);
}

QString Settings::recordingPath() const
{
    return m_settings.value(QStringLiteral("recording/path")).toString();
}

void Settings::setRecordingPath(const QString &path)
{
    m_settings.setValue(QStringLiteral("recording/path"), path);
}
