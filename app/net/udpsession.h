#pragma once

#include "kernel/udpdropwatch.h"
#include "net/autoreply.h"
#include "net/datagramqueue.h"
#include "net/endpoint.h"
#include "net/faultinjector.h"
#include "net/hostlookup.h"
#include "net/session.h"
#include "net/udpreader.h"

#include <QHostAddress>
#include <QNetworkInterface>
#include <QSet>
#include <QUdpSocket>

#include <deque>
#include <memory>

// A UDP endpoint: bind, receive every datagram, send to any host, answer automatically.
//
// Like a socket in a tutorial: bind() is `bind`, received() is each `recvfrom`, send() is
// `sendto`. Sending before bind() binds a system-chosen port first and keeps receiving on it,
// so the answer of a UDP server shows up. Host names are resolved without blocking, and
// datagrams leave in the order they were sent (DatagramQueue).
//
// The first datagram of each read is looked at for a classic mistake worth a hint
// (Session::lookAtPayload()): a mistake a program makes, it makes in every datagram, and a
// flood's reads of up to 32 datagrams then cost the look once.
//
// Datagrams are read on a thread of their own (UdpReader), so that a flood is not lost while
// the window is busy; received() still comes on this object's thread, in arrival order, with
// the time each one was read and the local endpoint it arrived on.
class UdpSession final : public Session
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UdpSession)

public:
    static constexpr qsizetype MaxIPv4Payload = DatagramQueue::MaxIPv4Payload;
    static constexpr qsizetype MaxIPv6Payload = DatagramQueue::MaxIPv6Payload;
    // Large enough for a burst of tens of thousands of small datagrams between two wake-ups.
    static constexpr int ReceiveBufferBytes = 8 << 20;
    // Datagrams handed out as received() before the event loop gets its turn, and their bytes:
    // a thousand of the largest datagrams are 65 MB to copy and log in one go.
    static constexpr int ReadBudget = 1000;
    static constexpr qsizetype ReadBudgetBytes = 4 << 20;
    // What a datagram is read into: the largest a UDP datagram can be.
    static constexpr int ReadSize = 65535;

    explicit UdpSession(QObject *parent = nullptr);
    ~UdpSession() override;

    bool isBound() const { return state() == State::Bound; }
    // Bound to every address, IPv4 and IPv6: one AF_INET6 socket, IPv4 peers IPv4-mapped.
    bool isDualStack() const
    {
        return isBound() && m_socket.localAddress().protocol() == QAbstractSocket::AnyIPProtocol;
    }
    Endpoint localEndpoint() const override;
    // The bound socket's, for what asks the kernel about it (KernelProbe); -1 while closed.
    qintptr socketDescriptor() const { return isBound() ? m_socket.socketDescriptor() : -1; }
    // Datagrams the kernel dropped for the socket since it was bound, its receive buffer full
    // (UdpDropWatch: looked at once a second, and at the close). Each time the count grows,
    // a notice says how many and what to try.
    qint64 kernelDrops() const { return m_dropWatch.drops(); }

    bool bind(const QHostAddress &address, quint16 port);
    // Binds to an address literal at once, or to the first address of a host name once it is
    // resolved in the background.
    void bind(const QString &host, quint16 port);
    void close();
    void shutDown() override { close(); }

    // Sends to a host name or address literal; resolution, if needed, happens in the background.
    bool send(const QByteArray &payload, const QString &host, quint16 port);
    bool sendTo(const QByteArray &payload, const Endpoint &destination,
                AutoReply origin = AutoReply::None);
    // Sends the bytes of a file as one datagram; refused, with the usual words, when they do
    // not fit in one.
    bool sendFile(const QString &path, const QString &host, quint16 port);
    bool replyToLastSender(const QByteArray &payload);
    Endpoint lastSender() const { return m_lastSender; }

    // Reads at most `limit` bytes of each datagram, as recvfrom(limit) in a program does: the
    // rest of a larger one is lost, since UDP keeps no stream to read it from later. received()
    // says how many bytes arrived, and the first datagram cut is explained in a notice. 0, the
    // default, reads whole datagrams. (The reader always reads them whole; they are cut as they
    // are handed out, which costs a flood nothing.)
    static constexpr int MaxReadLimit = 65'535; // as large as a datagram can be
    qsizetype readLimit() const { return m_readLimit; }
    void setReadLimit(qsizetype limit);

    AutoReply autoReply() const { return m_autoReply; }
    void setAutoReply(AutoReply mode)
    {
        m_autoReply = mode;
        m_faults.sayNothingToActOnAgain();
    }

    // Faults on purpose (FaultInjector) act on the auto-reply: drop means it does not answer a
    // datagram (which is still logged: its bytes did arrive); delay, duplicate and reorder
    // act on its datagrams. Without an auto-reply they have nothing to act on, and the first
    // datagram says so in a row. Never applied to what the user sends.
    const FaultSpec &faults() const { return m_faults.spec(); }
    void setFaults(const FaultSpec &spec) { m_faults.setSpec(spec); }
    void setFaultSeed(quint32 seed) { m_faults.setSeed(seed); }
    void setFaultHoldBackMs(int ms) { m_faults.setHoldBackMs(ms); } // for tests

    void setThrottled(bool throttled) override;
    // Datagrams read from the socket and not handed out as received() yet.
    qsizetype waitingCount() const;
    qsizetype finishReading() override { return stopReading(); }
    qsizetype readNotHandedOut() const override { return waitingCount(); }

    bool joinMulticastGroup(const QHostAddress &group, const QNetworkInterface &interface = {});
    bool leaveMulticastGroup(const QHostAddress &group, const QNetworkInterface &interface = {});

Q_SIGNALS:
    // Datagrams send() took were not sent after all: their host was not found. After the
    // errorOccurred() that says so.
    void sendFailed(const QString &message);

private:
    struct Reader
    {
        std::unique_ptr<UdpReader> thread;
        Endpoint local; // where its datagrams arrived
    };

    bool bindSocket(const QHostAddress &address, quint16 port);
    void bindHostFound(const QList<QHostAddress> &addresses);
    void startReading();
    qsizetype stopReading();
    void takeReceived();
    int deliver(const UdpReader::Batch &batch, const Reader &reader);
    void reportReadError(const UdpReader::Batch &batch, const Endpoint &local);
    void explainCut(qsizetype arrived, const Endpoint &peer);
    void explainDrops(qint64 count);
    void answer(const QByteArray &payload, const Endpoint &peer);
    // The auto-reply `mode`'s answer to `payload`, made now, sent to `to`.
    void sendReply(AutoReply mode, const QByteArray &payload, const Endpoint &to);
    bool ensureBound();
    bool changeMembership(bool join, const QHostAddress &group, const QNetworkInterface &interface);
    void datagramSent(const QNetworkDatagram &datagram, AutoReply origin);
    // The socket calls, in udpsessioncalls.cpp.
    void stateReceiveCalls(const UdpReader::Batch &batch, const Endpoint &local);
    void stateUnreadCalls(qsizetype unread, const Endpoint &local);
    void stateSendCall(const QByteArray &data, const Endpoint &peer);
    void stateSendFailure(QAbstractSocket::SocketError error, int systemError);

    QUdpSocket m_socket; // binds, sends and closes; a UdpReader reads
    // While bound, the last one reads the socket; readers stopped by a close come before it
    // until what they read is handed out.
    std::deque<Reader> m_readers;
    AutoReply m_autoReply = AutoReply::None;
    qsizetype m_readLimit = 0;
    bool m_cutExplained = false; // since the limit was set
    Endpoint m_lastSender;
    QSet<QString> m_refusedBy; // destinations whose ICMP error was said, until they answer
    DatagramQueue m_outbox;
    FaultInjector m_faults;
    HostLookup m_bindLookup;
    quint16 m_bindPort = 0; // for the name m_bindLookup looks up
    UdpDropWatch m_dropWatch;
};
