#pragma once

// A TCP client that takes nothing in until told (its session is throttled): what a server
// sends it waits in the server's queue, as it does for a slow reader across a network.

#include "net/tcpclientsession.h"
#include "net/tcpserversession.h"

#include <QList>
#include <QTest>

#include <optional>

struct SlowPeer
{
    TcpClientSession session;
    qint64 received = 0;
    QList<TcpConnection::Ending> endings; // how its connection ended, once it has

    explicit SlowPeer(const TcpServerSession &server)
    {
        session.setThrottled(true);
        QObject::connect(&session, &Session::received, &session,
                         [this](const QByteArray &bytes) { received += bytes.size(); });
        QObject::connect(&session, &TcpClientSession::connectionOpened, &session,
                         [this](TcpConnection *connection) {
                             QObject::connect(connection, &TcpConnection::closed, &session,
                                              [this](TcpConnection::Ending ending) {
                                                  endings << ending;
                                              });
                         });
        session.connectToHost(QStringLiteral("127.0.0.1"), server.localEndpoint().port);
    }
    // Reads again: what waited arrives.
    void startReading() { session.setThrottled(false); }
    // Reads again until the connection ends: how it ended, or nothing within `timeoutMs`.
    std::optional<TcpConnection::Ending> readToTheEnd(int timeoutMs = 20000)
    {
        startReading();
        if (!QTest::qWaitFor([this] { return !endings.isEmpty(); }, timeoutMs))
            return std::nullopt;
        return endings.constFirst();
    }
};
