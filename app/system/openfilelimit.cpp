#include "system/openfilelimit.h"

#if defined(Q_OS_UNIX)
#include <sys/resource.h>
#endif

namespace OpenFileLimit {

quint64 current()
{
#if defined(Q_OS_UNIX)
    rlimit limit {};
    if (getrlimit(RLIMIT_NOFILE, &limit) == 0)
        return quint64(limit.rlim_cur);
#endif
    return 0;
}

quint64 raise()
{
#if defined(Q_OS_UNIX)
    rlimit limit {};
    if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        setrlimit(RLIMIT_NOFILE, &limit); // on failure the old limit simply stays
    }
#endif
    return current();
}

} // namespace OpenFileLimit
