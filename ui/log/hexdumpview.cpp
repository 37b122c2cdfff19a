#include "log/hexdumpview.h"

#include "text/escapedtext.h"
#include "text/payloadcodec.h"

#include <QApplication>
#include <QClipboard>
#include <QContextMenuEvent>
#include <QFontDatabase>
#include <QLocale>
#include <QMenu>
#include <QPainter>
#include <QScrollBar>

namespace {

constexpr int Margin = 4; // around the text, inside the viewport

} // namespace

HexDumpView::HexDumpView(QWidget *parent)
    : QAbstractScrollArea(parent)
{
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setFocusPolicy(Qt::StrongFocus);
    viewport()->setBackgroundRole(QPalette::Base);
    viewport()->setCursor(Qt::IBeamCursor);
    verticalScrollBar()->setSingleStep(1);
    // The widest line below 4 GiB and the vertical scroll bar fit: a dump is read across,
    // without scrolling sideways.
    const QString widest(PayloadCodec::hexDumpLineLength(0), u'0');
    setMinimumWidth(fontMetrics().horizontalAdvance(widest) + 2 * Margin
                    + verticalScrollBar()->sizeHint().width() + 2 * frameWidth());
    // A message of a few lines (64 bytes and the total) shows without scrolling.
    setMinimumHeight(5 * lineHeight() + 2 * Margin + 2 * frameWidth());
}

void HexDumpView::setBytes(const QByteArray &bytes)
{
    if (bytes.constData() == m_bytes.constData() && bytes.size() == m_bytes.size())
        return; // the same row shown again: the place and the selection stay
    m_bytes = bytes;
    m_lineCount = PayloadCodec::hexDumpLineCount(bytes.size());
    m_anchor = m_cursor = -1;
    verticalScrollBar()->setValue(0);
    horizontalScrollBar()->setValue(0);
    updateScrollBars();
    viewport()->update();
}

void HexDumpView::setPlaceholderText(const QString &text)
{
    m_placeholder = text;
    viewport()->update();
}

QString HexDumpView::lineText(qsizetype line) const
{
    if (line < 0 || line >= m_lineCount)
        return {};
    return PayloadCodec::hexDumpLine(m_bytes, line);
}

qsizetype HexDumpView::firstVisibleLine() const
{
    return verticalScrollBar()->value();
}

std::pair<qsizetype, qsizetype> HexDumpView::selectedLines() const
{
    if (m_anchor < 0)
        return { -1, -1 };
    return { std::min(m_anchor, m_cursor), std::max(m_anchor, m_cursor) };
}

void HexDumpView::selectLines(qsizetype first, qsizetype last)
{
    if (m_lineCount == 0)
        return;
    m_anchor = std::clamp<qsizetype>(first, 0, m_lineCount - 1);
    m_cursor = std::clamp<qsizetype>(last, 0, m_lineCount - 1);
    viewport()->update();
}

void HexDumpView::selectAll()
{
    selectLines(0, m_lineCount - 1);
}

// The bytes the selected lines show; the last line (the total length) shows none.
QByteArrayView HexDumpView::selectedBytes() const
{
    const auto [first, last] = selectedLines();
    if (first < 0)
        return {};
    const qsizetype start = std::min(first * 16, m_bytes.size());
    const qsizetype end = std::min((last + 1) * 16, m_bytes.size());
    return QByteArrayView(m_bytes).sliced(start, end - start);
}

bool HexDumpView::copy(CopyFormat format)
{
    const auto [first, last] = selectedLines();
    if (first < 0)
        return false;
    const QByteArrayView bytes = selectedBytes();
    if (bytes.size() > CopyLimitBytes) {
        const QLocale locale;
        const auto iec = QLocale::DataSizeIecFormat;
        Q_EMIT noticed(tr("Nothing was copied: %1 are selected, and a copy takes at most %2. "
                          "Select fewer lines.")
                               .arg(locale.formattedDataSize(bytes.size(), 1, iec),
                                    locale.formattedDataSize(CopyLimitBytes, 0, iec)));
        return false;
    }
    QString text;
    switch (format) {
    case CopyFormat::Dump: text = PayloadCodec::hexDump(m_bytes, first, last - first + 1); break;
    case CopyFormat::Hex: text = PayloadCodec::hexString(bytes); break;
    case CopyFormat::Text: text = EscapedText::toText(bytes, m_encoding); break;
    }
    QApplication::clipboard()->setText(text);
    return true;
}

int HexDumpView::lineHeight() const
{
    return fontMetrics().lineSpacing();
}

int HexDumpView::visibleLines() const
{
    return std::max(1, (viewport()->height() - 2 * Margin) / lineHeight());
}

qsizetype HexDumpView::lineAt(int y) const
{
    const qsizetype line = firstVisibleLine() + (y - Margin) / lineHeight();
    return std::clamp<qsizetype>(line, 0, std::max<qsizetype>(0, m_lineCount - 1));
}

void HexDumpView::updateScrollBars()
{
    const int visible = visibleLines();
    verticalScrollBar()->setPageStep(visible);
    verticalScrollBar()->setRange(0, int(std::max<qsizetype>(0, m_lineCount - visible)));
    const int width = fontMetrics().horizontalAdvance(
                              QString(PayloadCodec::hexDumpLineLength(m_bytes.size()), u'0'))
            + 2 * Margin;
    horizontalScrollBar()->setPageStep(viewport()->width());
    horizontalScrollBar()->setRange(0, std::max(0, width - viewport()->width()));
}

void HexDumpView::paintEvent(QPaintEvent *)
{
    QPainter painter(viewport());
    const QPalette &palette = this->palette();
    const int height = lineHeight();
    const int left = Margin - horizontalScrollBar()->value();
    m_paintedLines = 0;
    if (m_lineCount == 0) {
        painter.setPen(palette.color(QPalette::PlaceholderText));
        painter.drawText(viewport()->rect().adjusted(Margin, Margin, -Margin, -Margin),
                         Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap, m_placeholder);
        return;
    }
    const auto [selectedFirst, selectedLast] = selectedLines();
    const qsizetype first = firstVisibleLine();
    const qsizetype end = std::min(m_lineCount, first + visibleLines() + 1);
    for (qsizetype line = first; line < end; ++line) {
        const QRect row(0, Margin + int(line - first) * height, viewport()->width(), height);
        const bool selected = line >= selectedFirst && line <= selectedLast;
        if (selected)
            painter.fillRect(row, palette.color(QPalette::Highlight));
        painter.setPen(palette.color(selected ? QPalette::HighlightedText : QPalette::Text));
        painter.drawText(QPoint(left, row.top() + fontMetrics().ascent()), lineText(line));
        ++m_paintedLines;
    }
}

void HexDumpView::resizeEvent(QResizeEvent *event)
{
    QAbstractScrollArea::resizeEvent(event);
    updateScrollBars();
}

void HexDumpView::scrollContentsBy(int, int)
{
    viewport()->update();
}

void HexDumpView::mousePressEvent(QMouseEvent *event)
{
    if (m_lineCount == 0 || event->button() != Qt::LeftButton) {
        QAbstractScrollArea::mousePressEvent(event);
        return;
    }
    moveCursorTo(lineAt(event->position().toPoint().y()),
                 event->modifiers() & Qt::ShiftModifier);
}

void HexDumpView::mouseMoveEvent(QMouseEvent *event)
{
    if (m_lineCount == 0 || !(event->buttons() & Qt::LeftButton))
        return;
    const int y = event->position().toPoint().y();
    // Dragging past an edge scrolls that way.
    if (y < 0)
        verticalScrollBar()->triggerAction(QAbstractSlider::SliderSingleStepSub);
    else if (y > viewport()->height())
        verticalScrollBar()->triggerAction(QAbstractSlider::SliderSingleStepAdd);
    moveCursorTo(lineAt(y), true);
}

void HexDumpView::keyPressEvent(QKeyEvent *event)
{
    if (event->matches(QKeySequence::Copy)) {
        copy();
        return;
    }
    if (event->matches(QKeySequence::SelectAll)) {
        selectAll();
        return;
    }
    const bool extend = event->modifiers() & Qt::ShiftModifier;
    const qsizetype from = std::max<qsizetype>(0, m_cursor);
    const qsizetype page = visibleLines();
    switch (event->key()) {
    case Qt::Key_Up: moveCursorTo(from - 1, extend); return;
    case Qt::Key_Down: moveCursorTo(m_cursor < 0 ? 0 : from + 1, extend); return;
    case Qt::Key_PageUp: moveCursorTo(from - page, extend); return;
    case Qt::Key_PageDown: moveCursorTo(from + page, extend); return;
    case Qt::Key_Home: moveCursorTo(0, extend); return;
    case Qt::Key_End: moveCursorTo(m_lineCount - 1, extend); return;
    default: QAbstractScrollArea::keyPressEvent(event);
    }
}

// Moves the end of the selection (or a new one-line selection) to `line` and keeps it in view.
void HexDumpView::moveCursorTo(qsizetype line, bool extend)
{
    if (m_lineCount == 0)
        return;
    line = std::clamp<qsizetype>(line, 0, m_lineCount - 1);
    if (!extend || m_anchor < 0)
        m_anchor = line;
    m_cursor = line;
    QScrollBar *bar = verticalScrollBar();
    if (line < bar->value())
        bar->setValue(int(line));
    else if (line >= bar->value() + visibleLines())
        bar->setValue(int(line - visibleLines() + 1));
    viewport()->update();
}

void HexDumpView::contextMenuEvent(QContextMenuEvent *event)
{
    QMenu menu(this);
    const bool selection = selectedLines().first >= 0;
    QAction *dump = menu.addAction(tr("&Copy"), this, [this] { copy(CopyFormat::Dump); });
    dump->setShortcut(QKeySequence::Copy);
    QAction *hex = menu.addAction(tr("Copy as &Hex"), this, [this] { copy(CopyFormat::Hex); });
    QAction *text = menu.addAction(tr("Copy as &Text"), this, [this] { copy(CopyFormat::Text); });
    for (QAction *action : { dump, hex, text })
        action->setEnabled(selection);
    menu.addSeparator();
    QAction *all = menu.addAction(tr("Select &All"), this, &HexDumpView::selectAll);
    all->setShortcut(QKeySequence::SelectAll);
    all->setEnabled(m_lineCount > 0);
    menu.exec(event->globalPos());
}
