#include "kernel/udpdropwatch.h"

#include "kernel/kernelprobe.h"

UdpDropWatch::UdpDropWatch(const KernelProbe &probe, int intervalMs, QObject *parent)
    : QObject(parent)
    , m_probe(probe)
{
    m_timer.setInterval(intervalMs);
    connect(&m_timer, &QTimer::timeout, this, &UdpDropWatch::look);
}

void UdpDropWatch::watch(qintptr descriptor)
{
    m_descriptor = descriptor;
    m_drops = 0;
    m_counter = m_probe.udp(descriptor).drops.value_or(0);
    if (m_probe.isAvailable())
        m_timer.start();
}

void UdpDropWatch::stop()
{
    if (m_descriptor < 0)
        return;
    look();
    m_timer.stop();
    m_descriptor = -1;
}

void UdpDropWatch::look()
{
    const std::optional<qint64> counter = m_probe.udp(m_descriptor).drops;
    if (!counter || *counter <= m_counter)
        return;
    const qint64 count = *counter - m_counter;
    m_counter = *counter;
    m_drops += count;
    Q_EMIT dropped(count, m_drops);
}
