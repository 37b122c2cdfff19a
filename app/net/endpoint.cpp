#include "net/endpoint.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

QString Endpoint::toString() const
{
    return isNull() ? QString() : format(address, port);
}

QString Endpoint::inWords() const
{
    const char *words = nullptr;
    if (address.protocol() == QAbstractSocket::AnyIPProtocol)
        words = QT_TRANSLATE_NOOP("Endpoint", "every address, IPv4 and IPv6, port %1");
    else if (address == QHostAddress(QHostAddress::AnyIPv4))
        words = QT_TRANSLATE_NOOP("Endpoint", "every IPv4 address, port %1");
    else if (address == QHostAddress(QHostAddress::AnyIPv6))
        words = QT_TRANSLATE_NOOP("Endpoint", "every IPv6 address, port %1");
    return words ? QCoreApplication::translate("Endpoint", words).arg(port) : toString();
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
    if (plain.protocol() == QAbstractSocket::AnyIPProtocol) // one socket for both families
        return u"[::]:"_s + QString::number(port);
    const QString host = plain.toString();
    if (plain.protocol() == QAbstractSocket::IPv6Protocol)
        return u'[' + host + u"]:" + QString::number(port);
    return host + u':' + QString::number(port);
}

bool operator==(const Endpoint &a, const Endpoint &b)
{
    return a.port == b.port && a.address.isEqual(b.address, QHostAddress::TolerantConversion);
}
