#pragma once

#include "text/enumkeys.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <array>

// Cuts a TCP byte stream into the messages a protocol means, whatever chunks it arrives in.
// TCP keeps no message boundaries: one send can arrive as several reads and several sends as
// one. A framer buffers what it was fed and hands back every message that is complete.
//
// Framings:
//   None          no messages, only chunks
//   Lf, CrLf      lines; the message includes its terminator
//   Delimiter     any byte sequence ends a message; the message includes it
//   Length16/32   a 2- or 4-byte big-endian length, then that many bytes; the message is the
//                 prefix plus the body, exactly as it was on the wire
class StreamFramer
{
public:
    enum class Framing { None, Lf, CrLf, Delimiter, Length16, Length32 };
    friend constexpr std::array<EnumKey<Framing>, 6> enumKeys(Framing)
    {
        return { { { Framing::None, "none" },
                   { Framing::Lf, "lf" },
                   { Framing::CrLf, "crlf" },
                   { Framing::Delimiter, "delimiter" },
                   { Framing::Length16, "len16" },
                   { Framing::Length32, "len32" } } };
    }

    StreamFramer() = default;
    explicit StreamFramer(Framing framing, const QByteArray &delimiter = {});

    Framing framing() const { return m_framing; }
    QByteArray delimiter() const { return m_delimiter; }
    bool isFraming() const;

    // Appends `chunk` and returns the messages it completed, oldest first.
    QList<QByteArray> feed(const QByteArray &chunk);
    // Bytes waiting for the rest of their message, and the bytes themselves: what never made
    // a message if the stream ends now.
    qsizetype pendingBytes() const { return m_buffer.size() - m_start; }
    QByteArray pendingData() const { return m_buffer.sliced(m_start); }
    // Whether a message was complete since the last reset().
    bool hasFramed() const { return m_framed; }
    // The length prefix's size (2 or 4), or 0 for the other framings.
    int prefixBytes() const;
    // The payload size the pending length prefix announced; -1 while no prefix is complete.
    qint64 announcedSize() const;
    void reset();

private:
    qsizetype nextMessageEnd();

    Framing m_framing = Framing::None;
    QByteArray m_delimiter;
    QByteArray m_buffer;
    qsizetype m_start = 0; // consumed bytes are dropped lazily, to keep feed() linear
    qsizetype m_searched = 0; // no delimiter starts before this, past m_start
    bool m_framed = false;
};
