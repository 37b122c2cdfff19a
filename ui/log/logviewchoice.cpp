// LogView's choice of view: the table, the chat or the sequence diagram, one at a time over the
// same rows, and the diagram's export.
#include "log/logview.h"
#include "ui_logview.h"

#include "log/logfiltermodel.h"
#include "log/sequencediagram.h"
#include "log/sessionlog.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>

bool LogView::isChatView() const
{
    return m_ui->viewStack->currentWidget() == m_ui->chatList;
}

void LogView::setChatView(bool chat)
{
    if (chat != isChatView())
        showView(chat ? static_cast<QAbstractItemView *>(m_ui->chatList) : m_ui->table);
}

bool LogView::isDiagramView() const
{
    return m_ui->viewStack->currentWidget() == m_ui->diagram;
}

void LogView::setDiagramView(bool diagram)
{
    if (diagram != isDiagramView())
        showView(diagram ? static_cast<QAbstractItemView *>(m_ui->diagram) : m_ui->table);
}

// The table, the chat or the diagram: the buttons say which, and each view that comes or goes
// says so.
void LogView::showView(QAbstractItemView *view)
{
    const bool wasChat = isChatView();
    const bool wasDiagram = isDiagramView();
    QAbstractItemView *previous = activeView();
    const bool hadFocus = previous->hasFocus();
    // The chat and the diagram show each chunk; a framed message would repeat its bytes.
    m_filter->setFramedMessagesHidden(view != m_ui->table);
    m_ui->viewStack->setCurrentWidget(view);
    for (QToolButton *button : { m_ui->chatButton, m_ui->diagramButton }) {
        const bool shown = button == m_ui->chatButton ? isChatView() : isDiagramView();
        if (button->isChecked() != shown) {
            const QSignalBlocker blocker(button);
            button->setChecked(shown);
        }
    }
    if (hadFocus)
        view->setFocus(Qt::OtherFocusReason);
    if (isFollowing())
        view->scrollToBottom();
    else if (view->currentIndex().isValid())
        view->scrollTo(view->currentIndex(), QAbstractItemView::PositionAtCenter);
    updateFooter();
    if (wasChat != isChatView())
        Q_EMIT chatViewChanged(isChatView());
    if (wasDiagram != isDiagramView())
        Q_EMIT diagramViewChanged(isDiagramView());
}

QString LogView::exportDiagram(const QString &folder)
{
    if (!isDiagramView())
        return {};
    const QString svg = tr("SVG image (*.svg)");
    QString chosen = svg;
    QString path = QFileDialog::getSaveFileName(
        this, tr("Export Diagram"), folder, svg + QStringLiteral(";;") + tr("PNG image (*.png)"),
        &chosen);
    if (path.isEmpty())
        return {};
    if (QFileInfo(path).suffix().isEmpty()) // the format the user picked in the dialog
        path += chosen == svg ? QStringLiteral(".svg") : QStringLiteral(".png");
    m_ui->diagram->completeLayout(); // the rows in view are those of every row placed
    const auto [first, last] = m_ui->diagram->visibleRows();
    const QString error = m_ui->diagram->exportVisible(path);
    if (m_log && error.isEmpty()) {
        m_log->addEvent(
            Direction::Info,
            tr("Exported the diagram's %Ln rows in view to %1.", nullptr, last - first + 1)
                .arg(QDir::toNativeSeparators(path)));
    } else if (m_log) {
        m_log->addEvent(Direction::Error, tr("The diagram was not exported. %1").arg(error));
    }
    return QFileInfo(path).absolutePath();
}

QAbstractItemView *LogView::activeView() const
{
    return static_cast<QAbstractItemView *>(m_ui->viewStack->currentWidget());
}
