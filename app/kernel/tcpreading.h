#pragma once

#include <QtGlobal>

#include <optional>

// A TCP socket's state as the kernel names it, numbered as Linux numbers it (include/net/
// tcp_states.h), which is also the `st` column of /proc/net/tcp.
enum class TcpState {
    Unknown = 0,
    Established = 1,
    SynSent,
    SynReceived,
    FinWait1,
    FinWait2,
    TimeWait,
    Close,
    CloseWait,
    LastAck,
    Listen,
    Closing,
    NewSynReceived,
};

// What the kernel says about one TCP connection at one moment (KernelProbe::tcp()). Every
// value is optional: empty where this system does not give it (or the socket is gone), so that
// a view says "not available" instead of showing a 0 that is not true.
struct TcpReading
{
    TcpState state = TcpState::Unknown;
    std::optional<quint32> rttMicroseconds; // smoothed round-trip time
    std::optional<quint32> rttVarianceMicroseconds;
    std::optional<quint32> retransmissions; // segments sent again, over the connection's life
    std::optional<quint32> congestionWindow; // segments the sender may have unacknowledged
    std::optional<quint32> segmentSize; // MSS: bytes in one segment
    std::optional<qint64> unacknowledged; // bytes sent that the peer has not acknowledged
    std::optional<qint64> unsent; // bytes written by the program, not sent yet
    std::optional<qint64> unread; // bytes received that the program has not read yet
    std::optional<quint32> peerWindow; // bytes the peer last said it can take

    bool isValid() const { return state != TcpState::Unknown; }
};
