#pragma once

#include "net/autoreply.h"
#include "text/payloadcodec.h"
#include "text/streamframer.h"

#include <QByteArray>
#include <QString>

// What one session does, as its tab's fields say, in plain values: enough to write the program
// that does the same, or the one at its other end (ProgramText). Each tab describes itself as
// one (SessionTab::sessionSetup()); the command line describes one with --code.
struct SessionSetup
{
    QString kind {}; // the kind's key: "udp", "tcpClient" or "tcpServer"
    // Where it binds or listens: "" is every address, IPv4 and IPv6 together (a dual-stack
    // socket); an IPv4 or IPv6 literal is that family alone ("0.0.0.0", "::"); a name is
    // looked up as IPv4, as the tutorials do.
    QString localAddress {};
    quint16 localPort = 0; // 0: the system chooses
    // Where it sends (UDP) or connects (TCP client); empty host where there is none.
    QString remoteHost {};
    quint16 remotePort = 0;
    AutoReply autoReply = AutoReply::None;
    bool relayNames = true; // relay: "<user3> " before each message
    bool announces = true; // relay: who joins and who leaves
    StreamFramer::Framing framing = StreamFramer::Framing::None; // TCP
    QByteArray delimiter {}; // for Framing::Delimiter
    PayloadCodec::LineEnding lineEnding = PayloadCodec::LineEnding::None;
    QByteArray message {}; // the composer's bytes, without the line ending
    qsizetype readLimit = 0; // UDP: read at most this many bytes of a datagram; 0 for all

    // The composer's message with its line ending: what Send puts on the wire.
    QByteArray payload() const { return message + PayloadCodec::lineEndingBytes(lineEnding); }
};
