#include "text/textencoding.h"

#include <QList>
#include <QStringDecoder>
#include <QStringEncoder>

#include <algorithm>
#include <array>
#include <optional>
#include <vector>

namespace TextEncodings {
namespace {

using Character = TextEncodings::Character;

constexpr char32_t Replacement = 0xfffd;

bool inRange(uchar b, uchar low, uchar high)
{
    return b >= low && b <= high;
}

Character utf8At(QByteArrayView bytes, qsizetype i)
{
    const uchar b = uchar(bytes[i]);
    if (b < 0x80)
        return { 1, b };
    int length = 0;
    char32_t codePoint = 0;
    char32_t minimum = 0;
    if (inRange(b, 0xc2, 0xdf)) {
        length = 2; codePoint = b & 0x1f; minimum = 0x80;
    } else if (inRange(b, 0xe0, 0xef)) {
        length = 3; codePoint = b & 0x0f; minimum = 0x800;
    } else if (inRange(b, 0xf0, 0xf4)) {
        length = 4; codePoint = b & 0x07; minimum = 0x10000;
    }
    if (length == 0 || i + length > bytes.size())
        return {};
    for (int k = 1; k < length; ++k) {
        const uchar c = uchar(bytes[i + k]);
        if ((c & 0xc0) != 0x80)
            return {};
        codePoint = (codePoint << 6) | (c & 0x3f);
    }
    const bool valid = codePoint >= minimum && codePoint <= 0x10ffff
            && !(codePoint >= 0xd800 && codePoint <= 0xdfff);
    return valid ? Character { length, codePoint } : Character {};
}

// The one code point `text` holds, or 0 when it holds none, several, or only the decoder's
// replacement for bytes it could not map.
char32_t singleCodePoint(QStringView text)
{
    if (text.size() == 1 && !text[0].isSurrogate())
        return text[0].unicode() == Replacement ? 0 : text[0].unicode();
    if (text.size() == 2 && text[0].isHighSurrogate() && text[1].isLowSurrogate())
        return QChar::surrogateToUcs4(text[0], text[1]);
    return 0;
}

// What every two-byte sequence of a double-byte encoding is, and every single byte from 0x80:
// the code point ICU decodes it to, kept only when encoding that code point gives the same
// bytes back (a few code points have two encodings; the other one must show as its bytes, or
// copying it into the composer would send different bytes). Built once per encoding, in one
// decoding and one encoding call, with a line feed after each sequence: a line feed is one
// byte in these encodings, so each sequence is converted on its own.
class ByteTable
{
public:
    static constexpr int Leads = 0xfe - 0x81 + 1;
    static constexpr int Trails = 0xfe - 0x40 + 1;
    static constexpr int Singles = 0x80;

    explicit ByteTable(const char *encoding)
        : m_codePoints(std::size_t(Singles + Leads * Trails), 0)
    {
        QByteArray all;
        all.reserve(Singles * 2 + Leads * Trails * 3);
        for (int b = 0x80; b <= 0xff; ++b)
            all.append(char(b)).append('\n');
        for (int lead = 0x81; lead <= 0xfe; ++lead) {
            for (int trail = 0x40; trail <= 0xfe; ++trail)
                all.append(char(lead)).append(char(trail)).append('\n');
        }
        QStringDecoder decoder(encoding, QStringConverter::Flag::Stateless);
        const QString decoded = decoder.decode(all);
        const QList<QStringView> parts = QStringView(decoded).split(u'\n');
        // One part per sequence, and the empty one after the last line feed.
        if (parts.size() != qsizetype(m_codePoints.size()) + 1)
            return;
        QString again;
        again.reserve(decoded.size());
        for (std::size_t k = 0; k < m_codePoints.size(); ++k) {
            m_codePoints[k] = singleCodePoint(parts[qsizetype(k)]);
            again += m_codePoints[k] != 0 ? parts[qsizetype(k)] : QStringView(u"?");
            again += u'\n';
        }
        QStringEncoder encoder(encoding, QStringConverter::Flag::Stateless);
        const QByteArray encoded = encoder.encode(again);
        const QList<QByteArray> back = encoded.split('\n');
        if (back.size() != parts.size())
            return;
        const QList<QByteArray> original = all.split('\n');
        for (std::size_t k = 0; k < m_codePoints.size(); ++k) {
            if (back[qsizetype(k)] != original[qsizetype(k)])
                m_codePoints[k] = 0;
        }
    }

    char32_t single(uchar b) const { return b < 0x80 ? b : m_codePoints[b - 0x80]; }
    char32_t pair(uchar lead, uchar trail) const
    {
        return m_codePoints[std::size_t(Singles + (lead - 0x81) * Trails + (trail - 0x40))];
    }

private:
    std::vector<char32_t> m_codePoints; // 0: not a character that round-trips
};

const ByteTable &table(TextEncoding encoding)
{
    // Built on first use of each encoding; thread-safe by the rules of function-local statics.
    switch (encoding) {
    case TextEncoding::Big5: {
        static const ByteTable big5("Big5");
        return big5;
    }
    case TextEncoding::ShiftJis: {
        static const ByteTable shiftJis("Shift_JIS");
        return shiftJis;
    }
    default: {
        static const ByteTable gb18030("GB18030");
        return gb18030;
    }
    }
}

Character pairAt(QByteArrayView bytes, qsizetype i, TextEncoding encoding, bool trailOk)
{
    if (i + 1 >= bytes.size() || !trailOk)
        return {};
    const char32_t c = table(encoding).pair(uchar(bytes[i]), uchar(bytes[i + 1]));
    return c != 0 ? Character { 2, c } : Character {};
}

// GB18030: one byte (ASCII), two (lead 81–FE, trail 40–7E or 80–FE, the GBK range) or four
// (81–FE, 30–39, 81–FE, 30–39). Four-byte sequences are rare (characters outside GBK), so they
// are decoded one by one rather than tabled.
Character gb18030At(QByteArrayView bytes, qsizetype i)
{
    const uchar b = uchar(bytes[i]);
    if (!inRange(b, 0x81, 0xfe) || i + 1 >= bytes.size())
        return {};
    const uchar second = uchar(bytes[i + 1]);
    if (inRange(second, 0x30, 0x39)) {
        if (i + 3 >= bytes.size() || !inRange(uchar(bytes[i + 2]), 0x81, 0xfe)
            || !inRange(uchar(bytes[i + 3]), 0x30, 0x39))
            return {};
        thread_local QStringDecoder decoder("GB18030", QStringConverter::Flag::Stateless);
        decoder.resetState();
        const QByteArrayView sequence = bytes.sliced(i, 4);
        const QString decoded = decoder.decode(sequence);
        const char32_t c = singleCodePoint(decoded);
        QByteArray again;
        const bool roundTrips = c != 0 && encode(decoded, TextEncoding::Gb18030, again) < 0
                && again == sequence;
        return roundTrips ? Character { 4, c } : Character {};
    }
    return pairAt(bytes, i, TextEncoding::Gb18030,
                  inRange(second, 0x40, 0x7e) || inRange(second, 0x80, 0xfe));
}

// Big5: lead 81–FE, trail 40–7E or A1–FE.
Character big5At(QByteArrayView bytes, qsizetype i)
{
    const uchar b = uchar(bytes[i]);
    if (!inRange(b, 0x81, 0xfe) || i + 1 >= bytes.size())
        return {};
    const uchar trail = uchar(bytes[i + 1]);
    return pairAt(bytes, i, TextEncoding::Big5, inRange(trail, 0x40, 0x7e) || inRange(trail, 0xa1, 0xfe));
}

// Shift_JIS: one byte (ASCII, half-width katakana A1–DF), or lead 81–9F / E0–FC with trail
// 40–7E or 80–FC.
Character shiftJisAt(QByteArrayView bytes, qsizetype i)
{
    const uchar b = uchar(bytes[i]);
    if (inRange(b, 0x81, 0x9f) || inRange(b, 0xe0, 0xfc)) {
        const uchar trail = i + 1 < bytes.size() ? uchar(bytes[i + 1]) : 0;
        return pairAt(bytes, i, TextEncoding::ShiftJis,
                      inRange(trail, 0x40, 0x7e) || inRange(trail, 0x80, 0xfc));
    }
    const char32_t c = table(TextEncoding::ShiftJis).single(b);
    return c != 0 ? Character { 1, c } : Character {};
}

} // namespace

const char *name(TextEncoding encoding)
{
    switch (encoding) {
    case TextEncoding::Utf8: return "UTF-8";
    case TextEncoding::Gb18030: return "GB18030";
    case TextEncoding::Big5: return "Big5";
    case TextEncoding::ShiftJis: return "Shift_JIS";
    case TextEncoding::Latin1: return "ISO-8859-1";
    }
    return "UTF-8";
}

Character characterAt(QByteArrayView bytes, qsizetype i, TextEncoding encoding)
{
    const uchar b = uchar(bytes[i]);
    if (b < 0x80)
        return { 1, b };
    switch (encoding) {
    case TextEncoding::Utf8: return utf8At(bytes, i);
    case TextEncoding::Gb18030: return gb18030At(bytes, i);
    case TextEncoding::Big5: return big5At(bytes, i);
    case TextEncoding::ShiftJis: return shiftJisAt(bytes, i);
    case TextEncoding::Latin1: return { 1, b };
    }
    return {};
}

namespace {

// One encoder per encoding and thread: making an ICU converter costs more than encoding a short
// run of text, and the composer encodes one run per escape. Qt 6.4's resetState() does not clear
// an ICU converter's error, so an encoder that met one is made anew.
class Encoders
{
public:
    // Appends `text` to `out`; false (and `out` unchanged) when a character cannot be written.
    static bool encode(QStringView text, TextEncoding encoding, QByteArray &out)
    {
        if (encoding == TextEncoding::Latin1) // Qt's own Latin-1 encoder does not report errors
            return encodeLatin1(text, out);
        thread_local std::array<std::optional<QStringEncoder>, 5> encoders;
        std::optional<QStringEncoder> &encoder = encoders[std::size_t(encoding)];
        if (!encoder)
            encoder.emplace(name(encoding), QStringConverter::Flag::Stateless);
        encoder->resetState();
        const QByteArray bytes = encoder->encode(text);
        if (encoder->hasError()) {
            encoder.reset();
            return false;
        }
        out += bytes;
        return true;
    }

private:
    static bool encodeLatin1(QStringView text, QByteArray &out)
    {
        const bool fits = std::all_of(text.begin(), text.end(),
                                      [](QChar c) { return c.unicode() <= 0xff; });
        if (fits)
            out += text.toLatin1();
        return fits;
    }
};

bool encodes(QStringView text, TextEncoding encoding)
{
    QByteArray unused;
    return Encoders::encode(text, encoding, unused);
}

// Where `text`, which `encoding` cannot write whole, first goes wrong: the first piece that
// fails, then the first character in it. A surrogate pair is never split.
qsizetype firstUnencodable(QStringView text, TextEncoding encoding)
{
    constexpr qsizetype Piece = 1024;
    auto end = [&text](qsizetype from, qsizetype length) {
        qsizetype to = std::min(text.size(), from + length);
        if (to < text.size() && text[to].isLowSurrogate() && to > from)
            --to; // keep the pair together
        return to == from ? std::min(text.size(), from + 2) : to;
    };
    qsizetype from = 0;
    while (from < text.size() && encodes(text.sliced(from, end(from, Piece) - from), encoding))
        from = end(from, Piece);
    const qsizetype pieceEnd = end(from, Piece);
    for (qsizetype i = from; i < pieceEnd;) {
        const qsizetype next = end(i, 1);
        if (!encodes(text.sliced(i, next - i), encoding))
            return i;
        i = next;
    }
    return from;
}

} // namespace

qsizetype encode(QStringView text, TextEncoding encoding, QByteArray &out)
{
    if (text.isEmpty() || Encoders::encode(text, encoding, out))
        return -1;
    return firstUnencodable(text, encoding);
}

} // namespace TextEncodings
