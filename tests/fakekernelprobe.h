#pragma once

// A KernelProbe whose readings the test sets, which counts how often it is asked: for the views
// and watches that poll the kernel, so that what they show and when they ask can be checked
// without a kernel that does it on cue.

#include "kernel/kernelprobe.h"

#include <QHash>

class FakeKernelProbe final : public KernelProbe
{
public:
    bool available = true;
    TcpReading tcpReading;
    UdpReading udpReading;
    std::optional<ProcNet::Row> connectionRow;
    mutable int reads = 0; // calls of tcp(), udp() and connection()
    mutable qintptr lastDescriptor = -1;

    bool isAvailable() const override { return available; }
    TcpReading tcp(qintptr descriptor) const override
    {
        ++reads;
        lastDescriptor = descriptor;
        return available && descriptor >= 0 ? tcpReading : TcpReading {};
    }
    UdpReading udp(qintptr descriptor) const override
    {
        ++reads;
        lastDescriptor = descriptor;
        return available && descriptor >= 0 ? udpReading : UdpReading {};
    }
    std::optional<ProcNet::Row> connection(const Endpoint &, const Endpoint &) const override
    {
        ++reads;
        return available ? connectionRow : std::nullopt;
    }
};
