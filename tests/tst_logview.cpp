#include "log/logview.h"

#include "log/chatitemdelegate.h"
#include "log/hexdumpview.h"
#include "log/logfiltermodel.h"
#include "log/logmodel.h"
#include "log/sessionlog.h"
#include "tabtesthelpers.h"
#include "text/pluralforms.h"
#include "widgets/keyedcombo.h"

#include <QApplication>
#include <QComboBox>
#include <QClipboard>
#include <QLabel>
#include <QLocale>
#include <QLineEdit>
#include <QListView>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QSignalSpy>
#include <QStyledItemDelegate>
#include <QTabWidget>
#include <QTableView>
#include <QStyle>
#include <QTest>
#include <QToolButton>
#include <QToolTip>
#include <QHelpEvent>

using TabTest::child;
using namespace Qt::StringLiterals;

// The log view as a user sees it, with the weight on its chat transcript: which side each
// message is on, what its bubble says, and that the chat shares the table's filter, selection,
// detail pane and follow mode.
class tst_LogView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void chatButtonSwitchesTheView();
    void messagesSitOnTheirSides();
    void bubblesArePainted();
    void longAndEmptyMessages();
    void framedMessagesLeaveTheChat();
    void detailPaneShowsAFramedMessagesBytes();
    void detailPaneSaysWhoSent();
    void columnsFitWhoSent();
    void selectionAndCopyAreShared();
    void followsNewRows_data();
    void followsNewRows();
    void rowsThatArriveWhileHiddenAreFollowed_data();
    void rowsThatArriveWhileHiddenAreFollowed();
    void aFloodIsPaintedOnceAFrame();
    void theDetailPaneEmptiesWhenItsRowLeaves();
    void theFooterFollowsNewLimits();
    void hexViewShowsBytesInTableAndChat();
    void encodingReadsTableChatDetailAndFilter();
    void sizesHaveThousandsSeparators();
    void longEventsReadWhole();
    void oneRowIsARow();
    void aCutDatagramSaysWhatBecameOfTheRest();

private:
    void add(Direction direction, const QByteArray &payload, const QString &message = {},
             quint16 peerPort = 5555);
    void switchToChat();
    ChatItemDelegate::Layout layoutOf(int row) const;

    std::unique_ptr<LogView> m_view;
    SessionLog *m_log = nullptr;
    QListView *m_chat = nullptr;
    QTableView *m_table = nullptr;
};

void tst_LogView::initTestCase()
{
    QVERIFY(PluralForms::install());
}

void tst_LogView::init()
{
    m_view = std::make_unique<LogView>();
    m_log = new SessionLog(QStringLiteral("TCP Server"), Transport::Tcp, m_view.get());
    m_view->setSessionLog(m_log);
    m_view->resize(900, 600);
    m_view->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_view.get()));
    m_chat = child<QListView>(m_view.get(), "chatList");
    m_table = child<QTableView>(m_view.get(), "table");
    QVERIFY(m_chat && m_table);
}

void tst_LogView::cleanup()
{
    m_view.reset();
}

namespace {

LogEntry entry(Direction direction, const QByteArray &payload, const QString &message = {},
               quint16 peerPort = 5555)
{
    LogEntry e;
    e.time = QDateTime::currentDateTime();
    e.session = QStringLiteral("TCP Server");
    e.transport = Transport::Tcp;
    e.direction = direction;
    e.local = Endpoint { QHostAddress(QStringLiteral("127.0.0.1")), 9000 };
    e.peer = Endpoint { QHostAddress(QStringLiteral("127.0.0.1")), peerPort };
    e.payload = payload;
    e.message = message;
    return e;
}

} // namespace

void tst_LogView::add(Direction direction, const QByteArray &payload, const QString &message,
                      quint16 peerPort)
{
    m_log->model()->append(entry(direction, payload, message, peerPort));
}

void tst_LogView::switchToChat()
{
    QTest::mouseClick(child<QToolButton>(m_view.get(), "chatButton"), Qt::LeftButton);
    QVERIFY(m_view->isChatView());
    m_log->model()->flush();
    QTRY_VERIFY(m_chat->isVisible());
}

ChatItemDelegate::Layout tst_LogView::layoutOf(int row) const
{
    return TabTest::chatLayout(m_chat, row);
}

void tst_LogView::chatButtonSwitchesTheView()
{
    QSignalSpy changed(m_view.get(), &LogView::chatViewChanged);
    QVERIFY(!m_view->isChatView());
    QVERIFY(m_table->isVisible());
    QVERIFY(!m_chat->isVisible());

    switchToChat();
    QVERIFY(!m_table->isVisible());
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.at(0).at(0).toBool(), true);

    m_view->setChatView(false);
    QVERIFY(m_table->isVisible());
    QVERIFY(!m_chat->isVisible());
    QVERIFY(!child<QToolButton>(m_view.get(), "chatButton")->isChecked());
    QCOMPARE(changed.count(), 2);
}

void tst_LogView::messagesSitOnTheirSides()
{
    add(Direction::Info, {}, QStringLiteral("Client user1 connected from 127.0.0.1:5555"));
    add(Direction::Received, "hi everyone\r\n");
    add(Direction::Sent, "hello");
    add(Direction::Received, "me too\n", {}, 6666);
    add(Direction::Error, {}, QStringLiteral("127.0.0.1:6666 reset the connection (RST)"));
    switchToChat();
    QCOMPARE(m_chat->model()->rowCount(), 5);
    const int width = m_chat->viewport()->width();
    const QString time = m_log->model()->entry(1).time.toString(QStringLiteral("hh:mm:ss.zzz"));

    const ChatItemDelegate::Layout event = layoutOf(0);
    QCOMPARE(event.side, ChatItemDelegate::Side::Middle);
    QVERIFY2(qAbs(event.bubble.center().x() - width / 2) <= 2, "an event is centred");
    QVERIFY(event.body.endsWith(QStringLiteral("Client user1 connected from 127.0.0.1:5555")));

    const ChatItemDelegate::Layout peer = layoutOf(1);
    QCOMPARE(peer.side, ChatItemDelegate::Side::Left);
    QVERIFY(peer.bubble.right() < width / 2);
    QCOMPARE(peer.header, QStringLiteral("127.0.0.1:5555 · ") + time);
    QCOMPARE(peer.body, QStringLiteral("hi everyone")); // the line ending closes the bubble

    const ChatItemDelegate::Layout mine = layoutOf(2);
    QCOMPARE(mine.side, ChatItemDelegate::Side::Right);
    QVERIFY(mine.bubble.left() > width / 2);
    QVERIFY(mine.bubble.right() >= width - 12);
    QVERIFY(mine.header.startsWith(QStringLiteral("You → 127.0.0.1:5555 · ")));
    QCOMPARE(mine.body, QStringLiteral("hello"));

    const ChatItemDelegate::Layout otherPeer = layoutOf(3);
    QCOMPARE(otherPeer.side, ChatItemDelegate::Side::Left);
    QVERIFY2(otherPeer.tint != peer.tint, "each peer has its own colour");
    QVERIFY(otherPeer.tint != mine.tint);

    const ChatItemDelegate::Layout error = layoutOf(4);
    QCOMPARE(error.side, ChatItemDelegate::Side::Middle);
    QVERIFY(error.body.contains(QStringLiteral("reset the connection")));
}

// What the layout says is also what reaches the screen: a sent bubble is painted on the
// right and nothing on the left of its row, and the other way round for a received one.
void tst_LogView::bubblesArePainted()
{
    add(Direction::Received, "from the peer");
    add(Direction::Sent, "from me");
    switchToChat();
    // Asking for the rows' geometry lays them out, as the view's own next paint would.
    const ChatItemDelegate::Layout layouts[] = { layoutOf(0), layoutOf(1) };
    const QImage image = m_chat->viewport()->grab().toImage();
    const QColor base = m_chat->palette().color(QPalette::Base);
    for (int row = 0; row < 2; ++row) {
        const ChatItemDelegate::Layout &layout = layouts[row];
        const int y = layout.bubble.center().y();
        const QPoint inside(layout.bubble.left() + 4, y);
        const QPoint opposite(image.width() - 1 - inside.x(), y);
        QVERIFY2(image.pixelColor(inside) != base, qPrintable(QString::number(row)));
        QCOMPARE(image.pixelColor(opposite), base);
    }
}

void tst_LogView::longAndEmptyMessages()
{
    const QByteArray longLine = QByteArray(2000, 'x') + "END";
    add(Direction::Received, longLine);
    add(Direction::Received, {});
    add(Direction::Received, "\n");
    switchToChat();

    const ChatItemDelegate::Layout cut = layoutOf(0);
    QVERIFY(cut.body.endsWith(u'…'));
    QVERIFY(cut.bubble.width() <= m_chat->viewport()->width() * 3 / 4);
    QCOMPARE(layoutOf(1).body, QStringLiteral("(no bytes)"));
    QCOMPARE(layoutOf(2).body, QStringLiteral("\\n")); // only a line ending: it is the message

    // The detail pane has the whole of the cut message.
    m_chat->setCurrentIndex(m_chat->model()->index(0, m_chat->modelColumn()));
    const QString detail = child<QPlainTextEdit>(m_view.get(), "detailText")->toPlainText();
    QCOMPARE(detail, QString::fromLatin1(longLine));
}

// With a framing, a complete message repeats bytes the chunks already showed: the table lists
// both, the chat only the chunks. The footer says that rows are hidden.
void tst_LogView::framedMessagesLeaveTheChat()
{
    add(Direction::Received, "hel");
    add(Direction::Received, "lo\n");
    add(Direction::Info, "hello", QStringLiteral("Complete message, 5 bytes:"));
    m_log->model()->flush();
    QCOMPARE(m_table->model()->rowCount(), 3);
    auto *footer = child<QLabel>(m_view.get(), "footerLabel");
    QTRY_COMPARE(footer->text(), QStringLiteral("3 rows")); // counted a few times a second

    switchToChat();
    QCOMPARE(m_chat->model()->rowCount(), 2);
    QCOMPARE(layoutOf(0).body, QStringLiteral("hel"));
    QCOMPARE(layoutOf(1).body, QStringLiteral("lo"));
    QCOMPARE(footer->text(), QStringLiteral("Showing 2 of 3 rows"));

    // The log's own filter narrows the chat as it narrows the table.
    child<QLineEdit>(m_view.get(), "filterEdit")->setText(QStringLiteral("lo"));
    QCOMPARE(m_chat->model()->rowCount(), 1);

    m_view->setChatView(false);
    QCOMPARE(m_table->model()->rowCount(), 2); // "lo\n" and "hello"
}

// A complete message is an event that carries bytes: the detail pane shows its words and its
// bytes, as text and as a dump, like any traffic row; an event without bytes shows its words.
void tst_LogView::detailPaneShowsAFramedMessagesBytes()
{
    add(Direction::Received, "hello\n");
    add(Direction::Info, "hello\n", QStringLiteral("Complete message, 6 bytes:"));
    add(Direction::Info, {}, QStringLiteral("127.0.0.1:5555 closed the connection (FIN)"));
    m_log->model()->flush();
    auto *text = child<QPlainTextEdit>(m_view.get(), "detailText");
    auto *hex = child<HexDumpView>(m_view.get(), "detailHex");
    auto *summary = child<QLabel>(m_view.get(), "detailSummary");

    m_table->setCurrentIndex(m_table->model()->index(1, 0));
    QCOMPARE(text->toPlainText(), QStringLiteral("hello\\n"));
    QVERIFY2(hex->lineText(0).startsWith(QStringLiteral("00000000  68 65 6c 6c 6f 0a")),
             qPrintable(hex->lineText(0)));
    QVERIFY2(summary->text().contains(QStringLiteral("Complete message, 6 bytes")),
             qPrintable(summary->text()));

    m_table->setCurrentIndex(m_table->model()->index(2, 0));
    QCOMPARE(text->toPlainText(), QStringLiteral("127.0.0.1:5555 closed the connection (FIN)"));
    QCOMPARE(hex->lineCount(), 0);
}

// The detail pane says which auto-reply sent a row, and every client a relayed message went to.
void tst_LogView::detailPaneSaysWhoSent()
{
    LogEntry echo = entry(Direction::Sent, "hi\n", {}, 41000);
    echo.autoReply = AutoReply::Echo;
    echo.peerName = QStringLiteral("user4");
    m_log->model()->append(echo);
    LogEntry relayed = entry(Direction::Sent, "<user4> hi\n",
                             QStringLiteral("user5 (127.0.0.1:41001), user6 (127.0.0.1:41002)"), 41000);
    relayed.autoReply = AutoReply::Relay;
    relayed.peerName = QStringLiteral("user4");
    relayed.count = 2;
    m_log->model()->append(relayed);
    m_log->model()->flush();
    auto *summary = child<QLabel>(m_view.get(), "detailSummary");

    m_table->setCurrentIndex(m_table->model()->index(0, 0));
    QVERIFY2(summary->text().endsWith(QStringLiteral(" — the echo auto-reply sent 3 bytes back to "
                                                     "user4 (127.0.0.1:41000) from 127.0.0.1:9000.")),
             qPrintable(summary->text()));
    m_table->setCurrentIndex(m_table->model()->index(1, 0));
    QVERIFY2(summary->text().endsWith(QStringLiteral(" — relayed 11 bytes from user4 (127.0.0.1:41000) "
                                                     "to user5 (127.0.0.1:41001), user6 (127.0.0.1:41002).")),
             qPrintable(summary->text()));
}

// The words of an auto-reply's row and a relay's peers fit their columns uncut.
void tst_LogView::columnsFitWhoSent()
{
    const QFontMetrics metrics = m_table->fontMetrics();
    const int padding = 2 * m_table->style()->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, m_table) + 4;
    const auto fits = [&](LogModel::Column column, const QString &text) {
        return metrics.horizontalAdvance(text) + padding <= m_table->columnWidth(column);
    };
    QVERIFY(fits(LogModel::DirectionColumn, QStringLiteral("Timestamp reply")));
    QVERIFY(fits(LogModel::PeerColumn, QStringLiteral("user12 (127.0.0.1:41000) → 3 others")));
}

void tst_LogView::selectionAndCopyAreShared()
{
    add(Direction::Sent, "ping");
    add(Direction::Received, "pong");
    switchToChat();
    const ChatItemDelegate::Layout pong = layoutOf(1);
    QTest::mouseClick(m_chat->viewport(), Qt::LeftButton, {}, pong.bubble.center());
    QCOMPARE(m_table->currentIndex().row(), 1);
    QVERIFY(m_table->selectionModel()->isRowSelected(1, {}));
    auto *summary = child<QLabel>(m_view.get(), "detailSummary");
    QVERIFY2(summary->text().contains(QStringLiteral("received 4 bytes")),
             qPrintable(summary->text()));

    QGuiApplication::clipboard()->clear();
    m_chat->setFocus();
    QTest::keyClick(m_chat, Qt::Key_C, Qt::ControlModifier);
    const QString copied = QGuiApplication::clipboard()->text();
    QVERIFY2(copied.contains(QStringLiteral("\tReceived\t127.0.0.1:5555\t4\tpong\n")),
             qPrintable(copied));

    // Back in the table, the same row is still the selected one.
    m_view->setChatView(false);
    QCOMPARE(m_table->selectionModel()->selectedRows().size(), 1);
    QCOMPARE(m_table->selectionModel()->selectedRows().first().row(), 1);
}

void tst_LogView::followsNewRows_data()
{
    QTest::addColumn<bool>("chat");
    QTest::newRow("table") << false;
    QTest::newRow("chat") << true;
}

void tst_LogView::followsNewRows()
{
    QFETCH(bool, chat);
    if (chat)
        switchToChat();
    const QAbstractItemView *view = chat ? static_cast<QAbstractItemView *>(m_chat) : m_table;
    for (int i = 0; i < 300; ++i)
        add(i % 2 ? Direction::Sent : Direction::Received, "line " + QByteArray::number(i));
    m_log->model()->flush();
    QScrollBar *bar = view->verticalScrollBar();
    QTRY_VERIFY(bar->maximum() > 0);
    QTRY_COMPARE(bar->value(), bar->maximum());
    QVERIFY(m_view->isFollowing());

    // Scrolling up pauses following; new rows leave the view where the user put it.
    bar->setValue(0);
    QVERIFY(!m_view->isFollowing());
    add(Direction::Received, "while scrolled up");
    m_log->model()->flush();
    QCoreApplication::processEvents();
    QCOMPARE(bar->value(), 0);

    bar->setValue(bar->maximum());
    QVERIFY(m_view->isFollowing());
    add(Direction::Received, "following again");
    m_log->model()->flush();
    QTRY_COMPARE(bar->value(), bar->maximum());
    const QModelIndex last = view->model()->index(view->model()->rowCount() - 1,
                                                  chat ? m_chat->modelColumn() : 0);
    QTRY_VERIFY(view->viewport()->rect().contains(view->visualRect(last).center()));
}

void tst_LogView::rowsThatArriveWhileHiddenAreFollowed_data()
{
    QTest::addColumn<bool>("chat");
    QTest::newRow("table") << false;
    QTest::newRow("chat") << true;
}

// A tab in the background keeps logging; when the user comes back, the newest row is in view.
// A tab in the background keeps logging; when the user comes back, the newest row is in view.
// Only the current page of a tab widget is laid out, so the log's views get their real size
// only when the tab is shown.
void tst_LogView::rowsThatArriveWhileHiddenAreFollowed()
{
    QFETCH(bool, chat);
    QTabWidget tabs;
    tabs.addTab(new QWidget, QStringLiteral("front"));
    auto *view = new LogView;
    auto *log = new SessionLog(QStringLiteral("UDP"), Transport::Udp, view);
    view->setSessionLog(log);
    view->setChatView(chat);
    tabs.addTab(view, QStringLiteral("log"));
    tabs.resize(900, 600);
    tabs.show();
    QVERIFY(QTest::qWaitForWindowExposed(&tabs));
    for (int i = 0; i < 300; ++i)
        log->model()->append(entry(Direction::Received, "line " + QByteArray::number(i)));
    log->model()->flush();
    QCoreApplication::processEvents();

    tabs.setCurrentWidget(view);
    auto *list = child<QListView>(view, "chatList");
    auto *table = child<QTableView>(view, "table");
    const QAbstractItemView *shown = chat ? static_cast<QAbstractItemView *>(list) : table;
    const QScrollBar *bar = shown->verticalScrollBar();
    QTRY_VERIFY(bar->maximum() > 0);
    QTRY_COMPARE(bar->value(), bar->maximum());
    const QModelIndex last = shown->model()->index(299, chat ? list->modelColumn() : 0);
    QVERIFY(shown->viewport()->rect().contains(shown->visualRect(last).center()));
}

// A flood's batches are painted once a frame, and the view paints again once it has passed.
void tst_LogView::aFloodIsPaintedOnceAFrame()
{
    QWidget *viewport = m_table->viewport();
    add(Direction::Received, "one");
    m_log->model()->flush();
    QVERIFY(viewport->updatesEnabled()); // ordinary traffic is painted at once
    for (int i = 0; i < LogModel::BusyRows; ++i)
        add(Direction::Received, QByteArray::number(i));
    m_log->model()->flush();
    QVERIFY(!viewport->updatesEnabled());
    QTRY_VERIFY_WITH_TIMEOUT(viewport->updatesEnabled(), 5000);
    QCOMPARE(m_table->model()->rowCount(), LogModel::BusyRows + 1);
}

// The row in the detail pane is evicted by the cap: the pane empties rather than show some
// other row that the view's current index moved to.
void tst_LogView::theDetailPaneEmptiesWhenItsRowLeaves()
{
    m_log->model()->setCapacity(3);
    for (const char *payload : { "one", "two", "three" })
        add(Direction::Received, payload);
    m_log->model()->flush();
    m_table->setCurrentIndex(m_table->model()->index(0, 0));
    auto *summary = child<QLabel>(m_view.get(), "detailSummary");
    QVERIFY(summary->text().contains(u"received 3 bytes"));
    add(Direction::Info, {}, QStringLiteral("Bound"));
    m_log->model()->flush(); // "one" leaves
    QVERIFY2(summary->text().isEmpty(), qPrintable(summary->text()));
    QVERIFY(child<QPlainTextEdit>(m_view.get(), "detailText")->toPlainText().isEmpty());
}

void tst_LogView::theFooterFollowsNewLimits()
{
    m_log->model()->setCapacity(2);
    for (int i = 0; i < 3; ++i)
        add(Direction::Received, "x");
    m_log->model()->flush();
    auto *footer = child<QLabel>(m_view.get(), "footerLabel");
    QTRY_VERIFY(footer->text().contains(u"limits: 2 rows"));
    m_log->model()->setCapacity(1000);
    QVERIFY2(footer->text().contains(u"limits: " + QLocale().toString(1000) + u" rows"),
             qPrintable(footer->text()));
}

void tst_LogView::hexViewShowsBytesInTableAndChat()
{
    add(Direction::Received, "hi\r\n");
    add(Direction::Info, {}, QStringLiteral("Client user1 connected"));
    m_log->model()->flush();
    QSignalSpy changed(m_view.get(), &LogView::displayFormatChanged);
    KeyedCombo::setValue(child<QComboBox>(m_view.get(), "payloadViewCombo"),
                         PayloadCodec::PayloadView::Hex);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(m_table->model()->index(0, LogModel::DataColumn).data().toString(),
             QStringLiteral("68 69 0d 0a"));
    QCOMPARE(m_table->model()->index(1, LogModel::DataColumn).data().toString(),
             QStringLiteral("Client user1 connected")); // events keep their words
    switchToChat();
    QCOMPARE(layoutOf(0).body, QStringLiteral("68 69 0d 0a")); // every byte, the ending too
    KeyedCombo::setValue(child<QComboBox>(m_view.get(), "payloadViewCombo"),
                         PayloadCodec::PayloadView::Text);
    QCOMPARE(layoutOf(0).body, QStringLiteral("hi"));
}

void tst_LogView::encodingReadsTableChatDetailAndFilter()
{
    const QByteArray big5("\xa4\xa4\xa4\xe5"); // zhongwen in Big5
    add(Direction::Received, big5);
    add(Direction::Received, "other");
    m_log->model()->flush();
    KeyedCombo::setValue(child<QComboBox>(m_view.get(), "encodingCombo"), TextEncoding::Big5);
    const QString chinese = QStringLiteral("\u4e2d\u6587");
    QCOMPARE(m_table->model()->index(0, LogModel::DataColumn).data().toString(), chinese);
    m_table->setCurrentIndex(m_table->model()->index(0, 0));
    QCOMPARE(child<QPlainTextEdit>(m_view.get(), "detailText")->toPlainText(), chinese);
    QCOMPARE(m_log->textEncoding(), TextEncoding::Big5); // what the recording writes
    child<QLineEdit>(m_view.get(), "filterEdit")->setText(chinese); // typed by an input method
    QCOMPARE(m_view->filterModel()->rowCount(), 1);
    switchToChat();
    QCOMPARE(layoutOf(0).body, chinese);
}

// The Bytes column writes 65,507 as the status bar does, where the view would write 65507.
void tst_LogView::sizesHaveThousandsSeparators()
{
    const QLocale before;
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    add(Direction::Received, QByteArray(65'507, 'x'));
    m_log->model()->flush();
    const QModelIndex size = m_table->model()->index(0, LogModel::SizeColumn);
    QLocale viewLocale = m_table->locale();
    viewLocale.setNumberOptions(QLocale::OmitGroupSeparator); // as item views set it
    const auto *delegate = qobject_cast<QStyledItemDelegate *>(m_table->itemDelegateForIndex(size));
    QVERIFY(delegate);
    const QString shown = delegate->displayText(size.data(), viewLocale);
    QLocale::setDefault(before);
    QCOMPARE(shown, u"65,507"_s);
}

// An error's words run past the column, and their end is the step to try: the tooltip and the
// detail pane have them whole.
void tst_LogView::longEventsReadWhole()
{
    const QString message = u"Cannot bind 127.0.0.1:9000: the port is already in use by another "
                            "socket. Choose another port, or close the program that has it "
                            "(ss -lunp 'sport = :9000' names it), then Start again."_s;
    add(Direction::Error, {}, message);
    m_log->model()->flush();
    const QModelIndex data = m_table->model()->index(0, LogModel::DataColumn);
    QVERIFY(m_table->visualRect(data).width() < m_table->fontMetrics().horizontalAdvance(message));
    QHelpEvent hover(QEvent::ToolTip, m_table->visualRect(data).center(),
                     m_table->viewport()->mapToGlobal(m_table->visualRect(data).center()));
    QApplication::sendEvent(m_table->viewport(), &hover);
    QTRY_VERIFY(QToolTip::isVisible());
    QCOMPARE(QToolTip::text(), message);
    QToolTip::hideText();

    m_table->setCurrentIndex(data);
    QTRY_COMPARE(child<QPlainTextEdit>(m_view.get(), "detailText")->toPlainText(), message);
}

// "1 row", not "1 rows".
void tst_LogView::oneRowIsARow()
{
    auto *footer = child<QLabel>(m_view.get(), "footerLabel");
    add(Direction::Received, "one");
    QTRY_COMPARE(footer->text(), u"1 row"_s);
    add(Direction::Received, "two");
    QTRY_COMPARE(footer->text(), u"2 rows"_s);
}

// A datagram that Read at most cut: the detail pane says how much arrived and where the rest
// went, after what was received.
void tst_LogView::aCutDatagramSaysWhatBecameOfTheRest()
{
    LogEntry cut = entry(Direction::Received, QByteArray(4, 'x'));
    cut.count = 11;
    m_log->model()->append(cut);
    m_log->model()->flush();
    m_table->setCurrentIndex(m_table->model()->index(0, 0));
    const QString summary = child<QLabel>(m_view.get(), "detailSummary")->text();
    QVERIFY2(summary.endsWith(u" — received 4 bytes from 127.0.0.1:5555 on 127.0.0.1:9000. 11 "
                              "bytes arrived; recvfrom(4) keeps 4 and the kernel drops the rest: "
                              "UDP has no stream to read it from later."_s),
             qPrintable(summary));
    QCOMPARE(m_table->model()->index(0, LogModel::DirectionColumn).data().toString(),
             u"Received (cut)"_s);
    switchToChat();
    const QString header = layoutOf(0).header;
    QVERIFY2(header.startsWith(u"127.0.0.1:5555 · ") && header.endsWith(u" · cut: 4 of 11 bytes kept"),
             qPrintable(header));
}

QTEST_MAIN(tst_LogView)
#include "tst_logview.moc"
