#include "tabs/udptab.h"

#include "tabtesthelpers.h"
#include "widgets/keyedcombo.h"

#include "config/settings.h"
#include "log/hexdumpview.h"
#include "log/logfiltermodel.h"
#include "log/logmodel.h"
#include "log/logview.h"
#include "compose/messagecomposer.h"
#include "log/sessionlog.h"
#include "net/udpsession.h"
#include "text/payloadcodec.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkDatagram>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>
#include <QUdpSocket>

using namespace Qt::StringLiterals;

class tst_UdpTab : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void emptyLogSaysWhatToDo();
    void startBindsAndShowsThePort();
    void everyAddressIsSaidInWords();
    void sendFailuresShowUnderTheEditor();
    void sendsWhatWasTypedToThePeer();
    void sendingBeforeStartBindsAndReceivesTheReply();
    void badHexIsNotSent();
    void repeatEndsWithARow();
    void receivedDatagramsAreLoggedAndFiltered();
    void replyToLastSenderButton();
    void autoReplyEcho();
    void portInUseIsALogRow();
    void choicesPersist();
    void gbkInGbkOut();
    void hexViewAndEncodingPersist();
    void readAtMostCutsAndIsRemembered();

private:
    template<typename T>
    T *child(const char *name) const
    {
        return TabTest::child<T>(m_tab.get(), name);
    }
    void setText(QWidget *widget, const QString &text);
    void typeAndSend(const QString &text);
    void pasteAndSend(const QString &text);
    void chooseLoopbackAndStart();
    bool logHas(Direction direction, const QByteArray &payload) const;

    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<UdpTab> m_tab;
    std::unique_ptr<QUdpSocket> m_peer;
};

void tst_UdpTab::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QSettings().clear();
}

void tst_UdpTab::init()
{
    m_settings = std::make_unique<Settings>();
    m_tab = std::make_unique<UdpTab>(SessionTab::Context { *m_settings, nullptr, QStringLiteral("UDP"), QStringLiteral("udp") });
    m_tab->resize(1000, 700);
    m_tab->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_tab.get()));
    m_peer = std::make_unique<QUdpSocket>();
    QVERIFY2(m_peer->bind(QHostAddress::LocalHost, 0), qPrintable(m_peer->errorString()));
    setText(child<QComboBox>("remoteHostCombo"), QStringLiteral("127.0.0.1"));
    setText(child<QSpinBox>("remotePortSpin"), QString::number(m_peer->localPort()));
}

void tst_UdpTab::cleanup()
{
    m_tab.reset();
    m_peer.reset();
    m_settings.reset();
    QSettings().clear();
}

void tst_UdpTab::setText(QWidget *widget, const QString &text)
{
    TabTest::setText(widget, text);
}

void tst_UdpTab::typeAndSend(const QString &text)
{
    TabTest::typeAndSend(m_tab.get(), text);
}

// Text that keys cannot type (Chinese, emoji) is pasted, as a user does.
void tst_UdpTab::pasteAndSend(const QString &text)
{
    auto *input = child<QPlainTextEdit>("inputEdit");
    input->setFocus();
    input->clear();
    QApplication::clipboard()->setText(text);
    QTest::keyClick(input, Qt::Key_V, Qt::ControlModifier);
    QCOMPARE(input->toPlainText(), text);
    QTest::keyClick(input, Qt::Key_Return);
}

// An empty log says what Start does and what to run in another program, with the real
// address and port, following the fields and the socket's state; it goes with the first row.
void tst_UdpTab::emptyLogSaysWhatToDo()
{
    auto *hint = child<QLabel>("tableHint");
    auto *chatHint = child<QLabel>("chatHint");
    setText(child<QSpinBox>("localPortSpin"), QStringLiteral("28081"));
    QVERIFY(hint->isVisible());
    QVERIFY2(hint->text().startsWith(u"Start binds port 28081"_s)
                     && hint->text().contains(u"nc -u 127.0.0.1 28081"_s)
                     && hint->text().contains(u"127.0.0.1:%1"_s.arg(m_peer->localPort())),
             qPrintable(hint->text()));
    QCOMPARE(chatHint->text(), hint->text());
    auto *address = child<QComboBox>("localAddressCombo");
    if (const int ipv6 = address->findData(QStringLiteral("::")); ipv6 >= 0) {
        address->setCurrentIndex(ipv6);
        QVERIFY2(hint->text().contains(u"nc -u ::1 28081"_s), qPrintable(hint->text()));
    }

    chooseLoopbackAndStart();
    QTRY_VERIFY(m_tab->session()->isBound());
    const quint16 port = m_tab->session()->localEndpoint().port;
    QTRY_VERIFY(hint->isHidden()); // "Bound to …" is a row
    m_tab->logView()->clear();
    QTRY_VERIFY(!hint->isHidden());
    QVERIFY2(hint->text().startsWith(u"Bound to 127.0.0.1:%1."_s.arg(port))
                     && hint->text().contains(u"nc -u 127.0.0.1 %1"_s.arg(port)),
             qPrintable(hint->text()));
    m_peer->writeDatagram("hi", QHostAddress::LocalHost, port);
    QTRY_VERIFY(hint->isHidden());
}

void tst_UdpTab::chooseLoopbackAndStart()
{
    auto *address = child<QComboBox>("localAddressCombo");
    address->setCurrentIndex(address->findData(QStringLiteral("127.0.0.1")));
    setText(child<QSpinBox>("localPortSpin"), QStringLiteral("0"));
    QTest::mouseClick(child<QPushButton>("startButton"), Qt::LeftButton);
}

bool tst_UdpTab::logHas(Direction direction, const QByteArray &payload) const
{
    return TabTest::findRow(m_tab->sessionLog(), direction, payload) != nullptr;
}

void tst_UdpTab::startBindsAndShowsThePort()
{
    chooseLoopbackAndStart();
    QVERIFY(m_tab->session()->isBound());
    const Endpoint local = m_tab->session()->localEndpoint();
    QCOMPARE(local.address, QHostAddress(QHostAddress::LocalHost));
    QVERIFY(local.port != 0);
    QVERIFY(child<QLabel>("boundLabel")->text().contains(local.toString()));
    QCOMPARE(child<QPushButton>("startButton")->text().remove(u'&'), QStringLiteral("Stop"));
    QVERIFY(!child<QSpinBox>("localPortSpin")->isEnabled());
    QTest::mouseClick(child<QPushButton>("startButton"), Qt::LeftButton);
    QVERIFY(!m_tab->session()->isBound());
    QVERIFY(child<QSpinBox>("localPortSpin")->isEnabled());
}

void tst_UdpTab::sendsWhatWasTypedToThePeer()
{
    chooseLoopbackAndStart();
    KeyedCombo::setValue(child<QComboBox>("lineEndingCombo"), PayloadCodec::LineEnding::Lf);
    typeAndSend(QStringLiteral("hello \\x00world"));
    QSignalSpy ready(m_peer.get(), &QUdpSocket::readyRead);
    QVERIFY(m_peer->hasPendingDatagrams() || ready.wait(10000));
    const QNetworkDatagram got = m_peer->receiveDatagram();
    QCOMPARE(got.data(), QByteArray("hello \0world\n", 13));
    QCOMPARE(got.senderPort(), int(m_tab->session()->localEndpoint().port));
    QVERIFY(logHas(Direction::Sent, QByteArray("hello \0world\n", 13)));
    // Sent, it leaves the editor for the next message; one that cannot be sent stays.
    auto *input = child<QPlainTextEdit>("inputEdit");
    QCOMPARE(input->toPlainText(), QString());
    setText(child<QComboBox>("remoteHostCombo"), QString());
    typeAndSend(QStringLiteral("nowhere"));
    QCOMPARE(input->toPlainText(), QStringLiteral("nowhere"));
}

void tst_UdpTab::sendingBeforeStartBindsAndReceivesTheReply()
{
    QVERIFY(!m_tab->session()->isBound());
    typeAndSend(QStringLiteral("time?"));
    QVERIFY(m_tab->session()->isBound());
    QSignalSpy ready(m_peer.get(), &QUdpSocket::readyRead);
    QVERIFY(m_peer->hasPendingDatagrams() || ready.wait(10000));
    const QNetworkDatagram request = m_peer->receiveDatagram();
    QCOMPARE(request.data(), QByteArray("time?"));
    m_peer->writeDatagram(request.makeReply("12:00"));
    QTRY_VERIFY_WITH_TIMEOUT(logHas(Direction::Received, "12:00"), 10000);
    QVERIFY(child<QLabel>("boundLabel")->text().contains(QString::number(request.senderPort())));
    // The disabled Port field shows the port the send bound, not the 0 it held, and gets the
    // port asked for back at Stop.
    auto *port = child<QSpinBox>("localPortSpin");
    QVERIFY(!port->isEnabled());
    QCOMPARE(port->value(), request.senderPort());
    QTest::mouseClick(child<QPushButton>("startButton"), Qt::LeftButton);
    QVERIFY(!m_tab->session()->isBound());
    QCOMPARE(port->value(), 0);
}

// The default binding takes IPv4 and IPv6: the label says so, not "0.0.0.0".
void tst_UdpTab::everyAddressIsSaidInWords()
{
    auto *address = child<QComboBox>("localAddressCombo");
    address->setCurrentIndex(address->findData(QString()));
    setText(child<QSpinBox>("localPortSpin"), QStringLiteral("0"));
    QTest::mouseClick(child<QPushButton>("startButton"), Qt::LeftButton);
    QVERIFY(m_tab->session()->isBound());
    const QString port = QString::number(m_tab->session()->localEndpoint().port);
    QCOMPARE(child<QLabel>("boundLabel")->text(),
             u"Bound to every address, IPv4 and IPv6, port "_s + port);
    QVERIFY2(m_tab->statusText().startsWith(u"UDP bound to every address, IPv4 and IPv6, port "_s
                                            + port),
             qPrintable(m_tab->statusText()));
    QCOMPARE(child<QSpinBox>("localPortSpin")->value(), port.toInt());
}

// Why a message was not sent shows under the editor as well as in the log: at once (no
// destination, nobody to reply to), and once known (a host that is not found). A name that is
// not found binds no port for the answer either.
void tst_UdpTab::sendFailuresShowUnderTheEditor()
{
    auto *error = child<QLabel>("errorLabel");
    setText(child<QComboBox>("remoteHostCombo"), QString());
    typeAndSend(u"to nobody"_s);
    QVERIFY(error->isVisible());
    QVERIFY2(error->text().contains(u"there is no destination host"_s), qPrintable(error->text()));
    QTest::mouseClick(child<QPushButton>("replyButton"), Qt::LeftButton);
    QVERIFY2(error->text().contains(u"there is no sender to reply to"_s), qPrintable(error->text()));
    QTest::keyClicks(child<QPlainTextEdit>("inputEdit"), u"!"_s); // the input changed: it goes
    QVERIFY(!error->isVisible());

    setText(child<QComboBox>("remoteHostCombo"), u"no-such-host.invalid"_s);
    typeAndSend(u"lost"_s);
    QTRY_VERIFY_WITH_TIMEOUT(error->isVisible(), 30000);
    QVERIFY2(error->text().contains(u"no-such-host.invalid"_s), qPrintable(error->text()));
    QVERIFY(!m_tab->session()->isBound());
    QCOMPARE(child<QLabel>("boundLabel")->text(), u"Not bound: sending binds a free port"_s);
}

void tst_UdpTab::repeatEndsWithARow()
{
    chooseLoopbackAndStart();
    setText(child<QSpinBox>("repeatCountSpin"), QStringLiteral("3"));
    setText(child<QSpinBox>("repeatIntervalSpin"), QStringLiteral("0"));
    auto *input = child<QPlainTextEdit>("inputEdit");
    input->setFocus();
    QTest::keyClicks(input, QStringLiteral("again"));
    QTest::mouseClick(child<QPushButton>("repeatButton"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(TabTest::findRow(m_tab->sessionLog(), Direction::Info, {},
                                              QStringLiteral("Repeat done: 3 of 3 sent in ")),
                             10000);
    QCOMPARE(m_tab->sessionLog()->counters().sentMessages, quint64(3));
}

void tst_UdpTab::badHexIsNotSent()
{
    chooseLoopbackAndStart();
    KeyedCombo::setValue(child<QComboBox>("modeCombo"), PayloadCodec::InputMode::Hex);
    typeAndSend(QStringLiteral("01 2"));
    QVERIFY(child<QLabel>("errorLabel")->isVisible());
    typeAndSend(QStringLiteral("ca fe"));
    QSignalSpy ready(m_peer.get(), &QUdpSocket::readyRead);
    QVERIFY(m_peer->hasPendingDatagrams() || ready.wait(10000));
    // The first datagram to arrive is the valid one: nothing of the bad input went out.
    QCOMPARE(m_peer->receiveDatagram().data(), QByteArray("\xca\xfe"));
    QCOMPARE(m_tab->sessionLog()->counters().sentMessages, quint64(1));
}

void tst_UdpTab::receivedDatagramsAreLoggedAndFiltered()
{
    chooseLoopbackAndStart();
    const quint16 port = m_tab->session()->localEndpoint().port;
    for (const char *text : { "alpha", "beta", "alphabet" })
        m_peer->writeDatagram(text, QHostAddress::LocalHost, port);
    QTRY_COMPARE_WITH_TIMEOUT(m_tab->sessionLog()->counters().receivedMessages, quint64(3), 10000);
    LogModel *model = m_tab->sessionLog()->model();
    QTRY_VERIFY(model->rowCount() >= 4); // the bound notice and three datagrams, after a flush
    const LogEntry &last = model->entry(model->rowCount() - 1);
    QCOMPARE(last.payload, QByteArray("alphabet"));
    QCOMPARE(last.peer.port, m_peer->localPort());

    setText(child<QLineEdit>("filterEdit"), QStringLiteral("alpha"));
    LogFilterModel *filter = m_tab->logView()->filterModel();
    QCOMPARE(filter->rowCount(), 2);
    KeyedCombo::setValue(child<QComboBox>("filterModeCombo"), PayloadCodec::InputMode::Hex);
    setText(child<QLineEdit>("filterEdit"), QStringLiteral("62 65"));  // "be"
    QCOMPARE(filter->rowCount(), 2); // beta, alphabet

    // Selecting a row shows its bytes in the detail pane.
    auto *table = child<QTableView>("table");
    table->setCurrentIndex(filter->index(0, 0));
    QVERIFY(child<HexDumpView>("detailHex")->lineText(0).startsWith(QStringLiteral("00000000  62 65 74 61")));
}

void tst_UdpTab::replyToLastSenderButton()
{
    chooseLoopbackAndStart();
    QUdpSocket other;
    QVERIFY(other.bind(QHostAddress::LocalHost, 0));
    QSignalSpy received(m_tab->session(), &UdpSession::received);
    other.writeDatagram("who?", QHostAddress::LocalHost, m_tab->session()->localEndpoint().port);
    QVERIFY(received.wait(10000));
    auto *input = child<QPlainTextEdit>("inputEdit");
    input->setFocus();
    QTest::keyClicks(input, QStringLiteral("you"));
    QTest::mouseClick(child<QPushButton>("replyButton"), Qt::LeftButton);
    QSignalSpy ready(&other, &QUdpSocket::readyRead);
    QVERIFY(other.hasPendingDatagrams() || ready.wait(10000));
    QCOMPARE(other.receiveDatagram().data(), QByteArray("you"));
    QVERIFY(!m_peer->hasPendingDatagrams()); // not to the configured destination
}

void tst_UdpTab::autoReplyEcho()
{
    KeyedCombo::setValue(child<QComboBox>("autoReplyCombo"), AutoReply::Echo);
    chooseLoopbackAndStart();
    m_peer->writeDatagram("echo me", QHostAddress::LocalHost, m_tab->session()->localEndpoint().port);
    QSignalSpy ready(m_peer.get(), &QUdpSocket::readyRead);
    QVERIFY(m_peer->hasPendingDatagrams() || ready.wait(10000));
    QCOMPARE(m_peer->receiveDatagram().data(), QByteArray("echo me"));
}

void tst_UdpTab::portInUseIsALogRow()
{
    auto *address = child<QComboBox>("localAddressCombo");
    address->setCurrentIndex(address->findData(QStringLiteral("127.0.0.1")));
    setText(child<QSpinBox>("localPortSpin"), QString::number(m_peer->localPort()));
    QTest::mouseClick(child<QPushButton>("startButton"), Qt::LeftButton);
    QVERIFY(!m_tab->session()->isBound());
    LogModel *model = m_tab->sessionLog()->model();
    model->flush();
    QCOMPARE(model->rowCount(), 1);
    QCOMPARE(model->entry(0).direction, Direction::Error);
    QVERIFY(model->entry(0).message.contains(QStringLiteral("already in use")));
    // Beside Start, in short, until the next attempt.
    const QString why = u"Not bound: port "_s + QString::number(m_peer->localPort()) + u" is in use"_s;
    QCOMPARE(child<QLabel>("boundLabel")->text(), why);
    setText(child<QSpinBox>("localPortSpin"), QStringLiteral("0"));
    QTest::mouseClick(child<QPushButton>("startButton"), Qt::LeftButton);
    QVERIFY(m_tab->session()->isBound());
    QTest::mouseClick(child<QPushButton>("startButton"), Qt::LeftButton);
    QCOMPARE(child<QLabel>("boundLabel")->text(), u"Not bound: sending binds a free port"_s);
}

void tst_UdpTab::choicesPersist()
{
    setText(child<QComboBox>("remoteHostCombo"), QStringLiteral("::1"));
    setText(child<QSpinBox>("remotePortSpin"), QStringLiteral("4242"));
    KeyedCombo::setValue(child<QComboBox>("modeCombo"), PayloadCodec::InputMode::Hex);
    typeAndSend(QStringLiteral("ab cd"));
    m_tab.reset();
    m_settings = std::make_unique<Settings>();
    m_tab = std::make_unique<UdpTab>(SessionTab::Context { *m_settings, nullptr, QStringLiteral("UDP"), QStringLiteral("udp") });
    QCOMPARE(child<QComboBox>("remoteHostCombo")->currentText(), QStringLiteral("::1"));
    QCOMPARE(child<QSpinBox>("remotePortSpin")->value(), 4242);
    QCOMPARE(KeyedCombo::value<PayloadCodec::InputMode>(child<QComboBox>("modeCombo")),
             PayloadCodec::InputMode::Hex);
    auto *input = child<QPlainTextEdit>("inputEdit");
    input->setFocus();
    QTest::keyClick(input, Qt::Key_Up);
    QCOMPARE(input->toPlainText(), QStringLiteral("ab cd"));
}

// A Chinese Windows tool sends GBK: with the tab's encoding set to GB18030, the log reads it as
// Chinese, and the same text typed into the composer goes back as the same GBK bytes.
void tst_UdpTab::gbkInGbkOut()
{
    chooseLoopbackAndStart();
    KeyedCombo::setValue(child<QComboBox>("encodingCombo"), TextEncoding::Gb18030);
    auto *format = child<QComboBox>("modeCombo");
    QVERIFY2(format->currentText().contains(u"GB18030"), qPrintable(format->currentText()));
    QTRY_VERIFY(format->width() > format->fontMetrics().horizontalAdvance(format->currentText()));
    const QByteArray gbk("\xc4\xe3\xba\xc3\xa3\xac\xca\xc0\xbd\xe7\r\n"); // 你好，世界
    QSignalSpy received(m_tab->session(), &UdpSession::received);
    m_peer->writeDatagram(gbk, QHostAddress::LocalHost, m_tab->session()->localEndpoint().port);
    QVERIFY(received.wait(10000));
    LogModel *model = m_tab->sessionLog()->model();
    model->flush();
    const QModelIndex data = model->index(model->rowCount() - 1, LogModel::DataColumn);
    const QString shown = data.data().toString();
    QCOMPARE(shown, QStringLiteral("\u4f60\u597d\uff0c\u4e16\u754c\\r\\n"));

    pasteAndSend(shown); // as if copied from the log
    QSignalSpy ready(m_peer.get(), &QUdpSocket::readyRead);
    QVERIFY(m_peer->hasPendingDatagrams() || ready.wait(10000));
    QCOMPARE(m_peer->receiveDatagram().data(), gbk);
    // GB18030 writes every character; Big5 does not. What it cannot write is refused, with
    // its position, and nothing is sent.
    KeyedCombo::setValue(child<QComboBox>("encodingCombo"), TextEncoding::Big5);
    pasteAndSend(QStringLiteral("ok \U0001F600"));
    QVERIFY2(child<QLabel>("errorLabel")->text().contains(QStringLiteral("position 4")),
             qPrintable(child<QLabel>("errorLabel")->text()));
    pasteAndSend(QStringLiteral("next"));
    QVERIFY(m_peer->hasPendingDatagrams() || ready.wait(10000));
    QCOMPARE(m_peer->receiveDatagram().data(), QByteArray("next")); // nothing came before it
}

void tst_UdpTab::hexViewAndEncodingPersist()
{
    chooseLoopbackAndStart();
    KeyedCombo::setValue(child<QComboBox>("payloadViewCombo"), PayloadCodec::PayloadView::Hex);
    KeyedCombo::setValue(child<QComboBox>("encodingCombo"), TextEncoding::ShiftJis);
    QSignalSpy received(m_tab->session(), &UdpSession::received);
    m_peer->writeDatagram("hi\n", QHostAddress::LocalHost, m_tab->session()->localEndpoint().port);
    QVERIFY(received.wait(10000));
    LogModel *model = m_tab->sessionLog()->model();
    model->flush();
    QCOMPARE(model->index(model->rowCount() - 1, LogModel::DataColumn).data().toString(),
             QStringLiteral("68 69 0a"));
    m_tab.reset();
    m_settings = std::make_unique<Settings>();
    m_tab = std::make_unique<UdpTab>(SessionTab::Context { *m_settings, nullptr, QStringLiteral("UDP"), QStringLiteral("udp") });
    QCOMPARE(KeyedCombo::value<PayloadCodec::PayloadView>(child<QComboBox>("payloadViewCombo")),
             PayloadCodec::PayloadView::Hex);
    QCOMPARE(KeyedCombo::value<TextEncoding>(child<QComboBox>("encodingCombo")), TextEncoding::ShiftJis);
    QCOMPARE(m_tab->composer()->textEncoding(), TextEncoding::ShiftJis);
    QCOMPARE(m_tab->sessionLog()->textEncoding(), TextEncoding::ShiftJis);
}

// Read at most: "whole datagram" at first; a number cuts larger datagrams as recvfrom(N) does,
// their rows say so, and the tab remembers the number.
void tst_UdpTab::readAtMostCutsAndIsRemembered()
{
    auto *limit = child<QSpinBox>("readLimitSpin");
    QCOMPARE(limit->value(), 0);
    QCOMPARE(limit->text(), u"whole datagram"_s);
    QCOMPARE(m_tab->session()->readLimit(), 0);
    setText(limit, u"5"_s);
    QCOMPARE(m_tab->session()->readLimit(), 5);
    chooseLoopbackAndStart();
    m_peer->writeDatagram("hello world", QHostAddress::LocalHost,
                          m_tab->session()->localEndpoint().port);
    QTRY_VERIFY_WITH_TIMEOUT(logHas(Direction::Received, "hello"), 10000);
    const LogEntry *row = TabTest::findRow(m_tab->sessionLog(), Direction::Received, "hello");
    QCOMPARE(row->arrivedBytes(), 11);

    m_tab.reset();
    m_tab = std::make_unique<UdpTab>(SessionTab::Context { *m_settings, nullptr, u"UDP"_s, u"udp"_s });
    QCOMPARE(child<QSpinBox>("readLimitSpin")->value(), 5);
    QCOMPARE(m_tab->session()->readLimit(), 5);
}

QTEST_MAIN(tst_UdpTab)
#include "tst_udptab.moc"
