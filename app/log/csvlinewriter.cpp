#include "log/csvlinewriter.h"

#include "text/escapedtext.h"
#include "text/payloadcodec.h"

namespace {

// As the recording writes it: 2026-11-21T14:28:49.286+01:00.
QByteArray localTime(const QDateTime &time)
{
    const QDateTime local = time.toLocalTime();
    const int offset = local.offsetFromUtc();
    const int minutes = (offset < 0 ? -offset : offset) / 60;
    return (local.toString(QStringLiteral("yyyy-MM-dd'T'HH:mm:ss.zzz"))
            + (offset < 0 ? u'-' : u'+')
            + QStringLiteral("%1:%2").arg(minutes / 60, 2, 10, QChar(u'0')).arg(minutes % 60, 2, 10, QChar(u'0')))
            .toLatin1();
}

QByteArray endpoint(const Endpoint &endpoint)
{
    return endpoint.isNull() ? QByteArray() : endpoint.toString().toUtf8();
}

} // namespace

namespace CsvLineWriter {

QByteArray header()
{
    return QByteArrayLiteral("time,direction,peer,local,size,text,hex,fault\r\n");
}

QByteArray quoted(const QByteArray &field)
{
    if (!field.contains(',') && !field.contains('"') && !field.contains('\n')
        && !field.contains('\r')) {
        return field;
    }
    QByteArray out = field;
    out.replace('"', QByteArrayLiteral("\"\""));
    return '"' + out + '"';
}

void append(QByteArray &out, const LogEntry &entry, TextEncoding encoding)
{
    const QString text = entry.isTraffic() ? EscapedText::toText(entry.payload, encoding)
                                           : entry.message;
    out += localTime(entry.time);
    out += ',';
    const QLatin1StringView kind = EnumKeys::key(entry.direction);
    out.append(kind.data(), kind.size());
    out += ',';
    out += quoted(endpoint(entry.peer));
    out += ',';
    out += quoted(endpoint(entry.local));
    out += ',';
    out += QByteArray::number(entry.payload.size());
    out += ',';
    out += quoted(text.toUtf8());
    out += ',';
    out += PayloadCodec::hexString(entry.payload).toLatin1();
    out += ',';
    if (entry.fault != Fault::None) {
        const QLatin1StringView fault = EnumKeys::key(entry.fault);
        out.append(fault.data(), fault.size());
    }
    out += "\r\n";
}

} // namespace CsvLineWriter
