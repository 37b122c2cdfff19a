#include "net/tcpclientsession.h"

#include "net/sockethint.h"
#include "text/durationtext.h"

#include <QLocale>

#include <cerrno>
#include <netdb.h>

#include <unistd.h>

namespace {

bool isLoopbackOnly(const QList<QHostAddress> &addresses, QAbstractSocket::NetworkLayerProtocol family)
{
    return !addresses.isEmpty()
            && std::all_of(addresses.cbegin(), addresses.cend(), [family](const QHostAddress &a) {
                   return a.isLoopback() && a.protocol() == family;
               });
}

QString familyName(const QHostAddress &address)
{
    return address.protocol() == QAbstractSocket::IPv6Protocol ? QStringLiteral("IPv6")
                                                                : QStringLiteral("IPv4");
}

} // namespace

TcpClientSession::TcpClientSession(QObject *parent)
    : Session(Transport::Tcp, parent)
{
    m_timeout.setSingleShot(true);
    m_timeout.setInterval(DefaultConnectTimeoutMs);
    connect(&m_timeout, &QTimer::timeout, this, &TcpClientSession::timedOut);
    connect(&m_lookup, &HostLookup::found, this,
            [this](const QString &, const QList<QHostAddress> &addresses, qint64 elapsedMs) {
                stateCall(OpeningCalls::lookup(m_host, m_port, true, addresses));
                hostFound(addresses, elapsedMs);
            });
    connect(&m_lookup, &HostLookup::failed, this, [this](const QString &, const QString &reason) {
        stateCall(OpeningCalls::lookup(m_host, m_port, true, {}, EAI_NONAME));
        fail(QAbstractSocket::HostNotFoundError,
             SocketHint::explain(QAbstractSocket::HostNotFoundError,
                                 SocketHint::Operation::Resolve, m_host, m_port, reason),
             SocketHint::Operation::Resolve);
    });
}

TcpClientSession::~TcpClientSession() = default;

Endpoint TcpClientSession::localEndpoint() const
{
    return m_connection ? m_connection->localEndpoint() : Endpoint {};
}

Endpoint TcpClientSession::peerEndpoint() const
{
    return m_connection ? m_connection->peerEndpoint() : Endpoint {};
}

void TcpClientSession::setFramer(const StreamFramer &framer)
{
    m_framer = framer;
    if (m_connection)
        m_connection->setFramer(framer);
}

void TcpClientSession::connectToHost(const QString &host, quint16 port, quint16 localPort)
{
    if (!begin(host.trimmed(), port, localPort))
        return;
    QHostAddress literal;
    if (literal.setAddress(m_host)) {
        m_addresses = { literal };
        startConnecting();
        return;
    }
    setState(State::LookingUp);
    notice(tr("Looking up %1…").arg(m_host));
    m_lookup.lookUp(m_host);
}

void TcpClientSession::connectToAddresses(const QString &name, const QList<QHostAddress> &addresses,
                                          quint16 port, quint16 localPort)
{
    if (addresses.isEmpty() || !begin(name, port, localPort))
        return;
    m_addresses = addresses;
    startConnecting();
}

bool TcpClientSession::begin(const QString &host, quint16 port, quint16 localPort)
{
    if (state() != State::Closed) {
        notice(tr("Already connected or connecting to %1; disconnect first.").arg(targetText()));
        return false;
    }
    m_host = host;
    m_port = port;
    m_localPort = localPort;
    m_addresses.clear();
    m_timeout.start();
    return true;
}

void TcpClientSession::startConnecting()
{
    m_nextAddress = 0;
    m_refused.clear();
    tryNextAddress();
}

void TcpClientSession::hostFound(const QList<QHostAddress> &addresses, qint64 elapsedMs)
{
    QStringList found;
    for (const QHostAddress &address : addresses)
        found << address.toString();
    notice(tr("%1 resolved to %2 in %3.").arg(m_host, found.join(u", "), durationText(elapsedMs)));
    m_addresses = addresses;
    startConnecting();
}

// The system calls are ConnectAttempt's, not QTcpSocket's, so that a failure keeps its errno.
void TcpClientSession::tryNextAddress()
{
    const QHostAddress address = m_addresses.at(m_nextAddress++);
    dropAttempt();
    m_attempt = new ConnectAttempt(this);
    connect(m_attempt, &ConnectAttempt::connected, this, &TcpClientSession::attemptConnected);
    connect(m_attempt, &ConnectAttempt::failed, this, &TcpClientSession::attemptFailed);
    setState(State::Connecting);
    // A connect() that fails at once (no route) sent nothing; failed() follows.
    m_failedAtOnce = !m_attempt->start(address, m_port, m_localPort);
    if (!m_failedAtOnce) {
        stateCalls(OpeningCalls::tcpConnectStart(address, m_port, m_localPort));
        notice(tr("Connecting to %1 (SYN sent)…").arg(Endpoint::format(address, m_port)));
    }
}

void TcpClientSession::attemptConnected()
{
    m_timeout.stop();
    auto *socket = new QTcpSocket(this);
    const int descriptor = m_attempt->takeDescriptor();
    dropAttempt();
    if (!socket->setSocketDescriptor(descriptor)) {
        ::close(descriptor);
        fail(socket->error(),
             SocketHint::explain(socket->error(), SocketHint::Operation::Connect, targetText(),
                                 m_port, socket->errorString()),
             SocketHint::Operation::Connect);
        delete socket;
        return;
    }
    m_connection = new TcpConnection(socket, ++m_connectionCount, this);
    m_connection->setFramer(m_framer);
    reportConnection(m_connection, m_connection->localEndpoint());
    connect(m_connection, &TcpConnection::writeProgress, this, &TcpClientSession::writeProgress);
    connect(m_connection, &TcpConnection::closed, this, &TcpClientSession::connectionClosed);

    const QHostAddress address = socket->peerAddress();
    const bool otherFamilyRefused = std::any_of(
            m_refused.cbegin(), m_refused.cend(),
            [&address](const QHostAddress &a) { return a.protocol() != address.protocol(); });
    if (otherFamilyRefused) {
        notice(tr("%1 resolved to %2 but the server listens on %3 only: %4 refused the "
                          "connection, %5 accepted it.")
                               .arg(m_host, m_refused.constFirst().toString(),
                                    familyName(address),
                                    Endpoint::format(m_refused.constFirst(), m_port),
                                    m_connection->peerEndpoint().toString()));
    }
    const qint64 took = msInState();
    stateCall(OpeningCalls::tcpConnectEnd(0, m_connection->localEndpoint(), took));
    setState(State::Connected);
    Q_EMIT connectionOpened(m_connection);
    Q_EMIT noticed(tr("Connected to %1 from %2 in %3 (SYN, SYN-ACK, ACK).")
                           .arg(m_connection->peerEndpoint().toString(),
                                m_connection->localEndpoint().toString(), durationText(took)),
                   localEndpoint(), peerEndpoint(), {}, TcpEvent::Connected);
}

void TcpClientSession::attemptFailed(int error, NativeSocket::Call call)
{
    const QHostAddress address = m_addresses.at(m_nextAddress - 1);
    if (m_failedAtOnce)
        stateCalls(OpeningCalls::tcpConnectStart(address, m_port, m_localPort, error, call));
    else
        stateCall(OpeningCalls::tcpConnectEnd(error, {}, msInState()));
    if (call == NativeSocket::Call::Bind) {
        // The local port chosen: another address of the server would not free it.
        const QHostAddress any(address.protocol() == QAbstractSocket::IPv6Protocol
                                       ? QHostAddress::AnyIPv6
                                       : QHostAddress::AnyIPv4);
        const SocketHint::Operation operation = SocketHint::Operation::Bind;
        fail(SocketHint::errorKind(error, operation),
             SocketHint::explainErrno(error, operation, Endpoint::format(any, m_localPort),
                                      m_localPort, any),
             operation);
        return;
    }
    if (error == ECONNREFUSED)
        m_refused << address;
    // Out of descriptors or memory, no other address does better.
    if (m_nextAddress < m_addresses.size() && !SocketHint::isResourceError(error)) {
        notice(tr("%1: %2; trying %3 next.")
                       .arg(Endpoint::format(address, m_port), qt_error_string(error),
                            Endpoint::format(m_addresses.at(m_nextAddress), m_port)));
        tryNextAddress();
        return;
    }
    const SocketHint::Operation operation = SocketHint::Operation::Connect;
    fail(SocketHint::errorKind(error, operation),
         SocketHint::explainErrno(error, operation, targetText(), m_port, address) + refusalHint(),
         operation);
}

void TcpClientSession::timedOut()
{
    if (state() == State::Connecting) {
        stateCall(QStringLiteral("s.close()"),
                  tr("no answer in %1: with s.settimeout(%2), s.connect() would raise "
                     "TimeoutError: timed out")
                          .arg(durationText(connectTimeout()),
                               QString::number(double(connectTimeout()) / 1000.0)));
    }
    const QString target = state() == State::LookingUp ? m_host : targetText();
    fail(QAbstractSocket::SocketTimeoutError, SocketHint::connectTimedOut(target, connectTimeout()),
         state() == State::LookingUp ? SocketHint::Operation::Resolve
                                     : SocketHint::Operation::Connect);
}

void TcpClientSession::disconnectFromHost()
{
    switch (state()) {
    case State::LookingUp:
    case State::Connecting:
        abort();
        return;
    case State::Connected:
        setState(State::Closing);
        notice(tr("Closing: sending FIN to %1 and waiting for the connection to close…")
                       .arg(m_connection->peerEndpoint().toString()));
        disconnectWhenSent(m_connection);
        return;
    default:
        return;
    }
}

void TcpClientSession::abort()
{
    if (state() == State::LookingUp || state() == State::Connecting) {
        m_timeout.stop();
        m_lookup.abort();
        dropAttempt();
        notice(tr("Cancelled connecting to %1.").arg(targetText()));
        setState(State::Closed);
    } else if (m_connection) {
        m_connection->abort();
    }
}

bool TcpClientSession::send(const QByteArray &payload)
{
    if (state() != State::Connected) {
        reportError(QAbstractSocket::OperationError,
                    tr("Nothing was sent: not connected. Connect to a server first."));
        return false;
    }
    if (payload.isEmpty()) {
        notice(tr("Nothing was sent: an empty message puts no bytes on a TCP stream."));
        return false;
    }
    if (!m_connection->send(payload)) {
        reportError(QAbstractSocket::OperationError,
                    tr("Nothing was sent to %1: the connection is no longer open.")
                            .arg(m_connection->peerEndpoint().toString()));
        return false;
    }
    return true;
}

bool TcpClientSession::sendFile(const QString &path)
{
    if (state() != State::Connected) {
        reportError(QAbstractSocket::OperationError,
                    tr("Nothing was sent: not connected. Connect to a server first."));
        return false;
    }
    return startFile(path, { m_connection });
}

QList<TcpConnection *> TcpClientSession::connections() const
{
    if (m_connection && m_connection->isOpen())
        return { m_connection };
    return {};
}

void TcpClientSession::setThrottled(bool throttled)
{
    Session::setThrottled(throttled);
    if (m_connection)
        m_connection->setThrottled(throttled);
}

void TcpClientSession::setReadingPaused(bool paused)
{
    if (m_connection)
        m_connection->setReadingPaused(paused);
}

bool TcpClientSession::isReadingPaused() const
{
    return m_connection && m_connection->isReadingPaused();
}

void TcpClientSession::connectionClosed(TcpConnection::Ending)
{
    // The connection has logged how it ended; the session only moves on.
    m_connection->deleteLater();
    m_connection = nullptr;
    setState(State::Closed);
}

void TcpClientSession::fail(QAbstractSocket::SocketError error, const QString &message,
                            SocketHint::Operation operation)
{
    m_timeout.stop();
    m_lookup.abort();
    dropAttempt();
    const QString target = operation == SocketHint::Operation::Resolve ? m_host
            : operation == SocketHint::Operation::Bind ? tr("local port %1").arg(m_localPort)
                                                       : briefTarget();
    reportFailure(error, message, SocketHint::brief(error, operation, target, m_localPort));
    setState(State::Closed);
}

void TcpClientSession::dropAttempt()
{
    if (!m_attempt)
        return;
    disconnect(m_attempt, nullptr, this, nullptr);
    m_attempt->abort();
    m_attempt->deleteLater(); // we may be inside one of its signals
    m_attempt = nullptr;
}

// "127.0.0.1:9000", "[::1]:9000", "localhost:9000": the host as typed, for a few words.
QString TcpClientSession::briefTarget() const
{
    QHostAddress literal;
    return literal.setAddress(m_host) ? Endpoint::format(literal, m_port)
                                      : m_host + u':' + QString::number(m_port);
}

// "127.0.0.1:9000", or "localhost:9000 (127.0.0.1)" when a name was resolved.
QString TcpClientSession::targetText() const
{
    QHostAddress literal;
    if (m_addresses.size() == 1 && literal.setAddress(m_host))
        return Endpoint::format(literal, m_port);
    QStringList tried;
    for (const QHostAddress &address : m_addresses)
        tried << address.toString();
    const QString target = m_host + u':' + QString::number(m_port);
    return tried.isEmpty() ? target : target + u" (" + tried.join(u", ") + u')';
}

// When every loopback address of one family refused, the server may listen on the other.
QString TcpClientSession::refusalHint() const
{
    if (m_refused.size() != m_addresses.size())
        return {};
    if (isLoopbackOnly(m_refused, QAbstractSocket::IPv6Protocol)) {
        return u' '
                + tr("If the server listens on IPv4 only, connect to 127.0.0.1:%1 instead.")
                          .arg(m_port);
    }
    if (isLoopbackOnly(m_refused, QAbstractSocket::IPv4Protocol)) {
        return u' '
                + tr("If the server listens on IPv6 only, connect to [::1]:%1 instead.")
                          .arg(m_port);
    }
    return {};
}
