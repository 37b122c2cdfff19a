// TcpServerSession's accepting: every connection waiting in the backlog taken at each wake-up,
// the maximum of clients, and a pause while the system is out of descriptors.
#include "net/tcpserversession.h"

#include "net/nativesocket.h"
#include "net/sockethint.h"
#include "teach/pythonsyntax.h"

#include <cerrno>

#include <sys/socket.h>
#include <unistd.h>

// Takes every connection that waits in the backlog, up to a backlog's worth per wake-up.
void TcpServerSession::acceptWaiting()
{
    m_sweepMayFree = true;
    const int listener = int(m_server.socketDescriptor());
    // A slot of accept() may stop the server, or listen anew on another descriptor.
    const auto stillListening = [this, listener] {
        return m_acceptNotifier && int(m_server.socketDescriptor()) == listener;
    };
    for (int taken = 0; taken < ListenBacklog && stillListening() && !m_acceptPaused;) {
        const int descriptor = ::accept4(listener, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (descriptor < 0) {
            const int error = errno;
            if (SocketHint::belongsToOneConnection(error))
                continue; // that one is gone; the next may not be
            if (error == EAGAIN || error == EWOULDBLOCK) {
                if (m_acceptFailing) {
                    m_acceptFailing = false;
                    notice(tr("Every client that waited to be accepted was taken in."));
                }
                return;
            }
            pauseAccepting(error);
            return;
        }
        auto *socket = new QTcpSocket(this);
        if (!socket->setSocketDescriptor(descriptor)) {
            ::close(descriptor);
            delete socket;
            continue;
        }
        ++taken;
        accept(socket);
    }
}

// accept() failed for a reason that lasts (out of descriptors or memory): no retry until a
// client leaves or a second has passed, and one row in plain words for the whole episode.
void TcpServerSession::pauseAccepting(int error)
{
    m_acceptPaused = true;
    m_acceptNotifier->setEnabled(false);
    m_acceptRetry.start();
    if (m_acceptFailing)
        return; // said already, in this episode
    m_acceptFailing = true;
    stateCall(QStringLiteral("conn, addr = s.accept()"), PythonSyntax::exception(error), error);
    reportError(QAbstractSocket::SocketResourceError,
                SocketHint::acceptPaused(error, localEndpoint().toString(), m_clients.size()));
}

void TcpServerSession::resumeAccepting()
{
    if (!m_acceptPaused || !m_acceptNotifier)
        return;
    m_acceptPaused = false;
    m_acceptRetry.stop();
    m_acceptNotifier->setEnabled(true);
}

void TcpServerSession::accept(QTcpSocket *socket)
{
    if (statesCalls()) {
        const Endpoint peer { socket->peerAddress(), socket->peerPort() };
        stateBurstCall({ BurstKind::Accept, 1, 0, 0, localEndpoint(), peer, {} }, [&] {
            const QString call = QStringLiteral("conn, addr = s.accept()");
            const bool dualStack
                = m_server.serverAddress().protocol() == QAbstractSocket::AnyIPProtocol;
            return BurstText { call + QStringLiteral("  # → ")
                                   + PythonSyntax::address(peer, dualStack),
                               call,
                               tr("Qt takes every connection that waits, each time the "
                                  "listening socket is readable") };
        });
    }
    if (m_clients.size() >= m_maxClients && m_sweepMayFree)
        handleClosesFirst();
    if (m_clients.size() >= m_maxClients) {
        turnAway(socket);
        return;
    }
    const Endpoint peer { socket->peerAddress(), socket->peerPort() };
    auto *client = new TcpConnection(socket, m_nextId++, this);
    client->setFramer(m_framer);
    m_clients << client;
    reportConnection(client, localEndpoint(), client->name());
    connect(client, &TcpConnection::closed, this, [this, client] { clientClosed(client); });
    Q_EMIT clientConnected(client);
    Q_EMIT noticed(
        tr("Client %1 connected from %2 (%3 of at most %Ln clients).", nullptr, m_maxClients)
            .arg(client->name(), peer.toString())
            .arg(m_clients.size()),
        localEndpoint(), peer, client->name(), TcpEvent::Accepted);
    if (m_autoReply == AutoReply::Relay && m_announces)
        welcome(client);
}

// At the maximum, clients whose peers have already closed are not counted: their closes are
// handled now, before the newcomer, instead of after it in the event loop's order. A sweep
// that frees nobody is not repeated for the rest of this wake-up's newcomers.
void TcpServerSession::handleClosesFirst()
{
    const qsizetype before = m_clients.size();
    const QList<TcpConnection *> clients = m_clients; // closing ones leave m_clients meanwhile
    for (TcpConnection *client : clients) {
        if (client->isOpen() && client->peerHasClosed())
            client->readToTheEnd();
    }
    m_sweepMayFree = m_clients.size() < before;
}

void TcpServerSession::turnAway(QTcpSocket *socket)
{
    const Endpoint peer { socket->peerAddress(), socket->peerPort() };
    socket->abort();
    socket->deleteLater();
    notice(tr("Turned %1 away: %Ln clients are connected, the maximum. Raise \"Max clients\" "
              "to let more in.",
              nullptr, int(m_clients.size()))
               .arg(peer.toString()),
           peer);
}
