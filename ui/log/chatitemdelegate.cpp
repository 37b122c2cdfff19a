#include "log/chatitemdelegate.h"

#include "log/logentry.h"
#include "log/logmodel.h"
#include "text/payloadcodec.h"
#include "text/pluralcount.h"
#include "widgets/palette.h"

#include <QLocale>
#include <QPainter>

namespace {

constexpr int RowMargin = 3; // between rows
constexpr int SideMargin = 8; // between a bubble and the edge of the view
constexpr int Padding = 8; // inside a bubble, left and right
constexpr int VPadding = 3; // inside a bubble, above and below
constexpr int LineGap = 1; // between the header and the text
constexpr qreal Radius = 7;

QFont headerFont(QFont font)
{
    if (font.pointSizeF() > 0)
        font.setPointSizeF(font.pointSizeF() * 0.85);
    else
        font.setPixelSize(std::max(8, font.pixelSize() * 85 / 100));
    return font;
}

QFont eventFont(const QFont &font, bool isError)
{
    QFont event = headerFont(font);
    event.setBold(isError);
    return event;
}

bool isErrorRow(const QModelIndex &index)
{
    return Direction(index.data(LogModel::DirectionRole).toInt()) == Direction::Error;
}

QString columnText(const QModelIndex &index, LogModel::Column column)
{
    return index.siblingAtColumn(column).data().toString();
}

} // namespace

// A chat line usually ends with the line ending that sent it; the bubble already ends there.
// A message that is nothing but a line ending keeps it, so it is not shown as empty. In hex,
// every byte shows.
QString ChatItemDelegate::bodyText(const QByteArray &payload) const
{
    QByteArrayView bytes(payload);
    if (m_format.view == PayloadCodec::PayloadView::Text) {
        if (bytes.endsWith("\r\n"))
            bytes.chop(2);
        else if (bytes.endsWith('\n'))
            bytes.chop(1);
        if (bytes.isEmpty())
            bytes = payload;
    }
    return PayloadCodec::displayText(bytes, m_format, BodyBytes, BodyCharacters);
}

ChatItemDelegate::Layout ChatItemDelegate::layout(const QStyleOptionViewItem &option,
                                                  const QModelIndex &index) const
{
    const auto direction = Direction(index.data(LogModel::DirectionRole).toInt());
    if (direction == Direction::Received || direction == Direction::Sent)
        return messageLayout(option, index, direction == Direction::Received);
    return eventLayout(option, index, direction == Direction::Error);
}

ChatItemDelegate::Layout ChatItemDelegate::messageLayout(const QStyleOptionViewItem &option,
                                                         const QModelIndex &index,
                                                         bool received) const
{
    const QString peer = columnText(index, LogModel::PeerColumn);
    const QString time = columnText(index, LogModel::TimeColumn);
    const QByteArray payload = index.data(LogModel::PayloadRole).toByteArray();

    const auto origin = AutoReply(index.data(LogModel::AutoReplyRole).toInt());
    Layout layout;
    layout.side = received ? Side::Left : Side::Right;
    if (received)
        layout.tint = Palette::peerBubble(peer);
    else
        layout.tint = origin == AutoReply::None ? Palette::sentBubble() : Palette::autoBubble();
    layout.header = received ? tr("%1 · %2").arg(peer, time) : sentHeader(index, peer, time);
    if (const qsizetype arrived = index.data(LogModel::ArrivedRole).toLongLong(); arrived > 0) {
        // A datagram that a read limit cut: the bubble has the part kept.
        layout.header += tr(" · cut: %1 of %2 bytes kept", nullptr, pluralCount(quint64(arrived)))
                                 .arg(QLocale().toString(payload.size()),
                                      QLocale().toString(arrived));
    }
    layout.body = payload.isEmpty() ? tr("(no bytes)") : bodyText(payload);

    const QRect area = option.rect.adjusted(SideMargin, RowMargin, -SideMargin, -RowMargin);
    const int maxInner = std::max(0, area.width() * 3 / 4 - 2 * Padding);
    const QFontMetrics bodyMetrics(option.font);
    const QFontMetrics headerMetrics(headerFont(option.font));
    layout.body = bodyMetrics.elidedText(layout.body, Qt::ElideRight, maxInner);
    layout.header = headerMetrics.elidedText(layout.header, Qt::ElideRight, maxInner);
    const int inner = std::max(bodyMetrics.horizontalAdvance(layout.body),
                               headerMetrics.horizontalAdvance(layout.header));
    const int width = inner + 2 * Padding;
    const int left = received ? area.left() : area.right() + 1 - width;
    layout.bubble = QRect(left, area.top(), width, area.height());
    return layout;
}

// Who sent it: the user ("You"), or the auto-reply that answered by itself.
QString ChatItemDelegate::sentHeader(const QModelIndex &index, const QString &peer,
                                     const QString &time)
{
    switch (AutoReply(index.data(LogModel::AutoReplyRole).toInt())) {
    case AutoReply::None: break;
    case AutoReply::Echo: return tr("Echo → %1 · %2").arg(peer, time);
    case AutoReply::Timestamp: return tr("Timestamp → %1 · %2").arg(peer, time);
    case AutoReply::Relay: // "Relayed user6 (…) → 3 others", "Announced → 3 others"
        return tr("%1 %2 · %3").arg(columnText(index, LogModel::DirectionColumn), peer, time);
    }
    return tr("You → %1 · %2").arg(peer, time);
}

ChatItemDelegate::Layout ChatItemDelegate::eventLayout(const QStyleOptionViewItem &option,
                                                       const QModelIndex &index,
                                                       bool isError) const
{
    const QString time = columnText(index, LogModel::TimeColumn);
    const QString message = index.data(LogModel::MessageRole).toString();
    const QFontMetrics metrics(eventFont(option.font, isError));
    const QRect area = option.rect.adjusted(SideMargin, RowMargin, -SideMargin, -RowMargin);

    Layout layout;
    layout.side = Side::Middle;
    layout.body = metrics.elidedText(tr("%1 · %2").arg(time, message), Qt::ElideRight,
                                     std::max(0, area.width() - 2 * Padding));
    const int width = metrics.horizontalAdvance(layout.body) + 2 * Padding;
    const int height = metrics.height() + 2 * VPadding;
    layout.bubble = QRect(area.left() + (area.width() - width) / 2,
                          area.top() + (area.height() - height) / 2, width, height);
    return layout;
}

void ChatItemDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                             const QModelIndex &index) const
{
    const Layout rowLayout = layout(option, index);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    if (rowLayout.side == Side::Middle)
        paintEventLine(painter, option, rowLayout, isErrorRow(index));
    else
        paintMessage(painter, option, rowLayout);
    if (option.state & QStyle::State_HasFocus) {
        painter->setPen(QPen(option.palette.color(QPalette::Highlight), 1, Qt::DotLine));
        painter->setBrush(Qt::NoBrush);
        painter->drawRoundedRect(QRectF(rowLayout.bubble).adjusted(-2.5, -1.5, 2.5, 1.5), Radius,
                                 Radius);
    }
    painter->restore();
}

void ChatItemDelegate::paintMessage(QPainter *painter, const QStyleOptionViewItem &option,
                                    const Layout &layout) const
{
    const bool selected = option.state & QStyle::State_Selected;
    QColor fill = layout.tint;
    fill.setAlpha(selected ? 110 : 45);
    painter->setBrush(fill);
    painter->setPen(selected ? QPen(option.palette.color(QPalette::Highlight), 2)
                             : QPen(layout.tint, 1));
    painter->drawRoundedRect(QRectF(layout.bubble).adjusted(0.5, 0.5, -0.5, -0.5), Radius, Radius);

    const QRect inner = layout.bubble.adjusted(Padding, VPadding, -Padding, -VPadding);
    const QFont small = headerFont(option.font);
    const int headerHeight = QFontMetrics(small).height();
    painter->setFont(small);
    // The header in the peer's colour, dark enough to read on a light base and light enough
    // on a dark one.
    const bool darkBase = option.palette.color(QPalette::Base).lightness() < 128;
    painter->setPen(darkBase ? layout.tint.lighter(140) : layout.tint.darker(160));
    painter->drawText(QRect(inner.left(), inner.top(), inner.width(), headerHeight),
                      Qt::AlignLeft | Qt::AlignVCenter, layout.header);
    painter->setFont(option.font);
    painter->setPen(option.palette.color(QPalette::Text));
    painter->drawText(inner.adjusted(0, headerHeight + LineGap, 0, 0),
                      Qt::AlignLeft | Qt::AlignVCenter, layout.body);
}

void ChatItemDelegate::paintEventLine(QPainter *painter, const QStyleOptionViewItem &option,
                                      const Layout &layout, bool isError) const
{
    if (option.state & QStyle::State_Selected) {
        QColor fill = option.palette.color(QPalette::Highlight);
        fill.setAlpha(60);
        painter->setPen(Qt::NoPen);
        painter->setBrush(fill);
        painter->drawRoundedRect(layout.bubble, Radius, Radius);
    }
    painter->setFont(eventFont(option.font, isError));
    painter->setPen(isError ? Palette::error()
                            : option.palette.color(QPalette::PlaceholderText));
    painter->drawText(layout.bubble, Qt::AlignCenter, layout.body);
}

QSize ChatItemDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &) const
{
    // The list view stretches each row to its own width; only the height matters.
    const int height = QFontMetrics(headerFont(option.font)).height() + LineGap
            + QFontMetrics(option.font).height() + 2 * (RowMargin + VPadding);
    return { 1, height };
}
