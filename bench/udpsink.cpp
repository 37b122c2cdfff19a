// udpsink: the bare reference receiver. It binds a loopback port, reads datagrams with
// recvmmsg() as fast as the kernel hands them over, and keeps nothing.
//
//   udpsink [--bind 127.0.0.1|::1] [--buffer BYTES]
//
// It prints {"port":P} once bound, then runs until SIGINT or SIGTERM and prints
// {"received":N,"bytes":B,"first_ns":F,"last_ns":L}: F and L are CLOCK_MONOTONIC times of the
// first and last datagram, so (N - 1) / (L - F) is the rate they arrived at. bench/run.py floods
// it the way it floods the app, to show what this machine's loopback allows next to what the
// app achieves, and measures the app's sending rate with it.

#include "commandline.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <string>
#include <unistd.h>
#include <vector>

namespace {

volatile std::sig_atomic_t stopRequested = 0;

long long monotonicNs()
{
    timespec now {};
    clock_gettime(CLOCK_MONOTONIC, &now);
    return now.tv_sec * 1'000'000'000LL + now.tv_nsec;
}

void requestStop(int)
{
    stopRequested = 1;
}

int bindLoopback(const std::string &host, int bufferBytes)
{
    if (!LoopbackEndpoint::isLoopback(host))
        fail("only loopback addresses (127.0.0.1, ::1) are allowed");
    sockaddr_storage address;
    const socklen_t length = LoopbackEndpoint { host, 0 }.toSockaddr(address); // port 0: any
    const int fd = socket(address.ss_family, SOCK_DGRAM, 0);
    if (fd < 0)
        fail(std::string("socket: ") + std::strerror(errno));
    if (bufferBytes > 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &bufferBytes, sizeof bufferBytes);
    if (bind(fd, reinterpret_cast<sockaddr *>(&address), length) != 0)
        fail(std::string("bind: ") + std::strerror(errno));
    // A timeout lets the loop notice a stop request while no datagram arrives.
    timeval timeout { 0, 100'000 };
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    return fd;
}

int boundPort(int fd)
{
    sockaddr_storage address {};
    socklen_t length = sizeof address;
    getsockname(fd, reinterpret_cast<sockaddr *>(&address), &length);
    if (address.ss_family == AF_INET6)
        return ntohs(reinterpret_cast<sockaddr_in6 *>(&address)->sin6_port);
    return ntohs(reinterpret_cast<sockaddr_in *>(&address)->sin_port);
}

} // namespace

int main(int argc, char **argv)
{
    std::string host = "127.0.0.1";
    int bufferBytes = 8 << 20; // what the app asks for, so that both meet the same kernel limit
    readOptions(argc, argv, [&](const std::string &name, const std::string &value) {
        if (name == "--bind")
            host = value;
        else if (name == "--buffer")
            bufferBytes = std::atoi(value.c_str());
        else
            return false;
        return true;
    });

    struct sigaction action {};
    action.sa_handler = requestStop; // no SA_RESTART: a blocked recvmmsg() returns at once
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);

    const int fd = bindLoopback(host, bufferBytes);
    std::printf("{\"port\":%d}\n", boundPort(fd));
    std::fflush(stdout);

    constexpr int Batch = 64;
    constexpr int Largest = 65'536;
    std::vector<char> buffers(std::size_t(Batch) * Largest);
    std::vector<iovec> vectors(Batch);
    std::vector<mmsghdr> messages(Batch);
    for (int i = 0; i < Batch; ++i) {
        vectors[std::size_t(i)] = { buffers.data() + std::size_t(i) * Largest, Largest };
        messages[std::size_t(i)].msg_hdr.msg_iov = &vectors[std::size_t(i)];
        messages[std::size_t(i)].msg_hdr.msg_iovlen = 1;
    }
    unsigned long long received = 0;
    unsigned long long bytes = 0;
    long long firstNs = 0;
    long long lastNs = 0;
    while (!stopRequested) {
        const int n = recvmmsg(fd, messages.data(), Batch, MSG_WAITFORONE, nullptr);
        if (n < 0) {
            if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)
                continue;
            fail(std::string("recvmmsg: ") + std::strerror(errno));
        }
        // A batch is stamped when it is handed over: its last datagram arrived about then.
        lastNs = monotonicNs();
        if (received == 0)
            firstNs = lastNs;
        received += unsigned(n);
        for (int i = 0; i < n; ++i)
            bytes += messages[std::size_t(i)].msg_len;
    }
    std::printf("{\"received\":%llu,\"bytes\":%llu,\"first_ns\":%lld,\"last_ns\":%lld}\n",
                received, bytes, firstNs, lastNs);
    close(fd);
    return 0;
}
