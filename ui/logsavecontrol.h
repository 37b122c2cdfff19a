#pragma once

#include "log/logexport.h"

#include <QObject>
#include <QPointer>

class QWidget;
class SessionTab;
class Settings;

// File → Save Log As…: asks where (offering a timestamped name, JSON Lines or CSV), then saves
// every row the tab's log holds, filtered out or not, without holding the window up
// (LogExport). How it went is a row in that tab's log, as the recording's news is.
class LogSaveControl final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LogSaveControl)

public:
    // `window` parents the dialog.
    LogSaveControl(Settings &settings, QWidget *window);

    // Opens the file dialog (not blocking the window) for the log of `tab`.
    void chooseFile(SessionTab *tab);
    // Saves the rows the log of `tab` holds now to `path`, in `format`.
    void save(SessionTab *tab, const QString &path, LogExport::Format format);

Q_SIGNALS:
    // A save started or ended: for the status bar.
    void progressed(const QString &message);

private:
    Settings &m_settings;
    QWidget *m_window;
};
