#include "system/threadpriority.h"

#include <QtGlobal>

#ifdef Q_OS_LINUX
#include <sys/resource.h>
#include <unistd.h>

#include <cerrno>
#endif

void ThreadPriority::yieldToWindow()
{
#ifdef Q_OS_LINUX
    // On Linux the nice value belongs to a thread, and PRIO_PROCESS with a thread's id sets it
    // for that thread alone. Raising it needs no privilege; failing, the thread keeps its share.
    constexpr int Nicer = 5;
    const pid_t thread = gettid();
    errno = 0;
    const int current = getpriority(PRIO_PROCESS, id_t(thread));
    if (errno == 0)
        setpriority(PRIO_PROCESS, id_t(thread), current + Nicer);
#endif
}
