#pragma once

#include "config/settings.h"
#include "net/sendpacer.h"
#include "text/payloadcodec.h"

#include <QWidget>

#include <memory>
#include <optional>

namespace Ui {
class MessageComposer;
}

// The message editor every tab shares: Text or Hex input, a line ending, history recalled with
// Up and Down, and repeat sending. It turns what was typed into exact bytes and asks its tab to
// send them; bad input is explained under the editor and nothing is sent.
class MessageComposer final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MessageComposer)

public:
    explicit MessageComposer(QWidget *parent = nullptr);
    ~MessageComposer() override;

    Settings::Composer profile() const;
    void setProfile(const Settings::Composer &profile);

    // The bytes to send now (input plus line ending), or nothing after showing why the input is
    // invalid. A valid input is added to the history.
    std::optional<QByteArray> takePayload();

    // What Text mode writes text in; UTF-8 by default.
    TextEncoding textEncoding() const { return m_encoding; }
    void setTextEncoding(TextEncoding encoding);

    bool isRepeating() const { return m_pacer.isActive(); }
    void stopRepeating();
    void focusInput();

Q_SIGNALS:
    void sendRequested(const QByteArray &payload);
    void profileChanged();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void fillChoices();
    void send();
    void startRepeating();
    void sendRepeats(int count);
    void showPace();
    void showError(const QString &message, qsizetype position);
    void clearError();
    void recallHistory(int step);
    void remember(const QString &text);
    void switchMode(PayloadCodec::InputMode mode);

    std::unique_ptr<Ui::MessageComposer> m_ui;
    QStringList m_history;
    qsizetype m_historyIndex = 0; // == m_history.size() while editing a new message
    QString m_draft;
    PayloadCodec::InputMode m_mode = PayloadCodec::InputMode::Text;
    TextEncoding m_encoding = TextEncoding::Utf8;
    SendPacer m_pacer;
    QByteArray m_repeatPayload;
};
