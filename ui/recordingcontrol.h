#pragma once

#include "log/logentry.h"

#include <QObject>
#include <QPointer>

class QMessageBox;
class QWidget;
class Recorder;
class Settings;

// The user's side of the recording: choosing its file (Record to File…, --log-file), and
// deciding where it continues when a write failed and what was not written waits. What it has
// to say goes to the log, as rows for the tab in view.
class RecordingControl final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RecordingControl)

public:
    // `window` parents the dialogs.
    RecordingControl(Recorder &recorder, Settings &settings, QWidget *window);

    // Asks for a file (a modal: the user must decide where it goes), then records into it.
    void chooseFile();
    // Records into `path`; after a failed write, what waits goes there first.
    void start(const QString &path);

Q_SIGNALS:
    // A row for the log of the tab in view.
    void logged(Direction direction, const QString &message);

private:
    void askWhereToContinue();
    void chooseFileToContinueIn();
    void continueIn(const QString &path);

    Recorder &m_recorder;
    Settings &m_settings;
    QWidget *m_window;
    QPointer<QMessageBox> m_question; // while a failed recording waits for a decision
};
