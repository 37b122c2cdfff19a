#pragma once

#include "log/sequencelayout.h"
#include "text/payloadcodec.h"

#include <QAbstractItemView>
#include <QPersistentModelIndex>
#include <QTimer>

class LogFilterModel;
class QPaintDevice;

// A log as the ladder diagram of a textbook: one lifeline for each address:port (this socket
// first), time going down, an arrow for each datagram or chunk with its size and first bytes,
// a TCP connection's opening and end as the segments they stand for, errors and other events
// marked on this socket's lifeline, and pauses compressed into a break that says how long
// they were.
//
// A view on the log's LogFilterModel, so it follows the filter and shares the table's
// selection: clicking an arrow selects its row, and a row selected elsewhere is scrolled to
// and highlighted. Up and Down move between rows. The layout grows with each batch of rows
// and a paint draws only the rows and lifelines in view, so 100,000 rows scroll smoothly;
// while the diagram is hidden it does nothing, and lays the rows out when it shows.
//
// Laying out every row again (when it shows, when the filter changes) goes in steps of at
// most StepRows rows or StepMs, one per turn of the event loop, so the window never stalls:
// a paint meanwhile draws the rows placed so far and says how many there are to place. The
// scroll bars keep their range until the last step (a range that grew row by row would move
// the bar to its end and back, which turns the log's Follow on and off), and scrollTo() waits
// for it too.
class SequenceDiagram final : public QAbstractItemView
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SequenceDiagram)

public:
    // An export wider than this keeps to the lifelines in view: a swarm of clients would make
    // an image no program opens.
    static constexpr int MaxExportWidth = 8192;

    // The most rows one step of the layout places, and about the longest it takes.
    static constexpr int StepRows = 5000;
    static constexpr int StepMs = 8;

    explicit SequenceDiagram(QWidget *parent = nullptr);
    ~SequenceDiagram() override;

    // Must be a LogFilterModel.
    void setModel(QAbstractItemModel *model) override;
    void setDisplayFormat(const PayloadCodec::DisplayFormat &format);

    const SequenceLayout &sequenceLayout() const { return m_layout; }
    // Whether every row has its place: false from the first step of a layout to its last.
    bool isLayoutComplete() const { return !m_stale && !m_layingOut; }
    // The steps taken since the layout last started from the first row.
    int layoutSteps() const { return m_steps; }
    // Places the rows still to be placed now, in one go (an export needs all of them).
    void completeLayout();
    // The lifelines' heads, at the top of the viewport.
    int headerHeight() const;
    // The first and last row in view; -1 and -1 when there is none.
    std::pair<int, int> visibleRows() const;
    // The first and last row the last paint on screen drew; -1 and -1 when it drew none.
    std::pair<int, int> paintedRows() const { return m_paintedRows; }
    // What the diagram writes beside `row` (SequencePainter::label()).
    QString label(int row) const;

    // Writes the rows in view as an SVG or a PNG, as the suffix of `path` says, once every
    // row has its place (completeLayout()). Returns "" or why nothing was written.
    QString exportVisible(const QString &path);

    QRect visualRect(const QModelIndex &index) const override;
    void scrollTo(const QModelIndex &index, ScrollHint hint = EnsureVisible) override;
    QModelIndex indexAt(const QPoint &point) const override;
    void doItemsLayout() override;
    void reset() override;

protected:
    QModelIndex moveCursor(CursorAction cursorAction, Qt::KeyboardModifiers modifiers) override;
    int horizontalOffset() const override;
    int verticalOffset() const override;
    bool isIndexHidden(const QModelIndex &index) const override;
    void setSelection(const QRect &rect, QItemSelectionModel::SelectionFlags command) override;
    QRegion visualRegionForSelection(const QItemSelection &selection) const override;
    void updateGeometries() override;
    void scrollContentsBy(int dx, int dy) override;
    bool viewportEvent(QEvent *event) override;
    void paintEvent(QPaintEvent *event) override;
    void showEvent(QShowEvent *event) override;
    void rowsInserted(const QModelIndex &parent, int start, int end) override;
    void rowsAboutToBeRemoved(const QModelIndex &parent, int start, int end) override;

private:
    // Starts the layout over from the first row.
    void relayout();
    // Places the next rows; another step follows in the next turn while rows are left.
    void layOutStep();
    void finishLayout();
    void paintProgress(QPainter *painter) const;
    // Returns the rows drawn (SequencePainter::paintRows()).
    std::pair<int, int> render(QPainter *painter, const QRect &area, bool withSelection) const;
    QRect exportArea() const;
    // The rows' area in view, in the layout's coordinates.
    QRect rowsInView() const;

    LogFilterModel *m_rows = nullptr;
    SequenceLayout m_layout;
    PayloadCodec::DisplayFormat m_format;
    bool m_stale = true; // rows changed while hidden: laid out again when shown
    bool m_layingOut = false; // rows remain to be placed, by m_nextStep
    int m_steps = 0;
    QTimer m_nextStep;
    // The last scrollTo() made while rows remained to be placed.
    QPersistentModelIndex m_pendingScroll;
    ScrollHint m_pendingHint = EnsureVisible;
    std::pair<int, int> m_paintedRows { -1, -1 };
};
