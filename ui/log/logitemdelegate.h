#pragma once

#include <QStyledItemDelegate>

// Colours the log by direction: received, sent, events and errors each read at a glance.
// Colour is a view concern, so the model only reports the direction (LogModel::DirectionRole).
// The Data column is clipped at the view's edge rather than elided (see initStyleOption()).
class LogItemDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LogItemDelegate)

public:
    using QStyledItemDelegate::QStyledItemDelegate;

    // Sizes with the thousands separators the status bar has ("65,507" where the locale writes
    // them), which item views leave out of numbers.
    QString displayText(const QVariant &value, const QLocale &locale) const override;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;
};
