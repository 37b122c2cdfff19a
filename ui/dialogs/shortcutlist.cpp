#include "dialogs/shortcutlist.h"

#include <QAbstractButton>
#include <QAction>
#include <QMenu>
#include <QMenuBar>
#include <QShortcut>
#include <QWidget>

namespace ShortcutList {

namespace {

// "&Record to File…" as the menu shows it: "Record to File…".
QString plain(QString text)
{
    text.replace(QStringLiteral("&&"), QStringLiteral("\x01"));
    text.remove(u'&');
    text.replace(u'\x01', u'&');
    return text;
}

QString keysOf(const QList<QKeySequence> &sequences)
{
    QStringList keys;
    for (const QKeySequence &sequence : sequences)
        keys << sequence.toString(QKeySequence::NativeText);
    return keys.join(QStringLiteral(" / "));
}

void add(QList<Entry> &entries, const Entry &entry)
{
    const bool known = std::any_of(entries.cbegin(), entries.cend(), [&entry](const Entry &e) {
        return e.keys == entry.keys && e.action == entry.action;
    });
    if (!entry.keys.isEmpty() && !entry.action.isEmpty() && !known)
        entries.append(entry);
}

void addMenu(QList<Entry> &entries, const QMenu *menu, const QString &path)
{
    for (const QAction *action : menu->actions()) {
        const QString name = path + plain(action->text());
        if (action->menu())
            addMenu(entries, action->menu(), name + QStringLiteral(" → "));
        else
            add(entries, { keysOf(action->shortcuts()), name });
    }
}

bool inMenus(const QAction *action)
{
    const QList<QObject *> users = action->associatedObjects();
    return std::any_of(users.cbegin(), users.cend(),
                       [](const QObject *user) { return qobject_cast<const QMenu *>(user); });
}

} // namespace

QList<Entry> collect(const QWidget &window)
{
    QList<Entry> entries;
    if (const QMenuBar *bar = window.findChild<QMenuBar *>()) {
        for (const QAction *action : bar->actions()) {
            if (action->menu())
                addMenu(entries, action->menu(), plain(action->text()) + QStringLiteral(" → "));
        }
    }
    for (const QAction *action : window.findChildren<QAction *>()) {
        if (!inMenus(action) && !action->menu())
            add(entries, { keysOf(action->shortcuts()), action->whatsThis() });
    }
    for (const QShortcut *shortcut : window.findChildren<QShortcut *>())
        add(entries, { keysOf(shortcut->keys()), shortcut->whatsThis() });
    for (const QAbstractButton *button : window.findChildren<QAbstractButton *>()) {
        const QKeySequence keys = button->shortcut();
        if (keys != QKeySequence::mnemonic(button->text()))
            add(entries, { keys.toString(QKeySequence::NativeText), plain(button->text()) });
    }
    return entries;
}

QString toHtml(const QList<Entry> &entries)
{
    QString html = QStringLiteral("<table cellspacing=\"0\" cellpadding=\"4\">");
    for (const Entry &entry : entries) {
        html += QStringLiteral("<tr><td><b>%1</b></td><td>%2</td></tr>")
                        .arg(entry.keys.toHtmlEscaped(), entry.action.toHtmlEscaped());
    }
    return html + QStringLiteral("</table>");
}

} // namespace ShortcutList
