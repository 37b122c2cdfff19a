#pragma once

#include "kernel/procnet.h"
#include "kernel/tcpreading.h"
#include "kernel/udpreading.h"
#include "net/endpoint.h"
#include "net/transport.h"

#include <QTimer>
#include <QWidget>

#include <functional>
#include <memory>
#include <optional>

class KernelProbe;
class QLabel;
namespace Ui {
class KernelPanel;
}

// The kernel's view of a tab's socket: for TCP, the connection's state, round-trip time,
// retransmissions, congestion window, queues and the peer's window, and after the program closed
// it, what is left of it in the kernel (TIME_WAIT); for UDP, the receive queue, its buffer, and
// the datagrams the kernel dropped. Each value has a tooltip that says what it means.
//
// It asks its source what to follow each time it reads (the client's connection, the server's
// selected client, the UDP socket), every IntervalMs while it is visible and never while it is
// hidden: a hidden panel costs nothing.
class KernelPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(KernelPanel)

public:
    static constexpr int IntervalMs = 250;

    // What to read: an open socket's descriptor, or -1, with the endpoints it has (a TCP
    // connection's are looked for in the kernel's tables once its descriptor is gone), and what
    // to say while there is nothing to read.
    struct Target
    {
        Transport transport = Transport::Tcp;
        qintptr descriptor = -1;
        Endpoint local;
        Endpoint peer;
        QString idleText;
    };

    explicit KernelPanel(QWidget *parent = nullptr);
    ~KernelPanel() override;

    // KernelProbe::system() until told otherwise; `probe` must outlive the panel.
    void setProbe(const KernelProbe *probe);
    void setSource(std::function<Target()> source);
    // Reads now (the timer calls it).
    void refresh();

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    void showTcp(const TcpReading &reading);
    void showAfterClose(const Target &connection, const std::optional<ProcNet::Row> &row);
    void showUdp(const Target &socket, const UdpReading &reading);
    void showMessage(const QString &text);
    void clearTcp();
    static QString stateName(TcpState state);
    static QString stateMeaning(TcpState state, qint64 timerMs);
    static QString bytes(std::optional<qint64> bytes);
    static QString roundTrip(const TcpReading &reading);
    static QString segments(std::optional<quint32> count, std::optional<quint32> size);

    std::unique_ptr<Ui::KernelPanel> m_ui;
    const KernelProbe *m_probe;
    std::function<Target()> m_source;
    QTimer m_timer;
    // The TCP connection read last, for its life after its program closes it.
    std::optional<Target> m_lastConnection;
    // Whether the kernel has forgotten m_lastConnection (TIME_WAIT is over): no more to read.
    bool m_lastConnectionGone = false;
};
