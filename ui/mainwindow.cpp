#include "mainwindow.h"

#include "compose/messagecomposer.h"
#include "config/commandline.h"
#include "dialogs/codedialog.h"
#include "dialogs/lessondialog.h"
#include "dialogs/preferencesdialog.h"
#include "log/logview.h"
#include "log/sessionlog.h"
#include "logsavecontrol.h"
#include "recordingcontrol.h"
#include "sessioncloser.h"
#include "tabs/sessiontab.h"
#include "windowplacement.h"

#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QLabel>
#include <QStatusBar>
#include <QTabBar>
#include <QTabWidget>

#include <algorithm>

MainWindow::MainWindow(const LaunchOptions &options, const QList<SessionKind> &kinds,
                       QWidget *parent)
    : QMainWindow(parent)
    , m_tabs(new QTabWidget(this))
    , m_statusLabel(new QLabel(this))
    , m_recordingLabel(new QLabel(this))
    , m_recording(new RecordingControl(m_recorder, m_settings, this))
    , m_closer(new SessionCloser(this, [this] { return sessionTabs(); }))
    , m_logSaver(new LogSaveControl(m_settings, this))
{
    for (const SessionKind &row : kinds)
        m_kinds.push_back(Kind { row });
    setWindowTitle(tr("Sockscope"));
    m_tabs->setObjectName(QStringLiteral("sessionTabs"));
    m_tabs->setDocumentMode(true);
    setCentralWidget(m_tabs);
    m_statusLabel->setObjectName(QStringLiteral("statusLabel"));
    m_recordingLabel->setObjectName(QStringLiteral("recordingLabel"));
    statusBar()->addWidget(m_statusLabel, 1);
    statusBar()->addPermanentWidget(m_recordingLabel);
    createMenus();

    connect(&m_recorder, &Recorder::recordingChanged, this, &MainWindow::updateRecordingStatus);
    connect(m_recording, &RecordingControl::logged, this,
            [this](Direction direction, const QString &message) {
                if (SessionTab *tab = currentTab())
                    tab->sessionLog()->addEvent(direction, message);
            });
    connect(m_closer, &SessionCloser::progressed, this,
            [this](const QString &message) { statusBar()->showMessage(message); });
    // Queued: it may come from within a close, which Qt would not repeat.
    connect(m_closer, &SessionCloser::readyToQuit, this, &QWidget::close, Qt::QueuedConnection);
    connect(m_closer, &SessionCloser::cutShort, this, [this](const QString &message) {
        if (SessionTab *tab = currentTab())
            tab->sessionLog()->addEvent(Direction::Error, message);
    });
    connect(&m_recorder, &Recorder::holdingStarted, this, &MainWindow::updateRecordingStatus);
    connect(m_logSaver, &LogSaveControl::progressed, this,
            [this](const QString &message) { statusBar()->showMessage(message, 10'000); });
    openFirstSessions();
    restoreSessions();
    if (!options.logFile.isEmpty())
        m_recording->start(options.logFile);
    // Sessions open only after recording started, so the file has the whole story.
    launch(options);
    if (!options.lesson.isEmpty()) {
        const QString lesson = options.lesson;
        QMetaObject::invokeMethod(this, [this, lesson] { showLessons(lesson); },
                                  Qt::QueuedConnection); // beside the window, once it shows
    }

    m_tabs->setTabsClosable(true);
    for (const Kind &kind : m_kinds) // the first of each kind stays
        m_tabs->tabBar()->setTabButton(m_tabs->indexOf(kind.first), QTabBar::RightSide, nullptr);
    connect(m_tabs, &QTabWidget::tabCloseRequested, this, &MainWindow::closeSession);
    connect(m_tabs, &QTabWidget::currentChanged, this, &MainWindow::updateStatus);
    WindowPlacement::restore(*this, m_settings.windowPlace());
    restoreState(m_settings.windowState());
    updateStatus();
    updateRecordingStatus();
}

MainWindow::~MainWindow() = default;

LessonDialog *MainWindow::showLessons(const QString &name)
{
    if (!m_lessonDialog) {
        m_lessonDialog = new LessonDialog(
                [this](const QString &kind) {
                    SessionTab *tab = firstTab(kind);
                    showTab(tab);
                    return tab;
                },
                this);
    }
    m_lessonDialog->show();
    m_lessonDialog->raise();
    if (!name.isEmpty())
        m_lessonDialog->start(name);
    return m_lessonDialog;
}

void MainWindow::showCode()
{
    if (!m_codeDialog) {
        m_codeDialog = new CodeDialog(m_settings, this);
        connect(m_tabs, &QTabWidget::currentChanged, m_codeDialog,
                [this] { m_codeDialog->setTab(currentTab()); });
    }
    m_codeDialog->setTab(currentTab());
    m_codeDialog->show();
    m_codeDialog->raise();
    m_codeDialog->activateWindow();
}

void MainWindow::openFirstSessions()
{
    for (Kind &kind : m_kinds) {
        kind.first = createSession(kind);
        m_tabs->addTab(kind.first, kind.first->title());
    }
}

// The extra sessions open at the last quit come back, each with its own settings, in the same
// order and with the same names, but none opens by itself: only the command line does that.
void MainWindow::restoreSessions()
{
    for (const Settings::OpenSession &saved : m_settings.openSessions()) {
        if (Kind *kind = find(m_kinds, saved.kind)) {
            SessionTab *tab = createSession(*kind, saved.number);
            m_tabs->addTab(tab, tab->title());
        }
    }
}

void MainWindow::saveOpenSessions()
{
    QList<Settings::OpenSession> open;
    for (SessionTab *tab : sessionTabs()) {
        if (const auto extra = m_extraSessions.constFind(tab); extra != m_extraSessions.cend())
            open.append(*extra);
    }
    m_settings.setOpenSessions(open);
}

// Each kind takes the options meant for it, in launch order (a server listens before a client
// connects to it); the first session they open is the tab shown.
void MainWindow::launch(const LaunchOptions &options)
{
    std::vector<const Kind *> order;
    for (const Kind &kind : m_kinds)
        order.push_back(&kind);
    std::stable_sort(order.begin(), order.end(),
                     [](const Kind *a, const Kind *b) { return a->row.launchesBefore(b->row); });
    SessionTab *shown = nullptr;
    for (const Kind *kind : order) {
        if (kind->row.launch && kind->row.launch(*kind->first, options) && !shown)
            shown = kind->first;
    }
    if (shown)
        m_tabs->setCurrentWidget(shown);
}

// The kind whose row has `key`, in `kinds` (const or not); null for a key no row has.
template<typename Kinds>
auto MainWindow::find(Kinds &kinds, const QString &key) -> decltype(&kinds.front())
{
    const auto it = std::find_if(kinds.begin(), kinds.end(),
                                 [&key](const Kind &kind) { return kind.row.key == key; });
    return it == kinds.end() ? nullptr : &*it;
}

SessionTab *MainWindow::firstTab(const QString &kindKey) const
{
    const Kind *found = find(m_kinds, kindKey);
    return found ? found->first : nullptr;
}

// "TCP Client" for the first session of its kind, then "TCP Client 2", and so on (`number`, or
// the next one); each keeps its settings under a group of its own.
SessionTab *MainWindow::createSession(Kind &kind, int number)
{
    if (number <= 0)
        number = kind.opened + 1;
    kind.opened = std::max(kind.opened, number);
    const QString name = number == 1
            ? kind.row.name()
            : tr("%1 %2").arg(kind.row.name(), QString::number(number));
    const QString group = Settings::sessionGroup(kind.row.settingsGroup, number);
    SessionTab *tab = kind.row.createTab(
            SessionTab::Context { m_settings, &m_recorder, name, group }, m_tabs);
    if (number > 1)
        m_extraSessions.insert(tab, Settings::OpenSession { kind.row.key, number });
    connect(tab, &SessionTab::statusChanged, this, [this, tab] {
        m_tabs->setTabText(m_tabs->indexOf(tab), tab->title());
        if (tab == currentTab())
            updateStatus();
    });
    for (const auto changed : { &LogView::chatViewChanged, &LogView::diagramViewChanged,
                                &LogView::socketCallsShownChanged }) {
        connect(tab->logView(), changed, this, [this, tab] {
            if (tab == currentTab())
                updateStatus();
        });
    }
    connect(tab, &SessionTab::kernelViewShownChanged, this, [this, tab] {
        if (tab == currentTab())
            updateStatus();
    });
    return tab;
}

SessionTab *MainWindow::openSession(const QString &kindKey)
{
    Kind *opening = find(m_kinds, kindKey);
    if (!opening)
        return nullptr;
    // A new session starts with the first one's choices, and keeps its own from then on.
    m_settings.copySession(opening->row.settingsGroup,
                           Settings::sessionGroup(opening->row.settingsGroup, opening->opened + 1));
    SessionTab *tab = createSession(*opening);
    tab->offerFreePorts();
    m_tabs->addTab(tab, tab->title());
    showTab(tab);
    saveOpenSessions();
    return tab;
}

bool MainWindow::isFirstTab(const SessionTab *tab) const
{
    return std::any_of(m_kinds.cbegin(), m_kinds.cend(),
                       [tab](const Kind &kind) { return kind.first == tab; });
}

// The first session of each kind stays, so that its shortcut always has a tab to go to.
void MainWindow::closeSession(int index)
{
    auto *tab = qobject_cast<SessionTab *>(m_tabs->widget(index));
    if (!tab || isFirstTab(tab))
        return;
    if (!m_closer->closeTab(tab))
        return;
    m_tabs->removeTab(m_tabs->indexOf(tab)); // the question may have let tabs move
    // A closed session is forgotten: it does not come back, nor its choices.
    const Settings::OpenSession session = m_extraSessions.take(tab);
    m_settings.removeSession(Settings::sessionGroup(find(m_kinds, session.kind)->row.settingsGroup,
                                                    session.number));
    saveOpenSessions();
}

SessionTab *MainWindow::currentTab() const
{
    return qobject_cast<SessionTab *>(m_tabs->currentWidget());
}

void MainWindow::showTab(SessionTab *tab)
{
    if (!tab)
        return;
    m_tabs->setCurrentWidget(tab);
    tab->composer()->focusInput();
}

void MainWindow::updateStatus()
{
    SessionTab *tab = currentTab();
    if (tab)
        m_statusLabel->setText(tab->statusText());
    m_closeSessionAction->setEnabled(tab && !isFirstTab(tab));
    m_chatViewAction->setChecked(tab && tab->logView()->isChatView());
    m_diagramViewAction->setChecked(tab && tab->logView()->isDiagramView());
    m_exportDiagramAction->setEnabled(tab && tab->logView()->isDiagramView());
    m_socketCallsAction->setChecked(tab && tab->logView()->showsSocketCalls());
    m_kernelViewAction->setChecked(tab && tab->showsKernelView());
}

void MainWindow::updateRecordingStatus()
{
    const bool recording = m_recorder.isRecording();
    m_stopRecordingAction->setEnabled(recording);
    const QString path = QDir::toNativeSeparators(m_recorder.path());
    m_recordingLabel->setText(!recording ? tr("Not recording")
                                      : m_recorder.isHolding()
                                      ? tr("Recording to %1 failed: entries wait").arg(path)
                                      : tr("Recording to %1").arg(path));
}

void MainWindow::showPreferences()
{
    PreferencesDialog dialog(this);
    dialog.setObjectName(QStringLiteral("preferencesDialog"));
    dialog.setLogLimits(m_settings.logLimits());
    if (dialog.exec() != QDialog::Accepted)
        return;
    const Settings::LogLimits limits = dialog.logLimits();
    m_settings.setLogLimits(limits);
    for (SessionTab *tab : sessionTabs())
        tab->setLogLimits(limits);
}

QList<SessionTab *> MainWindow::sessionTabs() const
{
    QList<SessionTab *> tabs;
    for (int i = 0; i < m_tabs->count(); ++i) {
        if (auto *tab = qobject_cast<SessionTab *>(m_tabs->widget(i)))
            tabs << tab;
    }
    return tabs;
}

// Quitting (closing the window, Ctrl+Q, SIGTERM, SIGINT) loses nothing: SessionCloser says
// when the window may go. Closing again goes on at once.
void MainWindow::closeEvent(QCloseEvent *event)
{
    if (!m_closer->isQuitting()) {
        for (SessionTab *tab : sessionTabs())
            tab->saveSettings();
        saveOpenSessions();
        m_settings.setWindowPlace(WindowPlacement::place(*this));
        m_settings.setWindowState(saveState());
    }
    const auto cause = m_terminating ? SessionCloser::Cause::Termination
                                     : SessionCloser::Cause::User;
    if (!m_closer->mayQuit(cause)) {
        event->ignore();
        return;
    }
    if (!m_recorder.flush())
        m_recorder.stop(); // says why on stderr too: the window is going
    event->accept();
}

void MainWindow::terminate()
{
    m_terminating = true;
    if (m_closer->isAsking())
        m_closer->interrupt(); // the close under way goes on
    else
        close();
}
