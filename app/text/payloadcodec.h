#pragma once

#include "text/enumkeys.h"
#include "text/textencoding.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QStringView>

#include <array>

// Converts between what a person types or reads and the exact bytes on the wire.
//
// Input, Text mode: text in the chosen encoding (UTF-8 unless said otherwise) with the escapes
// \n \r \t \0 \\ and \xHH; any other backslash sequence is an error, and so is a character
// the encoding cannot write. Input, Hex mode: pairs of hex digits in any case, each group optionally
// prefixed with 0x, groups separated by nothing, whitespace, ':', ',' or '-'.
//
// Display: escapedText() is the inverse of parseText() in the same encoding: everything that is
// not a printable character is escaped (EscapedText says what), so a payload copied from the log
// into the composer in Text mode sends the same bytes again.
namespace PayloadCodec {

enum class InputMode { Text, Hex };
constexpr std::array<EnumKey<InputMode>, 2> enumKeys(InputMode)
{
    return { { { InputMode::Text, "text" }, { InputMode::Hex, "hex" } } };
}

enum class LineEnding { None, Lf, Cr, CrLf };
constexpr std::array<EnumKey<LineEnding>, 4> enumKeys(LineEnding)
{
    return { { { LineEnding::None, "none" },
               { LineEnding::Lf, "lf" },
               { LineEnding::Cr, "cr" },
               { LineEnding::CrLf, "crlf" } } };
}

// How a log shows payloads: as text in an encoding, or as hex bytes.
enum class PayloadView { Text, Hex };
constexpr std::array<EnumKey<PayloadView>, 2> enumKeys(PayloadView)
{
    return { { { PayloadView::Text, "text" }, { PayloadView::Hex, "hex" } } };
}

struct DisplayFormat
{
    PayloadView view = PayloadView::Text;
    TextEncoding encoding = TextEncoding::Utf8;

    friend bool operator==(const DisplayFormat &a, const DisplayFormat &b)
    {
        return a.view == b.view && a.encoding == b.encoding;
    }
    friend bool operator!=(const DisplayFormat &a, const DisplayFormat &b) { return !(a == b); }
};

struct ParseResult
{
    QByteArray bytes;
    QString error; // empty when the input was valid; plain words naming the character and position
    qsizetype errorPosition = -1; // index of the offending character in the input

    bool isValid() const { return errorPosition < 0; }
};

ParseResult parseText(QStringView input, TextEncoding encoding = TextEncoding::Utf8);
ParseResult parseHex(QStringView input);
ParseResult parse(QStringView input, InputMode mode,
                  TextEncoding encoding = TextEncoding::Utf8);

QByteArrayView lineEndingBytes(LineEnding ending);

// The composer's input for `bytes` in the given mode: escapes for Text, spaced pairs for Hex.
QString toInput(QByteArrayView bytes, InputMode mode,
                TextEncoding encoding = TextEncoding::Utf8);

// Payload as text, escaped for display (EscapedText::toText). With maxBytes >= 0 only that many
// bytes are shown and an ellipsis marks the rest, which keeps table cells cheap for large
// payloads.
QString escapedText(QByteArrayView bytes, qsizetype maxBytes = -1,
                    TextEncoding encoding = TextEncoding::Utf8);

// `bytes` as `format` shows them: escaped text in its encoding, or hex pairs with spaces. With
// maxBytes >= 0 only that many bytes are shown, and with maxCharacters >= 0 no more characters
// than that; an ellipsis marks the rest. A view that draws one line of a payload passes both:
// laying text out costs time in its length, whatever part of it fits.
QString displayText(QByteArrayView bytes, const DisplayFormat &format, qsizetype maxBytes = -1,
                    qsizetype maxCharacters = -1);

// Lower-case hex; with a separator between bytes when `separator` is not '\0'.
QString hexString(QByteArrayView bytes, char separator = '\0');
// Writes the lower-case hex of `bytes` at `out`, two characters a byte, from a table, and
// returns the end: the recording's hot path.
char *writeHex(char *out, QByteArrayView bytes);

// Like `hexdump -C`: offset, 16 bytes in two groups of 8, and a printable-ASCII column,
// ending with the total length as an offset. Repeated lines are not squeezed into '*':
// someone reading a packet wants to see every line. With `firstLine` and `lineCount`, only
// those lines (each ending in '\n'), so that a view of a large payload formats what it shows.
QString hexDump(QByteArrayView bytes, qsizetype firstLine = 0, qsizetype lineCount = -1);
// The lines of hexDump(bytes) for a payload of `size` bytes: one per 16 bytes, and the last.
qsizetype hexDumpLineCount(qsizetype size);
// Line `line` of hexDump(bytes), without its '\n'. Offsets have 8 hex digits, more beyond
// 4 GiB (hexDumpOffsetDigits()).
QString hexDumpLine(QByteArrayView bytes, qsizetype line);
int hexDumpOffsetDigits(qsizetype size);
// The characters of the widest line of hexDump() for a payload of `size` bytes.
int hexDumpLineLength(qsizetype size);

} // namespace PayloadCodec
