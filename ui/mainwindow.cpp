#include "mainwindow.h"

#include "commandline.h"
#include "logview.h"
#include "messagecomposer.h"
#include "sessionlog.h"
#include "tcpclienttab.h"
#include "tcpservertab.h"
#include "udptab.h"

#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QFileDialog>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QStatusBar>
#include <QTabBar>
#include <QTabWidget>

MainWindow::MainWindow(const LaunchOptions &options, QWidget *parent)
    : QMainWindow(parent)
    , m_tabs(new QTabWidget(this))
    , m_statusLabel(new QLabel(this))
    , m_recordingLabel(new QLabel(this))
{
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
    m_udpTab = static_cast<UdpTab *>(createSession(Kind::Udp, kindName(Kind::Udp)));
    m_tcpClientTab = static_cast<TcpClientTab *>(
            createSession(Kind::TcpClient, kindName(Kind::TcpClient)));
    m_tcpServerTab = static_cast<TcpServerTab *>(
            createSession(Kind::TcpServer, kindName(Kind::TcpServer)));
    for (SessionTab *tab : { static_cast<SessionTab *>(m_udpTab),
                             static_cast<SessionTab *>(m_tcpClientTab),
                             static_cast<SessionTab *>(m_tcpServerTab) })
        addSessionTab(tab);
    if (!options.logFile.isEmpty())
        startRecording(options.logFile);
    // Sessions open only after recording started, so the file has the whole story. The server
    // listens before the client connects, so --tcp-server and --tcp-client can meet.
    m_udpTab->applyLaunchOptions(options);
    m_tcpServerTab->applyLaunchOptions(options);
    m_tcpClientTab->applyLaunchOptions(options);
    if (options.tcpClient)
        m_tabs->setCurrentWidget(m_tcpClientTab);
    if (options.tcpServer)
        m_tabs->setCurrentWidget(m_tcpServerTab);
    if (options.udpBind)
        m_tabs->setCurrentWidget(m_udpTab);

    m_tabs->setTabsClosable(true);
    for (int i = 0; i < m_tabs->count(); ++i) // the first three stay
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

    m_sessionsMenu = menuBar()->addMenu(tr("&Sessions"));
    m_sessionsMenu->addAction(tr("&UDP"), QKeySequence(Qt::CTRL | Qt::Key_1), this,
                              [this] { showTab(m_udpTab); });
    m_sessionsMenu->addAction(tr("TCP &Client"), QKeySequence(Qt::CTRL | Qt::Key_2), this,
                              [this] { showTab(m_tcpClientTab); });
    m_sessionsMenu->addAction(tr("TCP &Server"), QKeySequence(Qt::CTRL | Qt::Key_3), this,
                              [this] { showTab(m_tcpServerTab); });
    m_sessionsMenu->addSeparator();
    m_sessionsMenu->addAction(tr("New U&DP Session"),
                              QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_1), this,
                              [this] { openSession(Kind::Udp); });
    m_sessionsMenu->addAction(tr("New TCP C&lient Session"),
                              QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_2), this,
                              [this] { openSession(Kind::TcpClient); });
    m_sessionsMenu->addAction(tr("New TCP Se&rver Session"),
                              QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_3), this,
                              [this] { openSession(Kind::TcpServer); });
    m_sessionsMenu->addSeparator();
    m_closeSessionAction = m_sessionsMenu->addAction(
            tr("Cl&ose Session"), QKeySequence(Qt::CTRL | Qt::Key_W), this,
            [this] { closeSession(m_tabs->currentIndex()); });

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About Sockscope"), this, &MainWindow::showAbout);
}

SessionTab *MainWindow::createSession(Kind kind, const QString &name)
{
    switch (kind) {
    case Kind::Udp: return new UdpTab(m_settings, &m_recorder, name, m_tabs);
    case Kind::TcpClient: return new TcpClientTab(m_settings, &m_recorder, name, m_tabs);
    case Kind::TcpServer: return new TcpServerTab(m_settings, &m_recorder, name, m_tabs);
    }
    return nullptr;
}

void MainWindow::addSessionTab(SessionTab *tab)
{
    m_tabs->addTab(tab, tab->title());
    connect(tab, &SessionTab::statusChanged, this, [this, tab] {
        m_tabs->setTabText(m_tabs->indexOf(tab), tab->title());
        if (tab == currentTab())
            updateStatus();
    });
    connect(tab->logView(), &LogView::chatViewChanged, this, [this, tab] {
        if (tab == currentTab())
            updateStatus();
    });
}

QString MainWindow::kindName(Kind kind)
{
    switch (kind) {
    case Kind::Udp: return tr("UDP");
    case Kind::TcpClient: return tr("TCP Client");
    case Kind::TcpServer: return tr("TCP Server");
    }
    return {};
}

SessionTab *MainWindow::openSession(Kind kind)
{
    const int number = ++m_sessionCount[int(kind)];
    SessionTab *tab = createSession(kind, tr("%1 %2").arg(kindName(kind)).arg(number));
    addSessionTab(tab);
    showTab(tab);
    return tab;
}

// The first session of each kind stays, so that Ctrl+1/2/3 always have a tab to go to.
void MainWindow::closeSession(int index)
{
    auto *tab = qobject_cast<SessionTab *>(m_tabs->widget(index));
    if (!tab || tab == m_udpTab || tab == m_tcpClientTab || tab == m_tcpServerTab)
        return;
    tab->saveSettings();
    m_tabs->removeTab(index);
    tab->deleteLater();
}

SessionTab *MainWindow::currentTab() const
{
    return qobject_cast<SessionTab *>(m_tabs->currentWidget());
}

void MainWindow::showTab(SessionTab *tab)
{
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
    if (!m_recorder.start(path))
        return; // the recorder's errorOccurred put the reason in the log
    if (SessionTab *tab = currentTab()) {
        tab->sessionLog()->addEvent(Direction::Info,
                                    tr("Recording every log entry to %1 (JSON Lines, appended).")
                                            .arg(QDir::toNativeSeparators(path)));
    }
}

void MainWindow::updateStatus()
{
    SessionTab *tab = currentTab();
    if (tab)
        m_statusLabel->setText(tab->statusText());
    m_closeSessionAction->setEnabled(tab && tab != m_udpTab && tab != m_tcpClientTab
                                     && tab != m_tcpServerTab);
    m_chatViewAction->setChecked(tab && tab->logView()->isChatView());
}

void MainWindow::updateRecordingStatus()
{
    const bool recording = m_recorder.isRecording();
    m_stopRecordingAction->setEnabled(recording);
    m_recordingLabel->setText(recording ? tr("Recording to %1")
                                                  .arg(QDir::toNativeSeparators(m_recorder.path()))
                                        : tr("Not recording"));
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

void MainWindow::closeEvent(QCloseEvent *event)
{
    for (int i = 0; i < m_tabs->count(); ++i) {
        if (auto *tab = qobject_cast<SessionTab *>(m_tabs->widget(i)))
            tab->saveSettings();
    }
    m_settings.setWindowGeometry(saveGeometry());
    m_settings.setWindowState(saveState());
    m_recorder.flush();
    event->accept();
}
