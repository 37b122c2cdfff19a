// Multicast, end to end: a session joins an IPv4 and an IPv6 group and receives a datagram sent
// to each. Needs interfaces that carry multicast, which a test must not borrow from the machine:
// ctest runs it through netns.sh, in a network namespace of its own.
#include "net/endpoint.h"
#include "net/udpsession.h"

#include <QNetworkInterface>
#include <QSignalSpy>
#include <QTest>
#include <QUdpSocket>

using namespace Qt::StringLiterals;

class tst_Multicast : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void joinsAndReceives_data();
    void joinsAndReceives();
};

void tst_Multicast::initTestCase()
{
    if (!qEnvironmentVariableIsSet("SOCKSCOPE_NETNS_IPV4_IF"))
        QSKIP("Runs in a network namespace of its own: ctest starts it through tests/netns.sh.");
}

void tst_Multicast::joinsAndReceives_data()
{
    QTest::addColumn<QHostAddress>("bindTo");
    QTest::addColumn<QHostAddress>("group");
    QTest::addColumn<QString>("interfaceName");
    const QString v4 = qEnvironmentVariable("SOCKSCOPE_NETNS_IPV4_IF");
    const QString v6 = qEnvironmentVariable("SOCKSCOPE_NETNS_IPV6_IF");
    QTest::newRow("IPv4 group, IPv4 socket")
            << QHostAddress(QHostAddress::AnyIPv4) << QHostAddress(u"239.255.0.1"_s) << v4;
    QTest::newRow("IPv4 group, every address")
            << QHostAddress(QHostAddress::Any) << QHostAddress(u"239.255.0.2"_s) << v4;
    QTest::newRow("IPv6 group, every address")
            << QHostAddress(QHostAddress::Any) << QHostAddress(u"ff02::1:3"_s) << v6;
    QTest::newRow("IPv6 group, IPv6 socket")
            << QHostAddress(QHostAddress::AnyIPv6) << QHostAddress(u"ff02::1:4"_s) << v6;
}

void tst_Multicast::joinsAndReceives()
{
    QFETCH(QHostAddress, bindTo);
    QFETCH(QHostAddress, group);
    QFETCH(QString, interfaceName);
    const QNetworkInterface interface = QNetworkInterface::interfaceFromName(interfaceName);
    QVERIFY2(interface.isValid(), qPrintable(interfaceName));

    UdpSession session;
    QSignalSpy errors(&session, &UdpSession::errorOccurred);
    QSignalSpy notices(&session, &UdpSession::noticed);
    QVERIFY(session.bind(bindTo, 0));
    QVERIFY2(session.joinMulticastGroup(group, interface),
             qPrintable(errors.isEmpty() ? QString() : errors.constLast().at(1).toString()));
    QVERIFY(notices.constLast().at(0).toString().contains(group.toString()));

    const bool v6 = group.protocol() == QAbstractSocket::IPv6Protocol;
    QUdpSocket sender;
    QVERIFY(sender.bind(v6 ? QHostAddress(QHostAddress::AnyIPv6) : QHostAddress(QHostAddress::AnyIPv4),
                        0));
    sender.setMulticastInterface(interface);
    QHostAddress destination = group;
    if (v6)
        destination.setScopeId(interfaceName); // a link-local group names its interface
    QSignalSpy received(&session, &UdpSession::received);
    const QByteArray payload = "to the group " + group.toString().toLatin1();
    QCOMPARE(sender.writeDatagram(payload, destination, session.localEndpoint().port),
             qint64(payload.size()));
    QVERIFY(received.wait(10000));
    QCOMPARE(received.at(0).at(0).toByteArray(), payload);
    QCOMPARE(received.at(0).at(2).value<Endpoint>().port, sender.localPort());

    QVERIFY(session.leaveMulticastGroup(group, interface));
}

QTEST_GUILESS_MAIN(tst_Multicast)
#include "tst_multicast.moc"
