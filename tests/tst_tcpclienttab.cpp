#include "tabs/tcpclienttab.h"

#include "compose/messagecomposer.h"
#include "config/settings.h"
#include "net/tcpclientsession.h"
#include "tabtesthelpers.h"
#include "text/pluralforms.h"

#include <QComboBox>
#include <QCryptographicHash>
#include <QDoubleSpinBox>
#include <QFile>
#include <QLabel>
#include <QLocale>
#include <QRegularExpression>
#include <QProcess>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

using namespace TabTest;
using State = TcpClientSession::State;

class tst_TcpClientTab : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void emptyLogSaysWhatServerToRun();
    void connectShowsEachStep();
    void typedMessageReachesTheServer();
    void countersTakeTheirPlural();
    void framingShowsMessagesAndChunks();
    void refusedIsALogRow();
    void abortResetsTheConnection();
    void pauseReadingHoldsWhatArrives();
    void largeSendShowsProgress();
    void aWaitingStepCountsUp();
    void choicesPersist();
    void sendFileToAPythonPeer();

private:
    void connectToPeer();

    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<TcpClientTab> m_tab;
    std::unique_ptr<QTcpServer> m_server;
    QTcpSocket *m_peer = nullptr; // the server's side of the connection
    QByteArray m_peerReceived;
};

void tst_TcpClientTab::initTestCase()
{
    QVERIFY(PluralForms::install());
    QStandardPaths::setTestModeEnabled(true);
    QSettings().clear();
}

void tst_TcpClientTab::init()
{
    m_settings = std::make_unique<Settings>();
    m_tab = std::make_unique<TcpClientTab>(SessionTab::Context { *m_settings, nullptr, QStringLiteral("TCP Client"), QStringLiteral("tcpClient") });
    m_tab->resize(1100, 700);
    m_tab->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_tab.get()));
    m_server = std::make_unique<QTcpServer>();
    QVERIFY2(m_server->listen(QHostAddress::LocalHost, 0), qPrintable(m_server->errorString()));
    m_peer = nullptr;
    m_peerReceived.clear();
    connect(m_server.get(), &QTcpServer::newConnection, m_server.get(), [this] {
        m_peer = m_server->nextPendingConnection();
        connect(m_peer, &QTcpSocket::readyRead, m_peer,
                [this] { m_peerReceived += m_peer->readAll(); });
    });
    setText(child<QComboBox>(m_tab.get(), "hostCombo"), QStringLiteral("127.0.0.1"));
    setText(child<QSpinBox>(m_tab.get(), "portSpin"), QString::number(m_server->serverPort()));
}

void tst_TcpClientTab::cleanup()
{
    m_tab.reset();
    m_server.reset();
    m_settings.reset();
    QSettings().clear();
}

void tst_TcpClientTab::connectToPeer()
{
    QTest::mouseClick(child<QPushButton>(m_tab.get(), "connectButton"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(m_tab->session()->isConnected() && m_peer, 10000);
}

void tst_TcpClientTab::connectShowsEachStep()
{
    connectToPeer();
    auto *strip = child<QLabel>(m_tab.get(), "lifeStrip");
    QVERIFY2(strip->text().contains(u"<b>Connected</b>"), qPrintable(strip->text()));
    QVERIFY2(strip->text().contains(QRegularExpression(u"Connecting <small>\\d+ ms</small>"_qs)),
             qPrintable(strip->text()));
    auto *button = child<QPushButton>(m_tab.get(), "connectButton");
    QCOMPARE(button->text().remove(u'&'), QStringLiteral("Disconnect"));
    QVERIFY(!child<QComboBox>(m_tab.get(), "hostCombo")->isEnabled());
    // The port the system chose for this end, in the disabled Local port field.
    auto *localPort = child<QSpinBox>(m_tab.get(), "localPortSpin");
    QCOMPARE(localPort->value(), int(m_tab->session()->localEndpoint().port));
    QVERIFY(findRow(m_tab->sessionLog(), Direction::Info, {}, u"Connected to 127.0.0.1:"_qs));
    QVERIFY(m_tab->title().endsWith(u"→ 127.0.0.1:" + QString::number(m_server->serverPort())));

    QTest::mouseClick(button, Qt::LeftButton); // Disconnect
    QTRY_COMPARE_WITH_TIMEOUT(m_tab->session()->state(), State::Closed, 10000);
    QVERIFY2(strip->text().contains(u"<b>Closed</b>"), qPrintable(strip->text()));
    QVERIFY2(strip->text().contains(QRegularExpression(u"Connected <small>[\\d.]+ m?s</small>"_qs)),
             qPrintable(strip->text()));
    QCOMPARE(localPort->value(), 0); // "Any" again, as asked
    QVERIFY(findRow(m_tab->sessionLog(), Direction::Info, {}, u"(FIN sent)"_qs));
}

void tst_TcpClientTab::typedMessageReachesTheServer()
{
    connectToPeer();
    typeAndSend(m_tab.get(), QStringLiteral("GET / HTTP/1.0\\r\\n\\r\\n"));
    QTRY_COMPARE_WITH_TIMEOUT(m_peerReceived, QByteArray("GET / HTTP/1.0\r\n\r\n"), 10000);
    QVERIFY(findRow(m_tab->sessionLog(), Direction::Sent, "GET / HTTP/1.0\r\n\r\n"));
}

// "1 byte in 1 write", not "1 bytes in 1 writes"; thousands with their separators.
void tst_TcpClientTab::countersTakeTheirPlural()
{
    connectToPeer();
    typeAndSend(m_tab.get(), u"x"_qs);
    QTRY_COMPARE_WITH_TIMEOUT(m_peerReceived, QByteArray("x"), 10000);
    QTRY_VERIFY2_WITH_TIMEOUT(m_tab->statusText().contains(u"sent 1 byte in 1 write ·"),
                              qPrintable(m_tab->statusText()), 10000);
    QVERIFY2(m_tab->statusText().contains(u"received 0 bytes in 0 reads"),
             qPrintable(m_tab->statusText()));
    m_peer->write(QByteArray(1234, 'a'));
    QTRY_VERIFY2_WITH_TIMEOUT(m_tab->statusText().contains(u"received " + QLocale().toString(1234)
                                                           + u" bytes in "),
                              qPrintable(m_tab->statusText()), 10000);
}

// Each read is a row; with a framing, each complete message is a row as well.
void tst_TcpClientTab::framingShowsMessagesAndChunks()
{
    auto *framing = child<QComboBox>(m_tab.get(), "framingCombo");
    framing->setCurrentIndex(framing->findData(QStringLiteral("lf")));
    connectToPeer();
    m_peer->write("alpha\nbe");
    QTRY_VERIFY_WITH_TIMEOUT(findRow(m_tab->sessionLog(), Direction::Received, "alpha\nbe"), 10000);
    m_peer->write("ta\n");
    QTRY_VERIFY_WITH_TIMEOUT(findRow(m_tab->sessionLog(), Direction::Info, "beta\n"), 10000);
    const LogEntry *alpha = findRow(m_tab->sessionLog(), Direction::Info, "alpha\n");
    QVERIFY(alpha);
    QVERIFY2(alpha->message.contains(u"Complete message"), qPrintable(alpha->message));
    QVERIFY(findRow(m_tab->sessionLog(), Direction::Received, "ta\n"));
    // Counters count the bytes once, as they arrived.
    QCOMPARE(m_tab->sessionLog()->counters().receivedBytes, quint64(11));
}

void tst_TcpClientTab::refusedIsALogRow()
{
    const quint16 port = m_server->serverPort();
    m_server->close();
    QTest::mouseClick(child<QPushButton>(m_tab.get(), "connectButton"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(findRow(m_tab->sessionLog(), Direction::Error, {},
                                     u"Connection refused: nothing is listening on 127.0.0.1:"_qs
                                             + QString::number(port)),
                             10000);
    QCOMPARE(m_tab->session()->state(), State::Closed);
    QVERIFY(m_tab->statusText().contains(u"errors 1"));
    // Why, in short, beside Connect and in the status bar.
    const QString why = u"refused by 127.0.0.1:"_qs + QString::number(port);
    auto *strip = child<QLabel>(m_tab.get(), "lifeStrip");
    QVERIFY2(strip->text().endsWith(u"<b>Closed</b>: "_qs + why), qPrintable(strip->text()));
    QVERIFY2(m_tab->statusText().startsWith(u"TCP client not connected: "_qs + why),
             qPrintable(m_tab->statusText()));
    // A message typed now says under the editor why it was not sent.
    typeAndSend(m_tab.get(), u"hello?"_qs);
    auto *error = child<QLabel>(m_tab.get(), "errorLabel");
    QVERIFY(error->isVisible());
    QVERIFY2(error->text().contains(u"not connected"_qs), qPrintable(error->text()));
}

void tst_TcpClientTab::abortResetsTheConnection()
{
    connectToPeer();
    QSignalSpy peerError(m_peer, &QTcpSocket::errorOccurred);
    QTest::mouseClick(child<QPushButton>(m_tab.get(), "abortButton"), Qt::LeftButton);
    QCOMPARE(m_tab->session()->state(), State::Closed);
    QVERIFY(peerError.wait(10000));
    QVERIFY(findRow(m_tab->sessionLog(), Direction::Info, {}, u"RST sent"_qs));
    QVERIFY(!child<QPushButton>(m_tab.get(), "abortButton")->isEnabled());
}

// Pause reading: the button shows the state, the status line says it, the log says where the
// bytes wait, and nothing is received until Resume; a new connection reads.
void tst_TcpClientTab::pauseReadingHoldsWhatArrives()
{
    auto *pause = child<QPushButton>(m_tab.get(), "pauseReadingButton");
    QVERIFY(!pause->isEnabled()); // nothing to read from yet
    connectToPeer();
    QVERIFY(pause->isEnabled());
    QVERIFY(!pause->isChecked());
    QTest::mouseClick(pause, Qt::LeftButton);
    QVERIFY(m_tab->session()->isReadingPaused());
    QVERIFY(pause->isChecked());
    QVERIFY2(m_tab->statusText().contains(u"reading paused"_s), qPrintable(m_tab->statusText()));
    const QString peer = m_tab->session()->peerEndpoint().toString();
    QVERIFY(findRow(m_tab->sessionLog(), Direction::Info, {},
                    u"Reading paused: what "_s + peer + u" sends waits"_s));
    m_peer->write("held");
    QTRY_VERIFY_WITH_TIMEOUT(m_peer->bytesToWrite() == 0, 10000);
#ifdef Q_OS_LINUX
    TcpConnection *connection = m_tab->session()->connection();
    QTRY_COMPARE_WITH_TIMEOUT(connection->bytesInReceiveQueue() + connection->bytesWaiting(), 4,
                              10000);
#endif
    QVERIFY(!findRow(m_tab->sessionLog(), Direction::Received, "held"));
    QTest::mouseClick(pause, Qt::LeftButton); // Resume
    QVERIFY(!m_tab->session()->isReadingPaused());
    QVERIFY(!pause->isChecked());
    QVERIFY(!m_tab->statusText().contains(u"reading paused"_s));
    QVERIFY(findRow(m_tab->sessionLog(), Direction::Info, {}, u"Reading resumed: the 4 bytes"_s));
    QTRY_VERIFY_WITH_TIMEOUT(findRow(m_tab->sessionLog(), Direction::Received, "held"), 10000);

    QTest::mouseClick(pause, Qt::LeftButton);
    QVERIFY(pause->isChecked());
    QTest::mouseClick(child<QPushButton>(m_tab.get(), "connectButton"), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(m_tab->session()->state(), State::Closed, 10000);
    QVERIFY(!pause->isChecked());
    QVERIFY(!pause->isEnabled());
    m_peer = nullptr;
    connectToPeer();
    QVERIFY(!pause->isChecked());
    QVERIFY(!m_tab->session()->isReadingPaused());
}

void tst_TcpClientTab::largeSendShowsProgress()
{
    connectToPeer();
    const QByteArray big(10 << 20, 'x');
    QVERIFY(m_tab->session()->send(big));
    auto *inFlight = child<QLabel>(m_tab.get(), "inFlightLabel");
    QTRY_COMPARE_WITH_TIMEOUT(m_peerReceived.size(), big.size(), 60000);
    QTRY_COMPARE_WITH_TIMEOUT(inFlight->text(),
                              QStringLiteral("All %1 bytes written").arg(QLocale().toString(big.size())),
                              10000);
    QVERIFY(findRow(m_tab->sessionLog(), Direction::Info, {}, u"still in flight"_qs));
}

// Closing waits until everything queued is written. With a peer that stops reading, it waits
// long enough to watch its time count up on the strip; once the peer reads, it ends.
void tst_TcpClientTab::aWaitingStepCountsUp()
{
    connectToPeer();
    m_peer->setReadBufferSize(1024);
    disconnect(m_peer, &QTcpSocket::readyRead, m_peer, nullptr);
    QVERIFY(m_tab->session()->send(QByteArray(32 << 20, 'x')));
    QTest::mouseClick(child<QPushButton>(m_tab.get(), "connectButton"), Qt::LeftButton);
    QCOMPARE(m_tab->session()->state(), State::Closing);

    auto *strip = child<QLabel>(m_tab.get(), "lifeStrip");
    const QRegularExpression running(u"<b>Closing</b> <small>(\\d+ ms|[\\d.,]+ s)…</small>"_qs);
    QTRY_VERIFY2(running.match(strip->text()).hasMatch(), qPrintable(strip->text()));
    const QString before = strip->text();
    QTRY_VERIFY_WITH_TIMEOUT(strip->text() != before, 10000);
    QVERIFY2(running.match(strip->text()).hasMatch(), qPrintable(strip->text()));

    connect(m_peer, &QTcpSocket::readyRead, m_peer, [this] { m_peer->readAll(); });
    m_peer->setReadBufferSize(0);
    m_peer->readAll();
    QTRY_COMPARE_WITH_TIMEOUT(m_tab->session()->state(), State::Closed, 60000);
    QVERIFY2(strip->text().contains(QRegularExpression(u"Closing <small>[^<…]+</small>"_qs)),
             qPrintable(strip->text()));
    QVERIFY(!strip->text().contains(u'…'));
}

void tst_TcpClientTab::choicesPersist()
{
    setText(child<QSpinBox>(m_tab.get(), "localPortSpin"), QStringLiteral("40000"));
    auto *framing = child<QComboBox>(m_tab.get(), "framingCombo");
    framing->setCurrentIndex(framing->findData(QStringLiteral("len32")));
    m_tab->saveSettings();
    const QString port = QString::number(m_server->serverPort());
    m_tab = std::make_unique<TcpClientTab>(SessionTab::Context { *m_settings, nullptr, QStringLiteral("TCP Client"), QStringLiteral("tcpClient") });
    QCOMPARE(child<QComboBox>(m_tab.get(), "hostCombo")->currentText(), QStringLiteral("127.0.0.1"));
    QCOMPARE(child<QSpinBox>(m_tab.get(), "portSpin")->text(), port);
    QCOMPARE(child<QSpinBox>(m_tab.get(), "localPortSpin")->value(), 40000);
    QCOMPARE(child<QComboBox>(m_tab.get(), "framingCombo")->currentData().toString(),
             QStringLiteral("len32"));
    QCOMPARE(m_tab->session()->framer().framing(), StreamFramer::Framing::Length32);
}

// Send File over TCP to a peer written like a tutorial's receiver (recv until the end, in
// Python): 50 MiB arrive exactly, the composer shows the progress and Stop while it goes.
void tst_TcpClientTab::sendFileToAPythonPeer()
{
    static const char *const receiver = R"(
import hashlib, socket, sys
s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(1)
print(s.getsockname()[1], flush=True)
c, _ = s.accept(); h = hashlib.sha256(); n = 0
while True:
    b = c.recv(1 << 20)
    if not b: break
    h.update(b); n += len(b)
print(n, h.hexdigest(), flush=True)
)";
    QProcess python;
    python.start(QStringLiteral("python3"), { QStringLiteral("-c"), QString::fromLatin1(receiver) });
    QVERIFY2(python.waitForStarted(10000), qPrintable(python.errorString()));
    QTRY_VERIFY_WITH_TIMEOUT(python.canReadLine(), 10000);
    const quint16 port = quint16(python.readLine().trimmed().toUInt());
    QVERIFY(port != 0);

    QTemporaryDir dir;
    QByteArray bytes(50 << 20, Qt::Uninitialized);
    for (qsizetype i = 0; i < bytes.size(); ++i)
        bytes[i] = char((i * 2654435761u) >> 13);
    QFile file(dir.filePath(QStringLiteral("fifty.bin")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    QCOMPARE(file.write(bytes), bytes.size());
    file.close();

    setText(child<QSpinBox>(m_tab.get(), "portSpin"), QString::number(port));
    QTest::mouseClick(child<QPushButton>(m_tab.get(), "connectButton"), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(m_tab->session()->state(), State::Connected, 10000);
    QSignalSpy ended(m_tab->session(), &Session::fileEnded);
    m_tab->composer()->sendFile(file.fileName());
    QVERIFY(m_tab->composer()->isTransferring());
    QVERIFY(child<QPushButton>(m_tab.get(), "stopButton")->isEnabled());
    QVERIFY(!child<QPushButton>(m_tab.get(), "sendFileButton")->isEnabled());
    QVERIFY(ended.wait(120000));
    QCOMPARE(ended.at(0).at(0).toBool(), true);
    QVERIFY(!m_tab->composer()->isTransferring());
    QVERIFY(child<QPushButton>(m_tab.get(), "sendFileButton")->isEnabled());

    QTest::mouseClick(child<QPushButton>(m_tab.get(), "connectButton"), Qt::LeftButton); // FIN
    QTRY_VERIFY_WITH_TIMEOUT(python.canReadLine(), 60000);
    const QList<QByteArray> result = python.readLine().trimmed().split(' ');
    QTRY_COMPARE_WITH_TIMEOUT(python.state(), QProcess::NotRunning, 10000);
    QCOMPARE(result.value(0).toLongLong(), bytes.size());
    QCOMPARE(result.value(1), QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
    QVERIFY(findRow(m_tab->sessionLog(), Direction::Info, {}, QStringLiteral("Sent all of fifty.bin")));
}

// Before connecting, the empty log says what Connect does and, for this machine, what server
// to run first, with the port typed; for another host, that a server must listen there.
void tst_TcpClientTab::emptyLogSaysWhatServerToRun()
{
    auto *hint = child<QLabel>(m_tab.get(), "tableHint");
    setText(child<QComboBox>(m_tab.get(), "hostCombo"), QStringLiteral("127.0.0.1"));
    setText(child<QSpinBox>(m_tab.get(), "portSpin"), QStringLiteral("28083"));
    QVERIFY(hint->isVisible());
    QVERIFY2(hint->text().startsWith(u"Connect opens a TCP connection to 127.0.0.1:28083."_s)
                     && hint->text().contains(u"nc -l 28083"_s),
             qPrintable(hint->text()));
    setText(child<QComboBox>(m_tab.get(), "hostCombo"), QStringLiteral("example.com"));
    QVERIFY2(hint->text().contains(u"example.com:28083, where a server must be listening"_s),
             qPrintable(hint->text()));
}

QTEST_MAIN(tst_TcpClientTab)
#include "tst_tcpclienttab.moc"
