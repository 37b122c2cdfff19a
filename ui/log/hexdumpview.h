#pragma once

#include "text/textencoding.h"

#include <QAbstractScrollArea>
#include <QByteArray>

// A `hexdump -C` style dump of any number of bytes that formats only the lines it paints, so a
// 64 MiB payload costs what a screenful does. Lines are selected with the mouse or the keyboard
// (Shift extends, Ctrl+A takes all) and copied as the dump's lines (Ctrl+C), as hex, or as text
// the composer reads back as the same bytes.
class HexDumpView final : public QAbstractScrollArea
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HexDumpView)

public:
    // A copy is refused beyond this many selected bytes: its text would take the clipboard, and
    // the window, too long to build.
    static constexpr qsizetype CopyLimitBytes = qsizetype(1) << 20;

    enum class CopyFormat { Dump, Hex, Text };

    explicit HexDumpView(QWidget *parent = nullptr);

    QByteArray bytes() const { return m_bytes; }
    void setBytes(const QByteArray &bytes);
    void clear() { setBytes({}); }
    void setPlaceholderText(const QString &text);
    // What "Copy as Text" decodes the bytes with; UTF-8 by default.
    void setTextEncoding(TextEncoding encoding) { m_encoding = encoding; }

    qsizetype lineCount() const { return m_lineCount; }
    QString lineText(qsizetype line) const;
    qsizetype firstVisibleLine() const;
    // Lines formatted by the last paint: a screenful, however large the payload.
    int paintedLineCount() const { return m_paintedLines; }

    // The selected lines, first and last; -1 and -1 without a selection.
    std::pair<qsizetype, qsizetype> selectedLines() const;
    void selectLines(qsizetype first, qsizetype last);
    void selectAll();
    // Puts the selection on the clipboard; false (and noticed() says why) when it is too large.
    bool copy(CopyFormat format = CopyFormat::Dump);

Q_SIGNALS:
    // Something to tell the user about a copy.
    void noticed(const QString &message);

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;
    void scrollContentsBy(int dx, int dy) override;

private:
    int lineHeight() const;
    int visibleLines() const;
    qsizetype lineAt(int y) const;
    void moveCursorTo(qsizetype line, bool extend);
    void updateScrollBars();
    QByteArrayView selectedBytes() const;

    QByteArray m_bytes;
    qsizetype m_lineCount = 0;
    qsizetype m_anchor = -1; // where the selection started
    qsizetype m_cursor = -1; // where it ends, and where the keyboard moves from
    QString m_placeholder;
    TextEncoding m_encoding = TextEncoding::Utf8;
    mutable int m_paintedLines = 0;
};
