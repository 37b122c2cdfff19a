#include "teach/pythonsyntax.h"

#include <QLatin1StringView>
#include <QNetworkInterface>

#include <cerrno>
#include <clocale>
#include <cstring>
#include <locale.h>
#include <netdb.h>

namespace PythonSyntax {

QString bytesLiteral(QByteArrayView bytes, qsizetype maxBytes)
{
    const bool truncated = maxBytes > 0 && bytes.size() > maxBytes;
    const QByteArrayView shown = truncated ? bytes.first(maxBytes) : bytes;
    const char quote = shown.contains('\'') && !shown.contains('"') ? '"' : '\'';
    static constexpr char Hex[] = "0123456789abcdef";
    QString out;
    out.reserve(shown.size() + 4);
    out += u'b';
    out += QLatin1Char(quote);
    for (const char c : shown) {
        const auto byte = uchar(c);
        if (c == quote || c == '\\') {
            out += u'\\';
            out += QLatin1Char(c);
        } else if (c == '\t') {
            out += u"\\t";
        } else if (c == '\n') {
            out += u"\\n";
        } else if (c == '\r') {
            out += u"\\r";
        } else if (byte < 0x20 || byte >= 0x7f) {
            out += u"\\x";
            out += QLatin1Char(Hex[byte >> 4]);
            out += QLatin1Char(Hex[byte & 0xf]);
        } else {
            out += QLatin1Char(c);
        }
    }
    out += QLatin1Char(quote);
    if (truncated)
        out += u'…';
    return out;
}

QString stringLiteral(const QString &text)
{
    QString out = text;
    out.replace(u'\\', QLatin1String("\\\\")).replace(u'\'', QLatin1String("\\'"));
    return u'\'' + out + u'\'';
}

QString address(const Endpoint &endpoint, bool dualStack)
{
    const QHostAddress host = Endpoint::unmapped(endpoint.address);
    const QString port = QString::number(endpoint.port);
    if (dualStack && host.protocol() == QAbstractSocket::IPv4Protocol) {
        return QLatin1String("('::ffff:") + host.toString() + QLatin1String("', ") + port
                + QLatin1String(", 0, 0)");
    }
    if (host.protocol() == QAbstractSocket::IPv6Protocol) {
        // Python writes the scope in the address and its interface's number last:
        // ('fe80::1%eth0', 9000, 0, 2).
        const QString scope = host.scopeId();
        const int index = scope.isEmpty() ? 0 : QNetworkInterface::interfaceIndexFromName(scope);
        return QLatin1String("('") + host.toString() + QLatin1String("', ") + port
                + QLatin1String(", 0, ") + QString::number(index) + u')';
    }
    return QLatin1String("('") + host.toString() + QLatin1String("', ") + port + u')';
}

QString bindAddress(const QHostAddress &address, quint16 port)
{
    const bool every = address == QHostAddress::Any || address == QHostAddress::AnyIPv4
            || address == QHostAddress::AnyIPv6 || address.isNull();
    return QLatin1String("('") + (every ? QString() : address.toString()) + QLatin1String("', ")
            + QString::number(port) + u')';
}

QString family(const QHostAddress &address)
{
    const bool ipv6 = address.protocol() == QAbstractSocket::IPv6Protocol
            || address.protocol() == QAbstractSocket::AnyIPProtocol
            || address == QHostAddress::Any;
    return ipv6 ? QStringLiteral("socket.AF_INET6") : QStringLiteral("socket.AF_INET");
}

QString exceptionClass(int error)
{
    // Python's own table (PEP 3151): the errnos it raises a subclass of OSError for.
    switch (error) {
    case EAGAIN:
    case EALREADY:
    case EINPROGRESS: return QStringLiteral("BlockingIOError");
    case EPIPE:
    case ESHUTDOWN: return QStringLiteral("BrokenPipeError");
    case ECONNABORTED: return QStringLiteral("ConnectionAbortedError");
    case ECONNREFUSED: return QStringLiteral("ConnectionRefusedError");
    case ECONNRESET: return QStringLiteral("ConnectionResetError");
    case EEXIST: return QStringLiteral("FileExistsError");
    case ENOENT: return QStringLiteral("FileNotFoundError");
    case EINTR: return QStringLiteral("InterruptedError");
    case EACCES:
    case EPERM: return QStringLiteral("PermissionError");
    case ETIMEDOUT: return QStringLiteral("TimeoutError");
    default: return QStringLiteral("OSError");
    }
}

QString exception(int error)
{
    // In English whatever the user's locale, as Python prints it (Python leaves LC_MESSAGES
    // alone; Qt sets every category from the environment).
    static const locale_t c = ::newlocale(LC_ALL_MASK, "C", locale_t(nullptr));
    const char *text = c ? ::strerror_l(error, c) : std::strerror(error);
    return exceptionClass(error) + QLatin1String(": [Errno ") + QString::number(error)
            + QLatin1String("] ") + QString::fromLocal8Bit(text);
}

QString resolverError(int error)
{
    // glibc's words, which gai_strerror() would translate.
    const char *text = nullptr;
    switch (error) {
    case EAI_NONAME: text = "Name or service not known"; break;
    case EAI_AGAIN: text = "Temporary failure in name resolution"; break;
    case EAI_FAIL: text = "Non-recoverable failure in name resolution"; break;
    case EAI_FAMILY: text = "ai_family not supported"; break;
#ifdef EAI_NODATA
    case EAI_NODATA: text = "No address associated with hostname"; break;
#endif
    default: text = ::gai_strerror(error); break;
    }
    return QLatin1String("socket.gaierror: [Errno ") + QString::number(error)
            + QLatin1String("] ") + QLatin1String(text);
}

} // namespace PythonSyntax
