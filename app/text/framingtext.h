#pragma once

#include <QString>

class StreamFramer;

// The log's words for what a framing found in a TCP stream: a complete message, and the bytes
// it still holds when the stream ends, which never made one.
namespace FramingText {

// "Complete message, 6 bytes:", or for a length prefix the payload and the prefix apart:
// "Complete message: 16 bytes of payload after a 2-byte length prefix:".
QString completeMessage(qsizetype size, int prefixBytes);

// What `framer` still holds, in words, with its bytes escaped as the log shows payloads (the
// first QuoteBytes of them): "5 bytes after the last LF never completed a message: 'third'.".
// Empty when it holds nothing.
QString unfinished(const StreamFramer &framer);

constexpr qsizetype QuoteBytes = 40;

} // namespace FramingText
