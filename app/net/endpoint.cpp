#include "net/endpoint.h"

QString Endpoint::toString() const
{
    return isNull() ? QString() : format(address, port);
}

QHostAddress Endpoint::unmapped(const QHostAddress &address)
{
    if (address.protocol() != QAbstractSocket::IPv6Protocol)
        return address;
    bool isMappedIPv4 = false;
    const quint32 ipv4 = address.toIPv4Address(&isMappedIPv4);
    return isMappedIPv4 ? QHostAddress(ipv4) : address;
}

QString Endpoint::toString(const QString &name) const
{
    return name.isEmpty() ? toString() : name + u" (" + toString() + u')';
}

QString Endpoint::format(const QHostAddress &address, quint16 port)
{
    const QHostAddress plain = unmapped(address);
    const QString host = plain.toString();
    if (plain.protocol() == QAbstractSocket::IPv6Protocol)
        return u'[' + host + u"]:" + QString::number(port);
    return host + u':' + QString::number(port);
}

bool operator==(const Endpoint &a, const Endpoint &b)
{
    return a.port == b.port && a.address.isEqual(b.address, QHostAddress::TolerantConversion);
}
