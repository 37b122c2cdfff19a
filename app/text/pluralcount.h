#pragma once

#include <QtGlobal>

#include <algorithm>
#include <climits>

// The n of a tr() text with %n, which takes an int: a count past INT_MAX reads as INT_MAX.
constexpr int pluralCount(quint64 count)
{
    return int(std::min<quint64>(count, INT_MAX));
}
