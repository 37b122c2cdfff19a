#pragma once

#include <QObject>
#include <QTimer>

class KernelProbe;

// Watches the kernel's drop counter of one UDP socket (KernelProbe::udp()) and says when it
// grew: datagrams that arrived while the socket's receive buffer was full, which no read of
// the program ever sees. Read on a timer, never for each datagram: a flood's reads must not
// get slower.
class UdpDropWatch final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UdpDropWatch)

public:
    static constexpr int IntervalMs = 1000;

    // Looks every `intervalMs`.
    explicit UdpDropWatch(const KernelProbe &probe, int intervalMs = IntervalMs,
                          QObject *parent = nullptr);

    // Starts watching `descriptor`, from its count now.
    void watch(qintptr descriptor);
    // Looks a last time (the socket is about to close), then stops.
    void stop();
    // Dropped since watch().
    qint64 drops() const { return m_drops; }

Q_SIGNALS:
    // `count` more were dropped since the last look; `total` since watch().
    void dropped(qint64 count, qint64 total);

private:
    void look();

    const KernelProbe &m_probe;
    QTimer m_timer;
    qintptr m_descriptor = -1;
    qint64 m_counter = 0; // the kernel's count at the last look
    qint64 m_drops = 0;
};
