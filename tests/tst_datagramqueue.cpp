#include "net/datagramqueue.h"

#include <QSignalSpy>
#include <QTest>
#include <QUdpSocket>

using namespace Qt::StringLiterals;

// What waits in the queue when the socket cannot be bound.
class tst_DatagramQueue : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void aBindThatFailsIsTriedOnce();
};

// Datagrams to a name wait for its look-up; when the socket then cannot be bound (out of
// descriptors, say), the bind is tried once and said once, and what waited behind it is
// dropped with one row, not one failed bind and one row per datagram.
void tst_DatagramQueue::aBindThatFailsIsTriedOnce()
{
    QUdpSocket socket;
    int binds = 0;
    DatagramQueue queue(socket, [&binds] {
        ++binds;
        return false; // the binder said why
    });
    QSignalSpy failed(&queue, &DatagramQueue::failed);
    QSignalSpy sent(&queue, &DatagramQueue::sent);
    for (int i = 0; i < 5; ++i)
        QVERIFY(queue.send(QByteArray::number(i), u"localhost"_s, 9));
    QTRY_VERIFY_WITH_TIMEOUT(binds > 0, 30000); // looked up, and the first one tried
    QCOMPARE(binds, 1);
    QCOMPARE(failed.size(), 1);
    const QString message = failed.constFirst().at(1).toString();
    QVERIFY2(message.contains(u"4"_s), qPrintable(message));
    QVERIFY(sent.isEmpty());
}

QTEST_GUILESS_MAIN(tst_DatagramQueue)
#include "tst_datagramqueue.moc"
