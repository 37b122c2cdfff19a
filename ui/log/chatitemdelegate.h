#pragma once

#include "net/autoreply.h"
#include "text/payloadcodec.h"

#include <QStyledItemDelegate>

// Paints a log row as a line of a chat transcript: what this session sent in a bubble on the
// right, what a peer sent in a bubble on the left headed by its name, its address and the time,
// and events as a line in the middle. Each peer gets its own tint, so a chat room stays
// readable. What an auto-reply sent is headed by the auto-reply ("Echo → …", "Relayed user6
// (…) → 3 others"), in a tint of its own, never as "You".
//
// Every row has the same height, a header line and one line of text, so the list view never
// measures rows and stays fast at 100,000 of them (house style 15). Longer text is elided;
// the detail pane shows the whole entry.
class ChatItemDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChatItemDelegate)

public:
    enum class Side { Left, Right, Middle };

    // What one row paints, and where. The view's own geometry, so tests check what users see.
    struct Layout
    {
        Side side = Side::Middle;
        QRect bubble; // the bubble of a message, or the frame around an event's line
        QString header; // "user1 (127.0.0.1:5555) · 14:28:49.286"; empty for events
        QString body; // the text as painted, elided to the bubble
        QColor tint;
    };

    // Payload bytes, and characters, shown in a bubble at most; the rest could never fit on
    // one line.
    static constexpr qsizetype BodyBytes = 512;
    static constexpr qsizetype BodyCharacters = 200;

    using QStyledItemDelegate::QStyledItemDelegate;

    // How bubbles show payloads: text in an encoding (the default, UTF-8), or hex.
    void setDisplayFormat(const PayloadCodec::DisplayFormat &format) { m_format = format; }

    Layout layout(const QStyleOptionViewItem &option, const QModelIndex &index) const;

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

private:
    Layout messageLayout(const QStyleOptionViewItem &option, const QModelIndex &index,
                         bool received) const;
    Layout eventLayout(const QStyleOptionViewItem &option, const QModelIndex &index,
                       bool isError) const;
    void paintMessage(QPainter *painter, const QStyleOptionViewItem &option,
                      const Layout &layout) const;
    void paintEventLine(QPainter *painter, const QStyleOptionViewItem &option,
                        const Layout &layout, bool isError) const;
    QString bodyText(const QByteArray &payload) const;
    static QString sentHeader(const QModelIndex &index, const QString &peer, const QString &time);

    PayloadCodec::DisplayFormat m_format;
};
