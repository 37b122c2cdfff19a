#pragma once

#include "log/logmodel.h"
#include "net/sendpacer.h"
#include "text/enumkeys.h"
#include "text/payloadcodec.h"

#include <QByteArray>
#include <QList>
#include <QRect>
#include <QSettings>
#include <QString>
#include <QStringList>

// What the user chose last time, kept with QSettings. No widgets here, and no session kind: each
// kind keeps its fields in a group of its own (its settings group, from the kind registry), and
// the composer and the log of every kind are kept under that group's name too:
//
//   udp/localPort, tcpServer/maxClients, …   a kind's own fields (Settings::Group)
//   composer/<group>/mode, …/history, …     the kind's composer (Settings::Composer)
//   log/<group>/chatView                    whether its log shows as a chat
//   log/<group>/diagramView                 whether its log shows as a sequence diagram
//   log/<group>/socketCalls                 whether its session shows its socket calls
//   log/<group>/payloadView, …/encoding     how its log shows payloads, and its text encoding
//   log/maxRows, log/payloadBudgetMiB       every log's caps (Settings::LogLimits)
//   window/frame, window/size, …            where the window was (Settings::WindowPlace)
//   window/state, recording/path
//   sessions/<i>/kind, sessions/<i>/number  the extra sessions open at quit, in tab order
//
// An extra session (TCP Client 2, …) keeps its fields, composer and log choices under a group
// of its own, "tcpClient-2" (sessionGroup()), so that it never overwrites the first one's.
//
// Every read falls back to a default for a value that is missing or unusable, so a settings
// file from another version never leaves a field in a state the user could not choose.
class Settings
{
public:
    struct Composer
    {
        // Messages kept in the history, the newest, each of at most MaxHistoryCharacters (the
        // composer keeps no longer ones; older versions did).
        static constexpr int MaxHistory = 100;
        static constexpr qsizetype MaxHistoryCharacters = 64 * 1024;

        PayloadCodec::InputMode mode = PayloadCodec::InputMode::Text;
        PayloadCodec::LineEnding lineEnding = PayloadCodec::LineEnding::None;
        QStringList history; // oldest first
        int repeatCount = 10;
        RepeatPace repeatPace = RepeatPace::Interval;
        int repeatIntervalMs = 1000;
        int repeatRate = 1000; // sends per second
        QString fileFolder; // where Send File looked last
        // After a send, the editor keeps the message (to send it again) instead of emptying.
        bool keepAfterSending = false;
    };

    // How much every session's log keeps before its oldest rows leave the view.
    struct LogLimits
    {
        static constexpr qsizetype MinRows = 1'000;
        static constexpr qsizetype MaxRows = 10'000'000;
        static constexpr int MinPayloadMiB = 1;
        static constexpr int MaxPayloadMiB = 16 * 1024;

        qsizetype rows = LogModel::DefaultCapacity;
        int payloadMiB = int(LogModel::DefaultPayloadBudget >> 20);

        qsizetype payloadBytes() const { return qsizetype(payloadMiB) << 20; }
    };

    // Where the window was: its frame's place, its inner size, and whether it was maximized
    // (then the place and size are those it comes back to). Invalid when never saved.
    struct WindowPlace
    {
        QRect frame; // the outer rectangle, title bar and borders included
        QSize size; // the window's own size, inside the frame
        bool maximized = false;

        bool isValid() const { return frame.isValid() && size.isValid(); }
    };

    // One extra session of a kind (the first of each kind is always open): its kind's key and
    // its number, 2 for "TCP Client 2".
    struct OpenSession
    {
        QString kind;
        int number = 2;
    };

    // The values under one group, e.g. "udp/…". Cheap to copy; valid while its Settings lives.
    class Group
    {
    public:
        QString text(QStringView key, const QString &fallback = {}) const;
        QStringList texts(QStringView key) const;
        quint16 port(QStringView key, quint16 fallback) const;
        // `fallback` when missing or not a number; clamped to [minimum, maximum].
        int number(QStringView key, int fallback, int minimum, int maximum) const;
        bool flag(QStringView key, bool fallback) const;
        // The enum's default (its first key) when missing or unknown.
        template<typename Enum>
        Enum choice(QStringView key) const
        {
            return EnumKeys::fromKey<Enum>(text(key));
        }

        void setValue(QStringView key, const QVariant &value);
        template<typename Enum>
        void setChoice(QStringView key, Enum value)
        {
            setValue(key, QString(EnumKeys::key(value)));
        }

    private:
        friend class Settings;
        Group(QSettings *settings, const QString &name);
        QString path(QStringView key) const;

        QSettings *m_settings;
        QString m_prefix;
    };

    Settings();

    // A session kind's own fields, under its settings group.
    Group group(const QString &name);

    Composer composer(const QString &group);
    void setComposer(const QString &group, const Composer &composer);

    LogLimits logLimits();
    void setLogLimits(const LogLimits &limits);

    // Whether the kind's log shows as a chat transcript rather than a table.
    bool chatView(const QString &group);
    void setChatView(const QString &group, bool chat);
    // Whether it shows as a sequence diagram (which the chat, when both are set, gives way to).
    bool diagramView(const QString &group);
    void setDiagramView(const QString &group, bool diagram);
    // Whether the kind's session shows its socket calls in the log (the Calls switch).
    bool socketCalls(const QString &group);
    void setSocketCalls(const QString &group, bool shown);
    // How the kind's log shows payloads (text or hex), and the encoding of its text, which
    // the composer's Text mode writes in too.
    PayloadCodec::DisplayFormat displayFormat(const QString &group);
    void setDisplayFormat(const QString &group, const PayloadCodec::DisplayFormat &format);

    WindowPlace windowPlace() const;
    void setWindowPlace(const WindowPlace &place);
    QByteArray windowState() const;
    void setWindowState(const QByteArray &state);

    QList<OpenSession> openSessions();
    void setOpenSessions(const QList<OpenSession> &sessions);
    // The group of a kind's session number `number`: the kind's own group for the first,
    // "tcpClient-2" for the second, and so on.
    static QString sessionGroup(const QString &kindGroup, int number);
    // Gives the session group `to` a copy of everything under `from` (its fields, composer and
    // log choices), after forgetting what `to` had: a new session starts as the first one is.
    void copySession(const QString &from, const QString &to);
    // Forgets everything kept under a session's group (a closed extra session).
    void removeSession(const QString &group);

    QString recordingPath() const;
    void setRecordingPath(const QString &path);

    void sync() { m_settings.sync(); }

private:
    QSettings m_settings;
};
