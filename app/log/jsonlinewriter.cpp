#include "log/jsonlinewriter.h"

#include "text/escapedtext.h"
#include "text/payloadcodec.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace {

// The fixed words of a line, the bytes count, the encoding's name, an "auto", a "fault" and an
// "errno", with room to spare (all of them at once, which no line has, are about 290).
constexpr qsizetype FixedPartBytes = 320;
// "+01:00"
constexpr std::size_t TimeSuffixLength = 6;

char *put(char *out, const char *text, std::size_t length)
{
    std::memcpy(out, text, length);
    return out + length;
}

template<std::size_t N>
char *put(char *out, const char (&literal)[N])
{
    return put(out, literal, N - 1);
}

char *put(char *out, const QByteArray &bytes)
{
    return put(out, bytes.constData(), std::size_t(bytes.size()));
}

char *putDigits(char *out, quint64 value)
{
    char digits[24];
    int count = 0;
    do {
        digits[count++] = char('0' + value % 10);
        value /= 10;
    } while (value != 0);
    while (count > 0)
        *out++ = digits[--count];
    return out;
}

// `text` as a JSON string: UTF-8, quotes included, with quote, backslash and control
// characters escaped. For the words of events and the names that are cached; payloads take
// EscapedText::writeJson().
QByteArray jsonString(QStringView text)
{
    static constexpr char digits[] = "0123456789abcdef";
    const QByteArray utf8 = text.toUtf8();
    QByteArray json;
    json.reserve(utf8.size() + 2);
    json += '"';
    for (const char c : utf8) {
        switch (c) {
        case '"': json += "\\\""; break;
        case '\\': json += "\\\\"; break;
        case '\n': json += "\\n"; break;
        case '\r': json += "\\r"; break;
        case '\t': json += "\\t"; break;
        default:
            if (uchar(c) < 0x20) {
                json += "\\u00";
                json += digits[uchar(c) >> 4];
                json += digits[uchar(c) & 0xf];
            } else {
                json += c;
            }
        }
    }
    json += '"';
    return json;
}

// a / b rounded down, also for times before 1970.
constexpr qint64 floorDivide(qint64 a, qint64 b)
{
    return a >= 0 ? a / b : (a - b + 1) / b;
}

// Room for `extra` more bytes at the end of `out`, growing it by doubling so that a stream of
// lines costs a logarithmic number of allocations, not one per line; returns where the room
// starts. capacity() alone does not promise the room: it counts what a buffer keeps at its
// front, and writing to a shared buffer copies it with no room to spare. resize() makes it real.
char *makeRoom(QByteArray &out, qsizetype extra)
{
    const qsizetype size = out.size();
    const qsizetype needed = size + extra + 1;
    if (needed > out.capacity())
        out.reserve(std::max(needed, 2 * out.capacity()));
    out.resize(size + extra);
    return out.data() + size;
}

} // namespace

void JsonLineWriter::append(QByteArray &out, const LogEntry &entry, TextEncoding encoding)
{
    const QByteArray &session = sessionJson(entry.session);
    const QByteArray &local = endpointJson(m_local, entry.local);
    const QByteArray &peer = endpointJson(m_peer, entry.peer);
    const bool bytes = entry.hasPayload();
    const QByteArray message = entry.isTraffic() ? QByteArray() : jsonString(entry.message);
    const qsizetype payloadBytes = bytes ? 2 * entry.payload.size()
                    + EscapedText::jsonBound(entry.payload.size())
                                         : 0;
    const qsizetype before = out.size();
    char *const start = makeRoom(out, FixedPartBytes + session.size() + local.size()
                                              + peer.size() + payloadBytes + message.size());
    char *p = put(start, "{\"time\":\"");
    p = writeTime(p, entry.time);
    p = put(p, "\",\"session\":");
    p = put(p, session);
    p = put(p, ",\"proto\":\"");
    const QLatin1StringView proto = EnumKeys::key(entry.transport);
    p = put(p, proto.data(), std::size_t(proto.size()));
    p = put(p, "\",\"kind\":\"");
    const QLatin1StringView kind = EnumKeys::key(entry.direction);
    p = put(p, kind.data(), std::size_t(kind.size()));
    p = put(p, "\",\"local\":");
    p = put(p, local);
    p = put(p, ",\"peer\":");
    p = put(p, peer);
    p = put(p, ",\"bytes\":");
    p = putDigits(p, quint64(entry.payload.size()));
    // Events carry a message; traffic, and events about bytes (a framed message), the bytes.
    if (bytes)
        p = writePayload(p, entry.payload, encoding);
    if (entry.isCut()) { // a datagram that a read limit cut: "bytes" is what was kept
        p = put(p, ",\"arrived\":");
        p = putDigits(p, quint64(entry.arrivedBytes()));
    }
    if (entry.autoReply != AutoReply::None) {
        p = put(p, ",\"auto\":\"");
        const QLatin1StringView origin = EnumKeys::key(entry.autoReply);
        p = put(p, origin.data(), std::size_t(origin.size()));
        p = put(p, "\"");
    }
    if (entry.fault != Fault::None) {
        p = put(p, ",\"fault\":\"");
        const QLatin1StringView fault = EnumKeys::key(entry.fault);
        p = put(p, fault.data(), std::size_t(fault.size()));
        p = put(p, "\"");
    }
    if (entry.direction == Direction::Call) {
        p = put(p, ",\"call\":");
        p = put(p, message);
        if (const int error = entry.callError(); error != 0) {
            p = put(p, ",\"errno\":");
            if (error < 0)
                *p++ = '-';
            p = putDigits(p, quint64(error < 0 ? -qint64(error) : error));
        }
    } else if (!entry.isTraffic()) {
        p = put(p, ",\"message\":");
        p = put(p, message);
    }
    p = put(p, "}\n");
    out.resize(before + (p - start));
}

// "hex", "text" and, when it is not UTF-8, "encoding".
char *JsonLineWriter::writePayload(char *out, const QByteArray &payload, TextEncoding encoding)
{
    out = put(out, ",\"hex\":\"");
    out = PayloadCodec::writeHex(out, payload);
    out = put(out, "\",\"text\":\"");
    out = EscapedText::writeJson(out, payload, encoding);
    *out++ = '"';
    if (encoding != TextEncoding::Utf8) {
        out = put(out, ",\"encoding\":\"");
        const char *name = TextEncodings::name(encoding);
        out = put(out, name, std::strlen(name));
        *out++ = '"';
    }
    return out;
}

// ISO 8601 in local time with milliseconds and the UTC offset, always as +HH:MM:
// 2026-11-21T14:28:49.286+01:00. All but the milliseconds is formatted once a second: asking
// the C library for the local offset costs a stat() of /etc/localtime, too slow for every
// datagram of a flood, and offsets only change on whole seconds.
char *JsonLineWriter::writeTime(char *out, const QDateTime &time)
{
    const qint64 utc = time.toMSecsSinceEpoch();
    const qint64 second = floorDivide(utc, 1000);
    if (second != m_second) {
        m_second = second;
        const int offset =
                QDateTime::fromMSecsSinceEpoch(second * 1000, Qt::LocalTime).offsetFromUtc();
        constexpr qint64 SecondsPerDay = 86'400;
        const qint64 local = second + offset;
        const qint64 day = floorDivide(local, SecondsPerDay);
        const auto secondOfDay = int(local - day * SecondsPerDay);
        int year = 0, month = 0, dayOfMonth = 0;
        QDate(1970, 1, 1).addDays(day).getDate(&year, &month, &dayOfMonth);
        m_timePrefixLength = std::snprintf(m_timePrefix, sizeof m_timePrefix,
                                           "%04d-%02d-%02dT%02d:%02d:%02d.", year, month,
                                           dayOfMonth, secondOfDay / 3600, secondOfDay / 60 % 60,
                                           secondOfDay % 60);
        const int offsetMinutes = std::abs(offset) / 60;
        std::snprintf(m_timeSuffix, sizeof m_timeSuffix, "%c%02d:%02d", offset < 0 ? '-' : '+',
                      offsetMinutes / 60 % 100, offsetMinutes % 60);
    }
    out = put(out, m_timePrefix, std::size_t(m_timePrefixLength));
    const auto millisecond = int(utc - second * 1000);
    *out++ = char('0' + millisecond / 100);
    *out++ = char('0' + millisecond / 10 % 10);
    *out++ = char('0' + millisecond % 10);
    return put(out, m_timeSuffix, TimeSuffixLength);
}

const QByteArray &JsonLineWriter::sessionJson(const QString &session)
{
    if (!m_sessionJson.valid || session != m_session) {
        m_session = session;
        m_sessionJson.json = jsonString(session);
        m_sessionJson.valid = true;
    }
    return m_sessionJson.json;
}

// "local" and "peer" are "" when they do not apply; IPv6 endpoints are written [addr]:port.
const QByteArray &JsonLineWriter::endpointJson(CachedEndpoint &cache, const Endpoint &endpoint)
{
    // Endpoints that compare equal may differ in how they print (a scope id, a mapped address).
    const bool same = cache.valid && endpoint == cache.endpoint
            && endpoint.address.protocol() == cache.endpoint.address.protocol()
            && endpoint.address.scopeId() == cache.endpoint.address.scopeId();
    if (!same) {
        cache.endpoint = endpoint;
        cache.json = jsonString(endpoint.toString());
        cache.valid = true;
    }
    return cache.json;
}
