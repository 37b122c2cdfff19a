#pragma once

#include <QAbstractSocket>
#include <QString>

#include <optional>

class QHostAddress;
class QNetworkInterface;
class QUdpSocket;

// Joining and leaving multicast groups on a bound QUdpSocket, also an IPv4 group on a socket
// bound to every address (IPv6, dual-stack, the UDP tab's default): Qt refuses that one ("bind
// to AnyIPv4 instead"), while Linux takes the IPv4 option on such a socket and delivers the
// group's datagrams to it, so it is set here. (QHostAddress::AnyIPv6 binds IPv6 only: no IPv4
// datagram reaches such a socket.)
namespace MulticastMembership {

struct Failure
{
    QAbstractSocket::SocketError error = QAbstractSocket::UnknownSocketError;
    QString message; // SocketHint's words
};

// Joins (`join`) or leaves `group` on `interface` (invalid: the system's choice); nothing when
// it did, or why not.
std::optional<Failure> change(QUdpSocket &socket, bool join, const QHostAddress &group,
                              const QNetworkInterface &interface);

} // namespace MulticastMembership
