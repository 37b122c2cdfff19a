#pragma once

#include "config/commandline.h"
#include "net/tcpclientsession.h"
#include "tabs/kindtab.h"
#include "widgets/portinuse.h"

#include <QElapsedTimer>
#include <QMap>
#include <QTimer>

namespace Ui {
class TcpClientTab;
}

// The TCP Client tab: connect to a server, watch each step of the connection's life, send with
// write progress, and see every chunk as it arrived, with messages found by a framing.
class TcpClientTab final : public KindTab<TcpClientSession, Ui::TcpClientTab>
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TcpClientTab)

public:
    explicit TcpClientTab(const Context &context, QWidget *parent = nullptr);
    ~TcpClientTab() override;

    // Fills the fields and connects, as a user does; true when it is connecting or connected.
    bool connectTo(const HostPort &server);

protected:
    bool send(const QByteArray &payload) override;
    bool sendFile(const QString &path) override;
    QString stateText() const override;
    QString titleDetail() const override;
    void adoptLesson(const Lesson &lesson, quint16 port) override;
    void saveControls(Settings::Group &settings) override;
    void offerFreePorts() override;
    QString emptyLogHint() const override;
    void describe(SessionSetup &setup) const override;
    KernelPanel::Target kernelTarget() const override;

private:
    using State = Session::State;

    void loadControls();
    void reserveRoom();
    void toggleConnection();
    void connectToServer();
    void stateChanged(State state, qint64 previousStateMs);
    void showWriteProgress(qint64 written, qint64 inFlight);
    void updateControls();
    void updateLifeStrip();

    // How long each step of the current attempt took; a step not (yet) done is missing.
    QMap<State, qint64> m_stepMs;
    State m_lastState = State::Closed;
    // A step that waits on the network (looking up, connecting, closing) counts up on the strip.
    QElapsedTimer m_stepClock;
    QTimer m_stepTicker;

    PortInUse m_localPort;
};
