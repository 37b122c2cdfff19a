#include "log/entrydetailview.h"

#include "log/hexdumpview.h"
#include "log/logentry.h"
#include "net/sockethint.h"
#include "text/escapedtext.h"
#include "text/pluralcount.h"

#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QLoggingCategory>
#include <QPlainTextEdit>
#include <QVBoxLayout>

// Off by default. QT_LOGGING_RULES="sockscope.detail.info=true" says which entry the pane
// shows; the benchmark (bench/run.py) checks that it selected the row it measures.
Q_LOGGING_CATEGORY(lcDetail, "sockscope.detail", QtWarningMsg)

EntryDetailView::EntryDetailView(QWidget *parent)
    : QWidget(parent)
    , m_summary(new QLabel(this))
    , m_text(new QPlainTextEdit(this))
    , m_hex(new HexDumpView(this))
{
    m_summary->setObjectName(QStringLiteral("detailSummary"));
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_summary->setWordWrap(true);
    m_text->setObjectName(QStringLiteral("detailText"));
    m_hex->setObjectName(QStringLiteral("detailHex"));
    m_text->setReadOnly(true);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_text->setPlaceholderText(tr("Select a row to see its payload as text."));
    m_hex->setPlaceholderText(tr("…and here as a hex dump of its exact bytes."));
    connect(m_hex, &HexDumpView::noticed, this, &EntryDetailView::showNote);

    auto *panes = new QHBoxLayout;
    panes->addWidget(m_text, 1);
    panes->addWidget(m_hex, 0);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_summary);
    layout->addLayout(panes);
}

void EntryDetailView::setTextEncoding(TextEncoding encoding)
{
    m_encoding = encoding;
    m_hex->setTextEncoding(encoding);
}

// "2026-12-02 04:24:50.673 — received 825,398 bytes from 127.0.0.1:57020 on 127.0.0.1:9123."
QString EntryDetailView::summaryOf(const LogEntry &entry)
{
    const QLocale locale;
    const QString time =
            entry.time.toLocalTime().toString(QStringLiteral("yyyy-MM-dd hh:mm:ss.zzz"));
    switch (entry.direction) {
    case Direction::Received: {
        const QString received = tr("%1 — received %2 bytes from %3 on %4.", nullptr,
                                    pluralCount(quint64(entry.payload.size())))
                                         .arg(time, locale.toString(entry.payload.size()),
                                              entry.peer.toString(entry.peerName),
                                              entry.local.toString());
        // A datagram a read limit cut: what happened to the rest.
        return entry.isCut() ? received + u' '
                        + SocketHint::datagramCut(entry.arrivedBytes(), entry.payload.size())
                             : received;
    }
    case Direction::Sent:
        return sentSummary(entry, time);
    case Direction::Call:
        return entry.callError() != 0 ? tr("%1 — a socket call that failed (errno %2)")
                                                .arg(time)
                                                .arg(entry.callError())
                                      : tr("%1 — a socket call").arg(time);
    case Direction::Info:
    case Direction::Error:
        break;
    }
    const QString event =
            (entry.direction == Direction::Error ? tr("%1 — error") : tr("%1 — event")).arg(time);
    // An event about bytes (a complete message) says what they are; they follow below.
    return entry.hasPayload() ? event + u": " + entry.message : event;
}

// What was sent, and who sent it: the user, or an auto-reply.
QString EntryDetailView::sentSummary(const LogEntry &entry, const QString &time)
{
    const QString size = QLocale().toString(entry.payload.size());
    const int n = pluralCount(quint64(entry.payload.size()));
    const QString peer = entry.peer.toString(entry.peerName);
    const QString local = entry.local.toString();
    switch (entry.autoReply) {
    case AutoReply::None: break;
    case AutoReply::Echo:
        return tr("%1 — the echo auto-reply sent %2 bytes back to %3 from %4.", nullptr, n)
                .arg(time, size, peer, local);
    case AutoReply::Timestamp:
        return tr("%1 — the timestamp auto-reply sent %2 bytes to %3 from %4.", nullptr, n)
                .arg(time, size, peer, local);
    case AutoReply::Relay:
        if (entry.peer.isNull()) {
            return tr("%1 — the chat room announced %2 bytes to %3.", nullptr, n)
                    .arg(time, size, entry.message);
        }
        return tr("%1 — relayed %2 bytes from %3 to %4.", nullptr, n)
                .arg(time, size, peer, entry.message);
    }
    return tr("%1 — sent %2 bytes to %3 from %4.", nullptr, n).arg(time, size, peer, local);
}

void EntryDetailView::showEntry(const LogEntry &entry)
{
    const QLocale locale;
    m_summaryText = summaryOf(entry);
    qCInfo(lcDetail, "showing an entry of %lld bytes", qlonglong(entry.payload.size()));
    // An escaped payload is often one long word, and wrapping anywhere keeps laying it out
    // linear in its length; words are for the messages of events.
    m_text->setWordWrapMode(entry.hasPayload() ? QTextOption::WrapAnywhere
                                               : QTextOption::WrapAtWordBoundaryOrAnywhere);
    if (!entry.hasPayload()) {
        m_text->setPlainText(entry.message);
        m_hex->clear();
        showNote({});
        return;
    }
    const qsizetype size = entry.payload.size();
    m_text->setPlainText(EscapedText::toText(entry.payload, m_encoding, TextPreviewBytes));
    m_hex->setBytes(entry.payload);
    if (size > TextPreviewBytes) {
        showNote(tr("The text shows the first %1 of %2 bytes; the hex dump shows every byte.")
                         .arg(locale.toString(TextPreviewBytes), locale.toString(size)));
    } else {
        showNote({});
    }
}

void EntryDetailView::clear()
{
    m_summaryText.clear();
    m_text->clear();
    m_hex->clear();
    showNote({});
}

// A note follows the summary on its line, so that nothing below moves when one comes or goes.
void EntryDetailView::showNote(const QString &note)
{
    m_summary->setText(note.isEmpty() ? m_summaryText : m_summaryText + u' ' + note);
}
