#include "net/multicastmembership.h"

#include "net/nativesocket.h"
#include "net/sockethint.h"

#include <QNetworkInterface>
#include <QUdpSocket>

namespace MulticastMembership {

std::optional<Failure> change(QUdpSocket &socket, bool join, const QHostAddress &group,
                              const QNetworkInterface &interface)
{
    const SocketHint::Operation operation =
            join ? SocketHint::Operation::JoinGroup : SocketHint::Operation::LeaveGroup;
    const bool ipv4OnDualStack = group.protocol() == QAbstractSocket::IPv4Protocol
            && socket.localAddress().protocol() == QAbstractSocket::AnyIPProtocol;
    if (!ipv4OnDualStack) {
        const bool changed = join
                ? (interface.isValid() ? socket.joinMulticastGroup(group, interface)
                                       : socket.joinMulticastGroup(group))
                : (interface.isValid() ? socket.leaveMulticastGroup(group, interface)
                                       : socket.leaveMulticastGroup(group));
        if (changed)
            return std::nullopt;
        return Failure { socket.error(),
                         SocketHint::explain(socket.error(), operation, group.toString(), 0,
                                             socket.errorString()) };
    }
    const int error = NativeSocket::changeIPv4Membership(
            int(socket.socketDescriptor()), group, interface.isValid() ? interface.index() : 0,
            join);
    if (error == 0)
        return std::nullopt;
    const auto kind = QAbstractSocket::UnsupportedSocketOperationError;
    return Failure { kind, SocketHint::explain(kind, operation, group.toString(), 0,
                                               qt_error_string(error)) };
}

} // namespace MulticastMembership
