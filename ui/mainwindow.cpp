#include "mainwindow.h"

#include "commandline.h"
#include "logview.h"
#include "messagecomposer.h"
#include "sessionlog.h"
#include "udptab.h"

#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QFileDialog>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QStatusBar>
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
    m_udpTab = new UdpTab(m_settings, &m_recorder, m_tabs);
    connect(&m_recorder, &Recorder::errorOccurred, this, [this](const QString &message) {
        if (SessionTab *tab = currentTab())
            tab->sessionLog()->addEvent(Direction::Error, message);
    });
    addSessionTab(m_udpTab, tr("UDP"), QKeySequence(Qt::CTRL | Qt::Key_1));
    if (!options.logFile.isEmpty())
        startRecording(options.logFile);
    // Sessions open only after recording started, so the file has the whole story.
    m_udpTab->applyLaunchOptions(options);

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

    m_sessionsMenu = menuBar()->addMenu(tr("&Sessions"));

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About Sockscope"), this, &MainWindow::showAbout);
}

void MainWindow::addSessionTab(SessionTab *tab, const QString &title, const QKeySequence &shortcut)
{
    m_tabs->addTab(tab, title);
    connect(tab, &SessionTab::statusChanged, this, [this, tab] {
        if (tab == currentTab())
            updateStatus();
    });
    QAction *go = m_sessionsMenu->addAction(title, this, [this, tab] { showTab(tab); });
    go->setShortcut(shortcut);
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
    if (SessionTab *tab = currentTab())
        m_statusLabel->setText(tab->statusText());
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
                          "<p>See sockets work: UDP peers with a live, exact log of every "
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
