#include "tabs/tcpservertab.h"

#include "config/settings.h"
#include "log/logview.h"
#include "net/clientlistmodel.h"
#include "net/tcpserversession.h"
#include "slowpeer.h"
#include "tabtesthelpers.h"
#include "log/logview.h"
#include "widgets/keyedcombo.h"

#include <QCheckBox>
#include <QComboBox>
#include <QGroupBox>
#include <QLabel>
#include <QListView>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableView>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

using namespace Qt::StringLiterals;

#include <memory>
#include <vector>

using namespace TabTest;
using namespace Qt::StringLiterals;

class tst_TcpServerTab : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void emptyStatesSayHowToConnect();
    void listenShowsThePort();
    void portInUseSaysWhy();
    void clientListShowsEveryClient();
    void sendToSelectedOrAll();
    void disconnectSelected();
    void pauseReadingSelected();
    void relayFromTheCombo();
    void relayIsOneChatLine();
    void echoIsNotTheUsersSend();
    void announcementIsTheChatRooms();
    void unfinishedLineIsARow();
    void stopClosesEveryClient();
    void stopAsksBeforeCuttingOff();
    void disconnectAllCanSendTheRestFirst();
    void choicesPersist();

private:
    void listenOnLoopback();
    void connectClients(int count);
    QListView *showChat();
    QList<int> chatRowsWith(const QByteArray &payload, Direction direction);

    struct Client
    {
        QTcpSocket socket;
        QByteArray received;
    };
    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<TcpServerTab> m_tab;
    std::vector<std::unique_ptr<Client>> m_clients;
};

void tst_TcpServerTab::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QSettings().clear();
}

void tst_TcpServerTab::init()
{
    m_settings = std::make_unique<Settings>();
    m_tab = std::make_unique<TcpServerTab>(SessionTab::Context { *m_settings, nullptr, QStringLiteral("TCP Server"), QStringLiteral("tcpServer") });
    m_tab->resize(1100, 760);
    m_tab->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_tab.get()));
}

void tst_TcpServerTab::cleanup()
{
    m_clients.clear();
    m_tab.reset();
    m_settings.reset();
    QSettings().clear();
}

// The empty log and the empty list of clients say what Listen does and how to connect a
// client, with the real port, and follow the server's state.
void tst_TcpServerTab::emptyStatesSayHowToConnect()
{
    auto *hint = child<QLabel>(m_tab.get(), "tableHint");
    auto *clientsHint = child<QLabel>(m_tab.get(), "clientsHint");
    setText(child<QSpinBox>(m_tab.get(), "portSpin"), QStringLiteral("28082"));
    QVERIFY(hint->isVisible() && clientsHint->isVisible());
    QVERIFY2(hint->text().startsWith(u"Listen opens port 28082"_s)
                     && hint->text().contains(u"nc 127.0.0.1 28082"_s),
             qPrintable(hint->text()));
    QVERIFY2(clientsHint->text().contains(u"press Listen"_s)
                     && clientsHint->text().contains(u"nc 127.0.0.1 28082"_s),
             qPrintable(clientsHint->text()));

    listenOnLoopback();
    QTRY_VERIFY(m_tab->session()->isListening());
    const quint16 port = m_tab->session()->localEndpoint().port;
    QVERIFY2(clientsHint->text().startsWith(u"No clients yet"_s)
                     && clientsHint->text().contains(u"nc 127.0.0.1 %1"_s.arg(port)),
             qPrintable(clientsHint->text()));
    QTRY_VERIFY(hint->isHidden());
    m_tab->logView()->clear();
    QTRY_VERIFY(!hint->isHidden());
    QVERIFY2(hint->text().startsWith(u"Listening on 127.0.0.1:%1."_s.arg(port)), qPrintable(hint->text()));

    connectClients(1);
    QTRY_VERIFY(clientsHint->isHidden());
    QTRY_VERIFY(hint->isHidden());
}

void tst_TcpServerTab::listenOnLoopback()
{
    auto *address = child<QComboBox>(m_tab.get(), "addressCombo");
    address->setCurrentIndex(address->findData(QStringLiteral("127.0.0.1")));
    setText(child<QSpinBox>(m_tab.get(), "portSpin"), QStringLiteral("0"));
    QTest::mouseClick(child<QPushButton>(m_tab.get(), "listenButton"), Qt::LeftButton);
}

void tst_TcpServerTab::connectClients(int count)
{
    const quint16 port = m_tab->session()->localEndpoint().port;
    for (int i = 0; i < count; ++i) {
        m_clients.push_back(std::make_unique<Client>());
        Client *c = m_clients.back().get();
        connect(&c->socket, &QTcpSocket::readyRead, &c->socket,
                [c] { c->received += c->socket.readAll(); });
        c->socket.connectToHost(QHostAddress::LocalHost, port);
    }
    QTRY_COMPARE_WITH_TIMEOUT(m_tab->session()->clients().size(), qsizetype(m_clients.size()), 10000);
}

void tst_TcpServerTab::listenShowsThePort()
{
    listenOnLoopback();
    QVERIFY(m_tab->session()->isListening());
    const Endpoint local = m_tab->session()->localEndpoint();
    QVERIFY(local.port != 0);
    QVERIFY(child<QLabel>(m_tab.get(), "listeningLabel")->text().contains(local.toString()));
    QCOMPARE(m_tab->title(), QStringLiteral("TCP Server :%1").arg(local.port));
    QCOMPARE(child<QPushButton>(m_tab.get(), "listenButton")->text().remove(u'&'),
             QStringLiteral("Stop"));
    QVERIFY(!child<QSpinBox>(m_tab.get(), "portSpin")->isEnabled());
    // The port the system chose for 0, in the disabled field; 0 again once stopped.
    QCOMPARE(child<QSpinBox>(m_tab.get(), "portSpin")->value(), int(local.port));
    QTest::mouseClick(child<QPushButton>(m_tab.get(), "listenButton"), Qt::LeftButton);
    QVERIFY(!m_tab->session()->isListening());
    QCOMPARE(child<QSpinBox>(m_tab.get(), "portSpin")->value(), 0);
    QCOMPARE(m_settings->group(u"tcpServer"_s).port(u"port", 1), quint16(0));
}

// A listen that fails says why beside Listen, until the next attempt; a message with nobody to
// send it to says why under the editor.
void tst_TcpServerTab::portInUseSaysWhy()
{
    QTcpServer holder;
    QVERIFY(holder.listen(QHostAddress::LocalHost, 0));
    auto *address = child<QComboBox>(m_tab.get(), "addressCombo");
    address->setCurrentIndex(address->findData(QStringLiteral("127.0.0.1")));
    setText(child<QSpinBox>(m_tab.get(), "portSpin"), QString::number(holder.serverPort()));
    QTest::mouseClick(child<QPushButton>(m_tab.get(), "listenButton"), Qt::LeftButton);
    QVERIFY(!m_tab->session()->isListening());
    const QString why = u"port "_s + QString::number(holder.serverPort()) + u" is in use"_s;
    QCOMPARE(child<QLabel>(m_tab.get(), "listeningLabel")->text(), u"Not listening: "_s + why);
    QVERIFY2(m_tab->statusText().startsWith(u"TCP server not listening: "_s + why),
             qPrintable(m_tab->statusText()));

    listenOnLoopback();
    QVERIFY(m_tab->session()->isListening());
    typeAndSend(m_tab.get(), u"anyone?"_s);
    auto *error = child<QLabel>(m_tab.get(), "errorLabel");
    QVERIFY(error->isVisible());
    QVERIFY2(error->text().contains(u"no client is connected yet"_s), qPrintable(error->text()));
}

void tst_TcpServerTab::clientListShowsEveryClient()
{
    listenOnLoopback();
    connectClients(3);
    auto *table = child<QTableView>(m_tab.get(), "clientTable");
    QAbstractItemModel *model = table->model();
    QCOMPARE(model->rowCount(), 3);
    QCOMPARE(model->index(1, ClientListModel::NameColumn).data().toString(), QStringLiteral("user2"));
    QCOMPARE(model->index(1, ClientListModel::PeerColumn).data().toString(),
             QStringLiteral("127.0.0.1:%1").arg(m_clients[1]->socket.localPort()));
    m_clients[1]->socket.write("12345");
    QTRY_COMPARE_WITH_TIMEOUT(model->index(1, ClientListModel::ReceivedColumn).data().toString(),
                              QStringLiteral("5"), 10000);
    QVERIFY(child<QGroupBox>(m_tab.get(), "clientsGroup")->title().contains(u"(3)"));
    m_clients[0]->socket.disconnectFromHost();
    QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 2, 10000);
    QCOMPARE(model->index(0, ClientListModel::NameColumn).data().toString(), QStringLiteral("user2"));
}

void tst_TcpServerTab::sendToSelectedOrAll()
{
    listenOnLoopback();
    connectClients(3);
    auto *table = child<QTableView>(m_tab.get(), "clientTable");
    auto *sendTo = child<QComboBox>(m_tab.get(), "sendToCombo");
    QCOMPARE(sendTo->currentData().toString(), QStringLiteral("all"));
    table->selectRow(1);
    QCOMPARE(sendTo->currentData().toString(), QStringLiteral("selected")); // "to these"
    typeAndSend(m_tab.get(), QStringLiteral("just you\\n"));
    QTRY_COMPARE_WITH_TIMEOUT(m_clients[1]->received, QByteArray("just you\n"), 10000);

    table->clearSelection();
    QCOMPARE(sendTo->currentData().toString(), QStringLiteral("all"));
    typeAndSend(m_tab.get(), QStringLiteral("everyone\\n"));
    for (const auto &c : m_clients)
        QTRY_VERIFY_WITH_TIMEOUT(c->received.endsWith("everyone\n"), 10000);
    QCOMPARE(m_clients[0]->received, QByteArray("everyone\n"));
}

void tst_TcpServerTab::disconnectSelected()
{
    listenOnLoopback();
    connectClients(3);
    auto *table = child<QTableView>(m_tab.get(), "clientTable");
    auto *kick = child<QPushButton>(m_tab.get(), "kickSelectedButton");
    QVERIFY(!kick->isEnabled());
    table->selectRow(2);
    QVERIFY(kick->isEnabled());
    QSignalSpy kicked(&m_clients[2]->socket, &QTcpSocket::disconnected);
    QTest::mouseClick(kick, Qt::LeftButton);
    QVERIFY(kicked.wait(10000));
    QTRY_COMPARE_WITH_TIMEOUT(table->model()->rowCount(), 2, 10000);
    QTest::mouseClick(child<QPushButton>(m_tab.get(), "kickAllButton"), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(table->model()->rowCount(), 0, 10000);
    QVERIFY(m_tab->session()->isListening());
}

// Pause reading is for the selected clients: the button says what it will do, the list and
// the status line show who is paused, and the others are still read.
void tst_TcpServerTab::pauseReadingSelected()
{
    listenOnLoopback();
    connectClients(2);
    auto *table = child<QTableView>(m_tab.get(), "clientTable");
    auto *pause = child<QPushButton>(m_tab.get(), "pauseReadingButton");
    QVERIFY(!pause->isEnabled());
    table->selectRow(1);
    QVERIFY(pause->isEnabled());
    QCOMPARE(pause->text(), u"Pause Reading Selected"_s);
    QTest::mouseClick(pause, Qt::LeftButton);
    const QList<TcpConnection *> clients = m_tab->session()->clients();
    QVERIFY(clients.at(1)->isReadingPaused());
    QVERIFY(!clients.at(0)->isReadingPaused());
    QCOMPARE(pause->text(), u"Resume Reading Selected"_s);
    QCOMPARE(table->model()->index(1, ClientListModel::NameColumn).data().toString(),
             u"user2 (paused)"_s);
    QVERIFY2(m_tab->statusText().contains(u"2 clients, 1 reading paused"_s),
             qPrintable(m_tab->statusText()));
    QVERIFY(findRow(m_tab->sessionLog(), Direction::Info, {}, u"Reading paused: what user2 ("_s));
    m_clients[0]->socket.write("one");
    QTRY_VERIFY_WITH_TIMEOUT(findRow(m_tab->sessionLog(), Direction::Received, "one"), 10000);
    m_clients[1]->socket.write("two");
    QTRY_VERIFY_WITH_TIMEOUT(m_clients[1]->socket.bytesToWrite() == 0, 10000);
    QVERIFY(!findRow(m_tab->sessionLog(), Direction::Received, "two"));
    table->selectAll(); // one paused, one not: the button pauses both
    QCOMPARE(pause->text(), u"Pause Reading Selected"_s);
    table->selectRow(1);
    QTest::mouseClick(pause, Qt::LeftButton); // Resume
    QVERIFY(!clients.at(1)->isReadingPaused());
    QCOMPARE(pause->text(), u"Pause Reading Selected"_s);
    QVERIFY(!m_tab->statusText().contains(u"paused"_s));
    QTRY_VERIFY_WITH_TIMEOUT(findRow(m_tab->sessionLog(), Direction::Received, "two"), 10000);
}

void tst_TcpServerTab::relayFromTheCombo()
{
    auto *mode = child<QComboBox>(m_tab.get(), "autoReplyCombo");
    auto *names = child<QCheckBox>(m_tab.get(), "relayNamesCheck");
    QVERIFY(!names->isEnabled());
    KeyedCombo::setValue(mode, AutoReply::Relay);
    QVERIFY(names->isEnabled());
    QCOMPARE(m_tab->session()->autoReply(), AutoReply::Relay);
    child<QCheckBox>(m_tab.get(), "announceCheck")->setChecked(false);
    listenOnLoopback();
    connectClients(2);
    m_clients[0]->socket.write("hi\n");
    QTRY_COMPARE_WITH_TIMEOUT(m_clients[1]->received, QByteArray("<user1> hi\n"), 10000);
}

QListView *tst_TcpServerTab::showChat()
{
    m_tab->logView()->setChatView(true);
    auto *chat = child<QListView>(m_tab.get(), "chatList");
    m_tab->sessionLog()->model()->flush();
    return chat;
}

// The chat's rows of `direction` that carry `payload`.
QList<int> tst_TcpServerTab::chatRowsWith(const QByteArray &payload, Direction direction)
{
    auto *chat = child<QListView>(m_tab.get(), "chatList");
    QList<int> rows;
    for (int row = 0; row < chat->model()->rowCount(); ++row) {
        const QModelIndex index = chat->model()->index(row, chat->modelColumn());
        if (index.data(LogModel::PayloadRole).toByteArray() == payload
            && Direction(index.data(LogModel::DirectionRole).toInt()) == direction)
            rows << row;
    }
    return rows;
}

// Relay: what a client says is one line from that client, and what the server relayed is one
// line "user1 → 2 others", not a "You → …" bubble per other client.
void tst_TcpServerTab::relayIsOneChatLine()
{
    KeyedCombo::setValue(child<QComboBox>(m_tab.get(), "autoReplyCombo"), AutoReply::Relay);
    child<QCheckBox>(m_tab.get(), "announceCheck")->setChecked(false);
    listenOnLoopback();
    connectClients(3);
    const QString first = QStringLiteral("user1 (127.0.0.1:%1)").arg(m_clients[0]->socket.localPort());
    m_clients[0]->socket.write("hi\n");
    QTRY_COMPARE_WITH_TIMEOUT(m_clients[1]->received, QByteArray("<user1> hi\n"), 10000);
    QTRY_COMPARE_WITH_TIMEOUT(m_clients[2]->received, QByteArray("<user1> hi\n"), 10000);
    QListView *chat = showChat();

    const QList<int> heard = chatRowsWith("hi\n", Direction::Received);
    QCOMPARE(heard.size(), 1);
    const ChatItemDelegate::Layout said = chatLayout(chat, heard.first());
    QCOMPARE(said.side, ChatItemDelegate::Side::Left);
    QVERIFY2(said.header.startsWith(first + QStringLiteral(" · ")), qPrintable(said.header));

    const QList<int> relayed = chatRowsWith("<user1> hi\n", Direction::Sent);
    QCOMPARE(relayed.size(), 1);
    const ChatItemDelegate::Layout line = chatLayout(chat, relayed.first());
    QCOMPARE(line.side, ChatItemDelegate::Side::Right);
    QVERIFY2(line.header.startsWith(QStringLiteral("Relayed ") + first + QStringLiteral(" → 2 others · ")),
             qPrintable(line.header));
    QVERIFY2(!line.header.contains(u"You"), qPrintable(line.header));
    QCOMPARE(line.body, QStringLiteral("<user1> hi"));
}

// An echo is the server's answer, headed as such, not as something the user sent.
void tst_TcpServerTab::echoIsNotTheUsersSend()
{
    KeyedCombo::setValue(child<QComboBox>(m_tab.get(), "autoReplyCombo"), AutoReply::Echo);
    listenOnLoopback();
    connectClients(1);
    const QString peer = QStringLiteral("user1 (127.0.0.1:%1)").arg(m_clients[0]->socket.localPort());
    m_clients[0]->socket.write("ping\n");
    QTRY_COMPARE_WITH_TIMEOUT(m_clients[0]->received, QByteArray("ping\n"), 10000);
    QListView *chat = showChat();
    const QList<int> echoed = chatRowsWith("ping\n", Direction::Sent);
    QCOMPARE(echoed.size(), 1);
    const ChatItemDelegate::Layout line = chatLayout(chat, echoed.first());
    QCOMPARE(line.side, ChatItemDelegate::Side::Right);
    QVERIFY2(line.header.startsWith(QStringLiteral("Echo → ") + peer + QStringLiteral(" · ")),
             qPrintable(line.header));
}

// The chat room's own words come from nobody: "Announced → user1 (…)", not "You → …".
void tst_TcpServerTab::announcementIsTheChatRooms()
{
    KeyedCombo::setValue(child<QComboBox>(m_tab.get(), "autoReplyCombo"), AutoReply::Relay);
    listenOnLoopback();
    connectClients(2);
    const QByteArray joined = QByteArray("<announce> user2 joined from 127.0.0.1:")
            + QByteArray::number(m_clients[1]->socket.localPort()) + ".\n";
    QTRY_VERIFY_WITH_TIMEOUT(m_clients[0]->received.endsWith(joined), 10000);
    QListView *chat = showChat();
    const QList<int> rows = chatRowsWith(joined, Direction::Sent);
    QCOMPARE(rows.size(), 1);
    const QString header = chatLayout(chat, rows.first()).header;
    QVERIFY2(header.startsWith(QStringLiteral("Announced → user1 (127.0.0.1:%1) · ")
                                       .arg(m_clients[0]->socket.localPort())),
             qPrintable(header));
}

// With lines as the framing, a last line without its LF is a row when the client leaves, in
// the table and in the chat.
void tst_TcpServerTab::unfinishedLineIsARow()
{
    KeyedCombo::setValue(child<QComboBox>(m_tab.get(), "framingCombo"), StreamFramer::Framing::Lf);
    listenOnLoopback();
    connectClients(1);
    m_clients[0]->socket.write("first\nsecond\nthird");
    m_clients[0]->socket.disconnectFromHost();
    QTRY_COMPARE_WITH_TIMEOUT(m_tab->session()->clients().size(), qsizetype(0), 10000);
    const QString expected = QStringLiteral("5 bytes after the last LF never completed a message: 'third'.");
    QVERIFY(findRow(m_tab->sessionLog(), Direction::Info, {}, expected));
    QListView *chat = showChat();
    bool shown = false;
    for (int row = 0; row < chat->model()->rowCount(); ++row)
        shown = shown || chatLayout(chat, row).body.endsWith(expected);
    QVERIFY(shown);
}

void tst_TcpServerTab::stopClosesEveryClient()
{
    listenOnLoopback();
    connectClients(2);
    QTest::mouseClick(child<QPushButton>(m_tab.get(), "listenButton"), Qt::LeftButton);
    QVERIFY(!m_tab->session()->isListening());
    for (const auto &c : m_clients)
        QTRY_COMPARE_WITH_TIMEOUT(c->socket.state(), QAbstractSocket::UnconnectedState, 10000);
    QVERIFY(findRow(m_tab->sessionLog(), Direction::Info, {}, u"closing the 2 connected clients"_qs));
    QTRY_COMPARE_WITH_TIMEOUT(child<QTableView>(m_tab.get(), "clientTable")->model()->rowCount(), 0,
                              10000);
}

// Stop while a client still has 10 MiB coming: asked, and cut off, the client sees a reset.
void tst_TcpServerTab::stopAsksBeforeCuttingOff()
{
    listenOnLoopback();
    TcpServerSession *server = m_tab->session();
    QVERIFY(server->isListening());
    SlowPeer peer(*server);
    QTRY_COMPARE_WITH_TIMEOUT(server->clients().size(), 1, 10000);
    QVERIFY(server->sendToAll(QByteArray(10 << 20, 's')));
    auto *stop = child<QPushButton>(m_tab.get(), "listenButton");
    {
        QuestionAnswerer answerer("cancelButton");
        QTest::mouseClick(stop, Qt::LeftButton);
        QCOMPARE(answerer.answered(), 1);
    }
    QVERIFY(server->isListening()); // kept
    QuestionAnswerer answerer("cutOffButton");
    QTest::mouseClick(stop, Qt::LeftButton);
    QCOMPARE(answerer.answered(), 1);
    QVERIFY(!server->isListening());
    QVERIFY(findRow(m_tab->sessionLog(), Direction::Error, {}, u"never reached it"_qs));
    QCOMPARE(peer.readToTheEnd(), std::optional(TcpConnection::Ending::ResetByPeer));
}

// Disconnect All, sending the rest first: the client gets every byte, then a clean close.
void tst_TcpServerTab::disconnectAllCanSendTheRestFirst()
{
    listenOnLoopback();
    TcpServerSession *server = m_tab->session();
    SlowPeer peer(*server);
    QTRY_COMPARE_WITH_TIMEOUT(server->clients().size(), 1, 10000);
    QVERIFY(server->sendToAll(QByteArray(10 << 20, 'd')));
    QuestionAnswerer answerer("sendFirstButton");
    QTest::mouseClick(child<QPushButton>(m_tab.get(), "kickAllButton"), Qt::LeftButton);
    QCOMPARE(answerer.answered(), 1);
    QCOMPARE(peer.readToTheEnd(), std::optional(TcpConnection::Ending::ClosedByPeer));
    QCOMPARE(peer.received, 10 << 20);
    QVERIFY(server->isListening());
}

void tst_TcpServerTab::choicesPersist()
{
    setText(child<QSpinBox>(m_tab.get(), "portSpin"), QStringLiteral("9123"));
    setText(child<QSpinBox>(m_tab.get(), "maxClientsSpin"), QStringLiteral("7"));
    KeyedCombo::setValue(child<QComboBox>(m_tab.get(), "autoReplyCombo"), AutoReply::Timestamp);
    m_tab->saveSettings();
    m_tab = std::make_unique<TcpServerTab>(SessionTab::Context { *m_settings, nullptr, QStringLiteral("TCP Server"), QStringLiteral("tcpServer") });
    QCOMPARE(child<QSpinBox>(m_tab.get(), "portSpin")->value(), 9123);
    QCOMPARE(child<QSpinBox>(m_tab.get(), "maxClientsSpin")->value(), 7);
    QCOMPARE(m_tab->session()->maxClients(), 7);
    QCOMPARE(m_tab->session()->autoReply(), AutoReply::Timestamp);
}

QTEST_MAIN(tst_TcpServerTab)
#include "tst_tcpservertab.moc"
