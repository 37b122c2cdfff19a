#include "widgets/emptyhint.h"

#include <QAbstractItemView>
#include <QEvent>

namespace {

// Clear of the edges at the sides; little above and below, for a short list.
constexpr int SideMargin = 24;
constexpr int EndMargin = 2;

} // namespace

EmptyHint::EmptyHint(QAbstractItemView *view, const QAbstractItemModel *model)
    : QLabel(view->viewport())
    , m_viewport(view->viewport())
    , m_model(model)
{
    setAlignment(Qt::AlignCenter);
    setWordWrap(true);
    setTextFormat(Qt::PlainText);
    setTextInteractionFlags(Qt::NoTextInteraction);
    setAttribute(Qt::WA_TransparentForMouseEvents); // clicks reach the view
    setForegroundRole(QPalette::PlaceholderText); // as an empty field's hint
    m_viewport->installEventFilter(this);
    for (const auto signal :
         { &QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved }) {
        connect(model, signal, this, &EmptyHint::follow);
    }
    connect(model, &QAbstractItemModel::modelReset, this, &EmptyHint::follow);
    connect(model, &QAbstractItemModel::layoutChanged, this, &EmptyHint::follow);
    place();
    follow();
}

void EmptyHint::setHint(const QString &text)
{
    setText(text);
    follow();
}

void EmptyHint::follow()
{
    setVisible(!text().isEmpty() && m_model->rowCount() == 0);
}

void EmptyHint::place()
{
    setGeometry(m_viewport->rect().adjusted(SideMargin, EndMargin, -SideMargin, -EndMargin));
}

bool EmptyHint::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_viewport && event->type() == QEvent::Resize)
        place();
    return QLabel::eventFilter(watched, event);
}
