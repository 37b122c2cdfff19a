#include "net/sockethint.h"
#include "net/sockethinttr.h"

#include "system/openfilelimit.h"
#include "text/pluralcount.h"

#include <QCoreApplication>
#include <QLocale>

#include <cerrno>
#include <cstring>
#include <limits>

// SocketHint for the errors whose errno is known: bind(), listen() and connect(), which the
// sessions make themselves (NativeSocket). The sentences they share with the errors Qt reports
// come from explain(), so that each is written once.
namespace SocketHint {
namespace {

using Text::tr;

// What failed and where, for the errors every one of bind, listen and connect can meet.
QString failure(Operation operation, const QString &target)
{
    switch (operation) {
    case Operation::Listen:
        return tr("Cannot listen on %1").arg(target);
    case Operation::Connect:
        return tr("Cannot connect to %1").arg(target);
    default:
        return tr("Cannot bind %1").arg(target);
    }
}

// The system call an operation makes, as its manual page (section 2) is named.
QString callOf(Operation operation)
{
    switch (operation) {
    case Operation::Listen:
        return QStringLiteral("listen");
    case Operation::Connect:
        return QStringLiteral("connect");
    default:
        return QStringLiteral("bind");
    }
}

// An errno without a sentence of its own: the system's words, and where to look them up.
QString unknownHint(int error, Operation operation, const QString &target)
{
    return tr("%1: %2 (%3). Look %3 up in the manual of %4() (man 2 %4) to see what it means "
              "there.")
            .arg(failure(operation, target), qt_error_string(error), errnoName(error),
                 callOf(operation));
}

// socket() itself failed: the program or the whole system is out of something.
QString resourceHint(int error, Operation operation, const QString &target)
{
    const QString what = failure(operation, target);
    if (error == EMFILE) {
        const quint64 limit = OpenFileLimit::current();
        if (limit == 0 || limit > quint64(std::numeric_limits<int>::max())) {
            return tr("%1: this program has as many files and sockets open as it may, so it "
                      "cannot open one more socket. Close sessions or clients you no longer "
                      "need, or raise the limit (ulimit -n) before starting Sockscope.")
                    .arg(what);
        }
        return tr("%1: this program has as many files and sockets open as it may (ulimit -n: "
                  "%Ln), so it cannot open one more socket. Close sessions or clients you no "
                  "longer need, or raise the limit (ulimit -n) before starting Sockscope.",
                  nullptr, int(limit))
                .arg(what);
    }
    if (error == ENFILE) {
        return tr("%1: the whole system is out of open files (fs.file-max), so no program can "
                  "open another socket now. Close programs or connections you no longer need, "
                  "or raise fs.file-max.")
                .arg(what);
    }
    return tr("%1: the system is out of memory for sockets (%2). Close connections or programs "
              "you no longer need, then try again.")
            .arg(what, qt_error_string(error));
}

QString withoutScope(QHostAddress address)
{
    address.setScopeId(QString());
    return address.toString();
}

// IPv6 is off for the whole system (booted with ipv6.disable=1): socket() refuses the family.
QString noIPv6Hint(Operation operation, const QString &target, const QHostAddress &address)
{
    const QString what = failure(operation, target);
    if (address.protocol() == QAbstractSocket::IPv4Protocol) {
        return tr("%1: this system does not support that kind of address (%2). Try another "
                  "address.")
                .arg(what, qt_error_string(EAFNOSUPPORT));
    }
    if (operation == Operation::Connect) {
        return tr("%1: this system has IPv6 turned off entirely, so it cannot open an IPv6 "
                  "connection. Connect to the server's IPv4 address instead (127.0.0.1 on this "
                  "machine).")
                .arg(what);
    }
    return tr("%1: this system has IPv6 turned off entirely, so it cannot open an IPv6 socket. "
              "Use an IPv4 address such as 127.0.0.1, or 0.0.0.0 for every IPv4 address.")
            .arg(what);
}

// ::1 is missing where IPv6 is turned off (net.ipv6.conf.*.disable_ipv6): the kernel still
// opens IPv6 sockets, but has no such address.
QString noIPv6LoopbackHint(Operation operation, const QString &target)
{
    return tr("%1: this machine has no IPv6 loopback address (::1), so IPv6 is turned off here "
              "(net.ipv6.conf.all.disable_ipv6, or the setting of lo). Use 127.0.0.1 instead.")
            .arg(failure(operation, target));
}

// A scope that names no interface here (fe80::1%eth9): the kernel says ENODEV for an unknown
// number, EINVAL for a name that resolves to none.
QString noSuchInterfaceHint(Operation operation, const QString &target, const QHostAddress &address)
{
    QStringList examples;
    for (const QString &name : linkLocalInterfaces().mid(0, 4))
        examples << withoutScope(address) + u'%' + name;
    return tr("%1: this machine has no network interface %2 for the address to belong to. Write "
              "one that exists after the %, for example %3.")
            .arg(failure(operation, target), address.scopeId(), examples.join(tr(" or ")));
}

QString localAddressHint(Operation operation, const QString &target, const QHostAddress &address)
{
    if (address == QHostAddress::LocalHostIPv6)
        return noIPv6LoopbackHint(operation, target);
    if (address.isLinkLocal() && !address.scopeId().isEmpty()) {
        return tr("%1: the %2 interface has no address %3. Pick one of its addresses from the "
                  "list, or \"Any\".")
                .arg(failure(operation, target), address.scopeId(), withoutScope(address));
    }
    return explain(QAbstractSocket::SocketAddressNotAvailableError, Operation::Bind, target, 0,
                   QString());
}

// bind() or listen(), by errno.
QString localErrnoHint(int error, Operation operation, const QString &target, quint16 port,
                       const QHostAddress &address)
{
    const QString what = failure(operation, target);
    switch (error) {
    case EADDRINUSE:
        if (port != 0)
            return explain(QAbstractSocket::AddressInUseError, operation, target, port, QString());
        return tr("%1: no port is left for the system to choose: every port of its range for "
                  "automatic choices (net.ipv4.ip_local_port_range) is taken. Close sockets you "
                  "no longer need, or choose a port yourself.")
                .arg(what);
    case EACCES:
        if (port != 0 && port < 1024)
            return explain(QAbstractSocket::SocketAccessError, operation, target, port, QString());
        return tr("%1: not allowed (%2). A security policy of this system (SELinux, AppArmor, a "
                  "container's rules) may forbid it, or more ports than the first 1024 are "
                  "privileged here (net.ipv4.ip_unprivileged_port_start). Try another port or "
                  "address.")
                .arg(what, qt_error_string(error));
    case EPERM:
        return tr("%1: a security policy of this system forbids it (%2): a firewall, SELinux or "
                  "AppArmor rule, or a container's limits. Try another port or address, or ask "
                  "whoever manages that policy.")
                .arg(what, qt_error_string(error));
    case EADDRNOTAVAIL:
        return localAddressHint(operation, target, address);
    case EAFNOSUPPORT:
        return noIPv6Hint(operation, target, address);
    case EINVAL:
    case ENODEV:
        if (!address.scopeId().isEmpty())
            return noSuchInterfaceHint(operation, target, address);
        break;
    default:
        break;
    }
    if (error == EINVAL) {
        return tr("%1: the system finds that address invalid for this socket (%2). Check how it "
                  "is written, or bind every address.")
                .arg(what, qt_error_string(error));
    }
    return isResourceError(error) ? resourceHint(error, operation, target)
                                  : unknownHint(error, operation, target);
}

// connect(), by errno, for the errors that are about the way to the peer.
QString routeErrnoHint(int error, const QString &target, const QHostAddress &address)
{
    const QString system = qt_error_string(error);
    switch (error) {
    case ENETUNREACH:
        return tr("Cannot reach %1: the network is unreachable from here (%2): this machine has "
                  "no route to it, or the interface that leads there is down. Check the "
                  "address, and that this machine is connected to that network (cable, Wi-Fi, "
                  "VPN); ip route lists the routes.")
                .arg(target, system);
    case EHOSTUNREACH:
    case EHOSTDOWN:
        return tr("Cannot reach %1: the host is unreachable (%2): nothing answered for that "
                  "address on its network, or a router or a route refused the way there. Check "
                  "the address and that the host is up; ip route get %3 shows the way this "
                  "machine would take.")
                .arg(target, system, withoutScope(address));
    case ENETDOWN:
        return tr("Cannot reach %1: the network interface on the way there is down (%2). Bring "
                  "it up (plug the cable in, join the Wi-Fi, or ip link set NAME up) and try "
                  "again.")
                .arg(target, system);
    case EACCES:
        return tr("Not allowed to connect to %1 (%2): a firewall rule, or a route that forbids "
                  "the way there (prohibit), blocks it. Check the firewall rules and ip route get "
                  "%3, or try another address.")
                .arg(target, system, withoutScope(address));
    case EPERM:
        return tr("Not allowed to connect to %1 (%2): a firewall or a security policy of this "
                  "system forbids it. Check the firewall rules, or ask whoever manages them.")
                .arg(target, system);
    case EINVAL:
        return tr("Cannot connect to %1: the system will not send there (%2): a route that "
                  "discards everything (blackhole) may cover that address, or no connection can "
                  "go to it. Check the address, and the way with ip route get %3.")
                .arg(target, system, withoutScope(address));
    default:
        return QString();
    }
}

// connect(), by errno.
QString connectErrnoHint(int error, const QString &target, const QHostAddress &address)
{
    if (const QString hint = routeErrnoHint(error, target, address); !hint.isEmpty())
        return hint;
    const QString system = qt_error_string(error);
    switch (error) {
    case ECONNREFUSED:
        return explain(QAbstractSocket::ConnectionRefusedError, Operation::Connect, target, 0,
                       system);
    case ETIMEDOUT:
        return tr("No answer from %1 (%2): the system gave up resending its SYN before the "
                  "timeout set here ran out. The host may be down, or a firewall drops the "
                  "connection silently; check the address and port. A longer timeout here does "
                  "not help beyond the system's own limit (net.ipv4.tcp_syn_retries).")
                .arg(target, system);
    case ECONNRESET:
        return tr("%1 reset the connection while it was being set up (%2): the server, or a "
                  "firewall on the way, answered with RST. Check that the server accepts "
                  "connections, then try again.")
                .arg(target, system);
    case EADDRNOTAVAIL:
        if (address == QHostAddress::LocalHostIPv6)
            return noIPv6LoopbackHint(Operation::Connect, target);
        return tr("Cannot connect to %1: no local port is free for one more connection to it "
                  "(%2). Every port of the system's range (net.ipv4.ip_local_port_range) is "
                  "taken, or the local port chosen is already used for that server. Close "
                  "connections you no longer need (closed ones wait a minute in TIME_WAIT), or "
                  "choose another local port.")
                .arg(target, system);
    case EAFNOSUPPORT:
        return noIPv6Hint(Operation::Connect, target, address);
    default:
        return isResourceError(error) ? resourceHint(error, Operation::Connect, target)
                                      : unknownHint(error, Operation::Connect, target);
    }
}

} // namespace

QString explainErrno(int error, Operation operation, const QString &target, quint16 port,
                     const QHostAddress &address)
{
    if (operation == Operation::Connect)
        return connectErrnoHint(error, target, address);
    // The kernel says EINVAL for both addresses that cannot be bound as written.
    if (error == EINVAL) {
        if (const QString hint = addressHint(address, port); !hint.isEmpty())
            return hint;
    }
    return localErrnoHint(error, operation, target, port, address);
}

QAbstractSocket::SocketError errorKind(int error, Operation operation)
{
    const bool connecting = operation == Operation::Connect;
    switch (error) {
    case EADDRINUSE:
        return QAbstractSocket::AddressInUseError;
    case EACCES:
    case EPERM:
        return QAbstractSocket::SocketAccessError;
    case EADDRNOTAVAIL:
        return QAbstractSocket::SocketAddressNotAvailableError;
    case EINVAL:
        return connecting ? QAbstractSocket::NetworkError
                          : QAbstractSocket::UnsupportedSocketOperationError;
    case EAFNOSUPPORT:
    case EPROTONOSUPPORT:
    case ENODEV:
        return QAbstractSocket::UnsupportedSocketOperationError;
    case ECONNREFUSED:
        return QAbstractSocket::ConnectionRefusedError;
    case ENETUNREACH:
    case EHOSTUNREACH:
    case EHOSTDOWN:
    case ENETDOWN:
        return QAbstractSocket::NetworkError;
    case ETIMEDOUT:
        return QAbstractSocket::SocketTimeoutError;
    case ECONNRESET:
        return QAbstractSocket::RemoteHostClosedError;
    default:
        return isResourceError(error) ? QAbstractSocket::SocketResourceError
                                      : QAbstractSocket::UnknownSocketError;
    }
}

bool isResourceError(int error)
{
    return error == EMFILE || error == ENFILE || error == ENOBUFS || error == ENOMEM;
}

bool belongsToOneConnection(int error)
{
    switch (error) {
    case EINTR:
    case ECONNABORTED:
    case EPROTO:
    case ENETDOWN:
    case ENOPROTOOPT:
    case EHOSTDOWN:
    case ENONET:
    case EHOSTUNREACH:
    case EOPNOTSUPP:
    case ENETUNREACH:
    case EPERM:
        return true;
    default:
        return false;
    }
}

QString acceptPaused(int error, const QString &local, qsizetype clients)
{
    if (error != EMFILE && error != ENFILE) {
        return explain(QAbstractSocket::SocketResourceError, Operation::Accept, local, 0,
                       qt_error_string(error));
    }
    const QLocale locale;
    // EMFILE: every descriptor number below the limit is taken. (Nothing can be counted now:
    // listing /proc/self/fd would take one more.)
    const QString limit = error == EMFILE
            ? tr("this program may have at most %1 files and sockets open (ulimit -n), and all "
                 "of them are; this tab has %2 clients",
                 nullptr, pluralCount(quint64(clients)))
                      .arg(locale.toString(OpenFileLimit::current()), locale.toString(clients))
            : tr("the whole system is out of open files; this tab has %1 clients", nullptr,
                 pluralCount(quint64(clients)))
                      .arg(locale.toString(clients));
    return tr("Cannot accept more clients on %1 (%2): %3. Clients that connect now wait in the "
              "backlog, and are taken in as others leave. To serve more at once, raise the "
              "limit (ulimit -n) before starting Sockscope, or lower Max clients.")
            .arg(local, qt_error_string(error), limit);
}

QString errnoName(int error)
{
#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 32))
    if (const char *name = strerrorname_np(error))
        return QString::fromLatin1(name);
#endif
    return tr("error %1").arg(error);
}

} // namespace SocketHint
