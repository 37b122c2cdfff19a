#include "text/escapedtext.h"

#include <QChar>

#include <array>
#include <cstring>

namespace EscapedText {
namespace {

constexpr char HexDigits[] = "0123456789abcdef";

// Bytes shown as themselves in the display and in JSON alike, taken in runs: printable ASCII but
// the backslash (escaped everywhere) and the quote (escaped in JSON).
constexpr std::array<bool, 256> plainBytes()
{
    std::array<bool, 256> plain {};
    for (int b = 0x20; b < 0x7f; ++b)
        plain[std::size_t(b)] = b != '\\' && b != '"';
    return plain;
}
constexpr std::array<bool, 256> Plain = plainBytes();

// Whether a combining mark after this shown character draws on it. After a space it would
// draw alone (the way a font shows a mark by itself), and a lone mark is escaped.
bool carriesMarks(char32_t codePoint)
{
    return QChar::category(codePoint) != QChar::Separator_Space;
}

// The two forms of the same text: a QString for the screen, and UTF-8 inside a JSON string for
// the recording. The walk over the payload (escape()) is written once for both.
class DisplaySink
{
public:
    explicit DisplaySink(QString &text)
        : m_text(text)
    {
    }
    void plain(const uchar *bytes, qsizetype length)
    {
        m_text.append(QLatin1StringView(reinterpret_cast<const char *>(bytes), length));
    }
    void ascii(uchar b)
    {
        switch (b) {
        case '"': m_text += u'"'; break;
        case '\n': m_text += u"\\n"; break;
        case '\r': m_text += u"\\r"; break;
        case '\t': m_text += u"\\t"; break;
        case '\\': m_text += u"\\\\"; break;
        default: escapedByte(b);
        }
    }
    void escapedByte(uchar b)
    {
        const char16_t escape[] = { u'\\', u'x', char16_t(HexDigits[b >> 4]), char16_t(HexDigits[b & 0xf]) };
        m_text.append(QStringView(escape, 4));
    }
    void character(char32_t codePoint)
    {
        const auto units = QChar::fromUcs4(codePoint);
        m_text.append(QStringView(units));
    }

private:
    QString &m_text;
};

class JsonSink
{
public:
    explicit JsonSink(char *out)
        : m_out(out)
    {
    }
    char *end() const { return m_out; }
    void plain(const uchar *bytes, qsizetype length)
    {
        std::memcpy(m_out, bytes, std::size_t(length));
        m_out += length;
    }
    void ascii(uchar b)
    {
        switch (b) {
        case '"': put("\\\"", 2); break;
        case '\n': put("\\\\n", 3); break;
        case '\r': put("\\\\r", 3); break;
        case '\t': put("\\\\t", 3); break;
        case '\\': put("\\\\\\\\", 4); break;
        default: escapedByte(b);
        }
    }
    void escapedByte(uchar b)
    {
        const char escape[] = { '\\', '\\', 'x', HexDigits[b >> 4], HexDigits[b & 0xf] };
        put(escape, 5);
    }
    void character(char32_t c)
    {
        // Shown characters are U+00A0 and above: two to four bytes of UTF-8.
        if (c < 0x800) {
            *m_out++ = char(0xc0 | (c >> 6));
        } else if (c < 0x10000) {
            *m_out++ = char(0xe0 | (c >> 12));
            *m_out++ = char(0x80 | ((c >> 6) & 0x3f));
        } else {
            *m_out++ = char(0xf0 | (c >> 18));
            *m_out++ = char(0x80 | ((c >> 12) & 0x3f));
            *m_out++ = char(0x80 | ((c >> 6) & 0x3f));
        }
        *m_out++ = char(0x80 | (c & 0x3f));
    }

private:
    void put(const char *text, int length)
    {
        std::memcpy(m_out, text, std::size_t(length));
        m_out += length;
    }

    char *m_out;
};

template<typename Sink>
void escape(QByteArrayView bytes, TextEncoding encoding, Sink &sink)
{
    const auto *p = reinterpret_cast<const uchar *>(bytes.data());
    const qsizetype size = bytes.size();
    bool canCombine = false; // nothing to combine with at the start
    qsizetype i = 0;
    while (i < size) {
        if (Plain[p[i]]) {
            qsizetype end = i + 1;
            while (end < size && Plain[p[end]])
                ++end;
            sink.plain(p + i, end - i);
            canCombine = p[end - 1] != ' ';
            i = end;
        } else if (p[i] < 0x80) {
            sink.ascii(p[i]);
            canCombine = p[i] == '"'; // the only one of these shown as itself
            ++i;
        } else {
            const TextEncodings::Character c = TextEncodings::characterAt(bytes, i, encoding);
            if (c.length > 0 && isShown(c.codePoint, canCombine)) {
                sink.character(c.codePoint);
                canCombine = carriesMarks(c.codePoint);
                i += c.length;
            } else {
                for (const qsizetype end = i + std::max(1, c.length); i < end; ++i)
                    sink.escapedByte(p[i]);
                canCombine = false;
            }
        }
    }
}

// What each byte becomes in JSON when it is not part of a shown multi-byte character: itself,
// or its escape. Eight bytes an entry, so that it is copied with one store.
struct JsonByte
{
    char text[7];
    quint8 length;
};

constexpr std::array<JsonByte, 256> jsonBytes()
{
    std::array<JsonByte, 256> table {};
    for (int b = 0; b < 256; ++b) {
        JsonByte &entry = table[std::size_t(b)];
        auto set = [&entry](std::initializer_list<char> text) {
            entry.length = quint8(text.size());
            int k = 0;
            for (char c : text)
                entry.text[k++] = c;
        };
        if (Plain[std::size_t(b)])
            set({ char(b) });
        else if (b == '"')
            set({ '\\', '"' });
        else if (b == '\n')
            set({ '\\', '\\', 'n' });
        else if (b == '\r')
            set({ '\\', '\\', 'r' });
        else if (b == '\t')
            set({ '\\', '\\', 't' });
        else if (b == '\\')
            set({ '\\', '\\', '\\', '\\' });
        else
            set({ '\\', '\\', 'x', HexDigits[b >> 4], HexDigits[b & 0xf] });
    }
    return table;
}
constexpr std::array<JsonByte, 256> JsonBytes = jsonBytes();

// Bytes that may start a UTF-8 sequence of two bytes or more.
constexpr bool mayLead(uchar b)
{
    return b >= 0xc2 && b <= 0xf4;
}

// writeJson() for UTF-8, the recording's usual case, with as few branches per byte as the
// format allows: random binary data would otherwise mispredict on most bytes. What it writes
// is what escape() with a JsonSink writes; the tests compare the two on random bytes.
char *writeJsonUtf8(char *out, QByteArrayView bytes)
{
    const auto *p = reinterpret_cast<const uchar *>(bytes.data());
    const qsizetype size = bytes.size();
    bool canCombine = false;
    qsizetype i = 0;
    while (i < size) {
        const uchar b = p[i];
        if (mayLead(b) && i + 1 < size && (p[i + 1] & 0xc0) == 0x80) {
            const TextEncodings::Character c =
                    TextEncodings::characterAt(bytes, i, TextEncoding::Utf8);
            if (c.length > 0 && isShown(c.codePoint, canCombine)) {
                std::memcpy(out, p + i, std::size_t(c.length)); // valid UTF-8 already
                out += c.length;
                canCombine = carriesMarks(c.codePoint);
                i += c.length;
                continue;
            }
            for (const qsizetype end = i + std::max(1, c.length) - 1; i < end; ++i) {
                std::memcpy(out, &JsonBytes[p[i]], 8);
                out += JsonBytes[p[i]].length;
            }
        }
        const JsonByte &escaped = JsonBytes[p[i]];
        std::memcpy(out, &escaped, 8); // the length byte lands past the end; it is overwritten
        out += escaped.length;
        canCombine = (Plain[p[i]] && p[i] != ' ') || p[i] == '"';
        ++i;
    }
    return out;
}

} // namespace

bool isShown(char32_t codePoint, bool canCombine)
{
    if (codePoint < 0xa0) // C0 controls, DEL, C1 controls
        return codePoint >= 0x20 && codePoint < 0x7f;
    switch (QChar::category(codePoint)) {
    case QChar::Other_Control:
    case QChar::Other_Format:
    case QChar::Other_Surrogate:
    case QChar::Other_PrivateUse:
    case QChar::Other_NotAssigned:
    case QChar::Separator_Line:
    case QChar::Separator_Paragraph:
        return false;
    case QChar::Mark_NonSpacing:
    case QChar::Mark_SpacingCombining:
    case QChar::Mark_Enclosing:
        return canCombine;
    default:
        return true;
    }
}

QString toText(QByteArrayView bytes, TextEncoding encoding, qsizetype maxBytes)
{
    const qsizetype end = maxBytes >= 0 ? std::min(maxBytes, bytes.size()) : bytes.size();
    QString text;
    text.reserve(end + 8);
    DisplaySink sink(text);
    escape(bytes.first(end), encoding, sink);
    if (end < bytes.size())
        text += QChar(0x2026);
    return text;
}

char *writeJson(char *out, QByteArrayView bytes, TextEncoding encoding)
{
    if (encoding == TextEncoding::Utf8)
        return writeJsonUtf8(out, bytes);
    JsonSink sink(out);
    escape(bytes, encoding, sink);
    return sink.end();
}

} // namespace EscapedText
