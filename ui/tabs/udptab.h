#pragma once

#include "tabs/sessiontab.h"

#include <QNetworkInterface>

#include <memory>

class UdpSession;

namespace Ui {
class UdpTab;
}

// The UDP tab: bind a socket, send to a host, reply, broadcast, join multicast groups, and
// watch every datagram in the log.
class UdpTab final : public SessionTab
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UdpTab)

public:
    explicit UdpTab(const Context &context, QWidget *parent = nullptr);
    ~UdpTab() override;

    // --udp, --udp-remote and --auto-reply: fill the fields, and bind when --udp was given.
    bool applyLaunchOptions(const LaunchOptions &options) override;

    UdpSession *session() const { return m_session; }

protected:
    bool send(const QByteArray &payload) override;
    QString stateText() const override;
    QString titleDetail() const override;
    void saveControls(Settings::Group &settings) override;

private:
    UdpTab(const Context &context, UdpSession *session, QWidget *parent);
    void fillChoices();
    void loadControls();
    void toggleStart();
    void start();
    void replyToLastSender();
    void joinGroup();
    void leaveGroup();
    void updateState();
    QNetworkInterface selectedInterface() const;

    std::unique_ptr<Ui::UdpTab> m_ui;
    UdpSession *m_session;
};
