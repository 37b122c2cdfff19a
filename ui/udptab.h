#pragma once

#include "sessiontab.h"

#include <QNetworkInterface>

#include <memory>

class Recorder;
class Settings;
class UdpSession;
struct LaunchOptions;

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
    UdpTab(Settings &settings, Recorder *recorder, const QString &sessionName,
           QWidget *parent = nullptr);
    ~UdpTab() override;

    // --udp, --udp-remote and --auto-reply: fill the fields, and bind when --udp was given.
    void applyLaunchOptions(const LaunchOptions &options);

    UdpSession *session() const { return m_session; }
    SessionLog *sessionLog() const override { return m_log; }
    LogView *logView() const override;
    MessageComposer *composer() const override;
    QString statusText() const override;
    QString title() const override;
    void saveSettings() override;

private:
    void loadSettings();
    void fillChoices();
    void toggleStart();
    void start();
    void send(const QByteArray &payload);
    void replyToLastSender();
    void joinGroup();
    void leaveGroup();
    void updateState();
    QString localAddressText() const;
    QString remoteHostText() const;
    QNetworkInterface selectedInterface() const;

    std::unique_ptr<Ui::UdpTab> m_ui;
    Settings &m_settings;
    QString m_sessionName;
    UdpSession *m_session;
    SessionLog *m_log;
};
