#pragma once

#include "sessiontab.h"

#include <memory>

class ClientListModel;
class Recorder;
class Settings;
class TcpServerSession;
struct LaunchOptions;

namespace Ui {
class TcpServerTab;
}

// The TCP Server tab: listen, see every client in a list, send to some or all of them,
// disconnect them, and answer by itself: echo, timestamp, or relay as a chat room.
class TcpServerTab final : public SessionTab
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TcpServerTab)

public:
    TcpServerTab(Settings &settings, Recorder *recorder, const QString &sessionName,
                 QWidget *parent = nullptr);
    ~TcpServerTab() override;

    // --tcp-server [ADDR:]PORT and --auto-reply: fill the fields and listen.
    void applyLaunchOptions(const LaunchOptions &options);

    TcpServerSession *session() const { return m_session; }
    SessionLog *sessionLog() const override { return m_log; }
    LogView *logView() const override;
    MessageComposer *composer() const override;
    QString statusText() const override;
    QString title() const override;
    void saveSettings() override;

private:
    void loadSettings();
    void toggleListening();
    void listen();
    void send(const QByteArray &payload);
    QList<int> selectedClientIds() const;
    void selectionChanged();
    void applyAnswerOptions();
    void updateState();
    void updateClientButtons();

    std::unique_ptr<Ui::TcpServerTab> m_ui;
    Settings &m_settings;
    QString m_sessionName;
    TcpServerSession *m_session;
    SessionLog *m_log;
    ClientListModel *m_clients;
};
