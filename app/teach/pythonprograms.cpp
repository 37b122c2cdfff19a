#include "teach/pythonprograms.h"

#include "teach/programparts.h"
#include "teach/pythonsyntax.h"
#include "teach/programtext.h"

#include <QHostAddress>

using namespace ProgramParts;
using PythonSyntax::bytesLiteral;
using PythonSyntax::stringLiteral;

namespace PythonPrograms {

namespace {

QString udpClient(const SessionSetup &setup)
{
    const QString host = reachHost(setup);
    QStringList text
        = { header(QStringLiteral("A UDP client for Sockscope's UDP tab (auto-reply: ")
                       + autoReplyWords(setup.autoReply) + u").",
                   { setup.autoReply == AutoReply::None
                             ? QStringLiteral("It sends one datagram with sendto().")
                             : QStringLiteral("It sends one datagram with sendto() and prints "
                                              "the answer."),
                     QStringLiteral("Run it with: python3 udp_client.py") }),
            QStringLiteral("import socket"),
            QString(),
            u"SERVER = (" + stringLiteral(host) + u", " + QString::number(reachPort(setup))
                + u")  # where the UDP tab is bound",
            u"MESSAGE = " + bytesLiteral(sampleMessage(setup)),
            QString() };
    if (setup.localPort == 0)
        text.insert(
            text.size() - 2,
            QStringLiteral("# (The tab chooses its port when it starts: put that port here.)"));
    text << QStringLiteral(
        "# SOCK_DGRAM is UDP. There is no connection: each sendto() names where it goes.")
         << remoteSocket(QStringLiteral("sock"), host, QStringLiteral("SOCK_DGRAM"))
         << QStringLiteral("sock.sendto(MESSAGE, SERVER)")
         << QStringLiteral("print('Sent', MESSAGE, 'to', SERVER)");
    if (setup.autoReply == AutoReply::Echo || setup.autoReply == AutoReply::Timestamp) {
        text << (setup.autoReply == AutoReply::Echo
                     ? QStringLiteral("# The tab sends every datagram back (auto-reply: echo).")
                     : QStringLiteral(
                         "# The tab answers every datagram with \"[<ctime>] <datagram>\" "
                         "(auto-reply: timestamp)."))
             << QStringLiteral("# UDP may lose a datagram: wait 5 s at most, not forever.")
             << QStringLiteral("sock.settimeout(5)")
             << QStringLiteral("data, server = sock.recvfrom(65535)")
             << QStringLiteral("print('Received', data, 'from', server)");
    } else {
        text << QStringLiteral(
            "# The tab shows the datagram in its log. To get an answer, choose an "
            "auto-reply there,")
             << QStringLiteral(
                    "# or type one and press Ctrl+R (Reply to Last Sender), and receive it "
                    "here with")
             << QStringLiteral("# data, server = sock.recvfrom(65535)");
    }
    text << QStringLiteral("sock.close()");
    return lines(text);
}

// The recvfrom() loop, and the auto-reply's answer to each datagram.
QStringList udpLoop(const SessionSetup &setup)
{
    QStringList text;
    const QString limit
        = setup.readLimit > 0 ? QString::number(setup.readLimit) : QStringLiteral("65535");
    text << QStringLiteral("while True:")
         << (setup.readLimit > 0 ? u"    # One recvfrom() is one datagram and who sent it; at most "
                     + limit + u" bytes of it are read, the rest is lost."
                                 : QStringLiteral("    # One recvfrom() is one whole datagram "
                                                  "(65,535 bytes at most), and who sent it."))
         << u"    data, address = sock.recvfrom(" + limit + u')'
         << QStringLiteral("    print('Received', data, 'from', address, flush=True)");
    if (setup.autoReply == AutoReply::Echo) {
        text << QStringLiteral(
            "    sock.sendto(data, address)  # echo: the datagram back to its sender");
    } else if (setup.autoReply == AutoReply::Timestamp) {
        text << QStringLiteral(
            "    # \"[Sat Nov 21 14:28:49 2026] <datagram>\": the time as ctime() writes it.")
             << QStringLiteral(
                    "    sock.sendto(b'[%s] %s' % (time.ctime().encode(), data), address)");
    }
    return text;
}

QString udpServer(const SessionSetup &setup)
{
    const LocalSocket local = ProgramParts::localSocket(setup.localAddress);
    const QString reply = setup.autoReply == AutoReply::Echo
        ? QStringLiteral(", sending every datagram back")
        : setup.autoReply == AutoReply::Timestamp
        ? QStringLiteral(", answering every datagram with a timestamp")
        : QString();
    QStringList text
        = { header(u"What Sockscope's UDP tab does: bound to " + localWords(setup) + reply + u'.',
                   { QStringLiteral("Run it with: python3 udp_server.py   (Ctrl+C stops it)") }),
            QStringLiteral("import socket") };
    if (setup.autoReply == AutoReply::Timestamp)
        text << QStringLiteral("import time");
    text << QString()
         << PythonPrograms::localSocket(QStringLiteral("sock"), setup.localAddress,
                                        QStringLiteral("SOCK_DGRAM"))
         << u"sock.bind((" + stringLiteral(local.bindHost) + u", " + QString::number(setup.localPort)
            + u"))"
            + (setup.localPort == 0 ? QStringLiteral("  # port 0: the system chooses one")
                                    : QString())
         << QStringLiteral("print('Bound to port', sock.getsockname()[1], flush=True)");
    if (!setup.message.isEmpty() && !setup.remoteHost.isEmpty() && setup.remotePort != 0) {
        text << QString()
             << QStringLiteral("# Send: the composer's message, one datagram to the destination.")
             << u"sock.sendto(" + bytesLiteral(setup.payload()) + u", "
                + destination(setup.localAddress, setup.remoteHost, setup.remotePort) + u')';
    }
    text << QString() << udpLoop(setup);
    return lines(text);
}

} // namespace

QString otherEnd(const SessionSetup &setup)
{
    if (setup.kind == u"tcpServer")
        return setup.autoReply == AutoReply::Relay ? tcpChatClient(setup) : tcpServerClient(setup);
    if (setup.kind == u"tcpClient")
        return tcpClientServer(setup);
    return udpClient(setup);
}

QString thisEnd(const SessionSetup &setup)
{
    if (setup.kind == u"tcpServer")
        return setup.autoReply == AutoReply::Relay ? tcpChatServer(setup) : tcpServer(setup);
    if (setup.kind == u"tcpClient")
        return tcpClient(setup);
    return udpServer(setup);
}

namespace {

// `text` in lines of at most 79 columns (PEP 8), the first after `lead`.
QStringList wrapped(const QString &text, const QString &lead = {})
{
    QStringList result;
    QString line = lead;
    for (const QString &word : text.split(u' ')) {
        if (line.size() > lead.size() && line.size() + 1 + word.size() > 79) {
            result << line;
            line.clear();
        }
        line += (line.size() > (result.isEmpty() ? lead.size() : 0) ? QStringLiteral(" ")
                                                                     : QString())
                + word;
    }
    return result << line;
}

} // namespace

QString header(const QString &summary, const QStringList &details)
{
    QStringList text = { QStringLiteral("#!/usr/bin/env python3") };
    text << wrapped(summary, QStringLiteral("\"\"\""));
    if (!details.isEmpty()) {
        text << QString();
        for (const QString &detail : details)
            text << wrapped(detail);
    }
    text << QStringLiteral("\"\"\"");
    return text.join(u'\n');
}

QStringList localSocket(const QString &name, const QString &address, const QString &type)
{
    const LocalSocket local = ProgramParts::localSocket(address);
    const QString family = local.ipv6 ? QStringLiteral("AF_INET6") : QStringLiteral("AF_INET");
    QStringList text = { name + u" = socket.socket(socket." + family + u", socket." + type + u')' };
    if (local.dualStack) {
        text << QStringLiteral(
            "# IPV6_V6ONLY off: this IPv6 socket takes IPv4 too, so '' is every address, IPv4")
             << QStringLiteral("# and IPv6 (an IPv4 peer shows as ::ffff:a.b.c.d).")
             << name + u".setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)";
    } else if (local.v6Only) {
        text << QStringLiteral("# IPV6_V6ONLY on: '' is every IPv6 address, and no IPv4 one.")
             << name + u".setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)";
    }
    return text;
}

QString remoteSocket(const QString &name, const QString &host, const QString &type)
{
    const QString family
        = isIpv6Literal(host) ? QStringLiteral("AF_INET6") : QStringLiteral("AF_INET");
    return name + u" = socket.socket(socket." + family + u", socket." + type + u')';
}

QString destination(const QString &address, const QString &host, quint16 port)
{
    const QHostAddress literal(host);
    const bool mapped = ProgramParts::localSocket(address).ipv6 && !literal.isNull()
        && literal.protocol() == QAbstractSocket::IPv4Protocol;
    return u'(' + stringLiteral(mapped ? u"::ffff:" + host : host) + u", " + QString::number(port)
        + u')';
}

QStringList completeMessages(const SessionSetup &setup)
{
    const QByteArray end = terminator(setup);
    if (!end.isEmpty()) {
        return { u"DELIMITER = " + bytesLiteral(end) + u"  # " + framingWords(setup),
                 QString(),
                 QString(),
                 QStringLiteral("def complete_messages(buffer):"),
                 QStringLiteral("    \"\"\"Cuts the complete messages off the front of buffer: "
                                "(messages, the rest)."),
                 QStringLiteral("    TCP keeps no boundaries: a message ends with DELIMITER, "
                                "whatever reads it came in.\"\"\""),
                 QStringLiteral("    messages = []"),
                 QStringLiteral("    while DELIMITER in buffer:"),
                 QStringLiteral("        end = buffer.index(DELIMITER) + len(DELIMITER)"),
                 QStringLiteral("        messages.append(buffer[:end])"),
                 QStringLiteral("        buffer = buffer[end:]"),
                 QStringLiteral("    return messages, buffer") };
    }
    if (prefixBytes(setup) == 0)
        return {};
    return {
        QStringLiteral("HEADER = struct.Struct(") + (prefixBytes(setup) == 2 ? u"'!H'" : u"'!I'")
            + u")  # " + framingWords(setup),
        QString(),
        QString(),
        QStringLiteral("def complete_messages(buffer):"),
        QStringLiteral(
            "    \"\"\"Cuts the complete messages off the front of buffer: (messages, the rest)."),
        QStringLiteral(
            "    TCP keeps no boundaries: a message is its length, then that many bytes.\"\"\""),
        QStringLiteral("    messages = []"),
        QStringLiteral("    while len(buffer) >= HEADER.size:"),
        QStringLiteral("        (length,) = HEADER.unpack_from(buffer)"),
        QStringLiteral("        end = HEADER.size + length"),
        QStringLiteral("        if len(buffer) < end:"),
        QStringLiteral("            break"),
        QStringLiteral("        messages.append(buffer[:end])  # with its length, as it came"),
        QStringLiteral("        buffer = buffer[end:]"),
        QStringLiteral("    return messages, buffer")
    };
}

QStringList answer(const SessionSetup &setup, const QString &indent)
{
    if (setup.autoReply == AutoReply::Echo)
        return { indent + QStringLiteral("conn.sendall(message)  # echo: the message back") };
    if (setup.autoReply == AutoReply::Timestamp) {
        return {
            indent
                + QStringLiteral(
                    "# \"[Sat Nov 21 14:28:49 2026] <message>\": the time as ctime() writes it."),
            indent + QStringLiteral("conn.sendall(b'[%s] %s' % (time.ctime().encode(), message))")
        };
    }
    return {};
}

} // namespace PythonPrograms
