#pragma once

#include "net/transport.h"

#include <QHostAddress>
#include <QString>

// How another program on this machine reaches a socket of ours: the address to give it and
// the command a student would type (nc), for the first steps an empty log suggests.
namespace LocalReach {

// The address to connect or send to for a socket bound to `address`, as the tabs' address
// fields hold it ("" for every address, "0.0.0.0", "::", "127.0.0.1", a host name): loopback
// of the family that every address covers, or the address itself.
QString hostFor(const QString &address);
QString hostFor(const QHostAddress &address);

// "127.0.0.1:9000", "[::1]:9000", "example.com:80": a host as typed, and a port.
QString hostPort(const QString &host, quint16 port);

// "nc -u 127.0.0.1 9000" for UDP, "nc 127.0.0.1 9000" for TCP: a client of ours.
QString client(Transport transport, const QString &host, quint16 port);
// "nc -l 9000": a TCP server for ours to connect to, on this machine.
QString server(quint16 port);

} // namespace LocalReach
