#pragma once

#include "config/settings.h"
#include "net/sendpacer.h"
#include "text/payloadcodec.h"

#include <QElapsedTimer>
#include <QWidget>

#include <memory>
#include <optional>

class LargeMessageView;

namespace Ui {
class MessageComposer;
}

// The message editor every tab shares: Text or Hex input, a line ending, history recalled with
// Up and Down, repeat sending, and sending a file. It turns what was typed into exact bytes and
// asks its tab to send them; bad input is explained under the editor and nothing is sent.
//
// Any size: text too long to edit (ComposerEdit::MaxCharacters), pasted or dropped, becomes a
// large message shown as its size, read as bytes in the background (PastedMessage) and sent
// like any other. The history keeps messages of up to MaxHistoryBytes, and says once when a
// larger one is not kept.
class MessageComposer final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MessageComposer)

public:
    static constexpr qsizetype MaxHistoryBytes = 64 * 1024;

    explicit MessageComposer(QWidget *parent = nullptr);
    ~MessageComposer() override;

    Settings::Composer profile() const;
    void setProfile(const Settings::Composer &profile);

    // The bytes to send now (input plus line ending), or nothing after showing why the input is
    // invalid. A valid input is added to the history.
    std::optional<QByteArray> takePayload();

    // The tab sent the message Send (or Enter) asked for: the editor empties for the next one,
    // unless Keep after sending is on. Repeats and failed sends leave it as it is.
    void messageSent();
    // The message was not sent, or failed on its way (a host not found): why, under the
    // editor as bad input is, until the input changes.
    void showSendFailure(const QString &message);

    // What Text mode writes text in; UTF-8 by default.
    TextEncoding textEncoding() const { return m_encoding; }
    void setTextEncoding(TextEncoding encoding);

    bool isRepeating() const { return m_pacer.isActive(); }
    void stopRepeating();
    void focusInput();
    // Whether a message too long to edit waits to be sent, instead of the editor's text.
    bool hasLargeMessage() const;
    // The bytes the editor's text stands for now, without the line ending, or nothing when it
    // does not read (bad input) or is a large message: for the Code panel, which shows them.
    std::optional<QByteArray> currentMessage() const;
    PayloadCodec::LineEnding lineEnding() const;

    // Asks the tab to send the bytes of the file at `path`, as Send File… does once a file is
    // chosen.
    void sendFile(const QString &path);

    // A file on its way: its progress in the progress bar, and Stop stops it.
    void showTransfer(const QString &name, qint64 done, qint64 total);
    void endTransfer();
    bool isTransferring() const { return m_transferring; }

Q_SIGNALS:
    void sendRequested(const QByteArray &payload);
    void sendFileRequested(const QString &path);
    void stopTransferRequested();
    void profileChanged();
    // What currentMessage() gives may have changed.
    void messageEdited();
    // A Repeat ended (all sent, stopped, or a send failed): how many went, in how long.
    void repeatEnded(const QString &summary);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void fillChoices();
    void reserveStatusLine();
    void send();
    void startRepeating();
    void sendRepeats(int count);
    void showPace();
    QString repeatSummary() const;
    void showError(const QString &message, qsizetype position);
    void showNote(const QString &message);
    void clearError();
    void chooseFile();
    void takeLongText(const QString &text);
    void showLargeMessage(bool shown);
    void updateButtons();
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
    bool m_repeating = false;
    int m_repeatTotal = 0;
    qint64 m_repeatSent = 0; // of this Repeat, that the tab said were sent
    bool m_wasSent = false; // the tab's answer to the send just asked for
    QElapsedTimer m_repeatClock;
    LargeMessageView *m_large;
    bool m_historyNoteShown = false;
    bool m_transferring = false;
    bool m_sendingOne = false; // while send() asks the tab to send what was typed
    QString m_fileFolder;
};
