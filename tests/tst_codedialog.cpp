// The Code panel (issue 15): it shows the program for the tab's settings and follows them as a
// user changes them, remembers the program chosen, and copies it.
#include "config/settings.h"
#include "dialogs/codedialog.h"
#include "tabs/tcpservertab.h"
#include "tabs/udptab.h"
#include "tabtesthelpers.h"

#include <QClipboard>
#include <QComboBox>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>

#include <memory>

using namespace TabTest;

class tst_CodeDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void followsTheUdpTab();
    void showsTheBoundPort();
    void remembersTheProgramAndCopies();
    void followsTheTcpServerTab();
};

namespace {

void choose(QComboBox *combo, const QString &key)
{
    combo->setCurrentIndex(combo->findData(key));
}

} // namespace

void tst_CodeDialog::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QSettings().clear();
}

void tst_CodeDialog::cleanup()
{
    QSettings().clear();
}

void tst_CodeDialog::followsTheUdpTab()
{
    Settings settings;
    UdpTab tab(
        SessionTab::Context { settings, nullptr, QStringLiteral("UDP"), QStringLiteral("udp") });
    CodeDialog dialog(settings);
    dialog.setTab(&tab);
    QCOMPARE(dialog.program(), ProgramText::Program::OtherEnd);
    QVERIFY(dialog.text().contains(u"sock.sendto(MESSAGE, SERVER)"));

    setText(child<QSpinBox>(&tab, "localPortSpin"), QStringLiteral("9123"));
    QTRY_VERIFY2(dialog.text().contains(u"SERVER = ('127.0.0.1', 9123)"),
                 qPrintable(dialog.text()));
    choose(child<QComboBox>(&tab, "autoReplyCombo"), QStringLiteral("echo"));
    QTRY_VERIFY(dialog.text().contains(u"(auto-reply: echo)"));
    auto *input = child<QPlainTextEdit>(&tab, "inputEdit");
    input->setFocus();
    QTest::keyClicks(input, QStringLiteral("hi\\x01"));
    QTRY_VERIFY2(dialog.text().contains(u"MESSAGE = b'hi\\x01'"), qPrintable(dialog.text()));
    choose(child<QComboBox>(&tab, "lineEndingCombo"), QStringLiteral("crlf"));
    QTRY_VERIFY(dialog.text().contains(u"MESSAGE = b'hi\\x01\\r\\n'"));

    choose(child<QComboBox>(&dialog, "programCombo"), QStringLiteral("this-end"));
    QTRY_VERIFY(dialog.text().contains(u"sock.bind(('', 9123))"));
    QVERIFY(dialog.text().contains(u"IPV6_V6ONLY, 0"));
    QVERIFY(child<QLabel>(&dialog, "aboutLabel")->text().contains(u"udp_server.py"));
}

// Bound to a port the system chose, the programs name that port.
void tst_CodeDialog::showsTheBoundPort()
{
    Settings settings;
    UdpTab tab(
        SessionTab::Context { settings, nullptr, QStringLiteral("UDP"), QStringLiteral("udp") });
    CodeDialog dialog(settings);
    dialog.setTab(&tab);
    QVERIFY(tab.bindTo(HostPort { QStringLiteral("127.0.0.1"), 0 }));
    const quint16 port = tab.sessionSetup().localPort;
    QVERIFY(port != 0);
    QTRY_VERIFY2(dialog.text().contains(u"SERVER = ('127.0.0.1', " + QString::number(port) + u')'),
                 qPrintable(dialog.text()));
}

void tst_CodeDialog::remembersTheProgramAndCopies()
{
    Settings settings;
    UdpTab tab(
        SessionTab::Context { settings, nullptr, QStringLiteral("UDP"), QStringLiteral("udp") });
    {
        CodeDialog dialog(settings);
        dialog.setTab(&tab);
        choose(child<QComboBox>(&dialog, "programCombo"), QStringLiteral("qt"));
        QVERIFY(dialog.text().contains(u"QUdpSocket socket;"));
        child<QPushButton>(&dialog, "copyButton")->click();
        QCOMPARE(QApplication::clipboard()->text(), dialog.text());
    }
    CodeDialog again(settings);
    QCOMPARE(again.program(), ProgramText::Program::QtThisEnd);
}

void tst_CodeDialog::followsTheTcpServerTab()
{
    Settings settings;
    TcpServerTab tab(SessionTab::Context { settings, nullptr, QStringLiteral("TCP Server"),
                                           QStringLiteral("tcpServer") });
    CodeDialog dialog(settings);
    dialog.setTab(&tab);
    QVERIFY(dialog.text().contains(u"A TCP client for Sockscope's TCP Server tab"));
    choose(child<QComboBox>(&tab, "framingCombo"), QStringLiteral("len16"));
    QTRY_VERIFY(dialog.text().contains(u"HEADER = struct.Struct('!H')"));
    choose(child<QComboBox>(&tab, "autoReplyCombo"), QStringLiteral("relay"));
    QTRY_VERIFY(dialog.text().contains(u"def show_incoming(sock):"));
    choose(child<QComboBox>(&dialog, "programCombo"), QStringLiteral("this-end"));
    QTRY_VERIFY(dialog.text().contains(u"selectors.DefaultSelector()"));
    QVERIFY(child<QLabel>(&dialog, "aboutLabel")->text().contains(u"tcp_server.py"));
}

QTEST_MAIN(tst_CodeDialog)
#include "tst_codedialog.moc"
