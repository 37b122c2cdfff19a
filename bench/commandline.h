#pragma once

// How the bench tools read their command lines and fail: "--name value" pairs in any order,
// and one line on stderr that names the tool, then exit status 2.

#include "loopback.h"

#include <cerrno> // program_invocation_short_name (GNU)
#include <cstdio>
#include <cstdlib>
#include <string>

[[noreturn]] inline void fail(const std::string &message)
{
    std::fprintf(stderr, "%s: %s\n", program_invocation_short_name, message.c_str());
    std::exit(2);
}

// Hands each "--name value" pair to `take`, which returns false for a name it does not know.
template<typename Take>
void readOptions(int argc, char **argv, Take take)
{
    for (int i = 1; i < argc; i += 2) {
        const std::string name = argv[i];
        if (i + 1 >= argc)
            fail("missing value after " + name);
        if (!take(name, std::string(argv[i + 1])))
            fail("unknown option " + name);
    }
}

// The value of --to: a loopback HOST:PORT, or the tool fails saying so.
inline LoopbackEndpoint loopbackOption(const std::string &value)
{
    const std::optional<LoopbackEndpoint> endpoint = LoopbackEndpoint::parse(value);
    if (!endpoint)
        fail("--to wants 127.0.0.1:PORT or [::1]:PORT (loopback only), got " + value);
    return *endpoint;
}
