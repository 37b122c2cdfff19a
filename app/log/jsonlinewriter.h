#pragma once

#include "log/logentry.h"
#include "text/textencoding.h"

#include <QByteArray>

#include <limits>

// Writes log entries as lines of the recording (the format is documented in recorder.h).
//
// Built for a bulk transfer recorded at disk speed: the payload's hex and escaped text are
// written straight into the output buffer from tables (PayloadCodec::writeHex,
// EscapedText::writeJson), and what repeats from entry to entry (the session's name, both
// endpoints, the time down to the second) is formatted once and copied after that, so a
// traffic entry costs no allocation once the buffer has grown. One writer per thread.
class JsonLineWriter
{
public:
    // Appends one line, ending in '\n', to `out`. `encoding` is what `text` was decoded with;
    // a line about bytes names it in "encoding" unless it is UTF-8.
    void append(QByteArray &out, const LogEntry &entry, TextEncoding encoding);

private:
    struct CachedText
    {
        QByteArray json; // a JSON string, quotes included
        bool valid = false;
    };
    struct CachedEndpoint : CachedText
    {
        Endpoint endpoint;
    };

    char *writeTime(char *out, const QDateTime &time);
    static char *writePayload(char *out, const QByteArray &payload, TextEncoding encoding);
    const QByteArray &sessionJson(const QString &session);
    const QByteArray &endpointJson(CachedEndpoint &cache, const Endpoint &endpoint);

    qint64 m_second = std::numeric_limits<qint64>::min(); // of the cached parts of the time
    char m_timePrefix[32] = {}; // "2026-11-21T14:28:49."
    int m_timePrefixLength = 0;
    char m_timeSuffix[8] = {}; // "+01:00"
    QString m_session;
    CachedText m_sessionJson;
    CachedEndpoint m_local;
    CachedEndpoint m_peer;
};
