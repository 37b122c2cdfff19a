#include "net/sockethint.h"
#include "net/sockethinttr.h"

#include "text/durationtext.h"
#include "text/pluralcount.h"

#include <QCoreApplication>
#include <QLocale>
#include <QNetworkInterface>

#include <algorithm>
#include <cerrno>

namespace SocketHint {
namespace {

using Text::tr;

} // namespace

QStringList linkLocalInterfaces()
{
    QStringList names;
    for (const QNetworkInterface &interface : QNetworkInterface::allInterfaces()) {
        const QList<QNetworkAddressEntry> entries = interface.addressEntries();
        const bool linkLocal = std::any_of(entries.cbegin(), entries.cend(),
                                           [](const QNetworkAddressEntry &entry) {
                                               return entry.ip().isLinkLocal()
                                                       && entry.ip().protocol()
                                                       == QAbstractSocket::IPv6Protocol;
                                           });
        if (linkLocal && interface.flags().testFlag(QNetworkInterface::IsUp))
            names << interface.name();
    }
    return names.isEmpty() ? QStringList { QStringLiteral("eth0") } : names;
}

QString addressHint(const QHostAddress &address, quint16 port)
{
    if (address.protocol() != QAbstractSocket::IPv6Protocol)
        return {};
    // As it was written: Endpoint::format() would show a v4-mapped address as IPv4.
    const QString target = u'[' + address.toString() + u"]:" + QString::number(port);
    if (address.isLinkLocal() && address.scopeId().isEmpty()) {
        // Every interface has an address in fe80::/10: which one is meant must be said.
        QStringList examples;
        for (const QString &name : linkLocalInterfaces().mid(0, 4))
            examples << address.toString() + u'%' + name;
        return tr("Cannot bind %1: %2 is a link-local address, and every interface has those, "
                  "so it needs its interface after a %: for example %3.")
                .arg(target, address.toString(), examples.join(tr(" or ")));
    }
    const Q_IPV6ADDR bytes = address.toIPv6Address();
    const bool mapped = std::all_of(bytes.c, bytes.c + 10, [](quint8 b) { return b == 0; })
            && bytes[10] == 0xff && bytes[11] == 0xff;
    if (mapped) {
        const QString v4 = QHostAddress(address.toIPv4Address()).toString();
        return tr("Cannot bind %1: %2 is the IPv4 address %3 written as IPv6 (v4-mapped), and a "
                  "socket bound to one IPv6 address takes IPv6 only. To take IPv4, bind %3 "
                  "itself, or every address (IPv4 and IPv6).")
                .arg(target, address.toString(), v4);
    }
    return {};
}

namespace {

// A name that was not found; the system's reason only when it adds to that.
QString resolveHint(const QString &target, const QString &systemText)
{
    const QString notFound = QCoreApplication::translate("QHostInfoAgent", "Host not found");
    const bool saysMore = !systemText.isEmpty()
            && systemText.compare(notFound, Qt::CaseInsensitive) != 0
            && systemText.compare(u"Host not found", Qt::CaseInsensitive) != 0;
    const QString found = saysMore ? tr("Host \"%1\" was not found (%2).").arg(target, systemText)
                                   : tr("Host \"%1\" was not found.").arg(target);
    return found + u' '
            + tr("Check the spelling, or use an IP address such as 127.0.0.1 or ::1.");
}

QString bindHint(QAbstractSocket::SocketError error, const QString &target, quint16 port,
                 const QString &systemText)
{
    switch (error) {
    case QAbstractSocket::AddressInUseError:
        return tr("Port %1 is already in use (%2): another program or another Sockscope tab "
                  "is bound to it. Stop that one, or pick another port (0 lets the system "
                  "choose).")
                .arg(port)
                .arg(target);
    case QAbstractSocket::SocketAccessError:
        if (port != 0 && port < 1024) {
            return tr("Port %1 needs administrator rights (ports below 1024 are privileged), "
                      "so %2 could not be bound. Use port 1024 or above, or 0 to let the "
                      "system choose.")
                    .arg(port)
                    .arg(target);
        }
        return tr("Not allowed to bind %1 (%2). Try another port or address.")
                .arg(target, systemText);
    case QAbstractSocket::SocketAddressNotAvailableError:
        return tr("Cannot bind %1: that address does not belong to this machine. Pick one "
                  "from the list, or \"Any\".")
                .arg(target);
    case QAbstractSocket::UnsupportedSocketOperationError:
        return tr("Cannot bind %1: this system does not support that address family (%2). "
                  "Try an IPv4 address such as 127.0.0.1.")
                .arg(target, systemText);
    default:
        return tr("Cannot bind %1: %2.").arg(target, systemText);
    }
}

QString sendHint(QAbstractSocket::SocketError error, const QString &target,
                 const QString &systemText)
{
    switch (error) {
    case QAbstractSocket::NetworkError:
        return tr("Cannot send to %1: %2. The network is unreachable from here: check the "
                  "address, and that this machine has a route to it.")
                .arg(target, systemText);
    case QAbstractSocket::SocketAccessError:
        return tr("Not allowed to send to %1 (%2). Broadcast and some addresses need "
                  "permission; check the address.")
                .arg(target, systemText);
    case QAbstractSocket::ConnectionRefusedError:
        // The ICMP "port unreachable" that a socket asking for ICMP errors gets (IP_RECVERR).
        return tr("Nothing is listening on %1: its system answered the datagram with \"port "
                  "unreachable\" (ICMP), and dropped it. Start the receiver first or check the "
                  "port. A program that sends with a connected UDP socket (connect(), then "
                  "send()) gets this as ConnectionRefusedError: [Errno 111] Connection refused "
                  "on its next send() or recv(); one that sends with sendto() hears nothing of "
                  "it.")
                .arg(target);
    default:
        return tr("Cannot send to %1: %2.").arg(target, systemText);
    }
}

QString connectHint(QAbstractSocket::SocketError error, const QString &target,
                    const QString &systemText)
{
    switch (error) {
    case QAbstractSocket::ConnectionRefusedError:
        return tr("Connection refused: nothing is listening on %1. Start the server first or "
                  "check the port.")
                .arg(target);
    case QAbstractSocket::NetworkError:
        return tr("Cannot reach %1: the network is unreachable from here (%2). Check the "
                  "address, and that this machine has a route to it.")
                .arg(target, systemText);
    case QAbstractSocket::SocketAccessError:
        return tr("Not allowed to connect to %1 (%2): a firewall or a permission blocks it.")
                .arg(target, systemText);
    case QAbstractSocket::SocketTimeoutError:
        return tr("No answer from %1 (%2): the host may be down, or a firewall drops the "
                  "connection silently. Check the address, or allow a longer timeout.")
                .arg(target, systemText);
    default:
        return tr("Could not connect to %1: %2.").arg(target, systemText);
    }
}

QString transferHint(QAbstractSocket::SocketError error, const QString &target,
                     const QString &systemText)
{
    switch (error) {
    case QAbstractSocket::NetworkError:
        return tr("The connection to %1 broke: %2. The network between here and there went "
                  "away; connect again once it is back.")
                .arg(target, systemText);
    case QAbstractSocket::SocketTimeoutError:
        return tr("The connection to %1 timed out (%2): the peer stopped answering.")
                .arg(target, systemText);
    default:
        return tr("The connection to %1 failed: %2.").arg(target, systemText);
    }
}

QString acceptHint(QAbstractSocket::SocketError error, const QString &target,
                   const QString &systemText)
{
    if (error == QAbstractSocket::SocketResourceError) {
        return tr("Could not accept a connection on %1: %2. The system ran out of file "
                  "descriptors; raise the limit (ulimit -n) or lower Max clients.")
                .arg(target, systemText);
    }
    return tr("Could not accept a connection on %1: %2.").arg(target, systemText);
}

} // namespace

QString explain(QAbstractSocket::SocketError error, Operation operation, const QString &target,
                quint16 port, const QString &systemText, const QHostAddress &address)
{
    if (operation == Operation::Bind || operation == Operation::Listen) {
        if (const QString hint = addressHint(address, port); !hint.isEmpty())
            return hint;
    }
    switch (operation) {
    case Operation::Bind:
        return bindHint(error, target, port, systemText);
    case Operation::Send:
        return sendHint(error, target, systemText);
    case Operation::Resolve:
        return resolveHint(target, systemText);
    case Operation::JoinGroup:
        return tr("Cannot join multicast group %1: %2. Use a multicast address (224.0.0.0 to "
                  "239.255.255.255, or ff00::/8), bind to \"Any\" first, and pick an interface "
                  "that supports multicast.")
                .arg(target, systemText);
    case Operation::LeaveGroup:
        return tr("Cannot leave multicast group %1: %2.").arg(target, systemText);
    case Operation::Receive:
        return tr("Receiving on %1 failed: %2.").arg(target, systemText);
    case Operation::Connect:
        return connectHint(error, target, systemText);
    case Operation::Listen:
        return bindHint(error, target, port, systemText);
    case Operation::Accept:
        return acceptHint(error, target, systemText);
    case Operation::Transfer:
        return transferHint(error, target, systemText);
    }
    return systemText;
}

QAbstractSocket::SocketError icmpErrorKind(int error)
{
    return error == ECONNREFUSED ? QAbstractSocket::ConnectionRefusedError
                                 : QAbstractSocket::NetworkError;
}

QString connectTimedOut(const QString &target, qint64 timeoutMs)
{
    return tr("No answer from %1 within %2: the host may be down, or a firewall drops the "
              "connection silently. Check the address and port, or allow a longer timeout.")
            .arg(target, durationText(timeoutMs));
}

QString datagramTooLarge(qsizetype size, qsizetype limit, const QString &target)
{
    const QLocale locale;
    return tr("Nothing was sent to %1: a datagram of %2 bytes is too large. UDP carries at most "
              "%3 bytes in one datagram here; split the message into smaller ones.")
            .arg(target, locale.toString(size), locale.toString(limit));
}

QString replyAfterEnd(const QString &peer)
{
    return tr("The auto-reply to %1 was not sent: its message came with the end of its side of "
              "the connection (FIN, as after shutdown(SHUT_WR)), the system had no room for "
              "the whole answer at once, and the server closes a connection once it reads the "
              "end. Send a shorter answer, or let the client read before it closes its side.")
            .arg(peer);
}

QString datagramCut(qsizetype arrived, qsizetype kept)
{
    const QLocale locale;
    return tr("%1 bytes arrived; recvfrom(%2) keeps %3 and the kernel drops the rest: UDP has no "
              "stream to read it from later.",
              nullptr, pluralCount(quint64(arrived)))
            .arg(locale.toString(arrived), QString::number(kept), locale.toString(kept));
}

QString loopbackOnly(const QHostAddress &address)
{
    if (!address.isLoopback())
        return {};
    return u' '
            + tr("Only programs on this machine can reach %1: a loopback address never leaves "
                 "it, so other machines cannot, not even through this machine's own address. To "
                 "be reachable from others, use every address (the default), or this machine's "
                 "address on their network.")
                      .arg(address.toString());
}

QString sendFromLoopback(const QString &local, const QString &target, int error)
{
    return tr("Cannot send to %1 from %2: this socket is bound to a loopback address, and the "
              "system sends nothing from one to another machine (%3: %4). Bind every address "
              "(the default) or this machine's address on that network to reach other machines; "
              "keep the loopback address for peers on this machine.")
            .arg(target, local, errnoName(error), qt_error_string(error));
}

QString bytesRepr(const QString &peer, const QByteArray &payload)
{
    // Printable ASCII by then: its first line, as it came.
    constexpr qsizetype Shown = 60;
    qsizetype end = payload.indexOf('\n');
    if (end < 0)
        end = payload.size();
    else if (end > 0 && payload.at(end - 1) == '\r')
        --end;
    const QString line = QString::fromLatin1(payload.first(std::min(end, Shown)))
            + (end > Shown ? QStringLiteral("…") : QString());
    return tr("%1 sent %2: that is how Python prints a bytes object. The sender formatted bytes "
              "with str() (or an f-string, or %s), so the b and the quotes went out as part of "
              "the message. Decode them first, data.decode(), and format the text; or send the "
              "bytes themselves.")
            .arg(peer, line);
}

QString brief(QAbstractSocket::SocketError error, Operation operation, const QString &target,
              quint16 port)
{
    const bool opening = operation == Operation::Bind || operation == Operation::Listen;
    switch (error) {
    case QAbstractSocket::AddressInUseError:
        return tr("port %1 is in use").arg(port);
    case QAbstractSocket::SocketAccessError:
        return opening && port != 0 && port < 1024
                ? tr("port %1 needs administrator rights").arg(port)
                : tr("not permitted on %1").arg(target);
    case QAbstractSocket::SocketAddressNotAvailableError:
        return opening ? tr("%1 is not an address of this machine").arg(target)
                       : tr("no local port left for %1").arg(target);
    case QAbstractSocket::HostNotFoundError: return tr("host \"%1\" was not found").arg(target);
    case QAbstractSocket::ConnectionRefusedError: return tr("refused by %1").arg(target);
    case QAbstractSocket::SocketTimeoutError: return tr("no answer from %1").arg(target);
    case QAbstractSocket::NetworkError: return tr("%1 cannot be reached").arg(target);
    case QAbstractSocket::SocketResourceError: return tr("out of sockets or memory");
    case QAbstractSocket::UnsupportedSocketOperationError:
        return tr("%1 is not supported here").arg(target);
    default: break;
    }
    switch (operation) {
    case Operation::Bind: return tr("could not bind %1").arg(target);
    case Operation::Listen: return tr("could not listen on %1").arg(target);
    case Operation::Resolve: return tr("could not look up %1").arg(target);
    default: return tr("could not connect to %1").arg(target);
    }
}

} // namespace SocketHint
