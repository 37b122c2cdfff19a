#pragma once

#include <QtGlobal>

#include <optional>

// What the kernel says about one UDP socket at one moment (KernelProbe::udp()); a value is
// empty where this system does not give it.
struct UdpReading
{
    // Memory the datagrams waiting to be read take in the receive buffer: their bytes and the
    // kernel's bookkeeping for each (rx_queue in /proc/net/udp).
    std::optional<qint64> receiveQueue;
    std::optional<qint64> receiveBuffer; // SO_RCVBUF: what receiveQueue may grow to
    // Datagrams the kernel dropped for this socket since it was made, mostly because its
    // receive buffer was full.
    std::optional<qint64> drops;

    bool isValid() const { return receiveQueue.has_value() || drops.has_value(); }
};
