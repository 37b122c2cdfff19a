#include "text/framingtext.h"

#include "text/payloadcodec.h"
#include "text/pluralcount.h"
#include "text/streamframer.h"

#include <QCoreApplication>
#include <QLocale>

#include <algorithm>

namespace {

// 'third', or 'xxxx…' (the first 40 bytes), escaped as the log shows text.
QString quote(QByteArrayView bytes)
{
    using FramingText::QuoteBytes;
    const QString shown = PayloadCodec::displayText(bytes.first(std::min(bytes.size(), QuoteBytes)),
                                                    PayloadCodec::DisplayFormat {});
    if (bytes.size() <= QuoteBytes)
        return u'\'' + shown + u'\'';
    return QCoreApplication::translate("FramingText", "'%1…' (the first %2 bytes)")
        .arg(shown)
        .arg(QuoteBytes);
}

// Where the bytes are: after the last terminator, or with none at all.
QString place(const StreamFramer &framer)
{
    const bool after = framer.hasFramed();
    switch (framer.framing()) {
    case StreamFramer::Framing::Lf:
        return after ? QCoreApplication::translate("FramingText", "after the last LF")
                     : QCoreApplication::translate("FramingText", "without an LF");
    case StreamFramer::Framing::CrLf:
        return after ? QCoreApplication::translate("FramingText", "after the last CRLF")
                     : QCoreApplication::translate("FramingText", "without a CRLF");
    default:
        break;
    }
    const QString delimiter
        = PayloadCodec::displayText(framer.delimiter(), PayloadCodec::DisplayFormat {});
    return (after ? QCoreApplication::translate("FramingText", "after the last delimiter %1")
                  : QCoreApplication::translate("FramingText", "without the delimiter %1"))
        .arg(delimiter);
}

QString unfinishedLength(const StreamFramer &framer, const QByteArray &held)
{
    const int count = pluralCount(quint64(held.size()));
    const int prefix = framer.prefixBytes();
    if (held.size() < prefix) {
        return QCoreApplication::translate(
                   "FramingText",
                   "%Ln bytes never completed a message: they are the start of a %1-byte length "
                   "prefix: %2.",
                   nullptr, count)
            .arg(prefix)
            .arg(quote(held));
    }
    const QByteArrayView body = QByteArrayView(held).sliced(prefix);
    const QString announced = QLocale().toString(framer.announcedSize());
    if (body.isEmpty()) {
        return QCoreApplication::translate(
                   "FramingText",
                   "%Ln bytes never completed a message: the %1-byte length prefix announced %2 "
                   "bytes of payload, and none came.",
                   nullptr, count)
            .arg(prefix)
            .arg(announced);
    }
    return QCoreApplication::translate(
               "FramingText",
               "%Ln bytes never completed a message: the %1-byte length prefix announced %2 bytes "
               "of payload, and only %3 came: %4.",
               nullptr, count)
        .arg(prefix)
        .arg(announced, QLocale().toString(body.size()), quote(body));
}

} // namespace

namespace FramingText {

QString completeMessage(qsizetype size, int prefixBytes)
{
    if (prefixBytes <= 0)
        return QCoreApplication::translate("FramingText", "Complete message, %1 bytes:")
            .arg(QLocale().toString(size));
    // Computed apart: lupdate 6.4 loops forever on a template argument list inside the call.
    const qsizetype payload = std::max(qsizetype(0), size - prefixBytes);
    return QCoreApplication::translate(
               "FramingText",
               "Complete message: %Ln bytes of payload after a %1-byte length prefix:", nullptr,
               pluralCount(quint64(payload)))
        .arg(prefixBytes);
}

QString unfinished(const StreamFramer &framer)
{
    const QByteArray held = framer.pendingData();
    if (held.isEmpty())
        return {};
    if (framer.prefixBytes() > 0)
        return unfinishedLength(framer, held);
    return QCoreApplication::translate("FramingText", "%Ln bytes %1 never completed a message: %2.",
                                       nullptr, pluralCount(quint64(held.size())))
        .arg(place(framer), quote(held));
}

} // namespace FramingText
