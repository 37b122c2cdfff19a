#pragma once

// What the widget tests of every session tab share: find a child by objectName, type into a
// field as a user would, send from the composer, look for a row in the session's log, and see
// how a row of the chat view is laid out.

#include "log/chatitemdelegate.h"
#include "log/logmodel.h"
#include "log/sessionlog.h"

#include <QAbstractButton>
#include <QApplication>
#include <QListView>
#include <QPlainTextEdit>
#include <QTest>

#include <functional>
#include <QTimer>

namespace TabTest {

// Answers each modal question that shows while it lives by clicking its button named `button`.
class QuestionAnswerer
{
public:
    explicit QuestionAnswerer(const char *button)
        : m_button(QString::fromLatin1(button))
    {
        QObject::connect(&m_poll, &QTimer::timeout, &m_poll, [this] {
            QWidget *modal = QApplication::activeModalWidget();
            if (modal && m_shown) {
                m_shown();
                m_shown = nullptr;
            }
            if (m_when && !m_when())
                return;
            if (auto *target = modal ? modal->findChild<QAbstractButton *>(m_button) : nullptr) {
                ++m_answered;
                target->click();
            }
        });
        m_poll.start(10);
    }
    void setButton(const char *button) { m_button = QString::fromLatin1(button); }
    // `shown` runs once when a question first shows; the button is clicked only once `when`
    // holds.
    void setShown(std::function<void()> shown) { m_shown = std::move(shown); }
    void setWhen(std::function<bool()> when) { m_when = std::move(when); }
    int answered() const { return m_answered; }

private:
    QString m_button;
    std::function<void()> m_shown;
    std::function<bool()> m_when;
    QTimer m_poll;
    int m_answered = 0;
};

template<typename T>
T *child(const QObject *parent, const char *name)
{
    T *widget = parent->findChild<T *>(QLatin1StringView(name));
    if (!widget)
        qWarning() << "no child named" << name;
    return widget;
}

// Replaces the text of a line edit, spin box or editable combo box by typing.
inline void setText(QWidget *widget, const QString &text)
{
    widget->setFocus();
    QTest::keyClick(widget, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClick(widget, Qt::Key_Backspace);
    QTest::keyClicks(widget, text);
}

inline void typeAndSend(const QObject *tab, const QString &text)
{
    auto *input = child<QPlainTextEdit>(tab, "inputEdit");
    input->setFocus();
    input->clear();
    QTest::keyClicks(input, text);
    QTest::keyClick(input, Qt::Key_Return);
}

// The first row of `direction` whose payload is `payload`, or whose message contains `text`.
inline const LogEntry *findRow(SessionLog *log, Direction direction, const QByteArray &payload,
                               const QString &text = {})
{
    LogModel *model = log->model();
    model->flush();
    for (int row = 0; row < model->rowCount(); ++row) {
        const LogEntry &e = model->entry(row);
        if (e.direction == direction && e.payload == payload
            && (text.isEmpty() || e.message.contains(text)))
            return &e;
    }
    return nullptr;
}

// The layout the chat delegate paints for `row`, in the geometry the list view gives that row.
inline ChatItemDelegate::Layout chatLayout(const QListView *chat, int row)
{
    const QModelIndex index = chat->model()->index(row, chat->modelColumn());
    QStyleOptionViewItem option;
    option.initFrom(chat->viewport());
    option.font = chat->font();
    option.rect = chat->visualRect(index);
    const auto *delegate = qobject_cast<const ChatItemDelegate *>(chat->itemDelegate());
    return delegate ? delegate->layout(option, index) : ChatItemDelegate::Layout {};
}

} // namespace TabTest
