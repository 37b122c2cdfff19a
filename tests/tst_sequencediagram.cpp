#include "log/sequencediagram.h"

#include "log/logfiltermodel.h"
#include "log/logmodel.h"
#include "log/logview.h"
#include "log/sessionlog.h"
#include "tabtesthelpers.h"
#include "text/pluralforms.h"

#include <QImage>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QXmlStreamReader>

using TabTest::child;

// The log's third view as a user sees it: which lifelines it draws and where, which way the
// arrows go and in what order, that it follows the filter, the cap and the selection both
// ways, that Up and Down move through it, and that an export writes what is in view.
class tst_SequenceDiagram : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void threeViewsOneChoice();
    void arrowsRunBetweenLifelines();
    void aConnectionIsDrawnAsItsSegments();
    void aRelayPointsAtTheClientsItReached();
    void clickingAnArrowSelectsItsRow();
    void aRowSelectedElsewhereIsScrolledTo();
    void upAndDownMoveBetweenRows();
    void followsTheFilter();
    void followsTheCap();
    void rowsThatCameWhileHiddenAreDrawn();
    void largePayloadsShowTheirFirstBytes();
    void aHundredThousandRowsPaintOnlyWhatIsInView();
    void aHundredThousandRowsAreLaidOutInSteps();
    void followingAndNewRowsWaitForTheLayout();
    void aFilterChangedMidLayoutStartsOver();
    void anExportWaitsForTheWholeLayout();
    void exportsSvg();
    void exportsPng();
    void exportNeedsAKnownSuffix();

private:
    void add(Direction direction, const QByteArray &payload, quint16 peerPort = 5555, qint64 ms = 0,
             TcpEvent event = TcpEvent::None);
    void showDiagram();
    // 100,000 rows from 7 peers, in runs of a thousand "ping" then a thousand "pong", and the
    // diagram chosen: its first step laid out, the rest to come in later turns of the event
    // loop.
    void startLargeLayout();
    // The centre of `row`'s arrow, in the viewport.
    QPoint arrowOf(int row) const;

    std::unique_ptr<LogView> m_view;
    SessionLog *m_log = nullptr;
    SequenceDiagram *m_diagram = nullptr;
    QTableView *m_table = nullptr;
    QDateTime m_start;
};

void tst_SequenceDiagram::initTestCase()
{
    QVERIFY(PluralForms::install());
}

void tst_SequenceDiagram::init()
{
    m_view = std::make_unique<LogView>();
    m_log = new SessionLog(QStringLiteral("TCP Server"), Transport::Tcp, m_view.get());
    m_view->setSessionLog(m_log);
    m_view->resize(1000, 700);
    m_view->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_view.get()));
    m_diagram = child<SequenceDiagram>(m_view.get(), "diagram");
    m_table = child<QTableView>(m_view.get(), "table");
    QVERIFY(m_diagram && m_table);
    m_start = QDateTime::currentDateTimeUtc();
}

void tst_SequenceDiagram::cleanup()
{
    m_view.reset();
}

void tst_SequenceDiagram::add(Direction direction, const QByteArray &payload, quint16 peerPort,
                              qint64 ms, TcpEvent event)
{
    LogEntry e;
    e.time = m_start.addMSecs(ms);
    e.session = QStringLiteral("TCP Server");
    e.transport = Transport::Tcp;
    e.direction = direction;
    e.local = Endpoint { QHostAddress(QStringLiteral("127.0.0.1")), 9000 };
    if (peerPort != 0)
        e.peer = Endpoint { QHostAddress(QStringLiteral("127.0.0.1")), peerPort };
    e.payload = payload;
    if (!e.isTraffic())
        e.message = QStringLiteral("an event");
    e.count = qint32(event);
    m_log->model()->append(e);
}

void tst_SequenceDiagram::showDiagram()
{
    QTest::mouseClick(child<QToolButton>(m_view.get(), "diagramButton"), Qt::LeftButton);
    QVERIFY(m_view->isDiagramView());
    m_log->model()->flush();
    QTRY_VERIFY(m_diagram->isVisible());
    QTRY_COMPARE(m_diagram->sequenceLayout().rowCount(), m_view->filterModel()->rowCount());
}

void tst_SequenceDiagram::startLargeLayout()
{
    for (int i = 0; i < 100'000; ++i)
        add(i % 2 ? Direction::Sent : Direction::Received, (i / 1000) % 2 ? "pong" : "ping",
            quint16(5555 + i % 7), i);
    m_log->model()->flush();
    QCOMPARE(m_view->filterModel()->rowCount(), 100'000);
    m_view->setDiagramView(true);
    QVERIFY(m_diagram->isVisible());
    QVERIFY(m_diagram->sequenceLayout().rowCount() > 0);
    QVERIFY(m_diagram->sequenceLayout().rowCount() <= SequenceDiagram::StepRows);
    QVERIFY(!m_diagram->isLayoutComplete());
}

QPoint tst_SequenceDiagram::arrowOf(int row) const
{
    const QRect rect = m_diagram->visualRect(m_diagram->model()->index(row, 0));
    const SequenceLayout &layout = m_diagram->sequenceLayout();
    const SequenceLayout::Row &r = layout.row(row);
    const int x = (layout.lifelineX(r.local) + layout.lifelineX(std::max(r.peer, r.local))) / 2
        - m_diagram->horizontalScrollBar()->value();
    return { x, rect.bottom() - 8 };
}

// The table, the chat and the diagram are one choice: choosing one leaves the others, and
// each change is said (the tab remembers it).
void tst_SequenceDiagram::threeViewsOneChoice()
{
    QSignalSpy diagram(m_view.get(), &LogView::diagramViewChanged);
    QSignalSpy chat(m_view.get(), &LogView::chatViewChanged);
    showDiagram();
    QVERIFY(!m_table->isVisible());
    QCOMPARE(diagram.count(), 1);
    m_view->setChatView(true);
    QVERIFY(!m_view->isDiagramView());
    QVERIFY(!child<QToolButton>(m_view.get(), "diagramButton")->isChecked());
    QVERIFY(child<QToolButton>(m_view.get(), "chatButton")->isChecked());
    QCOMPARE(diagram.count(), 2);
    QCOMPARE(diagram.at(1).at(0).toBool(), false);
    QCOMPARE(chat.count(), 1);
    m_view->setDiagramView(true);
    QVERIFY(!m_view->isChatView());
    QCOMPARE(chat.count(), 2);
    m_view->setDiagramView(false);
    QVERIFY(m_table->isVisible());
    QCOMPARE(diagram.count(), 4);
}

void tst_SequenceDiagram::arrowsRunBetweenLifelines()
{
    add(Direction::Info, {}, 0);
    add(Direction::Received, "hello", 5555, 10);
    add(Direction::Sent, "world", 6666, 20);
    add(Direction::Received, "again", 5555, 30);
    showDiagram();
    const SequenceLayout &layout = m_diagram->sequenceLayout();
    QCOMPARE(layout.lifelineCount(), 3);
    QCOMPARE(layout.lifeline(0).endpoint.toString(), u"127.0.0.1:9000");
    QCOMPARE(layout.lifeline(1).endpoint.toString(), u"127.0.0.1:5555");
    QCOMPARE(layout.lifeline(2).endpoint.toString(), u"127.0.0.1:6666");
    QVERIFY(layout.lifelineX(0) < layout.lifelineX(1));
    QVERIFY(layout.lifelineX(1) < layout.lifelineX(2));
    // Each row below the one before it, in the log's order.
    int previousBottom = m_diagram->headerHeight();
    for (int row = 0; row < 4; ++row) {
        const QRect rect = m_diagram->visualRect(m_diagram->model()->index(row, 0));
        QCOMPARE(rect.top(), previousBottom);
        previousBottom = rect.bottom() + 1;
    }
    QCOMPARE(layout.arrowEnds(1), std::make_pair(1, 0)); // 5555 → this socket
    QCOMPARE(layout.arrowEnds(2), std::make_pair(0, 2)); // this socket → 6666
    QCOMPARE(layout.arrowEnds(3), std::make_pair(1, 0));
    QCOMPARE(m_diagram->label(1), u"5 bytes · hello");
    QCOMPARE(m_diagram->label(0), u"an event");
}

void tst_SequenceDiagram::aConnectionIsDrawnAsItsSegments()
{
    add(Direction::Info, {}, 5555, 0, TcpEvent::Accepted);
    add(Direction::Received, "hi", 5555, 5);
    add(Direction::Error, {}, 5555, 3000, TcpEvent::ResetByPeer);
    showDiagram();
    const SequenceLayout &layout = m_diagram->sequenceLayout();
    QCOMPARE(layout.row(0).shape, SequenceLayout::Shape::Segments);
    QCOMPARE(layout.row(0).event, TcpEvent::Accepted);
    QCOMPARE(layout.row(2).shape, SequenceLayout::Shape::Segments);
    QVERIFY(layout.row(2).gapMs >= 2995); // the pause is a break above the reset
    QVERIFY(layout.bodyTop(2) > layout.rowTop(2));
}

// The chat room relays a message from 5555 to 6666; 7777 had left: no head on its lifeline,
// and the arrow does not reach it.
void tst_SequenceDiagram::aRelayPointsAtTheClientsItReached()
{
    m_view->resize(1600, 700);
    for (const quint16 port : { 5555, 6666, 7777 })
        add(Direction::Info, {}, port, 0, TcpEvent::Accepted);
    add(Direction::Info, {}, 7777, 1, TcpEvent::ClosedByPeer);
    LogEntry relayed;
    relayed.time = m_start.addMSecs(2);
    relayed.transport = Transport::Tcp;
    relayed.direction = Direction::Sent;
    relayed.autoReply = AutoReply::Relay;
    relayed.count = 1;
    relayed.local = Endpoint { QHostAddress(QStringLiteral("127.0.0.1")), 9000 };
    relayed.peer = Endpoint { QHostAddress(QStringLiteral("127.0.0.1")), 5555 };
    relayed.payload = "hi";
    relayed.message = QStringLiteral("127.0.0.1:6666");
    m_log->model()->append(relayed);
    showDiagram();
    const SequenceLayout &layout = m_diagram->sequenceLayout();
    QCOMPARE(layout.lifelineCount(), 4);
    QCOMPARE(layout.row(4).shape, SequenceLayout::Shape::Broadcast);
    QTRY_VERIFY(m_diagram->horizontalScrollBar()->maximum() == 0); // all four in view
    const QRect rect = m_diagram->visualRect(m_diagram->model()->index(4, 0));
    const int lineY = rect.bottom() + 1 - 8;
    const QImage shown = m_diagram->viewport()->grab().toImage();
    const QColor base = m_diagram->palette().color(QPalette::Base);
    // Inside a head, clear of the line and of the dashed lifeline.
    const auto inHead = [&](int line) {
        return QColor(shown.pixel(layout.lifelineX(line) - 5, lineY - 2)) != base;
    };
    QVERIFY(inHead(2)); // 6666
    QVERIFY(!inHead(3)); // 7777 had left
    QVERIFY(!inHead(1)); // 5555, where it came from
}

void tst_SequenceDiagram::clickingAnArrowSelectsItsRow()
{
    for (int i = 0; i < 5; ++i)
        add(i % 2 ? Direction::Sent : Direction::Received, QByteArray("message ") + char('0' + i));
    showDiagram();
    QTest::mouseClick(m_diagram->viewport(), Qt::LeftButton, {}, arrowOf(3));
    QCOMPARE(m_table->selectionModel()->currentIndex().row(), 3);
    QVERIFY(m_table->selectionModel()->isRowSelected(3, {}));
    QCOMPARE(m_table->selectionModel()->selectedRows().size(), 1);
    // The detail pane shows the row, as for a click in the table.
    auto *detail = m_view->findChild<QWidget *>(QStringLiteral("detailView"));
    QVERIFY(detail);
    QTRY_VERIFY(!detail->findChildren<QPlainTextEdit *>().isEmpty());
    bool shown = false;
    for (const QPlainTextEdit *edit : detail->findChildren<QPlainTextEdit *>())
        shown = shown || edit->toPlainText().contains(u"message 3");
    QVERIFY(shown);
    // A click on the lifelines' heads selects nothing new.
    QTest::mouseClick(m_diagram->viewport(), Qt::LeftButton, {}, QPoint(arrowOf(1).x(), 4));
    QCOMPARE(m_table->selectionModel()->currentIndex().row(), 3);
}

void tst_SequenceDiagram::aRowSelectedElsewhereIsScrolledTo()
{
    for (int i = 0; i < 500; ++i)
        add(Direction::Received, "x", 5555, i);
    showDiagram();
    QTRY_VERIFY(m_diagram->visibleRows().second == 499); // following the newest
    QVERIFY(m_diagram->visibleRows().first > 20);
    m_table->selectionModel()->setCurrentIndex(m_view->filterModel()->index(10, 0),
                                               QItemSelectionModel::ClearAndSelect
                                                   | QItemSelectionModel::Rows);
    QTRY_VERIFY(m_diagram->visibleRows().first <= 10 && m_diagram->visibleRows().second >= 10);
    QVERIFY(m_diagram->visualRect(m_diagram->model()->index(10, 0))
                .intersects(m_diagram->viewport()->rect()));
}

void tst_SequenceDiagram::upAndDownMoveBetweenRows()
{
    for (int i = 0; i < 6; ++i)
        add(Direction::Received, "x", 5555, i);
    showDiagram();
    m_diagram->setFocus();
    QTest::mouseClick(m_diagram->viewport(), Qt::LeftButton, {}, arrowOf(2));
    QCOMPARE(m_diagram->currentIndex().row(), 2);
    QTest::keyClick(m_diagram, Qt::Key_Down);
    QCOMPARE(m_table->selectionModel()->currentIndex().row(), 3);
    QTest::keyClick(m_diagram, Qt::Key_Up);
    QTest::keyClick(m_diagram, Qt::Key_Up);
    QCOMPARE(m_table->selectionModel()->currentIndex().row(), 1);
    QVERIFY(m_table->selectionModel()->isRowSelected(1, {}));
    QTest::keyClick(m_diagram, Qt::Key_End);
    QCOMPARE(m_table->selectionModel()->currentIndex().row(), 5);
}

void tst_SequenceDiagram::followsTheFilter()
{
    add(Direction::Received, "apple", 5555);
    add(Direction::Received, "pear", 6666);
    add(Direction::Sent, "apple pie", 7777);
    showDiagram();
    QCOMPARE(m_diagram->sequenceLayout().rowCount(), 3);
    QTest::keyClicks(child<QLineEdit>(m_view.get(), "filterEdit"), QStringLiteral("apple"));
    QTRY_COMPARE(m_view->filterModel()->rowCount(), 2);
    QTRY_COMPARE(m_diagram->sequenceLayout().rowCount(), 2);
    QCOMPARE(m_diagram->label(1), u"9 bytes · apple pie");
    // Lifelines are those of the rows shown.
    QTRY_COMPARE(m_diagram->sequenceLayout().lifelineCount(), 3);
    QCOMPARE(m_diagram->sequenceLayout().lifeline(2).endpoint.port, quint16(7777));
}

void tst_SequenceDiagram::followsTheCap()
{
    m_log->model()->setCapacity(10);
    showDiagram();
    for (int i = 0; i < 25; ++i) {
        add(Direction::Received, QByteArray::number(i), 5555, i);
        if (i % 4 == 3)
            m_log->model()->flush();
    }
    m_log->model()->flush();
    QCOMPARE(m_log->model()->rowCount(), 10);
    QTRY_COMPARE(m_diagram->sequenceLayout().rowCount(), 10);
    QCOMPARE(m_diagram->sequenceLayout().rowTop(0), qint64(0));
    QCOMPARE(m_diagram->label(0), u"2 bytes · 15");
    QCOMPARE(m_diagram->label(9), u"2 bytes · 24");
}

void tst_SequenceDiagram::rowsThatCameWhileHiddenAreDrawn()
{
    showDiagram();
    m_view->setDiagramView(false);
    add(Direction::Received, "while away", 5555);
    m_log->model()->flush();
    QCOMPARE(m_diagram->sequenceLayout().rowCount(), 0); // nothing done while hidden
    m_view->setDiagramView(true);
    QTRY_COMPARE(m_diagram->sequenceLayout().rowCount(), 1);
    QCOMPARE(m_diagram->label(0), u"10 bytes · while away");
}

// 64 MiB in one chunk: its label shows the first bytes, escaped, and says how many there are.
void tst_SequenceDiagram::largePayloadsShowTheirFirstBytes()
{
    QByteArray big(64 << 20, 'a');
    big.replace(0, 4, "\x1b\xe2\x80\xae");
    add(Direction::Received, big, 5555);
    showDiagram();
    const QString label = m_diagram->label(0);
    QVERIFY2(label.startsWith(QLocale().toString(64 << 20) + u" bytes · \\x1b\\xe2\\x80\\xae"),
             qPrintable(label));
    QVERIFY(label.size() < 200);
    QVERIFY(!label.contains(QChar(0x202e)));
}

// A full log: every row laid out, a paint in the middle of it draws the rows there, and a row
// selected far away is scrolled to.
void tst_SequenceDiagram::aHundredThousandRowsPaintOnlyWhatIsInView()
{
    for (int i = 0; i < 100'000; ++i)
        add(i % 2 ? Direction::Sent : Direction::Received, "ping", quint16(5555 + i % 7), i);
    showDiagram();
    const SequenceLayout &layout = m_diagram->sequenceLayout();
    QCOMPARE(layout.rowCount(), 100'000);
    QCOMPARE(layout.lifelineCount(), 8);
    QScrollBar *bar = m_diagram->verticalScrollBar();
    bar->setValue(bar->maximum() / 2);
    const auto [first, last] = m_diagram->visibleRows();
    QVERIFY(first > 40'000 && first < 60'000);
    QVERIFY(last - first < 100); // a screen's worth
    const QImage shown = m_diagram->viewport()->grab().toImage(); // paints
    QVERIFY(!shown.isNull());
    const auto [firstPainted, lastPainted] = m_diagram->paintedRows();
    QCOMPARE(firstPainted, first);
    QCOMPARE(lastPainted, last);
    m_table->selectionModel()->setCurrentIndex(m_view->filterModel()->index(99'000, 0),
                                               QItemSelectionModel::ClearAndSelect
                                                   | QItemSelectionModel::Rows);
    QTRY_VERIFY(m_diagram->visibleRows().first <= 99'000
                && m_diagram->visibleRows().second >= 99'000);
}

// Switching to the diagram lays 100,000 rows out over many turns of the event loop, never
// all in one, so the window goes on answering; a row selected before the layout is done is
// scrolled to once it is.
void tst_SequenceDiagram::aHundredThousandRowsAreLaidOutInSteps()
{
    QVERIFY(m_view->isFollowing());
    startLargeLayout();
    if (QTest::currentTestFailed())
        return;
    m_table->selectionModel()->setCurrentIndex(m_view->filterModel()->index(30'000, 0),
                                               QItemSelectionModel::ClearAndSelect
                                                   | QItemSelectionModel::Rows);
    QVERIFY(!m_diagram->isLayoutComplete());
    QTRY_VERIFY_WITH_TIMEOUT(m_diagram->isLayoutComplete(), 60'000);
    QCOMPARE(m_diagram->sequenceLayout().rowCount(), 100'000);
    QCOMPARE(m_diagram->sequenceLayout().lifelineCount(), 8);
    QVERIFY2(m_diagram->layoutSteps() >= 100'000 / SequenceDiagram::StepRows,
             qPrintable(QString::number(m_diagram->layoutSteps())));
    QTRY_VERIFY(m_diagram->visibleRows().first <= 30'000
                && m_diagram->visibleRows().second >= 30'000);
    QVERIFY(!m_view->isFollowing()); // the row, not the newest, as in the table
}

// While the layout is under way the scroll bar keeps its range: following neither stops nor
// starts by itself, and once every row is placed the newest are in view. A row that comes in
// the meantime is placed after the others (the cap lets the oldest go).
void tst_SequenceDiagram::followingAndNewRowsWaitForTheLayout()
{
    QCOMPARE(m_log->model()->capacity(), qsizetype(100'000));
    QVERIFY(m_view->isFollowing());
    startLargeLayout();
    if (QTest::currentTestFailed())
        return;
    const int range = m_diagram->verticalScrollBar()->maximum();
    add(Direction::Received, "late", 5555, 200'000);
    m_log->model()->flush();
    QCOMPARE(m_diagram->verticalScrollBar()->maximum(), range);
    QVERIFY(m_view->isFollowing());
    QTRY_VERIFY_WITH_TIMEOUT(m_diagram->isLayoutComplete(), 60'000);
    QCOMPARE(m_diagram->sequenceLayout().rowCount(), 100'000);
    QCOMPARE(m_diagram->label(0), u"4 bytes · ping"); // the second row logged
    QCOMPARE(m_diagram->label(99'999), u"4 bytes · late");
    QVERIFY(m_view->isFollowing());
    QTRY_COMPARE(m_diagram->visibleRows().second, 99'999);
    QVERIFY(m_diagram->verticalScrollBar()->maximum() > range);

    // Not following: the layout that comes with a filter leaves it off.
    m_diagram->verticalScrollBar()->setValue(0);
    QVERIFY(!m_view->isFollowing());
    QTest::keyClicks(child<QLineEdit>(m_view.get(), "filterEdit"), QStringLiteral("ing"));
    QTRY_VERIFY_WITH_TIMEOUT(m_diagram->isLayoutComplete(), 60'000);
    QCOMPARE(m_view->filterModel()->rowCount(), 49'999);
    QCOMPARE(m_diagram->sequenceLayout().rowCount(), 49'999);
    QVERIFY(!m_view->isFollowing());
    QCOMPARE(m_diagram->visibleRows().first, 0);
}

// A filter typed while the rows are being laid out starts the layout over with the rows it
// shows, whatever was placed before.
void tst_SequenceDiagram::aFilterChangedMidLayoutStartsOver()
{
    startLargeLayout();
    if (QTest::currentTestFailed())
        return;
    QVERIFY(m_diagram->label(0).endsWith(u"ping"));
    child<QLineEdit>(m_view.get(), "filterEdit")->setText(QStringLiteral("pong"));
    QTRY_COMPARE(m_view->filterModel()->rowCount(), 50'000);
    QTRY_VERIFY_WITH_TIMEOUT(m_diagram->isLayoutComplete(), 60'000);
    QCOMPARE(m_diagram->sequenceLayout().rowCount(), 50'000);
    QCOMPARE(m_diagram->label(0), u"4 bytes · pong");
    QCOMPARE(m_diagram->label(49'999), u"4 bytes · pong");
    QCOMPARE(m_diagram->sequenceLayout().row(0).gapMs, 0); // the first, not after the others
}

// An export made before every row is placed writes the diagram as it is once they are.
void tst_SequenceDiagram::anExportWaitsForTheWholeLayout()
{
    startLargeLayout();
    if (QTest::currentTestFailed())
        return;
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("diagram.svg"));
    QCOMPARE(m_diagram->exportVisible(path), QString());
    QVERIFY(m_diagram->isLayoutComplete());
    QCOMPARE(m_diagram->sequenceLayout().rowCount(), 100'000);
    QCOMPARE(m_diagram->visibleRows().second, 99'999); // following: the newest
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(file.readAll().contains("4 bytes · pong"));
}

void tst_SequenceDiagram::exportsSvg()
{
    add(Direction::Info, {}, 5555, 0, TcpEvent::Accepted);
    add(Direction::Received, "hello <svg> & \"friends\"", 5555, 10);
    add(Direction::Sent, "bye", 5555, 20);
    showDiagram();
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("diagram.svg"));
    QCOMPARE(m_diagram->exportVisible(path), QString());
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QXmlStreamReader xml(&file);
    QStringList texts;
    bool isSvg = false;
    while (!xml.atEnd()) {
        if (xml.readNext() != QXmlStreamReader::StartElement)
            continue;
        if (xml.name() == u"svg")
            isSvg = true;
        if (xml.name() == u"text")
            texts << xml.readElementText(QXmlStreamReader::IncludeChildElements).simplified();
    }
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    QVERIFY(isSvg);
    const QString all = texts.join(u'\n');
    QVERIFY2(all.contains(u"hello <svg> & \"friends\""), qPrintable(all));
    QVERIFY(all.contains(u"3 bytes · bye"));
    for (const char *segment : { "SYN", "SYN-ACK", "ACK" })
        QVERIFY(texts.contains(QString::fromLatin1(segment)));
    QVERIFY(all.contains(u"127.0.0.1:5555")); // the lifelines' heads
}

void tst_SequenceDiagram::exportsPng()
{
    for (int i = 0; i < 300; ++i)
        add(i % 2 ? Direction::Sent : Direction::Received, "ping", quint16(5555 + i % 3), i);
    showDiagram();
    QTRY_COMPARE(m_diagram->visibleRows().second, 299);
    const auto [first, last] = m_diagram->visibleRows();
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("diagram.png"));
    QCOMPARE(m_diagram->exportVisible(path), QString());
    QImage image;
    QVERIFY(image.load(path));
    // The rows in view, whole, under the lifelines' heads, as wide as every lifeline.
    const SequenceLayout &layout = m_diagram->sequenceLayout();
    const qint64 rows = layout.rowTop(last) + layout.row(last).height - layout.rowTop(first);
    QCOMPARE(image.width(), layout.width());
    QCOMPARE(qint64(image.height()), m_diagram->headerHeight() + rows);
    QVERIFY(rows < layout.height()); // not the rows out of view
    // Arrows in the colours of what was sent and received, not a blank page.
    int coloured = 0;
    const QRgb background = image.pixel(image.width() - 1, image.height() - 1);
    for (int y = m_diagram->headerHeight(); y < image.height(); y += 3) {
        for (int x = 0; x < image.width(); x += 3)
            coloured += image.pixel(x, y) != background ? 1 : 0;
    }
    QVERIFY2(coloured > 200, qPrintable(QString::number(coloured)));
}

void tst_SequenceDiagram::exportNeedsAKnownSuffix()
{
    QTemporaryDir dir;
    QVERIFY(!m_diagram->exportVisible(dir.filePath(QStringLiteral("empty.svg"))).isEmpty());
    add(Direction::Received, "x");
    showDiagram();
    const QString error = m_diagram->exportVisible(dir.filePath(QStringLiteral("diagram.jpg")));
    QVERIFY(error.contains(u".svg"));
    QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("diagram.jpg"))));
    QVERIFY(!m_diagram->exportVisible(QStringLiteral("/nonexistent/folder/d.png")).isEmpty());
}

QTEST_MAIN(tst_SequenceDiagram)
#include "tst_sequencediagram.moc"
