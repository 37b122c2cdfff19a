#include "mainwindow.h"

#include "compose/messagecomposer.h"
#include "config/commandline.h"
#include "dialogs/preferencesdialog.h"
#include "log/logview.h"
#include "log/sessionlog.h"
#include "sessioncloser.h"
#include "tabs/sessiontab.h"

#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QStatusBar>
#include <QTabBar>
#include <QTabWidget>

#include <algorithm>
#include <climits>
#include <cstdio>

MainWindow::MainWindow(const LaunchOptions &options, const QList<SessionKind> &kinds,
                       QWidget *parent)
    : QMainWindow(parent)
    , m_tabs(new QTabWidget(this))
    , m_statusLabel(new QLabel(this))
    , m_recordingLabel(new QLabel(this))
    , m_closer(new SessionCloser(this, [this] { return sessionTabs(); }))
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
    connect(&m_recorder, &Recorder::errorOccurred, this, [this](const QString &message) {
        if (SessionTab *tab = currentTab())
            tab->sessionLog()->addEvent(Direction::Error, message);
    });
    connect(m_closer, &SessionCloser::progressed, this,
            [this](const QString &message) { statusBar()->showMessage(message); });
    connect(m_closer, &SessionCloser::readyToQuit, this, &QWidget::close);
    connect(m_closer, &SessionCloser::cutShort, this, [this](const QString &message) {
        if (SessionTab *tab = currentTab())
            tab->sessionLog()->addEvent(Direction::Error, message);
    });
    connect(&m_recorder, &Recorder::holdingStarted, this, [this](const QString &message) {
        if (SessionTab *tab = currentTab())
            tab->sessionLog()->addEvent(Direction::Error, message);
        updateRecordingStatus();
        askWhereRecordingContinues();
    });
    openFirstSessions();
    if (!options.logFile.isEmpty())
        startRecording(options.logFile);
    // Sessions open only after recording started, so the file has the whole story.
    launch(options);

    m_tabs->setTabsClosable(true);
    for (int i = 0; i < m_tabs->count(); ++i) // the first of each kind stays
        m_tabs->tabBar()->setTabButton(i, QTabBar::RightSide, nullptr);
    connect(m_tabs, &QTabWidget::tabCloseRequested, this, &MainWindow::closeSession);
    connect(m_tabs, &QTabWidget::currentChanged, this, &MainWindow::updateStatus);
    resize(1100, 720);
    restoreGeometry(m_settings.windowGeometry());
    restoreState(m_settings.windowState());
    updateStatus();
    updateRecordingStatus();
}

MainWindow::~MainWindow() = default;

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&Record to File…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R), this,
                    &MainWindow::chooseRecordingFile);
    m_stopRecordingAction = file->addAction(tr("&Stop Recording"), &m_recorder, &Recorder::stop);
    file->addSeparator();
    file->addAction(tr("&Preferences…"), QKeySequence::Preferences, this,
                    &MainWindow::showPreferences);
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

    QMenu *log = menuBar()->addMenu(tr("&Log"));
    log->addAction(tr("&Clear"), QKeySequence(Qt::CTRL | Qt::Key_L), this, [this] {
        if (SessionTab *tab = currentTab())
            tab->logView()->clear();
    });
    log->addAction(tr("&Filter…"), QKeySequence::Find, this, [this] {
        if (SessionTab *tab = currentTab())
            tab->logView()->focusFilter();
    });
    m_chatViewAction = log->addAction(tr("Show as C&hat"), QKeySequence(Qt::CTRL | Qt::Key_T),
                                      this, [this](bool chat) {
                                          if (SessionTab *tab = currentTab())
                                              tab->logView()->setChatView(chat);
                                      });
    m_chatViewAction->setCheckable(true);

    createSessionsMenu();

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About Sockscope"), this, &MainWindow::showAbout);
}

// One entry per kind to show its first tab, one per kind to open another, and Close.
void MainWindow::createSessionsMenu()
{
    m_sessionsMenu = menuBar()->addMenu(tr("&Sessions"));
    for (const Kind &kind : m_kinds) {
        const QString key = kind.row.key;
        m_sessionsMenu->addAction(QCoreApplication::translate("SessionKind", kind.row.showAction),
                                  kind.row.showShortcut, this,
                                  [this, key] { showTab(firstTab(key)); });
    }
    m_sessionsMenu->addSeparator();
    for (const Kind &kind : m_kinds) {
        const QString key = kind.row.key;
        m_sessionsMenu->addAction(QCoreApplication::translate("SessionKind", kind.row.newAction),
                                  kind.row.newShortcut, this, [this, key] { openSession(key); });
    }
    m_sessionsMenu->addSeparator();
    m_closeSessionAction = m_sessionsMenu->addAction(
            tr("Cl&ose Session"), QKeySequence(Qt::CTRL | Qt::Key_W), this,
            [this] { closeSession(m_tabs->currentIndex()); });
}

void MainWindow::openFirstSessions()
{
    for (Kind &kind : m_kinds) {
        kind.first = createSession(kind);
        m_tabs->addTab(kind.first, kind.first->title());
    }
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

// "TCP Client" for the first session of its kind, then "TCP Client 2", and so on.
SessionTab *MainWindow::createSession(Kind &kind)
{
    const int number = ++kind.opened;
    const QString name = number == 1 ? kind.row.name() : tr("%1 %2").arg(kind.row.name()).arg(number);
    SessionTab *tab = kind.row.createTab(
            SessionTab::Context { m_settings, &m_recorder, name, kind.row.settingsGroup }, m_tabs);
    connect(tab, &SessionTab::statusChanged, this, [this, tab] {
        m_tabs->setTabText(m_tabs->indexOf(tab), tab->title());
        if (tab == currentTab())
            updateStatus();
    });
    connect(tab->logView(), &LogView::chatViewChanged, this, [this, tab] {
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
    SessionTab *tab = createSession(*opening);
    m_tabs->addTab(tab, tab->title());
    showTab(tab);
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
    tab->saveSettings();
    if (m_closer->closeTab(tab))
        m_tabs->removeTab(m_tabs->indexOf(tab)); // the question may have let tabs move
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

void MainWindow::chooseRecordingFile()
{
    QString suggested = m_settings.recordingPath();
    if (suggested.isEmpty())
        suggested = QDir::home().filePath(QStringLiteral("sockscope-log.jsonl"));
    // A modal dialog is right here: the user must decide where the file goes.
    const QString path = QFileDialog::getSaveFileName(
            this, tr("Record Every Log Entry to File"), suggested,
            tr("JSON Lines (*.jsonl);;All files (*)"), nullptr, QFileDialog::DontConfirmOverwrite);
    if (path.isEmpty())
        return;
    m_settings.setRecordingPath(path);
    startRecording(path);
}

void MainWindow::startRecording(const QString &path)
{
    if (m_recorder.isHolding()) { // after a failed write: what waits goes there first
        continueRecordingIn(path);
        return;
    }
    if (!m_recorder.start(path))
        return; // the recorder's errorOccurred put the reason in the log
    if (SessionTab *tab = currentTab()) {
        tab->sessionLog()->addEvent(Direction::Info,
                                    tr("Recording every log entry to %1 (JSON Lines, appended).")
                                            .arg(QDir::toNativeSeparators(path)));
    }
}

// A write of the recording failed, and what was not written waits: the user decides where it
// goes. The question does not block the window (the sessions go on meanwhile); the menu's
// Record to File… and Stop Recording answer it too.
void MainWindow::askWhereRecordingContinues()
{
    if (m_recordingQuestion)
        return;
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Recording Failed"),
                                m_recorder.errorString(), QMessageBox::NoButton, this);
    box->setObjectName(QStringLiteral("recordingFailedBox"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    QPushButton *another = box->addButton(tr("Continue in Another File…"),
                                          QMessageBox::AcceptRole);
    another->setObjectName(QStringLiteral("continueInAnotherFile"));
    QPushButton *stop = box->addButton(tr("Stop Recording"), QMessageBox::DestructiveRole);
    stop->setObjectName(QStringLiteral("stopRecording"));
    box->setDefaultButton(another);
    connect(another, &QPushButton::clicked, this, &MainWindow::chooseFileToContinueIn);
    connect(stop, &QPushButton::clicked, &m_recorder, &Recorder::stop);
    m_recordingQuestion = box;
    box->setWindowModality(Qt::NonModal); // the window goes on; its menu answers too
    box->show();
}

// A modal file dialog is right here, as for Record to File…; cancelled, the question comes back.
void MainWindow::chooseFileToContinueIn()
{
    auto *dialog = new QFileDialog(this, tr("Continue the Recording in File"),
                                   QFileInfo(m_recorder.path()).dir().path(),
                                   tr("JSON Lines (*.jsonl);;All files (*)"));
    dialog->setObjectName(QStringLiteral("continueRecordingDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setOption(QFileDialog::DontConfirmOverwrite); // it is appended to
    connect(dialog, &QFileDialog::fileSelected, this, &MainWindow::continueRecordingIn);
    connect(dialog, &QFileDialog::rejected, this, [this] {
        if (m_recorder.isHolding())
            askWhereRecordingContinues();
    });
    dialog->open();
}

void MainWindow::continueRecordingIn(const QString &path)
{
    if (!m_recorder.isHolding()) // answered meanwhile, from the menu
        return;
    if (!m_recorder.continueIn(path)) {
        askWhereRecordingContinues(); // errorOccurred logged why, and the question says it
        return;
    }
    m_settings.setRecordingPath(path);
    SessionTab *tab = currentTab();
    if (!tab)
        return;
    const quint64 lost = m_recorder.notRecordedInLastHold();
    tab->sessionLog()->addEvent(
            lost == 0 ? Direction::Info : Direction::Error,
            lost == 0 ? tr("Recording continues in %1, from the first entry that was not written: "
                           "nothing was lost.")
                                .arg(QDir::toNativeSeparators(path))
                      : tr("Recording continues in %1, from the first entry that was not written. "
                           "Entries not recorded while it waited: %n (there was no more room).",
                           nullptr, int(std::min<quint64>(lost, INT_MAX)))
                                .arg(QDir::toNativeSeparators(path)));
}

void MainWindow::updateStatus()
{
    SessionTab *tab = currentTab();
    if (tab)
        m_statusLabel->setText(tab->statusText());
    m_closeSessionAction->setEnabled(tab && !isFirstTab(tab));
    m_chatViewAction->setChecked(tab && tab->logView()->isChatView());
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
    if (m_recordingQuestion && !m_recorder.isHolding())
        m_recordingQuestion->close(); // answered from the menu
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

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About Sockscope"),
                       tr("<h3>Sockscope %1</h3>"
                          "<p>See sockets work: UDP and TCP peers with a live, exact log of every "
                          "message, its time to the millisecond, its peer and its bytes.</p>"
                          "<p>Built with Qt %2.</p>")
                               .arg(QCoreApplication::applicationVersion(),
                                    QString::fromLatin1(qVersion())));
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
        m_settings.setWindowGeometry(saveGeometry());
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
    close();
}
