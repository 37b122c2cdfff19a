#include "net/sendpacer.h"

#include <algorithm>
#include <cmath>
#include <limits>

SendPacer::SendPacer(QObject *parent)
    : QObject(parent)
{
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &SendPacer::tick);
}

double SendPacer::rateForInterval(int milliseconds)
{
    return milliseconds > 0 ? 1000.0 / milliseconds : 0.0;
}

void SendPacer::start(qint64 total, double perSecond)
{
    m_timer.stop();
    m_total = std::max<qint64>(0, total);
    m_done = 0;
    m_perSecond = std::max(0.0, perSecond);
    m_active = m_total > 0;
    m_clock.start();
    if (m_active)
        tick();
}

void SendPacer::stop()
{
    m_timer.stop();
    m_active = false;
}

void SendPacer::tick()
{
    if (!m_active)
        return;
    qint64 dueNow = m_total;
    if (m_perSecond > 0) {
        // Sends whose time has come, counting the one due at the start.
        const double elapsed = double(m_clock.nsecsElapsed()) / 1e9;
        dueNow = std::min(m_total, qint64(std::floor(elapsed * m_perSecond)) + 1);
    }
    const auto count = int(std::min<qint64>(dueNow - m_done, MaxPerTick));
    if (count > 0) {
        m_done += count;
        Q_EMIT due(count); // a listener may stop() us from here
    }
    if (!m_active)
        return;
    if (m_done >= m_total) {
        m_active = false;
        Q_EMIT finished();
        return;
    }
    scheduleNext();
}

void SendPacer::scheduleNext()
{
    if (m_perSecond <= 0) {
        m_timer.start(0);
        return;
    }
    // Send number m_done (counting from 0) is due at m_done / rate seconds.
    const double nextDueMs = double(m_done) * 1000.0 / m_perSecond;
    const double waitMs = nextDueMs - double(m_clock.nsecsElapsed()) / 1e6;
    m_timer.start(int(std::clamp(std::ceil(waitMs), 0.0, double(std::numeric_limits<int>::max()))));
}
