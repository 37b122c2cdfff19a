#pragma once

#include "text/textencoding.h"

#include <QByteArrayView>
#include <QString>

// A payload as text a person can trust: every printable character of the encoding is shown as
// itself, and every other byte as an escape, so that nothing is hidden, nothing is reordered,
// and the text read back by the composer (PayloadCodec::parseText) gives the same bytes.
//
// Escaped: \n \r \t and \\ for themselves; \xNN for each byte of
// - C0 controls, DEL and C1 controls (U+0080–U+009F);
// - bytes that are not a character of the encoding (invalid or cut-short UTF-8, say);
// - format characters (category Cf): the bidirectional controls U+200E/F, U+202A–U+202E,
//   U+2066–U+2069 and U+061C, zero-width characters, the byte order mark, tag characters;
// - line and paragraph separators (U+2028, U+2029), private-use and unassigned code points;
// - a combining mark with nothing to combine with: at the start, after an escape, or after a
//   space (U+0020, U+00A0 and the other spaces), which would show it alone.
// A character's escape is all of its bytes in the encoding: "\xe2\x80\xae" for U+202E in UTF-8.
namespace EscapedText {

// Whether a character decoded from a payload is shown as itself; `canCombine` says whether a
// shown character other than a space comes right before it.
bool isShown(char32_t codePoint, bool canCombine);

// The text of `bytes`. With maxBytes >= 0 only that many bytes are shown and an ellipsis marks
// the rest; a character cut by the limit shows as the escapes of its bytes.
QString toText(QByteArrayView bytes, TextEncoding encoding = TextEncoding::Utf8,
               qsizetype maxBytes = -1);

// The room writeJson() needs for `size` payload bytes: 5 for an escaped byte ("\\xNN"), and
// a few bytes it may overwrite past the end of what it writes.
constexpr qsizetype jsonBound(qsizetype size)
{
    return size * 5 + 8;
}

// Writes toText(bytes, encoding) at `out` in UTF-8, as the inside of a JSON string (quote and
// backslash escaped), and returns the end of what it wrote. Needs jsonBound() bytes of room,
// allocates nothing: the recording's hot path.
char *writeJson(char *out, QByteArrayView bytes, TextEncoding encoding);

} // namespace EscapedText
