#include "kernel/kernelpanel.h"

#include "config/commandline.h"
#include "config/settings.h"
#include "mainwindow.h"
#include "net/clientlistmodel.h"
#include "net/tcpclientsession.h"
#include "net/tcpconnection.h"
#include "net/tcpserversession.h"
#include "tabs/tcpclienttab.h"
#include "tabs/tcpservertab.h"
#include "tabtesthelpers.h"
#include "text/pluralforms.h"

#include "fakekernelprobe.h"

#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QToolButton>

using namespace TabTest;

class tst_KernelPanel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void showsTheConnectionsValues();
    void eachValueExplainsItself();
    void followsAConnectionAfterItsClose();
    void stopsAskingOnceTheConnectionIsGone();
    void showsUdpDrops();
    void saysWhenTheSystemHasNoKernelView();
    void aHiddenPanelDoesNotAsk();
    void theTabsSwitchShowsItAndIsRemembered();
    void theWindowsSwitchFollowsTheTab();
    void followsTheClientsRealConnection();
    void followsTheServersSelectedClient();

private:
    QString value(const char *name) const { return child<QLabel>(m_panel.get(), name)->text(); }
    QString headline() const { return value("headlineLabel"); }

    std::unique_ptr<FakeKernelProbe> m_fake; // fresh for each test
    KernelPanel::Target m_target;
    std::unique_ptr<KernelPanel> m_panel;
};

namespace {

const Endpoint Local { QHostAddress::LocalHost, 41000 };
const Endpoint Peer { QHostAddress::LocalHost, 9000 };

QString number(qint64 n)
{
    return QLocale().toString(n);
}

} // namespace

void tst_KernelPanel::initTestCase()
{
    QVERIFY(PluralForms::install());
    QStandardPaths::setTestModeEnabled(true);
    QSettings().clear();
}

void tst_KernelPanel::init()
{
    m_fake = std::make_unique<FakeKernelProbe>();
    (*m_fake).tcpReading.state = TcpState::Established;
    m_target = KernelPanel::Target { Transport::Tcp, 7, Local, Peer, QStringLiteral("idle") };
    m_panel = std::make_unique<KernelPanel>();
    m_panel->setProbe(&(*m_fake));
    m_panel->setSource([this] { return m_target; });
    m_panel->resize(900, 120);
}

void tst_KernelPanel::cleanup()
{
    m_panel.reset();
    QSettings().clear();
}

void tst_KernelPanel::showsTheConnectionsValues()
{
    TcpReading &r = (*m_fake).tcpReading;
    r.rttMicroseconds = 1500;
    r.rttVarianceMicroseconds = 250;
    r.retransmissions = 1;
    r.congestionWindow = 10;
    r.segmentSize = 65'483;
    r.unacknowledged = 0;
    r.unsent = 3'017'755;
    r.unread = 1;
    r.peerWindow = std::nullopt; // as on a kernel older than 5.4
    m_panel->show();
    QCOMPARE((*m_fake).lastDescriptor, 7);
    QVERIFY2(headline().startsWith(u"ESTABLISHED: the connection is open"), qPrintable(headline()));
    QCOMPARE(value("stateValue"), u"ESTABLISHED");
    QCOMPARE(value("rttValue"),
             QStringLiteral("%1 ms (± %2 ms)")
                 .arg(QLocale().toString(1.5, 'f', 2), QLocale().toString(0.25, 'f', 2)));
    QCOMPARE(value("retransmissionsValue"), u"1 segment");
    QCOMPARE(value("congestionWindowValue"),
             QStringLiteral("10 segments (%1 bytes)").arg(number(654'830)));
    QCOMPARE(value("unacknowledgedValue"), u"0 bytes");
    QCOMPARE(value("unsentValue"), number(3'017'755) + u" bytes");
    QCOMPARE(value("unreadValue"), u"1 byte");
    QCOMPARE(value("peerWindowValue"), u"not available on this system");
    QVERIFY(child<QWidget>(m_panel.get(), "tcpValues")->isVisible());
    QVERIFY(!child<QWidget>(m_panel.get(), "udpValues")->isVisible());
}

void tst_KernelPanel::eachValueExplainsItself()
{
    m_panel->show();
    const QList<QLabel *> labels = m_panel->findChildren<QLabel *>();
    int values = 0;
    for (const QLabel *label : labels) {
        if (!label->objectName().endsWith(u"Value"))
            continue;
        ++values;
        QVERIFY2(label->toolTip().size() > 60, qPrintable(label->objectName()));
    }
    QCOMPARE(values, 11);
    QVERIFY(child<QLabel>(m_panel.get(), "unreadValue")->toolTip().contains(u"SIOCINQ"));
    QVERIFY(child<QLabel>(m_panel.get(), "unacknowledgedValue")
                ->toolTip()
                .contains(u"not acknowledged"));
    QVERIFY(child<QLabel>(m_panel.get(), "dropsValue")->toolTip().contains(u"buffer was full"));
}

// The side that closed first keeps the connection in TIME_WAIT; then the kernel forgets it.
void tst_KernelPanel::followsAConnectionAfterItsClose()
{
    m_panel->show();
    QCOMPARE(value("stateValue"), u"ESTABLISHED");
    m_target.descriptor = -1;
    m_target.local = m_target.peer = {}; // the tab's connection is gone
    ProcNet::Row row;
    row.local = Local;
    row.remote = Peer;
    row.state = TcpState::TimeWait;
    row.timerMs = 57'300;
    (*m_fake).connectionRow = row;
    m_panel->refresh();
    QCOMPARE(value("stateValue"), u"TIME_WAIT");
    QVERIFY2(headline().contains(u"127.0.0.1:41000 ↔ 127.0.0.1:9000 lives on in the kernel"),
             qPrintable(headline()));
    QVERIFY2(headline().contains(u"TIME_WAIT, about 58 s left: the side that closes first keeps "
                                 u"the port pair so late segments of this connection are not "
                                 u"taken for a new one."),
             qPrintable(headline()));
    (*m_fake).connectionRow.reset();
    m_panel->refresh();
    QCOMPARE(value("stateValue"), u"gone");
    QVERIFY2(headline().contains(u"port pair is free again"), qPrintable(headline()));
}

// Once the kernel has forgotten the connection, there is nothing more to look for: the panel
// keeps saying so without reading the kernel's tables again, until it follows a new socket.
void tst_KernelPanel::stopsAskingOnceTheConnectionIsGone()
{
    m_panel->show();
    m_target.descriptor = -1;
    ProcNet::Row row;
    row.local = Local;
    row.remote = Peer;
    row.state = TcpState::TimeWait;
    (*m_fake).connectionRow = row;
    m_panel->refresh();
    QCOMPARE(value("stateValue"), u"TIME_WAIT");
    (*m_fake).connectionRow.reset(); // TIME_WAIT is over
    m_panel->refresh();
    QCOMPARE(value("stateValue"), u"gone");
    const int reads = (*m_fake).reads;
    for (int i = 0; i < 3; ++i)
        m_panel->refresh();
    QCOMPARE((*m_fake).reads, reads);
    QCOMPARE(value("stateValue"), u"gone");
    QVERIFY2(headline().contains(u"port pair is free again"), qPrintable(headline()));
    // A new connection is followed again, and so is its life after its close.
    m_target.descriptor = 8;
    m_panel->refresh();
    QCOMPARE((*m_fake).lastDescriptor, 8);
    QCOMPARE(value("stateValue"), u"ESTABLISHED");
    m_target.descriptor = -1;
    (*m_fake).connectionRow = row;
    m_panel->refresh();
    QCOMPARE(value("stateValue"), u"TIME_WAIT");
    // A connection that is still open, only no longer followed, is not "after close".
    row.state = TcpState::Established;
    (*m_fake).connectionRow = row;
    m_panel->refresh();
    QCOMPARE(headline(), u"idle");
    QVERIFY(!child<QWidget>(m_panel.get(), "tcpValues")->isVisible());
}

void tst_KernelPanel::showsUdpDrops()
{
    m_target = KernelPanel::Target { Transport::Udp, 9, Peer, {}, {} };
    (*m_fake).udpReading = UdpReading { 2304, 8'388'608, 0 };
    m_panel->show();
    QCOMPARE((*m_fake).lastDescriptor, 9);
    QVERIFY(child<QWidget>(m_panel.get(), "udpValues")->isVisible());
    QVERIFY(!child<QWidget>(m_panel.get(), "tcpValues")->isVisible());
    QCOMPARE(value("receiveQueueValue"), number(2304) + u" bytes");
    QCOMPARE(value("receiveBufferValue"), number(8'388'608) + u" bytes");
    QCOMPARE(value("dropsValue"), u"0 datagrams");
    QVERIFY2(headline().startsWith(u"Nothing dropped: every datagram that arrived at "
                                   u"127.0.0.1:9000 found room"),
             qPrintable(headline()));
    (*m_fake).udpReading.drops = 1234;
    m_panel->refresh();
    QCOMPARE(value("dropsValue"), number(1234) + u" datagrams");
    QCOMPARE(headline(),
             QStringLiteral("The kernel dropped %1 datagrams for 127.0.0.1:9000: the "
                            "receive buffer was full.")
                 .arg(number(1234)));
    (*m_fake).udpReading.drops = 1;
    m_panel->refresh();
    QVERIFY2(headline().startsWith(u"The kernel dropped 1 datagram for"), qPrintable(headline()));
}

void tst_KernelPanel::saysWhenTheSystemHasNoKernelView()
{
    (*m_fake).available = false;
    m_panel->show();
    QCOMPARE(headline(), u"The kernel's view is available on Linux only.");
    QVERIFY(!child<QWidget>(m_panel.get(), "tcpValues")->isVisible());
    QVERIFY(!child<QWidget>(m_panel.get(), "udpValues")->isVisible());
}

void tst_KernelPanel::aHiddenPanelDoesNotAsk()
{
    QCOMPARE((*m_fake).reads, 0); // made, never shown
    m_panel->show();
    QTRY_VERIFY_WITH_TIMEOUT((*m_fake).reads >= 3, 10'000); // and goes on asking
    m_panel->hide();
    const int reads = (*m_fake).reads;
    // Another panel, shown now, asks on the same timer: by its third read the hidden one's
    // timer would have fired too, had it gone on.
    FakeKernelProbe otherProbe;
    KernelPanel other;
    other.setProbe(&otherProbe);
    other.setSource([] { return KernelPanel::Target { Transport::Udp, 5, Peer, {}, {} }; });
    other.show();
    QTRY_VERIFY_WITH_TIMEOUT(otherProbe.reads >= 3, 10'000);
    QCOMPARE((*m_fake).reads, reads);
    m_panel->show();
    QVERIFY((*m_fake).reads > reads);
}

void tst_KernelPanel::theTabsSwitchShowsItAndIsRemembered()
{
    Settings settings;
    const SessionTab::Context context { settings, nullptr, QStringLiteral("TCP Client"),
                                        QStringLiteral("tcpClient") };
    auto tab = std::make_unique<TcpClientTab>(context);
    tab->show();
    QVERIFY(QTest::qWaitForWindowExposed(tab.get()));
    QSignalSpy changed(tab.get(), &SessionTab::kernelViewShownChanged);
    auto *panel = child<KernelPanel>(tab.get(), "kernelPanel");
    QVERIFY(!panel->isVisible()); // off at first
    QVERIFY(!tab->showsKernelView());
    tab->showKernelView(true);
    QVERIFY(panel->isVisible());
    QVERIFY(tab->showsKernelView());
    QCOMPARE(changed.size(), 1);
    QCOMPARE(child<QLabel>(panel, "headlineLabel")->text(),
             u"Connect to see the connection as the kernel sees it.");
    tab.reset();
    tab = std::make_unique<TcpClientTab>(context);
    tab->show();
    QVERIFY(child<KernelPanel>(tab.get(), "kernelPanel")->isVisible());
    tab->showKernelView(false);
    QVERIFY(!child<KernelPanel>(tab.get(), "kernelPanel")->isVisible());
    // Each kind has its own choice.
    QVERIFY(!Settings().group(QStringLiteral("udp")).flag(u"kernelView", false));
}

// The window's button (and Ctrl+Shift+K) switches the tab shown, and shows that tab's choice.
void tst_KernelPanel::theWindowsSwitchFollowsTheTab()
{
    MainWindow window(LaunchOptions {});
    window.show();
    QApplication::setActiveWindow(&window);
    QVERIFY(QTest::qWaitForWindowActive(&window));
    auto *tabs = child<QTabWidget>(&window, "sessionTabs");
    auto *button = child<QToolButton>(&window, "kernelButton");
    SessionTab *udp = window.firstTab(QStringLiteral("udp"));
    SessionTab *client = window.firstTab(QStringLiteral("tcpClient"));
    tabs->setCurrentWidget(udp);
    QVERIFY(!button->isChecked());
    button->click();
    QVERIFY(udp->showsKernelView());
    QVERIFY(udp->kernelPanel()->isVisible());
    QVERIFY(button->isChecked());
    tabs->setCurrentWidget(client);
    QVERIFY(!button->isChecked()); // the client tab's own choice
    QVERIFY(!udp->kernelPanel()->isVisible()); // hidden with its tab: it asks nothing
    QTest::keyClick(&window, Qt::Key_K, Qt::ControlModifier | Qt::ShiftModifier);
    QVERIFY(client->showsKernelView());
    QVERIFY(button->isChecked());
    QVERIFY(udp->showsKernelView());
}

// The real kernel: the client's connection ESTABLISHED, then, closed by this side first, in
// FIN_WAIT2 or TIME_WAIT.
void tst_KernelPanel::followsTheClientsRealConnection()
{
#ifndef Q_OS_LINUX
    QSKIP("The kernel's view is read on Linux only.");
#endif
    QTcpServer server;
    QVERIFY2(server.listen(QHostAddress::LocalHost, 0), qPrintable(server.errorString()));
    QList<QTcpSocket *> peers;
    connect(&server, &QTcpServer::newConnection, &server,
            [&server, &peers] { peers << server.nextPendingConnection(); });
    Settings settings;
    TcpClientTab tab(SessionTab::Context { settings, nullptr, QStringLiteral("TCP Client"),
                                           QStringLiteral("tcpClient") });
    tab.showKernelView(true);
    tab.show();
    QVERIFY(QTest::qWaitForWindowExposed(&tab));
    setText(child<QComboBox>(&tab, "hostCombo"), QStringLiteral("127.0.0.1"));
    setText(child<QSpinBox>(&tab, "portSpin"), QString::number(server.serverPort()));
    QTest::mouseClick(child<QPushButton>(&tab, "connectButton"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(tab.session()->isConnected() && !peers.isEmpty(), 10'000);
    auto *state = child<QLabel>(&tab, "stateValue");
    QTRY_COMPARE_WITH_TIMEOUT(state->text(), u"ESTABLISHED", 10'000);
    QTest::mouseClick(child<QPushButton>(&tab, "connectButton"), Qt::LeftButton); // Disconnect
    QTRY_VERIFY_WITH_TIMEOUT(state->text() == u"FIN_WAIT2" || state->text() == u"TIME_WAIT",
                             10'000);
    QVERIFY(child<QLabel>(&tab, "headlineLabel")->text().contains(u"lives on in the kernel"));
}

// The server's panel shows the one client selected in its list; a client that does not read
// makes the server's send queue fill and its window close.
void tst_KernelPanel::followsTheServersSelectedClient()
{
#ifndef Q_OS_LINUX
    QSKIP("The kernel's view is read on Linux only.");
#endif
    Settings settings;
    TcpServerTab tab(SessionTab::Context { settings, nullptr, QStringLiteral("TCP Server"),
                                           QStringLiteral("tcpServer") });
    tab.showKernelView(true);
    tab.show();
    QVERIFY(QTest::qWaitForWindowExposed(&tab));
    auto *address = child<QComboBox>(&tab, "addressCombo");
    address->setCurrentIndex(address->findData(QStringLiteral("127.0.0.1")));
    setText(child<QSpinBox>(&tab, "portSpin"), QStringLiteral("0"));
    QTest::mouseClick(child<QPushButton>(&tab, "listenButton"), Qt::LeftButton);
    QTRY_VERIFY(tab.session()->isListening());
    QTcpSocket first;
    QTcpSocket second;
    first.connectToHost(QHostAddress::LocalHost, tab.session()->localEndpoint().port);
    second.connectToHost(QHostAddress::LocalHost, tab.session()->localEndpoint().port);
    QTRY_COMPARE_WITH_TIMEOUT(tab.session()->clients().size(), 2, 10'000);
    auto *headline = child<QLabel>(&tab, "headlineLabel");
    QTRY_COMPARE_WITH_TIMEOUT(
        headline->text(),
        u"Select one client in the list to see its connection as the kernel sees it.", 10'000);
    // The two connects may be accepted in either order: `second` is the client at its port.
    QTRY_VERIFY_WITH_TIMEOUT(second.state() == QAbstractSocket::ConnectedState, 10'000);
    const TcpConnection *secondsConnection = nullptr;
    for (const TcpConnection *client : tab.session()->clients()) {
        if (client->peerEndpoint().port == second.localPort())
            secondsConnection = client;
    }
    QVERIFY(secondsConnection);
    auto *table = child<QTableView>(&tab, "clientTable");
    int row = -1;
    for (int r = 0; r < table->model()->rowCount(); ++r) {
        if (table->model()->index(r, 0).data(ClientListModel::IdRole) == secondsConnection->id())
            row = r;
    }
    QVERIFY(row >= 0);
    table->selectRow(row);
    QTRY_COMPARE_WITH_TIMEOUT(child<QLabel>(&tab, "stateValue")->text(), u"ESTABLISHED", 10'000);

    // `second` stops reading: Qt takes one byte into its buffer, and the test reads none.
    second.setReadBufferSize(1);
    QVERIFY(tab.session()->send(QByteArray(8 << 20, 'x'), { secondsConnection->id() }));
    auto *unsent = child<QLabel>(&tab, "unsentValue");
    QTRY_VERIFY_WITH_TIMEOUT(unsent->text() != u"0 bytes", 10'000);
    QTRY_COMPARE_WITH_TIMEOUT(child<QLabel>(&tab, "peerWindowValue")->text(), u"0 bytes", 10'000);
    QTRY_VERIFY_WITH_TIMEOUT(headline->text().contains(u"The peer's window is 0: its program is "
                                                       u"not reading"),
                             10'000);
}

QTEST_MAIN(tst_KernelPanel)
#include "tst_kernelpanel.moc"
