#pragma once

#include "text/enumkeys.h"

#include <QtGlobal>

#include <array>

// What carries a session's bytes. The keys are the recording's "proto" words.
enum class Transport : quint8 { Udp, Tcp };
constexpr std::array<EnumKey<Transport>, 2> enumKeys(Transport)
{
    return { { { Transport::Udp, "udp" }, { Transport::Tcp, "tcp" } } };
}
