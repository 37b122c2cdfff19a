#pragma once

#include <QWidget>

class QLabel;
class QPlainTextEdit;
struct LogEntry;

// The whole of one log entry: a summary line, the payload as escaped text, and a
// `hexdump -C` style dump of its exact bytes.
class EntryDetailView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EntryDetailView)

public:
    explicit EntryDetailView(QWidget *parent = nullptr);

    void showEntry(const LogEntry &entry);
    void clear();

private:
    QLabel *m_summary;
    QPlainTextEdit *m_text;
    QPlainTextEdit *m_hex;
};
