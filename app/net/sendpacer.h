#pragma once

#include "text/enumkeys.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <array>

// How Repeat is paced: by the pause between two sends, or by a rate for what a pause in whole
// milliseconds cannot say (more than 1,000 a second).
enum class RepeatPace { Interval, Rate };
constexpr std::array<EnumKey<RepeatPace>, 2> enumKeys(RepeatPace)
{
    return { { { RepeatPace::Interval, "interval" }, { RepeatPace::Rate, "rate" } } };
}

// Spreads a number of sends over time at a steady rate: what Repeat sends.
//
// Send i is due i / rate seconds after start(), on an absolute schedule, so a late timer is
// caught up rather than turned into a lower rate: 50,000/s means 50,000 a second even though a
// timer ticks at most once a millisecond. Each tick says how many sends are due with due();
// whoever listens sends that many. With no rate, sends go as fast as the listener takes them,
// in shares that leave the event loop its turn, so the window stays responsive.
class SendPacer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SendPacer)

public:
    // The most sends asked for in one tick, whatever the rate: about a frame's work.
    static constexpr int MaxPerTick = 1000;

    explicit SendPacer(QObject *parent = nullptr);

    // Starts `total` sends at `perSecond` a second (0: as fast as possible). The first is due
    // at once and is asked for before start() returns.
    void start(qint64 total, double perSecond);
    void stop();

    bool isActive() const { return m_active; }
    qint64 done() const { return m_done; }

    // The rate a pause between sends gives: 1000 ms -> 1/s, 0 ms -> as fast as possible.
    static double rateForInterval(int milliseconds);

Q_SIGNALS:
    void due(int count);
    void finished();

private:
    void tick();
    void scheduleNext();

    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_total = 0;
    qint64 m_done = 0;
    double m_perSecond = 0;
    bool m_active = false;
};
