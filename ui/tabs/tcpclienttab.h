#pragma once

#include "net/session.h"
#include "tabs/sessiontab.h"

#include <QElapsedTimer>
#include <QMap>
#include <QTimer>

#include <memory>

class TcpClientSession;

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
    explicit TcpClientTab(const Context &context, QWidget *parent = nullptr);
    ~TcpClientTab() override;

    // --tcp-client HOST:PORT: fill the fields and connect.
    bool applyLaunchOptions(const LaunchOptions &options) override;

    TcpClientSession *session() const { return m_session; }

protected:
    bool send(const QByteArray &payload) override;
    QString stateText() const override;
    QString titleDetail() const override;
    void saveControls(Settings::Group &settings) override;

private:
    using State = Session::State;

    TcpClientTab(const Context &context, TcpClientSession *session, QWidget *parent);
    void loadControls();
    void toggleConnection();
    void connectToServer();
    void stateChanged(State state, qint64 previousStateMs);
    void showWriteProgress(qint64 written, qint64 inFlight);
    void updateControls();
    void updateLifeStrip();

    std::unique_ptr<Ui::TcpClientTab> m_ui;
    TcpClientSession *m_session;
    // How long each step of the current attempt took; a step not (yet) done is missing.
    QMap<State, qint64> m_stepMs;
    State m_lastState = State::Closed;
    // A step that waits on the network (looking up, connecting, closing) counts up on the strip.
    QElapsedTimer m_stepClock;
    QTimer m_stepTicker;
};
