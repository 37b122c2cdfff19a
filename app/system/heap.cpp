#include "system/heap.h"

#include <QCoreApplication>
#include <QTimer>

#include <cstdlib> // defines __GLIBC__ when the C library is glibc
#include <limits>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

void Heap::configure()
{
#if defined(__GLIBC__)
    mallopt(M_MMAP_THRESHOLD, 2 << 20); // above a read of the socket, the largest block of a flood
    mallopt(M_TRIM_THRESHOLD, std::numeric_limits<int>::max());
#endif
}

void Heap::returnFreedMemory()
{
#if defined(__GLIBC__)
    malloc_trim(0);
#endif
}

void Heap::returnFreedMemoryWhenQuiet()
{
    // Made on first use; the application owns it.
    static QTimer *const timer = [] {
        auto *quiet = new QTimer(QCoreApplication::instance());
        quiet->setSingleShot(true);
        quiet->setInterval(QuietMilliseconds);
        QObject::connect(quiet, &QTimer::timeout, quiet, &Heap::returnFreedMemory);
        return quiet;
    }();
    timer->start();
}
