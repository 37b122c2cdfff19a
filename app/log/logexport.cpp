#include "log/logexport.h"

#include "log/csvlinewriter.h"
#include "log/jsonlinewriter.h"
#include "log/logmodel.h"
#include "text/pluralcount.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QThread>

#include <filesystem>

namespace {

// Formatted and written a piece at a time: a little memory, and a failure found early.
constexpr qsizetype PieceBytes = 256 * 1024;

// Only a file of our own: never a device such as /dev/full, nor what a link points to.
void removePartial(const QString &path)
{
    std::error_code error;
    const std::filesystem::path file(path.toStdString());
    if (std::filesystem::is_regular_file(std::filesystem::symlink_status(file, error)))
        std::filesystem::remove(file, error);
}

} // namespace

LogExport::LogExport(QObject *parent)
    : QObject(parent)
{
}

LogExport::~LogExport()
{
    while (m_copying)
        copySlice();
    if (m_thread)
        m_thread->wait();
}

void LogExport::save(const QString &path, Format format, LogModel *model, TextEncoding encoding)
{
    m_path = path;
    m_format = format;
    m_encoding = encoding;
    m_model = model;
    m_copied.clear();
    m_copied.reserve(std::size_t(model->rowCount()));
    m_next = model->evictedCount();
    m_end = m_next + quint64(model->rowCount());
    m_left = 0;
    m_cleared = false;
    m_copying = true;
    connect(model, &QAbstractItemModel::modelAboutToBeReset, this, [this] { m_cleared = true; });
    QMetaObject::invokeMethod(this, &LogExport::copySlice, Qt::QueuedConnection);
}

void LogExport::copySlice()
{
    if (!m_copying)
        return; // a slice the destructor copied already
    const quint64 evicted = m_model && !m_cleared ? m_model->evictedCount() : m_end;
    if (m_next < evicted) { // gone before their turn
        const quint64 first = std::min(evicted, m_end);
        m_left += first - m_next;
        m_next = first;
    }
    for (int n = 0; m_next < m_end && n < SliceRows; ++n, ++m_next)
        m_copied.push_back(m_model->entry(int(m_next - evicted)));
    if (m_next < m_end) {
        QMetaObject::invokeMethod(this, &LogExport::copySlice, Qt::QueuedConnection);
        return;
    }
    m_copying = false;
    if (m_model)
        disconnect(m_model, nullptr, this, nullptr);
    start(m_path, m_format, std::move(m_copied), m_encoding);
}

bool LogExport::isRunning() const
{
    return m_running;
}

void LogExport::start(const QString &path, Format format, std::vector<LogEntry> entries,
                      TextEncoding encoding)
{
    Q_ASSERT(!m_running);
    if (m_thread)
        m_thread->wait();
    m_path = path;
    m_running = true;
    m_thread.reset(QThread::create(
            [this, format, encoding, entries = std::move(entries)] {
                const Result result = write(entries, format, encoding);
                // Told on the window's thread, once this one is done with the rows.
                QMetaObject::invokeMethod(
                        this,
                        [this, result] {
                            m_running = false;
                            Q_EMIT finished(result.ok, result.message);
                        },
                        Qt::QueuedConnection);
            }));
    m_thread->setObjectName(QStringLiteral("Log export"));
    m_thread->start(QThread::LowPriority);
}

LogExport::Result LogExport::write(const std::vector<LogEntry> &entries, Format format,
                                   TextEncoding encoding)
{
    const QString shown = QDir::toNativeSeparators(m_path);
    QFile file(m_path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        return { false, tr("Cannot save the log to %1: %2. Choose a folder you can write to.")
                                .arg(shown, file.errorString()) };
    }
    QByteArray piece = format == Format::Csv ? CsvLineWriter::header() : QByteArray();
    std::size_t next = 0;
    do {
        this->format(piece, entries, next, format, encoding);
        if (file.write(piece) != piece.size() || !file.flush()) {
            const QString reason = file.errorString();
            file.close();
            removePartial(m_path);
            return { false, tr("Saving the log to %1 failed: %2. The file was removed, since it "
                               "would hold only part of the log; nothing was saved.")
                                    .arg(shown, reason) };
        }
        piece.clear();
    } while (next < entries.size());
    file.close();
    const QString how = format == Format::Csv ? tr("CSV") : tr("JSON Lines");
    QString message = tr("Saved %n rows of this log to %1 (%2).", nullptr,
                         pluralCount(quint64(entries.size())))
                              .arg(shown, how);
    if (m_left > 0) {
        message += u' '
                + tr("%n rows left the log while it was being saved (its limits, or Clear); a "
                     "recording keeps them.",
                     nullptr, pluralCount(m_left));
    }
    return { true, message };
}

// Formats the rows from `next` on into `out` until a piece is full.
void LogExport::format(QByteArray &out, const std::vector<LogEntry> &entries, std::size_t &next,
                       Format format, TextEncoding encoding)
{
    JsonLineWriter json;
    for (; next < entries.size() && out.size() < PieceBytes; ++next) {
        if (format == Format::Csv)
            CsvLineWriter::append(out, entries[next], encoding);
        else
            json.append(out, entries[next], encoding);
    }
}

QString LogExport::suggestedFileName(const QString &session, const QDateTime &time,
                                     Format format)
{
    QString name = session.toLower();
    name.replace(QRegularExpression(QStringLiteral("[^a-z0-9]+")), QStringLiteral("-"));
    name.remove(QRegularExpression(QStringLiteral("^-+|-+$")));
    return u"sockscope-" + (name.isEmpty() ? QString() : name + u'-')
            + time.toString(QStringLiteral("yyyy-MM-dd-HHmmss"))
            + (format == Format::Csv ? u".csv" : u".jsonl");
}

LogExport::Format LogExport::formatOf(const QString &path)
{
    return path.endsWith(u".csv", Qt::CaseInsensitive) ? Format::Csv : Format::JsonLines;
}
