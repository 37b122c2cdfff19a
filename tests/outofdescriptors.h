#pragma once

#include <QDir>
#include <QtGlobal>

#include <cerrno>
#include <vector>

#include <fcntl.h>
#include <sys/resource.h>
#include <unistd.h>

// While it lives, this process has no file descriptor left: the open-file limit (ulimit -n) is
// lowered to a little above what is open, and the rest is taken by copies of /dev/null. The
// next socket() fails with EMFILE. The limit and the descriptors come back when it goes.
//
// Not in the sanitizer pass: UBSan's type checks read /proc/self/maps, which a process with no
// descriptor left cannot open, and they report every call as a bad type.
class OutOfDescriptors
{
    Q_DISABLE_COPY_MOVE(OutOfDescriptors)

public:
    OutOfDescriptors()
    {
        if (getrlimit(RLIMIT_NOFILE, &m_original) != 0)
            return;
        const qsizetype open
                = QDir(QStringLiteral("/proc/self/fd"))
                          .entryList(QDir::AllEntries | QDir::System | QDir::NoDotAndDotDot)
                          .size();
        rlimit limited = m_original;
        limited.rlim_cur = rlim_t(open + 8);
        m_limited
                = limited.rlim_cur < m_original.rlim_cur && setrlimit(RLIMIT_NOFILE, &limited) == 0;
        const int null = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
        if (null < 0)
            return;
        m_held.push_back(null);
        for (;;) {
            const int copy = ::fcntl(null, F_DUPFD_CLOEXEC, 0);
            if (copy < 0) {
                m_error = errno;
                break;
            }
            m_held.push_back(copy);
        }
    }

    ~OutOfDescriptors()
    {
        for (int descriptor : m_held)
            ::close(descriptor);
        if (m_limited)
            setrlimit(RLIMIT_NOFILE, &m_original);
    }

    // Whether the last try to open one more descriptor failed with EMFILE.
    bool isExhausted() const { return m_limited && m_error == EMFILE; }

private:
    rlimit m_original {};
    bool m_limited = false;
    int m_error = 0;
    std::vector<int> m_held;
};
