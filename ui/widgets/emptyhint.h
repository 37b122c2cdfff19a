#pragma once

#include <QLabel>

class QAbstractItemModel;
class QAbstractItemView;

// What to do next, in the middle of an empty list or table: placeholder text centred in the
// view's viewport while the model has no rows. It goes with the first row and comes back when
// the rows are cleared; the view's owner keeps its words up to date (setHint()).
class EmptyHint final : public QLabel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EmptyHint)

public:
    // Watches `model`'s rows, which may be the model under `view`'s filter: a log that holds
    // rows the filter hides is not empty.
    EmptyHint(QAbstractItemView *view, const QAbstractItemModel *model);

    void setHint(const QString &text);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void follow();
    void place();

    QWidget *m_viewport;
    const QAbstractItemModel *m_model;
};
