#include "log/sequencelayout.h"

#include <QTest>

// The sequence diagram's geometry, without a painter: which lifelines there are and in what
// order, which way each arrow goes, what a TCP event stands for, where pauses break the
// diagram, and that finding the row under a point agrees with where rows are.
class tst_SequenceLayout : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void lifelinesInOrderOfFirstAppearance();
    void aPeerTakesItsNameFromALaterRow();
    void thisSocketTakesItsAddressWhenItGetsOne();
    void aReconnectStartsANewLifeline();
    void arrowsGoBetweenThisSocketAndThePeer();
    void tcpEventsAreTheirSegments_data();
    void tcpEventsAreTheirSegments();
    void pausesBecomeBreaks();
    void rowAtFindsEveryRowAndNothingElse();
    void evictedRowsLeaveTheTop();
    void relayedMessagesGoToEveryOtherPeer();
    void relayedMessagesReachOnlyTheClientsConnectedThen();

private:
    static LogEntry entry(Direction direction, quint16 localPort, quint16 peerPort, qint64 ms = 0,
                          const QString &peerName = {});
    static LogEntry event(TcpEvent event, quint16 localPort, quint16 peerPort, qint64 ms = 0);
};

namespace {

const QDateTime Start = QDateTime::fromMSecsSinceEpoch(1'800'000'000'000, Qt::UTC);

Endpoint loopback(quint16 port)
{
    return port ? Endpoint { QHostAddress(QHostAddress::LocalHost), port } : Endpoint {};
}

SequenceLayout::Metrics metrics()
{
    SequenceLayout::Metrics m;
    m.rowHeight = 30;
    m.segmentHeight = 20;
    m.breakHeight = 16;
    m.lifelineSpacing = 200;
    m.timeColumn = 100;
    return m;
}

} // namespace

LogEntry tst_SequenceLayout::entry(Direction direction, quint16 localPort, quint16 peerPort,
                                   qint64 ms, const QString &peerName)
{
    LogEntry e;
    e.time = Start.addMSecs(ms);
    e.transport = Transport::Tcp;
    e.direction = direction;
    e.local = loopback(localPort);
    e.peer = loopback(peerPort);
    e.peerName = peerName;
    if (e.isTraffic())
        e.payload = "hello";
    else
        e.message = QStringLiteral("an event");
    return e;
}

LogEntry tst_SequenceLayout::event(TcpEvent event, quint16 localPort, quint16 peerPort, qint64 ms)
{
    LogEntry e = entry(Direction::Info, localPort, peerPort, ms);
    e.count = qint32(event);
    return e;
}

void tst_SequenceLayout::lifelinesInOrderOfFirstAppearance()
{
    SequenceLayout layout;
    layout.setMetrics(metrics());
    layout.append(entry(Direction::Info, 9000, 0)); // listening: this socket alone
    layout.append(entry(Direction::Received, 9000, 41002, 1, QStringLiteral("user2")));
    layout.append(entry(Direction::Sent, 9000, 41001, 2, QStringLiteral("user1")));
    layout.append(entry(Direction::Received, 9000, 41002, 3, QStringLiteral("user2")));
    QCOMPARE(layout.lifelineCount(), 3);
    QVERIFY(layout.lifeline(0).local);
    QCOMPARE(layout.lifeline(0).endpoint.toString(), u"127.0.0.1:9000");
    QCOMPARE(layout.lifeline(1).endpoint.toString(), u"127.0.0.1:41002");
    QCOMPARE(layout.lifeline(1).name, u"user2");
    QVERIFY(!layout.lifeline(1).local);
    QCOMPARE(layout.lifeline(2).endpoint.toString(), u"127.0.0.1:41001");
    QCOMPARE(layout.lifeline(2).name, u"user1");
    // Left to right, one spacing apart, after the time column.
    QCOMPARE(layout.lifelineX(0), 100 + 100);
    QCOMPARE(layout.lifelineX(2) - layout.lifelineX(1), 200);
    QCOMPARE(layout.width(), 100 + 3 * 200);
}

// A socket call's row (conn, addr = s.accept()) names no client; the rows after it do, and the
// lifeline takes the name from the first of them.
void tst_SequenceLayout::aPeerTakesItsNameFromALaterRow()
{
    SequenceLayout layout;
    layout.setMetrics(metrics());
    layout.append(entry(Direction::Call, 9000, 41001));
    layout.append(entry(Direction::Received, 9000, 41001, 1, QStringLiteral("user1")));
    QCOMPARE(layout.lifelineCount(), 2);
    QCOMPARE(layout.lifeline(1).name, u"user1");
}

// A client's rows before it connected name no local address; they are this socket's all the
// same, which takes its address with the first row that has one.
void tst_SequenceLayout::thisSocketTakesItsAddressWhenItGetsOne()
{
    SequenceLayout layout;
    layout.append(entry(Direction::Info, 0, 0));
    QCOMPARE(layout.lifelineCount(), 1);
    QVERIFY(layout.lifeline(0).endpoint.isNull());
    layout.append(entry(Direction::Info, 41000, 9000));
    layout.append(entry(Direction::Sent, 41000, 9000, 5));
    layout.append(entry(Direction::Info, 0, 0, 6)); // closed: no address again
    QCOMPARE(layout.lifelineCount(), 2);
    QCOMPARE(layout.lifeline(0).endpoint.toString(), u"127.0.0.1:41000");
    QVERIFY(layout.lifeline(0).local);
    for (int row = 0; row < layout.rowCount(); ++row)
        QCOMPARE(layout.row(row).local, 0);
    // A new connection from another port is another lifeline of this end.
    layout.append(entry(Direction::Sent, 41001, 9000, 7));
    QCOMPARE(layout.lifelineCount(), 3);
    QVERIFY(layout.lifeline(2).local);
    QCOMPARE(layout.row(4).local, 2);
    QCOMPARE(layout.row(4).peer, 1);
}

// A client that closes and connects again is a new socket: the new attempt's rows from before
// it has an address (looking up, connecting) are on a new lifeline, "no address yet", which
// takes the new local port; the old socket's lifeline keeps its own.
void tst_SequenceLayout::aReconnectStartsANewLifeline()
{
    SequenceLayout layout;
    layout.append(entry(Direction::Info, 0, 0)); // connecting
    layout.append(event(TcpEvent::Connected, 41000, 9000, 1));
    layout.append(entry(Direction::Sent, 41000, 9000, 2));
    layout.append(event(TcpEvent::ClosedByUs, 41000, 9000, 3));
    QCOMPARE(layout.lifelineCount(), 2);
    layout.append(entry(Direction::Info, 0, 0, 4)); // connecting again
    QCOMPARE(layout.lifelineCount(), 3);
    QCOMPARE(layout.row(4).local, 2);
    QVERIFY(layout.lifeline(2).local);
    QVERIFY(layout.lifeline(2).endpoint.isNull());
    QCOMPARE(layout.lifeline(0).endpoint.toString(), u"127.0.0.1:41000");
    layout.append(entry(Direction::Call, 0, 0, 5)); // the same attempt
    layout.append(event(TcpEvent::Connected, 41001, 9000, 6));
    QCOMPARE(layout.lifelineCount(), 3);
    QCOMPARE(layout.row(5).local, 2);
    QCOMPARE(layout.row(6).local, 2);
    QCOMPARE(layout.row(6).peer, 1);
    QCOMPARE(layout.lifeline(2).endpoint.toString(), u"127.0.0.1:41001");
    // A server's socket lives on when one of its clients leaves.
    SequenceLayout server;
    server.append(event(TcpEvent::Accepted, 9000, 41000));
    server.append(event(TcpEvent::ClosedByPeer, 9000, 41000, 1));
    server.append(entry(Direction::Info, 0, 0, 2));
    QCOMPARE(server.lifelineCount(), 2);
    QCOMPARE(server.row(2).local, 0);
}

void tst_SequenceLayout::arrowsGoBetweenThisSocketAndThePeer()
{
    SequenceLayout layout;
    layout.setMetrics(metrics());
    layout.append(entry(Direction::Received, 9000, 5555));
    layout.append(entry(Direction::Sent, 9000, 5555, 10));
    layout.append(entry(Direction::Error, 9000, 5555, 20));
    layout.append(entry(Direction::Call, 9000, 5555, 30));
    QCOMPARE(layout.rowCount(), 4);
    for (int row = 0; row < 2; ++row) {
        QCOMPARE(layout.row(row).shape, SequenceLayout::Shape::Arrow);
        QCOMPARE(layout.row(row).local, 0);
        QCOMPARE(layout.row(row).peer, 1);
    }
    QCOMPARE(layout.arrowEnds(0), std::make_pair(1, 0)); // from the peer to this socket
    QCOMPARE(layout.arrowEnds(1), std::make_pair(0, 1));
    QCOMPARE(layout.row(2).shape, SequenceLayout::Shape::Error);
    QCOMPARE(layout.row(3).shape, SequenceLayout::Shape::Note);
    // Time goes down: each row starts where the one before it ends.
    for (int row = 1; row < layout.rowCount(); ++row)
        QCOMPARE(layout.rowTop(row), layout.rowTop(row - 1) + layout.row(row - 1).height);
    QCOMPARE(layout.height(), qint64(4 * 30));
}

void tst_SequenceLayout::tcpEventsAreTheirSegments_data()
{
    QTest::addColumn<TcpEvent>("event");
    QTest::addColumn<Direction>("direction");
    QTest::addColumn<QString>("segments"); // > this socket sent it, < the peer did

    QTest::newRow("connected") << TcpEvent::Connected << Direction::Info
                               << u">SYN <SYN-ACK >ACK"_qs;
    QTest::newRow("accepted") << TcpEvent::Accepted << Direction::Info << u"<SYN >SYN-ACK <ACK"_qs;
    QTest::newRow("closed by us") << TcpEvent::ClosedByUs << Direction::Info << u">FIN <ACK"_qs;
    QTest::newRow("closed by peer")
        << TcpEvent::ClosedByPeer << Direction::Info << u"<FIN >ACK >FIN <ACK"_qs;
    QTest::newRow("aborted by us") << TcpEvent::AbortedByUs << Direction::Error << u">RST"_qs;
    QTest::newRow("reset by peer") << TcpEvent::ResetByPeer << Direction::Error << u"<RST"_qs;
}

void tst_SequenceLayout::tcpEventsAreTheirSegments()
{
    QFETCH(TcpEvent, event);
    QFETCH(Direction, direction);
    QFETCH(QString, segments);
    QStringList written;
    for (const SequenceLayout::Segment &segment : SequenceLayout::segments(event))
        written << (segment.outgoing ? u'>' : u'<') + QString::fromLatin1(segment.name);
    QCOMPARE(written.join(u' '), segments);

    SequenceLayout layout;
    layout.setMetrics(metrics());
    LogEntry e = entry(direction, 9000, 5555);
    e.count = qint32(event);
    layout.append(e);
    QCOMPARE(layout.row(0).shape, SequenceLayout::Shape::Segments);
    QCOMPARE(layout.row(0).event, event);
    QCOMPARE(layout.row(0).height, int(written.size()) * 20 + 10);
    // Without a peer there is no one to draw them to: an event beside this socket.
    LogEntry alone = e;
    alone.peer = {};
    layout.append(alone);
    QVERIFY(layout.row(1).shape != SequenceLayout::Shape::Segments);
}

void tst_SequenceLayout::pausesBecomeBreaks()
{
    SequenceLayout layout;
    layout.setMetrics(metrics());
    layout.append(entry(Direction::Sent, 9000, 5555, 0));
    layout.append(entry(Direction::Received, 9000, 5555, SequenceLayout::GapMs)); // not longer
    layout.append(entry(Direction::Sent, 9000, 5555, SequenceLayout::GapMs + 4200));
    layout.append(entry(Direction::Received, 9000, 5555, 3'600'000)); // an hour: as tall
    QCOMPARE(layout.row(0).gapMs, qint64(0));
    QCOMPARE(layout.row(1).gapMs, qint64(0));
    QCOMPARE(layout.row(2).gapMs, qint64(4200));
    QCOMPARE(layout.row(3).gapMs, 3'600'000 - SequenceLayout::GapMs - 4200);
    QCOMPARE(layout.row(1).height, 30);
    QCOMPARE(layout.row(2).height, 30 + 16);
    QCOMPARE(layout.row(3).height, 30 + 16);
    QCOMPARE(layout.bodyTop(2), layout.rowTop(2) + 16);
    QCOMPARE(layout.bodyTop(1), layout.rowTop(1));
}

void tst_SequenceLayout::rowAtFindsEveryRowAndNothingElse()
{
    SequenceLayout layout;
    layout.setMetrics(metrics());
    QCOMPARE(layout.rowAt(0), -1);
    for (int i = 0; i < 50; ++i) {
        LogEntry e = entry(i % 3 ? Direction::Received : Direction::Info, 9000, 5555, i * 700);
        if (i % 7 == 0)
            e.count = qint32(TcpEvent::Connected);
        layout.append(e);
    }
    for (int row = 0; row < layout.rowCount(); ++row) {
        const qint64 top = layout.rowTop(row);
        QCOMPARE(layout.rowAt(top), row);
        QCOMPARE(layout.rowAt(top + layout.row(row).height - 1), row);
    }
    QCOMPARE(layout.rowAt(-1), -1);
    QCOMPARE(layout.rowAt(layout.height()), -1);
}

void tst_SequenceLayout::evictedRowsLeaveTheTop()
{
    SequenceLayout layout;
    layout.setMetrics(metrics());
    for (int i = 0; i < 10; ++i)
        layout.append(entry(Direction::Received, 9000, quint16(5000 + i % 2), i * 10));
    layout.removeFirst(4);
    QCOMPARE(layout.rowCount(), 6);
    QCOMPARE(layout.rowTop(0), qint64(0));
    QCOMPARE(layout.height(), qint64(6 * 30));
    QCOMPARE(layout.rowAt(0), 0);
    QCOMPARE(layout.rowAt(5 * 30), 5);
    layout.append(entry(Direction::Sent, 9000, 5000, 200));
    QCOMPARE(layout.rowTop(6), qint64(6 * 30));
    QCOMPARE(layout.row(6).peer, 1); // the lifelines stay where they were
    layout.removeFirst(100);
    QCOMPARE(layout.rowCount(), 0);
    QCOMPARE(layout.height(), qint64(0));
}

void tst_SequenceLayout::relayedMessagesGoToEveryOtherPeer()
{
    SequenceLayout layout;
    LogEntry relayed = entry(Direction::Sent, 9000, 41001, 0, QStringLiteral("user1"));
    relayed.autoReply = AutoReply::Relay;
    relayed.count = 2;
    layout.append(relayed);
    QCOMPARE(layout.row(0).shape, SequenceLayout::Shape::Broadcast);
    QCOMPARE(layout.row(0).peer, 1); // who it came from
    LogEntry announced = relayed;
    announced.peer = {};
    layout.append(announced);
    QCOMPARE(layout.row(1).shape, SequenceLayout::Shape::Broadcast);
    QCOMPARE(layout.row(1).peer, -1);
}

// A chat room relays a message to the clients connected at the time, not to those that left
// before it nor to those that came after.
void tst_SequenceLayout::relayedMessagesReachOnlyTheClientsConnectedThen()
{
    SequenceLayout layout;
    for (quint16 port : { 41001, 41002, 41003 })
        layout.append(event(TcpEvent::Accepted, 9000, port, port - 41000));
    layout.append(event(TcpEvent::ClosedByPeer, 9000, 41003, 4)); // lifeline 3 leaves
    LogEntry relayed = entry(Direction::Sent, 9000, 41001, 5, QStringLiteral("user1"));
    relayed.autoReply = AutoReply::Relay;
    relayed.count = 1;
    layout.append(relayed);
    QCOMPARE(layout.reached(4), QList<int>({ 2 })); // not its sender, not the one that left
    layout.append(event(TcpEvent::Accepted, 9000, 41004, 6)); // lifeline 4 comes
    relayed.peer = loopback(41002);
    relayed.count = 2;
    layout.append(relayed);
    QCOMPARE(layout.reached(6), QList<int>({ 1, 4 }));
    LogEntry announced = relayed;
    announced.peer = {};
    announced.count = 3;
    layout.append(announced);
    QCOMPARE(layout.reached(7), QList<int>({ 1, 2, 4 }));
    QCOMPARE(layout.reached(4), QList<int>({ 2 })); // as it was then
    QVERIFY(layout.reached(5).isEmpty()); // not a relayed message
    // Rows the cap evicts leave the others' recipients as they were.
    layout.removeFirst(5);
    QCOMPARE(layout.reached(1), QList<int>({ 1, 4 }));
    QCOMPARE(layout.reached(2), QList<int>({ 1, 2, 4 }));
    layout.append(relayed);
    QCOMPARE(layout.reached(3), QList<int>({ 1, 4 }));
}

QTEST_APPLESS_MAIN(tst_SequenceLayout)
#include "tst_sequencelayout.moc"
