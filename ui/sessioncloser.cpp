#include "sessioncloser.h"

#include "dialogs/cutoffquestion.h"
#include "tabs/sessiontab.h"
#include "text/pluralcount.h"

#include <QApplication>
#include <QLocale>

#include <cstdio>
#include <utility>

namespace {

constexpr int TickMs = 50;

} // namespace

SessionCloser::SessionCloser(QWidget *window, std::function<QList<SessionTab *>()> openTabs)
    : QObject(window)
    , m_window(window)
    , m_openTabs(std::move(openTabs))
{
    m_timer.setInterval(TickMs);
    connect(&m_timer, &QTimer::timeout, this, &SessionCloser::tick);
}

bool SessionCloser::closeTab(SessionTab *tab)
{
    if (!tab->settleSending(tr("Close %1").arg(tab->name()),
                            tr("The tab closes either way; sending the rest, it does so out of "
                               "sight.")))
        return false;
    tab->shutDown(); // nothing new comes in, or goes out, out of sight
    m_closingTabs << ClosingTab { tab };
    tick(); // most tabs go at once
    return true;
}

bool SessionCloser::mayQuit(Cause cause)
{
    switch (m_quit) {
    case Quit::Running:
        if (bytesToSend() != 0 && !settleSending(cause))
            return false;
        if (m_quit == Quit::Running)
            startDraining();
        break;
    case Quit::Asking: // a close while the question is open: Qt ignores it, see interrupt()
        return false;
    case Quit::Sending: // closing again cuts them off
        cutOffSending();
        startDraining();
        break;
    case Quit::Draining:
        if (const qsizetype left = readNotLogged(); left != 0) {
            const QString message =
                    tr("Quit at once: %n datagrams or TCP chunks that were read were not logged or "
                       "recorded.",
                       nullptr, pluralCount(quint64(left)));
            Q_EMIT cutShort(message);
            std::fprintf(stderr, "sockscope: %s\n", qUtf8Printable(message));
        }
        m_quit = Quit::Drained;
        break;
    case Quit::Drained:
    case Quit::Done:
        break;
    }
    if (m_quit != Quit::Drained)
        return false;
    m_timer.stop();
    m_quit = Quit::Done;
    // Last, so that the log and the recording end with how each session closed.
    for (SessionTab *tab : allTabs())
        tab->shutDown();
    return true;
}

void SessionCloser::interrupt()
{
    m_interrupted = true;
    if (QWidget *question = QApplication::activeModalWidget();
        question && question->objectName() == QLatin1StringView(CutOffQuestion::ObjectName))
        question->close(); // its Cancel; the answer is taken as Cut Off Now
}

// Transfers are under way as the window is asked to close: the user decides whether they are
// sent first or cut off (a termination cuts them off); false to stay.
bool SessionCloser::settleSending(Cause cause)
{
    CutOffQuestion::Answer answer = CutOffQuestion::Answer::CutOff;
    if (cause == Cause::User) {
        QStringList peers;
        qint64 notDelivered = 0;
        for (const SessionTab *tab : allTabs()) {
            peers << tab->peersSending();
            notDelivered += tab->bytesNotDelivered();
        }
        m_quit = Quit::Asking;
        answer = CutOffQuestion::ask(
                m_window, tr("Quit"),
                tr("Sockscope quits either way: once they are sent, or at once."), notDelivered,
                peers);
        m_quit = Quit::Running;
        if (std::exchange(m_interrupted, false))
            answer = CutOffQuestion::Answer::CutOff; // SIGTERM or SIGINT came meanwhile
    }
    switch (answer) {
    case CutOffQuestion::Answer::Cancel:
        return false;
    case CutOffQuestion::Answer::SendFirst:
        m_quit = Quit::Sending;
        m_timer.start();
        tick();
        return true;
    case CutOffQuestion::Answer::CutOff:
        cutOffSending();
        return true;
    }
    return false;
}

void SessionCloser::cutOffSending()
{
    for (SessionTab *tab : allTabs())
        tab->cutOffSending();
}

// Every session stops reading, and the window waits for what they read to be logged.
void SessionCloser::startDraining()
{
    for (SessionTab *tab : allTabs())
        tab->finishReading();
    m_quit = readNotLogged() == 0 ? Quit::Drained : Quit::Draining;
    if (m_quit == Quit::Draining) {
        m_timer.start();
        tick();
    }
}

void SessionCloser::tick()
{
    forgetClosedTabs();
    switch (m_quit) {
    case Quit::Running:
        if (m_closingTabs.isEmpty())
            m_timer.stop();
        else
            m_timer.start();
        return;
    case Quit::Sending:
        if (const qint64 bytes = bytesToSend(); bytes != 0) {
            Q_EMIT progressed(tr("Quitting: sending the %1 bytes still queued… Close again to "
                                 "cut them off.",
                                 nullptr, pluralCount(quint64(bytes)))
                                      .arg(QLocale().toString(bytes)));
            return;
        }
        startDraining();
        if (m_quit == Quit::Drained)
            Q_EMIT readyToQuit();
        return;
    case Quit::Draining:
        if (const qsizetype left = readNotLogged(); left != 0) {
            Q_EMIT progressed(tr("Quitting: logging and recording %n datagrams or TCP chunks "
                                 "that were read… Close again to quit at once.",
                                 nullptr, pluralCount(quint64(left))));
            return;
        }
        m_timer.stop();
        m_quit = Quit::Drained;
        Q_EMIT readyToQuit();
        return;
    case Quit::Asking:
    case Quit::Drained:
    case Quit::Done:
        return;
    }
}

// A closed tab goes once it has sent what it had to, and logged what it read.
void SessionCloser::forgetClosedTabs()
{
    for (qsizetype i = m_closingTabs.size() - 1; i >= 0; --i) {
        ClosingTab &closing = m_closingTabs[i];
        if (!closing.tab) {
            m_closingTabs.removeAt(i);
            continue;
        }
        if (closing.tab->bytesToSend() != 0 || closing.tab->hasOpenConnections())
            continue; // still sending, or closing once it has
        if (closing.reading) {
            closing.tab->finishReading();
            closing.reading = false;
        }
        if (closing.tab->readNotLogged() == 0)
            m_closingTabs.takeAt(i).tab->deleteLater();
    }
}

QList<SessionTab *> SessionCloser::allTabs() const
{
    QList<SessionTab *> tabs = m_openTabs();
    for (const ClosingTab &closing : m_closingTabs) {
        if (closing.tab)
            tabs << closing.tab;
    }
    return tabs;
}

qint64 SessionCloser::bytesToSend() const
{
    qint64 bytes = 0;
    for (const SessionTab *tab : allTabs())
        bytes += tab->bytesToSend();
    return bytes;
}

qsizetype SessionCloser::readNotLogged() const
{
    qsizetype waiting = 0;
    for (const SessionTab *tab : allTabs())
        waiting += tab->readNotLogged();
    return waiting;
}
