#pragma once

#include <QList>
#include <QString>

class QWidget;

// The window's keyboard shortcuts, read from what really has them, so that Help → Keyboard
// Shortcuts cannot fall behind: the menus' actions (with their menu), then every other action,
// QShortcut and button in the window whose shortcut is not just its Alt mnemonic. An action or
// QShortcut outside the menus says what it does in its whatsThis; one without is left out.
namespace ShortcutList {

struct Entry
{
    QString keys; // "Ctrl+Shift+R", as this platform writes it
    QString action; // "File → Record to File…"
};

QList<Entry> collect(const QWidget &window);
// A table for a rich text page.
QString toHtml(const QList<Entry> &entries);

} // namespace ShortcutList
