#include "tcpclientsession.h"

#include "durationtext.h"
#include "sockethint.h"

#include <QLocale>

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
    : QObject(parent)
{
    m_timeout.setSingleShot(true);
    m_timeout.setInterval(DefaultConnectTimeoutMs);
    connect(&m_timeout, &QTimer::timeout, this, &TcpClientSession::timedOut);
    m_stateClock.start();
}

TcpClientSession::~TcpClientSession()
{
    if (m_lookupId >= 0)
        QHostInfo::abortHostLookup(m_lookupId);
}

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
    Q_EMIT noticed(tr("Looking up %1…").arg(m_host));
    m_lookupId = QHostInfo::lookupHost(m_host, this, &TcpClientSession::hostLookedUp);
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
    if (m_state != State::Closed) {
        Q_EMIT noticed(tr("Already connected or connecting to %1; disconnect first.")
                               .arg(targetText()));
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

void TcpClientSession::hostLookedUp(const QHostInfo &info)
{
    m_lookupId = -1;
    if (info.error() != QHostInfo::NoError || info.addresses().isEmpty()) {
        fail(QAbstractSocket::HostNotFoundError,
             SocketHint::explain(QAbstractSocket::HostNotFoundError,
                                 SocketHint::Operation::Resolve, m_host, m_port,
                                 info.errorString()));
        return;
    }
    QStringList found;
    for (const QHostAddress &address : info.addresses())
        found << address.toString();
    Q_EMIT noticed(tr("%1 resolved to %2 in %3.")
                           .arg(m_host, found.join(u", "), durationText(m_stateClock.elapsed())));
    m_addresses = info.addresses();
    startConnecting();
}

void TcpClientSession::tryNextAddress()
{
    const QHostAddress address = m_addresses.at(m_nextAddress++);
    dropAttempt();
    m_attempt = new QTcpSocket(this);
    if (m_localPort != 0) {
        const QHostAddress any(address.protocol() == QAbstractSocket::IPv6Protocol
                                       ? QHostAddress::AnyIPv6
                                       : QHostAddress::AnyIPv4);
        if (!m_attempt->bind(any, m_localPort, QAbstractSocket::ReuseAddressHint)) {
            fail(m_attempt->error(),
                 SocketHint::explain(m_attempt->error(), SocketHint::Operation::Bind,
                                     Endpoint::format(any, m_localPort), m_localPort,
                                     m_attempt->errorString()));
            return;
        }
    }
    // Connected only now: a failed bind() above reports its error synchronously.
    connect(m_attempt, &QTcpSocket::connected, this, &TcpClientSession::attemptConnected);
    connect(m_attempt, &QTcpSocket::errorOccurred, this, &TcpClientSession::attemptFailed);
    setState(State::Connecting);
    Q_EMIT noticed(tr("Connecting to %1 (SYN sent)…").arg(Endpoint::format(address, m_port)));
    m_attempt->connectToHost(address, m_port);
}

void TcpClientSession::attemptConnected()
{
    m_timeout.stop();
    QTcpSocket *socket = m_attempt;
    m_attempt = nullptr;
    disconnect(socket, nullptr, this, nullptr);
    m_connection = new TcpConnection(socket, ++m_connectionCount, this);
    m_connection->setFramer(m_framer);
    connect(m_connection, &TcpConnection::closed, this, &TcpClientSession::connectionClosed);

    const QHostAddress address = socket->peerAddress();
    const bool otherFamilyRefused = std::any_of(
            m_refused.cbegin(), m_refused.cend(),
            [&address](const QHostAddress &a) { return a.protocol() != address.protocol(); });
    if (otherFamilyRefused) {
        Q_EMIT noticed(tr("%1 resolved to %2 but the server listens on %3 only: %4 refused the "
                          "connection, %5 accepted it.")
                               .arg(m_host, m_refused.constFirst().toString(),
                                    familyName(address),
                                    Endpoint::format(m_refused.constFirst(), m_port),
                                    m_connection->peerEndpoint().toString()));
    }
    const QString took = durationText(m_stateClock.elapsed());
    setState(State::Connected);
    Q_EMIT connectionOpened(m_connection);
    Q_EMIT noticed(tr("Connected to %1 from %2 in %3 (SYN, SYN-ACK, ACK).")
                           .arg(m_connection->peerEndpoint().toString(),
                                m_connection->localEndpoint().toString(), took));
}

void TcpClientSession::attemptFailed(QAbstractSocket::SocketError error)
{
    const QHostAddress address = m_addresses.at(m_nextAddress - 1);
    if (error == QAbstractSocket::ConnectionRefusedError)
        m_refused << address;
    if (m_nextAddress < m_addresses.size()) {
        Q_EMIT noticed(tr("%1: %2; trying %3 next.")
                               .arg(Endpoint::format(address, m_port), m_attempt->errorString(),
                                    Endpoint::format(m_addresses.at(m_nextAddress), m_port)));
        tryNextAddress();
        return;
    }
    fail(error,
         SocketHint::explain(error, SocketHint::Operation::Connect, targetText(), m_port,
                             m_attempt->errorString())
                 + refusalHint());
}

void TcpClientSession::timedOut()
{
    const QString target = m_state == State::LookingUp ? m_host : targetText();
    fail(QAbstractSocket::SocketTimeoutError, SocketHint::connectTimedOut(target, connectTimeout()));
}

void TcpClientSession::disconnectFromHost()
{
    switch (m_state) {
    case State::LookingUp:
    case State::Connecting:
        abort();
        return;
    case State::Connected:
        setState(State::Closing);
        Q_EMIT noticed(tr("Closing: sending FIN to %1 and waiting for the connection to close…")
                               .arg(m_connection->peerEndpoint().toString()));
        m_connection->disconnectFromHost();
        return;
    case State::Closing:
    case State::Closed:
        return;
    }
}

void TcpClientSession::abort()
{
    if (m_state == State::LookingUp || m_state == State::Connecting) {
        m_timeout.stop();
        if (m_lookupId >= 0)
            QHostInfo::abortHostLookup(m_lookupId);
        m_lookupId = -1;
        dropAttempt();
        Q_EMIT noticed(tr("Cancelled connecting to %1.").arg(targetText()));
        setState(State::Closed);
    } else if (m_connection) {
        m_connection->abort();
    }
}

bool TcpClientSession::send(const QByteArray &payload)
{
    if (m_state != State::Connected) {
        Q_EMIT errorOccurred(QAbstractSocket::OperationError,
                             tr("Nothing was sent: not connected. Connect to a server first."));
        return false;
    }
    if (payload.isEmpty()) {
        Q_EMIT noticed(tr("Nothing was sent: an empty message puts no bytes on a TCP stream."));
        return false;
    }
    if (!m_connection->send(payload)) {
        Q_EMIT errorOccurred(QAbstractSocket::OperationError,
                             tr("Nothing was sent to %1: the connection is no longer open.")
                                     .arg(m_connection->peerEndpoint().toString()));
        return false;
    }
    return true;
}

void TcpClientSession::connectionClosed(TcpConnection::Ending)
{
    // The connection has logged how it ended; the session only moves on.
    m_connection->deleteLater();
    m_connection = nullptr;
    setState(State::Closed);
}

void TcpClientSession::fail(QAbstractSocket::SocketError error, const QString &message)
{
    m_timeout.stop();
    if (m_lookupId >= 0)
        QHostInfo::abortHostLookup(m_lookupId);
    m_lookupId = -1;
    dropAttempt();
    Q_EMIT errorOccurred(error, message);
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

void TcpClientSession::setState(State state)
{
    if (state == m_state)
        return;
    const qint64 lasted = m_stateClock.restart();
    m_state = state;
    Q_EMIT stateChanged(state, lasted);
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
