#include "logsavecontrol.h"

#include "config/settings.h"
#include "log/logmodel.h"
#include "log/logview.h"
#include "log/sessionlog.h"
#include "tabs/sessiontab.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>

namespace {

QString jsonLinesFilter()
{
    return LogSaveControl::tr("JSON Lines (*.jsonl)");
}

QString csvFilter()
{
    return LogSaveControl::tr("CSV (*.csv)");
}

} // namespace

LogSaveControl::LogSaveControl(Settings &settings, QWidget *window)
    : QObject(window)
    , m_settings(settings)
    , m_window(window)
{
}

void LogSaveControl::chooseFile(SessionTab *tab)
{
    if (!tab)
        return;
    QString folder = m_settings.group(QStringLiteral("saveLog")).text(u"folder");
    if (folder.isEmpty())
        folder = QDir::homePath();
    const QString name = LogExport::suggestedFileName(tab->name(), QDateTime::currentDateTime(),
                                                      LogExport::Format::JsonLines);
    auto *dialog = new QFileDialog(m_window, tr("Save the Log of %1").arg(tab->name()),
                                   QDir(folder).filePath(name));
    dialog->setObjectName(QStringLiteral("saveLogDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setNameFilters({ jsonLinesFilter(), csvFilter() });
    // The name follows the format chosen, so that the suffix says what the file holds.
    const QString session = tab->name();
    connect(dialog, &QFileDialog::filterSelected, dialog, [dialog, session](const QString &filter) {
        const auto format = filter == csvFilter() ? LogExport::Format::Csv
                                                  : LogExport::Format::JsonLines;
        dialog->selectFile(LogExport::suggestedFileName(session, QDateTime::currentDateTime(),
                                                        format));
    });
    QPointer<SessionTab> target = tab; // a tab closed meanwhile has nothing left to save
    connect(dialog, &QFileDialog::fileSelected, this, [this, dialog, target](QString path) {
        const bool csv = dialog->selectedNameFilter() == csvFilter();
        if (QFileInfo(path).suffix().isEmpty())
            path += csv ? u".csv" : u".jsonl";
        if (target)
            save(target, path, LogExport::formatOf(path));
    });
    dialog->open();
}

void LogSaveControl::save(SessionTab *tab, const QString &path, LogExport::Format format)
{
    m_settings.group(QStringLiteral("saveLog")).setValue(u"folder", QFileInfo(path).path());
    LogModel *model = tab->sessionLog()->model();
    model->flush(); // the rows that wait for the next turn are shown already: saved too
    auto *exporter = new LogExport(this);
    QPointer<SessionLog> log = tab->sessionLog();
    connect(exporter, &LogExport::finished, this,
            [this, exporter, log](bool ok, const QString &message) {
                if (log)
                    log->addEvent(ok ? Direction::Info : Direction::Error, message);
                Q_EMIT progressed(message);
                exporter->deleteLater();
            });
    Q_EMIT progressed(tr("Saving the log of %1 to %2…")
                              .arg(tab->name(), QDir::toNativeSeparators(path)));
    exporter->save(path, format, model, tab->logView()->displayFormat().encoding);
}
