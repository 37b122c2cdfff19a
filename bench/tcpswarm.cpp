// tcpswarm: N TCP clients connect to a loopback server at once, each sends M messages a fixed
// interval apart, then ends politely; one JSON line tells what happened.
//
//   tcpswarm --to 127.0.0.1:9000 --clients 1000 --messages 3 --interval 100
//
// Every connect() is issued before any is waited for, the way a crowd of devices arrives after
// a power cut. A client sends its first message as soon as it is connected, the next ones
// `interval` ms apart, then shuts down its sending side and waits until the server closes
// too, so that "closed cleanly" means the server read everything up to the end. Client i's
// message k is "client i message k\n". Output:
//
//   {"clients":1000,"connected":1000,"connect_ms":13.1,"messages":3000,"bytes":71670,
//    "resets":0,"refused":0,"closed_cleanly":1000,"closed_early":0,"other_errors":0,
//    "timed_out":0,"seconds":0.41}
//
// connect_ms runs from the first connect() to the last connection established. A reset is an
// ECONNRESET or EPIPE at any point; refused is a connect() that failed; closed early is a
// server that closed before the client was done. Clients still open
// after --timeout seconds count as timed out. Only loopback servers are accepted.

#include "commandline.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

struct Options
{
    LoopbackEndpoint to;
    int clients = 1000;
    int messages = 3;
    int intervalMs = 100;
    int timeoutSeconds = 60;
};

enum class Stage { Connecting, Sending, Draining, Done };

struct Client
{
    int fd = -1;
    Stage stage = Stage::Connecting;
    int sentMessages = 0;
    Clock::time_point nextSend;
};

struct Totals
{
    int connected = 0;
    long long messages = 0;
    long long bytes = 0;
    int resets = 0;
    int refused = 0;
    int closedCleanly = 0;
    int closedEarly = 0; // the server closed before the client had said everything
    int otherErrors = 0;
    Clock::time_point lastConnected;
};

Options parse(int argc, char **argv)
{
    Options o;
    readOptions(argc, argv, [&o](const std::string &name, const std::string &value) {
        if (name == "--to")
            o.to = loopbackOption(value);
        else if (name == "--clients")
            o.clients = std::atoi(value.c_str());
        else if (name == "--messages")
            o.messages = std::atoi(value.c_str());
        else if (name == "--interval")
            o.intervalMs = std::atoi(value.c_str());
        else if (name == "--timeout")
            o.timeoutSeconds = std::atoi(value.c_str());
        else
            return false;
        return true;
    });
    if (o.to.port == 0 || o.clients < 1 || o.messages < 0 || o.intervalMs < 0
        || o.timeoutSeconds < 1)
        fail("needs --to HOST:PORT, --clients >= 1, --messages >= 0, --interval >= 0");
    return o;
}

// Each client is a descriptor; the default soft limit of 1,024 would stop a thousand of them.
void raiseOpenFileLimit(int needed)
{
    rlimit limit {};
    getrlimit(RLIMIT_NOFILE, &limit);
    if (limit.rlim_cur >= rlim_t(needed))
        return;
    limit.rlim_cur = std::min<rlim_t>(limit.rlim_max, rlim_t(needed));
    setrlimit(RLIMIT_NOFILE, &limit);
    if (limit.rlim_cur < rlim_t(needed))
        fail("the open-file limit (ulimit -n) is below " + std::to_string(needed));
}

bool isReset(int error)
{
    return error == ECONNRESET || error == EPIPE;
}

class Swarm
{
public:
    explicit Swarm(const Options &o)
        : m_options(o)
        , m_clients(std::size_t(o.clients))
        , m_epoll(epoll_create1(0))
    {
        if (m_epoll < 0)
            fail(std::string("epoll_create1: ") + std::strerror(errno));
    }

    void connectAll()
    {
        sockaddr_storage address;
        const socklen_t length = m_options.to.toSockaddr(address);
        m_started = Clock::now();
        for (std::size_t i = 0; i < m_clients.size(); ++i) {
            Client &c = m_clients[i];
            c.fd = socket(address.ss_family, SOCK_STREAM | SOCK_NONBLOCK, 0);
            if (c.fd < 0)
                fail(std::string("socket: ") + std::strerror(errno));
            if (connect(c.fd, reinterpret_cast<sockaddr *>(&address), length) != 0
                && errno != EINPROGRESS) {
                finish(c, errno);
                continue;
            }
            epoll_event event {};
            event.events = EPOLLIN | EPOLLOUT | EPOLLRDHUP;
            event.data.u64 = i;
            epoll_ctl(m_epoll, EPOLL_CTL_ADD, c.fd, &event);
        }
    }

    void run()
    {
        const auto deadline = m_started + std::chrono::seconds(m_options.timeoutSeconds);
        std::vector<epoll_event> events(256);
        while (m_open > 0 && Clock::now() < deadline) {
            const int n = epoll_wait(m_epoll, events.data(), int(events.size()), waitMs(deadline));
            for (int e = 0; e < n; ++e)
                handle(m_clients[events[std::size_t(e)].data.u64], events[std::size_t(e)].events);
            sendDue();
        }
    }

    void print() const
    {
        const double connectMs =
                std::chrono::duration<double, std::milli>(m_totals.lastConnected - m_started).count();
        const double seconds =
                std::chrono::duration<double>(Clock::now() - m_started).count();
        std::printf("{\"clients\":%d,\"connected\":%d,\"connect_ms\":%.1f,\"messages\":%lld,"
                    "\"bytes\":%lld,\"resets\":%d,\"refused\":%d,\"closed_cleanly\":%d,"
                    "\"closed_early\":%d,\"other_errors\":%d,\"timed_out\":%d,"
                    "\"seconds\":%.2f}\n",
                    m_options.clients, m_totals.connected,
                    m_totals.connected ? connectMs : 0.0, m_totals.messages, m_totals.bytes,
                    m_totals.resets, m_totals.refused, m_totals.closedCleanly,
                    m_totals.closedEarly, m_totals.otherErrors, m_open, seconds);
    }

private:
    int waitMs(Clock::time_point deadline) const
    {
        Clock::time_point next = deadline;
        for (const Client &c : m_clients) {
            if (c.stage == Stage::Sending)
                next = std::min(next, c.nextSend);
        }
        const auto ms = std::chrono::ceil<std::chrono::milliseconds>(next - Clock::now()).count();
        return int(std::max<long long>(0, ms));
    }

    void handle(Client &c, uint32_t events)
    {
        if (c.stage == Stage::Connecting && (events & (EPOLLOUT | EPOLLERR | EPOLLHUP))) {
            int error = 0;
            socklen_t length = sizeof error;
            getsockopt(c.fd, SOL_SOCKET, SO_ERROR, &error, &length);
            if (error != 0) {
                finish(c, error);
                return;
            }
            ++m_totals.connected;
            m_totals.lastConnected = Clock::now();
            c.stage = Stage::Sending;
            c.nextSend = m_totals.lastConnected;
            epoll_event event {};
            event.events = EPOLLIN | EPOLLRDHUP;
            event.data.u64 = std::uint64_t(&c - m_clients.data());
            epoll_ctl(m_epoll, EPOLL_CTL_MOD, c.fd, &event);
        }
        if (c.stage != Stage::Done && (events & (EPOLLIN | EPOLLRDHUP | EPOLLERR | EPOLLHUP)))
            readAvailable(c);
    }

    // Whatever the server says is read and dropped; its end of the stream ends the client.
    void readAvailable(Client &c)
    {
        char buffer[4096];
        for (;;) {
            const ssize_t n = recv(c.fd, buffer, sizeof buffer, 0);
            if (n > 0)
                continue;
            if (n == 0) {
                finish(c, c.stage == Stage::Draining ? 0 : ECONNABORTED);
                return;
            }
            if (errno != EAGAIN && errno != EWOULDBLOCK)
                finish(c, errno);
            return;
        }
    }

    void sendDue()
    {
        const auto now = Clock::now();
        for (Client &c : m_clients) {
            while (c.stage == Stage::Sending && c.nextSend <= now)
                sendNext(c);
        }
    }

    void sendNext(Client &c)
    {
        if (c.sentMessages == m_options.messages) {
            shutdown(c.fd, SHUT_WR);
            c.stage = Stage::Draining;
            return;
        }
        char message[64];
        const int length = std::snprintf(message, sizeof message, "client %lld message %d\n",
                                         static_cast<long long>(&c - m_clients.data()),
                                         c.sentMessages + 1);
        // A few dozen bytes always fit in a fresh socket's send buffer; anything else is an error.
        if (send(c.fd, message, std::size_t(length), MSG_NOSIGNAL) != length) {
            finish(c, errno);
            return;
        }
        ++c.sentMessages;
        ++m_totals.messages;
        m_totals.bytes += length;
        c.nextSend += std::chrono::milliseconds(m_options.intervalMs);
    }

    void finish(Client &c, int error)
    {
        if (c.stage == Stage::Done)
            return;
        if (error == 0)
            ++m_totals.closedCleanly;
        else if (isReset(error))
            ++m_totals.resets;
        else if (c.stage == Stage::Connecting)
            ++m_totals.refused;
        else if (error == ECONNABORTED)
            ++m_totals.closedEarly;
        else if (++m_totals.otherErrors == 1)
            std::fprintf(stderr, "tcpswarm: a client ended with: %s\n", std::strerror(error));
        if (c.fd >= 0)
            close(c.fd);
        c.fd = -1;
        c.stage = Stage::Done;
        --m_open;
    }

    Options m_options;
    std::vector<Client> m_clients;
    int m_epoll;
    int m_open = int(m_clients.size());
    Clock::time_point m_started;
    Totals m_totals;
};

} // namespace

int main(int argc, char **argv)
{
    const Options options = parse(argc, argv);
    raiseOpenFileLimit(options.clients + 16);
    Swarm swarm(options);
    swarm.connectAll();
    swarm.run();
    swarm.print();
    return 0;
}
