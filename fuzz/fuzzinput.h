#pragma once

#include <QByteArrayView>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

// What the fuzz targets share: reading their choices from the front of libFuzzer's input, and
// stopping at the first broken invariant.
//
// Each target documents its input's layout at the top: a few bytes that choose parameters
// (encoding, framing, chunk sizes, ...), then the data. Past the end of the input every read
// gives zeros and empty pieces, so that any input is a valid one and a seed written by hand
// (fuzz/make_seeds.py) reads exactly as its layout says.
class FuzzInput
{
public:
    FuzzInput(const uint8_t *data, size_t size)
        : m_data(reinterpret_cast<const char *>(data))
        , m_size(qsizetype(size))
    {
    }

    bool atEnd() const { return m_position >= m_size; }

    quint8 byte() { return atEnd() ? 0 : quint8(m_data[m_position++]); }

    // Big-endian, like a length on the wire.
    quint16 word()
    {
        const quint16 high = byte();
        return quint16(high << 8 | byte());
    }

    // The next `count` bytes, or what is left when fewer are.
    QByteArrayView bytes(qsizetype count)
    {
        const qsizetype length = std::min(count, m_size - std::min(m_position, m_size));
        const QByteArrayView piece(m_data + m_position, length);
        m_position += length;
        return piece;
    }

    QByteArrayView rest() { return bytes(m_size); }

private:
    const char *m_data;
    qsizetype m_size;
    qsizetype m_position = 0;
};

// Stops the run when `holds` is false. libFuzzer reports the abort as a crash and keeps the
// input; the line on stderr names the invariant, in the words of the target's header comment.
inline void require(bool holds, const char *invariant)
{
    if (holds)
        return;
    std::fprintf(stderr, "\nfuzz: invariant broken: %s\n", invariant);
    std::abort();
}
