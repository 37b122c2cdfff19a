#pragma once

// What the bench tools share: they talk to loopback only, 127.0.0.1 or ::1, and take it as
// HOST:PORT the way Sockscope writes it (127.0.0.1:9000, [::1]:9000).

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <cstdlib>
#include <cstring>
#include <optional>
#include <string>

struct LoopbackEndpoint
{
    std::string host; // "127.0.0.1" or "::1"
    int port = 0;

    // Nothing unless `text` is HOST:PORT with a loopback host and a port from 1 to 65535.
    static std::optional<LoopbackEndpoint> parse(const std::string &text)
    {
        const auto colon = text.rfind(':');
        if (colon == std::string::npos)
            return std::nullopt;
        LoopbackEndpoint e;
        e.host = text.substr(0, colon);
        if (e.host.size() > 2 && e.host.front() == '[' && e.host.back() == ']')
            e.host = e.host.substr(1, e.host.size() - 2);
        e.port = std::atoi(text.c_str() + colon + 1);
        if (!isLoopback(e.host) || e.port <= 0 || e.port > 65535)
            return std::nullopt;
        return e;
    }

    static bool isLoopback(const std::string &host) { return host == "127.0.0.1" || host == "::1"; }

    // Fills `address` and returns its length.
    socklen_t toSockaddr(sockaddr_storage &address) const
    {
        std::memset(&address, 0, sizeof address);
        if (host == "::1") {
            auto *v6 = reinterpret_cast<sockaddr_in6 *>(&address);
            v6->sin6_family = AF_INET6;
            v6->sin6_port = htons(uint16_t(port));
            v6->sin6_addr = in6addr_loopback;
            return sizeof(sockaddr_in6);
        }
        auto *v4 = reinterpret_cast<sockaddr_in *>(&address);
        v4->sin_family = AF_INET;
        v4->sin_port = htons(uint16_t(port));
        v4->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        return sizeof(sockaddr_in);
    }
};
