#pragma once

#include "kernel/procnet.h"
#include "kernel/tcpreading.h"
#include "kernel/udpreading.h"
#include "net/endpoint.h"

#include <QtGlobal>

#include <optional>

// What the kernel knows about a socket that the program using it does not see: a TCP
// connection's state, round-trip time, windows and queues; a UDP socket's queue and drops; and
// a connection's life after its program closed it (TIME_WAIT). Read by descriptor while the
// socket is open, and by its endpoints from the kernel's tables once it is not (ProcNet).
//
// One small interface so that views and sessions can be tested with a fake; system() is the
// real one (SystemKernelProbe): Linux's, or one that says it is not available elsewhere.
// Each call reads anew: a few system calls, or one table in /proc for udp() and connection().
class KernelProbe
{
    Q_DISABLE_COPY_MOVE(KernelProbe)

public:
    virtual ~KernelProbe();

    // Whether this system gives the kernel's view at all.
    virtual bool isAvailable() const = 0;
    // An open TCP socket; !isValid() when it is not one (or is gone).
    virtual TcpReading tcp(qintptr descriptor) const = 0;
    virtual UdpReading udp(qintptr descriptor) const = 0;
    // The kernel's row for the TCP connection between `local` and `peer`, such as one in
    // TIME_WAIT after its program closed it; empty once the kernel has forgotten it.
    virtual std::optional<ProcNet::Row> connection(const Endpoint &local,
                                                   const Endpoint &peer) const = 0;

    // This system's probe, for as long as the program runs.
    static const KernelProbe &system();

protected:
    KernelProbe() = default;
};
