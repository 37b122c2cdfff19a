#include "log/logitemdelegate.h"

#include "log/logentry.h"
#include "log/logmodel.h"
#include "widgets/palette.h"

#include <QFontDatabase>
#include <QLocale>

LogItemDelegate::LogItemDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
    , m_codeFont(QFontDatabase::systemFont(QFontDatabase::FixedFont))
{
}

QString LogItemDelegate::displayText(const QVariant &value, const QLocale &locale) const
{
    if (value.typeId() == QMetaType::LongLong || value.typeId() == QMetaType::Int)
        return QLocale().toString(value.toLongLong());
    return QStyledItemDelegate::displayText(value, locale);
}

void LogItemDelegate::initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    const auto direction = Direction(index.data(LogModel::DirectionRole).toInt());
    QColor colour;
    switch (direction) {
    case Direction::Received: colour = Palette::received(); break;
    case Direction::Sent: colour = Palette::sent(); break;
    case Direction::Info: colour = option->palette.color(QPalette::PlaceholderText); break;
    case Direction::Error: colour = Palette::error(); break;
    case Direction::Call: colour = Palette::call(); break;
    }
    option->palette.setColor(QPalette::Text, colour);
    if (direction == Direction::Error)
        option->font.setBold(true);
    // A call is code: set as code, in the same columns as the student's editor.
    if (direction == Direction::Call && index.column() == LogModel::DataColumn) {
        option->font.setFamilies(m_codeFont.families());
        option->font.setStyleHint(QFont::Monospace);
    }
    // The Data column is the last and runs to the edge of the view; traffic's text is already
    // cut to what a wide screen shows, and ends in an ellipsis when cut. Eliding it again to the
    // cell's width would lay the text out several times over, in every paint of a flood. An
    // event's words are not cut before: where they pass the edge, the ellipsis says there is
    // more, which the tooltip and the detail pane show.
    if (index.column() == LogModel::DataColumn) {
        const bool event = direction != Direction::Received && direction != Direction::Sent
                && index.data(LogModel::PayloadRole).toByteArray().isEmpty();
        option->textElideMode = event ? Qt::ElideRight : Qt::ElideNone;
    }
}
