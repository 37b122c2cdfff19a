#include "kernel/procnet.h"

#include <QTest>

// Lines as Linux 6.18 writes them, on this (little-endian) machine: listening, connected, in
// TIME_WAIT, UDP with its drop counter, IPv4 and IPv6, and an IPv4 peer of a dual-stack socket.
class tst_ProcNet : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readsALine_data();
    void readsALine();
    void leavesOutWhatIsNotARow_data();
    void leavesOutWhatIsNotARow();
    void readsAWholeTable();
    void findsAConnectionByItsEndpoints();
    void findsAConnectionInATable();
    void findsASocketByItsInode();
};

namespace {

Endpoint at(const char *address, quint16 port)
{
    return Endpoint { QHostAddress(QString::fromLatin1(address)), port };
}

const char TcpHeader[] = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when "
                         "retrnsmt   uid  timeout inode                                       ";
const char TimeWait[] = "   1: 0100007F:AA1C 0100007F:96F9 06 00000000:00000000 03:00001765 "
                        "00000000     0        0 0 3 0000000022a28987                        ";
const char Listening6[]
    = "   0: 00000000000000000000000000000000:96F9 00000000000000000000000000000000:0000 0A "
      "00000000:00000000 00:00000000 00000000     0        0 37199 1 000000005628e0cc 100 0 0 "
      "10 0";
const char Established6[]
    = "   1: 00000000000000000000000001000000:D0D2 00000000000000000000000001000000:96F9 01 "
      "0001A2B0:00000400 01:00000014 00000000     0        0 37202 2 00000000dcf6d06b 20 0 0 "
      "10 -1";
const char Mapped[]
    = "   3: 0000000000000000FFFF00000100007F:96F9 0000000000000000FFFF00000100007F:AA1C 08 "
      "00000000:00000000 00:00000000 00000000  1000        0 40001 1 0000000029f7822f 20 4 30 "
      "10 -1";
const char Udp[] = " 5725: 0100007F:BA6C 00000000:0000 07 00000000:0003F000 00:00000000 00000000"
                   "     0        0 37204 2 000000001edf5749 1234         ";
const char Udp6[] = "12471: 00000000000000000000000001000000:D4C6 "
                    "00000000000000000000000000000000:0000 07 00000000:00000000 00:00000000 "
                    "00000000     0        0 37205 2 000000009f7592ea 0";

} // namespace

void tst_ProcNet::readsALine_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<Endpoint>("local");
    QTest::addColumn<Endpoint>("remote");
    QTest::addColumn<TcpState>("state");
    QTest::addColumn<qint64>("sendQueue");
    QTest::addColumn<qint64>("receiveQueue");
    QTest::addColumn<int>("timer");
    QTest::addColumn<qint64>("timerMs");
    QTest::addColumn<quint64>("inode");
    QTest::addColumn<qint64>("drops"); // -1: none

    QTest::newRow("IPv4 TIME_WAIT, 59.89 s left")
        << QByteArray(TimeWait) << at("127.0.0.1", 0xAA1C) << at("127.0.0.1", 0x96F9)
        << TcpState::TimeWait << qint64(0) << qint64(0) << 3 << qint64(59'890) << quint64(0)
        << qint64(-1);
    QTest::newRow("IPv6 listening on every address")
        << QByteArray(Listening6) << at("::", 0x96F9) << at("::", 0) << TcpState::Listen
        << qint64(0) << qint64(0) << 0 << qint64(0) << quint64(37199) << qint64(-1);
    QTest::newRow("IPv6 established, queues full, retransmission timer")
        << QByteArray(Established6) << at("::1", 0xD0D2) << at("::1", 0x96F9)
        << TcpState::Established << qint64(0x1A2B0) << qint64(0x400) << 1 << qint64(200)
        << quint64(37202) << qint64(-1);
    QTest::newRow("dual-stack socket, IPv4 peer, CLOSE_WAIT")
        << QByteArray(Mapped) << at("::ffff:127.0.0.1", 0x96F9) << at("::ffff:127.0.0.1", 0xAA1C)
        << TcpState::CloseWait << qint64(0) << qint64(0) << 0 << qint64(0) << quint64(40001)
        << qint64(-1);
    QTest::newRow("UDP with a queue and drops")
        << QByteArray(Udp) << at("127.0.0.1", 0xBA6C) << at("0.0.0.0", 0) << TcpState::Close
        << qint64(0) << qint64(0x3F000) << 0 << qint64(0) << quint64(37204) << qint64(1234);
    QTest::newRow("UDP over IPv6, no drops")
        << QByteArray(Udp6) << at("::1", 0xD4C6) << at("::", 0) << TcpState::Close << qint64(0)
        << qint64(0) << 0 << qint64(0) << quint64(37205) << qint64(0);
}

void tst_ProcNet::readsALine()
{
    QFETCH(QByteArray, line);
    const std::optional<ProcNet::Row> row = ProcNet::parseLine(line);
    QVERIFY(row);
    QTEST(row->local, "local");
    QTEST(row->remote, "remote");
    QTEST(row->state, "state");
    QTEST(row->sendQueue, "sendQueue");
    QTEST(row->receiveQueue, "receiveQueue");
    QTEST(row->timer, "timer");
    QTEST(row->timerMs, "timerMs");
    QTEST(row->inode, "inode");
    QFETCH(qint64, drops);
    QCOMPARE(row->drops.value_or(-1), drops);
}

void tst_ProcNet::leavesOutWhatIsNotARow_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("the header") << QByteArray(TcpHeader);
    QTest::newRow("cut short") << QByteArray(TimeWait).left(40);
    QTest::newRow("an address of 7 digits")
        << QByteArray(TimeWait).replace("0100007F:AA1C", "100007F:AA1C");
    QTest::newRow("a port past 65535")
        << QByteArray(TimeWait).replace("0100007F:AA1C", "0100007F:1AA1C");
    QTest::newRow("not hexadecimal")
        << QByteArray(TimeWait).replace("0100007F:AA1C", "0100007G:AA1C");
    QTest::newRow("an unknown state") << QByteArray(TimeWait).replace(" 06 ", " 0D ");
    QTest::newRow("a number too large")
        << QByteArray(TimeWait).replace("03:00001765", "03:FFFFFFFFFFFFFFFFFFFFF");
    QTest::newRow("NUL bytes") << QByteArray(TimeWait).replace(' ', '\0');
}

void tst_ProcNet::leavesOutWhatIsNotARow()
{
    QFETCH(QByteArray, line);
    QVERIFY(!ProcNet::parseLine(line));
}

void tst_ProcNet::readsAWholeTable()
{
    const QByteArray table = QByteArray(TcpHeader) + '\n' + Listening6 + '\n' + Established6
        + "\n\n" + TimeWait + '\n' + Mapped; // no newline at the end
    const QList<ProcNet::Row> rows = ProcNet::parse(table);
    QCOMPARE(rows.size(), 4);
    QCOMPARE(rows[0].state, TcpState::Listen);
    QCOMPARE(rows[1].state, TcpState::Established);
    QCOMPARE(rows[2].state, TcpState::TimeWait);
    QCOMPARE(rows[3].state, TcpState::CloseWait);
    // Another clock: tm->when is in ticks of USER_HZ.
    QCOMPARE(ProcNet::parse(QByteArray(TimeWait), 1000).constFirst().timerMs, 5'989);
}

void tst_ProcNet::findsAConnectionByItsEndpoints()
{
    const QByteArray table
        = QByteArray(Listening6) + '\n' + Established6 + '\n' + TimeWait + '\n' + Mapped;
    const QList<ProcNet::Row> rows = ProcNet::parse(table);
    const auto found
        = ProcNet::findConnection(rows, at("127.0.0.1", 0xAA1C), at("127.0.0.1", 0x96F9));
    QVERIFY(found);
    QCOMPARE(found->state, TcpState::TimeWait);
    // The dual-stack socket's row, asked for with the plain IPv4 addresses Qt reports.
    const auto mapped
        = ProcNet::findConnection(rows, at("127.0.0.1", 0x96F9), at("127.0.0.1", 0xAA1C));
    QVERIFY(mapped);
    QCOMPARE(mapped->state, TcpState::CloseWait);
    QVERIFY(!ProcNet::findConnection(rows, at("127.0.0.1", 0xAA1C), at("127.0.0.1", 0x96FA)));
    QVERIFY(!ProcNet::findConnection(rows, at("127.0.0.2", 0xAA1C), at("127.0.0.1", 0x96F9)));
    QVERIFY(!ProcNet::findConnection(rows, at("::1", 0xAA1C), at("::1", 0x96F9)));
}

// The same answers from the table's text, where only lines with both ports are parsed.
void tst_ProcNet::findsAConnectionInATable()
{
    const QByteArray table = QByteArray(TcpHeader) + '\n' + Listening6 + '\n' + Established6
        + "\n\n" + TimeWait + '\n' + Mapped;
    const auto found
        = ProcNet::findConnection(table, at("127.0.0.1", 0xAA1C), at("127.0.0.1", 0x96F9), 1000);
    QVERIFY(found);
    QCOMPARE(found->state, TcpState::TimeWait);
    QCOMPARE(found->timerMs, 5'989);
    const auto mapped
        = ProcNet::findConnection(table, at("127.0.0.1", 0x96F9), at("127.0.0.1", 0xAA1C));
    QVERIFY(mapped);
    QCOMPARE(mapped->state, TcpState::CloseWait);
    const auto ipv6 = ProcNet::findConnection(table, at("::1", 0xD0D2), at("::1", 0x96F9));
    QVERIFY(ipv6);
    QCOMPARE(ipv6->sendQueue, 0x1A2B0);
    QVERIFY(!ProcNet::findConnection(table, at("127.0.0.1", 0xAA1C), at("127.0.0.1", 0x96FA)));
    // Both ports match, the address does not.
    QVERIFY(!ProcNet::findConnection(table, at("127.0.0.2", 0xAA1C), at("127.0.0.1", 0x96F9)));
    QVERIFY(
        !ProcNet::findConnection(QByteArray(), at("127.0.0.1", 0xAA1C), at("127.0.0.1", 0x96F9)));
    QVERIFY(!ProcNet::findConnection("   1: 0100007F:AA1C 0100007F:96F9 06",
                                     at("127.0.0.1", 0xAA1C), at("127.0.0.1", 0x96F9)));
}

void tst_ProcNet::findsASocketByItsInode()
{
    const QByteArray table = QByteArray(Udp) + '\n' + Udp6;
    const QList<ProcNet::Row> rows = ProcNet::parse(table);
    QCOMPARE(ProcNet::findInode(rows, 37205)->local, at("::1", 0xD4C6));
    QCOMPARE(ProcNet::findInode(rows, 37204)->drops, 1234);
    QVERIFY(!ProcNet::findInode(rows, 1));
}

QTEST_APPLESS_MAIN(tst_ProcNet)
#include "tst_procnet.moc"
