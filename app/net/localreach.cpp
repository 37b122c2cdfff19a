#include "net/localreach.h"

#include "net/endpoint.h"

namespace LocalReach {

QString hostFor(const QHostAddress &address)
{
    if (address == QHostAddress::AnyIPv6)
        return QStringLiteral("::1");
    if (address.isNull() || address == QHostAddress::Any || address == QHostAddress::AnyIPv4)
        return QStringLiteral("127.0.0.1");
    return Endpoint::unmapped(address).toString();
}

QString hostFor(const QString &address)
{
    const QHostAddress parsed(address);
    return address.isEmpty() || !parsed.isNull() ? hostFor(parsed) : address;
}

QString hostPort(const QString &host, quint16 port)
{
    return (host.contains(u':') ? u'[' + host + u']' : host) + u':' + QString::number(port);
}

QString client(Transport transport, const QString &host, quint16 port)
{
    return (transport == Transport::Udp ? QStringLiteral("nc -u %1 %2")
                                        : QStringLiteral("nc %1 %2"))
        .arg(host, QString::number(port));
}

QString server(quint16 port)
{
    return QStringLiteral("nc -l %1").arg(port);
}

} // namespace LocalReach
