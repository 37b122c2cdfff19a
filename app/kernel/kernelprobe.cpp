#include "kernel/kernelprobe.h"

#include "kernel/systemkernelprobe.h"

KernelProbe::~KernelProbe() = default;

const KernelProbe &KernelProbe::system()
{
    static const SystemKernelProbe probe;
    return probe;
}
