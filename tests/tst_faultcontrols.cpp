#include "config/settings.h"
#include "mainwindow.h"
#include "net/tcpserversession.h"
#include "net/udpsession.h"
#include "tabs/tcpservertab.h"
#include "tabs/udptab.h"
#include "tabtesthelpers.h"
#include "widgets/faultcontrols.h"

#include <QLabel>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;
using TabTest::child;

// The faults on purpose as a user sets them: the box is the switch and folds away when off,
// what is set is said in colour and in the status line, the session gets it, and it is gone at
// the next start (and so is a lesson's or the command line's).
class tst_FaultControls : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void theBoxIsTheSwitch();
    void aRangeOrAFixedDelay();
    void aStreamHasNoDuplicateOrReorder();
    void theUdpSessionGetsTheFaults();
    void theServerTabGetsTheFaults();
    void notSavedForTheNextStart();
    void theCommandLineSetsThem();
};

void tst_FaultControls::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QSettings().clear();
}

void tst_FaultControls::cleanup()
{
    QSettings().clear();
}

void tst_FaultControls::theBoxIsTheSwitch()
{
    FaultControls box;
    box.show();
    QVERIFY(QTest::qWaitForWindowExposed(&box));
    auto *drop = child<QSpinBox>(&box, "dropSpin");
    QVERIFY(!box.isChecked());
    QVERIFY(!drop->isVisible()); // folded
    QSignalSpy changed(&box, &FaultControls::specChanged);
    box.setChecked(true);
    QTRY_VERIFY(drop->isVisible());
    QVERIFY(!box.spec().isActive());
    QCOMPARE(child<QLabel>(&box, "faultsLabel")->text(), u"No fault set yet"_s);
    drop->setValue(50);
    QCOMPARE(box.spec().dropPercent, 50);
    QCOMPARE(changed.last().at(0).value<FaultSpec>().dropPercent, 50);
    QCOMPARE(box.summary(), u"Faults: drop 50%"_s);
    QCOMPARE(child<QLabel>(&box, "faultsLabel")->text(), u"Faults are on"_s);
    QCOMPARE(child<QLabel>(&box, "faultsLabel")->toolTip(), u"Faults: drop 50%"_s);
    box.setChecked(false); // off, whatever the fields say
    QVERIFY(!box.spec().isActive());
    QVERIFY(!changed.last().at(0).value<FaultSpec>().isActive());
    QVERIFY(box.summary().isEmpty());
    QTRY_VERIFY(!drop->isVisible());
}

void tst_FaultControls::aRangeOrAFixedDelay()
{
    FaultControls box;
    box.setChecked(true);
    child<QSpinBox>(&box, "delayMinSpin")->setValue(100);
    QCOMPARE(box.spec().delayMaxMs, 100); // "fixed"
    child<QSpinBox>(&box, "delayMaxSpin")->setValue(500);
    QVERIFY(box.spec().hasRandomDelay());
    QCOMPARE(box.summary(), u"Faults: delay 100–500 ms"_s);
    child<QSpinBox>(&box, "delayMaxSpin")->setValue(50); // below the start: fixed again
    QVERIFY(!box.spec().hasRandomDelay());
    FaultSpec spec;
    spec.delayMinMs = 10;
    spec.delayMaxMs = 20;
    spec.reorderPercent = 5;
    box.setSpec(spec);
    QVERIFY(box.isChecked());
    QVERIFY(box.spec() == spec);
    box.setSpec({});
    QVERIFY(!box.isChecked());
}

void tst_FaultControls::aStreamHasNoDuplicateOrReorder()
{
    FaultControls box;
    box.setChecked(true);
    box.setDatagrams(false);
    auto *duplicate = child<QSpinBox>(&box, "duplicateSpin");
    QVERIFY(!duplicate->isEnabled());
    QVERIFY(!child<QSpinBox>(&box, "reorderSpin")->isEnabled());
    QVERIFY(duplicate->toolTip().contains(u"once and in order"_s));
    duplicate->setValue(50);
    QVERIFY(!box.spec().isActive());
    box.setChecked(false);
    box.setChecked(true); // the box enables its fields again, but not these
    QVERIFY(!duplicate->isEnabled());
}

void tst_FaultControls::theUdpSessionGetsTheFaults()
{
    Settings settings;
    UdpTab tab(SessionTab::Context { settings, nullptr, u"UDP"_s, u"udp"_s });
    auto *box = child<FaultControls>(&tab, "faultControls");
    QSignalSpy status(&tab, &SessionTab::statusChanged);
    box->setChecked(true);
    child<QSpinBox>(box, "dropSpin")->setValue(50);
    child<QSpinBox>(box, "duplicateSpin")->setValue(10);
    QCOMPARE(tab.session()->faults().dropPercent, 50);
    QCOMPARE(tab.session()->faults().duplicatePercent, 10);
    QVERIFY(!status.isEmpty());
    QVERIFY(tab.session()->bind(QHostAddress::LocalHost, 0));
    QVERIFY2(tab.statusText().contains(u"Faults: drop 50%, duplicate 10%"_s),
             qPrintable(tab.statusText()));
    box->setChecked(false);
    QVERIFY(!tab.session()->faults().isActive());
    QVERIFY(!tab.statusText().contains(u"Faults"_s));
}

void tst_FaultControls::theServerTabGetsTheFaults()
{
    Settings settings;
    TcpServerTab tab(SessionTab::Context { settings, nullptr, u"TCP Server"_s, u"tcpServer"_s });
    FaultSpec spec;
    spec.dropPercent = 30;
    spec.reorderPercent = 40; // not on a stream: said in the log, left out of the fields
    tab.setFaults(spec);
    auto *box = child<FaultControls>(&tab, "faultControls");
    QVERIFY(box->isChecked());
    QCOMPARE(tab.session()->faults().dropPercent, 30);
    QCOMPARE(tab.session()->faults().reorderPercent, 0);
    QCOMPARE(child<QSpinBox>(box, "reorderSpin")->value(), 0);
    QVERIFY(tab.session()->listen(QHostAddress::LocalHost, 0));
    QVERIFY2(tab.statusText().contains(u"Faults: drop 30%"_s), qPrintable(tab.statusText()));
}

// A lossy session that came back by itself after a restart would look broken.
void tst_FaultControls::notSavedForTheNextStart()
{
    {
        MainWindow window(LaunchOptions {});
        auto *tab = window.firstTab<UdpTab>(u"udp"_s);
        tab->setFaults(FaultSpecs::parse(u"drop=50"_s).spec);
        QVERIFY(child<FaultControls>(tab, "faultControls")->isChecked());
        tab->saveSettings();
        window.close();
    }
    MainWindow again(LaunchOptions {});
    auto *tab = again.firstTab<UdpTab>(u"udp"_s);
    QVERIFY(!child<FaultControls>(tab, "faultControls")->isChecked());
    QVERIFY(!tab->session()->faults().isActive());
}

void tst_FaultControls::theCommandLineSetsThem()
{
    LaunchOptions options;
    options.setEndpoint(u"udp"_s, HostPort { u"127.0.0.1"_s, 0 });
    options.setEndpoint(u"tcp-server"_s, HostPort { u"127.0.0.1"_s, 0 });
    options.autoReply = AutoReply::Echo;
    options.fault = FaultSpecs::parse(u"drop=50,delay=200,duplicate=5"_s).spec;
    MainWindow window(options);
    auto *udp = window.firstTab<UdpTab>(u"udp"_s);
    QVERIFY(udp->session()->isBound());
    QVERIFY(udp->session()->faults() == *options.fault);
    auto *server = window.firstTab<TcpServerTab>(u"tcpServer"_s);
    QVERIFY(server->session()->isListening());
    QCOMPARE(server->session()->faults().dropPercent, 50);
    QCOMPARE(server->session()->faults().delayMaxMs, 200);
    QCOMPARE(server->session()->faults().duplicatePercent, 0);
}

QTEST_MAIN(tst_FaultControls)
#include "tst_faultcontrols.moc"
