#pragma once

#include <QObject>
#include <QPointer>

class QDialog;
class QMenu;
class QWidget;

// The Help menu: Getting Started, Keyboard Shortcuts (read from the window's own actions,
// ShortcutList) and About. Each page is a dialog of rich text in the app, beside the window
// (not modal: the user can follow it while trying), shown again rather than opened twice.
class HelpMenu final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HelpMenu)

public:
    // Fills `menu`; `window` parents the pages and has the shortcuts they list.
    HelpMenu(QMenu *menu, QWidget *window);

    void showGettingStarted();
    void showShortcuts();
    void showAbout();

private:
    QDialog *page(const QString &name, const QString &title, const QString &html);
    static QString gettingStarted();

    QWidget *m_window;
    QPointer<QDialog> m_gettingStarted;
    QPointer<QDialog> m_shortcuts;
};
