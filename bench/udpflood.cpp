// udpflood: sends N datagrams of S bytes to a loopback address at a steady rate, or as fast as
// the kernel takes them, and prints one JSON line with what it did.
//
//   udpflood --to 127.0.0.1:9000 --count 1000000 --size 64 [--rate 80000] [--batch 64]
//
// Datagram i carries its number as ten ASCII digits, then 'x' up to the size, so a recording
// shows which ones arrived. Pacing follows an absolute schedule (datagram i is due i/rate
// seconds after the start) and sends what is due in sendmmsg() batches: a late wake-up is
// caught up, never turned into a lower rate. Only loopback destinations are accepted.

#include "commandline.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

struct Options
{
    LoopbackEndpoint to;
    long long count = 1000;
    int size = 64;
    double rate = 0; // datagrams per second; 0: as fast as possible
    int batch = 64; // datagrams per sendmmsg() call; 1 is one system call per datagram
};

Options parse(int argc, char **argv)
{
    Options o;
    readOptions(argc, argv, [&o](const std::string &name, const std::string &value) {
        if (name == "--to")
            o.to = loopbackOption(value);
        else if (name == "--count")
            o.count = std::atoll(value.c_str());
        else if (name == "--size")
            o.size = std::atoi(value.c_str());
        else if (name == "--rate")
            o.rate = std::atof(value.c_str());
        else if (name == "--batch")
            o.batch = std::atoi(value.c_str());
        else
            return false;
        return true;
    });
    if (o.to.port == 0 || o.count < 0 || o.size < 10 || o.size > 65507
        || o.batch < 1 || o.batch > 64)
        fail("needs --to HOST:PORT, --count >= 0, 10 <= --size <= 65507, 1 <= --batch <= 64");
    return o;
}

int openSocket(const Options &o, sockaddr_storage &to, socklen_t &toLength)
{
    toLength = o.to.toSockaddr(to);
    const int fd = socket(to.ss_family, SOCK_DGRAM, 0);
    if (fd < 0)
        fail(std::string("socket: ") + std::strerror(errno));
    const int buffer = 4 << 20;
    setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &buffer, sizeof buffer);
    return fd;
}

} // namespace

int main(int argc, char **argv)
{
    const Options o = parse(argc, argv);
    sockaddr_storage to;
    socklen_t toLength = 0;
    const int fd = openSocket(o, to, toLength);

    constexpr int Batch = 64;
    std::vector<std::vector<char>> payloads(Batch, std::vector<char>(std::size_t(o.size), 'x'));
    iovec iov[Batch];
    mmsghdr messages[Batch];
    for (int k = 0; k < Batch; ++k) {
        iov[k] = { payloads[std::size_t(k)].data(), std::size_t(o.size) };
        std::memset(&messages[k], 0, sizeof messages[k]);
        messages[k].msg_hdr.msg_name = &to;
        messages[k].msg_hdr.msg_namelen = toLength;
        messages[k].msg_hdr.msg_iov = &iov[k];
        messages[k].msg_hdr.msg_iovlen = 1;
    }

    long long sent = 0;
    long long retries = 0;
    const auto start = Clock::now();
    while (sent < o.count) {
        long long due = o.count;
        if (o.rate > 0) {
            const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
            due = std::min(o.count, (long long)(elapsed * o.rate) + 1);
            if (due <= sent) {
                const auto next = start + std::chrono::duration<double>(double(sent) / o.rate);
                std::this_thread::sleep_until(
                        std::chrono::time_point_cast<Clock::duration>(next));
                continue;
            }
        }
        const int n = int(std::min<long long>(o.batch, due - sent));
        for (int k = 0; k < n; ++k) {
            char digits[24];
            std::snprintf(digits, sizeof digits, "%010lld", (sent + k) % 10000000000LL);
            std::memcpy(payloads[std::size_t(k)].data(), digits, 10);
        }
        const int done = sendmmsg(fd, messages, unsigned(n), 0);
        if (done < 0) {
            if (errno == ENOBUFS || errno == EAGAIN || errno == EINTR) {
                ++retries;
                continue;
            }
            fail(std::string("sendmmsg: ") + std::strerror(errno));
        }
        sent += done;
    }
    const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    std::printf("{\"sent\":%lld,\"seconds\":%.6f,\"rate\":%.1f,\"retries\":%lld}\n", sent, seconds,
                seconds > 0 ? double(sent) / seconds : 0.0, retries);
    return 0;
}
