#pragma once

#include "tabs/sessiontab.h"

#include <memory>

class ClientListModel;
class TcpServerSession;

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
    explicit TcpServerTab(const Context &context, QWidget *parent = nullptr);
    ~TcpServerTab() override;

    // --tcp-server [ADDR:]PORT and --auto-reply: fill the fields and listen.
    bool applyLaunchOptions(const LaunchOptions &options) override;

    TcpServerSession *session() const { return m_session; }

protected:
    bool send(const QByteArray &payload) override;
    QString stateText() const override;
    QString titleDetail() const override;
    void saveControls(Settings::Group &settings) override;

private:
    TcpServerTab(const Context &context, TcpServerSession *session, QWidget *parent);
    void setUpClientTable();
    void fillChoices();
    void loadControls();
    void connectControls();
    void toggleListening();
    void listen();
    QList<int> selectedClientIds() const;
    void selectionChanged();
    void applyAnswerOptions();
    void updateState();
    void updateClientButtons();

    std::unique_ptr<Ui::TcpServerTab> m_ui;
    TcpServerSession *m_session;
    ClientListModel *m_clients;
};
