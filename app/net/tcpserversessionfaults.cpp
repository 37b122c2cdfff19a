// TcpServerSession's faults on purpose for its auto-reply (tcpserversession.cpp was past 400
// lines).
#include "net/tcpserversession.h"

#include "net/sockethint.h"

#include <QPointer>

void TcpServerSession::setFaults(const FaultSpec &spec)
{
    if (spec.hasDatagramFaults()) {
        notice(tr("Duplicate and reorder are left out: a TCP stream delivers every byte once and "
                  "in order, so neither exists here. Use them on a UDP session."));
    }
    m_faults.setSpec(spec.withoutDatagramFaults());
}

// The answer, unless a drop on purpose skips it, now or after a delay on purpose (to a client
// that may have gone meanwhile).
void TcpServerSession::answerWithFaults(TcpConnection *client, const QByteArray &data)
{
    if (m_autoReply == AutoReply::None || !m_faults.isActive()) {
        answer(client, data);
        return;
    }
    const Endpoint peer = client->peerEndpoint();
    if (m_faults.dropsReceived(peer, client->name()))
        return;
    m_faults.reply(
            [this, c = QPointer<TcpConnection>(client), data, peer, name = client->name()] {
                if (c)
                    answer(c, data);
                else
                    reportError(QAbstractSocket::RemoteHostClosedError,
                                SocketHint::replyAfterEnd(peer.toString(name)), peer);
            },
            peer, client->name());
}
