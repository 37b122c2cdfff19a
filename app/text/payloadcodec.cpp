#include "text/payloadcodec.h"

#include "text/escapedtext.h"

#include <QCoreApplication>

#include <array>
#include <cstring>
#include <variant>

namespace PayloadCodec {
namespace {

const char *const Context = "PayloadCodec";

QString tr(const char *text)
{
    return QCoreApplication::translate(Context, text);
}

int hexValue(QChar c)
{
    const char16_t u = c.unicode();
    if (u >= u'0' && u <= u'9')
        return u - u'0';
    if (u >= u'a' && u <= u'f')
        return u - u'a' + 10;
    if (u >= u'A' && u <= u'F')
        return u - u'A' + 10;
    return -1;
}

bool isHexSeparator(QChar c)
{
    return c.isSpace() || c == u':' || c == u',' || c == u'-';
}

// Shows a character in an error message so that invisible ones can be told apart.
QString describe(QChar c)
{
    if (c.unicode() < 0x20 || c.unicode() == 0x7f)
        return QStringLiteral("U+%1").arg(c.unicode(), 4, 16, QLatin1Char('0')).toUpper();
    return u'\'' + QString(c) + u'\'';
}

ParseResult failure(qsizetype position, const QString &message)
{
    ParseResult result;
    result.errorPosition = position;
    result.error = message;
    return result;
}

} // namespace

namespace {

// Appends the escape at input[i] (a backslash) to `bytes`; returns its length, or a failure.
std::variant<qsizetype, ParseResult> parseEscape(QStringView input, qsizetype i, QByteArray &bytes)
{
    if (i + 1 >= input.size())
        return failure(i, tr("Lone backslash at position %1: write \\\\ for a backslash.").arg(i + 1));
    const QChar escape = input[i + 1];
    switch (escape.unicode()) {
    case u'n': bytes += '\n'; return 2;
    case u'r': bytes += '\r'; return 2;
    case u't': bytes += '\t'; return 2;
    case u'0': bytes += '\0'; return 2;
    case u'\\': bytes += '\\'; return 2;
    case u'x': {
        const int high = i + 2 < input.size() ? hexValue(input[i + 2]) : -1;
        const int low = i + 3 < input.size() ? hexValue(input[i + 3]) : -1;
        if (high < 0 || low < 0) {
            return failure(i, tr("Escape \\x at position %1 needs two hex digits, "
                                 "as in \\x0a or \\xff.")
                                  .arg(i + 1));
        }
        bytes += char(high * 16 + low);
        return 4;
    }
    default:
        return failure(i, tr("Unknown escape \\%1 at position %2: use \\n, \\r, \\t, \\0, "
                             "\\xHH, or \\\\ for a backslash.")
                              .arg(escape)
                              .arg(i + 1));
    }
}

ParseResult unencodable(QStringView input, qsizetype position, TextEncoding encoding)
{
    const qsizetype length = input[position].isHighSurrogate() && position + 1 < input.size() ? 2 : 1;
    return failure(position,
                   tr("'%1' at position %2 cannot be written in %3: write its bytes as \\xHH "
                      "escapes, or choose UTF-8.")
                           .arg(input.sliced(position, length))
                           .arg(position + 1)
                           .arg(QLatin1StringView(TextEncodings::name(encoding))));
}

} // namespace

ParseResult parseText(QStringView input, TextEncoding encoding)
{
    QByteArray bytes;
    bytes.reserve(input.size());
    qsizetype plainStart = 0;
    for (qsizetype i = 0; i <= input.size();) {
        if (i < input.size() && input[i] != u'\\') {
            ++i;
            continue;
        }
        // The plain text before the escape (or the end), in the encoding.
        const qsizetype bad = TextEncodings::encode(input.sliced(plainStart, i - plainStart),
                                                    encoding, bytes);
        if (bad >= 0)
            return unencodable(input, plainStart + bad, encoding);
        if (i == input.size())
            break;
        const auto escape = parseEscape(input, i, bytes);
        if (const auto *failed = std::get_if<ParseResult>(&escape))
            return *failed;
        i += std::get<qsizetype>(escape);
        plainStart = i;
    }
    return ParseResult { bytes, {}, -1 };
}

ParseResult parseHex(QStringView input)
{
    QByteArray bytes;
    bytes.reserve(input.size() / 2);
    qsizetype i = 0;
    while (i < input.size()) {
        if (isHexSeparator(input[i])) {
            ++i;
            continue;
        }
        const qsizetype groupStart = i;
        if (input[i] == u'0' && i + 1 < input.size()
            && (input[i + 1] == u'x' || input[i + 1] == u'X')) {
            i += 2;
            if (i >= input.size() || hexValue(input[i]) < 0) {
                return failure(groupStart, tr("\"0x\" at position %1 is not followed by hex "
                                              "digits.")
                                               .arg(groupStart + 1));
            }
        }
        const qsizetype digitsStart = i;
        while (i < input.size() && !isHexSeparator(input[i])) {
            if (hexValue(input[i]) < 0) {
                return failure(i, tr("%1 at position %2 is not a hex digit: use 0-9 and a-f, "
                                     "separated by spaces, ':', ',' or '-'.")
                                      .arg(describe(input[i]))
                                      .arg(i + 1));
            }
            ++i;
        }
        const qsizetype digits = i - digitsStart;
        if (digits % 2 != 0) {
            return failure(digitsStart, tr("Odd number of hex digits in \"%1\" at position %2: "
                                           "each byte needs two digits (write 0a, not a).")
                                            .arg(input.sliced(digitsStart, digits))
                                            .arg(digitsStart + 1));
        }
        for (qsizetype d = digitsStart; d < i; d += 2)
            bytes += char(hexValue(input[d]) * 16 + hexValue(input[d + 1]));
    }
    return ParseResult { bytes, {}, -1 };
}

ParseResult parse(QStringView input, InputMode mode, TextEncoding encoding)
{
    return mode == InputMode::Hex ? parseHex(input) : parseText(input, encoding);
}

QByteArrayView lineEndingBytes(LineEnding ending)
{
    switch (ending) {
    case LineEnding::None: return {};
    case LineEnding::Lf: return "\n";
    case LineEnding::Cr: return "\r";
    case LineEnding::CrLf: return "\r\n";
    }
    return {};
}

QString toInput(QByteArrayView bytes, InputMode mode, TextEncoding encoding)
{
    return mode == InputMode::Hex ? hexString(bytes, ' ') : escapedText(bytes, -1, encoding);
}

QString escapedText(QByteArrayView bytes, qsizetype maxBytes, TextEncoding encoding)
{
    return EscapedText::toText(bytes, encoding, maxBytes);
}

QString displayText(QByteArrayView bytes, const DisplayFormat &format, qsizetype maxBytes,
                    qsizetype maxCharacters)
{
    if (format.view == PayloadView::Text) {
        QString text = escapedText(bytes, maxBytes, format.encoding);
        if (maxCharacters >= 0 && text.size() > maxCharacters) {
            qsizetype cut = maxCharacters;
            if (text.at(cut).isLowSurrogate())
                --cut; // never half a character
            text.truncate(cut);
            text += QChar(0x2026);
        }
        return text;
    }
    if (maxCharacters >= 0)
        maxBytes = maxBytes >= 0 ? std::min(maxBytes, maxCharacters / 3) : maxCharacters / 3;
    const qsizetype end = maxBytes >= 0 ? std::min(maxBytes, bytes.size()) : bytes.size();
    QString text = hexString(bytes.first(end), ' ');
    if (end < bytes.size())
        text += QChar(0x2026);
    return text;
}

QString hexString(QByteArrayView bytes, char separator)
{
    const QByteArray hex = QByteArray::fromRawData(bytes.data(), bytes.size()).toHex(separator);
    return QString::fromLatin1(hex);
}

char *writeHex(char *out, QByteArrayView bytes)
{
    // Both digits of every byte value, so each byte is one two-byte copy.
    static constexpr auto pairs = [] {
        std::array<char, 512> table {};
        constexpr char digits[] = "0123456789abcdef";
        for (int b = 0; b < 256; ++b) {
            table[std::size_t(2 * b)] = digits[b >> 4];
            table[std::size_t(2 * b + 1)] = digits[b & 0xf];
        }
        return table;
    }();
    for (const char c : bytes) {
        std::memcpy(out, &pairs[std::size_t(2 * uchar(c))], 2);
        out += 2;
    }
    return out;
}

qsizetype hexDumpLineCount(qsizetype size)
{
    return size == 0 ? 0 : (size + 15) / 16 + 1;
}

int hexDumpOffsetDigits(qsizetype size)
{
    int digits = 8;
    while (digits < 16 && (quint64(size) >> (4 * digits)) != 0)
        ++digits;
    return digits;
}

int hexDumpLineLength(qsizetype size)
{
    // offset, two spaces, 16 × " xx" with one more space between the halves, two spaces, and
    // "|" 16 characters "|"
    return hexDumpOffsetDigits(size) + 1 + 16 * 3 + 1 + 2 + 18;
}

QString hexDumpLine(QByteArrayView bytes, qsizetype line)
{
    static constexpr char digits[] = "0123456789abcdef";
    const int offsetDigits = hexDumpOffsetDigits(bytes.size());
    const qsizetype start = line * 16;
    QString text;
    text.reserve(offsetDigits + 72);
    text += QStringLiteral("%1").arg(std::min(start, bytes.size()), offsetDigits, 16, QLatin1Char('0'));
    if (start >= bytes.size())
        return text; // the last line: the total length, as an offset
    const qsizetype count = std::min<qsizetype>(16, bytes.size() - start);
    text += u' ';
    for (qsizetype k = 0; k < 16; ++k) {
        if (k == 8)
            text += u' ';
        if (k < count) {
            const uchar b = uchar(bytes[start + k]);
            const char16_t pair[] = { u' ', char16_t(digits[b >> 4]), char16_t(digits[b & 0xf]) };
            text.append(QStringView(pair, 3));
        } else {
            text += u"   ";
        }
    }
    text += u"  |";
    for (qsizetype k = 0; k < count; ++k) {
        const uchar b = uchar(bytes[start + k]);
        text += (b >= 0x20 && b < 0x7f) ? QLatin1Char(char(b)) : QLatin1Char('.');
    }
    text += u'|';
    return text;
}

QString hexDump(QByteArrayView bytes, qsizetype firstLine, qsizetype lineCount)
{
    const qsizetype total = hexDumpLineCount(bytes.size());
    const qsizetype end = lineCount < 0 ? total : std::min(total, firstLine + lineCount);
    QString dump;
    if (firstLine >= end)
        return dump;
    dump.reserve((end - firstLine) * 80);
    for (qsizetype line = firstLine; line < end; ++line) {
        dump += hexDumpLine(bytes, line);
        dump += u'\n';
    }
    return dump;
}

} // namespace PayloadCodec
