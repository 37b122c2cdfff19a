#include "kernel/udpdropwatch.h"
#include "net/udpsession.h"

#include "fakekernelprobe.h"

#include <QSignalSpy>
#include <QTest>
#include <QUdpSocket>

#include <sys/socket.h>

namespace {
constexpr int QuickMs = 50; // the watches here look more often than a session's

// Whether a watch started now, on the same interval, looks twice: by then a watch started
// before it would have looked too, had it gone on.
bool twoLooksLater()
{
    FakeKernelProbe probe;
    probe.udpReading.drops = 0;
    UdpDropWatch clock(probe, QuickMs);
    clock.watch(1);
    return QTest::qWaitFor([&probe] { return probe.reads >= 3; }, 10'000);
}
} // namespace

class tst_UdpDropWatch : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void saysWhenTheCounterGrows();
    void looksOnceMoreWhenItStops();
    void asksNothingWhereTheKernelSaysNothing();
    void aFloodIntoASmallBufferIsExplained();
};

void tst_UdpDropWatch::saysWhenTheCounterGrows()
{
    FakeKernelProbe probe;
    probe.udpReading.drops = 7; // before the watch began: not this session's to tell
    UdpDropWatch watch(probe, QuickMs);
    QSignalSpy dropped(&watch, &UdpDropWatch::dropped);
    watch.watch(42);
    QCOMPARE(probe.lastDescriptor, 42);
    probe.udpReading.drops = 7 + 1234;
    QVERIFY(dropped.wait(10'000));
    QCOMPARE(dropped.constFirst().at(0).toLongLong(), 1234);
    QCOMPARE(dropped.constFirst().at(1).toLongLong(), 1234);
    probe.udpReading.drops = 7 + 1234 + 6;
    QVERIFY(dropped.wait(10'000));
    QCOMPARE(dropped.at(1).at(0).toLongLong(), 6);
    QCOMPARE(dropped.at(1).at(1).toLongLong(), 1240);
    QCOMPARE(watch.drops(), 1240);
}

void tst_UdpDropWatch::looksOnceMoreWhenItStops()
{
    FakeKernelProbe probe;
    probe.udpReading.drops = 0;
    UdpDropWatch watch(probe, QuickMs);
    QSignalSpy dropped(&watch, &UdpDropWatch::dropped);
    watch.watch(3);
    probe.udpReading.drops = 5;
    watch.stop(); // sooner than the timer
    QCOMPARE(dropped.size(), 1);
    QCOMPARE(dropped.constFirst().at(0).toLongLong(), 5);
    const int reads = probe.reads;
    probe.udpReading.drops = 9;
    QVERIFY(twoLooksLater());
    QCOMPARE(probe.reads, reads);
    QCOMPARE(dropped.size(), 1);
}

void tst_UdpDropWatch::asksNothingWhereTheKernelSaysNothing()
{
    FakeKernelProbe probe;
    probe.available = false;
    UdpDropWatch watch(probe, QuickMs);
    QSignalSpy dropped(&watch, &UdpDropWatch::dropped);
    watch.watch(3);
    const int reads = probe.reads;
    QVERIFY(twoLooksLater());
    QCOMPARE(probe.reads, reads);
    QVERIFY(dropped.isEmpty());
}

// A session whose socket has the smallest receive buffer, flooded faster than its reader can
// keep up with: the kernel drops some, and the log says how many and what to try. Every
// datagram sent is either received or counted as dropped.
void tst_UdpDropWatch::aFloodIntoASmallBufferIsExplained()
{
#ifndef Q_OS_LINUX
    QSKIP("The kernel's drop counter is read on Linux only.");
#endif
    UdpSession session;
    qint64 received = 0;
    connect(&session, &Session::received, &session, [&received] { ++received; });
    QSignalSpy notices(&session, &Session::noticed);
    QVERIFY(session.bind(QHostAddress::LocalHost, 0));
    const quint16 port = session.localEndpoint().port;
    const int tiny = 1; // the kernel takes its minimum: a few datagrams
    QCOMPARE(
        ::setsockopt(int(session.socketDescriptor()), SOL_SOCKET, SO_RCVBUF, &tiny, sizeof tiny),
        0);
    notices.clear();

    QUdpSocket sender;
    const QByteArray datagram(200, 'f');
    qint64 sent = 0;
    // Rounds of a flood until some are dropped (the first round nearly always does it).
    for (int round = 0; round < 50 && session.kernelDrops() == 0; ++round) {
        for (int i = 0; i < 5000; ++i) {
            if (sender.writeDatagram(datagram, QHostAddress::LocalHost, port) == datagram.size())
                ++sent;
        }
        if (QTest::qWaitFor([&session] { return session.kernelDrops() > 0; },
                            2 * UdpDropWatch::IntervalMs)) {
            break;
        }
    }
    QVERIFY(session.kernelDrops() > 0);
    QTRY_COMPARE_WITH_TIMEOUT(received + session.kernelDrops(), sent, 20'000);

    QStringList told;
    for (const QList<QVariant> &notice : notices) {
        const QString message = notice.constFirst().toString();
        if (message.startsWith(u"The kernel dropped"))
            told << message;
    }
    QVERIFY(!told.isEmpty());
    const QString where = u"arriving at 127.0.0.1:" + QString::number(port);
    QVERIFY2(told.constFirst().contains(where), qPrintable(told.constFirst()));
    QVERIFY(told.constFirst().contains(u"receive buffer"));
    QVERIFY(told.constFirst().contains(u"SO_RCVBUF"));
}

QTEST_GUILESS_MAIN(tst_UdpDropWatch)
#include "tst_udpdropwatch.moc"
