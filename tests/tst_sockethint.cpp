#include "net/endpoint.h"
#include "net/sockethint.h"

#include <QLocale>
#include <QTest>

#include <cerrno>

using namespace Qt::StringLiterals;

// Errors a test cannot provoke on loopback as root (a privileged port, an unreachable network)
// still get their plain-words explanation; the session tests cover the ones that can happen.
class tst_SocketHint : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void explains_data();
    void explains();
    void datagramTooLarge();
    void connectTimedOut();
    void hostNotFoundSaysItOnce();
    void explainsErrno_data();
    void explainsErrno();
    void namesAnErrno();
};

void tst_SocketHint::explains_data()
{
    QTest::addColumn<QAbstractSocket::SocketError>("error");
    QTest::addColumn<SocketHint::Operation>("operation");
    QTest::addColumn<QString>("target");
    QTest::addColumn<int>("port");
    QTest::addColumn<QStringList>("mentions");
    using E = QAbstractSocket::SocketError;
    using O = SocketHint::Operation;
    QTest::newRow("port in use") << E::AddressInUseError << O::Bind << QStringLiteral("0.0.0.0:9000") << 9000
                                 << QStringList { QStringLiteral("Port 9000 is already in use"), QStringLiteral("pick another port") };
    QTest::newRow("privileged port") << E::SocketAccessError << O::Bind << QStringLiteral("0.0.0.0:80") << 80
                                     << QStringList { QStringLiteral("below 1024"), QStringLiteral("1024 or above") };
    QTest::newRow("foreign address") << E::SocketAddressNotAvailableError << O::Bind << QStringLiteral("10.9.9.9:9000") << 9000
                                     << QStringList { QStringLiteral("10.9.9.9:9000"), QStringLiteral("does not belong to this machine") };
    QTest::newRow("network unreachable") << E::NetworkError << O::Send << QStringLiteral("[2001:db8::1]:9000") << 0
                                         << QStringList { QStringLiteral("[2001:db8::1]:9000"), QStringLiteral("unreachable"), QStringLiteral("route") };
    QTest::newRow("host not found") << E::HostNotFoundError << O::Resolve << QStringLiteral("exmaple.test") << 0
                                    << QStringList { QStringLiteral("\"exmaple.test\" was not found"), QStringLiteral("spelling") };
    QTest::newRow("refused") << E::ConnectionRefusedError << O::Send << QStringLiteral("127.0.0.1:9") << 0
                             << QStringList { QStringLiteral("Nothing is listening on 127.0.0.1:9"),
                                                QStringLiteral("ConnectionRefusedError: [Errno 111]") };
    QTest::newRow("tcp network unreachable") << E::NetworkError << O::Connect << QStringLiteral("[2001:db8::1]:9000") << 9000
                                             << QStringList { QStringLiteral("Cannot reach [2001:db8::1]:9000"), QStringLiteral("unreachable") };
    QTest::newRow("tcp refused") << E::ConnectionRefusedError << O::Connect << QStringLiteral("127.0.0.1:9000") << 9000
                                 << QStringList { QStringLiteral("Connection refused: nothing is listening on 127.0.0.1:9000"), QStringLiteral("Start the server first") };
    QTest::newRow("tcp listen port in use") << E::AddressInUseError << O::Listen << QStringLiteral("0.0.0.0:9000") << 9000
                                            << QStringList { QStringLiteral("Port 9000 is already in use") };
    QTest::newRow("tcp privileged listen") << E::SocketAccessError << O::Listen << QStringLiteral("0.0.0.0:80") << 80
                                           << QStringList { QStringLiteral("below 1024") };
    QTest::newRow("out of descriptors") << E::SocketResourceError << O::Accept << QStringLiteral("0.0.0.0:9000") << 0
                                        << QStringList { QStringLiteral("ulimit -n"), QStringLiteral("Max clients") };
    QTest::newRow("connection broke") << E::NetworkError << O::Transfer << QStringLiteral("10.0.0.2:22") << 0
                                      << QStringList { QStringLiteral("The connection to 10.0.0.2:22 broke") };
}

void tst_SocketHint::connectTimedOut()
{
    const QString text = SocketHint::connectTimedOut(QStringLiteral("192.0.2.1:9000"), 5000);
    QVERIFY2(text.startsWith(QStringLiteral("No answer from 192.0.2.1:9000 within ")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("longer timeout")), qPrintable(text));
}

void tst_SocketHint::explains()
{
    QFETCH(QAbstractSocket::SocketError, error);
    QFETCH(SocketHint::Operation, operation);
    QFETCH(QString, target);
    QFETCH(int, port);
    QFETCH(QStringList, mentions);
    const QString text = SocketHint::explain(error, operation, target, quint16(port),
                                             QStringLiteral("system text"));
    for (const QString &m : mentions)
        QVERIFY2(text.contains(m), qPrintable(text));
}

// "Host "x" was not found (Host not found)" said it twice; a reason that adds something stays.
void tst_SocketHint::hostNotFoundSaysItOnce()
{
    const auto resolve = [](const QString &reason) {
        return SocketHint::explain(QAbstractSocket::HostNotFoundError,
                                   SocketHint::Operation::Resolve, QStringLiteral("exmaple.test"),
                                   0, reason);
    };
    const QString plain = resolve(QStringLiteral("Host not found"));
    QVERIFY2(plain.startsWith(QStringLiteral("Host \"exmaple.test\" was not found. Check")),
             qPrintable(plain));
    QVERIFY2(!plain.contains(QStringLiteral("(Host not found)")), qPrintable(plain));
    const QString reasoned = resolve(QStringLiteral("Temporary failure in name resolution"));
    QVERIFY2(reasoned.contains(QStringLiteral("(Temporary failure in name resolution)")),
             qPrintable(reasoned));
}

void tst_SocketHint::datagramTooLarge()
{
    const QString text = SocketHint::datagramTooLarge(70000, 65507, QStringLiteral("127.0.0.1:9"));
    QVERIFY2(text.contains(QStringLiteral("Nothing was sent to 127.0.0.1:9")), qPrintable(text));
    const QLocale locale;
    QVERIFY2(text.contains(locale.toString(70000)) && text.contains(locale.toString(65507)), qPrintable(text));
}

// Every errno of bind, listen and connect that has a sentence of its own, and two that have
// none. tst_sessionerrors (in a network namespace) and the session tests provoke the ones that
// can be provoked; these are the words, including for the ones that cannot (ENFILE, ENOBUFS,
// EPERM, ECONNRESET, ENETDOWN, EAFNOSUPPORT).
void tst_SocketHint::explainsErrno_data()
{
    QTest::addColumn<int>("error");
    QTest::addColumn<SocketHint::Operation>("operation");
    QTest::addColumn<QString>("address");
    QTest::addColumn<int>("port");
    QTest::addColumn<QAbstractSocket::SocketError>("kind");
    QTest::addColumn<QStringList>("mentions");
    using E = QAbstractSocket::SocketError;
    using O = SocketHint::Operation;
    const auto row = [](const char *name, int error, O operation, const char *address, int port,
                        E kind, const QStringList &mentions) {
        QTest::newRow(name) << error << operation << QString::fromLatin1(address) << port << kind
                            << mentions;
    };
    using L = QStringList;
    row("bind EADDRINUSE", EADDRINUSE, O::Bind, "0.0.0.0", 9000, E::AddressInUseError,
        L { u"Port 9000 is already in use"_s, u"pick another port"_s });
    row("listen EADDRINUSE", EADDRINUSE, O::Listen, "::", 9000, E::AddressInUseError,
        L { u"Port 9000 is already in use"_s });
    row("bind EADDRINUSE, port 0", EADDRINUSE, O::Bind, "127.0.0.1", 0, E::AddressInUseError,
        L { u"Cannot bind 127.0.0.1:0: no port is left for the system to choose"_s,
            u"ip_local_port_range"_s, u"choose a port yourself"_s });
    row("bind EACCES, privileged port", EACCES, O::Bind, "0.0.0.0", 80, E::SocketAccessError,
        L { u"Port 80 needs administrator rights"_s, u"1024 or above"_s });
    row("listen EACCES, privileged port", EACCES, O::Listen, "127.0.0.1", 443, E::SocketAccessError,
        L { u"Port 443 needs administrator rights"_s });
    row("bind EACCES, another port", EACCES, O::Bind, "0.0.0.0", 9000, E::SocketAccessError,
        L { u"Cannot bind 0.0.0.0:9000: not allowed"_s, u"security policy"_s,
            u"ip_unprivileged_port_start"_s, u"Try another port"_s });
    row("bind EPERM", EPERM, O::Bind, "0.0.0.0", 9000, E::SocketAccessError,
        L { u"Cannot bind 0.0.0.0:9000: a security policy of this system forbids it"_s,
            u"Try another port"_s });
    row("bind EADDRNOTAVAIL", EADDRNOTAVAIL, O::Bind, "192.0.2.9", 9000,
        E::SocketAddressNotAvailableError,
        L { u"Cannot bind 192.0.2.9:9000: that address does not belong to this machine"_s });
    row("listen EADDRNOTAVAIL, ::1 (IPv6 turned off)", EADDRNOTAVAIL, O::Listen, "::1", 9000,
        E::SocketAddressNotAvailableError,
        L { u"Cannot listen on [::1]:9000: this machine has no IPv6 loopback address"_s,
            u"disable_ipv6"_s, u"Use 127.0.0.1 instead"_s });
    row("bind EADDRNOTAVAIL, link-local of another interface", EADDRNOTAVAIL, O::Bind, "fe80::1%lo",
        9000, E::SocketAddressNotAvailableError,
        L { u"the lo interface has no address fe80::1"_s, u"Pick one of its addresses"_s });
    row("bind EAFNOSUPPORT", EAFNOSUPPORT, O::Bind, "::1", 9000, E::UnsupportedSocketOperationError,
        L { u"Cannot bind [::1]:9000: this system has IPv6 turned off entirely"_s,
            u"127.0.0.1"_s });
    row("bind EINVAL, link-local without its interface", EINVAL, O::Bind, "fe80::1", 9000,
        E::UnsupportedSocketOperationError, L { u"link-local"_s, u"for example fe80::1%"_s });
    row("bind EINVAL, v4-mapped", EINVAL, O::Bind, "::ffff:127.0.0.1", 9000,
        E::UnsupportedSocketOperationError, L { u"v4-mapped"_s, u"bind 127.0.0.1"_s });
    row("bind EINVAL, an interface name that does not exist", EINVAL, O::Bind, "fe80::1%nosuch0",
        9000, E::UnsupportedSocketOperationError,
        L { u"no network interface nosuch0"_s, u"for example fe80::1%"_s });
    row("listen ENODEV, an interface number that does not exist", ENODEV, O::Listen, "fe80::1%99",
        9000, E::UnsupportedSocketOperationError,
        L { u"Cannot listen on"_s, u"no network interface 99"_s });
    row("bind EINVAL, anything else", EINVAL, O::Bind, "127.0.0.1", 9000,
        E::UnsupportedSocketOperationError,
        L { u"Cannot bind 127.0.0.1:9000: the system finds that address invalid"_s,
            u"Check how it is written"_s });
    row("bind EMFILE", EMFILE, O::Bind, "127.0.0.1", 9000, E::SocketResourceError,
        L { u"Cannot bind 127.0.0.1:9000: this program has as many files and sockets open"_s,
            u"ulimit -n"_s, u"Close sessions or clients"_s });
    row("listen ENFILE", ENFILE, O::Listen, "127.0.0.1", 9000, E::SocketResourceError,
        L { u"Cannot listen on 127.0.0.1:9000: the whole system is out of open files"_s,
            u"fs.file-max"_s });
    row("bind ENOBUFS", ENOBUFS, O::Bind, "127.0.0.1", 9000, E::SocketResourceError,
        L { u"Cannot bind 127.0.0.1:9000: the system is out of memory for sockets"_s });
    row("listen ENOMEM", ENOMEM, O::Listen, "127.0.0.1", 9000, E::SocketResourceError,
        L { u"Cannot listen on 127.0.0.1:9000: the system is out of memory for sockets"_s });
    row("bind EXDEV, no sentence of its own", EXDEV, O::Bind, "127.0.0.1", 9000,
        E::UnknownSocketError,
        L { u"Cannot bind 127.0.0.1:9000: "_s, u"(EXDEV)"_s, u"man 2 bind"_s });
    row("listen EOPNOTSUPP, no sentence of its own", EOPNOTSUPP, O::Listen, "127.0.0.1", 9000,
        E::UnknownSocketError, L { u"(EOPNOTSUPP)"_s, u"man 2 listen"_s });

    row("connect ECONNREFUSED", ECONNREFUSED, O::Connect, "127.0.0.1", 9000,
        E::ConnectionRefusedError,
        L { u"Connection refused: nothing is listening on 127.0.0.1:9000"_s,
            u"Start the server first"_s });
    row("connect ENETUNREACH", ENETUNREACH, O::Connect, "192.0.2.1", 80, E::NetworkError,
        L { u"Cannot reach 192.0.2.1:80: the network is unreachable from here"_s, u"no route"_s,
            u"ip route"_s });
    row("connect EHOSTUNREACH", EHOSTUNREACH, O::Connect, "192.0.2.1", 80, E::NetworkError,
        L { u"Cannot reach 192.0.2.1:80: the host is unreachable"_s, u"ip route get 192.0.2.1"_s });
    row("connect ENETDOWN", ENETDOWN, O::Connect, "192.0.2.1", 80, E::NetworkError,
        L { u"Cannot reach 192.0.2.1:80: the network interface on the way there is down"_s,
            u"Bring it up"_s });
    row("connect EACCES", EACCES, O::Connect, "192.0.2.2", 80, E::SocketAccessError,
        L { u"Not allowed to connect to 192.0.2.2:80"_s, u"prohibit"_s,
            u"ip route get 192.0.2.2"_s });
    row("connect EPERM", EPERM, O::Connect, "192.0.2.2", 80, E::SocketAccessError,
        L { u"Not allowed to connect to 192.0.2.2:80"_s, u"firewall"_s });
    row("connect EINVAL", EINVAL, O::Connect, "192.0.2.3", 80, E::NetworkError,
        L { u"Cannot connect to 192.0.2.3:80: the system will not send there"_s, u"blackhole"_s,
            u"ip route get 192.0.2.3"_s });
    row("connect ETIMEDOUT", ETIMEDOUT, O::Connect, "192.0.2.4", 80, E::SocketTimeoutError,
        L { u"No answer from 192.0.2.4:80"_s, u"tcp_syn_retries"_s });
    row("connect EADDRNOTAVAIL", EADDRNOTAVAIL, O::Connect, "127.0.0.1", 9000,
        E::SocketAddressNotAvailableError,
        L { u"Cannot connect to 127.0.0.1:9000: no local port is free"_s, u"ip_local_port_range"_s,
            u"TIME_WAIT"_s });
    row("connect EADDRNOTAVAIL, ::1 (IPv6 turned off)", EADDRNOTAVAIL, O::Connect, "::1", 9000,
        E::SocketAddressNotAvailableError,
        L { u"Cannot connect to [::1]:9000: this machine has no IPv6 loopback address"_s,
            u"Use 127.0.0.1 instead"_s });
    row("connect EAFNOSUPPORT", EAFNOSUPPORT, O::Connect, "::1", 9000,
        E::UnsupportedSocketOperationError,
        L { u"Cannot connect to [::1]:9000: this system has IPv6 turned off entirely"_s,
            u"IPv4 address instead"_s });
    row("connect ECONNRESET", ECONNRESET, O::Connect, "192.0.2.5", 80, E::RemoteHostClosedError,
        L { u"192.0.2.5:80 reset the connection while it was being set up"_s, u"RST"_s });
    row("connect EMFILE", EMFILE, O::Connect, "127.0.0.1", 9000, E::SocketResourceError,
        L { u"Cannot connect to 127.0.0.1:9000: this program has as many files"_s,
            u"ulimit -n"_s });
    row("connect EXDEV, no sentence of its own", EXDEV, O::Connect, "127.0.0.1", 9000,
        E::UnknownSocketError, L { u"(EXDEV)"_s, u"man 2 connect"_s });
}

void tst_SocketHint::explainsErrno()
{
    QFETCH(int, error);
    QFETCH(SocketHint::Operation, operation);
    QFETCH(QString, address);
    QFETCH(int, port);
    QFETCH(QAbstractSocket::SocketError, kind);
    QFETCH(QStringList, mentions);
    const QHostAddress host(address);
    QVERIFY2(!host.isNull(), qPrintable(address));
    const QString target = Endpoint::format(host, quint16(port));
    const QString text = SocketHint::explainErrno(error, operation, target, quint16(port), host);
    for (const QString &m : std::as_const(mentions))
        QVERIFY2(text.contains(m), qPrintable(text));
    // Where: the address and port, as they were asked for.
    QVERIFY2(text.contains(u'[' + host.toString() + u"]:") || text.contains(target),
             qPrintable(text));
    QCOMPARE(SocketHint::errorKind(error, operation), kind);
}

void tst_SocketHint::namesAnErrno()
{
    QCOMPARE(SocketHint::errnoName(EXDEV), u"EXDEV"_s);
    QCOMPARE(SocketHint::errnoName(ECONNREFUSED), u"ECONNREFUSED"_s);
    const QString text = SocketHint::explainErrno(EXDEV, SocketHint::Operation::Connect,
                                                  u"127.0.0.1:9000"_s, 9000);
    QVERIFY2(text.contains(qt_error_string(EXDEV)), qPrintable(text));
}

QTEST_APPLESS_MAIN(tst_SocketHint)
#include "tst_sockethint.moc"
