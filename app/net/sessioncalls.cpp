// Session's socket calls (called()): what a Python program would call to do what the session
// did, for every kind; the kinds state their own calls with these.
#include "net/session.h"

#include "net/tcpconnection.h"
#include "teach/pythonsyntax.h"
#include "text/pluralcount.h"

#include <QLocale>

#include <cerrno>

// recv() and send() on a connection, and how it ends, as calls: what a program with a blocking
// socket would call to do what Qt did.
void Session::stateConnectionCalls(TcpConnection *connection, const Endpoint &local,
                                   const QString &peerName)
{
    const Endpoint peer = connection->peerEndpoint();
    connect(connection, &TcpConnection::received, this,
            [this, local, peer, peerName](const QByteArray &chunk) {
                if (!m_statesCalls)
                    return;
                const BurstCall call { BurstKind::Receive, 1, chunk.size(), chunk.size(), local,
                                       peer, peerName };
                stateBurstCall(call, [&] {
                    const QString recv = recvCall();
                    return BurstText { recv + QLatin1String("  # ")
                                               + tr("→ %n bytes: Qt asks the kernel how many "
                                                    "wait and reads them all",
                                                    nullptr, pluralCount(quint64(chunk.size()))),
                                       recv,
                                       {} };
                });
            });
    connect(connection, &TcpConnection::wrote, this,
            [this, connection, local, peer, peerName](qint64 bytes, qint64 left) {
                if (m_statesCalls)
                    stateSend(connection, { BurstKind::Send, 1, bytes, bytes, local, peer,
                                            peerName }, left);
            });
    connect(connection, &TcpConnection::closed, this,
            [this, local, peer, peerName](TcpConnection::Ending ending) {
                if (m_statesCalls)
                    stateEnding(int(ending), local, peer, peerName);
            });
}

// What a connection's reads are written as: Qt reads whatever the kernel holds, which a
// program does with a large buffer.
QString Session::recvCall() const
{
    return QStringLiteral("data = %1.recv(65536)").arg(connectionVariable());
}

void Session::stateSend(TcpConnection *connection, const BurstCall &call, qint64 left)
{
    const QString var = connectionVariable();
    const QByteArray last = connection->lastSent();
    const qint64 bytes = call.bytes;
    stateBurstCall(call, [&] {
        const QString send = QStringLiteral("n = %1.send(data)").arg(var);
        if (left == 0 && last.size() == bytes) {
            return BurstText { var + QLatin1String(".send(")
                                       + PythonSyntax::bytesLiteral(last, 48)
                                       + QStringLiteral(")  # → ") + QString::number(bytes),
                               send,
                               {} };
        }
        const QLocale locale;
        return BurstText { send + QLatin1String("  # ")
                                   + tr("→ %1 of %2 bytes taken; Qt sends the rest when the "
                                        "socket can take more, as sendall() would loop",
                                        nullptr, pluralCount(quint64(bytes + left)))
                                             .arg(locale.toString(bytes),
                                                  locale.toString(bytes + left)),
                           send,
                           {} };
    });
}

void Session::stateEnding(int ending, const Endpoint &local, const Endpoint &peer,
                          const QString &peerName)
{
    const QString var = connectionVariable();
    switch (TcpConnection::Ending(ending)) {
    case TcpConnection::Ending::ClosedByUs:
        stateCall(var + QLatin1String(".close()"),
                  tr("FIN, once everything queued was written: \"I will send no more\""), 0,
                  local, peer, peerName);
        break;
    case TcpConnection::Ending::AbortedByUs:
        stateCall(var + QLatin1String(".setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, "
                                      "struct.pack('ii', 1, 0)); ")
                          + var + QLatin1String(".close()"),
                  tr("RST: the connection is reset, and what was queued is dropped"), 0,
                  local, peer, peerName);
        break;
    case TcpConnection::Ending::ClosedByPeer:
        stateCall(recvCall(),
                  tr("→ b'': the peer closed its side (FIN); recv() returns b'' from now on"),
                  0, local, peer, peerName);
        stateCall(var + QLatin1String(".close()"),
                  tr("Qt closes this side at once, which sends FIN back"), 0, local, peer,
                  peerName);
        break;
    case TcpConnection::Ending::ResetByPeer:
        stateCall(recvCall(), PythonSyntax::exception(ECONNRESET), ECONNRESET, local, peer,
                  peerName);
        break;
    case TcpConnection::Ending::Failed:
        break; // the error row says it; Qt keeps no errno to name the exception by
    }
}

void Session::setStatesCalls(bool states)
{
    if (!states)
        flushCalls();
    m_statesCalls = states;
}

void Session::flushCalls()
{
    for (CallBurst *burst : m_bursts)
        burst->flush();
}

void Session::stateCall(const QString &call, const QString &result, int error,
                        const Endpoint &peer, const QString &peerName)
{
    stateCall(call, result, error, localEndpoint(), peer, peerName);
}

void Session::stateCall(const QString &call, const QString &result, int error,
                        const Endpoint &local, const Endpoint &peer, const QString &peerName)
{
    if (!m_statesCalls)
        return;
    flushCalls(); // a burst's line comes before what follows it
    const QString line = result.isEmpty() ? call : call + QLatin1String("  # ") + result;
    Q_EMIT called(line, error, local, peer, QDateTime::currentDateTimeUtc(), peerName);
}

void Session::stateCall(const CallLine &line, const Endpoint &peer)
{
    stateCall(line.call, line.result, line.error, peer);
}

void Session::stateCalls(const QList<CallLine> &lines, const Endpoint &peer)
{
    for (const CallLine &line : lines)
        stateCall(line, peer);
}

void Session::startBurst(const BurstCall &call, const BurstText &text)
{
    Q_EMIT called(text.single, 0, call.local, call.peer,
                  call.time.isValid() ? call.time : QDateTime::currentDateTimeUtc(),
                  call.peerName);
    CallBurst *burst = m_bursts[std::size_t(call.kind)];
    burst->begin(text.call, text.how, call.local);
    burst->add(call.calls - 1, call.bytes - call.firstBytes, call.peer);
}
