// Fuzzes PayloadCodec and the display text it shares with EscapedText: what a person types and
// reads, to and from the exact bytes; and PythonRepr, which reads payloads for a hint.
//
// Input: [encoding] [dump first line] [dump lines] [max bytes] [max characters] payload...
//   encoding          a TextEncoding: the byte modulo their number (5); the byte divided by 5
//                     also picks the separator of the spaced hex that is read back
//   dump first line   a window of hexDump() to compare with the whole dump; 255 lines: to the end
//   and lines
//   max bytes and     displayText()'s limits; 255: none
//   max characters
// The payload is taken as bytes (shown, then read back) and as UTF-8 text (typed into the
// composer, in Text mode and in Hex mode).
//
// Invariants, from what payloadcodec.h and escapedtext.h promise:
//   text round trip   parseText(escapedText(b)) == b in the encoding, and toInput() in either
//                     mode parses back to b
//   only printable    escaped text is escapes and printable characters: no control, format,
//                     separator, private-use or unassigned code point, no lone surrogate, and no
//                     combining mark at the start, after an escape or after a space
//   hex               hexString() is two lower-case digits a byte, writeHex() writes the same,
//                     and parseHex() reads it back with a separator between bytes
//   typed hex         parseHex() accepts exactly groups of digit pairs, each with an optional
//                     0x, and gives their bytes; an error names a position in the input
//   typed text        parseText() of text without escapes is its UTF-8, or its Latin-1 when
//                     it fits; an error names a position in the input
//   hex dump          hexDump() is its lines; each line reads back to its offset, its bytes and
//                     its ASCII column, the last to the length; a window of lines is those lines
//   display limits    displayText() is escapedText() or spaced hex; with limits it is a cut of
//                     that, ending in an ellipsis, no longer than asked, never half a character
//   Python's repr     isBytesRepr() takes what Python's str() writes for the bytes, bare, after
//                     the timestamp server's prefix and as two lines; and it returns for any bytes
#include "fuzzinput.h"

#include "text/payloadcodec.h"
#include "text/pythonrepr.h"

#include <QString>
#include <QStringList>

#include <iterator>
#include <optional>
#include <vector>

namespace {

using PayloadCodec::DisplayFormat;
using PayloadCodec::InputMode;
using PayloadCodec::ParseResult;
using PayloadCodec::PayloadView;

constexpr TextEncoding Encodings[] = { TextEncoding::Utf8, TextEncoding::Gb18030,
                                       TextEncoding::Big5, TextEncoding::ShiftJis,
                                       TextEncoding::Latin1 };
constexpr QChar Ellipsis(0x2026);

int lowerHexValue(QChar c)
{
    const char16_t u = c.unicode();
    if (u >= u'0' && u <= u'9')
        return u - u'0';
    if (u >= u'a' && u <= u'f')
        return u - u'a' + 10;
    return -1;
}

int hexValue(QChar c)
{
    const char16_t u = c.unicode();
    return u >= u'A' && u <= u'F' ? u - u'A' + 10 : lowerHexValue(c);
}

// The byte that two lower-case hex digits at `text[i]` stand for, or -1.
int lowerHexByte(QStringView text, qsizetype i)
{
    if (i + 1 >= text.size())
        return -1;
    const int high = lowerHexValue(text[i]);
    const int low = lowerHexValue(text[i + 1]);
    return high < 0 || low < 0 ? -1 : high * 16 + low;
}

bool isMark(QChar::Category category)
{
    return category == QChar::Mark_NonSpacing || category == QChar::Mark_SpacingCombining
            || category == QChar::Mark_Enclosing;
}

// Reads escaped text as a person would: escapes, and characters that must all be printable.
void checkOnlyPrintable(QStringView text)
{
    enum class Before { Start, Escape, Space, Shown };
    Before before = Before::Start;
    for (qsizetype i = 0; i < text.size();) {
        if (text[i] == u'\\') {
            const char16_t next = i + 1 < text.size() ? text[i + 1].unicode() : u'\0';
            qsizetype length = 0;
            if (next == u'n' || next == u'r' || next == u't' || next == u'\\')
                length = 2;
            else if (next == u'x' && lowerHexByte(text, i + 2) >= 0)
                length = 4;
            require(length > 0, "only printable: every backslash starts an escape");
            i += length;
            before = Before::Escape;
            continue;
        }
        char32_t codePoint = text[i].unicode();
        qsizetype length = 1;
        if (text[i].isHighSurrogate() && i + 1 < text.size() && text[i + 1].isLowSurrogate()) {
            codePoint = QChar::surrogateToUcs4(text[i], text[i + 1]);
            length = 2;
        }
        const QChar::Category category = QChar::category(codePoint);
        require(QChar::isPrint(codePoint) && category != QChar::Separator_Line
                        && category != QChar::Separator_Paragraph,
                "only printable: no control, format, separator, private-use or unassigned code "
                "point, no lone surrogate");
        require(!isMark(category) || before == Before::Shown,
                "only printable: no combining mark at the start, after an escape or after a "
                "space");
        before = category == QChar::Separator_Space ? Before::Space : Before::Shown;
        i += length;
    }
}

QString checkTextRoundTrip(QByteArrayView bytes, TextEncoding encoding)
{
    const QString escaped = PayloadCodec::escapedText(bytes, -1, encoding);
    const ParseResult back = PayloadCodec::parseText(escaped, encoding);
    require(back.isValid() && back.bytes == bytes,
            "text round trip: parseText(escapedText(b)) == b");
    for (const InputMode mode : { InputMode::Text, InputMode::Hex }) {
        const QString input = PayloadCodec::toInput(bytes, mode, encoding);
        const ParseResult parsed = PayloadCodec::parse(input, mode, encoding);
        require(parsed.isValid() && parsed.bytes == bytes,
                "text round trip: parse(toInput(b, mode), mode) == b");
    }
    return escaped;
}

void checkHex(QByteArrayView bytes, char separator)
{
    const QString hex = PayloadCodec::hexString(bytes);
    bool exact = hex.size() == 2 * bytes.size();
    for (qsizetype i = 0; exact && i < bytes.size(); ++i)
        exact = lowerHexByte(hex, 2 * i) == uchar(bytes[i]);
    require(exact, "hex: hexString() is two lower-case digits a byte");

    // Exactly the room it needs, on the heap, so that AddressSanitizer sees a store past it.
    std::vector<char> written(std::size_t(2 * bytes.size()));
    const char *end = PayloadCodec::writeHex(written.data(), bytes);
    require(end == written.data() + written.size()
                    && QLatin1StringView(written.data(), qsizetype(written.size())) == hex,
            "hex: writeHex() writes what hexString() does");

    const ParseResult spaced = PayloadCodec::parseHex(PayloadCodec::hexString(bytes, separator));
    require(spaced.isValid() && spaced.bytes == bytes,
            "hex: parseHex(hexString(b, separator)) == b");
}

bool isHexSeparator(QChar c)
{
    return c.isSpace() || c == u':' || c == u',' || c == u'-';
}

// What parseHex() must make of `typed`, as the header describes the format: groups between
// separators, each an optional 0x and pairs of hex digits; nothing when a group is not that.
std::optional<QByteArray> expectedHex(QStringView typed)
{
    QByteArray bytes;
    qsizetype i = 0;
    while (i < typed.size()) {
        if (isHexSeparator(typed[i])) {
            ++i;
            continue;
        }
        qsizetype end = i;
        while (end < typed.size() && !isHexSeparator(typed[end]))
            ++end;
        QStringView group = typed.sliced(i, end - i);
        if (group.size() > 2 && group[0] == u'0' && (group[1] == u'x' || group[1] == u'X'))
            group = group.sliced(2);
        if (group.size() % 2 != 0)
            return std::nullopt;
        for (qsizetype k = 0; k < group.size(); k += 2) {
            const int high = hexValue(group[k]);
            const int low = hexValue(group[k + 1]);
            if (high < 0 || low < 0)
                return std::nullopt;
            bytes += char(high * 16 + low);
        }
        i = end;
    }
    return bytes;
}

void checkError(const ParseResult &result, QStringView input, const char *invariant)
{
    if (result.isValid()) {
        require(result.error.isEmpty(), invariant);
        return;
    }
    require(result.errorPosition < input.size() && !result.error.isEmpty()
                    && result.bytes.isEmpty(),
            invariant);
}

void checkTypedHex(QStringView typed)
{
    const ParseResult parsed = PayloadCodec::parseHex(typed);
    checkError(parsed, typed, "typed hex: an error names a position in the input");
    const std::optional<QByteArray> expected = expectedHex(typed);
    require(parsed.isValid() == expected.has_value(),
            "typed hex: parseHex() accepts exactly groups of digit pairs, each with an optional "
            "0x");
    require(!expected || parsed.bytes == *expected,
            "typed hex: parseHex() gives the groups' bytes");
}

void checkTypedText(QStringView typed, TextEncoding encoding)
{
    const ParseResult parsed = PayloadCodec::parseText(typed, encoding);
    checkError(parsed, typed, "typed text: an error names a position in the input");
    if (typed.contains(u'\\'))
        return;
    if (encoding == TextEncoding::Utf8) {
        require(parsed.isValid() && parsed.bytes == typed.toUtf8(),
                "typed text: parseText() of text without escapes is its UTF-8");
    } else if (encoding == TextEncoding::Latin1) {
        const bool fits = std::all_of(typed.begin(), typed.end(),
                                      [](QChar c) { return c.unicode() <= 0xff; });
        require(parsed.isValid() == fits && (!fits || parsed.bytes == typed.toLatin1()),
                "typed text: parseText() of text without escapes is its Latin-1");
    }
}

// Line `line` of the dump, read back: its offset, the hex of its bytes, its ASCII column.
void checkDumpLine(QByteArrayView bytes, qsizetype line, QStringView text, int offsetDigits)
{
    const qsizetype start = line * 16;
    quint64 offset = 0;
    bool digits = text.size() >= offsetDigits;
    for (qsizetype i = 0; digits && i < offsetDigits; ++i) {
        digits = lowerHexValue(text[i]) >= 0;
        offset = offset * 16 + quint64(lowerHexValue(text[i]));
    }
    require(digits, "hex dump: each line starts with its offset in lower-case hex");
    if (start >= bytes.size()) {
        require(text.size() == offsetDigits && offset == quint64(bytes.size()),
                "hex dump: the last line is the length, as an offset");
        return;
    }
    require(offset == quint64(start), "hex dump: each line starts with its offset");
    const qsizetype count = std::min<qsizetype>(16, bytes.size() - start);
    // hexdump -C: two spaces, 16 columns of " xx" with one more space after the eighth, two
    // spaces, then the ASCII column between bars.
    const qsizetype asciiStart = offsetDigits + 53;
    require(text.size() == asciiStart + count + 1
                    && text.size() <= PayloadCodec::hexDumpLineLength(bytes.size())
                    && (count < 16 || text.size() == PayloadCodec::hexDumpLineLength(bytes.size())),
            "hex dump: a line is as long as its bytes make it, a full one hexDumpLineLength()");
    require(text.sliced(offsetDigits, 2) == u"  " && text.sliced(asciiStart - 3, 3) == u"  |"
                    && text.back() == u'|',
            "hex dump: the columns are where hexdump -C puts them");
    for (qsizetype k = 0; k < 16; ++k) {
        const qsizetype at = offsetDigits + 2 + 3 * k + (k >= 8 ? 1 : 0);
        if (k < count) {
            require(lowerHexByte(text, at) == uchar(bytes[start + k])
                            && (k == 0 || text[at - 1] == u' '),
                    "hex dump: each line's hex reads back to its bytes");
        } else {
            require(text.sliced(at - 1, 3) == u"   ", "hex dump: a short line is padded");
        }
    }
    for (qsizetype k = 0; k < count; ++k) {
        const uchar b = uchar(bytes[start + k]);
        const char16_t expected = b >= 0x20 && b < 0x7f ? char16_t(b) : u'.';
        require(text[asciiStart + k] == expected,
                "hex dump: the ASCII column is each printable byte, or a dot");
    }
}

void checkHexDump(QByteArrayView bytes, qsizetype windowFirst, qsizetype windowLines)
{
    const qsizetype lineCount = PayloadCodec::hexDumpLineCount(bytes.size());
    const int offsetDigits = PayloadCodec::hexDumpOffsetDigits(bytes.size());
    QStringList lines;
    for (qsizetype line = 0; line < lineCount; ++line) {
        lines << PayloadCodec::hexDumpLine(bytes, line) + u'\n';
        checkDumpLine(bytes, line, QStringView(lines.back()).chopped(1), offsetDigits);
    }
    require(PayloadCodec::hexDump(bytes) == lines.join(QString()),
            "hex dump: hexDump() is hexDumpLine() of every line, each ending in a newline");
    const qsizetype windowEnd =
            windowLines < 0 ? lineCount : std::min(lineCount, windowFirst + windowLines);
    const QString window = windowFirst < windowEnd
            ? lines.sliced(windowFirst, windowEnd - windowFirst).join(QString())
            : QString();
    require(PayloadCodec::hexDump(bytes, windowFirst, windowLines) == window,
            "hex dump: a window of lines is those lines");
}

void checkDisplay(QByteArrayView bytes, TextEncoding encoding, const QString &escaped,
                  qsizetype maxBytes, qsizetype maxCharacters)
{
    const DisplayFormat text { PayloadView::Text, encoding };
    const DisplayFormat hex { PayloadView::Hex, encoding };
    require(PayloadCodec::displayText(bytes, text) == escaped
                    && PayloadCodec::displayText(bytes, hex) == PayloadCodec::hexString(bytes, ' '),
            "display limits: without limits, displayText() is escapedText() or spaced hex");
    if (maxBytes >= 0 && maxBytes < bytes.size()) {
        // The first bytes, a character cut by the limit as escapes, and an ellipsis.
        const QString cut = PayloadCodec::escapedText(bytes, maxBytes, encoding);
        const ParseResult back = cut.endsWith(Ellipsis)
                ? PayloadCodec::parseText(QStringView(cut).chopped(1), encoding)
                : ParseResult {};
        require(back.isValid() && back.bytes == bytes.first(maxBytes),
                "display limits: escapedText() of the first bytes reads back to them");
    }
    for (const DisplayFormat &format : { text, hex }) {
        const QString whole = PayloadCodec::displayText(bytes, format, maxBytes);
        const QString shown = PayloadCodec::displayText(bytes, format, maxBytes, maxCharacters);
        require(QStringView(shown).isValidUtf16(), "display limits: never half a character");
        const bool fits = format.view == PayloadView::Text && whole.size() <= maxCharacters;
        if (maxCharacters < 0 || fits) {
            require(shown == whole, "display limits: what fits is shown whole");
            continue;
        }
        require(shown.size() <= maxCharacters + 1, "display limits: no longer than asked");
        require(shown == whole
                        || (shown.endsWith(Ellipsis)
                            && whole.startsWith(QStringView(shown).chopped(1))),
                "display limits: a cut text is the start of the whole and an ellipsis");
    }
}

qsizetype limit(quint8 byte)
{
    return byte == 255 ? -1 : byte;
}

} // namespace

// What Python 3's str() (repr()) writes for a bytes object.
QByteArray pythonRepr(QByteArrayView bytes)
{
    static constexpr char digits[] = "0123456789abcdef";
    const char quote = bytes.contains('\'') && !bytes.contains('"') ? '"' : '\'';
    QByteArray repr = QByteArray("b") + quote;
    for (const char c : bytes) {
        const auto u = uchar(c);
        if (c == quote || c == '\\')
            repr += QByteArray("\\") + c;
        else if (c == '\t')
            repr += "\\t";
        else if (c == '\n')
            repr += "\\n";
        else if (c == '\r')
            repr += "\\r";
        else if (u < 0x20 || u >= 0x7f)
            repr += QByteArray("\\x") + digits[u >> 4] + digits[u & 15];
        else
            repr += c;
    }
    return repr + quote;
}

void checkPythonRepr(QByteArrayView bytes)
{
    PythonRepr::isBytesRepr(bytes); // whatever they are
    const QByteArray repr = pythonRepr(bytes);
    require(PythonRepr::isBytesRepr(repr), "Python's repr: str(bytes) is taken");
    require(PythonRepr::isBytesRepr(QByteArray("[Tue Dec  1 21:06:02 2026] " + repr + "\r\n")),
            "Python's repr: after the timestamp server's prefix");
    require(PythonRepr::isBytesRepr(QByteArray(repr + '\n' + repr + '\n')),
            "Python's repr: one a line");
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FuzzInput input(data, size);
    const quint8 choice = input.byte();
    const TextEncoding encoding = Encodings[choice % std::size(Encodings)];
    const char separator = " :,-"[choice / std::size(Encodings) % 4];
    const qsizetype windowFirst = input.byte();
    const qsizetype windowLines = limit(input.byte());
    const qsizetype maxBytes = limit(input.byte());
    const qsizetype maxCharacters = limit(input.byte());
    const QByteArrayView bytes = input.rest();

    const QString escaped = checkTextRoundTrip(bytes, encoding);
    checkOnlyPrintable(escaped);
    checkHex(bytes, separator);
    checkHexDump(bytes, windowFirst, windowLines);
    checkDisplay(bytes, encoding, escaped, maxBytes, maxCharacters);
    checkPythonRepr(bytes);

    const QString typed = QString::fromUtf8(bytes);
    checkTypedHex(typed);
    checkTypedText(typed, encoding);
    return 0;
}
