#pragma once

#include "log/sequencelayout.h"
#include "text/payloadcodec.h"

#include <QCoreApplication>
#include <QFont>
#include <QPalette>

class LogFilterModel;
class QItemSelectionModel;
class QPainter;

// Draws the sequence diagram: the same routine for the screen, a PNG (QImage) and an SVG
// (QSvgGenerator), so an export is what the user saw. Draws only what is asked for, a range of
// rows and of lifelines: the caller asks for what is in view.
//
// Coordinates are the layout's: x from the diagram's left edge, y as SequenceLayout::rowTop().
class SequencePainter final
{
    Q_DECLARE_TR_FUNCTIONS(SequencePainter)

public:
    // Payload bytes, and characters, an arrow's label shows at most: a 64 MiB payload is
    // formatted no further than what fits beside one arrow.
    static constexpr qsizetype LabelBytes = 64;
    static constexpr qsizetype LabelCharacters = 64;

    struct Style
    {
        QFont font;
        QPalette palette;
        PayloadCodec::DisplayFormat format;
    };

    SequencePainter(const SequenceLayout &layout, const LogFilterModel &rows, const Style &style);

    // The height of the lifelines' heads, for `font`.
    static int headerHeight(const QFont &font);
    // The sizes to lay rows out with, for `font`.
    static SequenceLayout::Metrics metrics(const QFont &font);

    // The rows that meet `area`; rows `selection` selects (may be null) are highlighted.
    // Returns the first and last row drawn, -1 and -1 for none.
    std::pair<int, int> paintRows(QPainter *painter, const QRect &area,
                                  const QItemSelectionModel *selection) const;
    // The heads of the lifelines between `left` and `right`, from y 0 down.
    void paintHeader(QPainter *painter, int left, int right) const;

    // What the diagram writes beside a row: "5 bytes · hello\n", a segment's event, a note.
    QString label(int row) const;

private:
    const LogEntry &entry(int row) const;
    void paintBreak(QPainter *painter, int row, const QRect &area) const;
    void paintArrow(QPainter *painter, int row, int y) const;
    void paintBroadcast(QPainter *painter, int row, int y, const QRect &area) const;
    void paintSegments(QPainter *painter, int row, int y) const;
    void paintNote(QPainter *painter, int row, int y, const QRect &area) const;
    void drawArrow(QPainter *painter, int fromX, int toX, int y, const QColor &colour,
                   const QString &text) const;
    QColor colourOf(int row) const;

    const SequenceLayout &m_layout;
    const LogFilterModel &m_rows;
    Style m_style;
};
