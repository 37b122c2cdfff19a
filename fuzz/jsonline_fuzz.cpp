// Fuzzes JsonLineWriter: the recording's lines, one per log entry (the format is documented in
// log/recorder.h and in the README's Recording section).
//
// Input: entries, one after the other, until the input ends (16 at most), all written by one
// writer into one buffer, as the recorder does. The buffer is, in turn, its own, shared with a
// copy, and with room at its front (a reader took its first line), as a QByteArray may be:
//   [flags] [time] [local] [peer] [session] [origin] [count] [message] [payload]
//   flags      bits 0-1: direction; bit 2: TCP; bits 3-5: the encoding, modulo their number;
//              bit 6: the session and endpoints of the entry before (what the writer caches),
//              and then none of the three is read; bit 7: the time is the one before plus a
//              byte of milliseconds, instead of 6 bytes (signed milliseconds since 1970)
//   endpoint   [kind] then, by kind modulo 4: nothing (none), 4 bytes (IPv4), 16 bytes (IPv6),
//              or 16 bytes, [scope length, modulo 16] and the scope id (IPv6 with a scope);
//              then [port: 2 bytes] unless none
//   session    [length] UTF-8, and so is message
//   origin     the auto-reply that sent it (none, echo, timestamp, relay), modulo 4, and in the
//              byte divided by 4 the fault on purpose it is about (none, drop, delay,
//              duplicate, reorder), modulo 5; read with the session, and kept from the entry
//              before with it
//   count      [2 bytes] LogEntry::count: a relay's fan-out, or the size a datagram that a read
//              limit cut arrived with; read with the session, and kept with it
//   payload    [length: 2 bytes] bytes
//
// Invariants:
//   one line    each entry appends exactly one line: valid UTF-8 without control characters,
//               ending in its only '\n'; what was in the buffer before is left as it was
//   JSON        the line is one JSON object (QJsonDocument) with exactly the fields of its kind:
//               time, session, proto, kind, local, peer, bytes, then hex and text (and
//               encoding) for bytes, message for events, auto for an auto-reply's, arrived
//               for a received datagram that a read limit cut, fault for a fault's
//   exact hex   "hex" is two lower-case digits a byte and decodes to exactly the payload
//   text        "text" is the payload's escaped text in the entry's encoding, and reads back to
//               the payload; "encoding" names that encoding, unless it is UTF-8
//   fields      session, message, local and peer are the entry's, in UTF-8; an endpoint reads
//               back to its address and port; bytes is the payload's size; proto and kind are
//               the entry's words, and so is auto; arrived is the size it arrived with; time is the entry's instant in local time, to the
//               millisecond, with its offset from UTC (checked for years 1000 to 9999)
#include "fuzzinput.h"

#include "log/jsonlinewriter.h"
#include "text/escapedtext.h"
#include "text/payloadcodec.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QStringDecoder>

#include <algorithm>
#include <ctime>
#include <iterator>

namespace {

constexpr TextEncoding Encodings[] = { TextEncoding::Utf8, TextEncoding::Gb18030,
                                       TextEncoding::Big5, TextEncoding::ShiftJis,
                                       TextEncoding::Latin1 };
// The IANA names that textencoding.h promises, in the order above.
constexpr const char *EncodingNames[] = { "UTF-8", "GB18030", "Big5", "Shift_JIS",
                                          "ISO-8859-1" };
constexpr Direction Directions[] = { Direction::Received, Direction::Sent, Direction::Info,
                                     Direction::Error };
constexpr const char *KindWords[] = { "recv", "send", "info", "error" };
constexpr AutoReply Origins[] = { AutoReply::None, AutoReply::Echo, AutoReply::Timestamp,
                                  AutoReply::Relay };
constexpr const char *OriginWords[] = { "", "echo", "timestamp", "relay" };
constexpr Fault Faults[] = { Fault::None, Fault::Drop, Fault::Delay, Fault::Duplicate,
                             Fault::Reorder };
constexpr const char *FaultWords[] = { "", "drop", "delay", "duplicate", "reorder" };
constexpr int MaxEntries = 16;

Endpoint readEndpoint(FuzzInput &input)
{
    const int kind = input.byte() % 4;
    if (kind == 0)
        return {};
    Endpoint endpoint;
    if (kind == 1) {
        const quint32 high = input.word();
        endpoint.address = QHostAddress(high << 16 | input.word());
    } else {
        Q_IPV6ADDR address {};
        const QByteArrayView bytes = input.bytes(16);
        std::copy(bytes.begin(), bytes.end(), address.c);
        endpoint.address = QHostAddress(address);
        if (kind == 3)
            endpoint.address.setScopeId(QString::fromUtf8(input.bytes(input.byte() % 16)));
    }
    endpoint.port = input.word();
    return endpoint;
}

QString readText(FuzzInput &input)
{
    return QString::fromUtf8(input.bytes(input.byte()));
}

// What a QString becomes in a UTF-8 file.
QString inUtf8(const QString &text)
{
    return QString::fromUtf8(text.toUtf8());
}

void checkOneLine(QByteArrayView line)
{
    require(!line.isEmpty() && line.back() == '\n' && line.indexOf('\n') == line.size() - 1,
            "one line: each entry appends exactly one line, ending in its only newline");
    require(std::none_of(line.begin(), line.end() - 1, [](char c) { return uchar(c) < 0x20; }),
            "one line: no control character");
    QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString decoded = utf8.decode(line);
    require(!utf8.hasError(), "one line: valid UTF-8");
}

// "host:port" or "[host]:port", read back to the address and the port.
void checkEndpoint(const QJsonValue &value, const Endpoint &endpoint)
{
    require(value.isString() && value.toString() == inUtf8(endpoint.toString()),
            "fields: local and peer are the entry's");
    if (endpoint.isNull() || !endpoint.address.scopeId().isEmpty())
        return;
    const QString text = value.toString();
    const qsizetype colon = text.lastIndexOf(u':');
    QStringView host = QStringView(text).first(std::max<qsizetype>(colon, 0));
    if (host.startsWith(u'[') && host.endsWith(u']'))
        host = host.sliced(1, host.size() - 2);
    bool ok = false;
    const uint port = QStringView(text).sliced(colon + 1).toUInt(&ok);
    require(colon > 0 && ok && port == endpoint.port
                    && QHostAddress(host.toString())
                               .isEqual(endpoint.address, QHostAddress::TolerantConversion),
            "fields: an endpoint reads back to its address and port");
}

void checkTime(const QJsonValue &value, const QDateTime &time)
{
    require(value.isString(), "fields: time is a string");
    const QDateTime local = time.toLocalTime();
    if (local.date().year() < 1000 || local.date().year() > 9999)
        return;
    const QString text = value.toString();
    const QDateTime parsed = QDateTime::fromString(text, Qt::ISODateWithMs);
    require(text.size() == 29 && parsed.isValid() && parsed == time
                    && parsed.offsetFromUtc() == local.offsetFromUtc(),
            "fields: time is the entry's instant in local time, to the millisecond, with its "
            "offset from UTC");
}

void checkPayload(const QJsonObject &object, const QByteArray &payload, TextEncoding encoding)
{
    const QString hex = object.value(u"hex").toString();
    const bool lowerHex = std::all_of(hex.begin(), hex.end(), [](QChar c) {
        return (c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f');
    });
    require(hex.size() == 2 * payload.size() && lowerHex
                    && QByteArray::fromHex(hex.toLatin1()) == payload,
            "exact hex: hex is two lower-case digits a byte and decodes to exactly the payload");

    const QString text = object.value(u"text").toString();
    require(text == EscapedText::toText(payload, encoding),
            "text: text is the payload's escaped text in the entry's encoding");
    const PayloadCodec::ParseResult back = PayloadCodec::parseText(text, encoding);
    require(back.isValid() && back.bytes == payload, "text: text reads back to the payload");
    const qsizetype index = std::find(std::begin(Encodings), std::end(Encodings), encoding)
            - std::begin(Encodings);
    const QLatin1StringView name(EncodingNames[index]);
    require(encoding == TextEncoding::Utf8 ? !object.contains(u"encoding")
                                           : object.value(u"encoding").toString() == name,
            "text: encoding names the entry's encoding, unless it is UTF-8");
}

void checkFields(const QJsonObject &object, const LogEntry &entry, TextEncoding encoding)
{
    QStringList keys { QStringLiteral("time"), QStringLiteral("session"),
                       QStringLiteral("proto"), QStringLiteral("kind"),
                       QStringLiteral("local"), QStringLiteral("peer"),
                       QStringLiteral("bytes") };
    if (entry.hasPayload()) {
        keys << QStringLiteral("hex") << QStringLiteral("text");
        if (encoding != TextEncoding::Utf8)
            keys << QStringLiteral("encoding");
    }
    if (!entry.isTraffic())
        keys << QStringLiteral("message");
    if (entry.autoReply != AutoReply::None)
        keys << QStringLiteral("auto");
    if (entry.isCut())
        keys << QStringLiteral("arrived");
    if (entry.fault != Fault::None)
        keys << QStringLiteral("fault");
    keys.sort();
    require(object.keys() == keys, "JSON: exactly the fields of the entry's kind");

    checkTime(object.value(u"time"), entry.time);
    require(object.value(u"session").toString() == inUtf8(entry.session),
            "fields: session is the entry's");
    require(object.value(u"proto").toString()
                    == (entry.transport == Transport::Tcp ? u"tcp" : u"udp"),
            "fields: proto is the entry's word");
    const qsizetype direction = std::find(std::begin(Directions), std::end(Directions),
                                          entry.direction)
            - std::begin(Directions);
    require(object.value(u"kind").toString() == QLatin1StringView(KindWords[direction]),
            "fields: kind is the entry's word");
    checkEndpoint(object.value(u"local"), entry.local);
    checkEndpoint(object.value(u"peer"), entry.peer);
    require(object.value(u"bytes").isDouble()
                    && object.value(u"bytes").toInteger() == entry.payload.size(),
            "fields: bytes is the payload's size");
    if (entry.hasPayload())
        checkPayload(object, entry.payload, encoding);
    if (!entry.isTraffic()) {
        require(object.value(u"message").toString() == inUtf8(entry.message),
                "fields: message is the entry's");
    }
    const qsizetype origin = std::find(std::begin(Origins), std::end(Origins), entry.autoReply)
            - std::begin(Origins);
    require(entry.autoReply == AutoReply::None
                    || object.value(u"auto").toString() == QLatin1StringView(OriginWords[origin]),
            "fields: auto is the word of the auto-reply that sent it");
    require(!entry.isCut() || object.value(u"arrived").toInteger() == entry.arrivedBytes(),
            "fields: arrived is the size a cut datagram arrived with");
    const qsizetype fault = std::find(std::begin(Faults), std::end(Faults), entry.fault)
            - std::begin(Faults);
    require(entry.fault == Fault::None
                    || object.value(u"fault").toString() == QLatin1StringView(FaultWords[fault]),
            "fields: fault is the word of the fault on purpose it is about");
}

void checkLine(QByteArrayView line, const LogEntry &entry, TextEncoding encoding)
{
    checkOneLine(line);
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(line.toByteArray(), &error);
    require(error.error == QJsonParseError::NoError && document.isObject(),
            "JSON: the line is one JSON object");
    checkFields(document.object(), entry, encoding);
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    // The writer formats the local time's offset itself, once a second. A zone with a negative
    // offset that is not whole hours, and daylight saving time, gives it the most to get wrong;
    // a POSIX rule needs no time zone database.
    qputenv("TZ", "NST3:30NDT,M3.2.0,M11.1.0");
    tzset();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FuzzInput input(data, size);
    JsonLineWriter writer;
    QByteArray out;
    LogEntry entry;
    qint64 milliseconds = 0;
    for (int count = 0; count < MaxEntries && !input.atEnd(); ++count) {
        const quint8 flags = input.byte();
        entry.direction = Directions[flags & 3];
        entry.transport = (flags & 4) != 0 ? Transport::Tcp : Transport::Udp;
        const TextEncoding encoding = Encodings[(flags >> 3 & 7) % std::size(Encodings)];
        if ((flags & 0x80) != 0) {
            milliseconds += input.byte();
        } else {
            quint64 bits = 0;
            for (int k = 0; k < 6; ++k)
                bits = bits << 8 | input.byte();
            milliseconds = qint64(bits << 16) >> 16; // 48 bits, signed: ±4,000 years
        }
        entry.time = QDateTime::fromMSecsSinceEpoch(milliseconds, Qt::UTC);
        if ((flags & 0x40) == 0) {
            entry.local = readEndpoint(input);
            entry.peer = readEndpoint(input);
            entry.session = readText(input);
            const quint8 origin = input.byte();
            entry.autoReply = Origins[origin % std::size(Origins)];
            entry.fault = Faults[origin / std::size(Origins) % std::size(Faults)];
            entry.count = input.word();
        }
        entry.message = readText(input);
        entry.payload = input.bytes(input.word()).toByteArray();

        QByteArray copy;
        if (count % 3 == 1)
            copy = out;
        else if (count % 3 == 2)
            out.remove(0, out.indexOf('\n') + 1);
        const QByteArray before(out.constData(), out.size()); // not shared
        writer.append(out, entry, encoding);
        require(out.startsWith(before),
                "one line: what was in the buffer before is left as it was");
        require(copy.isNull() || copy == before,
                "one line: a copy of the buffer is left as it was");
        checkLine(QByteArrayView(out).sliced(before.size()), entry, encoding);
    }
    return 0;
}
