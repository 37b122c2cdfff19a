#include "system/heap.h"

#include <QFile>
#include <QTest>

#include <cstdlib> // defines __GLIBC__ when the C library is glibc
#include <cstring>
#include <vector>

#include <unistd.h>

class tst_Heap : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void freedMemoryGoesBackWhenQuiet();
};

namespace {

qint64 residentBytes()
{
    QFile statm(QStringLiteral("/proc/self/statm"));
    if (!statm.open(QIODevice::ReadOnly))
        return -1;
    return statm.readAll().split(' ').value(1).toLongLong() * sysconf(_SC_PAGESIZE);
}

} // namespace

// What a flood leaves behind: many small blocks freed between some still in use. The holes are
// whole pages the heap keeps mapped until it is asked to give them back.
void tst_Heap::freedMemoryGoesBackWhenQuiet()
{
#if !defined(__GLIBC__) || defined(SOCKSCOPE_SANITIZED)
    QSKIP("Only glibc's own heap hands freed pages back (AddressSanitizer replaces it).");
#endif
    constexpr std::size_t Count = 200'000;
    constexpr std::size_t Size = 256;
    std::vector<char *> blocks(Count);
    for (char *&block : blocks) {
        block = static_cast<char *>(std::malloc(Size));
        std::memset(block, 1, Size);
    }
    for (std::size_t i = 0; i < Count; ++i) {
        if (i % 64 != 0) {
            std::free(blocks[i]);
            blocks[i] = nullptr;
        }
    }
    const qint64 before = residentBytes();
    QVERIFY(before > 0);

    Heap::returnFreedMemoryWhenQuiet();
    constexpr qint64 MiB = 1 << 20;
    QTRY_VERIFY2_WITH_TIMEOUT(residentBytes() < before - 20 * MiB,
                              qPrintable(u"RSS %1 MiB, was %2 MiB"_qs.arg(residentBytes() / MiB)
                                                 .arg(before / MiB)),
                              10 * Heap::QuietMilliseconds);
    for (char *block : blocks)
        std::free(block);
}

QTEST_GUILESS_MAIN(tst_Heap)
#include "tst_heap.moc"
