#include "system/openfilelimit.h"

#include <QTest>

#include <sys/resource.h>

class tst_OpenFileLimit : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void raisesTheSoftLimitToTheHardOne();
};

// Started with a desktop's usual soft limit, the program ends up with all it is allowed.
void tst_OpenFileLimit::raisesTheSoftLimitToTheHardOne()
{
    rlimit limit {};
    QCOMPARE(getrlimit(RLIMIT_NOFILE, &limit), 0);
    if (limit.rlim_max <= 256)
        QSKIP("the hard limit leaves no room to lower the soft one and raise it again");
    const rlim_t hard = limit.rlim_max;
    limit.rlim_cur = 256;
    QCOMPARE(setrlimit(RLIMIT_NOFILE, &limit), 0);
    QCOMPARE(OpenFileLimit::current(), quint64(256));

    QCOMPARE(OpenFileLimit::raise(), quint64(hard));
    QCOMPARE(getrlimit(RLIMIT_NOFILE, &limit), 0);
    QCOMPARE(quint64(limit.rlim_cur), quint64(hard));
    QCOMPARE(OpenFileLimit::raise(), quint64(hard)); // once there, it stays
}

QTEST_APPLESS_MAIN(tst_OpenFileLimit)
#include "tst_openfilelimit.moc"
