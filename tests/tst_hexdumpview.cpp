#include "log/entrydetailview.h"
#include "log/hexdumpview.h"
#include "log/logentry.h"
#include "text/payloadcodec.h"
#include "tabtesthelpers.h"

#include <QApplication>
#include <QClipboard>
#include <QLocale>
#include <QLabel>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTest>

// The dump of a payload of any size formats what it shows, and only that; selecting, scrolling
// and copying work on all of it.
class tst_HexDumpView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void paintsOnlyTheVisibleLines();
    void scrollingToTheEndShowsTheLastOffset();
    void linesMatchHexdump();
    void keyboardSelectsAndCopies();
    void copyIsRefusedPastTheLimit();
    void copyAsHexAndAsText();
    void theSameBytesKeepTheirPlace();
    void detailPaneShowsA64MiBPayloadAtOnce();

private:
    static QByteArray bigPayload();
    void paint();

    std::unique_ptr<HexDumpView> m_view;
};

QByteArray tst_HexDumpView::bigPayload()
{
    QByteArray bytes(64 << 20, Qt::Uninitialized);
    for (qsizetype i = 0; i < bytes.size(); ++i)
        bytes[i] = char(i % 251);
    return bytes;
}

void tst_HexDumpView::init()
{
    m_view = std::make_unique<HexDumpView>();
    m_view->resize(700, 400);
    m_view->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_view.get()));
}

void tst_HexDumpView::cleanup()
{
    m_view.reset();
}

void tst_HexDumpView::paint()
{
    m_view->viewport()->repaint();
}

void tst_HexDumpView::paintsOnlyTheVisibleLines()
{
    m_view->setBytes(bigPayload());
    QCOMPARE(m_view->lineCount(), (64 << 20) / 16 + 1);
    paint();
    const int screenful = m_view->viewport()->height() / m_view->fontMetrics().lineSpacing() + 1;
    QVERIFY(m_view->paintedLineCount() > 0);
    QVERIFY2(m_view->paintedLineCount() <= screenful,
             qPrintable(QString::number(m_view->paintedLineCount())));
}

void tst_HexDumpView::scrollingToTheEndShowsTheLastOffset()
{
    m_view->setBytes(bigPayload());
    m_view->setFocus();
    QTest::keyClick(m_view.get(), Qt::Key_End);
    QScrollBar *bar = m_view->verticalScrollBar();
    QCOMPARE(bar->value(), bar->maximum());
    paint();
    const qsizetype last = m_view->firstVisibleLine() + m_view->paintedLineCount() - 1;
    QCOMPARE(last, m_view->lineCount() - 1);
    QCOMPARE(m_view->lineText(last), QStringLiteral("04000000")); // 64 MiB, as an offset
    QVERIFY(m_view->lineText(last - 1).startsWith(QStringLiteral("03fffff0  ")));
    QCOMPARE(m_view->selectedLines(), std::make_pair(last, last));
}

void tst_HexDumpView::linesMatchHexdump()
{
    const QByteArray bytes("Hello, world!\n\x00\x01\xff", 17);
    m_view->setBytes(bytes);
    QCOMPARE(m_view->lineCount(), 3);
    QString all;
    for (qsizetype line = 0; line < m_view->lineCount(); ++line)
        all += m_view->lineText(line) + u'\n';
    QCOMPARE(all, PayloadCodec::hexDump(bytes));
}

void tst_HexDumpView::keyboardSelectsAndCopies()
{
    QByteArray bytes;
    for (int i = 0; i < 64; ++i)
        bytes += char('A' + i % 26);
    m_view->setBytes(bytes);
    m_view->setFocus();
    QTest::keyClick(m_view.get(), Qt::Key_Down); // the first line
    QTest::keyClick(m_view.get(), Qt::Key_Down, Qt::ShiftModifier);
    QCOMPARE(m_view->selectedLines(), std::make_pair(qsizetype(0), qsizetype(1)));
    QApplication::clipboard()->clear();
    QTest::keyClick(m_view.get(), Qt::Key_C, Qt::ControlModifier);
    QCOMPARE(QApplication::clipboard()->text(), PayloadCodec::hexDump(bytes, 0, 2));
    QTest::keyClick(m_view.get(), Qt::Key_A, Qt::ControlModifier);
    QCOMPARE(m_view->selectedLines(), std::make_pair(qsizetype(0), qsizetype(4)));
}

void tst_HexDumpView::copyIsRefusedPastTheLimit()
{
    m_view->setBytes(bigPayload());
    QSignalSpy noticed(m_view.get(), &HexDumpView::noticed);
    QApplication::clipboard()->setText(QStringLiteral("before"));
    m_view->selectAll();
    QVERIFY(!m_view->copy());
    QCOMPARE(noticed.count(), 1);
    const QString size = QLocale().formattedDataSize(64 << 20, 1, QLocale::DataSizeIecFormat);
    QVERIFY2(noticed.at(0).at(0).toString().contains(size),
             qPrintable(noticed.at(0).at(0).toString()));
    QCOMPARE(QApplication::clipboard()->text(), QStringLiteral("before"));
    // Exactly the limit is copied, from anywhere in the payload.
    const qsizetype first = 1000;
    m_view->selectLines(first, first + HexDumpView::CopyLimitBytes / 16 - 1);
    QVERIFY(m_view->copy(HexDumpView::CopyFormat::Hex));
    QCOMPARE(QApplication::clipboard()->text().size(), 2 * HexDumpView::CopyLimitBytes);
}

void tst_HexDumpView::copyAsHexAndAsText()
{
    m_view->setBytes(QByteArray("ab\r\n\xff", 5));
    m_view->selectAll(); // both lines: the bytes and the closing offset
    QVERIFY(m_view->copy(HexDumpView::CopyFormat::Hex));
    QCOMPARE(QApplication::clipboard()->text(), QStringLiteral("61620d0aff"));
    QVERIFY(m_view->copy(HexDumpView::CopyFormat::Text));
    QCOMPARE(QApplication::clipboard()->text(), QStringLiteral("ab\\r\\n\\xff"));
}

// The row is shown again (another view of it, another encoding): the place and the selection
// in the dump stay.
void tst_HexDumpView::theSameBytesKeepTheirPlace()
{
    const QByteArray bytes(1 << 20, 'x');
    m_view->setBytes(bytes);
    m_view->selectLines(100, 120);
    m_view->verticalScrollBar()->setValue(90);
    m_view->setBytes(bytes);
    QCOMPARE(m_view->selectedLines(), std::make_pair(qsizetype(100), qsizetype(120)));
    QCOMPARE(m_view->firstVisibleLine(), 90);
    m_view->setBytes(QByteArray(1 << 20, 'x')); // other bytes, though equal: a new row
    QCOMPARE(m_view->selectedLines(), std::make_pair(qsizetype(-1), qsizetype(-1)));
    QCOMPARE(m_view->firstVisibleLine(), 0);
}

// The detail pane with a 64 MiB payload: the text is a preview, the note says so, and the dump
// has every line. The Data column and the rest are cheap by construction; the window's stall
// is measured by the benchmark.
void tst_HexDumpView::detailPaneShowsA64MiBPayloadAtOnce()
{
    EntryDetailView detail;
    detail.resize(900, 300);
    detail.show();
    LogEntry entry;
    entry.time = QDateTime::currentDateTimeUtc();
    entry.direction = Direction::Received;
    entry.payload = bigPayload();
    detail.showEntry(entry);
    auto *text = TabTest::child<QPlainTextEdit>(&detail, "detailText");
    auto *summary = TabTest::child<QLabel>(&detail, "detailSummary");
    auto *hex = TabTest::child<HexDumpView>(&detail, "detailHex");
    QVERIFY(text->toPlainText().endsWith(QChar(0x2026)));
    QVERIFY(text->toPlainText().size() <= 4 * EntryDetailView::TextPreviewBytes + 1);
    const QLocale locale;
    QVERIFY2(summary->text().contains(u"first " + locale.toString(EntryDetailView::TextPreviewBytes)
                                      + u" of " + locale.toString(64 << 20) + u" bytes"),
             qPrintable(summary->text()));
    QCOMPARE(hex->lineCount(), (64 << 20) / 16 + 1);
    // A small row after it shows whole, without the note.
    entry.payload = "small";
    detail.showEntry(entry);
    QCOMPARE(text->toPlainText(), QStringLiteral("small"));
    QVERIFY(!summary->text().contains(QStringLiteral("first")));
}

QTEST_MAIN(tst_HexDumpView)
#include "tst_hexdumpview.moc"
