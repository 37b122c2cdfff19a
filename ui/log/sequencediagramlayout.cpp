// SequenceDiagram's layout: every row placed again in steps across turns of the event loop, and
// the rows of the log placed or let go as they come and leave.
#include "log/sequencediagram.h"

#include "log/logfiltermodel.h"
#include "log/logmodel.h"
#include "log/sequencepainter.h"

#include <QElapsedTimer>
#include <QScrollBar>

#include <algorithm>
#include <climits>

void SequenceDiagram::relayout()
{
    m_layout.setMetrics(SequencePainter::metrics(font()));
    m_stale = false;
    m_steps = 0;
    m_nextStep.stop();
    m_layingOut = m_rows && m_rows->logModel();
    if (m_layingOut)
        layOutStep();
    else
        finishLayout();
}

// A step places rows in order, from the first not placed yet, until all are, StepRows are,
// or StepMs have gone by (checked every few hundred rows: the clock costs more than a row).
void SequenceDiagram::layOutStep()
{
    if (!m_layingOut || m_stale || !isVisible())
        return; // started over, or hidden: showEvent() goes on
    ++m_steps;
    const LogModel *log = m_rows->logModel();
    const int count = m_rows->rowCount();
    const int end = std::min(count, m_layout.rowCount() + StepRows);
    QElapsedTimer clock;
    clock.start();
    for (int row = m_layout.rowCount(); row < end; ++row) {
        m_layout.append(log->entry(m_rows->mapToSource(m_rows->index(row, 0)).row()));
        if (row % 256 == 255 && clock.hasExpired(StepMs))
            break;
    }
    if (m_layout.rowCount() < count) {
        m_nextStep.start();
        viewport()->update();
        return;
    }
    m_layingOut = false;
    finishLayout();
}

// Every row has its place: the scroll bars take the layout's size, then what was scrolled to
// in the meantime is.
void SequenceDiagram::finishLayout()
{
    m_nextStep.stop();
    updateGeometries();
    if (m_pendingScroll.isValid()) {
        const QModelIndex index = m_pendingScroll;
        m_pendingScroll = QPersistentModelIndex();
        scrollTo(index, m_pendingHint);
    }
    viewport()->update();
}

void SequenceDiagram::completeLayout()
{
    if (!isVisible())
        return;
    if (m_stale)
        relayout();
    while (m_layingOut && !m_stale)
        layOutStep();
}

// Rows that change while the diagram is hidden are laid out when it shows: a flood costs
// nothing to the views not in use.
void SequenceDiagram::doItemsLayout()
{
    if (!isVisible()) {
        m_stale = true;
        m_nextStep.stop();
        return;
    }
    relayout();
    QAbstractItemView::doItemsLayout();
}

// The log was cleared: nothing of the old layout may be painted until it is laid out again.
void SequenceDiagram::reset()
{
    m_layout.clear();
    m_stale = true;
    m_layingOut = false;
    m_nextStep.stop();
    QAbstractItemView::reset();
}

void SequenceDiagram::showEvent(QShowEvent *event)
{
    QAbstractItemView::showEvent(event);
    if (m_stale)
        doItemsLayout();
    else if (m_layingOut)
        m_nextStep.start();
}

// New rows come at the end (a batch of the log) and are placed after the others, in steps
// too; rows a filter lets in among those placed start the layout over.
void SequenceDiagram::rowsInserted(const QModelIndex &parent, int start, int end)
{
    QAbstractItemView::rowsInserted(parent, start, end);
    if (m_stale || !isVisible() || start < m_layout.rowCount()) {
        m_stale = true;
        scheduleDelayedItemsLayout();
        return;
    }
    if (!m_layingOut) {
        m_layingOut = true;
        layOutStep();
    }
}

// The oldest rows leave (a cap) from the top; rows a filter takes out among those placed make
// the diagram lay out again. Rows not placed yet leave nothing to undo.
void SequenceDiagram::rowsAboutToBeRemoved(const QModelIndex &parent, int start, int end)
{
    QAbstractItemView::rowsAboutToBeRemoved(parent, start, end);
    if (!m_stale && m_layingOut && start >= m_layout.rowCount())
        return;
    if (m_stale || !isVisible() || start != 0 || end >= m_layout.rowCount()) {
        m_stale = true;
        scheduleDelayedItemsLayout();
        return;
    }
    m_layout.removeFirst(end + 1);
    updateGeometries();
    viewport()->update();
}

// While rows remain to be placed the scroll bars keep their range (finishLayout() sets it).
void SequenceDiagram::updateGeometries()
{
    if (m_layingOut) {
        QAbstractItemView::updateGeometries();
        return;
    }
    const QSize view = viewport()->size();
    const int rowsHeight = std::max(0, view.height() - headerHeight());
    const auto height = int(std::min<qint64>(m_layout.height(), INT_MAX / 2));
    QScrollBar *vertical = verticalScrollBar();
    vertical->setSingleStep(m_layout.metrics().rowHeight);
    vertical->setPageStep(rowsHeight);
    vertical->setRange(0, std::max(0, height - rowsHeight));
    QScrollBar *horizontal = horizontalScrollBar();
    horizontal->setSingleStep(m_layout.metrics().lifelineSpacing / 4);
    horizontal->setPageStep(view.width());
    horizontal->setRange(0, std::max(0, m_layout.width() - view.width()));
    QAbstractItemView::updateGeometries();
}
