#pragma once

#include "text/enumkeys.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QStringView>

#include <array>

// The text encodings a payload can be read and written in: UTF-8, and the legacy encodings of
// the tools students and engineers meet (a Chinese Windows tool sends GBK, a Taiwanese one Big5,
// a Japanese one Shift_JIS, an old device Latin-1).
//
// The CJK encodings come from ICU through QStringDecoder/QStringEncoder; what a byte sequence
// *is* (one character, or bytes that are not one) is decided here, so that a display can show
// every character and escape every other byte exactly. All four legacy encodings keep bytes
// 0x00–0x7F as ASCII, one byte each.
enum class TextEncoding : quint8 { Utf8, Gb18030, Big5, ShiftJis, Latin1 };
constexpr std::array<EnumKey<TextEncoding>, 5> enumKeys(TextEncoding)
{
    return { { { TextEncoding::Utf8, "utf-8" },
               { TextEncoding::Gb18030, "gb18030" },
               { TextEncoding::Big5, "big5" },
               { TextEncoding::ShiftJis, "shift_jis" },
               { TextEncoding::Latin1, "latin1" } } };
}

namespace TextEncodings {

// Its IANA name, as ICU knows it and as the recording writes it: "UTF-8", "GB18030", "Big5",
// "Shift_JIS", "ISO-8859-1".
const char *name(TextEncoding encoding);

// One character of an encoded payload: how many bytes it takes and what it is. `length` is 0
// where the bytes are not a character of the encoding (invalid, cut short, or unmapped).
struct Character
{
    int length = 0;
    char32_t codePoint = 0;
};

// The character that starts at `bytes[i]`. UTF-8 is decoded strictly (no overlong forms, no
// surrogates, nothing past U+10FFFF). Thread-safe.
Character characterAt(QByteArrayView bytes, qsizetype i, TextEncoding encoding);

// Appends `text` in `encoding` to `out`. Returns the index in `text` of the first character the
// encoding cannot write (then `out` is unchanged), or -1 when all of it was written.
qsizetype encode(QStringView text, TextEncoding encoding, QByteArray &out);

} // namespace TextEncodings
