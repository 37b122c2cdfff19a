#pragma once

#include <QByteArrayView>

// Payloads that are Python's picture of a bytes object rather than the bytes: a sender that
// formats `data` with str(), an f-string or % writes b'hello' (or b"it's") instead of hello.
//
// The form recognised, line by line (LF or CRLF between lines, and after the last):
//
//   [prefix] b'...'      prefix: up to MaxPrefix printable ASCII bytes ending in a space, such
//                        as the timestamp server's "[Tue Dec  1 21:06:02 2026] "
//
// where the quoted part is what repr() writes: printable ASCII, with \\ \' \t \n \r and \xhh
// escapes, and the closing quote ends the line. Several reprs may follow each other directly
// (b'a'b'b', two sends read as one). Text that merely contains b' (a word, a quote that does
// not close, more words after the closing quote) is not one. Pure and linear in the payload.
namespace PythonRepr {

constexpr qsizetype MaxPrefix = 64;

bool isBytesRepr(QByteArrayView payload);

} // namespace PythonRepr
