#pragma once

#include <QString>

class StreamFramer;

// The log's words for what a framing found in a TCP stream: the bytes it still holds when the
// stream ends, which never made a message.
namespace FramingText {

// What `framer` still holds, in words, with its bytes escaped as the log shows payloads (the
// first QuoteBytes of them): "5 bytes after the last LF never completed a message: 'third'.".
// Empty when it holds nothing.
QString unfinished(const StreamFramer &framer);

constexpr qsizetype QuoteBytes = 40;

} // namespace FramingText
