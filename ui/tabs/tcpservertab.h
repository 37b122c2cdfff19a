#pragma once

#include "config/commandline.h"
#include "net/tcpserversession.h"
#include "tabs/kindtab.h"
#include "widgets/portinuse.h"

class ClientListModel;
class EmptyHint;

namespace Ui {
class TcpServerTab;
}

// The TCP Server tab: listen, see every client in a list, send to some or all of them,
// disconnect them, and answer by itself: echo, timestamp, or relay as a chat room.
class TcpServerTab final : public KindTab<TcpServerSession, Ui::TcpServerTab>
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TcpServerTab)

public:
    explicit TcpServerTab(const Context &context, QWidget *parent = nullptr);
    ~TcpServerTab() override;

    // What a user does in the form: choose what to answer, and listen (true when listening).
    void setAutoReply(AutoReply mode);
    // Faults on purpose for the auto-reply (FaultControls; no duplicate or reorder on a
    // stream): none at every start.
    void setFaults(const FaultSpec &spec);
    bool listenOn(const HostPort &local);

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
    // The width that shows every column.
    int setUpClientTable();
    void fillChoices();
    void loadControls();
    void connectControls();
    void toggleListening();
    void listen();
    QList<int> selectedClientIds() const;
    QList<int> allClientIds() const;
    void selectionChanged();
    void applyAnswerOptions();
    void updateState();
    void updateClientButtons();
    bool selectedArePaused() const;
    int pausedClients() const;
    void updateHints();
    QString clientCommand() const;

    ClientListModel *m_clients;

    PortInUse m_port;
    EmptyHint *m_clientsHint;
};
