#pragma once

#include <QList>
#include <QNetworkInterface>
#include <QString>

// The addresses a person can pick from, read off this machine's interfaces.
namespace NetworkChoices {

struct Choice
{
    QString label; // what the list shows, e.g. "192.0.2.2 (eth0)"
    QString value; // what binding or sending uses; empty means every address (dual stack)
};

// Every address (IPv4 and IPv6 together), each family's any-address, the loopbacks, and every
// address of every interface that is up.
QList<Choice> localAddresses();
// Loopback, localhost, the limited broadcast address and each interface's broadcast address.
QList<Choice> destinations();
// Interfaces that are up and can do multicast; the loopback interface first.
QList<QNetworkInterface> multicastInterfaces();

} // namespace NetworkChoices
