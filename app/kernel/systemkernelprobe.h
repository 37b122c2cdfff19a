#pragma once

#include "kernel/kernelprobe.h"

// The kernel's view as this system gives it. On Linux: getsockopt(TCP_INFO), the ioctls
// SIOCINQ, SIOCOUTQ and SIOCOUTQNSD, SO_RCVBUF, and the tables in /proc/net (ProcNet). A value
// the running kernel or the headers this was built with do not have stays empty (the peer's
// window, tcpi_snd_wnd, came with Linux 5.4). Elsewhere isAvailable() is false and every
// reading is empty.
class SystemKernelProbe final : public KernelProbe
{
public:
    SystemKernelProbe() = default;

    bool isAvailable() const override;
    TcpReading tcp(qintptr descriptor) const override;
    UdpReading udp(qintptr descriptor) const override;
    std::optional<ProcNet::Row> connection(const Endpoint &local,
                                           const Endpoint &peer) const override;
};
