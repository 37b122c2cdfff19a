#include "logitemdelegate.h"

#include "logentry.h"
#include "logmodel.h"

void LogItemDelegate::initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    const auto direction = Direction(index.data(LogModel::DirectionRole).toInt());
    QColor colour;
    switch (direction) {
    case Direction::Received: colour = QColor(0x00, 0x5a, 0xa0); break;
    case Direction::Sent: colour = QColor(0x1b, 0x6e, 0x20); break;
    case Direction::Info: colour = option->palette.color(QPalette::PlaceholderText); break;
    case Direction::Error: colour = QColor(0xb0, 0x00, 0x20); break;
    }
    option->palette.setColor(QPalette::Text, colour);
    if (direction == Direction::Error)
        option->font.setBold(true);
}
