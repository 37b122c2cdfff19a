#include "sessioncloser.h"

#include "dialogs/cutoffquestion.h"
#include "tabs/sessiontab.h"

#include <QLocale>

#include <algorithm>
#include <climits>
#include <cstdio>

namespace {

constexpr int TickMs = 50;

// For a %n count that may exceed an int.
int plural(qint64 count)
{
    return int(std::min<qint64>(count, INT_MAX));
}

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
    m_closingTabs << ClosingTab { tab };
    tick(); // most tabs go at once
    return true;
}

bool SessionCloser::mayQuit(Cause cause)
{
    switch (m_quit) {
    case Quit::Running:
        if (bytesToSend() != 0) {
            QStringList peers;
            qint64 notDelivered = 0;
            for (const SessionTab *tab : allTabs()) {
                peers << tab->peersSending();
                notDelivered += tab->bytesNotDelivered();
            }
            CutOffQuestion::Answer answer = CutOffQuestion::Answer::CutOff;
            if (cause == Cause::User) {
                answer = CutOffQuestion::ask(
                        m_window, tr("Quit"),
                        tr("Sockscope quits either way: once they are sent, or at once."),
                        notDelivered, peers);
            }
            if (answer == CutOffQuestion::Answer::Cancel)
                return false;
            if (answer == CutOffQuestion::Answer::SendFirst) {
                m_quit = Quit::Sending;
                m_timer.start();
                tick();
                return false;
            }
            for (SessionTab *tab : allTabs())
                tab->cutOffSending();
        }
        startDraining();
        break;
    case Quit::Sending:
        for (SessionTab *tab : allTabs())
            tab->cutOffSending();
        startDraining();
        break;
    case Quit::Draining:
        if (const qsizetype left = readNotLogged(); left != 0) {
            const QString message =
                    tr("Quit at once: %n datagrams or TCP chunks that were read were not logged or "
                       "recorded.",
                       nullptr, plural(left));
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
    return true;
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
                                 "cut them off.")
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
                                 nullptr, plural(left)));
            return;
        }
        m_timer.stop();
        m_quit = Quit::Drained;
        Q_EMIT readyToQuit();
        return;
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
        if (closing.tab->bytesToSend() != 0)
            continue;
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
