#include "text/payloadcodec.h"

#include <QCoreApplication>

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

void appendEscapedByte(QString &text, uchar b)
{
    static constexpr char digits[] = "0123456789abcdef";
    text += u"\\x";
    text += QLatin1Char(digits[b >> 4]);
    text += QLatin1Char(digits[b & 0xf]);
}

// A byte below 0x80: itself if printable, else its escape.
void appendAscii(QString &text, uchar b)
{
    switch (b) {
    case '\n': text += u"\\n"; break;
    case '\r': text += u"\\r"; break;
    case '\t': text += u"\\t"; break;
    case '\\': text += u"\\\\"; break;
    default:
        if (b < 0x20 || b == 0x7f)
            appendEscapedByte(text, b);
        else
            text += QLatin1Char(char(b));
    }
}

// The length of the UTF-8 sequence at `i`, decoded strictly (no overlong forms, no surrogates,
// nothing past U+10FFFF), with its code point; 0 when the bytes there are not one.
int utf8SequenceAt(QByteArrayView bytes, qsizetype i, char32_t *codePoint)
{
    const uchar b = uchar(bytes[i]);
    int length = 0;
    char32_t minimum = 0;
    if (b >= 0xc2 && b <= 0xdf) {
        length = 2; *codePoint = b & 0x1f; minimum = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
        length = 3; *codePoint = b & 0x0f; minimum = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
        length = 4; *codePoint = b & 0x07; minimum = 0x10000;
    }
    if (length == 0 || i + length > bytes.size())
        return 0;
    for (int k = 1; k < length; ++k) {
        const uchar c = uchar(bytes[i + k]);
        if ((c & 0xc0) != 0x80)
            return 0;
        *codePoint = (*codePoint << 6) | (c & 0x3f);
    }
    const bool valid = *codePoint >= minimum && *codePoint <= 0x10ffff
            && !(*codePoint >= 0xd800 && *codePoint <= 0xdfff);
    return valid ? length : 0;
}

} // namespace

ParseResult parseText(QStringView input)
{
    QByteArray bytes;
    bytes.reserve(input.size());
    qsizetype plainStart = 0;
    auto flushPlain = [&bytes, &input, &plainStart](qsizetype end) {
        bytes += input.sliced(plainStart, end - plainStart).toUtf8();
    };
    for (qsizetype i = 0; i < input.size(); ++i) {
        if (input[i] != u'\\')
            continue;
        flushPlain(i);
        if (i + 1 >= input.size()) {
            return failure(i, tr("Lone backslash at position %1: write \\\\ for a backslash.")
                                  .arg(i + 1));
        }
        const QChar escape = input[i + 1];
        switch (escape.unicode()) {
        case u'n': bytes += '\n'; break;
        case u'r': bytes += '\r'; break;
        case u't': bytes += '\t'; break;
        case u'0': bytes += '\0'; break;
        case u'\\': bytes += '\\'; break;
        case u'x': {
            const int high = i + 2 < input.size() ? hexValue(input[i + 2]) : -1;
            const int low = i + 3 < input.size() ? hexValue(input[i + 3]) : -1;
            if (high < 0 || low < 0) {
                return failure(i, tr("Escape \\x at position %1 needs two hex digits, "
                                     "as in \\x0a or \\xff.")
                                      .arg(i + 1));
            }
            bytes += char(high * 16 + low);
            i += 2;
            break;
        }
        default:
            return failure(i, tr("Unknown escape \\%1 at position %2: use \\n, \\r, \\t, \\0, "
                                 "\\xHH, or \\\\ for a backslash.")
                                  .arg(escape)
                                  .arg(i + 1));
        }
        ++i;
        plainStart = i + 1;
    }
    flushPlain(input.size());
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

ParseResult parse(QStringView input, InputMode mode)
{
    return mode == InputMode::Hex ? parseHex(input) : parseText(input);
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

QString toInput(QByteArrayView bytes, InputMode mode)
{
    return mode == InputMode::Hex ? hexString(bytes, ' ') : escapedText(bytes);
}

QString escapedText(QByteArrayView bytes, qsizetype maxBytes)
{
    const qsizetype end = maxBytes >= 0 ? std::min(maxBytes, bytes.size()) : bytes.size();
    QString text;
    text.reserve(end + 8);
    qsizetype i = 0;
    while (i < end) {
        const uchar b = uchar(bytes[i]);
        if (b < 0x80) {
            appendAscii(text, b);
            ++i;
            continue;
        }
        char32_t codePoint = 0;
        const int length = utf8SequenceAt(bytes.first(end), i, &codePoint);
        // C1 control characters are valid UTF-8 but invisible: escape their bytes too.
        if (length == 0 || codePoint < 0xa0) {
            appendEscapedByte(text, b);
            ++i;
            continue;
        }
        text += QStringView(QChar::fromUcs4(codePoint));
        i += length;
    }
    if (end < bytes.size())
        text += QChar(0x2026);
    return text;
}

QString hexString(QByteArrayView bytes, char separator)
{
    const QByteArray hex = QByteArray::fromRawData(bytes.data(), bytes.size()).toHex(separator);
    return QString::fromLatin1(hex);
}

QString hexDump(QByteArrayView bytes)
{
    static constexpr char digits[] = "0123456789abcdef";
    QString dump;
    if (bytes.isEmpty())
        return dump;
    // 8 offset + 2 + 16 * 3 + 1 + 2 + 16 + 1 + newline
    dump.reserve((bytes.size() / 16 + 2) * 80);
    auto appendOffset = [&dump](qsizetype offset) {
        dump += QStringLiteral("%1").arg(offset, 8, 16, QLatin1Char('0'));
    };
    for (qsizetype line = 0; line < bytes.size(); line += 16) {
        const qsizetype count = std::min<qsizetype>(16, bytes.size() - line);
        appendOffset(line);
        dump += u' ';
        for (qsizetype k = 0; k < 16; ++k) {
            if (k == 8)
                dump += u' ';
            if (k < count) {
                const uchar b = uchar(bytes[line + k]);
                dump += u' ';
                dump += QLatin1Char(digits[b >> 4]);
                dump += QLatin1Char(digits[b & 0xf]);
            } else {
                dump += u"   ";
            }
        }
        dump += u"  |";
        for (qsizetype k = 0; k < count; ++k) {
            const uchar b = uchar(bytes[line + k]);
            dump += (b >= 0x20 && b < 0x7f) ? QLatin1Char(char(b)) : QLatin1Char('.');
        }
        dump += u"|\n";
    }
    appendOffset(bytes.size());
    dump += u'\n';
    return dump;
}

} // namespace PayloadCodec
