// MainWindow's menus: File, Log, Sessions (with the switch of the kernel's view beside the
// tabs) and Help, each action wired to the current tab or to the window.
#include "mainwindow.h"

#include "helpmenu.h"
#include "log/logview.h"
#include "logsavecontrol.h"
#include "recordingcontrol.h"
#include "tabs/sessiontab.h"

#include <QCoreApplication>
#include <QMenuBar>
#include <QTabWidget>
#include <QToolButton>

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&Record to File…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R),
                    m_recording, &RecordingControl::chooseFile)
        ->setObjectName(QStringLiteral("recordAction"));
    m_stopRecordingAction = file->addAction(tr("&Stop Recording"), &m_recorder, &Recorder::stop);
    file->addAction(tr("Save &Log As…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S), this,
                    [this] { m_logSaver->chooseFile(currentTab()); })
        ->setObjectName(QStringLiteral("saveLogAction"));
    file->addSeparator();
    file->addAction(tr("&Preferences…"), QKeySequence::Preferences, this,
                    &MainWindow::showPreferences);
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

    createLogMenu();
    createSessionsMenu();

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&Lessons…"), this, [this] { showLessons(); })
        ->setObjectName(QStringLiteral("lessonsAction"));
    new HelpMenu(help, this);
}

// Log: the current tab's log, its views and the diagram's export.
void MainWindow::createLogMenu()
{
    QMenu *log = menuBar()->addMenu(tr("&Log"));
    log->addAction(tr("&Clear"), QKeySequence(Qt::CTRL | Qt::Key_L), this, [this] {
        if (SessionTab *tab = currentTab())
            tab->logView()->clear();
    });
    log->addAction(tr("&Filter…"), QKeySequence::Find, this, [this] {
        if (SessionTab *tab = currentTab())
            tab->logView()->focusFilter();
    });
    m_chatViewAction = log->addAction(tr("Show as C&hat"), QKeySequence(Qt::CTRL | Qt::Key_T), this,
                                      [this](bool chat) {
                                          if (SessionTab *tab = currentTab())
                                              tab->logView()->setChatView(chat);
                                      });
    m_chatViewAction->setCheckable(true);
    m_diagramViewAction = log->addAction(tr("Show as &Diagram"), QKeySequence(Qt::CTRL | Qt::Key_D),
                                         this, [this](bool diagram) {
                                             if (SessionTab *tab = currentTab())
                                                 tab->logView()->setDiagramView(diagram);
                                         });
    m_diagramViewAction->setCheckable(true);
    m_exportDiagramAction = log->addAction(tr("&Export Diagram…"), this, [this] {
        SessionTab *tab = currentTab();
        if (!tab)
            return;
        // In the folder of the last export, this run or an earlier one.
        Settings::Group place = m_settings.group(QStringLiteral("exportDiagram"));
        const QString folder = tab->logView()->exportDiagram(place.text(u"folder"));
        if (!folder.isEmpty())
            place.setValue(u"folder", folder);
    });
    m_exportDiagramAction->setObjectName(QStringLiteral("exportDiagramAction"));
    m_socketCallsAction = log->addAction(
        tr("Show Soc&ket Calls"), QKeySequence(Qt::CTRL | Qt::Key_K), this, [this](bool shown) {
            if (SessionTab *tab = currentTab())
                tab->logView()->setShowsSocketCalls(shown);
        });
    m_socketCallsAction->setCheckable(true);
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
    m_closeSessionAction
        = m_sessionsMenu->addAction(tr("Cl&ose Session"), QKeySequence(Qt::CTRL | Qt::Key_W), this,
                                    [this] { closeSession(m_tabs->currentIndex()); });
    m_sessionsMenu->addSeparator();
    createKernelViewSwitch();
    m_sessionsMenu->addAction(tr("&Program Code…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C),
                              this, &MainWindow::showCode);
}

// Sessions → Show the Kernel's View, and a button for it beside the tabs, where there is always
// room: both switch the tab shown (SessionTab::showKernelView()) and show its choice.
void MainWindow::createKernelViewSwitch()
{
    m_kernelViewAction = m_sessionsMenu->addAction(tr("Show the &Kernel's View"),
                                                   QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_K),
                                                   this, [this](bool shown) {
                                                       if (SessionTab *tab = currentTab())
                                                           tab->showKernelView(shown);
                                                   });
    m_kernelViewAction->setObjectName(QStringLiteral("kernelViewAction"));
    m_kernelViewAction->setCheckable(true);
    m_kernelViewAction->setIconText(tr("Kernel's View"));
    m_kernelViewAction->setToolTip(
        tr("What the kernel knows about this tab's socket: a TCP connection's state, queues, "
           "round trip and windows, and its TIME_WAIT after close; a UDP socket's queue and "
           "dropped datagrams (Ctrl+Shift+K)"));
    auto *kernelButton = new QToolButton(m_tabs);
    kernelButton->setObjectName(QStringLiteral("kernelButton"));
    kernelButton->setDefaultAction(m_kernelViewAction);
    m_tabs->setCornerWidget(kernelButton, Qt::TopRightCorner);
}
