#include "text/pythonrepr.h"

#include <algorithm>
#include <cstring>

namespace PythonRepr {
namespace {

bool isPrintable(char c)
{
    return c >= 0x20 && c <= 0x7e;
}

bool isHexDigit(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// The end of the repr b'...' (or b"...") that starts at `at`, just after its closing quote;
// -1 when there is none there.
qsizetype reprEnd(QByteArrayView p, qsizetype at)
{
    if (at + 2 >= p.size() || p[at] != 'b' || (p[at + 1] != '\'' && p[at + 1] != '"'))
        return -1;
    const char quote = p[at + 1];
    for (qsizetype i = at + 2; i < p.size(); ++i) {
        const char c = p[i];
        if (c == quote)
            return i + 1;
        if (!isPrintable(c))
            return -1;
        if (c != '\\')
            continue;
        if (++i == p.size())
            return -1;
        switch (p[i]) {
        case '\\': case '\'': case 't': case 'n': case 'r': break;
        case 'x':
            if (i + 2 >= p.size() || !isHexDigit(p[i + 1]) || !isHexDigit(p[i + 2]))
                return -1;
            i += 2;
            break;
        default: return -1;
        }
    }
    return -1; // never closed
}

// After a repr that ends at `at`: past its line ending, if any. -1 when something else follows
// on its line; a repr that follows directly counts as the next line.
qsizetype lineEnd(QByteArrayView p, qsizetype at)
{
    if (at == p.size() || p[at] == 'b')
        return at;
    if (p[at] == '\n')
        return at + 1;
    if (p[at] == '\r' && at + 1 < p.size() && p[at + 1] == '\n')
        return at + 2;
    return -1;
}

// The end of the line that starts at `at` if it is [prefix] repr; -1 when it is not.
qsizetype reprLineEnd(QByteArrayView p, qsizetype at)
{
    const qsizetype last = std::min(p.size(), at + MaxPrefix + 1);
    for (qsizetype i = at; i < last; ++i) {
        if (p[i] == 'b' && (i == at || p[i - 1] == ' ')) {
            if (const qsizetype end = reprEnd(p, i); end >= 0) {
                if (const qsizetype next = lineEnd(p, end); next >= 0)
                    return next;
            }
        }
        if (!isPrintable(p[i]))
            return -1;
    }
    return -1;
}

} // namespace

bool isBytesRepr(QByteArrayView payload)
{
    if (payload.isEmpty())
        return false;
    // Every datagram of a flood comes here: most have no quote where the first repr's must be,
    // which memchr() tells several times faster than the loop below.
    const auto head = std::size_t(std::min(payload.size(), MaxPrefix + 2));
    if (!std::memchr(payload.data(), '\'', head) && !std::memchr(payload.data(), '"', head))
        return false;
    for (qsizetype at = 0; at < payload.size();) {
        at = reprLineEnd(payload, at);
        if (at < 0)
            return false;
    }
    return true;
}

} // namespace PythonRepr
