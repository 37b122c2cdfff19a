#include "teach/qtprograms.h"

#include "teach/programparts.h"
#include "teach/programtext.h"

#include <QHostAddress>

using namespace ProgramParts;
using ProgramText::cppBytes;

namespace QtPrograms {

QString bytes(const QByteArray &data)
{
    return u"QByteArray(" + cppBytes(data) + u", " + QString::number(data.size()) + u')';
}

// A QHostAddress for a tab's address field: "" is every address, IPv4 and IPv6.
QString address(const QString &field)
{
    if (field.isEmpty())
        return QStringLiteral("QHostAddress::Any");
    const QHostAddress literal(field);
    if (literal == QHostAddress::AnyIPv4)
        return QStringLiteral("QHostAddress::AnyIPv4");
    if (literal == QHostAddress::AnyIPv6)
        return QStringLiteral("QHostAddress::AnyIPv6");
    if (!literal.isNull())
        return u"QHostAddress(QStringLiteral(\"" + field + u"\"))";
    return u"QHostInfo::fromName(QStringLiteral(\"" + field + u"\")).addresses().value(0)";
}

QString addressComment(const QString &field)
{
    if (field.isEmpty())
        return QStringLiteral("    // QHostAddress::Any: every address, IPv4 and IPv6 together "
                              "(one dual-stack socket).\n");
    return {};
}

QString header(const SessionSetup &setup, const QString &what, const QString &target)
{
    return comment(u"What Sockscope's " + kindName(setup.kind) + u" tab does, in Qt: " + what,
                   QStringLiteral("// "))
        + u"//\n"
          u"// Build it with CMake (Qt 6):\n"
          u"//   find_package(Qt6 REQUIRED COMPONENTS Network)\n"
          u"//   add_executable("
        + target
        + u" main.cpp)\n"
          u"//   target_link_libraries("
        + target
        + u" PRIVATE Qt6::Network)\n"
          u"// or with qmake: QT += network in its .pro file.\n";
}

QString includes(const SessionSetup &setup, QStringList headers)
{
    headers << QStringLiteral("QCoreApplication") << QStringLiteral("QDebug");
    if (setup.autoReply == AutoReply::Timestamp && setup.kind != u"tcpClient")
        headers << QStringLiteral("QDateTime") << QStringLiteral("QLocale");
    if (prefixBytes(setup) > 0 && setup.kind != u"udp")
        headers << QStringLiteral("QtEndian");
    if (setup.kind == u"tcpServer")
        headers << QStringLiteral("QHash");
    const bool name
        = QHostAddress(setup.kind == u"udp" || setup.kind == u"tcpServer" ? setup.localAddress
                                                                          : QString())
              .isNull()
        && !setup.localAddress.isEmpty();
    if (name
        || (setup.kind == u"udp" && !setup.remoteHost.isEmpty()
            && QHostAddress(setup.remoteHost).isNull()))
        headers << QStringLiteral("QHostInfo");
    headers.sort();
    headers.removeDuplicates();
    QString text;
    for (const QString &h : std::as_const(headers))
        text += u"#include <" + h + u">\n";
    return text;
}

QString timestampFunction(const SessionSetup &setup)
{
    if (setup.autoReply != AutoReply::Timestamp || setup.kind == u"tcpClient")
        return {};
    return QStringLiteral(R"(
// "[Sat Nov 21 14:28:49 2026] <payload>": the time as C's ctime() writes it.
static QByteArray timestamped(const QByteArray &payload)
{
    const QDateTime now = QDateTime::currentDateTime();
    const QLocale c = QLocale::c();
    const QString stamp = c.toString(now, QStringLiteral("ddd MMM "))
            + QStringLiteral("%1").arg(now.date().day(), 2)
            + c.toString(now, QStringLiteral(" hh:mm:ss yyyy"));
    return '[' + stamp.toLatin1() + "] " + payload;
}
)");
}

QString framingFunction(const SessionSetup &setup)
{
    const QByteArray end = terminator(setup);
    if (!end.isEmpty()) {
        return fill(QStringLiteral(R"(
@COMMENT@static QList<QByteArray> completeMessages(QByteArray &buffer)
{
    const QByteArray delimiter = @DELIMITER@;
    QList<QByteArray> messages;
    for (qsizetype at = buffer.indexOf(delimiter); at >= 0; at = buffer.indexOf(delimiter)) {
        messages.append(buffer.left(at + delimiter.size()));
        buffer.remove(0, at + delimiter.size());
    }
    return messages;
}
)"),
                    { { QStringLiteral("COMMENT"),
                        comment(u"TCP keeps no boundaries: cuts the complete messages ("
                                    + framingWords(setup)
                                    + u") off the front of `buffer`, whatever reads they "
                                      u"came in. A message keeps its end, as it came.",
                                QStringLiteral("// ")) },
                      { QStringLiteral("DELIMITER"), bytes(end) } });
    }
    if (prefixBytes(setup) == 0)
        return {};
    return fill(
        QStringLiteral(R"(
@COMMENT@static QList<QByteArray> completeMessages(QByteArray &buffer)
{
    QList<QByteArray> messages;
    while (buffer.size() >= @SIZE@) {
        const qsizetype end = @SIZE@ + qFromBigEndian<@TYPE@>(buffer.constData());
        if (buffer.size() < end)
            break;
        messages.append(buffer.left(end));
        buffer.remove(0, end);
    }
    return messages;
}
)"),
        { { QStringLiteral("COMMENT"),
            comment(u"TCP keeps no boundaries: cuts the complete messages (" + framingWords(setup)
                        + u") off the front of `buffer`, whatever reads they "
                          u"came in. A message keeps its end, as it came.",
                    QStringLiteral("// ")) },
          { QStringLiteral("SIZE"), QString::number(prefixBytes(setup)) },
          { QStringLiteral("TYPE"),
            prefixBytes(setup) == 2 ? QStringLiteral("quint16") : QStringLiteral("quint32") } });
}

QString answer(const SessionSetup &setup, const QString &socket, const QString &message)
{
    if (setup.autoReply == AutoReply::Echo)
        return socket + u"->write(" + message + u"); // echo: the message back\n";
    if (setup.autoReply == AutoReply::Timestamp)
        return socket + u"->write(timestamped(" + message + u"));\n";
    return {};
}

namespace {

// The template is the program as it reads, its choices filled in; hence its length.
QString udp(const SessionSetup &setup)
{
    QString send;
    if (!setup.message.isEmpty() && !setup.remoteHost.isEmpty() && setup.remotePort != 0) {
        const bool name = QHostAddress(setup.remoteHost).isNull();
        send = u"    // Send: the composer's message, one datagram to the destination.\n"
            + (name ? QStringLiteral("    // fromName() waits for the lookup: here, before the "
                                     "event loop runs, that is fine.\n")
                    : QString())
            + u"    const QHostAddress destination = " + address(setup.remoteHost) + u";\n"
            + u"    socket.writeDatagram(" + bytes(setup.payload()) + u", destination, "
            + QString::number(setup.remotePort) + u");\n";
    }
    QString reply;
    if (setup.autoReply == AutoReply::Echo)
        reply = QStringLiteral(
            "            socket.writeDatagram(datagram.makeReply(datagram.data())); // echo\n");
    else if (setup.autoReply == AutoReply::Timestamp)
        reply = QStringLiteral(
            "            "
            "socket.writeDatagram(datagram.makeReply(timestamped(datagram.data())));\n");
    return fill(
        QStringLiteral(R"(@HEADER@
@INCLUDES@@TIMESTAMP@
int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QUdpSocket socket;
@ADDRESSCOMMENT@    if (!socket.bind(@ADDRESS@, @PORT@)) {
        qCritical() << "Cannot bind:" << socket.errorString();
        return 1;
    }
    qInfo() << "Bound to port" << socket.localPort();
@SEND@    // readyRead: datagrams wait. One signal may stand for several, so read them all.
    QObject::connect(&socket, &QUdpSocket::readyRead, &socket, [&socket] {
        while (socket.hasPendingDatagrams()) {
            @LIMITCOMMENT@const QNetworkDatagram datagram = socket.receiveDatagram(@LIMIT@);
            qInfo() << "Received" << datagram.data() << "from" << datagram.senderAddress()
                    << datagram.senderPort();
@REPLY@        }
    });
    return app.exec();
}
)"),
        { { QStringLiteral("HEADER"),
            header(setup,
                   u"bound to " + localWords(setup) + u", auto-reply "
                       + autoReplyWords(setup.autoReply) + u'.',
                   QStringLiteral("udp_server")) },
          { QStringLiteral("INCLUDES"),
            includes(setup, { QStringLiteral("QNetworkDatagram"), QStringLiteral("QUdpSocket") }) },
          { QStringLiteral("TIMESTAMP"), timestampFunction(setup) },
          { QStringLiteral("ADDRESSCOMMENT"), addressComment(setup.localAddress) },
          { QStringLiteral("ADDRESS"), address(setup.localAddress) },
          { QStringLiteral("PORT"), QString::number(setup.localPort) },
          { QStringLiteral("SEND"), send },
          { QStringLiteral("LIMITCOMMENT"),
            setup.readLimit > 0 ? u"// At most " + QString::number(setup.readLimit)
                    + u" bytes of a datagram; the rest is lost.\n            "
                                : QString() },
          { QStringLiteral("LIMIT"),
            setup.readLimit > 0 ? QString::number(setup.readLimit) : QString() },
          { QStringLiteral("REPLY"), reply } });
}

} // namespace

QString thisEnd(const SessionSetup &setup)
{
    if (setup.kind == u"tcpServer")
        return tcpServer(setup);
    if (setup.kind == u"tcpClient")
        return tcpClient(setup);
    return udp(setup);
}

} // namespace QtPrograms
