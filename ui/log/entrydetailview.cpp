#include "log/entrydetailview.h"

#include "log/logentry.h"
#include "text/payloadcodec.h"

#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QVBoxLayout>

EntryDetailView::EntryDetailView(QWidget *parent)
    : QWidget(parent)
    , m_summary(new QLabel(this))
    , m_text(new QPlainTextEdit(this))
    , m_hex(new QPlainTextEdit(this))
{
    m_summary->setObjectName(QStringLiteral("detailSummary"));
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_summary->setWordWrap(true);
    m_text->setObjectName(QStringLiteral("detailText"));
    m_hex->setObjectName(QStringLiteral("detailHex"));
    const QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    for (QPlainTextEdit *edit : { m_text, m_hex }) {
        edit->setReadOnly(true);
        edit->setFont(fixed);
        edit->setLineWrapMode(QPlainTextEdit::NoWrap);
    }
    m_text->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    m_text->setPlaceholderText(tr("Select a row to see its payload as text."));
    m_hex->setPlaceholderText(tr("…and here as a hex dump of its exact bytes."));
    // The dump is 78 characters wide; keep it readable without scrolling.
    m_hex->setMinimumWidth(QFontMetrics(fixed).horizontalAdvance(QString(80, u'0')));

    auto *panes = new QHBoxLayout;
    panes->addWidget(m_text, 1);
    panes->addWidget(m_hex, 0);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_summary);
    layout->addLayout(panes);
}

void EntryDetailView::showEntry(const LogEntry &entry)
{
    const QLocale locale;
    const QString time = entry.time.toLocalTime().toString(QStringLiteral("yyyy-MM-dd hh:mm:ss.zzz"));
    QString summary;
    switch (entry.direction) {
    case Direction::Received:
        summary = tr("%1 — received %2 bytes from %3 on %4.")
                          .arg(time, locale.toString(entry.payload.size()), entry.peer.toString(),
                               entry.local.toString());
        break;
    case Direction::Sent:
        summary = tr("%1 — sent %2 bytes to %3 from %4.")
                          .arg(time, locale.toString(entry.payload.size()), entry.peer.toString(),
                               entry.local.toString());
        break;
    case Direction::Info:
    case Direction::Error:
        summary = (entry.direction == Direction::Error ? tr("%1 — error") : tr("%1 — event"))
                          .arg(time);
        // An event about bytes (a complete message) says what they are; they follow below.
        if (entry.hasPayload())
            summary += u": " + entry.message;
        break;
    }
    m_summary->setText(summary);
    if (entry.hasPayload()) {
        m_text->setPlainText(PayloadCodec::escapedText(entry.payload));
        m_hex->setPlainText(PayloadCodec::hexDump(entry.payload));
    } else {
        m_text->setPlainText(entry.message);
        m_hex->clear();
    }
}

void EntryDetailView::clear()
{
    m_summary->clear();
    m_text->clear();
    m_hex->clear();
}
