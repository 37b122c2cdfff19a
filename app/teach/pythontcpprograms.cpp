// The TCP programs of PythonPrograms: a client and a chat client for a TCP Server tab, a
// server for a TCP Client tab, and what the TCP tabs themselves do.
#include "teach/programparts.h"
#include "teach/pythonsyntax.h"
#include "teach/programtext.h"
#include "teach/pythonprograms.h"

#include "net/localreach.h"

using namespace ProgramParts;
using PythonSyntax::bytesLiteral;
using PythonSyntax::stringLiteral;

namespace PythonPrograms {

namespace {

QString serverLine(const QString &host, quint16 port, const QString &comment)
{
    return u"SERVER = (" + stringLiteral(host) + u", " + QString::number(port) + u")  # " + comment;
}

// bind() to `host` and `port`, and what a port 0 means.
QString bindLine(const QString &host, quint16 port)
{
    QString line = u"server.bind((" + stringLiteral(host) + u", " + QString::number(port) + u"))";
    if (port == 0)
        line += QStringLiteral("  # port 0: the system chooses one");
    return line;
}

QStringList imports(const SessionSetup &setup, QStringList modules)
{
    if (prefixBytes(setup) > 0)
        modules << QStringLiteral("struct");
    if (setup.autoReply == AutoReply::Timestamp && setup.kind == u"tcpServer")
        modules << QStringLiteral("time");
    modules.sort();
    QStringList text;
    for (const QString &module : std::as_const(modules))
        text << u"import " + module;
    return text;
}

// How the client sends MESSAGE so that the tab's framing finds one message in it.
QStringList sendMessage(const SessionSetup &setup)
{
    QStringList text;
    if (prefixBytes(setup) > 0) {
        text << u"# The tab's framing is " + framingWords(setup) + u'.'
             << QStringLiteral("request = HEADER.pack(len(MESSAGE)) + MESSAGE");
    } else {
        text << (isFramed(setup)
                     ? u"# The tab's framing is " + framingWords(setup)
                         + u": it answers each whole one."
                     : QStringLiteral("# No framing: the tab answers each read as it comes."))
             << QStringLiteral("request = MESSAGE");
    }
    return text << QStringLiteral(
               "sock.sendall(request)  # sendall(): a send() may write only a part")
                << QStringLiteral("print('Sent', request)");
}

// How it reads the tab's answer: as many bytes as it will be.
QStringList readAnswer(const SessionSetup &setup)
{
    QStringList text;
    if (setup.autoReply == AutoReply::Echo) {
        text << QStringLiteral(
            "# The tab sends it back (auto-reply: echo): as many bytes as were sent.")
             << QStringLiteral("expected = len(request)");
    } else if (setup.autoReply == AutoReply::Timestamp) {
        text << QStringLiteral(
            "# The tab answers \"[<ctime>] \" (27 bytes) and the message (auto-reply: timestamp).")
             << QStringLiteral("expected = 27 + len(request)");
    } else {
        return { QStringLiteral("# The tab only logs it (auto-reply: none): type an answer in its "
                                "composer to send one."),
                 QStringLiteral("sock.close()") };
    }
    return text
        << QStringLiteral("reply = b''")
        << QStringLiteral(
               "while len(reply) < expected:  # a byte stream: the answer may come in pieces")
        << QStringLiteral("    data = sock.recv(4096)")
        << QStringLiteral("    if not data:  # the server closed")
        << QStringLiteral("        break") << QStringLiteral("    reply += data")
        << QStringLiteral("print('Received', reply)") << QStringLiteral("sock.close()");
}

QString headerConstant(const SessionSetup &setup)
{
    return QStringLiteral("HEADER = struct.Struct(") + (prefixBytes(setup) == 2 ? u"'!H'" : u"'!I'")
        + u")  # " + framingWords(setup);
}

// send_to_others(), and peer() for the announcements.
QStringList chatFunctions(const SessionSetup &setup)
{
    QStringList text = {
        QStringLiteral("def send_to_others(data, sender):"),
        QStringLiteral("    \"\"\"Sends data to every client but the sender (None: to every "
                       "client).\"\"\""),
        QStringLiteral("    for other in clients:"),
        QStringLiteral("        if other is not sender:"),
        QStringLiteral("            other.sendall(data)"),
        QString(),
        QString(),
    };
    if (!setup.announces)
        return text;
    return text << QStringLiteral("def peer(address):")
                << QStringLiteral("    \"\"\"'127.0.0.1:41000' or '[::1]:41000' (an IPv4 peer of "
                                  "an IPv6 socket without ::ffff:).\"\"\"")
                << QStringLiteral("    host = address[0].removeprefix('::ffff:')")
                << QStringLiteral("    return ('[%s]:%d' if ':' in host else '%s:%d') % (host, "
                                  "address[1])")
                << QString() << QString();
}

// The chat room's loop, for a new client: its name and, if so, the announcements.
QStringList chatNewcomer(const SessionSetup &setup)
{
    QStringList text = { QStringLiteral("        if sock is server:  # a new client"),
                         QStringLiteral("            conn, address = server.accept()"),
                         QStringLiteral("            joined += 1"),
                         QStringLiteral("            name = b'user%d' % joined") };
    if (setup.announces) {
        text << QStringLiteral("            others = b', '.join(n for n, _ in clients.values())")
             << QStringLiteral("            if others:")
             << QStringLiteral("                conn.sendall(b'<announce> You are %s. Also here: "
                               "%s.\\n' % (name, others))")
             << QStringLiteral("            else:")
             << QStringLiteral("                conn.sendall(b'<announce> You are %s. Nobody else "
                               "is here yet.\\n' % name)")
             << QStringLiteral("            send_to_others(b'<announce> %s joined from %s.\\n' % "
                               "(name, peer(address).encode()), None)");
    }
    return text << QStringLiteral("            clients[conn] = [name, b'']")
                << QStringLiteral("            selector.register(conn, selectors.EVENT_READ)")
                << QStringLiteral("            continue");
}

// The chat room's loop, for a client that sent something or left.
QStringList chatRead(const SessionSetup &setup)
{
    QStringList text = { QStringLiteral("        data = sock.recv(4096)"),
                         QStringLiteral("        name = clients[sock][0]"),
                         QStringLiteral("        if not data:  # it closed its end (FIN): it left"),
                         QStringLiteral("            selector.unregister(sock)"),
                         QStringLiteral("            del clients[sock]"),
                         QStringLiteral("            sock.close()") };
    if (setup.announces)
        text << QStringLiteral(
            "            send_to_others(b'<announce> %s left.\\n' % name, None)");
    text << QStringLiteral("            continue")
         << (isFramed(setup) ? QStringLiteral("        messages, clients[sock][1] = "
                                              "complete_messages(clients[sock][1] + data)")
                             : QStringLiteral("        messages = [data]  # no framing: each read "
                                              "is relayed"))
         << QStringLiteral("        for message in messages:");
    return text << (setup.relayNames
                        ? QStringLiteral("            send_to_others(b'<%s> %s' % (name, "
                                         "message), sock)")
                        : QStringLiteral("            send_to_others(message, sock)"));
}

// The chat client's frame(line): a typed line as the room's framing wants it.
QStringList frameFunction(const SessionSetup &setup)
{
    QStringList text = { QStringLiteral("def frame(line):") };
    const QByteArray end = terminator(setup);
    if (prefixBytes(setup) > 0) {
        text << u"    \"\"\"The line, after its length: the room's framing is "
                + framingWords(setup) + u".\"\"\""
             << QStringLiteral("    line = line.rstrip(b'\\r\\n')")
             << QStringLiteral("    return HEADER.pack(len(line)) + line");
    } else if (!end.isEmpty()) {
        text << u"    \"\"\"The line, ending as the room's framing wants: " + framingWords(setup)
                + u".\"\"\""
             << u"    return line.rstrip(b'\\r\\n') + " + bytesLiteral(end);
    } else {
        text << QStringLiteral(
            "    \"\"\"The line as typed: the room relays each read as it comes.\"\"\"")
             << QStringLiteral("    return line");
    }
    return text;
}

} // namespace

QString tcpServerClient(const SessionSetup &setup)
{
    const QString host = reachHost(setup);
    QStringList text = { header(
        u"A TCP client for Sockscope's TCP Server tab (auto-reply: "
            + autoReplyWords(setup.autoReply) + u"; " + framingWords(setup) + u").",
        { QStringLiteral("It connects, sends one message and prints the answer. Run it with:"),
          QStringLiteral("python3 tcp_client.py") }) };
    text << imports(setup, { QStringLiteral("socket") }) << QString()
         << serverLine(host, reachPort(setup),
                       setup.localPort == 0
                               ? QStringLiteral("the tab chooses its port when it listens: "
                                                "put that port here")
                               : QStringLiteral("where the TCP Server tab listens"))
         << u"MESSAGE = " + bytesLiteral(wireMessage(setup, sampleMessage(setup)));
    if (prefixBytes(setup) > 0)
        text << headerConstant(setup);
    text << QString() << remoteSocket(QStringLiteral("sock"), host, QStringLiteral("SOCK_STREAM"))
         << QStringLiteral("sock.settimeout(5)  # never wait forever")
         << QStringLiteral("sock.connect(SERVER)  # the three-way handshake: SYN, SYN-ACK, ACK")
         << QStringLiteral("print('Connected from', sock.getsockname(), 'to', SERVER)")
         << sendMessage(setup) << readAnswer(setup);
    return lines(text);
}

QString tcpChatClient(const SessionSetup &setup)
{
    const QString host = reachHost(setup);
    QStringList text = { header(
        QStringLiteral("A chat client for Sockscope's TCP Server tab in relay mode, a "
                       "chat room like ncat --chat."),
        { QStringLiteral("Type a line and press Enter: everyone else in the room gets it. "
                         "Ctrl+D leaves."),
          QStringLiteral("Run two or more, each in a terminal of its own: python3 "
                         "chat_client.py") }) };
    text << imports(
        setup, { QStringLiteral("socket"), QStringLiteral("sys"), QStringLiteral("threading") })
         << QString()
         << serverLine(host, reachPort(setup),
                       setup.localPort == 0
                               ? QStringLiteral("the tab chooses its port when it listens: "
                                                "put that port here")
                               : QStringLiteral("where the chat room listens"));
    if (prefixBytes(setup) > 0)
        text << headerConstant(setup);
    text << QString() << QString() << QStringLiteral("def show_incoming(sock):")
         << QStringLiteral(
                "    \"\"\"Prints what the room sends, as it comes, until the server closes.\"\"\"")
         << QStringLiteral("    while True:") << QStringLiteral("        data = sock.recv(4096)")
         << QStringLiteral("        if not data:") << QStringLiteral("            break")
         << QStringLiteral("        sys.stdout.buffer.write(data)")
         << QStringLiteral("        sys.stdout.flush()") << QString() << QString()
         << frameFunction(setup);
    text << QString() << QString()
         << remoteSocket(QStringLiteral("sock"), host, QStringLiteral("SOCK_STREAM"))
         << QStringLiteral("sock.connect(SERVER)")
         << QStringLiteral("# recv() waits, and so does reading what you type: a thread does the "
                           "one, this the other.")
         << QStringLiteral("receiver = threading.Thread(target=show_incoming, args=(sock,))")
         << QStringLiteral("receiver.start()")
         << QStringLiteral("for line in sys.stdin.buffer:  # each line you type, as bytes")
         << QStringLiteral("    sock.sendall(frame(line))")
         << QStringLiteral("sock.shutdown(socket.SHUT_WR)  # Ctrl+D: FIN; the server closes, and "
                           "so does the thread")
         << QStringLiteral("receiver.join()") << QStringLiteral("sock.close()");
    return lines(text);
}

QString tcpClientServer(const SessionSetup &setup)
{
    QStringList text = {
        header(
            u"A TCP server for Sockscope's TCP Client tab, which connects to "
                + LocalReach::hostPort(setup.remoteHost, setup.remotePort) + u'.',
            { QStringLiteral("It takes one client, prints what it sends and sends it back, until "
                             "the client"),
              QStringLiteral(
                  "closes (Disconnect in the tab). Run it with: python3 tcp_server.py") }),
        QStringLiteral("import socket"),
        QString(),
        remoteSocket(QStringLiteral("server"), setup.remoteHost, QStringLiteral("SOCK_STREAM")),
        QStringLiteral(
            "# SO_REUSEADDR: listen again at once, although the last run's port is in TIME_WAIT."),
        QStringLiteral("server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)"),
        bindLine(QString(), setup.remotePort),
        QStringLiteral("server.listen(5)  # up to 5 connections wait for accept()"),
        QStringLiteral("print('Listening on port', server.getsockname()[1], flush=True)"),
        QStringLiteral("conn, address = server.accept()  # waits for the tab's Connect"),
        QStringLiteral("print('Connection from', address, flush=True)"),
        QStringLiteral("while True:"),
        QStringLiteral(
            "    data = conn.recv(4096)  # whatever has arrived: a byte stream has no messages"),
        QStringLiteral("    if not data:  # b'': the client closed its end (FIN)"),
        QStringLiteral("        break"),
        QStringLiteral("    print('Received', data, flush=True)"),
        QStringLiteral("    conn.sendall(data)  # back to the tab, which logs it"),
        QStringLiteral("conn.close()"),
        QStringLiteral("server.close()")
    };
    return lines(text);
}

QString tcpServer(const SessionSetup &setup)
{
    const LocalSocket local = ProgramParts::localSocket(setup.localAddress);
    QStringList text = { header(
        u"What Sockscope's TCP Server tab does: listening on " + localWords(setup)
            + u" (auto-reply: " + autoReplyWords(setup.autoReply) + u"; " + framingWords(setup)
            + u").",
        { QStringLiteral("It serves one client at a time (the tab serves many at once). Run "
                         "it with:"),
          QStringLiteral("python3 tcp_server.py   (Ctrl+C stops it)") }) };
    text << imports(setup, { QStringLiteral("socket") }) << QString();
    if (isFramed(setup))
        text << completeMessages(setup) << QString() << QString();
    text << PythonPrograms::localSocket(QStringLiteral("server"), setup.localAddress,
                                        QStringLiteral("SOCK_STREAM"))
         << QStringLiteral("server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)")
         << bindLine(local.bindHost, setup.localPort) << QStringLiteral("server.listen(5)")
         << QStringLiteral("print('Listening on port', server.getsockname()[1], flush=True)")
         << QStringLiteral("while True:") << QStringLiteral("    conn, address = server.accept()")
         << QStringLiteral("    print('Connection from', address, flush=True)");
    if (!setup.message.isEmpty())
        text << u"    conn.sendall(" + bytesLiteral(setup.payload())
                + u")  # Send: the composer's message";
    if (isFramed(setup))
        text << QStringLiteral("    buffer = b''");
    text << QStringLiteral("    while True:") << QStringLiteral("        data = conn.recv(4096)")
         << QStringLiteral("        if not data:  # the client closed its end (FIN): close ours")
         << QStringLiteral("            break")
         << QStringLiteral("        print('Received', data, 'from', address, flush=True)");
    if (isFramed(setup)) {
        text << QStringLiteral("        buffer += data")
             << QStringLiteral("        messages, buffer = complete_messages(buffer)")
             << QStringLiteral("        for message in messages:")
             << QStringLiteral("            print('Complete message', message, flush=True)")
             << answer(setup, QStringLiteral("            "));
    } else if (setup.autoReply != AutoReply::None) {
        text << QStringLiteral("        message = data  # no framing: each read is answered")
             << answer(setup, QStringLiteral("        "));
    }
    text << QStringLiteral("    conn.close()");
    return lines(text);
}

QString tcpChatServer(const SessionSetup &setup)
{
    const LocalSocket local = ProgramParts::localSocket(setup.localAddress);
    QStringList text = { header(
        u"What Sockscope's TCP Server tab does in relay mode: a chat room on " + localWords(setup)
            + u" (" + framingWords(setup) + u").",
        { QStringLiteral("Every client's messages go to every other client. Run it with:"),
          QStringLiteral("python3 tcp_server.py   (Ctrl+C stops it)") }) };
    text << imports(setup, { QStringLiteral("selectors"), QStringLiteral("socket") }) << QString();
    if (isFramed(setup))
        text << completeMessages(setup) << QString() << QString();
    text << QString() << chatFunctions(setup)
         << PythonPrograms::localSocket(QStringLiteral("server"), setup.localAddress,
                                        QStringLiteral("SOCK_STREAM"))
         << QStringLiteral("server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)")
         << bindLine(local.bindHost, setup.localPort) << QStringLiteral("server.listen(5)")
         << QStringLiteral("print('Listening on port', server.getsockname()[1], flush=True)")
         << QStringLiteral("# One loop serves everyone: the selector says which socket has "
                           "something to read.")
         << QStringLiteral("selector = selectors.DefaultSelector()")
         << QStringLiteral("selector.register(server, selectors.EVENT_READ)")
         << QStringLiteral("clients = {}  # each client's socket: [its name, the start of a "
                           "message]")
         << QStringLiteral("joined = 0") << QStringLiteral("while True:")
         << QStringLiteral("    for key, _ in selector.select():")
         << QStringLiteral("        sock = key.fileobj") << chatNewcomer(setup) << chatRead(setup);
    return lines(text);
}

QString tcpClient(const SessionSetup &setup)
{
    QStringList text = { header(
        u"What Sockscope's TCP Client tab does: connects to "
            + LocalReach::hostPort(setup.remoteHost, setup.remotePort)
            + u", sends the message, and prints what comes back.",
        { u"Framing: " + framingWords(setup) + u". Run it with: python3 tcp_client.py" }) };
    text << imports(setup, { QStringLiteral("socket") }) << QString()
         << serverLine(setup.remoteHost, setup.remotePort,
                       QStringLiteral("the server to connect to"))
         << u"MESSAGE = " + bytesLiteral(sampleMessage(setup))
            + (setup.message.isEmpty()
                   ? QStringLiteral("  # the composer is empty: an example")
                   : QStringLiteral("  # the composer's, with its line ending"));
    if (isFramed(setup))
        text << QString() << completeMessages(setup) << QString();
    text << QString()
         << remoteSocket(QStringLiteral("sock"), setup.remoteHost, QStringLiteral("SOCK_STREAM"))
         << QStringLiteral("sock.connect(SERVER)  # the three-way handshake: SYN, SYN-ACK, ACK")
         << QStringLiteral("print('Connected from', sock.getsockname(), 'to', SERVER, flush=True)")
         << QStringLiteral("sock.sendall(MESSAGE)")
         << QStringLiteral("print('Sent', MESSAGE, flush=True)");
    if (isFramed(setup))
        text << QStringLiteral("buffer = b''");
    text
        << QStringLiteral("while True:")
        << QStringLiteral(
               "    data = sock.recv(4096)  # each read as it comes: one send may be several reads")
        << QStringLiteral("    if not data:  # the server closed its end (FIN)")
        << QStringLiteral("        break")
        << QStringLiteral("    print('Received', data, flush=True)");
    if (isFramed(setup)) {
        text << QStringLiteral("    buffer += data")
             << QStringLiteral("    messages, buffer = complete_messages(buffer)")
             << QStringLiteral("    for message in messages:")
             << QStringLiteral("        print('Complete message', message, flush=True)");
    }
    text << QStringLiteral("sock.close()");
    return lines(text);
}

} // namespace PythonPrograms
