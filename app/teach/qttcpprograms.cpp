// The TCP programs of QtPrograms: what the TCP Server and the TCP Client tabs do.
#include "teach/programparts.h"
#include "teach/programtext.h"
#include "teach/qtprograms.h"

#include "net/localreach.h"

using namespace ProgramParts;

namespace QtPrograms {

namespace {

// What the server does with what `client` sent: each complete message, or each read unframed.
QString handleData(const SessionSetup &setup)
{
    const QString indent = QStringLiteral("                ");
    QString text;
    if (isFramed(setup)) {
        text = indent + u"QByteArray &buffer = clients[client].buffer;\n" + indent
            + u"buffer += data;\n" + indent
            + u"for (const QByteArray &message : completeMessages(buffer)) {\n";
    } else {
        text = indent + u"{\n" + indent
            + u"    const QByteArray &message = data; // no framing: each read\n";
    }
    if (setup.autoReply == AutoReply::Relay) {
        text += indent + u"    sendToOthers("
            + (setup.relayNames
                   ? QStringLiteral("'<' + clients.value(client).name + \"> \" + message")
                   : QStringLiteral("message"))
            + u", client);\n";
    } else if (setup.autoReply == AutoReply::None) {
        if (!isFramed(setup))
            return {};
        text += indent + u"    qInfo() << \"Complete message\" << message;\n";
    } else {
        text += indent + u"    "
            + answer(setup, QStringLiteral("client"), QStringLiteral("message"));
    }
    return text + indent + u"}\n";
}

QString peerFunction(const SessionSetup &setup)
{
    if (setup.autoReply != AutoReply::Relay || !setup.announces)
        return {};
    return QStringLiteral(R"(
// "127.0.0.1:41000" or "[::1]:41000": an IPv4 peer of a dual-stack socket without its ::ffff:.
static QByteArray peerText(const QTcpSocket *socket)
{
    bool isIpv4 = false;
    const QHostAddress ipv4(socket->peerAddress().toIPv4Address(&isIpv4));
    const QString host = isIpv4 ? ipv4.toString() : '[' + socket->peerAddress().toString() + ']';
    return (host + ':' + QString::number(socket->peerPort())).toUtf8();
}
)");
}

QString welcome(const SessionSetup &setup)
{
    if (setup.autoReply != AutoReply::Relay)
        return {};
    QString text = QStringLiteral(
        "            const QByteArray name = \"user\" + QByteArray::number(++joined);\n");
    if (setup.announces) {
        text
            += QStringLiteral(R"(            QMap<int, QByteArray> others; // by the order they came
            for (const Client &other : std::as_const(clients))
                others.insert(other.number, other.name);
            client->write("<announce> You are " + name + ". "
                          + (others.isEmpty() ? QByteArray("Nobody else is here yet.")
                                              : "Also here: " + others.values().join(", ") + '.')
                          + '\n');
            sendToOthers("<announce> " + name + " joined from " + peerText(client) + ".\n",
                         nullptr);
)");
    }
    return text;
}

} // namespace

// The template is the program as it reads, its choices filled in; hence its length.
QString tcpServer(const SessionSetup &setup)
{
    const bool relay = setup.autoReply == AutoReply::Relay;
    QString send;
    if (!setup.message.isEmpty() && !relay)
        send = u"            client->write(" + bytes(setup.payload())
            + u"); // Send: the composer's message\n";
    const bool announces = relay && setup.announces;
    const QString left = announces
        ? QStringLiteral(
            "                const QByteArray name = clients.take(client).name;\n"
            "                sendToOthers(\"<announce> \" + name + \" left.\\n\", nullptr);\n")
        : QStringLiteral("                clients.remove(client);\n");
    const QString relayState = QStringLiteral(R"(    int joined = 0; // clients so far, to name them
    // The chat room: `data` to every client but `sender` (nullptr: to every client).
    const auto sendToOthers = [&clients](const QByteArray &data, const QTcpSocket *sender) {
        for (auto it = clients.keyBegin(); it != clients.keyEnd(); ++it) {
            if (*it != sender)
                (*it)->write(data);
        }
    };
)");
    return fill(
        QStringLiteral(R"(@HEADER@
@INCLUDES@@TIMESTAMP@@FRAMING@@PEER@
struct Client
{
    QByteArray name; // user1, user2, … in the order they came
    QByteArray buffer; // the start of a message whose end has not come yet
    int number = 0; // 1, 2, …
};

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QTcpServer server;
    QHash<QTcpSocket *, Client> clients;
@RELAYSTATE@@ADDRESSCOMMENT@    if (!server.listen(@ADDRESS@, @PORT@)) {
        qCritical() << "Cannot listen:" << server.errorString();
        return 1;
    }
    qInfo() << "Listening on port" << server.serverPort();
    // newConnection: clients wait to be taken, one or several.
    QObject::connect(&server, &QTcpServer::newConnection, &server, [&] {
        while (QTcpSocket *client = server.nextPendingConnection()) {
            qInfo() << "Connection from" << client->peerAddress() << client->peerPort();
@WELCOME@            clients.insert(client, Client { @NAME@, {}, @NUMBER@ });
@SEND@            // readyRead: bytes have arrived. TCP is a stream: one send may be several reads.
            QObject::connect(client, &QTcpSocket::readyRead, client, [client, &clients@RELAYCAPTURE@] {
                const QByteArray data = client->readAll();
                qInfo() << "Received" << data << "from" << client->peerPort();
@HANDLE@            });
            // The client closed its end (FIN): close ours, and forget it.
            QObject::connect(client, &QTcpSocket::disconnected, client, [client, &clients@LEFTCAPTURE@] {
@LEFT@                client->deleteLater();
            });
        }
    });
    return app.exec();
}
)"),
        { { QStringLiteral("HEADER"),
            header(setup,
                   u"listening on " + localWords(setup) + u", auto-reply "
                       + autoReplyWords(setup.autoReply) + u", " + framingWords(setup) + u'.',
                   QStringLiteral("tcp_server")) },
          { QStringLiteral("INCLUDES"),
            includes(setup,
                     announces ? QStringList { QStringLiteral("QMap"), QStringLiteral("QTcpServer"),
                                               QStringLiteral("QTcpSocket") }
                               : QStringList { QStringLiteral("QTcpServer"),
                                               QStringLiteral("QTcpSocket") }) },
          { QStringLiteral("TIMESTAMP"), timestampFunction(setup) },
          { QStringLiteral("FRAMING"), framingFunction(setup) },
          { QStringLiteral("PEER"), peerFunction(setup) },
          { QStringLiteral("ADDRESSCOMMENT"), addressComment(setup.localAddress) },
          { QStringLiteral("ADDRESS"), address(setup.localAddress) },
          { QStringLiteral("PORT"), QString::number(setup.localPort) },
          { QStringLiteral("WELCOME"), welcome(setup) },
          { QStringLiteral("NAME"), relay ? QStringLiteral("name") : QStringLiteral("{}") },
          { QStringLiteral("NUMBER"), relay ? QStringLiteral("joined") : QStringLiteral("0") },
          { QStringLiteral("SEND"), send },
          { QStringLiteral("RELAYSTATE"), relay ? relayState : QString() },
          { QStringLiteral("RELAYCAPTURE"), relay ? QStringLiteral(", &sendToOthers") : QString() },
          { QStringLiteral("LEFTCAPTURE"),
            announces ? QStringLiteral(", &sendToOthers") : QString() },
          { QStringLiteral("HANDLE"), handleData(setup) },
          { QStringLiteral("LEFT"), left } });
}

// The template is the program as it reads, its choices filled in; hence its length.
QString tcpClient(const SessionSetup &setup)
{
    const bool framed = isFramed(setup);
    const QString host
        = setup.remoteHost.isEmpty() ? QStringLiteral("127.0.0.1") : setup.remoteHost;
    return fill(
        QStringLiteral(R"(@HEADER@
@INCLUDES@@FRAMING@
int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QTcpSocket socket;
@BUFFER@    QObject::connect(&socket, &QTcpSocket::connected, &socket, [&socket] {
        qInfo() << "Connected from" << socket.localAddress() << socket.localPort();
        socket.write(@MESSAGE@); // the composer's message, with its line ending
    });
    // readyRead: bytes have arrived. TCP is a stream: one send may be several reads.
    QObject::connect(&socket, &QTcpSocket::readyRead, &socket, [&socket@CAPTURE@] {
        const QByteArray data = socket.readAll();
        qInfo() << "Received" << data;
@MESSAGES@    });
    // The server closed its end (FIN): the connection is over.
    QObject::connect(&socket, &QTcpSocket::disconnected, &app, &QCoreApplication::quit);
    QObject::connect(&socket, &QTcpSocket::errorOccurred, &app,
                     [&socket](QAbstractSocket::SocketError error) {
                         if (error == QAbstractSocket::RemoteHostClosedError)
                             return; // disconnected() follows
                         qCritical() << "Error:" << socket.errorString();
                         QCoreApplication::exit(1);
                     });
    socket.connectToHost(QStringLiteral("@HOST@"), @PORT@);
    return app.exec();
}
)"),
        { { QStringLiteral("HEADER"),
            header(setup,
                   u"connects to " + LocalReach::hostPort(host, setup.remotePort)
                       + u", sends the message and shows what comes back (" + framingWords(setup)
                       + u").",
                   QStringLiteral("tcp_client")) },
          { QStringLiteral("INCLUDES"), includes(setup, { QStringLiteral("QTcpSocket") }) },
          { QStringLiteral("FRAMING"), framingFunction(setup) },
          { QStringLiteral("BUFFER"),
            framed ? QStringLiteral(
                "    QByteArray buffer; // the start of a message whose end has not come yet\n")
                   : QString() },
          { QStringLiteral("MESSAGE"), bytes(sampleMessage(setup)) },
          { QStringLiteral("CAPTURE"), framed ? QStringLiteral(", &buffer") : QString() },
          { QStringLiteral("MESSAGES"),
            framed ? QStringLiteral(
                "        buffer += data;\n"
                "        for (const QByteArray &message : completeMessages(buffer))\n"
                "            qInfo() << \"Complete message\" << message;\n")
                   : QString() },
          { QStringLiteral("HOST"), host },
          { QStringLiteral("PORT"), QString::number(setup.remotePort) } });
}

} // namespace QtPrograms
