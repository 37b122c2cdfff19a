#pragma once

#include <QWidget>

class LogView;
class MessageComposer;
class SessionLog;

// What the main window needs from every session tab, whatever its protocol: its log, its
// composer, and one line of state for the status bar.
class SessionTab : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SessionTab)

public:
    using QWidget::QWidget;

    virtual SessionLog *sessionLog() const = 0;
    virtual LogView *logView() const = 0;
    virtual MessageComposer *composer() const = 0;
    // "Bound to 0.0.0.0:9000 · received 12 (480 bytes) · sent 3 (12 bytes)"
    virtual QString statusText() const = 0;
    // The tab's title: its kind and port, "TCP Server :9000".
    virtual QString title() const = 0;
    virtual void saveSettings() = 0;

Q_SIGNALS:
    // The status text or the title may have changed.
    void statusChanged();

protected:
    // "<state> · received 60 bytes in 3 reads · sent 452 bytes in 12 writes · errors 0": the
    // status of a byte-stream session, counted from its log.
    QString streamStatusText(const QString &state) const;
};
