#include "log/sequencediagram.h"

#include "log/logfiltermodel.h"
#include "log/logmodel.h"
#include "log/sequencepainter.h"

#include <QFileInfo>
#include <QHelpEvent>
#include <QImage>
#include <QLocale>
#include <QPainter>
#include <QScrollBar>
#include <QSvgGenerator>
#include <QToolTip>

#include <algorithm>

SequenceDiagram::SequenceDiagram(QWidget *parent)
    : QAbstractItemView(parent)
{
    setSelectionBehavior(SelectRows);
    setSelectionMode(ExtendedSelection);
    setVerticalScrollMode(ScrollPerPixel);
    setHorizontalScrollMode(ScrollPerPixel);
    setEditTriggers(NoEditTriggers);
    setTabKeyNavigation(false);
    m_nextStep.setSingleShot(true);
    m_nextStep.setInterval(0);
    connect(&m_nextStep, &QTimer::timeout, this, &SequenceDiagram::layOutStep);
}

SequenceDiagram::~SequenceDiagram() = default;

void SequenceDiagram::setModel(QAbstractItemModel *model)
{
    m_rows = qobject_cast<LogFilterModel *>(model);
    Q_ASSERT(m_rows || !model);
    m_layout.clear();
    m_stale = true;
    m_layingOut = false;
    m_nextStep.stop();
    QAbstractItemView::setModel(model);
}

void SequenceDiagram::setDisplayFormat(const PayloadCodec::DisplayFormat &format)
{
    m_format = format;
    viewport()->update();
}

int SequenceDiagram::headerHeight() const
{
    return SequencePainter::headerHeight(font());
}

// The header stays; everything below it moves, so the whole viewport paints again.
void SequenceDiagram::scrollContentsBy(int, int)
{
    viewport()->update();
}

QRect SequenceDiagram::rowsInView() const
{
    const QSize view = viewport()->size();
    return { horizontalOffset(), verticalOffset(), view.width(),
             std::max(0, view.height() - headerHeight()) };
}

std::pair<int, int> SequenceDiagram::visibleRows() const
{
    const QRect area = rowsInView();
    const int first = m_layout.rowAt(area.top());
    if (first < 0)
        return { -1, -1 };
    const int last = m_layout.rowAt(area.bottom());
    return { first, last >= 0 ? last : m_layout.rowCount() - 1 };
}

QString SequenceDiagram::label(int row) const
{
    if (!m_rows || row < 0 || row >= m_layout.rowCount())
        return {};
    return SequencePainter(m_layout, *m_rows, { font(), palette(), m_format }).label(row);
}

std::pair<int, int> SequenceDiagram::render(QPainter *painter, const QRect &area,
                                            bool withSelection) const
{
    if (!m_rows || !m_rows->logModel())
        return { -1, -1 };
    const SequencePainter paint(m_layout, *m_rows, { font(), palette(), m_format });
    const int header = headerHeight();
    painter->save();
    painter->translate(-area.left(), header - area.top());
    painter->setClipRect(area);
    const std::pair<int, int> drawn
        = paint.paintRows(painter, area, withSelection ? selectionModel() : nullptr);
    painter->restore();
    painter->save();
    painter->translate(-area.left(), 0);
    paint.paintHeader(painter, area.left(), area.right() + 1);
    painter->restore();
    return drawn;
}

void SequenceDiagram::paintEvent(QPaintEvent *)
{
    if (m_stale)
        relayout();
    QPainter painter(viewport());
    painter.fillRect(viewport()->rect(), palette().color(QPalette::Base));
    m_paintedRows = render(&painter, rowsInView(), true);
    if (m_layingOut)
        paintProgress(&painter);
}

// Over the rows placed so far (the scroll bar's range is not theirs yet): how many remain.
void SequenceDiagram::paintProgress(QPainter *painter) const
{
    const int count = m_rows ? m_rows->rowCount() : 0;
    const QString text = tr("Laying out the diagram: %1 of %Ln rows placed…", nullptr, count)
                             .arg(QLocale().toString(m_layout.rowCount()));
    const QFontMetrics metrics(font());
    const int margin = metrics.height() / 2;
    QRect box = metrics.boundingRect(text).adjusted(-margin, -margin, margin, margin);
    box.moveCenter(viewport()->rect().center());
    painter->save();
    painter->setPen(palette().color(QPalette::Mid));
    painter->setBrush(palette().color(QPalette::ToolTipBase));
    painter->drawRoundedRect(box, margin, margin);
    painter->setPen(palette().color(QPalette::ToolTipText));
    painter->drawText(box, Qt::AlignCenter, text);
    painter->restore();
}

QRect SequenceDiagram::exportArea() const
{
    const auto [first, last] = visibleRows();
    if (first < 0)
        return {};
    const auto top = int(m_layout.rowTop(first));
    const auto bottom = int(m_layout.rowTop(last)) + m_layout.row(last).height;
    if (m_layout.width() <= MaxExportWidth)
        return { 0, top, std::max(m_layout.width(), 1), bottom - top };
    return { horizontalOffset(), top, viewport()->width(), bottom - top };
}

QString SequenceDiagram::exportVisible(const QString &path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix != u"svg" && suffix != u"png")
        return tr("%1: name the file .svg or .png, the two formats the diagram is written in.")
            .arg(path);
    completeLayout();
    const QRect area = exportArea();
    if (area.isEmpty())
        return tr("The diagram has no rows in view to export.");
    const QSize size(area.width(), headerHeight() + area.height());
    const QString failed = tr("Could not write %1: check that its folder exists and can be "
                              "written to, or choose another.")
                               .arg(path);
    if (suffix == u"png") {
        QImage image(size, QImage::Format_ARGB32_Premultiplied);
        image.fill(palette().color(QPalette::Base));
        QPainter painter(&image);
        render(&painter, area, false);
        painter.end();
        return image.save(path, "PNG") ? QString() : failed;
    }
    QSvgGenerator svg;
    svg.setFileName(path);
    svg.setSize(size);
    svg.setViewBox(QRect(QPoint(0, 0), size));
    svg.setTitle(tr("Sequence diagram"));
    QPainter painter;
    if (!painter.begin(&svg))
        return failed;
    painter.fillRect(QRect(QPoint(0, 0), size), palette().color(QPalette::Base));
    render(&painter, area, false);
    return painter.end() ? QString() : failed;
}

QRect SequenceDiagram::visualRect(const QModelIndex &index) const
{
    if (!index.isValid() || index.row() >= m_layout.rowCount() || m_stale)
        return {};
    const int row = index.row();
    return { -horizontalOffset(), headerHeight() + int(m_layout.rowTop(row)) - verticalOffset(),
             std::max(m_layout.width(), viewport()->width()), m_layout.row(row).height };
}

// Made while rows remain to be placed, the last one is made once they are: the row may not be
// placed yet, and the scroll bar's range is not the layout's until then.
void SequenceDiagram::scrollTo(const QModelIndex &index, ScrollHint hint)
{
    if (index.isValid() && m_layingOut && !m_stale) {
        m_pendingScroll = index;
        m_pendingHint = hint;
        return;
    }
    if (!index.isValid() || index.row() >= m_layout.rowCount() || m_stale)
        return;
    const int view = rowsInView().height();
    const auto top = int(m_layout.rowTop(index.row()));
    const int bottom = top + m_layout.row(index.row()).height;
    int value = verticalOffset();
    switch (hint) {
    case PositionAtTop:
        value = top;
        break;
    case PositionAtBottom:
        value = bottom - view;
        break;
    case PositionAtCenter:
        value = (top + bottom - view) / 2;
        break;
    case EnsureVisible:
        if (top < value)
            value = top;
        else if (bottom > value + view)
            value = bottom - view;
        break;
    }
    verticalScrollBar()->setValue(value);
}

QModelIndex SequenceDiagram::indexAt(const QPoint &point) const
{
    if (!model() || m_stale || point.y() < headerHeight())
        return {};
    const int row = m_layout.rowAt(qint64(point.y()) - headerHeight() + verticalOffset());
    return row >= 0 && row < model()->rowCount() ? model()->index(row, 0) : QModelIndex();
}

QModelIndex SequenceDiagram::moveCursor(CursorAction cursorAction, Qt::KeyboardModifiers)
{
    const int count = std::min(m_layout.rowCount(), model() ? model()->rowCount() : 0);
    if (count == 0 || m_stale)
        return {};
    const QModelIndex current = currentIndex();
    int row = current.isValid() ? current.row() : -1;
    const qint64 page = rowsInView().height();
    const auto rowNear = [this, count](qint64 y) {
        const int found = m_layout.rowAt(std::max<qint64>(0, y));
        return found >= 0 ? found : count - 1;
    };
    switch (cursorAction) {
    case MoveUp:
    case MovePrevious:
        row = std::max(0, row - 1);
        break;
    case MoveDown:
    case MoveNext:
        row = std::min(count - 1, row + 1);
        break;
    case MovePageUp:
        row = row < 0 ? 0 : rowNear(m_layout.rowTop(row) - page);
        break;
    case MovePageDown:
        row = row < 0 ? 0 : rowNear(m_layout.rowTop(row) + page);
        break;
    case MoveHome:
        row = 0;
        break;
    case MoveEnd:
        row = model()->rowCount() - 1; // scrolled to once placed (scrollTo())
        break;
    case MoveLeft:
    case MoveRight:
        return current;
    }
    return model()->index(row, 0);
}

int SequenceDiagram::horizontalOffset() const
{
    return horizontalScrollBar()->value();
}

int SequenceDiagram::verticalOffset() const
{
    return verticalScrollBar()->value();
}

bool SequenceDiagram::isIndexHidden(const QModelIndex &) const
{
    return false;
}

void SequenceDiagram::setSelection(const QRect &rect, QItemSelectionModel::SelectionFlags command)
{
    if (!model() || m_stale || m_layout.rowCount() == 0)
        return;
    const QRect rows = rect.normalized();
    const qint64 offset = qint64(verticalOffset()) - headerHeight();
    int first = m_layout.rowAt(std::max<qint64>(0, rows.top() + offset));
    int last = m_layout.rowAt(rows.bottom() + offset);
    if (first < 0)
        return;
    if (last < 0)
        last = m_layout.rowCount() - 1;
    if (first > last)
        std::swap(first, last);
    const QItemSelection selection(model()->index(first, 0),
                                   model()->index(last, model()->columnCount() - 1));
    selectionModel()->select(selection, command);
}

// Only the rows in view: a selection of 100,000 rows costs no more than the screen.
QRegion SequenceDiagram::visualRegionForSelection(const QItemSelection &selection) const
{
    const auto [first, last] = visibleRows();
    QRegion region;
    if (first < 0)
        return region;
    for (const QItemSelectionRange &range : selection) {
        const int top = std::max(range.top(), first);
        const int bottom = std::min(range.bottom(), last);
        for (int row = top; row <= bottom; ++row)
            region += visualRect(model()->index(row, 0));
    }
    return region;
}

// A row's whole label, where the arrow had no room for it.
bool SequenceDiagram::viewportEvent(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        const auto *help = static_cast<QHelpEvent *>(event);
        const QModelIndex index = indexAt(help->pos());
        if (index.isValid())
            QToolTip::showText(help->globalPos(), label(index.row()), viewport());
        else
            QToolTip::hideText();
        return true;
    }
    return QAbstractItemView::viewportEvent(event);
}
