// Fuzzes StreamFramer: a TCP byte stream cut into a protocol's messages, whatever chunks it
// arrives in.
//
// Input: [framing] [delimiter length] delimiter... [chunk sizes: count] sizes... stream...
//   framing            a StreamFramer::Framing, modulo their number
//   delimiter          0 to 4 bytes, for Delimiter (the other framings must ignore it)
//   chunk sizes        1 to 8 bytes, each the size of the next chunk fed, in turn (0: an empty
//                      chunk; when all are 0, one byte at a time)
//
// Invariants, from what streamframer.h promises:
//   messages           the stream fed at once gives the messages of a plain reading of the
//                      framing: up to and with the first delimiter, or prefix plus body
//   any chunking       fed in the chunks the input chooses, or a byte at a time, each feed()
//                      returns every message that its chunk completed, and no other; the
//                      messages are the same and pendingBytes() is the rest of the stream
//   no framing         None, and Delimiter without a delimiter, give nothing and keep nothing
//   reset              after reset(), the framer reads a stream as a new one would
#include "fuzzinput.h"

#include "text/streamframer.h"

#include <QList>

#include <algorithm>
#include <iterator>

namespace {

using Framing = StreamFramer::Framing;

constexpr Framing Framings[] = { Framing::None,      Framing::Lf,       Framing::CrLf,
                                 Framing::Delimiter, Framing::Length16, Framing::Length32 };

// Where each message ends in `stream`, read the plain way: from each message's start, the first
// delimiter, or the length prefix.
QList<qsizetype> messageEnds(Framing framing, const QByteArray &delimiter, QByteArrayView stream)
{
    QList<qsizetype> ends;
    qsizetype start = 0;
    switch (framing) {
    case Framing::None:
        break;
    case Framing::Lf:
    case Framing::CrLf:
    case Framing::Delimiter:
        while (!delimiter.isEmpty()) {
            const auto at = std::search(stream.begin() + start, stream.end(), delimiter.begin(),
                                        delimiter.end());
            if (at == stream.end())
                break;
            start = (at - stream.begin()) + delimiter.size();
            ends << start;
        }
        break;
    case Framing::Length16:
    case Framing::Length32: {
        const qsizetype prefix = framing == Framing::Length16 ? 2 : 4;
        while (stream.size() - start >= prefix) {
            quint64 body = 0;
            for (qsizetype i = 0; i < prefix; ++i)
                body = body << 8 | uchar(stream[start + i]);
            if (quint64(stream.size() - start - prefix) < body)
                break;
            start += prefix + qsizetype(body);
            ends << start;
        }
        break;
    }
    }
    return ends;
}

QByteArray expectedDelimiter(Framing framing, const QByteArray &given)
{
    switch (framing) {
    case Framing::Lf: return QByteArrayLiteral("\n");
    case Framing::CrLf: return QByteArrayLiteral("\r\n");
    case Framing::Delimiter: return given;
    default: return {};
    }
}

// Feeds `stream` in chunks of `sizes`, in turn, and checks each feed() against `ends`.
QList<QByteArray> feedInChunks(StreamFramer &framer, QByteArrayView stream,
                               const QList<qsizetype> &sizes, const QList<qsizetype> &ends)
{
    QList<QByteArray> messages;
    qsizetype fed = 0;
    qsizetype turn = 0;
    while (fed < stream.size()) {
        const qsizetype size = std::min(sizes[turn++ % sizes.size()], stream.size() - fed);
        messages += framer.feed(stream.sliced(fed, size).toByteArray());
        fed += size;
        const auto complete = std::upper_bound(ends.begin(), ends.end(), fed);
        require(messages.size() == complete - ends.begin(),
                "any chunking: each feed() returns every message its chunk completed, no other");
        const qsizetype consumed = complete == ends.begin() ? 0 : *(complete - 1);
        require(framer.pendingBytes() == (framer.isFraming() ? fed - consumed : 0),
                "any chunking: pendingBytes() is what was fed past the last message");
    }
    return messages;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FuzzInput input(data, size);
    const Framing framing = Framings[input.byte() % std::size(Framings)];
    const QByteArray delimiter = input.bytes(input.byte() % 5).toByteArray();
    QList<qsizetype> sizes;
    for (int count = input.byte() % 8 + 1; count > 0; --count)
        sizes << input.byte();
    if (std::all_of(sizes.begin(), sizes.end(), [](qsizetype s) { return s == 0; }))
        sizes = { 1 };
    const QByteArrayView stream = input.rest();

    StreamFramer framer(framing, delimiter);
    const QByteArray used = expectedDelimiter(framing, delimiter);
    require(framer.framing() == framing && framer.delimiter() == used,
            "messages: the framer keeps its framing, and a delimiter only for Delimiter");
    const bool frames =
            framing != Framing::None && (framing != Framing::Delimiter || !delimiter.isEmpty());
    require(framer.isFraming() == frames,
            "no framing: None, and Delimiter without a delimiter, are not framing");

    const QList<qsizetype> ends = framer.isFraming() ? messageEnds(framing, used, stream)
                                                     : QList<qsizetype>();
    QList<QByteArray> expected;
    qsizetype start = 0;
    for (const qsizetype end : ends) {
        expected << stream.sliced(start, end - start).toByteArray();
        start = end;
    }

    const QList<QByteArray> atOnce = feedInChunks(framer, stream, { stream.size() }, ends);
    require(atOnce == expected, "messages: the stream fed at once gives the framing's messages");
    require(framer.isFraming() || framer.pendingBytes() == 0,
            "no framing: nothing is kept");

    StreamFramer chunked(framing, delimiter);
    require(feedInChunks(chunked, stream, sizes, ends) == expected,
            "any chunking: the chunks the input chose give the same messages");

    StreamFramer byByte(framing, delimiter);
    require(feedInChunks(byByte, stream, { 1 }, ends) == expected,
            "any chunking: one byte at a time gives the same messages");

    // A framer that was in the middle of a message reads the next stream from its start.
    framer.reset();
    require(framer.pendingBytes() == 0, "reset: nothing is kept");
    require(feedInChunks(framer, stream, sizes, ends) == expected,
            "reset: the framer reads a stream as a new one would");
    return 0;
}
