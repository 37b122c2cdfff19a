#pragma once

#include <QFont>
#include <QStyledItemDelegate>

// Colours the log by direction: received, sent, events, errors and calls each read at a glance;
// a call's Python is set in a fixed-width font.
// Colour is a view concern, so the model only reports the direction (LogModel::DirectionRole).
// The Data column is clipped at the view's edge rather than elided (see initStyleOption()).
class LogItemDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LogItemDelegate)

public:
    explicit LogItemDelegate(QObject *parent = nullptr);

    // Sizes with the thousands separators the status bar has ("65,507" where the locale writes
    // them), which item views leave out of numbers.
    QString displayText(const QVariant &value, const QLocale &locale) const override;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;

private:
    QFont m_codeFont;
};
