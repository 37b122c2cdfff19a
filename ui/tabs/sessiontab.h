#pragma once

#include "config/settings.h"
#include "kernel/kernelpanel.h"
#include "net/autoreply.h"
#include "net/transport.h"
#include "teach/sessionsetup.h"

#include <QHostAddress>
#include <QTimer>
#include <QWidget>

#include <functional>

class FaultControls;
struct FaultSpec;
class LogView;
class QComboBox;
class QSpinBox;
class QVBoxLayout;
class QSplitter;
class MessageComposer;
class Recorder;
class Session;
struct Lesson;
class SessionLog;
class TcpConnection;

// The body every session tab shares, whatever its protocol: the kind's own controls on top,
// then the message composer and the live log, the session's log and counters, the line of
// state for the status bar, and the settings of the composer and the log. A kind's tab adds
// only its controls and its session (UdpTab, TcpClientTab, TcpServerTab); a feature of every
// tab is written here once.
class SessionTab : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SessionTab)

public:
    // How often the counters in the status bar follow new rows, at most.
    static constexpr int CountersIntervalMs = 250;
    // The peer offered until the user picks another: this machine, on the classic tutorials'
    // port 9000.
    static constexpr quint16 DefaultPort = 9000;
    static QString defaultHost() { return QStringLiteral("127.0.0.1"); }

    // What the window gives every tab it opens.
    struct Context
    {
        Settings &settings;
        Recorder *recorder = nullptr; // may be null
        QString name; // "TCP Client 2": the session's name in the log and its tab's title
        QString settingsGroup; // the kind's, from its registry row: "tcpClient"
    };

    ~SessionTab() override;

    QString name() const { return m_name; }
    SessionLog *sessionLog() const { return m_log; }
    LogView *logView() const { return m_logView; }
    MessageComposer *composer() const { return m_composer; }

    // What its session does now, as its fields say, for the Code panel: the kind's own
    // fields (describe()), the composer's message and line ending. setupChanged() follows.
    SessionSetup sessionSetup() const;

    // "UDP bound to 0.0.0.0:9000 · received 12 (480 bytes) · sent 3 (12 bytes) · errors 0"
    QString statusText() const;
    // Its name and, while open, where: "TCP Server :9000", "TCP Client → 127.0.0.1:9000".
    QString title() const;
    void saveSettings();
    // Sets the fields up for `lesson` (Help → Lessons), with `port` as the lesson's port, and
    // shows the socket calls; the session is closed first. The settings keep the user's own.
    void setUpLesson(const Lesson &lesson, quint16 port);
    // The session, whatever its kind: for what watches every kind the same way (a lesson).
    Session *baseSession() const { return m_session; }
    // The Calls switch (LogView): the session states its socket calls from now on, or stops.
    // The settings keep what the user chose with the switch, not this (--socket-calls).
    void showSocketCalls(bool shown);
    // A new session, whose fields are a copy of the first one's: a port they name that another
    // socket has now (the first session's, most likely) gives way to the next free one, so that
    // Start, Listen or Connect can work (NativeSocket::freePortFrom()).
    virtual void offerFreePorts() { }
    // The kernel's view of its socket (KernelPanel), under the log: shown or not, as the
    // window's Kernel's View button and Sessions → Show the Kernel's View say; each kind
    // remembers the choice.
    bool showsKernelView() const;
    void showKernelView(bool shown);
    KernelPanel *kernelPanel() const { return m_kernelPanel; }
    // How much its log keeps (from the Preferences).
    void setLogLimits(const Settings::LogLimits &limits);
    // Before quitting: its session reads nothing more, and logs what it read already.
    void finishReading();
    // What its session read and has not logged yet.
    qsizetype readNotLogged() const;
    // What its session still has to send (Session::bytesToSend()).
    qint64 bytesToSend() const;
    qint64 bytesNotDelivered() const;
    bool hasOpenConnections() const;
    // Closes its session as its own Close, Stop or Disconnect does, and stops a Repeat:
    // before the tab goes, and at quit.
    void shutDown();
    // The peers of the connections that still send: "127.0.0.1:41000".
    QStringList peersSending() const;
    void cutOffSending();
    // Before a command of the user's that closes connections (`action`, as its button or menu
    // names it, which does `outcome` whatever the answer): while some still have bytes to send,
    // asks whether to send those first or to cut them off, and cuts them off if so. False when
    // the user chose to keep them open.
    bool settleSending(const QString &action, const QString &outcome);

Q_SIGNALS:
    // The status text or the title may have changed.
    void statusChanged();
    // What sessionSetup() gives may have changed: a field, a choice, the message, the state.
    void setupChanged();
    void kernelViewShownChanged(bool shown);

protected:
    // Takes `session`, which becomes a child of this tab, and logs everything it states.
    SessionTab(const Context &context, Session *session, QWidget *parent);

    // How the kind's controls share the height with the log.
    enum class ControlsHeight {
        Fixed, // as tall as they need, above the composer and the log
        Shared, // they can grow (a list of clients): a splitter divides them from the log
    };
    // Builds the body around `controls`; call once, from the constructor, once they are built.
    void setControls(QWidget *controls, ControlsHeight height);

    // Puts `panel` (a list of clients), `width` wide at first, beside the log, in a splitter
    // whose place the kind's settings keep; call once, after setControls().
    void setSidePanel(QWidget *panel, int width);

    Settings::Group settings() { return m_settings.group(m_settingsGroup); }
    // Fills an auto-reply combo with `modes`, each with its label and its key.
    static void addAutoReplies(QComboBox *combo, std::initializer_list<AutoReply> modes);

    // Sends what the composer asks for; false (nothing will be sent, and the session said
    // why) stops a Repeat.
    virtual bool send(const QByteArray &payload) = 0;
    // Runs `send`, a send of the composer's message; when it says false, the reason the log
    // got meanwhile shows under the editor too. Empties the editor after a send that worked.
    bool sendComposed(const std::function<bool()> &send);
    // Sends the bytes of the file at `path` (Send File…); false when nothing will be sent.
    virtual bool sendFile(const QString &path) = 0;
    // The session's state in a few words, for the status bar: "UDP bound to 0.0.0.0:9000".
    virtual QString stateText() const = 0;
    // The kind's faults on purpose: each change goes to `apply` (the session's setFaults())
    // and to the status line, where withFaults() says what they make.
    void setFaultControls(FaultControls *faults, std::function<void(const FaultSpec &)> apply);
    // `state` and, while faults are on, " · Faults: drop 50%".
    QString withFaults(const QString &state) const;
    // What follows the name in the title while the session is open; by default its port,
    // " :9000".
    virtual QString titleDetail() const;
    // The kind's fields as `lesson` needs them, `port` its port (setUpLesson()). The lessons
    // are for the built-in kinds; another kind keeps its fields.
    virtual void adoptLesson(const Lesson &lesson, quint16 port);
    // The kind's own fields, in its settings group.
    virtual void saveControls(Settings::Group &settings) = 0;
    // The kind's own part of sessionSetup(): its endpoints, auto-reply and framing (while
    // bound or listening, the port it got). Every change to them saves the settings or
    // updates the empty log's hint, which both tell setupChanged().
    virtual void describe(SessionSetup &setup) const { Q_UNUSED(setup) }
    // What to do next, shown in the middle of the log while it is empty: what Start (or
    // Listen, Connect) does, and what to run in another program, with the real address and
    // port. The tab calls updateEmptyHint() when a field it names changes; a state change
    // updates it by itself.
    virtual QString emptyLogHint() const = 0;
    // Where a port of the address in a field (an address, a name, or "" for every address)
    // would be opened, for a probe: a name counts as every address.
    static QHostAddress probeAddress(const QString &address);
    // For offerFreePorts(): `field`'s port, or the next one free for `transport` on `address`.
    void offerFreePort(QSpinBox *field, Transport transport, const QHostAddress &address);
    void updateEmptyHint();
    // What the kernel's view follows now (KernelPanel asks a few times a second while shown):
    // by default nothing, with a word on what to do.
    virtual KernelPanel::Target kernelTarget() const;
    // The target of an open TCP connection, or, without one, nothing and `idleText`.
    static KernelPanel::Target connectionTarget(const TcpConnection *connection,
                                                const QString &idleText);

private:
    void addKernelView(QVBoxLayout *trafficLayout);
    void sendPayload(const QByteArray &payload);
    QString countersText() const;

    Settings &m_settings;
    QString m_settingsGroup;
    QString m_name;
    Session *m_session;
    SessionLog *m_log;
    MessageComposer *m_composer;
    LogView *m_logView;
    QWidget *m_traffic = nullptr; // the composer and the log
    QSplitter *m_panelSplitter = nullptr; // the log and a side panel, if any
    KernelPanel *m_kernelPanel = nullptr;
    FaultControls *m_faults = nullptr;
    bool m_kernelShown = false;
    QTimer m_countersTimer;
    bool m_callsChosen = false; // the Calls switch, as the user last set it
    bool m_lessonFields = false; // a lesson set the fields: they are not the user's to keep
};
