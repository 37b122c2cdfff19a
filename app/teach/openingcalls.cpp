#include "teach/openingcalls.h"

#include "teach/pythonsyntax.h"
#include "text/durationtext.h"

#include <QCoreApplication>
#include <QLocale>
#include <QStringList>

namespace {

QString tr(const char *text, int n = -1)
{
    return QCoreApplication::translate("OpeningCalls", text, nullptr, n);
}

bool isEveryAddress(const QHostAddress &address)
{
    return address == QHostAddress::Any;
}

// s = socket.socket(…), and what differs from the tutorial's socket: not blocking.
QList<CallLine> creation(const QHostAddress &address, const QString &type)
{
    const QString call = QLatin1String("s = socket.socket(") + PythonSyntax::family(address)
            + QLatin1String(", socket.") + type + u')';
    QList<CallLine> lines;
    lines << CallLine { call,
                        isEveryAddress(address)
                                ? tr("dual-stack: IPV6_V6ONLY = 0, so IPv4 peers reach it too")
                                : QString(),
                        0 };
    lines << CallLine { QStringLiteral("s.setblocking(False)"),
                        tr("Qt never waits in a call: the event loop says when the socket is "
                           "ready"),
                        0 };
    return lines;
}

// The line of the call that failed, with the exception.
CallLine failed(const QString &call, int error)
{
    return CallLine { call, PythonSyntax::exception(error), error };
}

QString bindCall(const QHostAddress &address, quint16 port)
{
    return QLatin1String("s.bind(") + PythonSyntax::bindAddress(address, port) + u')';
}

} // namespace

namespace OpeningCalls {

QList<CallLine> udp(const QHostAddress &address, quint16 port, const NativeSocket::Result &result,
                    const Endpoint &bound, int receiveBuffer, qsizetype requestedBuffer)
{
    QList<CallLine> lines = creation(address, QStringLiteral("SOCK_DGRAM"));
    if (!result.ok() && result.call == NativeSocket::Call::Socket)
        return { failed(lines.constFirst().call, result.error) };
    if (!result.ok()) {
        lines << failed(bindCall(address, port), result.error);
        return lines;
    }
    lines << CallLine { bindCall(address, port), tr("→ bound to %1").arg(bound.toString()), 0 };
    const QLocale locale;
    lines << CallLine { QLatin1String("s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, ")
                                + QString::number(requestedBuffer) + u')',
                        tr("room for a flood to wait in the kernel; it keeps %1 bytes")
                                .arg(locale.toString(receiveBuffer)),
                        0 };
    return lines;
}

QList<CallLine> tcpListen(const QHostAddress &address, quint16 port, int backlog,
                          const NativeSocket::Result &result, const Endpoint &bound)
{
    QList<CallLine> lines = creation(address, QStringLiteral("SOCK_STREAM"));
    if (!result.ok() && result.call == NativeSocket::Call::Socket)
        return { failed(lines.constFirst().call, result.error) };
    lines << CallLine { QStringLiteral(
                                "s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)"),
                        tr("as Qt does: the port can be listened on again while its last "
                           "connections wait in TIME_WAIT"),
                        0 };
    if (!result.ok() && result.call != NativeSocket::Call::Listen) {
        lines << failed(bindCall(address, port), result.error);
        return lines;
    }
    const QString listen = QLatin1String("s.listen(") + QString::number(backlog) + u')';
    lines << CallLine { bindCall(address, port),
                        result.ok() ? tr("→ bound to %1").arg(bound.toString()) : QString(), 0 };
    if (!result.ok()) {
        lines << failed(listen, result.error);
        return lines;
    }
    lines << CallLine { listen,
                        tr("up to %n connections can wait for accept()", backlog), 0 };
    return lines;
}

QList<CallLine> tcpConnectStart(const QHostAddress &address, quint16 port, quint16 localPort,
                                int error, NativeSocket::Call call)
{
    const QHostAddress any = address.protocol() == QAbstractSocket::IPv6Protocol
            ? QHostAddress(QHostAddress::AnyIPv6)
            : QHostAddress(QHostAddress::AnyIPv4);
    QList<CallLine> lines = creation(any, QStringLiteral("SOCK_STREAM"));
    if (error != 0 && call == NativeSocket::Call::Socket)
        return { failed(lines.constFirst().call, error) };
    if (localPort != 0) {
        if (error != 0 && call == NativeSocket::Call::Bind) {
            lines << failed(bindCall(any, localPort), error);
            return lines;
        }
        lines << CallLine { bindCall(any, localPort), {}, 0 };
    }
    const QString connect = QLatin1String("s.connect_ex(")
            + PythonSyntax::address(Endpoint { address, port }) + u')';
    if (error != 0) {
        lines << CallLine { connect,
                            tr("→ %1 at once: a blocking s.connect() raises %2")
                                    .arg(QString::number(error), PythonSyntax::exception(error)),
                            error };
        return lines;
    }
    lines << CallLine { connect,
                        tr("→ EINPROGRESS: the SYN is sent and the call returns; Qt waits "
                           "until the socket is writable"),
                        0 };
    return lines;
}

CallLine tcpConnectEnd(int error, const Endpoint &local, qint64 ms)
{
    const QString call = QStringLiteral("s.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)");
    if (error != 0) {
        return CallLine { call,
                          tr("→ %1: a blocking s.connect() raises %2")
                                  .arg(QString::number(error), PythonSyntax::exception(error)),
                          error };
    }
    return CallLine { call,
                      tr("→ 0: connected in %1 (SYN, SYN-ACK, ACK), from %2; a blocking "
                         "s.connect() returns here")
                              .arg(durationText(ms), PythonSyntax::address(local)),
                      0 };
}

CallLine lookup(const QString &host, quint16 port, bool stream,
                const QList<QHostAddress> &addresses, int error)
{
    const QString call = QLatin1String("socket.getaddrinfo(") + PythonSyntax::stringLiteral(host)
            + QLatin1String(", ") + QString::number(port)
            + (stream ? QLatin1String(", type=socket.SOCK_STREAM)")
                      : QLatin1String(", type=socket.SOCK_DGRAM)"));
    if (addresses.isEmpty())
        return CallLine { call, PythonSyntax::resolverError(error), error };
    QStringList found;
    for (const QHostAddress &address : addresses)
        found << address.toString();
    return CallLine { call, QStringLiteral("→ ") + found.join(QLatin1String(", ")), 0 };
}

} // namespace OpeningCalls
