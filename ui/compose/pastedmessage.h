#pragma once

#include "text/payloadcodec.h"

#include <QFutureWatcher>
#include <QObject>

// A message too long to edit (pasted, dropped, or made so by switching Format): its text, read
// as bytes on a thread of the pool, so that checking megabytes of hex never holds up the window.
class PastedMessage final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PastedMessage)

public:
    explicit PastedMessage(QObject *parent = nullptr);
    ~PastedMessage() override;

    bool isEmpty() const { return m_text.isEmpty(); }
    QString text() const { return m_text; }
    PayloadCodec::InputMode mode() const { return m_mode; }
    // Until checked() comes: the result is not known yet.
    bool isChecking() const { return m_checking; }
    // Valid once checked() has come.
    const PayloadCodec::ParseResult &result() const { return m_result; }

    // Reads `text` in `mode` (and `encoding` for Text) in the background; checked() follows.
    void set(const QString &text, PayloadCodec::InputMode mode, TextEncoding encoding);
    void clear();

Q_SIGNALS:
    void checked();

private:
    QString m_text;
    PayloadCodec::InputMode m_mode = PayloadCodec::InputMode::Text;
    PayloadCodec::ParseResult m_result;
    bool m_checking = false;
    QFutureWatcher<PayloadCodec::ParseResult> m_watcher;
};
