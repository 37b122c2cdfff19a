#pragma once

#include "config/commandline.h"
#include "net/udpsession.h"
#include "tabs/kindtab.h"
#include "widgets/portinuse.h"

#include <QMargins>
#include <QNetworkInterface>

namespace Ui {
class UdpTab;
}

// The UDP tab: bind a socket, send to a host, reply, broadcast, join multicast groups, and
// watch every datagram in the log.
class UdpTab final : public KindTab<UdpSession, Ui::UdpTab>
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UdpTab)

public:
    explicit UdpTab(const Context &context, QWidget *parent = nullptr);
    ~UdpTab() override;

    // What a user does in the form: choose where to send, what to answer, and bind (true
    // when the socket is bound).
    void setDestination(const HostPort &destination);
    void setAutoReply(AutoReply mode);
    // Faults on purpose (FaultControls): none at every start.
    void setFaults(const FaultSpec &spec);
    bool bindTo(const HostPort &local);

protected:
    bool send(const QByteArray &payload) override;
    bool sendFile(const QString &path) override;
    QString stateText() const override;
    void adoptLesson(const Lesson &lesson, quint16 port) override;
    void saveControls(Settings::Group &settings) override;
    void offerFreePorts() override;
    QString emptyLogHint() const override;
    void describe(SessionSetup &setup) const override;
    KernelPanel::Target kernelTarget() const override;

private:
    void fillChoices();
    void loadControls();
    void toggleStart();
    void start();
    void replyToLastSender();
    void joinGroup();
    void leaveGroup();
    void showMulticast(bool shown);
    void updateState();
    QNetworkInterface selectedInterface() const;
    QString destinationHost();

    PortInUse m_localPort;
    QMargins m_multicastMargins; // the box's, while its fields show
};
