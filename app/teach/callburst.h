#pragma once

#include "net/endpoint.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QObject>
#include <QString>
#include <QTimer>

#include <functional>

// Socket calls of one kind that come in a burst (a flood's recvfrom, a thousand clients'
// accept, a Repeat's sendto) shown as the first one and then one line for the rest, so that
// showing the calls never doubles a flood's log:
//
//   data, addr = s.recvfrom(65535)  # → 20 bytes from ('127.0.0.1', 55170)
//   data, addr = s.recvfrom(65535) × 99,999  # → 1,999,980 bytes in 1.2 s, several peers; …
//
// A session keeps one for each kind, so that an auto-reply's sends do not break its reads'
// burst. A burst is calls less than GapMs apart. Its line comes when it ends: GapMs after its
// last call, every ReportMs while it lasts (a long flood still shows progress), or when the
// session states another kind of call or closes (flush()).
class CallBurst final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CallBurst)

public:
    static constexpr int GapMs = 50;
    static constexpr int ReportMs = 1000;

    // Where the burst's line goes: the Python line, the socket's own end, the peer when all
    // calls had the same one, and when the line was made.
    using Sink = std::function<void(const QString &line, const Endpoint &local,
                                    const Endpoint &peer, const QDateTime &time)>;

    explicit CallBurst(Sink sink, QObject *parent = nullptr);
    ~CallBurst() override;

    // Whether a call now belongs to the burst under way; if not, the caller states it on its
    // own line and calls begin().
    bool continues() const;
    // A burst starts, after the line of the one before (if any): `call` is the Python call
    // ("data, addr = s.recvfrom(65535)"), `how` a clause about how it was really done (may be
    // empty), `local` the socket's end.
    void begin(const QString &call, const QString &how, const Endpoint &local);
    // `calls` more calls of the burst, which moved `bytes` to or from `peer`.
    void add(qint64 calls, qint64 bytes, const Endpoint &peer);
    // States the line of the burst under way, if it has calls, and ends it.
    void flush();

private:
    void state();
    void tick();

    Sink m_sink;
    QTimer m_timer;
    QElapsedTimer m_clock;
    bool m_active = false;
    QString m_call;
    QString m_how;
    Endpoint m_local;
    qint64 m_calls = 0;
    qint64 m_bytes = 0;
    qint64 m_firstMs = 0; // of the calls counted since the last line
    qint64 m_lastMs = 0;
    qint64 m_lineMs = 0; // when the last line of this burst was stated
    Endpoint m_peer;
    bool m_manyPeers = false;
};
