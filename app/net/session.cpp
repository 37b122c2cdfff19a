#include "net/session.h"

#include "net/filesender.h"
#include "net/sockethint.h"
#include "net/tcpconnection.h"
#include "text/pluralcount.h"
#include "text/pythonrepr.h"

#include <QLocale>
#include <QLoggingCategory>

#include <algorithm>
#include <utility>

Q_LOGGING_CATEGORY(lcSession, "sockscope.session", QtInfoMsg)

namespace {

// What a connection's end put on the wire; a failure is no segment of its own.
TcpEvent wireEvent(TcpConnection::Ending ending)
{
    switch (ending) {
    case TcpConnection::Ending::ClosedByUs:
        return TcpEvent::ClosedByUs;
    case TcpConnection::Ending::AbortedByUs:
        return TcpEvent::AbortedByUs;
    case TcpConnection::Ending::ClosedByPeer:
        return TcpEvent::ClosedByPeer;
    case TcpConnection::Ending::ResetByPeer:
        return TcpEvent::ResetByPeer;
    case TcpConnection::Ending::Failed:
        break;
    }
    return TcpEvent::None;
}

} // namespace

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
    connection->setThrottled(m_throttled);
    const Endpoint peer = connection->peerEndpoint();
    const QString name = peerName; // one string shared by every row of this peer
    // First: a call comes before what it read, and before how the connection ended.
    stateConnectionCalls(connection, local, name);
    reportPausing(connection, local, name);
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
                const TcpEvent event = wireEvent(ending);
                if (ending == TcpConnection::Ending::ResetByPeer)
                    Q_EMIT errorOccurred(QAbstractSocket::RemoteHostClosedError, message, local,
                                         peer, name, event);
                else if (ending == TcpConnection::Ending::Failed)
                    Q_EMIT errorOccurred(connection->error(), message, local, peer, name);
                else if (connection->bytesCut() > 0) // aborted with bytes on the way: a loss
                    Q_EMIT errorOccurred(QAbstractSocket::OperationError, message, local, peer,
                                         name, event);
                else
                    Q_EMIT noticed(message, local, peer, name, event);
            });
}

// Pause reading is for watching TCP's flow control: the notice says where the bytes wait now,
// and what the sender sees.
void Session::reportPausing(TcpConnection *connection, const Endpoint &local,
                            const QString &peerName)
{
    const Endpoint peer = connection->peerEndpoint();
    connect(connection, &TcpConnection::readingPausedChanged, this,
            [this, local, peer, peerName](bool paused, qint64 unread) {
                const QLocale locale;
                const QString who = peer.toString(peerName);
                const QString message = paused
                        ? tr("Reading paused: what %1 sends waits in the kernel's receive queue "
                             "(%2 bytes now); when it is full, TCP's window closes and the "
                             "sender's send() blocks. Resume reading to take it all.",
                             nullptr, pluralCount(quint64(unread)))
                                  .arg(who, locale.toString(unread))
                        : tr("Reading resumed: the %2 bytes that waited from %1 are read now, "
                             "and TCP's window opens again.",
                             nullptr, pluralCount(quint64(unread)))
                                  .arg(who, locale.toString(unread));
                Q_EMIT noticed(message, local, peer, peerName);
                Q_EMIT readingPausedChanged(paused, unread, local, peer, peerName);
            });
}

void Session::connectionRead(TcpConnection *, const QByteArray &, bool) { }

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
