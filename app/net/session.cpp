#include "net/session.h"

#include "net/filesender.h"
#include "net/sockethint.h"
#include "net/tcpconnection.h"
#include "teach/pythonsyntax.h"
#include "text/pluralcount.h"
#include "text/pythonrepr.h"

#include <QLocale>
#include <QLoggingCategory>

#include <algorithm>
#include <cerrno>
#include <utility>

Q_LOGGING_CATEGORY(lcSession, "sockscope.session", QtInfoMsg)

Session::Session(Transport transport, QObject *parent)
    : QObject(parent)
    , m_transport(transport)
{
    for (CallBurst *&burst : m_bursts) {
        burst = new CallBurst(
                [this](const QString &line, const Endpoint &local, const Endpoint &peer,
                       const QDateTime &time) { Q_EMIT called(line, 0, local, peer, time); },
                this);
    }
    m_stateClock.start();
}

Session::~Session() = default;

bool Session::isOpen() const
{
    return m_state == State::Connected || m_state == State::Bound || m_state == State::Listening;
}

void Session::setState(State state)
{
    if (state == m_state)
        return;
    const qint64 lasted = m_stateClock.restart();
    m_state = state;
    if (state != State::Closed)
        m_failure.clear();
    Q_EMIT stateChanged(state, lasted);
}

void Session::reportFailure(QAbstractSocket::SocketError error, const QString &message,
                            const QString &brief)
{
    m_failure = brief;
    reportError(error, message);
}

void Session::notice(const QString &message)
{
    notice(message, peerEndpoint());
}

void Session::notice(const QString &message, const Endpoint &peer, const QString &peerName)
{
    Q_EMIT noticed(message, localEndpoint(), peer, peerName);
}

void Session::reportError(QAbstractSocket::SocketError error, const QString &message)
{
    reportError(error, message, peerEndpoint());
}

void Session::reportError(QAbstractSocket::SocketError error, const QString &message,
                          const Endpoint &peer)
{
    qCDebug(lcSession) << metaObject()->className() << error << message << peer.toString();
    Q_EMIT errorOccurred(error, message, localEndpoint(), peer);
}

void Session::reportConnection(TcpConnection *connection, const Endpoint &local,
                               const QString &peerName)
{
    connection->setReadingPaused(m_throttled);
    const Endpoint peer = connection->peerEndpoint();
    const QString name = peerName; // one string shared by every row of this peer
    // First: a call comes before what it read, and before how the connection ended.
    stateConnectionCalls(connection, local, name);
    connect(connection, &TcpConnection::received, this,
            [this, connection, local, peer, name](const QByteArray &chunk) {
                Q_EMIT received(chunk, local, peer, QDateTime::currentDateTimeUtc(), name);
                lookAtPayload(chunk, local, peer, name);
                connectionRead(connection, chunk, false);
            });
    connect(connection, &TcpConnection::framed, this,
            [this, connection, local, peer, name](const QByteArray &message) {
                Q_EMIT framed(message, local, peer, QDateTime::currentDateTimeUtc(),
                              connection->framer().prefixBytes(), name);
                connectionRead(connection, message, true);
            });
    connect(connection, &TcpConnection::sent, this,
            [this, local, peer, name](const QByteArray &bytes, AutoReply origin) {
                Q_EMIT sent(bytes, local, peer, QDateTime::currentDateTimeUtc(), origin, name);
            });
    connect(connection, &TcpConnection::noticed, this,
            [this, local, peer, name](const QString &message) {
                Q_EMIT noticed(message, local, peer, name);
            });
    connect(connection, &TcpConnection::closed, this,
            [this, connection, local, peer, name](TcpConnection::Ending ending,
                                                  const QString &message) {
                if (ending == TcpConnection::Ending::ResetByPeer)
                    Q_EMIT errorOccurred(QAbstractSocket::RemoteHostClosedError, message, local,
                                         peer, name);
                else if (ending == TcpConnection::Ending::Failed)
                    Q_EMIT errorOccurred(connection->error(), message, local, peer, name);
                else if (connection->bytesCut() > 0) // aborted with bytes on the way: a loss
                    Q_EMIT errorOccurred(QAbstractSocket::OperationError, message, local, peer,
                                         name);
                else
                    Q_EMIT noticed(message, local, peer, name);
            });
}

void Session::connectionRead(TcpConnection *, const QByteArray &, bool) { }

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

void Session::lookAtPayload(const QByteArray &payload, const Endpoint &local, const Endpoint &peer,
                            const QString &peerName)
{
    if (!PythonRepr::isBytesRepr(payload)) // first: this runs for every chunk and every read
        return;
    const QString who = peer.toString(peerName);
    if (m_toldAboutRepr.contains(who))
        return;
    m_toldAboutRepr.insert(who);
    Q_EMIT noticed(SocketHint::bytesRepr(who, payload), local, peer, peerName);
}

bool Session::startFile(const QString &path, const QList<TcpConnection *> &targets)
{
    if (m_file) {
        reportError(QAbstractSocket::OperationError,
                    tr("Nothing was sent: %1 is still being sent. Stop it first.")
                            .arg(m_file->fileName()));
        return false;
    }
    auto *sender = new FileSender(path, targets, this);
    connect(sender, &FileSender::started, this, qOverload<const QString &>(&Session::notice));
    connect(sender, &FileSender::progressed, this, [this, sender](qint64 written, qint64 size) {
        Q_EMIT fileProgressed(sender->fileName(), written, size);
    });
    connect(sender, &FileSender::ended, this,
            [this, sender](FileSender::Outcome outcome, const QString &message) {
                m_file = nullptr;
                sender->deleteLater();
                if (outcome == FileSender::Outcome::Failed
                    || outcome == FileSender::Outcome::CutOff)
                    reportError(QAbstractSocket::OperationError, message);
                else
                    notice(message);
                // Later: a cut-off file ends before its connections are reset, not closed.
                if (!m_closeAfterFile.isEmpty())
                    QMetaObject::invokeMethod(this, &Session::closeAfterFile, Qt::QueuedConnection);
                Q_EMIT fileEnded(outcome == FileSender::Outcome::Complete);
            });
    m_file = sender;
    sender->setPaused(m_throttled);
    if (!sender->start()) {
        m_file = nullptr;
        reportError(QAbstractSocket::OperationError, sender->errorString());
        delete sender;
        return false;
    }
    return true;
}

void Session::setThrottled(bool throttled)
{
    m_throttled = throttled;
    if (m_file)
        m_file->setPaused(throttled);
}

qsizetype Session::finishReading()
{
    for (TcpConnection *connection : connections())
        connection->finishReading();
    return readNotHandedOut();
}

qsizetype Session::readNotHandedOut() const
{
    const QList<TcpConnection *> open = connections();
    return std::count_if(open.cbegin(), open.cend(), [](const TcpConnection *connection) {
        return connection->bytesWaiting() > 0;
    });
}

void Session::stopFile()
{
    if (m_file)
        m_file->stop();
}

void Session::disconnectWhenSent(TcpConnection *connection)
{
    if (m_file && m_file->isSendingTo(connection)) {
        if (!m_closeAfterFile.contains(connection))
            m_closeAfterFile << connection;
        notice(tr("Closing the connection to %1 once the file being sent has been written.")
                       .arg(connection->peerEndpoint().toString()),
               connection->peerEndpoint());
        return;
    }
    connection->disconnectFromHost();
}

void Session::closeAfterFile()
{
    const QList<QPointer<TcpConnection>> waiting = std::exchange(m_closeAfterFile, {});
    for (const QPointer<TcpConnection> &connection : waiting) {
        if (connection)
            disconnectWhenSent(connection);
    }
}

qint64 Session::bytesToSend() const
{
    qint64 total = m_file ? m_file->bytesLeft() : 0;
    for (const TcpConnection *connection : connections())
        total += connection->bytesInFlight();
    return total;
}

qint64 Session::bytesNotDelivered() const
{
    qint64 total = m_file ? m_file->bytesLeft() : 0;
    for (const TcpConnection *connection : connections())
        total += connection->bytesNotDelivered();
    return total;
}

QList<TcpConnection *> Session::connectionsSending() const
{
    QList<TcpConnection *> sending = connections();
    sending.removeIf([this](const TcpConnection *connection) {
        return connection->bytesInFlight() == 0 && !(m_file && m_file->isSendingTo(connection));
    });
    return sending;
}

void Session::cutOffSending()
{
    const QList<TcpConnection *> sending = connectionsSending();
    if (m_file && !sending.isEmpty())
        m_file->cutOff(); // first: it counts what was written before the resets drop the rest
    for (TcpConnection *connection : sending)
        connection->abort();
}
