#pragma once

#include "text/textencoding.h"

#include <QWidget>

class HexDumpView;
class QLabel;
class QPlainTextEdit;
struct LogEntry;

// The whole of one log entry: a summary line, the payload as escaped text, and a
// `hexdump -C` style dump of its exact bytes.
//
// Any size shows at once: the dump formats only the lines on screen (HexDumpView), and the
// text shows the first TextPreviewBytes, with a note after the summary that says how much more
// the dump holds.
class EntryDetailView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EntryDetailView)

public:
    static constexpr qsizetype TextPreviewBytes = 16 * 1024;

    explicit EntryDetailView(QWidget *parent = nullptr);

    void showEntry(const LogEntry &entry);
    void clear();
    // What payloads are decoded with for the text; UTF-8 by default.
    void setTextEncoding(TextEncoding encoding);

private:
    static QString summaryOf(const LogEntry &entry);
    static QString sentSummary(const LogEntry &entry, const QString &time);
    void showNote(const QString &note);

    QLabel *m_summary;
    QString m_summaryText; // what the summary says before any note
    QPlainTextEdit *m_text;
    HexDumpView *m_hex;
    TextEncoding m_encoding = TextEncoding::Utf8;
};
