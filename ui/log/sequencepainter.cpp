#include "log/sequencepainter.h"

#include "log/logfiltermodel.h"
#include "log/logmodel.h"
#include "text/durationtext.h"
#include "text/pluralcount.h"
#include "widgets/palette.h"

#include <QFontMetrics>
#include <QItemSelectionModel>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>

namespace {

constexpr int ArrowHead = 7;
constexpr int LoopWidth = 28; // a datagram a socket sent to itself

QString timeText(const QDateTime &time)
{
    return time.toLocalTime().toString(QStringLiteral("HH:mm:ss.zzz"));
}

} // namespace

SequencePainter::SequencePainter(const SequenceLayout &layout, const LogFilterModel &rows,
                                 const Style &style)
    : m_layout(layout)
    , m_rows(rows)
    , m_style(style)
{ }

int SequencePainter::headerHeight(const QFont &font)
{
    return 2 * QFontMetrics(font).height() + 16;
}

SequenceLayout::Metrics SequencePainter::metrics(const QFont &font)
{
    const QFontMetrics fm(font);
    const int line = fm.height();
    SequenceLayout::Metrics metrics;
    metrics.rowHeight = line + 16;
    metrics.segmentHeight = line + 6;
    metrics.breakHeight = line + 8;
    metrics.lifelineSpacing = 32 * fm.horizontalAdvance(u'0');
    metrics.timeColumn = fm.horizontalAdvance(QStringLiteral("00:00:00.000")) + 16;
    return metrics;
}

const LogEntry &SequencePainter::entry(int row) const
{
    return m_rows.logModel()->entry(m_rows.mapToSource(m_rows.index(row, 0)).row());
}

QString SequencePainter::label(int row) const
{
    const LogEntry &e = entry(row);
    if (!e.isTraffic())
        return e.message.simplified();
    QStringList parts;
    if (e.isRelayed())
        parts << LogModel::peerText(e);
    else if (e.autoReply != AutoReply::None || e.isCut())
        parts << LogModel::directionText(e);
    parts << tr("%Ln bytes", nullptr, pluralCount(quint64(e.payload.size())));
    if (!e.payload.isEmpty())
        parts << PayloadCodec::displayText(e.payload, m_style.format, LabelBytes, LabelCharacters);
    return parts.join(QStringLiteral(" · "));
}

QColor SequencePainter::colourOf(int row) const
{
    const SequenceLayout::Row &r = m_layout.row(row);
    switch (r.direction) {
    case Direction::Received:
        return Palette::received();
    case Direction::Sent:
        return entry(row).autoReply != AutoReply::None ? Palette::autoBubble().darker(150)
                                                       : Palette::sent();
    case Direction::Error:
        return Palette::error();
    case Direction::Call:
        return Palette::call();
    case Direction::Info:
        break;
    }
    return m_style.palette.color(QPalette::Text);
}

void SequencePainter::paintHeader(QPainter *painter, int left, int right) const
{
    const QFontMetrics fm(m_style.font);
    const int height = headerHeight(m_style.font);
    painter->save();
    painter->setFont(m_style.font);
    painter->fillRect(QRect(left, 0, right - left, height),
                      m_style.palette.color(QPalette::Window));
    const int spacing = m_layout.metrics().lifelineSpacing;
    for (int i = 0; i < m_layout.lifelineCount(); ++i) {
        const int x = m_layout.lifelineX(i);
        if (x + spacing / 2 < left || x - spacing / 2 > right)
            continue;
        const SequenceLayout::Lifeline &line = m_layout.lifeline(i);
        const QRect box(x - spacing / 2 + 8, 4, spacing - 16, height - 8);
        painter->setPen(m_style.palette.color(QPalette::Mid));
        painter->setBrush(m_style.palette.color(QPalette::Base));
        painter->drawRoundedRect(box, 4, 4);
        const QString name
            = line.local ? tr("This socket") : (line.name.isEmpty() ? tr("Peer") : line.name);
        const QString where
            = line.endpoint.isNull() ? tr("no address yet") : line.endpoint.toString();
        painter->setPen(line.local ? Palette::sent() : Palette::received());
        const QRect text = box.adjusted(4, 3, -4, -3);
        painter->drawText(text.adjusted(0, 0, 0, -fm.height()), Qt::AlignHCenter | Qt::AlignTop,
                          fm.elidedText(name, Qt::ElideRight, text.width()));
        painter->setPen(m_style.palette.color(QPalette::Text));
        painter->drawText(text, Qt::AlignHCenter | Qt::AlignBottom,
                          fm.elidedText(where, Qt::ElideMiddle, text.width()));
    }
    painter->restore();
}

std::pair<int, int> SequencePainter::paintRows(QPainter *painter, const QRect &area,
                                               const QItemSelectionModel *selection) const
{
    painter->save();
    painter->setFont(m_style.font);
    const qint64 height = m_layout.height();
    const int bottom = int(std::min<qint64>(area.bottom(), height));
    QPen lifelinePen(m_style.palette.color(QPalette::Mid), 1, Qt::DashLine);
    for (int i = 0; i < m_layout.lifelineCount(); ++i) {
        const int x = m_layout.lifelineX(i);
        if (x < area.left() - 1 || x > area.right() + 1)
            continue;
        painter->setPen(lifelinePen);
        painter->drawLine(x, area.top(), x, bottom);
    }
    int first = m_layout.rowAt(std::max(0, area.top()));
    int last = m_layout.rowAt(area.bottom());
    if (first < 0 && area.top() < 0)
        first = 0;
    if (last < 0)
        last = m_layout.rowCount() - 1;
    const QFontMetrics fm(m_style.font);
    for (int row = std::max(first, 0); first >= 0 && row <= last; ++row) {
        const SequenceLayout::Row &r = m_layout.row(row);
        const int top = int(m_layout.rowTop(row));
        const int body = int(m_layout.bodyTop(row));
        if (r.gapMs > 0)
            paintBreak(painter, row, area);
        if (selection && selection->isRowSelected(row, {})) {
            QColor highlight = m_style.palette.color(QPalette::Highlight);
            highlight.setAlpha(60);
            painter->fillRect(QRect(area.left(), body, area.width(), top + r.height - body),
                              highlight);
        }
        painter->setPen(m_style.palette.color(QPalette::PlaceholderText));
        painter->drawText(QRect(4, body, m_layout.metrics().timeColumn - 8, fm.height() + 4),
                          Qt::AlignLeft | Qt::AlignVCenter, timeText(entry(row).time));
        switch (r.shape) {
        case SequenceLayout::Shape::Arrow:
            paintArrow(painter, row, body);
            break;
        case SequenceLayout::Shape::Broadcast:
            paintBroadcast(painter, row, body, area);
            break;
        case SequenceLayout::Shape::Segments:
            paintSegments(painter, row, body);
            break;
        case SequenceLayout::Shape::Note:
        case SequenceLayout::Shape::Error:
            paintNote(painter, row, body, area);
            break;
        }
    }
    painter->restore();
    if (first < 0 || last < first)
        return { -1, -1 };
    return { std::max(first, 0), last };
}

// A pause compressed to a band across the diagram, with how long it was.
void SequencePainter::paintBreak(QPainter *painter, int row, const QRect &area) const
{
    const SequenceLayout::Row &r = m_layout.row(row);
    const int top = int(m_layout.rowTop(row));
    const int height = m_layout.metrics().breakHeight;
    const QRect band(area.left(), top + 2, area.width(), height - 4);
    painter->fillRect(band, m_style.palette.color(QPalette::AlternateBase));
    painter->setPen(QPen(m_style.palette.color(QPalette::Mid), 1));
    const int middle = band.center().y();
    for (int i = 0; i < m_layout.lifelineCount(); ++i) {
        const int x = m_layout.lifelineX(i);
        if (x < area.left() - 8 || x > area.right() + 8)
            continue;
        // The lifeline's two cut ends, as a textbook draws a break.
        painter->drawLine(x - 6, middle - 1, x + 6, middle - 5);
        painter->drawLine(x - 6, middle + 5, x + 6, middle + 1);
    }
    painter->setPen(m_style.palette.color(QPalette::PlaceholderText));
    painter->drawText(band.adjusted(4, 0, 0, 0), Qt::AlignLeft | Qt::AlignVCenter,
                      tr("⋯ %1 later").arg(durationText(r.gapMs)));
}

void SequencePainter::drawArrow(QPainter *painter, int fromX, int toX, int y, const QColor &colour,
                                const QString &text) const
{
    const QFontMetrics fm(m_style.font);
    painter->setPen(QPen(colour, 1.5));
    painter->setBrush(colour);
    if (fromX == toX) {
        QPainterPath loop;
        loop.moveTo(fromX, y - 8);
        loop.lineTo(fromX + LoopWidth, y - 8);
        loop.lineTo(fromX + LoopWidth, y);
        loop.lineTo(fromX + ArrowHead, y);
        painter->setBrush(Qt::NoBrush);
        painter->drawPath(loop);
        painter->setBrush(colour);
        painter->drawPolygon(QPolygon({ QPoint(fromX, y), QPoint(fromX + ArrowHead, y - 4),
                                        QPoint(fromX + ArrowHead, y + 4) }));
        const int left = fromX + LoopWidth + 6;
        const int width = m_layout.metrics().lifelineSpacing - LoopWidth - 12;
        painter->drawText(QRect(left, y - 8 - fm.height(), width, fm.height() + 4),
                          Qt::AlignLeft | Qt::AlignVCenter,
                          fm.elidedText(text, Qt::ElideRight, width));
        return;
    }
    const int sign = toX > fromX ? 1 : -1;
    painter->drawLine(fromX, y, toX - sign * ArrowHead, y);
    painter->drawPolygon(QPolygon({ QPoint(toX, y), QPoint(toX - sign * ArrowHead, y - 4),
                                    QPoint(toX - sign * ArrowHead, y + 4) }));
    const int left = std::min(fromX, toX) + 8;
    const int width = std::abs(toX - fromX) - 16;
    painter->drawText(QRect(left, y - fm.height() - 3, width, fm.height()), Qt::AlignCenter,
                      fm.elidedText(text, Qt::ElideRight, width));
}

void SequencePainter::paintArrow(QPainter *painter, int row, int y) const
{
    const auto [from, to] = m_layout.arrowEnds(row);
    drawArrow(painter, m_layout.lifelineX(from), m_layout.lifelineX(to),
              y + m_layout.metrics().rowHeight - 8, colourOf(row), label(row));
}

// A relayed message went from this socket to the clients connected then, but the one it came
// from: one line as far as the last of them, with a head on each one's lifeline.
void SequencePainter::paintBroadcast(QPainter *painter, int row, int y, const QRect &area) const
{
    const SequenceLayout::Row &r = m_layout.row(row);
    const int lineY = y + m_layout.metrics().rowHeight - 8;
    const int from = m_layout.lifelineX(r.local);
    const QList<int> reached = m_layout.reached(row);
    int to = from + m_layout.metrics().lifelineSpacing;
    if (!reached.isEmpty())
        to = std::max(to, m_layout.lifelineX(reached.constLast()));
    drawArrow(painter, from, to, lineY, colourOf(row), label(row));
    for (const int line : reached) {
        const int x = m_layout.lifelineX(line);
        if (x <= from || x >= to || x < area.left() || x > area.right())
            continue;
        painter->drawPolygon(QPolygon({ QPoint(x, lineY), QPoint(x - ArrowHead, lineY - 4),
                                        QPoint(x - ArrowHead, lineY + 4) }));
    }
}

void SequencePainter::paintSegments(QPainter *painter, int row, int y) const
{
    const SequenceLayout::Row &r = m_layout.row(row);
    const int local = m_layout.lifelineX(r.local);
    const int peer = m_layout.lifelineX(r.peer);
    const int step = m_layout.metrics().segmentHeight;
    const QList<SequenceLayout::Segment> segments = SequenceLayout::segments(r.event);
    for (qsizetype i = 0; i < segments.size(); ++i) {
        const SequenceLayout::Segment &segment = segments.at(i);
        const QString name = QString::fromLatin1(segment.name);
        const QColor colour = name == u"RST"
            ? Palette::error()
            : (segment.outgoing ? Palette::sent() : Palette::received());
        drawArrow(painter, segment.outgoing ? local : peer, segment.outgoing ? peer : local,
                  y + int(i + 1) * step, colour, name);
    }
}

// An event, a socket call or an error, written beside this socket's lifeline.
void SequencePainter::paintNote(QPainter *painter, int row, int y, const QRect &area) const
{
    const SequenceLayout::Row &r = m_layout.row(row);
    const QFontMetrics fm(m_style.font);
    const int x = m_layout.lifelineX(r.local);
    const int middle = y + m_layout.metrics().rowHeight / 2;
    const QColor colour = colourOf(row);
    painter->setPen(QPen(colour, 2));
    if (r.shape == SequenceLayout::Shape::Error) {
        painter->drawLine(x - 5, middle - 5, x + 5, middle + 5);
        painter->drawLine(x - 5, middle + 5, x + 5, middle - 5);
    } else {
        painter->setBrush(colour);
        painter->drawEllipse(QPoint(x, middle), 3, 3);
    }
    const int left = x + 10;
    const int width = std::max(area.right(), m_layout.width()) - left - 4;
    if (width <= 0)
        return;
    painter->setPen(colour);
    painter->drawText(QRect(left, middle - fm.height() / 2, width, fm.height()),
                      Qt::AlignLeft | Qt::AlignVCenter,
                      fm.elidedText(label(row), Qt::ElideRight, width));
}
