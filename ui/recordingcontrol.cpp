#include "recordingcontrol.h"

#include "config/settings.h"
#include "log/logexport.h"
#include "log/recorder.h"
#include "text/pluralcount.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QPushButton>

RecordingControl::RecordingControl(Recorder &recorder, Settings &settings, QWidget *window)
    : QObject(window)
    , m_recorder(recorder)
    , m_settings(settings)
    , m_window(window)
{
    connect(&m_recorder, &Recorder::errorOccurred, this,
            [this](const QString &message) { Q_EMIT logged(Direction::Error, message); });
    connect(&m_recorder, &Recorder::holdingStarted, this, [this](const QString &message) {
        Q_EMIT logged(Direction::Error, message);
        askWhereToContinue();
    });
    connect(&m_recorder, &Recorder::recordingChanged, this, [this] {
        if (m_question && !m_recorder.isHolding())
            m_question->close(); // answered from the menu
    });
}

void RecordingControl::chooseFile()
{
    // A new file named for now, in the folder of the last one.
    const QString last = m_settings.recordingPath();
    const QDir folder = last.isEmpty() ? QDir::home() : QFileInfo(last).dir();
    const QString suggested = folder.filePath(LogExport::suggestedFileName(
            {}, QDateTime::currentDateTime(), LogExport::Format::JsonLines));
    // A modal dialog is right here: the user must decide where the file goes.
    const QString path = QFileDialog::getSaveFileName(
            m_window, tr("Record Every Log Entry to File"), suggested,
            tr("JSON Lines (*.jsonl);;All files (*)"), nullptr, QFileDialog::DontConfirmOverwrite);
    if (path.isEmpty())
        return;
    m_settings.setRecordingPath(path);
    start(path);
}

void RecordingControl::start(const QString &path)
{
    if (m_recorder.isHolding()) { // after a failed write: what waits goes there first
        continueIn(path);
        return;
    }
    if (!m_recorder.start(path))
        return; // the recorder's errorOccurred put the reason in the log
    Q_EMIT logged(Direction::Info, tr("Recording every log entry to %1 (JSON Lines, appended).")
                                           .arg(QDir::toNativeSeparators(path)));
}

// A write of the recording failed, and what was not written waits: the user decides where it
// goes. The question does not block the window (the sessions go on meanwhile); the menu's
// Record to File… and Stop Recording answer it too.
void RecordingControl::askWhereToContinue()
{
    if (m_question)
        return;
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Recording Failed"),
                                m_recorder.errorString(), QMessageBox::NoButton, m_window);
    box->setObjectName(QStringLiteral("recordingFailedBox"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    QPushButton *another = box->addButton(tr("Continue in Another File…"),
                                          QMessageBox::AcceptRole);
    another->setObjectName(QStringLiteral("continueInAnotherFile"));
    QPushButton *stop = box->addButton(tr("Stop Recording"), QMessageBox::DestructiveRole);
    stop->setObjectName(QStringLiteral("stopRecording"));
    box->setDefaultButton(another);
    connect(another, &QPushButton::clicked, this, &RecordingControl::chooseFileToContinueIn);
    connect(stop, &QPushButton::clicked, &m_recorder, &Recorder::stop);
    m_question = box;
    box->setWindowModality(Qt::NonModal); // the window goes on; its menu answers too
    box->show();
}

// A modal file dialog is right here, as for Record to File…; cancelled, the question comes back.
void RecordingControl::chooseFileToContinueIn()
{
    auto *dialog = new QFileDialog(m_window, tr("Continue the Recording in File"),
                                   QFileInfo(m_recorder.path()).dir().path(),
                                   tr("JSON Lines (*.jsonl);;All files (*)"));
    dialog->setObjectName(QStringLiteral("continueRecordingDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setOption(QFileDialog::DontConfirmOverwrite); // it is appended to
    connect(dialog, &QFileDialog::fileSelected, this, &RecordingControl::continueIn);
    connect(dialog, &QFileDialog::rejected, this, [this] {
        if (m_recorder.isHolding())
            askWhereToContinue();
    });
    dialog->open();
}

void RecordingControl::continueIn(const QString &path)
{
    if (!m_recorder.isHolding()) // answered meanwhile, from the menu
        return;
    if (!m_recorder.continueIn(path)) {
        askWhereToContinue(); // errorOccurred logged why, and the question says it
        return;
    }
    m_settings.setRecordingPath(path);
    const quint64 lost = m_recorder.notRecordedInLastHold();
    Q_EMIT logged(
            lost == 0 ? Direction::Info : Direction::Error,
            lost == 0 ? tr("Recording continues in %1, from the first entry that was not written: "
                           "nothing was lost.")
                                .arg(QDir::toNativeSeparators(path))
                      : tr("Recording continues in %1, from the first entry that was not written. "
                           "Entries not recorded while it waited: %n (there was no more room).",
                           nullptr, pluralCount(lost))
                                .arg(QDir::toNativeSeparators(path)));
}
