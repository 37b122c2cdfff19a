#include "net/udpreader.h"

#include <QNetworkDatagram>
#include <QTest>
#include <QUdpSocket>

#include <atomic>

class tst_UdpReader : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readsEveryDatagramInOrder();
    void dualStackPeersAreIPv4();
    void stopsReadingWhenTheBacklogIsFull();
    void whatWasReadOutlivesStop();
};

namespace {

const QHostAddress V4(QHostAddress::LocalHost);

// Datagram i of a test: its number, then filler up to a size that varies with i.
QByteArray numbered(int i)
{
    return QByteArray::number(i).leftJustified(1 + (i * 37) % 300, 'x');
}

// Takes batches until `count` datagrams came (or ten seconds passed), flattened in order.
struct Taken
{
    QList<QByteArray> payloads;
    QList<UdpReader::Datagram> datagrams;
    QList<QDateTime> times;
};

Taken takeAll(UdpReader &reader, int count)
{
    Taken taken;
    QDeadlineTimer deadline(10'000);
    while (taken.payloads.size() < count && !deadline.hasExpired()) {
        const std::optional<UdpReader::Batch> batch = reader.take();
        if (!batch) {
            QThread::yieldCurrentThread();
            continue;
        }
        for (const UdpReader::Datagram &datagram : batch->datagrams) {
            taken.payloads << batch->payload(datagram);
            taken.datagrams << datagram;
            taken.times << batch->time;
        }
    }
    return taken;
}

} // namespace

void tst_UdpReader::readsEveryDatagramInOrder()
{
    QUdpSocket owner;
    QVERIFY2(owner.bind(V4, 0), qPrintable(owner.errorString()));
    std::atomic<int> wakeUps = 0;
    UdpReader reader(owner.socketDescriptor(), [&wakeUps] { ++wakeUps; });

    QUdpSocket peer;
    QVERIFY2(peer.bind(V4, 0), qPrintable(peer.errorString()));
    const QDateTime before = QDateTime::currentDateTimeUtc();
    QList<QByteArray> sent;
    for (int i = 0; i < 500; ++i)
        sent << numbered(i);
    sent << QByteArray() << QByteArray("\0\x01\xff\r\n", 5) << QByteArray(65'507, 'L');
    // In groups the kernel's default buffer holds, each read before the next is sent.
    for (qsizetype i = 0; i < sent.size(); ++i) {
        QCOMPARE(peer.writeDatagram(sent.at(i), V4, owner.localPort()), qint64(sent.at(i).size()));
        if (i % 50 == 49 || i + 1 == sent.size())
            QTRY_COMPARE(reader.backlog(), i + 1);
    }

    const Taken taken = takeAll(reader, int(sent.size()));
    const QDateTime after = QDateTime::currentDateTimeUtc();
    QCOMPARE(taken.payloads, sent);
    QVERIFY(wakeUps >= 1);
    for (int i = 0; i < taken.datagrams.size(); ++i) {
        QCOMPARE(taken.datagrams.at(i).sender, V4);
        QCOMPARE(taken.datagrams.at(i).senderPort, peer.localPort());
        QCOMPARE(taken.times.at(i).timeSpec(), Qt::UTC);
        QVERIFY(taken.times.at(i) >= before && taken.times.at(i) <= after);
        if (i > 0)
            QVERIFY(taken.times.at(i) >= taken.times.at(i - 1));
    }
    QCOMPARE(reader.backlog(), 0);
}

void tst_UdpReader::dualStackPeersAreIPv4()
{
    QUdpSocket owner;
    QVERIFY2(owner.bind(QHostAddress::Any, 0), qPrintable(owner.errorString()));
    UdpReader reader(owner.socketDescriptor(), [] {});
    QUdpSocket peer;
    QVERIFY(peer.writeDatagram("hi", V4, owner.localPort()) == 2);
    const Taken taken = takeAll(reader, 1);
    QCOMPARE(taken.payloads, QList<QByteArray> { "hi" });
    QCOMPARE(taken.datagrams.constFirst().sender.toString(), QStringLiteral("127.0.0.1"));
}

// The backlog stays within its limit (give or take one batch) while the rest waits in the
// kernel's queue, and reading resumes once the owner has taken half: nothing is lost and the
// order holds.
void tst_UdpReader::stopsReadingWhenTheBacklogIsFull()
{
    QUdpSocket owner;
    QVERIFY2(owner.bind(V4, 0), qPrintable(owner.errorString()));
    QUdpSocket peer;
    // Few and small enough for the kernel's default buffer (some 200 KiB, and a small datagram
    // takes about 1 KiB of it), which holds them all before the reader starts.
    const int count = 4 * UdpReader::BatchSize;
    QList<QByteArray> sent;
    for (int i = 0; i < count; ++i) {
        sent << QByteArray::number(i);
        QCOMPARE(peer.writeDatagram(sent.constLast(), V4, owner.localPort()),
                 qint64(sent.constLast().size()));
    }

    const qsizetype limit = UdpReader::BatchSize;
    UdpReader reader(owner.socketDescriptor(), [] {}, limit);
    QTRY_VERIFY(reader.backlog() >= limit);
    QVERIFY2(reader.backlog() < limit + UdpReader::BatchSize,
             qPrintable(u"%1 datagrams wait"_qs.arg(reader.backlog())));
    QVERIFY2(owner.hasPendingDatagrams(), "the reader should have left the rest in the kernel");

    const Taken taken = takeAll(reader, count);
    QCOMPARE(taken.payloads, sent);
}

void tst_UdpReader::whatWasReadOutlivesStop()
{
    QUdpSocket owner;
    QVERIFY2(owner.bind(V4, 0), qPrintable(owner.errorString()));
    UdpReader reader(owner.socketDescriptor(), [] {});
    QUdpSocket peer;
    for (int i = 0; i < 3; ++i)
        QVERIFY(peer.writeDatagram(numbered(i), V4, owner.localPort()) >= 0);
    QTRY_COMPARE(reader.backlog(), 3);

    reader.stop();
    QVERIFY(!reader.isReading());
    const Taken taken = takeAll(reader, 3);
    QCOMPARE(taken.payloads, (QList<QByteArray> { numbered(0), numbered(1), numbered(2) }));
    QVERIFY(!reader.take());
}

QTEST_GUILESS_MAIN(tst_UdpReader)
#include "tst_udpreader.moc"
