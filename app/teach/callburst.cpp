#include "teach/callburst.h"

#include "text/durationtext.h"
#include "text/pluralcount.h"

#include <QLocale>

#include <utility>

CallBurst::CallBurst(Sink sink, QObject *parent)
    : QObject(parent)
    , m_sink(std::move(sink))
{
    m_clock.start();
    m_timer.setSingleShot(true);
    m_timer.setInterval(GapMs);
    connect(&m_timer, &QTimer::timeout, this, &CallBurst::tick);
}

CallBurst::~CallBurst() = default;

bool CallBurst::continues() const
{
    return m_active && m_clock.elapsed() - m_lastMs < GapMs;
}

void CallBurst::begin(const QString &call, const QString &how, const Endpoint &local)
{
    flush();
    m_active = true;
    m_call = call;
    m_how = how;
    m_local = local;
    m_lastMs = m_lineMs = m_clock.elapsed();
}

void CallBurst::add(qint64 calls, qint64 bytes, const Endpoint &peer)
{
    if (calls <= 0)
        return;
    const qint64 now = m_clock.elapsed();
    if (m_calls == 0) {
        m_firstMs = now;
        m_peer = peer;
        m_manyPeers = false;
    } else if (!m_manyPeers && peer != m_peer) {
        m_manyPeers = true;
    }
    m_calls += calls;
    m_bytes += bytes;
    m_lastMs = now;
    if (!m_timer.isActive())
        m_timer.start();
}

void CallBurst::flush()
{
    m_timer.stop();
    state();
    m_active = false;
}

void CallBurst::tick()
{
    const qint64 now = m_clock.elapsed();
    if (now - m_lastMs >= GapMs) {
        flush();
        return;
    }
    if (now - m_lineMs >= ReportMs) {
        state();
        m_lineMs = now;
    }
    m_timer.start();
}

void CallBurst::state()
{
    if (m_calls == 0)
        return;
    const QLocale locale;
    const QString count = locale.toString(m_calls);
    const QString took = durationText(m_lastMs - m_firstMs);
    QString result = m_bytes == 0 ? tr("→ in %1").arg(took)
                                  : tr("→ %1 bytes in %2", nullptr, pluralCount(quint64(m_bytes)))
                                            .arg(locale.toString(m_bytes), took);
    if (m_manyPeers)
        result += tr(", several peers");
    if (!m_how.isEmpty())
        result += QLatin1String("; ") + m_how;
    const Endpoint peer = m_manyPeers ? Endpoint {} : m_peer;
    m_calls = m_bytes = 0;
    m_sink(m_call + QStringLiteral(" × ") + count + QLatin1String("  # ") + result, m_local,
           peer, QDateTime::currentDateTimeUtc());
}
