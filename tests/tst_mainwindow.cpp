#include "mainwindow.h"

#include "config/commandline.h"
#include "dialogs/codedialog.h"
#include "log/logfiltermodel.h"
#include "log/logmodel.h"
#include "log/logview.h"
#include "log/sequencediagram.h"
#include "log/sessionlog.h"
#include "net/tcpclientsession.h"
#include "net/tcpserversession.h"
#include "net/udpsession.h"
#include "tabs/tcpclienttab.h"
#include "tabs/tcpservertab.h"
#include "tabs/udptab.h"
#include "slowpeer.h"
#include "tabs/sessionkinds.h"
#include "tabtesthelpers.h"

#include <QApplication>
#include <QCheckBox>
#include <QDialog>
#include <QGroupBox>
#include <QTableView>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QMessageBox>
#include <QPushButton>
#include <QSpinBox>
#include <QTimer>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include "config/settings.h"
#include <QLabel>
#include <QMenuBar>
#include <QTextBrowser>
#include <QSettings>
#include <QStandardPaths>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTcpServer>
#include <QTcpSocket>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QToolButton>
#include <QUdpSocket>
#include <QTest>

#include <cerrno>

using namespace Qt::StringLiterals;

class tst_MainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void ctrl1FocusesTheComposer();
    void ctrl2AndCtrl3SelectTheTcpTabs_data();
    void ctrl2AndCtrl3SelectTheTcpTabs();
    void moreSessionsMakeAChatRoom();
    void tcpLaunchOptions();
    void theFirstGivenSessionIsShown();
    void ctrlFFocusesTheFilter();
    void ctrlLClearsTheLog();
    void ctrlTShowsTheLogAsChat();
    void ctrlKShowsTheSocketCalls_data();
    void ctrlKShowsTheSocketCalls();
    void socketCallsFromTheCommandLineAreRecorded();
    void ctrlShiftCShowsTheCurrentTabsCode();
    void launchOptionsOpenTheSession();
    void extraSessionsComeBack();
    void aClosedSessionIsForgotten();
    void aNewSessionStartsFromAFreePort();
    void restoredSessionsWaitBesideTheCommandLine();
    void saveLogAsSavesEveryRow_data();
    void saveLogAsSavesEveryRow();
    void recordToFileOffersANewName();
    void exportDiagramRemembersItsFolder();
    void keyboardShortcutsListTheRealOnes();
    void gettingStartedIsAPageOfItsOwn();
    void preferencesSetEveryLogsLimits();
    void failedRecordingContinuesInAnotherFile();
    void failedRecordingCanBeStopped();
    void quitLogsWhatWasReadFirst();
    void closingAgainQuitsAtOnce();
    void closedTabRecordsWhatItRead();
    void quitAsksBeforeCuttingOffASend_data();
    void quitAsksBeforeCuttingOffASend();
    void terminationCutsOffWithoutAsking();
    void terminationWhileAskingCutsOff();
    void sentWhileAskingQuitsAtOnce();
    void closingAgainWhileSendingCutsOff();
    void closingATabThatSendsAsks();
    void mnemonicsAreUnique();
    void tabLeavesTheLogTable();

private:
    std::unique_ptr<MainWindow> showWindow(const LaunchOptions &options = {});
};

void tst_MainWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QSettings().clear();
}

void tst_MainWindow::cleanup()
{
    QSettings().clear();
}

std::unique_ptr<MainWindow> tst_MainWindow::showWindow(const LaunchOptions &options)
{
    auto window = std::make_unique<MainWindow>(options);
    window->show();
    QApplication::setActiveWindow(window.get());
    if (!QTest::qWaitForWindowActive(window.get()))
        qWarning() << "window did not become active";
    return window;
}

void tst_MainWindow::ctrl1FocusesTheComposer()
{
    const auto window = showWindow();
    QTest::keyClick(window.get(), Qt::Key_1, Qt::ControlModifier);
    QTRY_COMPARE(QApplication::focusWidget() ? QApplication::focusWidget()->objectName() : QString(),
                 QStringLiteral("inputEdit"));
}

void tst_MainWindow::ctrl2AndCtrl3SelectTheTcpTabs_data()
{
    QTest::addColumn<int>("key");
    QTest::addColumn<QString>("tabTitle");
    QTest::newRow("Ctrl+2") << int(Qt::Key_2) << QStringLiteral("TCP Client");
    QTest::newRow("Ctrl+3") << int(Qt::Key_3) << QStringLiteral("TCP Server");
}

void tst_MainWindow::ctrl2AndCtrl3SelectTheTcpTabs()
{
    QFETCH(int, key);
    QFETCH(QString, tabTitle);
    const auto window = showWindow();
    auto *tabs = window->findChild<QTabWidget *>(QStringLiteral("sessionTabs"));
    QTest::keyClick(window.get(), Qt::Key(key), Qt::ControlModifier);
    QCOMPARE(tabs->tabText(tabs->currentIndex()), tabTitle);
    QTRY_COMPARE(QApplication::focusWidget() ? QApplication::focusWidget()->objectName() : QString(),
                 QStringLiteral("inputEdit"));
    QVERIFY(tabs->currentWidget()->isAncestorOf(QApplication::focusWidget()));
}

// A server and two clients in one window: what one client sends, the other receives.
void tst_MainWindow::moreSessionsMakeAChatRoom()
{
    const auto window = showWindow();
    auto *tabs = window->findChild<QTabWidget *>(QStringLiteral("sessionTabs"));
    TcpServerSession *server = window->firstTab<TcpServerTab>(QStringLiteral("tcpServer"))->session();
    server->setAutoReply(AutoReply::Relay);
    server->setAnnounces(false);
    QVERIFY(server->listen(QHostAddress(QHostAddress::LocalHost), 0));
    const quint16 port = server->localEndpoint().port;
    const int serverTab = tabs->indexOf(window->firstTab(QStringLiteral("tcpServer")));
    QTRY_COMPARE(tabs->tabText(serverTab), QStringLiteral("TCP Server :%1").arg(port));
    const int kinds = tabs->count();

    auto *second = qobject_cast<TcpClientTab *>(window->openSession(QStringLiteral("tcpClient")));
    QVERIFY(second);
    QCOMPARE(tabs->count(), kinds + 1);
    QCOMPARE(tabs->currentWidget(), second);
    QCOMPARE(second->sessionLog()->sessionName(), QStringLiteral("TCP Client 2"));

    TcpClientTab *first = window->firstTab<TcpClientTab>(QStringLiteral("tcpClient"));
    for (TcpClientTab *tab : std::initializer_list<TcpClientTab *> { first, second })
        tab->session()->connectToHost(QStringLiteral("127.0.0.1"), port);
    QTRY_COMPARE(server->clients().size(), 2);
    QTRY_VERIFY(first->session()->isConnected() && second->session()->isConnected());
    QTRY_COMPARE(tabs->tabText(tabs->indexOf(second)),
                 QStringLiteral("TCP Client 2 → 127.0.0.1:%1").arg(port));

    QSignalSpy heard(second->session()->connection(), &TcpConnection::received);
    QVERIFY(first->session()->send("hello room\n"));
    QVERIFY(heard.wait(10000));
    QCOMPARE(heard.constFirst().constFirst().toByteArray(), QByteArray("<user1> hello room\n"));

    // Shown as a chat, each client's tab has its own line on the right and the other's on
    // the left, headed by the server's address.
    for (TcpClientTab *tab : std::initializer_list<TcpClientTab *> { first, second }) {
        tab->logView()->setChatView(true);
        tabs->setCurrentWidget(tab);
        auto *chat = TabTest::child<QListView>(tab, "chatList");
        QTRY_VERIFY(chat->isVisible());
        tab->sessionLog()->model()->flush();
        const int last = chat->model()->rowCount() - 1;
        const ChatItemDelegate::Layout bubble = TabTest::chatLayout(chat, last);
        const bool sender = tab == first;
        QCOMPARE(bubble.side,
                 sender ? ChatItemDelegate::Side::Right : ChatItemDelegate::Side::Left);
        QCOMPARE(bubble.body, sender ? QStringLiteral("hello room")
                                     : QStringLiteral("<user1> hello room"));
        QVERIFY2(bubble.header.contains(QStringLiteral("127.0.0.1:%1").arg(port)),
                 qPrintable(bubble.header));
    }

    // Extra sessions close; their connection ends and the server sees it.
    window->closeSession(tabs->indexOf(second));
    QTRY_COMPARE(server->clients().size(), 1);
    QCOMPARE(tabs->count(), kinds);
    window->closeSession(serverTab); // the first of a kind stays
    QCOMPARE(tabs->count(), kinds);
}

void tst_MainWindow::tcpLaunchOptions()
{
    QTcpServer probe; // a free port for the server to listen on
    QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
    const quint16 port = probe.serverPort();
    probe.close();
    LaunchOptions options;
    options.setEndpoint(QStringLiteral("tcp-server"), HostPort { QStringLiteral("127.0.0.1"), port });
    options.setEndpoint(QStringLiteral("tcp-client"), HostPort { QStringLiteral("127.0.0.1"), port });
    options.autoReply = AutoReply::Echo;
    const auto window = showWindow(options);
    TcpServerSession *server = window->firstTab<TcpServerTab>(QStringLiteral("tcpServer"))->session();
    QVERIFY(server->isListening());
    QCOMPARE(server->autoReply(), AutoReply::Echo);
    TcpClientSession *client = window->firstTab<TcpClientTab>(QStringLiteral("tcpClient"))->session();
    QTRY_VERIFY(client->isConnected());
    QSignalSpy echoed(client->connection(), &TcpConnection::received);
    QVERIFY(client->send("echo me"));
    QVERIFY(echoed.wait(10000));
    QCOMPARE(echoed.constFirst().constFirst().toByteArray(), QByteArray("echo me"));
    // --auto-reply is for the sessions the command line opens: the UDP tab, not opened, keeps
    // its own choice, now and at the next start.
    QCOMPARE(window->firstTab<UdpTab>(QStringLiteral("udp"))->session()->autoReply(),
             AutoReply::None);
    window->close();
    QCOMPARE(QSettings().value(QStringLiteral("udp/autoReply"), QStringLiteral("none")).toString(),
             QStringLiteral("none"));
}

// The tab shown is that of the first session the command line asked for (in launch order), even
// when it could not open: there the user reads why.
void tst_MainWindow::theFirstGivenSessionIsShown()
{
    QTcpServer holder; // the port the server tab will find taken
    QVERIFY(holder.listen(QHostAddress::LocalHost, 0));
    const quint16 port = holder.serverPort();
    LaunchOptions options;
    options.setEndpoint(QStringLiteral("tcp-server"), HostPort { QStringLiteral("127.0.0.1"), port });
    options.setEndpoint(QStringLiteral("tcp-client"), HostPort { QStringLiteral("127.0.0.1"), port });
    const auto window = showWindow(options);
    auto *tabs = window->findChild<QTabWidget *>(QStringLiteral("sessionTabs"));
    auto *server = window->firstTab<TcpServerTab>(QStringLiteral("tcpServer"));
    QVERIFY(!server->session()->isListening());
    QCOMPARE(tabs->currentWidget(), server);
    QVERIFY(TabTest::findRow(server->sessionLog(), Direction::Error, {},
                             QStringLiteral("already in use")));
}

void tst_MainWindow::ctrlFFocusesTheFilter()
{
    const auto window = showWindow();
    QTest::keyClick(window.get(), Qt::Key_F, Qt::ControlModifier);
    QTRY_COMPARE(QApplication::focusWidget() ? QApplication::focusWidget()->objectName() : QString(),
                 QStringLiteral("filterEdit"));
}

void tst_MainWindow::ctrlLClearsTheLog()
{
    const auto window = showWindow();
    SessionLog *log = window->firstTab<UdpTab>(QStringLiteral("udp"))->sessionLog();
    log->addEvent(Direction::Info, QStringLiteral("one"));
    log->addEvent(Direction::Info, QStringLiteral("two"));
    log->model()->flush();
    QCOMPARE(log->model()->rowCount(), 2);
    QTest::keyClick(window.get(), Qt::Key_L, Qt::ControlModifier);
    QCOMPARE(log->model()->rowCount(), 0);
}

// The Code panel shows the program of the tab that is current, and of the next one.
void tst_MainWindow::ctrlShiftCShowsTheCurrentTabsCode()
{
    const auto window = showWindow();
    QTest::keyClick(window.get(), Qt::Key_C, Qt::ControlModifier | Qt::ShiftModifier);
    auto *code = window->findChild<CodeDialog *>(QStringLiteral("codeDialog"));
    QVERIFY(code);
    QTRY_VERIFY(code->isVisible());
    QVERIFY(code->text().contains(u"A UDP client for Sockscope's UDP tab"));
    QTest::keyClick(window.get(), Qt::Key_3, Qt::ControlModifier);
    QTRY_VERIFY2(code->text().contains(u"Sockscope's TCP Server tab"), qPrintable(code->text()));
}

// Ctrl+T turns the current tab's log into a chat transcript and back. The Log menu's check
// mark follows the current tab, and each session kind remembers its choice.
void tst_MainWindow::ctrlTShowsTheLogAsChat()
{
    {
        const auto window = showWindow();
        QAction *chatAction = nullptr;
        for (QAction *action : window->menuBar()->findChildren<QAction *>()) {
            if (action->shortcut() == QKeySequence(Qt::CTRL | Qt::Key_T))
                chatAction = action;
        }
        QVERIFY(chatAction);
        QTest::keyClick(window.get(), Qt::Key_3, Qt::ControlModifier);
        QTest::keyClick(window.get(), Qt::Key_T, Qt::ControlModifier);
        QVERIFY(window->firstTab<TcpServerTab>(QStringLiteral("tcpServer"))->logView()->isChatView());
        QVERIFY(chatAction->isChecked());
        QVERIFY(!window->firstTab<UdpTab>(QStringLiteral("udp"))->logView()->isChatView());

        QTest::keyClick(window.get(), Qt::Key_1, Qt::ControlModifier);
        QVERIFY(!chatAction->isChecked());
        QTest::keyClick(window.get(), Qt::Key_3, Qt::ControlModifier);
        QVERIFY(chatAction->isChecked());
        // The log's own button and the menu agree.
        window->firstTab<TcpServerTab>(QStringLiteral("tcpServer"))->logView()->setChatView(false);
        QVERIFY(!chatAction->isChecked());
        QTest::keyClick(window.get(), Qt::Key_T, Qt::ControlModifier);
        QVERIFY(window->firstTab<TcpServerTab>(QStringLiteral("tcpServer"))->logView()->isChatView());
    }
    const auto again = showWindow();
    QVERIFY(again->firstTab<TcpServerTab>(QStringLiteral("tcpServer"))->logView()->isChatView());
    QVERIFY(!again->firstTab<TcpClientTab>(QStringLiteral("tcpClient"))->logView()->isChatView());
    QVERIFY(!again->firstTab<UdpTab>(QStringLiteral("udp"))->logView()->isChatView());
}

void tst_MainWindow::ctrlKShowsTheSocketCalls_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<int>("digit");
    QTest::addColumn<QString>("firstCall");
    QTest::newRow("UDP") << u"udp"_s << int(Qt::Key_1)
                         << u"s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)"_s;
    QTest::newRow("TCP Client") << u"tcpClient"_s << int(Qt::Key_2)
                                << u"s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)"_s;
    QTest::newRow("TCP Server") << u"tcpServer"_s << int(Qt::Key_3)
                                << u"s = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)"_s;
}

// Ctrl+K (Log → Show Socket Calls, and the log's Calls button) makes the current tab's session
// state its calls: opening it then logs them. Each kind keeps its choice.
void tst_MainWindow::ctrlKShowsTheSocketCalls()
{
    QFETCH(QString, kind);
    QFETCH(int, digit);
    QFETCH(QString, firstCall);
    QTcpServer peer; // for the client to connect to
    QVERIFY(peer.listen(QHostAddress::LocalHost, 0));
    {
        const auto window = showWindow();
        SessionTab *tab = window->firstTab(kind);
        QTest::keyClick(window.get(), Qt::Key(digit), Qt::ControlModifier);
        QVERIFY(!tab->logView()->showsSocketCalls());
        QTest::keyClick(window.get(), Qt::Key_K, Qt::ControlModifier);
        QVERIFY(tab->logView()->showsSocketCalls());
        QVERIFY(TabTest::child<QToolButton>(tab, "socketCallsButton")->isChecked());
        if (auto *client = qobject_cast<TcpClientTab *>(tab))
            client->connectTo(HostPort { u"127.0.0.1"_s, peer.serverPort() });
        else if (auto *server = qobject_cast<TcpServerTab *>(tab))
            server->listenOn(HostPort { {}, 0 });
        else
            static_cast<UdpTab *>(tab)->bindTo(HostPort { {}, 0 });
        QTRY_VERIFY2_WITH_TIMEOUT(TabTest::findRow(tab->sessionLog(), Direction::Call, {}, firstCall),
                                  qPrintable(firstCall), 10000);
        // The other kinds' switches stay as they were.
        for (const QString &other : { u"udp"_s, u"tcpClient"_s, u"tcpServer"_s }) {
            if (other != kind)
                QVERIFY(!window->firstTab(other)->logView()->showsSocketCalls());
        }
    }
    const auto again = showWindow();
    QVERIFY(again->firstTab(kind)->logView()->showsSocketCalls());
    QTest::keyClick(again.get(), Qt::Key(digit), Qt::ControlModifier);
    QTest::keyClick(again.get(), Qt::Key_K, Qt::ControlModifier);
    QVERIFY(!again->firstTab(kind)->logView()->showsSocketCalls());
}

// --socket-calls: the sessions the command line opens show their calls from the first one,
// and the recording has them as "kind":"call". The switch the user keeps is not changed.
void tst_MainWindow::socketCallsFromTheCommandLineAreRecorded()
{
    QTemporaryDir dir;
    LaunchOptions options;
    options.setEndpoint(u"udp"_s, HostPort { u"127.0.0.1"_s, 0 });
    options.socketCalls = true;
    options.logFile = dir.filePath(u"rec.jsonl"_s);
    auto window = showWindow(options);
    UdpTab *udp = window->firstTab<UdpTab>(u"udp"_s);
    QVERIFY(udp->session()->isBound());
    QVERIFY(udp->logView()->showsSocketCalls());
    QVERIFY(!window->firstTab(u"tcpServer"_s)->logView()->showsSocketCalls());
    window.reset();
    QFile file(options.logFile);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray recorded = file.readAll();
    QVERIFY2(recorded.contains(R"("kind":"call")")
                     && recorded.contains(R"("call":"s.bind(('127.0.0.1', 0))  # → bound to 127.0.0.1:)"),
             recorded.constData());
    QVERIFY(!QSettings().value(u"log/udp/socketCalls"_s, false).toBool());
}

void tst_MainWindow::launchOptionsOpenTheSession()
{
    QTemporaryDir dir;
    LaunchOptions options;
    options.setEndpoint(QStringLiteral("udp"), HostPort { QStringLiteral("127.0.0.1"), 0 });
    options.setEndpoint(QStringLiteral("udp-remote"), HostPort { QStringLiteral("::1"), 9009 });
    options.autoReply = AutoReply::Echo;
    options.logFile = dir.filePath(QStringLiteral("rec.jsonl"));
    auto window = showWindow(options);
    UdpSession *session = window->firstTab<UdpTab>(QStringLiteral("udp"))->session();
    QVERIFY(session->isBound());
    QCOMPARE(session->localEndpoint().address, QHostAddress(QHostAddress::LocalHost));
    QCOMPARE(session->autoReply(), AutoReply::Echo);
    QVERIFY(window->recorder()->isRecording());
    auto *status = window->findChild<QLabel *>(QStringLiteral("statusLabel"));
    QVERIFY2(status->text().contains(session->localEndpoint().toString()), qPrintable(status->text()));
    window.reset(); // closing flushes the recording
    QFile file(options.logFile);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray recorded = file.readAll();
    QVERIFY2(recorded.contains("Recording every log entry") && recorded.contains("Bound to 127.0.0.1:"),
             recorded.constData());
}

// The extra sessions come back with their endpoints and their own choices, and the first
// session of their kind keeps its own.
void tst_MainWindow::extraSessionsComeBack()
{
    {
        const auto window = showWindow();
        auto *client = qobject_cast<TcpClientTab *>(window->openSession(u"tcpClient"_s));
        TabTest::setText(TabTest::child<QSpinBox>(client, "portSpin"), u"7123"_s);
        client->logView()->setChatView(true);
        auto *udp = qobject_cast<UdpTab *>(window->openSession(u"udp"_s));
        TabTest::setText(TabTest::child<QSpinBox>(udp, "localPortSpin"), u"7124"_s);
        window->close();
    }
    const auto window = showWindow();
    auto *tabs = window->findChild<QTabWidget *>(u"sessionTabs"_s);
    const int kinds = int(SessionKinds::builtIn().size());
    QCOMPARE(tabs->count(), kinds + 2);
    QCOMPARE(tabs->tabText(kinds), u"TCP Client 2"_s);
    QCOMPARE(tabs->tabText(kinds + 1), u"UDP 2"_s);
    auto *client = qobject_cast<TcpClientTab *>(tabs->widget(kinds));
    QCOMPARE(TabTest::child<QSpinBox>(client, "portSpin")->value(), 7123);
    QVERIFY(client->logView()->isChatView());
    QCOMPARE(client->session()->state(), Session::State::Closed); // it waits for Connect
    auto *udp = qobject_cast<UdpTab *>(tabs->widget(kinds + 1));
    QCOMPARE(TabTest::child<QSpinBox>(udp, "localPortSpin")->value(), 7124);
    QVERIFY(!udp->session()->isBound());
    TcpClientTab *first = window->firstTab<TcpClientTab>(u"tcpClient"_s);
    QVERIFY(!first->logView()->isChatView());
    QCOMPARE(TabTest::child<QSpinBox>(first, "portSpin")->value(), int(SessionTab::DefaultPort));
    // One more is numbered after those.
    QCOMPARE(window->openSession(u"tcpClient"_s)->name(), u"TCP Client 3"_s);
}

namespace {

// The first session of `kind` names `taken` in its port field `field`; a new one of the kind
// opens: the port its field offers.
std::pair<SessionTab *, int> portOfANewSession(MainWindow &window, const QString &kind,
                                               const char *field, quint16 taken)
{
    SessionTab *first = window.firstTab(kind);
    TabTest::setText(TabTest::child<QSpinBox>(first, field), QString::number(taken));
    first->saveSettings();
    SessionTab *opened = window.openSession(kind);
    return { opened, TabTest::child<QSpinBox>(opened, field)->value() };
}

} // namespace

// A new session copies the first one's choices, but not a port that is taken: its own starts
// from the next free one, so that Start or Listen can work.
void tst_MainWindow::aNewSessionStartsFromAFreePort()
{
    const auto window = showWindow();
    QTcpServer holder;
    QVERIFY(holder.listen(QHostAddress::Any, 0));
    const auto [server, offered] =
            portOfANewSession(*window, u"tcpServer"_s, "portSpin", holder.serverPort());
    QVERIFY2(offered != holder.serverPort() && offered != 0, qPrintable(QString::number(offered)));
    QTest::mouseClick(TabTest::child<QPushButton>(server, "listenButton"), Qt::LeftButton);
    auto *second = qobject_cast<TcpServerTab *>(server);
    QVERIFY(second->session()->isListening());
    QCOMPARE(second->session()->localEndpoint().port, quint16(offered));

    // A UDP port that another socket has.
    QUdpSocket udpHolder;
    QVERIFY(udpHolder.bind(QHostAddress::Any, 0));
    const auto [udp, udpOffered] =
            portOfANewSession(*window, u"udp"_s, "localPortSpin", udpHolder.localPort());
    QVERIFY(udpOffered != udpHolder.localPort() && udpOffered != 0);
    QTest::mouseClick(TabTest::child<QPushButton>(udp, "startButton"), Qt::LeftButton);
    QVERIFY(qobject_cast<UdpTab *>(udp)->session()->isBound());

    // A client's local port that an open connection has: a listener with SO_REUSEADDR could
    // still take it, a connect from it cannot.
    QTcpSocket open;
    open.connectToHost(QHostAddress::LocalHost, holder.serverPort());
    QTRY_COMPARE_WITH_TIMEOUT(open.state(), QAbstractSocket::ConnectedState, 10000);
    const int clientOffered =
            portOfANewSession(*window, u"tcpClient"_s, "localPortSpin", open.localPort()).second;
    QVERIFY2(clientOffered != open.localPort() && clientOffered != 0,
             qPrintable(QString::number(clientOffered)));
}

void tst_MainWindow::aClosedSessionIsForgotten()
{
    {
        const auto window = showWindow();
        auto *tabs = window->findChild<QTabWidget *>(u"sessionTabs"_s);
        SessionTab *second = window->openSession(u"tcpServer"_s);
        SessionTab *third = window->openSession(u"tcpServer"_s);
        TabTest::setText(TabTest::child<QSpinBox>(second, "portSpin"), u"7125"_s);
        window->closeSession(tabs->indexOf(second));
        QCOMPARE(third->name(), u"TCP Server 3"_s);
        window->close();
    }
    const auto window = showWindow();
    auto *tabs = window->findChild<QTabWidget *>(u"sessionTabs"_s);
    QCOMPARE(tabs->count(), int(SessionKinds::builtIn().size()) + 1);
    QCOMPARE(tabs->tabText(tabs->count() - 1), u"TCP Server 3"_s);
    // A new second server starts from the first's choices, not the closed one's.
    SessionTab *second = window->openSession(u"tcpServer"_s);
    QCOMPARE(second->name(), u"TCP Server 4"_s);
    // (The first free port from 9000 on: another program here may hold 9000.)
    const int offered = TabTest::child<QSpinBox>(second, "portSpin")->value();
    QVERIFY2(offered != 7125 && offered >= int(SessionTab::DefaultPort),
             qPrintable(QString::number(offered)));
}

// The command line opens the first tabs' sessions as before; the sessions that come back wait.
void tst_MainWindow::restoredSessionsWaitBesideTheCommandLine()
{
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    {
        const auto window = showWindow();
        SessionTab *second = window->openSession(u"tcpClient"_s);
        TabTest::setText(TabTest::child<QSpinBox>(second, "portSpin"),
                         QString::number(server.serverPort()));
        window->close();
    }
    LaunchOptions options;
    options.setEndpoint(u"tcp-client"_s, HostPort { u"127.0.0.1"_s, server.serverPort() });
    const auto window = showWindow(options);
    auto *tabs = window->findChild<QTabWidget *>(u"sessionTabs"_s);
    TcpClientTab *first = window->firstTab<TcpClientTab>(u"tcpClient"_s);
    QCOMPARE(tabs->currentWidget(), first);
    QTRY_VERIFY(first->session()->isConnected());
    auto *second = qobject_cast<TcpClientTab *>(tabs->widget(tabs->count() - 1));
    QCOMPARE(second->name(), u"TCP Client 2"_s);
    QCOMPARE(second->session()->state(), Session::State::Closed);
    QTRY_COMPARE(server.findChildren<QTcpSocket *>().size(), 1); // the first's connection only
}


void tst_MainWindow::saveLogAsSavesEveryRow_data()
{
    QTest::addColumn<bool>("csv");
    QTest::newRow("JSON Lines") << false;
    QTest::newRow("CSV") << true;
}

// File → Save Log As… offers a name with the tab and the time, and saves every row of the
// current tab's log, those the filter hides too, in the format chosen; a row says so.
void tst_MainWindow::saveLogAsSavesEveryRow()
{
    QFETCH(bool, csv);
    const auto window = showWindow();
    auto *udp = window->firstTab<UdpTab>(u"udp"_s);
    window->findChild<QTabWidget *>(u"sessionTabs"_s)->setCurrentWidget(udp);
    for (int row = 1; row <= 3; ++row)
        udp->sessionLog()->addEvent(Direction::Info, u"row %1, \"quoted\""_s.arg(row));
    udp->logView()->filterModel()->setText(u"row 2"_s);

    TabTest::child<QAction>(window.get(), "saveLogAction")->trigger();
    QPointer<QFileDialog> dialog;
    QTRY_VERIFY(dialog = window->findChild<QFileDialog *>(u"saveLogDialog"_s));
    if (csv)
        dialog->selectNameFilter(dialog->nameFilters().constLast());
    const QString offered = dialog->selectedFiles().value(0);
    const QRegularExpression name(csv ? u"^sockscope-udp-\\d{4}-\\d\\d-\\d\\d-\\d{6}\\.csv$"_s
                                      : u"^sockscope-udp-\\d{4}-\\d\\d-\\d\\d-\\d{6}\\.jsonl$"_s);
    QVERIFY2(name.match(QFileInfo(offered).fileName()).hasMatch(), qPrintable(offered));
    QTemporaryDir dir;
    const QString path = dir.filePath(csv ? u"saved.csv"_s : u"saved.jsonl"_s);
    dialog->selectFile(path);
    static_cast<QDialog *>(dialog.data())->accept();
    QTRY_VERIFY(TabTest::findRow(udp->sessionLog(), Direction::Info, {},
                                 u"Saved 3 rows of this log to %1"_s.arg(path)));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = file.readAll().split('\n');
    QCOMPARE(lines.size(), csv ? 5 : 4); // (the header,) three rows and the end of the last
    QVERIFY2(lines.constFirst().startsWith(csv ? "time," : "{\"time\""), lines.constFirst().constData());
    QVERIFY2(lines[csv ? 3 : 2].contains(csv ? "\"row 3, \"\"quoted\"\"\"" : "row 3, \\\"quoted"),
             lines[csv ? 3 : 2].constData());
}

// Record to File… offers a new file named for now, in the folder of the last recording.
void tst_MainWindow::recordToFileOffersANewName()
{
    QTemporaryDir dir;
    Settings().setRecordingPath(dir.filePath(u"old.jsonl"_s));
    const auto window = showWindow();
    QString offered;
    QTimer answer;
    connect(&answer, &QTimer::timeout, window.get(), [&offered] {
        if (auto *dialog = qobject_cast<QFileDialog *>(QApplication::activeModalWidget())) {
            offered = dialog->selectedFiles().value(0);
            dialog->reject();
        }
    });
    answer.start(10);
    TabTest::child<QAction>(window.get(), "recordAction")->trigger();
    QCOMPARE(QFileInfo(offered).dir().path(), dir.path());
    const QRegularExpression name(u"^sockscope-\\d{4}-\\d\\d-\\d\\d-\\d{6}\\.jsonl$"_s);
    QVERIFY2(name.match(QFileInfo(offered).fileName()).hasMatch(), qPrintable(offered));
    QVERIFY(!window->recorder()->isRecording());
}

// Log → Export Diagram… starts in the folder of the last export, one of an earlier run too,
// and remembers the folder of this one for the next run.
void tst_MainWindow::exportDiagramRemembersItsFolder()
{
    QTemporaryDir earlier; // where an earlier run exported
    QTemporaryDir dir;
    Settings().group(u"exportDiagram"_s).setValue(u"folder", earlier.path());
    const QString path = dir.filePath(u"ladder.svg"_s);
    QString offered;
    bool accept = true;
    QTimer answer;
    connect(&answer, &QTimer::timeout, this, [&offered, &accept, &path] {
        if (auto *dialog = qobject_cast<QFileDialog *>(QApplication::activeModalWidget())) {
            offered = dialog->directory().absolutePath();
            if (accept) {
                dialog->selectFile(path);
                static_cast<QDialog *>(dialog)->accept();
            } else {
                dialog->reject();
            }
        }
    });
    answer.start(10);
    const auto exportFrom = [](MainWindow *window) {
        auto *udp = window->firstTab<UdpTab>(u"udp"_s);
        window->findChild<QTabWidget *>(u"sessionTabs"_s)->setCurrentWidget(udp);
        udp->sessionLog()->addEvent(Direction::Info, u"a row"_s);
        udp->sessionLog()->model()->flush();
        udp->logView()->setDiagramView(true);
        auto *diagram = TabTest::child<SequenceDiagram>(udp->logView(), "diagram");
        auto *action = TabTest::child<QAction>(window, "exportDiagramAction");
        if (!QTest::qWaitFor([diagram, action] {
                return diagram->visibleRows().first >= 0 && action->isEnabled();
            }))
            return false;
        action->trigger();
        return true;
    };
    auto window = showWindow();
    QVERIFY(exportFrom(window.get()));
    QCOMPARE(offered, QDir(earlier.path()).absolutePath());
    QVERIFY(QFileInfo::exists(path));
    QCOMPARE(QDir(Settings().group(u"exportDiagram"_s).text(u"folder")).absolutePath(),
             QDir(dir.path()).absolutePath());
    window.reset();
    window = showWindow(); // the next run
    accept = false;
    QVERIFY(exportFrom(window.get()));
    QCOMPARE(offered, QDir(dir.path()).absolutePath());
}

// Help → Keyboard Shortcuts lists what the window really has (its table reads as a line of keys,
// then a line of what they do): every menu command with its keys,
// one made up here too, the tabs' own keys, and no Alt mnemonics.
void tst_MainWindow::keyboardShortcutsListTheRealOnes()
{
    const auto window = showWindow();
    QMenu *extra = window->menuBar()->addMenu(u"E&xtra"_s);
    extra->addAction(u"Made-up Command"_s, QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_J), [] {});
    TabTest::child<QAction>(window.get(), "shortcutsAction")->trigger();
    QPointer<QDialog> page;
    QTRY_VERIFY(page = window->findChild<QDialog *>(u"shortcutsPage"_s));
    QVERIFY(page->isVisible());
    const QString text = TabTest::child<QTextBrowser>(page, "helpText")->toPlainText();
    int listed = 0;
    for (const QAction *menu : window->menuBar()->actions()) {
        for (const QAction *action : menu->menu()->actions()) {
            if (action->shortcut().isEmpty())
                continue;
            const QString line = action->shortcut().toString(QKeySequence::NativeText) + u'\n'
                    + menu->text().remove(u'&') + u" → "_s + action->text().remove(u'&');
            QVERIFY2(text.contains(line), qPrintable(line + u"\n\n"_s + text));
            ++listed;
        }
    }
    QVERIFY(listed >= 12);
    for (const QString &line : { u"Ctrl+Alt+J\nExtra → Made-up Command"_s,
                                 u"Ctrl+Shift+S\nFile → Save Log As…"_s,
                                 u"Ctrl+R\nReply to the last sender"_s,
                                 u"Ctrl+O\nSend File…"_s,
                                 u"Ctrl+C\nCopy the selected rows of the log"_s })
        QVERIFY2(text.contains(line), qPrintable(line + u"\n\n"_s + text));
    QVERIFY2(!text.contains(QRegularExpression(u"(^|\\s)Alt\\+"_s)), qPrintable(text));
    QCOMPARE(text.count(u"Ctrl+O"_s), 1); // every tab has the button: listed once
}

// Help → Getting Started is rich text in a window of the app's own, opened once.
void tst_MainWindow::gettingStartedIsAPageOfItsOwn()
{
    const auto window = showWindow();
    auto *action = TabTest::child<QAction>(window.get(), "gettingStartedAction");
    action->trigger();
    QPointer<QDialog> page;
    QTRY_VERIFY(page = window->findChild<QDialog *>(u"gettingStartedPage"_s));
    QVERIFY(page->isVisible());
    const QString text = TabTest::child<QTextBrowser>(page, "helpText")->toPlainText();
    for (const QString &step : { u"Start"_s, u"Listen"_s, u"Connect"_s, u"nc -u 127.0.0.1 9000"_s,
                                 u"Save Log As"_s })
        QVERIFY2(text.contains(step), qPrintable(step));
    action->trigger();
    QCOMPARE(window->findChildren<QDialog *>(u"gettingStartedPage"_s).size(), 1);
}

// File → Preferences: the caps apply to every open log at once and to the next start.
void tst_MainWindow::preferencesSetEveryLogsLimits()
{
    auto window = showWindow();
    window->openSession(QStringLiteral("tcpClient")); // a second client
    // The dialog is modal: it is answered from the event loop it runs, and closed whatever is
    // found there, so that a failure cannot leave the test waiting on it.
    bool answered = false;
    QTimer::singleShot(0, window.get(), [&answered] {
        auto *dialog = qobject_cast<QDialog *>(QApplication::activeModalWidget());
        if (!dialog)
            return;
        if (dialog->objectName() != u"preferencesDialog") {
            dialog->reject();
            return;
        }
        TabTest::setText(TabTest::child<QSpinBox>(dialog, "maxRowsSpin"), QStringLiteral("5000"));
        TabTest::setText(TabTest::child<QSpinBox>(dialog, "payloadBudgetSpin"), QStringLiteral("16"));
        TabTest::child<QDialogButtonBox>(dialog, "buttonBox")->button(QDialogButtonBox::Ok)->click();
        answered = true;
    });
    QMenu *file = window->menuBar()->findChildren<QMenu *>().constFirst();
    const QList<QAction *> actions = file->actions();
    const auto preferences = std::find_if(actions.cbegin(), actions.cend(), [](QAction *a) {
        return a->text().contains(QStringLiteral("Preferences"));
    });
    QVERIFY(preferences != actions.cend());
    (*preferences)->trigger();
    QVERIFY(answered);
    auto *tabs = window->findChild<QTabWidget *>(QStringLiteral("sessionTabs"));
    QCOMPARE(tabs->count(), 4);
    for (int i = 0; i < tabs->count(); ++i) {
        const LogModel *model = qobject_cast<SessionTab *>(tabs->widget(i))->sessionLog()->model();
        QCOMPARE(model->capacity(), 5000);
        QCOMPARE(model->payloadBudget(), qsizetype(16) << 20);
    }
    window.reset();
    // The next window starts with them.
    const auto again = showWindow();
    const LogModel *model = again->firstTab(QStringLiteral("udp"))->sessionLog()->model();
    QCOMPARE(model->capacity(), 5000);
    QCOMPARE(model->payloadBudget(), qsizetype(16) << 20);
}

// A recording whose write fails (here /dev/full: no space left) asks where to go on, without
// blocking the window; the entries that waited are the new file's first lines.
void tst_MainWindow::failedRecordingContinuesInAnotherFile()
{
    if (!QFile::exists(QStringLiteral("/dev/full")))
        QSKIP("needs /dev/full");
    QTemporaryDir dir;
    LaunchOptions options;
    options.logFile = QStringLiteral("/dev/full");
    auto window = showWindow(options);
    SessionLog *log = window->firstTab<UdpTab>(QStringLiteral("udp"))->sessionLog();
    QPointer<QMessageBox> box;
    QTRY_VERIFY_WITH_TIMEOUT(box = window->findChild<QMessageBox *>(u"recordingFailedBox"_s), 10000);
    QCOMPARE(box->windowModality(), Qt::NonModal); // the window can still be used
    QVERIFY2(box->text().contains(qt_error_string(ENOSPC)), qPrintable(box->text()));
    QVERIFY(TabTest::findRow(log, Direction::Error, {}, qt_error_string(ENOSPC)));
    auto *label = window->findChild<QLabel *>(u"recordingLabel"_s);
    QVERIFY2(label->text().contains(u"failed"_s), qPrintable(label->text()));
    log->addEvent(Direction::Info, u"while it waits"_s);

    TabTest::child<QPushButton>(box, "continueInAnotherFile")->click();
    QPointer<QFileDialog> files;
    QTRY_VERIFY_WITH_TIMEOUT(files = window->findChild<QFileDialog *>(u"continueRecordingDialog"_s),
                             10000);
    const QString path = dir.filePath(u"next.jsonl"_s);
    files->selectFile(path);
    static_cast<QDialog *>(files.data())->accept(); // QFileDialog::accept(), as Save does
    QTRY_VERIFY(!window->recorder()->isHolding());
    QCOMPARE(window->recorder()->path(), path);
    QVERIFY(TabTest::findRow(log, Direction::Info, {}, u"nothing was lost"_s));
    QVERIFY2(!label->text().contains(u"failed"_s), qPrintable(label->text()));
    QTRY_VERIFY(!box);

    window.reset(); // closing flushes the recording
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray recorded = file.readAll();
    const qsizetype first = recorded.indexOf("Recording every log entry to /dev/full");
    const qsizetype waited = recorded.indexOf("while it waits");
    const qsizetype continued = recorded.indexOf("nothing was lost");
    QVERIFY2(first >= 0 && first < waited && waited < continued, recorded.constData());
}

// Stop Recording gives up what waits, and the log says how many entries are in no file.
void tst_MainWindow::failedRecordingCanBeStopped()
{
    if (!QFile::exists(QStringLiteral("/dev/full")))
        QSKIP("needs /dev/full");
    LaunchOptions options;
    options.logFile = QStringLiteral("/dev/full");
    auto window = showWindow(options);
    SessionLog *log = window->firstTab<UdpTab>(QStringLiteral("udp"))->sessionLog();
    QPointer<QMessageBox> box;
    QTRY_VERIFY_WITH_TIMEOUT(box = window->findChild<QMessageBox *>(u"recordingFailedBox"_s), 10000);
    TabTest::child<QPushButton>(box, "stopRecording")->click();
    QTRY_VERIFY(!box);
    QVERIFY(!window->recorder()->isRecording());
    const quint64 lost = window->recorder()->notRecordedCount();
    QVERIFY(lost >= 1);
    QVERIFY(TabTest::findRow(log, Direction::Error, {},
                             u"Entries not recorded: %1"_s.arg(lost)));
}

namespace {

// A bound UDP tab whose session holds `count` datagrams read from the kernel and not logged
// yet (throttled, as while a recording is behind).
UdpSession *holdDatagrams(MainWindow *window, int count)
{
    UdpSession *session = window->firstTab<UdpTab>(u"udp"_s)->session();
    if (!session->bind(QHostAddress(QHostAddress::LocalHost), 0))
        return nullptr;
    session->setThrottled(true);
    QUdpSocket peer;
    for (int i = 0; i < count; ++i)
        peer.writeDatagram(QByteArray::number(i), QHostAddress(QHostAddress::LocalHost),
                           session->localEndpoint().port);
    return session;
}

} // namespace

// Closing the window logs (and records) what the sessions read before it goes; the status bar
// says how much is left meanwhile.
void tst_MainWindow::quitLogsWhatWasReadFirst()
{
    auto window = showWindow();
    UdpSession *session = holdDatagrams(window.get(), 100);
    QVERIFY(session);
    QTRY_COMPARE_WITH_TIMEOUT(session->waitingCount(), 100, 10000);
    SessionLog *log = window->firstTab<UdpTab>(u"udp"_s)->sessionLog();
    QVERIFY(!window->close()); // not yet: 100 datagrams are still to be logged
    QVERIFY2(window->statusBar()->currentMessage().contains(u"Quitting"_s),
             qPrintable(window->statusBar()->currentMessage()));
    QTRY_VERIFY_WITH_TIMEOUT(!window->isVisible(), 10000);
    QCOMPARE(session->waitingCount(), 0);
    QVERIFY(TabTest::findRow(log, Direction::Received, "0"));
    QVERIFY(TabTest::findRow(log, Direction::Received, "99"));
}

// Closing again while it logs quits at once, with one row that says what was not logged.
void tst_MainWindow::closingAgainQuitsAtOnce()
{
    auto window = showWindow();
    UdpSession *session = holdDatagrams(window.get(), 100);
    QVERIFY(session);
    QTRY_COMPARE_WITH_TIMEOUT(session->waitingCount(), 100, 10000);
    SessionLog *log = window->firstTab<UdpTab>(u"udp"_s)->sessionLog();
    QVERIFY(!window->close());
    QVERIFY(window->close()); // before the event loop has handed any of them out
    QVERIFY(!window->isVisible());
    QVERIFY(TabTest::findRow(log, Direction::Error, {},
                             u"Quit at once: 100 datagrams or TCP chunks that were read were not logged"_s));
}

// A tab closed during a flood goes from sight at once, and from memory once what its session
// read is recorded.
void tst_MainWindow::closedTabRecordsWhatItRead()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"tabs.jsonl"_s);
    auto window = showWindow();
    QVERIFY(window->recorder()->start(path));
    auto *tabs = window->findChild<QTabWidget *>(u"sessionTabs"_s);
    QPointer<UdpTab> second = qobject_cast<UdpTab *>(window->openSession(u"udp"_s));
    QVERIFY(second);
    UdpSession *session = second->session();
    QVERIFY(session->bind(QHostAddress(QHostAddress::LocalHost), 0));
    session->setThrottled(true);
    QUdpSocket peer;
    for (int i = 0; i < 100; ++i) {
        peer.writeDatagram("tab " + QByteArray::number(i), QHostAddress(QHostAddress::LocalHost),
                           session->localEndpoint().port);
    }
    QTRY_COMPARE_WITH_TIMEOUT(session->waitingCount(), 100, 10000);
    const int count = tabs->count();
    window->closeSession(tabs->indexOf(second));
    QCOMPARE(tabs->count(), count - 1);
    QTRY_VERIFY_WITH_TIMEOUT(!second, 10000);
    QVERIFY(window->recorder()->flush());
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray recorded = file.readAll();
    QCOMPARE(recorded.count("\"kind\":\"recv\""), 100);
    QVERIFY(recorded.contains("tab 0") && recorded.contains("tab 99"));
}

namespace {

// A server tab listening on a port of the system's choice, with one slow peer and 10 MiB
// queued for it.
TcpServerSession *serverSending(TcpServerTab *tab, std::unique_ptr<SlowPeer> &peer)
{
    TcpServerSession *session = tab->session();
    if (!session->listen(QHostAddress(QHostAddress::LocalHost), 0))
        return nullptr;
    peer = std::make_unique<SlowPeer>(*session);
    if (!QTest::qWaitFor([session] { return session->clients().size() == 1; }, 10000))
        return nullptr;
    session->sendToAll(QByteArray(10 << 20, 'q'));
    return session;
}

} // namespace

// Quitting while a transfer is under way asks first: send the rest (the window goes once it is
// sent), cut it off (the peer sees a reset, and the log says how much never reached it), or
// stay.
void tst_MainWindow::quitAsksBeforeCuttingOffASend_data()
{
    QTest::addColumn<QString>("button");
    QTest::newRow("send the rest first") << u"sendFirstButton"_s;
    QTest::newRow("cut off now") << u"cutOffButton"_s;
    QTest::newRow("cancel") << u"cancelButton"_s;
}

void tst_MainWindow::quitAsksBeforeCuttingOffASend()
{
    QFETCH(QString, button);
    auto window = showWindow();
    std::unique_ptr<SlowPeer> peer;
    TcpServerSession *server =
            serverSending(window->firstTab<TcpServerTab>(u"tcpServer"_s), peer);
    QVERIFY(server);
    QVERIFY(server->bytesToSend() > 0);
    TabTest::QuestionAnswerer answerer(qPrintable(button));
    const bool closed = window->close();
    QCOMPARE(answerer.answered(), 1);
    SessionLog *log = window->firstTab<TcpServerTab>(u"tcpServer"_s)->sessionLog();
    if (button == u"cancelButton") {
        QVERIFY(!closed);
        QVERIFY(window->isVisible());
        QVERIFY(server->bytesToSend() > 0);
        peer->startReading();
        QTRY_COMPARE_WITH_TIMEOUT(peer->received, 10 << 20, 30000);
    } else if (button == u"cutOffButton") {
        QVERIFY(!window->isVisible());
        QVERIFY(TabTest::findRow(log, Direction::Error, {}, u"never reached it"_s));
        QCOMPARE(peer->readToTheEnd(), std::optional(TcpConnection::Ending::ResetByPeer));
        QVERIFY(peer->received < 10 << 20);
    } else {
        QVERIFY(!closed); // not yet: it sends first
        QVERIFY2(window->statusBar()->currentMessage().contains(u"sending the"_s),
                 qPrintable(window->statusBar()->currentMessage()));
        peer->startReading();
        QTRY_VERIFY_WITH_TIMEOUT(!window->isVisible(), 30000);
        QTRY_COMPARE_WITH_TIMEOUT(peer->received, 10 << 20, 30000);
        QVERIFY(!TabTest::findRow(log, Direction::Error, {}, u"never reached it"_s));
    }
}

// SIGTERM and SIGINT ask nothing: a transfer under way is cut off, and the log says so.
void tst_MainWindow::terminationCutsOffWithoutAsking()
{
    auto window = showWindow();
    std::unique_ptr<SlowPeer> peer;
    TcpServerSession *server =
            serverSending(window->firstTab<TcpServerTab>(u"tcpServer"_s), peer);
    QVERIFY(server);
    TabTest::QuestionAnswerer answerer("cancelButton");
    window->terminate();
    QCOMPARE(answerer.answered(), 0);
    QVERIFY(!window->isVisible());
    SessionLog *log = window->firstTab<TcpServerTab>(u"tcpServer"_s)->sessionLog();
    QVERIFY(TabTest::findRow(log, Direction::Error, {}, u"never reached it"_s));
    QCOMPARE(peer->readToTheEnd(), std::optional(TcpConnection::Ending::ResetByPeer));
}

// SIGTERM while the quit's question is open ends the question, cuts off, and quits.
void tst_MainWindow::terminationWhileAskingCutsOff()
{
    auto window = showWindow();
    std::unique_ptr<SlowPeer> peer;
    QVERIFY(serverSending(window->firstTab<TcpServerTab>(u"tcpServer"_s), peer));
    TabTest::QuestionAnswerer answerer("sendFirstButton");
    answerer.setShown([&window] { window->terminate(); });
    answerer.setWhen([] { return false; }); // only the termination answers
    QVERIFY(window->close());
    QVERIFY(!window->isVisible());
    QCOMPARE(peer->readToTheEnd(), std::optional(TcpConnection::Ending::ResetByPeer));
}

// Everything went out while the question was open: sending the rest first, the window goes by
// itself, without a second close.
void tst_MainWindow::sentWhileAskingQuitsAtOnce()
{
    auto window = showWindow();
    std::unique_ptr<SlowPeer> peer;
    TcpServerSession *server =
            serverSending(window->firstTab<TcpServerTab>(u"tcpServer"_s), peer);
    QVERIFY(server);
    TabTest::QuestionAnswerer answerer("sendFirstButton");
    answerer.setShown([&peer] { peer->startReading(); });
    answerer.setWhen([server] { return server->bytesToSend() == 0; });
    window->close(); // now, or as soon as it has logged what was read
    QCOMPARE(answerer.answered(), 1);
    QTRY_VERIFY_WITH_TIMEOUT(!window->isVisible(), 10000);
    // The window goes once everything is written; the peer reads the rest from the kernel.
    QTRY_COMPARE_WITH_TIMEOUT(peer->received, 10 << 20, 30000);
}

// Sending the rest first, closing again cuts it off.
void tst_MainWindow::closingAgainWhileSendingCutsOff()
{
    auto window = showWindow();
    std::unique_ptr<SlowPeer> peer;
    QVERIFY(serverSending(window->firstTab<TcpServerTab>(u"tcpServer"_s), peer));
    TabTest::QuestionAnswerer answerer("sendFirstButton");
    QVERIFY(!window->close());
    QCOMPARE(answerer.answered(), 1);
    QVERIFY(window->isVisible());
    window->close();
    QTRY_VERIFY_WITH_TIMEOUT(!window->isVisible(), 10000);
    QCOMPARE(peer->readToTheEnd(), std::optional(TcpConnection::Ending::ResetByPeer));
}

// Closing a tab that still sends asks too; sending the rest first keeps it, out of sight,
// until its peer has it all.
void tst_MainWindow::closingATabThatSendsAsks()
{
    auto window = showWindow();
    std::unique_ptr<SlowPeer> peer;
    QPointer<TcpServerTab> tab = qobject_cast<TcpServerTab *>(window->openSession(u"tcpServer"_s));
    QVERIFY(tab);
    QVERIFY(serverSending(tab, peer));
    auto *tabs = window->findChild<QTabWidget *>(u"sessionTabs"_s);
    const int count = tabs->count();
    TabTest::QuestionAnswerer answerer("cancelButton");
    window->closeSession(tabs->indexOf(tab));
    QCOMPARE(answerer.answered(), 1);
    QCOMPARE(tabs->count(), count); // kept
    answerer.setButton("sendFirstButton");
    window->closeSession(tabs->indexOf(tab));
    QCOMPARE(answerer.answered(), 2);
    QCOMPARE(tabs->count(), count - 1);
    QVERIFY(tab); // out of sight, still sending
    QVERIFY(!tab->session()->isListening()); // and taking no one new
    peer->startReading();
    QTRY_COMPARE_WITH_TIMEOUT(peer->received, 10 << 20, 30000);
    QTRY_VERIFY_WITH_TIMEOUT(!tab, 10000);
}

namespace {

// What Alt+letter reaches in `tab` as it is now, and in the menu bar: "Alt+F" → "File", …
QMultiMap<QString, QString> mnemonics(const QMenuBar *menuBar, const QWidget *tab)
{
    QMultiMap<QString, QString> keys;
    const auto add = [&keys](const QString &text) {
        const QKeySequence key = QKeySequence::mnemonic(text);
        if (!key.isEmpty())
            keys.insert(key.toString(), text);
    };
    for (const QAction *action : menuBar->actions())
        add(action->text());
    for (const QWidget *w : tab->findChildren<QWidget *>()) {
        if (!w->isVisible())
            continue;
        if (const auto *button = qobject_cast<const QAbstractButton *>(w))
            add(button->text());
        else if (const auto *label = qobject_cast<const QLabel *>(w); label && label->buddy())
            add(label->text());
        else if (const auto *group = qobject_cast<const QGroupBox *>(w))
            add(group->title());
    }
    return keys;
}

QStringList clashes(const QMultiMap<QString, QString> &keys)
{
    QStringList found;
    for (const QString &key : keys.uniqueKeys()) {
        if (keys.count(key) > 1)
            found << key + u": " + QStringList(keys.values(key)).join(u" / ");
    }
    return found;
}

} // namespace

// Alt+letter reaches one thing: in the menu bar, in each menu, and in each tab with the menu
// bar, closed and open (Start, Listen and Connect change their words), its Multicast box
// unfolded.
void tst_MainWindow::mnemonicsAreUnique()
{
    QTcpServer peer;
    QVERIFY2(peer.listen(QHostAddress::LocalHost, 0), qPrintable(peer.errorString()));
    const auto window = showWindow();
    if (auto *multicast = window->findChild<QGroupBox *>(u"multicastGroup"_s); multicast->isCheckable())
        multicast->setChecked(true);
    auto *tabs = window->findChild<QTabWidget *>(u"sessionTabs"_s);
    QStringList found;
    for (const QAction *menu : window->menuBar()->actions()) {
        QMultiMap<QString, QString> keys;
        for (const QAction *action : menu->menu()->actions()) {
            if (const QKeySequence key = QKeySequence::mnemonic(action->text()); !key.isEmpty())
                keys.insert(key.toString(), action->text());
        }
        found << clashes(keys);
    }
    const auto walk = [&](const QString &state) {
        for (int i = 0; i < tabs->count(); ++i) {
            tabs->setCurrentIndex(i);
            QTest::qWait(0);
            for (const QString &clash : clashes(mnemonics(window->menuBar(), tabs->widget(i))))
                found << tabs->tabText(i) + u' ' + state + u": " + clash;
        }
    };
    walk(u"closed"_s);
    QVERIFY(window->firstTab<UdpTab>(u"udp"_s)->bindTo({ u"127.0.0.1"_s, 0 }));
    QVERIFY(window->firstTab<TcpServerTab>(u"tcpServer"_s)->listenOn({ u"127.0.0.1"_s, 0 }));
    auto *client = window->firstTab<TcpClientTab>(u"tcpClient"_s);
    QVERIFY(client->connectTo({ u"127.0.0.1"_s, peer.serverPort() }));
    QTRY_COMPARE(client->session()->state(), Session::State::Connected);
    walk(u"open"_s);
    QVERIFY2(found.isEmpty(), qPrintable(found.join(u"\n")));
}

// Tab leaves the log's table for the next control; the arrows move within it.
void tst_MainWindow::tabLeavesTheLogTable()
{
    const auto window = showWindow();
    SessionLog *log = window->firstTab<UdpTab>(u"udp"_s)->sessionLog();
    log->addEvent(Direction::Info, u"one"_s);
    log->addEvent(Direction::Info, u"two"_s);
    log->model()->flush();
    auto *table = window->firstTab(u"udp"_s)->findChild<QTableView *>(u"table"_s);
    table->setFocus();
    table->setCurrentIndex(table->model()->index(0, 0));
    QTRY_VERIFY(table->hasFocus());
    QTest::keyClick(table, Qt::Key_Down);
    QCOMPARE(table->currentIndex().row(), 1);
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
    QVERIFY2(!table->hasFocus(), "Tab stayed in the table");
}

QTEST_MAIN(tst_MainWindow)
#include "tst_mainwindow.moc"
