#pragma once

#include "sessiontab.h"
#include "tcpclientsession.h"

#include <QElapsedTimer>
#include <QTimer>

#include <array>
#include <memory>

class Recorder;
class Settings;
struct LaunchOptions;

namespace Ui {
class TcpClientTab;
}

// The TCP Client tab: connect to a server, watch each step of the connection's life, send with
// write progress, and see every chunk as it arrived, with messages found by a framing.
class TcpClientTab final : public SessionTab
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TcpClientTab)

public:
    TcpClientTab(Settings &settings, Recorder *recorder, const QString &sessionName,
                 QWidget *parent = nullptr);
    ~TcpClientTab() override;

    // --tcp-client HOST:PORT: fill the fields and connect.
    void applyLaunchOptions(const LaunchOptions &options);

    TcpClientSession *session() const { return m_session; }
    SessionLog *sessionLog() const override { return m_log; }
    LogView *logView() const override;
    MessageComposer *composer() const override;
    QString statusText() const override;
    QString title() const override;
    void saveSettings() override;

private:
    void loadSettings();
    void toggleConnection();
    void connectToServer();
    void send(const QByteArray &payload);
    void stateChanged(TcpClientSession::State state, qint64 previousStateMs);
    void connectionOpened(TcpConnection *connection);
    void showWriteProgress(qint64 written, qint64 inFlight);
    void updateControls();
    void updateLifeStrip();

    std::unique_ptr<Ui::TcpClientTab> m_ui;
    Settings &m_settings;
    QString m_sessionName;
    TcpClientSession *m_session;
    SessionLog *m_log;
    // How long each step of the current attempt took, indexed by State; -1: not (yet) done.
    std::array<qint64, 5> m_stepMs {};
    TcpClientSession::State m_lastState = TcpClientSession::State::Closed;
    // A step that waits on the network (looking up, connecting, closing) counts up on the strip.
    QElapsedTimer m_stepClock;
    QTimer m_stepTicker;
};
