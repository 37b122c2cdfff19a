#pragma once

#include <QHostAddress>
#include <QString>

// An address and port, printed the way people and our recording write them:
// 127.0.0.1:9000, [::1]:9000. IPv4-mapped IPv6 addresses print as plain IPv4.
struct Endpoint
{
    QHostAddress address;
    quint16 port = 0;

    bool isNull() const { return address.isNull() && port == 0; }
    // "127.0.0.1:9000", "[::1]:9000"; a dual-stack socket on every address is "[::]:9000", the
    // address it is bound to (`ss` writes "*:9000"), never "0.0.0.0:9000", which is IPv4 only.
    QString toString() const;
    // For a sentence: "every address, IPv4 and IPv6, port 9000" (and "every IPv4 address", "every
    // IPv6 address" for the families alone); toString() for any other address.
    QString inWords() const;
    // "user4 (127.0.0.1:41000)", or only the address without a name.
    QString toString(const QString &name) const;

    static QString format(const QHostAddress &address, quint16 port);
    // A dual-stack socket reports IPv4 peers as ::ffff:a.b.c.d; people know them as a.b.c.d.
    static QHostAddress unmapped(const QHostAddress &address);
};

bool operator==(const Endpoint &a, const Endpoint &b);
inline bool operator!=(const Endpoint &a, const Endpoint &b) { return !(a == b); }
