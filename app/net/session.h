#pragma once

#include "net/autoreply.h"
#include "net/endpoint.h"
#include "net/faultspec.h"
#include "net/tcpevent.h"
#include "net/transport.h"
#include "teach/callburst.h"
#include "teach/openingcalls.h"

#include <QAbstractSocket>
#include <QByteArray>
#include <QDateTime>
#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QString>

#include <array>
#include <functional>

class FileSender;
class TcpConnection;

// What every kind of session states, whatever its protocol: one set of facts, so that the log,
// the recording and the views that teach are written once for all kinds.
//
// A session owns its sockets by composition. Its commands stay in its own Qt vocabulary
// (UdpSession::bind(), TcpClientSession::connectToHost(), TcpServerSession::listen()); every
// send command returns true when the bytes were accepted (sent, or queued to be sent) and false
// when nothing will be sent, after a notice or errorOccurred() has said why.
//
// Facts about bytes carry both ends and the time (UTC) they were read or written; `local` is
// what the session calls its own end (a server's rows name its listening address), and
// `peerName` what it calls the peer ("user4"; empty where peers have no names). A session
// states each fact when it happens, in order: a received chunk comes before the replies it
// causes.
class Session : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Session)

public:
    // The life of a socket, in the words of QAbstractSocket::SocketState: a UDP socket is
    // Closed or Bound, a server Closed or Listening, and a client goes LookingUp → Connecting →
    // Connected → Closing → Closed.
    enum class State { Closed, LookingUp, Connecting, Connected, Bound, Listening, Closing };
    Q_ENUM(State)

    ~Session() override;

    Transport transport() const { return m_transport; }
    State state() const { return m_state; }
    // Why the last bind, listen or connect failed, in a few words (SocketHint::brief()): "port
    // 28100 is in use". Empty once the session opens or tries again.
    QString failure() const { return m_failure; }
    // Bound, listening or connected: the socket can carry traffic.
    bool isOpen() const;
    // How long the session has been in its state.
    qint64 msInState() const { return m_stateClock.elapsed(); }
    // Where this session is reachable now; null while closed.
    virtual Endpoint localEndpoint() const = 0;
    // The one peer of a connected session; null for kinds with none or many.
    virtual Endpoint peerEndpoint() const { return {}; }

    // Whether a file is being sent (Send File), and stopping it: what was queued still goes,
    // and the log says how far it got.
    bool isSendingFile() const { return m_file != nullptr; }
    void stopFile();

    // What this session was asked to send and has not written to its sockets yet: what waits
    // in its connections, and the rest of a file being sent (once for each peer it goes to).
    qint64 bytesToSend() const;
    // What its peers have not received yet: bytesToSend(), and what the system holds for them
    // unacknowledged. What cutOffSending() would keep from them.
    qint64 bytesNotDelivered() const;
    // Its connections that have bytes to send, or take a file being sent.
    QList<TcpConnection *> connectionsSending() const;
    // Ends each of connectionsSending() with a reset (RST), so that its peer learns that the
    // transfer was cut rather than complete, and says how many bytes never reached it. The
    // other connections stay as they are.
    void cutOffSending();
    // Whether any of its TCP connections is still open.
    bool hasOpenConnections() const { return !connections().isEmpty(); }
    // Closes the session as its own Close, Stop or Disconnect does: it takes no new traffic,
    // and each connection closes gracefully once what was queued for it has been written
    // (disconnectWhenSent()). For a tab that closes, and for the quit.
    virtual void shutDown() = 0;

    // While throttled, the session takes in no more traffic than it has: reads wait in the
    // sockets (TCP's flow control slows the peer; UDP's kernel buffer drops what overflows, as
    // for any program that reads too slowly) and a file being sent waits between pieces. For
    // whoever logs the traffic and cannot keep up, such as a recording behind on its disk.
    bool isThrottled() const { return m_throttled; }
    virtual void setThrottled(bool throttled);

    // Before quitting: hands out what was read from the kernel already (as received(), from
    // the event loop, throttled or not), and reads nothing more that it would hold back. A UDP
    // socket stops reading; a TCP connection hands on what it reads from then on at once.
    // Returns how much waits: datagrams, or connections with a chunk.
    virtual qsizetype finishReading();
    // Read from the kernel and not handed out yet (as finishReading() counts).
    virtual qsizetype readNotHandedOut() const;

    // Whether the session states each socket call it makes (called()), as a Python program
    // would write it: for a student to connect what happens to the calls in their own code.
    // Off by default: it costs a little for every read of a flood. Calls made from now on.
    bool statesCalls() const { return m_statesCalls; }
    void setStatesCalls(bool states);
    // States the lines of the bursts of calls under way: before the session goes.
    void flushCalls();

Q_SIGNALS:
    // `previousStateMs`: how long the state that just ended lasted.
    void stateChanged(Session::State state, qint64 previousStateMs);
    // `arrivedBytes`: a datagram that a read limit cut (UdpSession::setReadLimit()), its size
    // as it arrived, of which `bytes` is the part kept; 0 when `bytes` is all that arrived.
    void received(const QByteArray &bytes, const Endpoint &local, const Endpoint &peer,
                  const QDateTime &time, const QString &peerName = {},
                  qsizetype arrivedBytes = 0);
    // `origin`: the auto-reply that sent it, or None for what the user sent.
    void sent(const QByteArray &bytes, const Endpoint &local, const Endpoint &peer,
              const QDateTime &time, AutoReply origin = AutoReply::None,
              const QString &peerName = {});
    // A relay sent `bytes` from the client `from` (null for the chat room's own announcement)
    // to each of `recipients` ("user4 (127.0.0.1:41000)"): one fact for the message, after
    // each write was stated as sent() with the origin Relay.
    void relayed(const QByteArray &bytes, const Endpoint &local, const Endpoint &from,
                 const QString &fromName, const QStringList &recipients, const QDateTime &time);
    // A complete message a framing found in a byte stream; its bytes also came in received().
    // `prefixBytes`: the length prefix it starts with, if the framing has one.
    void framed(const QByteArray &message, const Endpoint &local, const Endpoint &peer,
                const QDateTime &time, int prefixBytes = 0, const QString &peerName = {});
    // Something worth telling in plain words that is neither traffic nor an error. `event`:
    // what a TCP connection's opening or end put on the wire, for views that draw it.
    void noticed(const QString &message, const Endpoint &local, const Endpoint &peer,
                 const QString &peerName = {}, TcpEvent event = TcpEvent::None);
    // A fault made on purpose (FaultInjector), in plain words: "dropped on purpose (drop 50%)".
    void faulted(Fault fault, const QString &message, const Endpoint &local, const Endpoint &peer,
                 const QString &peerName = {});
    // What failed, where, in plain words, and what to try (SocketHint). `event` as noticed()'s.
    void errorOccurred(QAbstractSocket::SocketError error, const QString &message,
                       const Endpoint &local, const Endpoint &peer, const QString &peerName = {},
                       TcpEvent event = TcpEvent::None);
    // A socket call the session made, in Python's `socket` syntax with its real arguments, and
    // what it returned or raised in a comment: "s.bind(('', 9000))  # → bound to [::]:9000".
    // `error`: the errno of a call that failed (negative: getaddrinfo()'s EAI_ codes), else 0.
    // Calls that come in a burst are one line for the burst (CallBurst). Only while
    // statesCalls().
    void called(const QString &call, int error, const Endpoint &local, const Endpoint &peer,
                const QDateTime &time, const QString &peerName = {});
    // The user paused reading from `peer` (TcpConnection::setReadingPaused()), or resumed it;
    // `unread`: what it had sent that was not read yet, in the kernel and the socket.
    void readingPausedChanged(bool paused, qint64 unread, const Endpoint &local,
                              const Endpoint &peer, const QString &peerName = {});
    // How far a file being sent has got: bytes written to the socket, of its size.
    void fileProgressed(const QString &name, qint64 written, qint64 size);
    // The file is sent, or stopped, or failed; the log has said which.
    void fileEnded(bool complete);

protected:
    Session(Transport transport, QObject *parent);

    void setState(State state);
    // An attempt to open failed: errorOccurred() with `message`, and failure() says `brief`.
    void reportFailure(QAbstractSocket::SocketError error, const QString &message,
                       const QString &brief);
    // An event about this session's own endpoints, or about one `peer` of several.
    void notice(const QString &message);
    void notice(const QString &message, const Endpoint &peer, const QString &peerName = {});
    void reportError(QAbstractSocket::SocketError error, const QString &message);
    void reportError(QAbstractSocket::SocketError error, const QString &message,
                     const Endpoint &peer);

    // States a socket call, when statesCalls(): `call` in Python, `result` what it returned or
    // raised (PythonSyntax::exception()), without the "# ".
    void stateCall(const QString &call, const QString &result, int error = 0,
                   const Endpoint &peer = {}, const QString &peerName = {});
    void stateCall(const QString &call, const QString &result, int error, const Endpoint &local,
                   const Endpoint &peer, const QString &peerName);
    void stateCall(const CallLine &line, const Endpoint &peer = {});
    void stateCalls(const QList<CallLine> &lines, const Endpoint &peer = {});
    // The calls that come in bursts (CallBurst), each stated with stateBurstCall().
    enum class BurstKind { Receive, Send, Accept };
    struct BurstCall
    {
        BurstKind kind = BurstKind::Receive;
        qint64 calls = 1; // recvmmsg reads several
        qint64 bytes = 0; // of all the calls
        qint64 firstBytes = 0; // of the first one
        Endpoint local;
        Endpoint peer;
        QString peerName;
        QDateTime time {}; // when it was made, if not now: a datagram's read time
    };
    // How a burst's calls are written: the first on its own line (`single`), the others in
    // one line for the burst, `call` × N, with `how` they were really made (may be empty).
    struct BurstText
    {
        QString single;
        QString call;
        QString how;
    };
    // A call that may come in a burst: counted into the burst under way, or, when it starts
    // one, stated as describe() says (asked only then: a flood's calls cost a comparison).
    // Only while statesCalls().
    template<typename Describe>
    void stateBurstCall(const BurstCall &call, Describe describe)
    {
        if (!m_statesCalls)
            return;
        CallBurst *burst = m_bursts[std::size_t(call.kind)];
        if (burst->continues())
            burst->add(call.calls, call.bytes, call.peer);
        else
            startBurst(call, describe());
    }
    // The name a connection of this session has in the Python program: "s" for a client's own
    // socket, "conn" for what a server's accept() returned.
    virtual QString connectionVariable() const { return QStringLiteral("s"); }
    // Looks at what `peer` sent for a classic mistake worth a word (Python's picture of a bytes
    // object, PythonRepr) and says so, once for each peer: after the received() it looks at.
    void lookAtPayload(const QByteArray &payload, const Endpoint &local, const Endpoint &peer,
                       const QString &peerName = {});

    // States what a TCP connection of this session does as this session's facts, with `local`
    // as this end and `peerName` for the peer: each chunk it reads and each message a framing
    // finds in them (then connectionRead() may answer), what it sends, what it tells, and how
    // it ended (a reset or a failure as an error).
    void reportConnection(TcpConnection *connection, const Endpoint &local,
                          const QString &peerName = {});
    // Called after a chunk (`framed` false) or a complete message was stated as received.
    virtual void connectionRead(TcpConnection *connection, const QByteArray &data, bool framed);

    // The session's TCP connections that are open, for what every kind does with them.
    virtual QList<TcpConnection *> connections() const { return {}; }

    // Closes `connection` gracefully (FIN) once what was queued for it is written: Qt writes
    // its queue first, and a file being sent to it is waited for.
    void disconnectWhenSent(TcpConnection *connection);

    // Streams the file at `path` into `targets` (FileSender), stating its start, progress and
    // end; false when nothing will be sent, after saying why.
    bool startFile(const QString &path, const QList<TcpConnection *> &targets);

private:
    void closeAfterFile();
    void reportPausing(TcpConnection *connection, const Endpoint &local,
                       const QString &peerName);
    void stateConnectionCalls(TcpConnection *connection, const Endpoint &local,
                              const QString &peerName);
    void stateSend(TcpConnection *connection, const BurstCall &call, qint64 left);
    void startBurst(const BurstCall &call, const BurstText &text);
    QString recvCall() const;
    // `ending`: a TcpConnection::Ending.
    void stateEnding(int ending, const Endpoint &local, const Endpoint &peer,
                     const QString &peerName);

    Transport m_transport;
    State m_state = State::Closed;
    QString m_failure;
    FileSender *m_file = nullptr;
    QList<QPointer<TcpConnection>> m_closeAfterFile; // disconnectWhenSent() waits for the file
    bool m_throttled = false;
    QElapsedTimer m_stateClock;
    bool m_statesCalls = false;
    std::array<CallBurst *, 3> m_bursts {}; // children, one for each BurstKind
    QSet<QString> m_toldAboutRepr; // peers already told that they send Python's picture of bytes
};
