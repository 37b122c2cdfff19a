#pragma once

#include "compose/pastedmessage.h"

#include <QFrame>

#include <optional>

class QLabel;

// Where the editor stands while a message too long to edit waits to be sent: what it is (its
// size, whether it is still being read, what is wrong with it) and a Discard button. Enter
// sends it, Delete or Escape discards it.
class LargeMessageView final : public QFrame
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LargeMessageView)

public:
    explicit LargeMessageView(QWidget *parent = nullptr);

    bool isEmpty() const { return m_message.isEmpty(); }
    // Takes `text` as the message, read in `mode` and `encoding`.
    void take(const QString &text, PayloadCodec::InputMode mode, TextEncoding encoding);
    // The Format or the encoding changed. A message that reads well keeps its bytes, as the
    // editor's text does; one that does not is read again the new way, and so is text whose
    // bytes depend on the encoding that changed.
    void setFormat(PayloadCodec::InputMode mode, TextEncoding encoding);
    // Its bytes, or nothing and why not (still being read, or not valid).
    std::optional<QByteArray> bytes(QString *whyNot) const;
    void discard();

Q_SIGNALS:
    void sendRequested();
    void discarded();

protected:
    void keyPressEvent(QKeyEvent *event) override;

private:
    void messageRead();
    void showState();

    PastedMessage m_message;
    PayloadCodec::InputMode m_mode = PayloadCodec::InputMode::Text; // the Format chosen now
    TextEncoding m_encoding = TextEncoding::Utf8;
    QLabel *m_label;
};
