#pragma once

#include <QList>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <functional>

class SessionTab;
class QWidget;

// Closes session tabs, and in the end the window, without losing anything on the way: what a
// session read from the kernel is logged (and recorded) before it goes, and a transfer still
// under way is either sent to the end or cut off with a reset (RST) that its peer notices,
// never dropped behind a clean close. Closing again while it waits goes on at once, and says
// what that cost.
class SessionCloser final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SessionCloser)

public:
    // Who asks to quit: the user (the window, Ctrl+Q), who is asked about transfers under way,
    // or the system (SIGTERM, SIGINT), for whom they are cut off.
    enum class Cause { User, Termination };

    // `openTabs` lists the tabs still in the window; `window` parents the question.
    SessionCloser(QWidget *window, std::function<QList<SessionTab *>()> openTabs);

    // The user closes `tab`, which the caller then takes from sight: false when the user chose
    // to keep it (asked because it still sends). It is deleted once it has sent what it was
    // to send and logged what it read.
    bool closeTab(SessionTab *tab);
    // Whether the window may close now. If not, it waits (for transfers, then for what was read
    // to be logged) and emits readyToQuit() when it may; closing again goes on at once.
    bool mayQuit(Cause cause);
    bool isQuitting() const { return m_quit != Quit::Running && m_quit != Quit::Asking; }
    // While the quit's question is open, a close of the window does nothing (Qt ignores it):
    // SIGTERM and SIGINT end the question this way instead, and cut off what goes out.
    bool isAsking() const { return m_quit == Quit::Asking; }
    void interrupt();

Q_SIGNALS:
    // How far the quit has got, for the status bar.
    void progressed(const QString &message);
    void readyToQuit();
    // An error row for the log: what closing at once left undone.
    void cutShort(const QString &message);

private:
    // Asking: the question about transfers under way is open. Sending: they go first.
    // Draining: what was read is logged. Drained: the window may go. Done: it goes.
    enum class Quit { Running, Asking, Sending, Draining, Drained, Done };

    struct ClosingTab
    {
        QPointer<SessionTab> tab;
        bool reading = true; // it reads on while it sends: its peer may wait for that
    };

    bool settleSending(Cause cause);
    void cutOffSending();
    QList<SessionTab *> allTabs() const;
    void startDraining();
    void tick();
    void forgetClosedTabs();
    qint64 bytesToSend() const;
    qsizetype readNotLogged() const;

    QWidget *m_window;
    std::function<QList<SessionTab *>()> m_openTabs;
    QList<ClosingTab> m_closingTabs; // out of sight, still sending or logging
    Quit m_quit = Quit::Running;
    bool m_interrupted = false; // a termination came while the question was open
    QTimer m_timer; // while anything waits: progress, and the next step once it is done
};
