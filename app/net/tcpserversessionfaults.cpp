// TcpServerSession's faults on purpose for its auto-reply.
#include "net/tcpserversession.h"

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
// that may have gone meanwhile; a relay still goes to the others).
void TcpServerSession::answerWithFaults(TcpConnection *client, const QByteArray &data)
{
    if (!m_faults.isActive()) {
        answer(client, data);
        return;
    }
    if (m_autoReply == AutoReply::None) {
        if (const QString idle = m_faults.nothingToActOn(); !idle.isEmpty())
            notice(idle, client->peerEndpoint(), client->name());
        return;
    }
    const Endpoint peer = client->peerEndpoint();
    if (m_faults.dropsReceived(peer, client->name()))
        return;
    m_faults.reply(
        [this, c = QPointer<TcpConnection>(client), data, peer, name = client->name()] {
            if (m_autoReply == AutoReply::Relay) {
                relay(data, peer, name, c); // the message exists, its sender gone or not
            } else if (c && c->isOpen()) {
                answer(c, data);
            } else {
                // The delay's doing, not an error: the reply would have gone in time.
                Q_EMIT faulted(Fault::Delay,
                               tr("Delayed on purpose and not sent: %1 left before it was "
                                  "due.")
                                   .arg(peer.toString(name)),
                               localEndpoint(), peer, name);
            }
        },
        peer, client->name());
}
