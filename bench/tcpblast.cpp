// tcpblast: one bulk TCP transfer on loopback, timed from the end that sends, and the bare
// reference reader to compare the app with.
//
//   tcpblast --mode send  --to 127.0.0.1:PORT --bytes N   connect, send N bytes, wait for the end
//   tcpblast --mode serve --bytes N [--wait-ms W]         listen, print {"port":P}, accept one
//                                                         client, wait W ms (a window that
//                                                         connects at its start settles), send
//                                                         it N bytes, wait for the end
//   tcpblast --mode sink                                  listen, print {"port":P}, accept one
//                                                         client, read until it ends, keep nothing
//   tcpblast --mode fetch --to 127.0.0.1:PORT             connect, read until the server ends,
//                                                         keep nothing (the sink, as a client)
//
// A sender writes N bytes of a fixed pattern as fast as the socket takes them, half-closes
// (FIN), and waits until the reader closes its end too, which a reader does once it has read
// everything: so the time from the first byte to that close is the time the reader took to
// read it all. Once every byte is sent it prints {"sent_seconds":S}, for a reader that never
// closes; at the end {"bytes":N,"seconds":S,"rate":R} (R in bytes/s). The sink and the
// fetcher print {"bytes":N,"seconds":S,"rate":R} once the other end has ended. Loopback only.

#include "commandline.h"

#include <netinet/in.h>
#include <sys/socket.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <unistd.h>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

constexpr std::size_t BufferBytes = 1 << 20;

int listenLoopback()
{
    sockaddr_storage address;
    const socklen_t length = LoopbackEndpoint { "127.0.0.1", 0 }.toSockaddr(address);
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0 || bind(fd, reinterpret_cast<sockaddr *>(&address), length) != 0
        || listen(fd, 1) != 0)
        fail(std::string("listen: ") + std::strerror(errno));
    sockaddr_in bound {};
    socklen_t size = sizeof bound;
    getsockname(fd, reinterpret_cast<sockaddr *>(&bound), &size);
    std::printf("{\"port\":%d}\n", ntohs(bound.sin_port));
    std::fflush(stdout);
    return fd;
}

int acceptOne(int listener)
{
    const int fd = accept(listener, nullptr, nullptr);
    if (fd < 0)
        fail(std::string("accept: ") + std::strerror(errno));
    close(listener);
    return fd;
}

int connectTo(const LoopbackEndpoint &to)
{
    sockaddr_storage address;
    const socklen_t length = to.toSockaddr(address);
    const int fd = socket(address.ss_family, SOCK_STREAM, 0);
    if (fd < 0 || connect(fd, reinterpret_cast<sockaddr *>(&address), length) != 0)
        fail(std::string("connect: ") + std::strerror(errno));
    return fd;
}

void report(long long bytes, Clock::time_point start)
{
    const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    std::printf("{\"bytes\":%lld,\"seconds\":%.6f,\"rate\":%.0f}\n", bytes, seconds,
                seconds > 0 ? double(bytes) / seconds : 0.0);
}

// Sends `total` bytes, half-closes, and waits for the other end to close.
void sendAll(int fd, long long total)
{
    std::vector<char> buffer(BufferBytes);
    for (std::size_t i = 0; i < buffer.size(); ++i)
        buffer[i] = char('a' + i % 26);
    const auto start = Clock::now();
    long long sent = 0;
    while (sent < total) {
        const auto want = std::size_t(std::min<long long>(total - sent, static_cast<long long>(buffer.size())));
        const ssize_t n = send(fd, buffer.data(), want, MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            fail(std::string("send: ") + std::strerror(errno) + " after "
                 + std::to_string(sent) + " bytes");
        sent += n;
    }
    std::printf("{\"sent_seconds\":%.6f}\n",
                std::chrono::duration<double>(Clock::now() - start).count());
    std::fflush(stdout);
    shutdown(fd, SHUT_WR);
    char drain[4096];
    while (true) {
        const ssize_t n = recv(fd, drain, sizeof drain, 0);
        if (n == 0 || (n < 0 && errno != EINTR))
            break;
    }
    report(sent, start);
    close(fd);
}

void sinkAll(int fd)
{
    std::vector<char> buffer(BufferBytes);
    long long received = 0;
    Clock::time_point start;
    while (true) {
        const ssize_t n = recv(fd, buffer.data(), buffer.size(), 0);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        if (received == 0)
            start = Clock::now();
        received += n;
    }
    report(received, start);
    close(fd);
}

} // namespace

int main(int argc, char **argv)
{
    std::string mode;
    long long bytes = 0;
    long long waitMs = 0;
    std::optional<LoopbackEndpoint> to;
    readOptions(argc, argv, [&](const std::string &name, const std::string &value) {
        if (name == "--mode")
            mode = value;
        else if (name == "--bytes")
            bytes = std::atoll(value.c_str());
        else if (name == "--to")
            to = loopbackOption(value);
        else if (name == "--wait-ms")
            waitMs = std::atoll(value.c_str());
        else
            return false;
        return true;
    });
    if (mode == "send" && to && bytes > 0)
        sendAll(connectTo(*to), bytes);
    else if (mode == "serve" && bytes > 0) {
        const int client = acceptOne(listenLoopback());
        usleep(useconds_t(waitMs * 1000));
        sendAll(client, bytes);
    }
    else if (mode == "sink")
        sinkAll(acceptOne(listenLoopback()));
    else if (mode == "fetch" && to)
        sinkAll(connectTo(*to));
    else
        fail("use --mode send --to 127.0.0.1:PORT --bytes N, --mode serve --bytes N, --mode sink, "
             "or --mode fetch --to 127.0.0.1:PORT");
    return 0;
}
