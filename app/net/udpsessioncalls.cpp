// UdpSession's socket calls (Session::called()): how a Python program with one UDP socket
// would write what the session does.
#include "net/udpsession.h"

#include "teach/pythonsyntax.h"
#include "text/pluralcount.h"

#include <QLocale>

#include <cerrno>

// One recvfrom() for each datagram of `batch`, which one recvmmsg() read: the first of a burst
// on its own line, the rest counted (CallBurst).
void UdpSession::stateReceiveCalls(const UdpReader::Batch &batch, const Endpoint &local)
{
    const UdpReader::Datagram &first = batch.datagrams.front();
    const Endpoint peer { first.sender, first.senderPort };
    const qsizetype size = m_readLimit > 0 ? m_readLimit : ReadSize;
    const BurstCall call { BurstKind::Receive, qint64(batch.datagrams.size()),
                           batch.payloads.size(), first.size, local, peer, {}, batch.time };
    stateBurstCall(call, [&] {
        const QString recvfrom = QStringLiteral("data, addr = s.recvfrom(%1)").arg(size);
        const QString from = PythonSyntax::address(peer, isDualStack());
        const QLocale locale;
        const QString result = first.size > size
                ? tr("→ %1 of the %2 bytes that arrived, from %3; the kernel drops the rest")
                          .arg(locale.toString(size), locale.toString(first.size), from)
                : tr("→ %n bytes from %1", nullptr, pluralCount(quint64(first.size))).arg(from);
        return BurstText { recvfrom + QLatin1String("  # ") + result, recvfrom,
                           tr("read in batches of up to %1 by recvmmsg(), one system call for "
                              "each batch")
                                   .arg(UdpReader::BatchSize) };
    });
}

// Datagrams the reader took before it stopped (a close, a quit), which are logged after: their
// calls were made before, and are said now, before the close.
void UdpSession::stateUnreadCalls(qsizetype unread, const Endpoint &local)
{
    if (unread == 0)
        return;
    const qsizetype size = m_readLimit > 0 ? m_readLimit : ReadSize;
    stateCall(QStringLiteral("data, addr = s.recvfrom(%1) × %2")
                      .arg(size)
                      .arg(QLocale().toString(unread)),
              tr("read before the socket stopped reading; their rows follow"), 0, local, {}, {});
}

void UdpSession::stateSendCall(const QByteArray &data, const Endpoint &peer)
{
    const BurstCall call { BurstKind::Send, 1, data.size(), data.size(), localEndpoint(), peer,
                           {} };
    stateBurstCall(call, [&] {
        return BurstText { QLatin1String("s.sendto(") + PythonSyntax::bytesLiteral(data, 48)
                                   + QLatin1String(", ")
                                   + PythonSyntax::address(peer, isDualStack())
                                   + QStringLiteral(")  # → ") + QString::number(data.size()),
                           QStringLiteral("s.sendto(data, addr)"),
                           {} };
    });
}

// What sendto() raises for a datagram the queue could not send: the write's errno, or the one
// Qt's error stands for where there was no write (Qt keeps no errno of its own).
void UdpSession::stateSendFailure(QAbstractSocket::SocketError error, int systemError)
{
    if (systemError != 0) {
        stateCall(QStringLiteral("s.sendto(data, addr)"), PythonSyntax::exception(systemError),
                  systemError);
        return;
    }
    int number = 0;
    switch (error) {
    case QAbstractSocket::DatagramTooLargeError: number = EMSGSIZE; break;
    case QAbstractSocket::HostNotFoundError: return; // getaddrinfo()'s line said it
    case QAbstractSocket::NetworkError: number = ENETUNREACH; break;
    case QAbstractSocket::SocketAccessError: number = EACCES; break;
    case QAbstractSocket::SocketResourceError: number = ENOBUFS; break;
    case QAbstractSocket::ConnectionRefusedError: number = ECONNREFUSED; break;
    default: return; // no errno to name the exception by; the error row says what happened
    }
    stateCall(QStringLiteral("s.sendto(data, addr)"), PythonSyntax::exception(number), number);
}
