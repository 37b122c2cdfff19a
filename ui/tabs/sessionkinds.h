#pragma once

#include "config/commandline.h"
#include "tabs/sessiontab.h"

#include <QKeySequence>
#include <QList>
#include <QString>

#include <functional>

// The kinds of session the window can open, one row each. MainWindow, the command line and
// the settings know a kind only through its row: adding a kind is its session class, its tab
// class, one row here, and their tests (docs/ARCHITECTURE.md).
struct SessionKind
{
    QString key; // "udp": names the kind in code and tests
    // Translated once the window exists, in the "SessionKind" context (QT_TRANSLATE_NOOP).
    const char *displayName; // "TCP Client": the first tab's name; more are "TCP Client 2", …
    const char *showAction; // "TCP &Client": Sessions menu, shows the first tab of the kind
    const char *newAction; // "New TCP C&lient Session": opens one more
    QString settingsGroup; // where its fields, composer and log choices are kept: "tcpClient"
    QKeySequence showShortcut; // Ctrl+2
    QKeySequence newShortcut; // Ctrl+Shift+2
    // The command line's sessions start in this order, lowest first: a server listens before
    // a client connects to it. The first kind whose options were given is the tab shown.
    int launchOrder = 0;
    QList<EndpointOption> commandLine; // the options that open a session of this kind
    std::function<SessionTab *(const SessionTab::Context &context, QWidget *parent)> createTab;
    // How the command line applies to the kind's first tab: false when none of its options
    // was given; true when one was and the tab went to open its session (whether or not that
    // worked: a failure is a row in its log), so that the window shows that tab.
    std::function<bool(SessionTab &tab, const LaunchOptions &options)> launch;

    QString name() const; // displayName, translated
    // Whether this kind's command-line options apply before `other`'s (launchOrder).
    bool launchesBefore(const SessionKind &other) const { return launchOrder < other.launchOrder; }
};

namespace SessionKinds {

// UDP, TCP Client and TCP Server, in the order of their tabs.
QList<SessionKind> builtIn();

// Every kind's command-line options, for CommandLine, in the order the kinds open.
QList<EndpointOption> commandLineOptions(QList<SessionKind> kinds);

} // namespace SessionKinds
