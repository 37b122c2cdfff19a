#include "net/faultinjector.h"

#include <utility>

FaultInjector::FaultInjector(QObject *parent)
    : QObject(parent)
    , m_random(QRandomGenerator::system()->generate())
{
    m_clock.start();
    m_delayTimer.setSingleShot(true);
    m_delayTimer.setTimerType(Qt::PreciseTimer); // "200 ms" should look like 200 ms
    connect(&m_delayTimer, &QTimer::timeout, this, &FaultInjector::releaseDue);
    m_holdBackTimer.setSingleShot(true);
    m_holdBackTimer.setInterval(HoldBackMs);
    connect(&m_holdBackTimer, &QTimer::timeout, this, [this] { sendHeldBack(true); });
}

FaultInjector::~FaultInjector() = default;

void FaultInjector::setSpec(const FaultSpec &spec)
{
    m_spec = spec;
    m_dropped = tr("Dropped on purpose (%1): not answered.").arg(cause(Fault::Drop));
    m_idleSaid = false;
}

QString FaultInjector::nothingToActOn()
{
    if (m_idleSaid || !isActive())
        return {};
    m_idleSaid = true;
    // A TCP server's spec never has duplicate or reorder: a stream has no datagrams to repeat.
    if (!m_spec.hasDatagramFaults()) {
        return tr("Faults on purpose have nothing to act on: they drop or delay what the "
                  "auto-reply answers, and Auto-reply is None. Choose an auto-reply for them to "
                  "act; until then everything is received as usual.");
    }
    return tr("Faults on purpose have nothing to act on: they drop, delay, duplicate or reorder "
              "what the auto-reply answers, and Auto-reply is None. Choose an auto-reply for "
              "them to act; until then everything is received as usual.");
}

// 0 never draws and 100 always does, without asking the generator: a spec of 0 and 100 is
// exact whatever the seed.
bool FaultInjector::draws(int percent)
{
    if (percent <= 0)
        return false;
    return percent >= 100 || int(m_random.bounded(100)) < percent;
}

QString FaultInjector::cause(Fault fault) const
{
    FaultSpec only;
    switch (fault) {
    case Fault::Drop:
        only.dropPercent = m_spec.dropPercent;
        break;
    case Fault::Delay:
        only.delayMinMs = m_spec.delayMinMs;
        only.delayMaxMs = m_spec.delayMaxMs;
        break;
    case Fault::Duplicate:
        only.duplicatePercent = m_spec.duplicatePercent;
        break;
    case Fault::Reorder:
        only.reorderPercent = m_spec.reorderPercent;
        break;
    case Fault::None:
        break;
    }
    return FaultSpecs::inWords(only);
}

bool FaultInjector::dropsReceived(const Endpoint &peer, const QString &peerName)
{
    if (!draws(m_spec.dropPercent))
        return false;
    Q_EMIT faulted(Fault::Drop, m_dropped, peer, peerName);
    return true;
}

void FaultInjector::reply(Send send, const Endpoint &peer, const QString &peerName)
{
    Waiting reply { std::move(send), peer, peerName };
    const int delayMs = m_spec.hasRandomDelay()
        ? int(m_random.bounded(m_spec.delayMinMs, m_spec.delayMaxMs + 1))
        : m_spec.delayMaxMs;
    // A reply behind others that wait leaves after them even with no delay of its own: a
    // delay that has just been turned off must not let the next reply overtake.
    if (delayMs <= 0 && m_delayed.empty()) {
        leave(std::move(reply));
        return;
    }
    if (delayMs > 0) {
        // A fixed delay is all in the number; a random one says its range.
        Q_EMIT faulted(Fault::Delay,
                       m_spec.hasRandomDelay()
                           ? tr("Delayed %1 ms on purpose (%2): the reply waits.")
                                 .arg(QString::number(delayMs), cause(Fault::Delay))
                           : tr("Delayed %1 ms on purpose: the reply waits.").arg(delayMs),
                       reply.peer, reply.peerName);
    }
    qint64 due = m_clock.elapsed() + delayMs;
    // A fixed delay keeps the order (a shorter one set meanwhile too): a reply never leaves
    // before those already waiting. Equal times leave in the order they came.
    if (!m_spec.hasRandomDelay() && !m_delayed.empty())
        due = std::max(due, std::prev(m_delayed.end())->first);
    m_delayed.emplace(due, std::move(reply));
    m_delayTimer.start(int(std::max<qint64>(0, m_delayed.begin()->first - m_clock.elapsed())));
}

// Sends what is due, in order, and waits for the next.
void FaultInjector::releaseDue()
{
    const qint64 now = m_clock.elapsed();
    while (!m_delayed.empty() && m_delayed.begin()->first <= now) {
        Waiting reply = std::move(m_delayed.begin()->second);
        m_delayed.erase(m_delayed.begin());
        leave(std::move(reply));
    }
    if (!m_delayed.empty())
        m_delayTimer.start(int(std::max<qint64>(0, m_delayed.begin()->first - now)));
}

// A reply that leaves now: held back for the next, or sent (twice, maybe), and then the one
// held back before it.
void FaultInjector::leave(Waiting reply)
{
    if (!m_heldBack && draws(m_spec.reorderPercent)) {
        Q_EMIT faulted(Fault::Reorder,
                       tr("Held back on purpose (%1): this reply goes after the next one.")
                           .arg(cause(Fault::Reorder)),
                       reply.peer, reply.peerName);
        m_heldBack = std::move(reply);
        m_holdBackTimer.start();
        return;
    }
    reply.send();
    if (draws(m_spec.duplicatePercent)) {
        Q_EMIT faulted(
            Fault::Duplicate,
            tr("Sent twice on purpose (%1): the same reply again.").arg(cause(Fault::Duplicate)),
            reply.peer, reply.peerName);
        reply.send();
    }
    if (m_heldBack)
        sendHeldBack(false);
}

void FaultInjector::sendHeldBack(bool alone)
{
    m_holdBackTimer.stop();
    if (!m_heldBack)
        return;
    const Waiting reply = *std::exchange(m_heldBack, std::nullopt);
    if (alone) {
        Q_EMIT faulted(Fault::Reorder,
                       tr("Held back on purpose (%1), but no other reply came within %2 ms: "
                          "sent alone.")
                           .arg(cause(Fault::Reorder), QString::number(m_holdBackTimer.interval())),
                       reply.peer, reply.peerName);
    } else {
        Q_EMIT faulted(
            Fault::Reorder,
            tr("Held back and sent after the next on purpose (%1).").arg(cause(Fault::Reorder)),
            reply.peer, reply.peerName);
    }
    reply.send();
}

qsizetype FaultInjector::waitingCount() const
{
    return qsizetype(m_delayed.size()) + (m_heldBack ? 1 : 0);
}

qsizetype FaultInjector::clear()
{
    const qsizetype delayed = qsizetype(m_delayed.size());
    const qsizetype heldBack = m_heldBack ? 1 : 0;
    m_delayed.clear();
    m_heldBack.reset();
    m_delayTimer.stop();
    m_holdBackTimer.stop();
    // Said after the clear: a slot may ask what still waits.
    if (delayed != 0) {
        Q_EMIT faulted(Fault::Delay,
                       tr("Not sent: %n replies delayed on purpose were still waiting when the "
                          "session closed.",
                          nullptr, int(delayed)),
                       {}, {});
    }
    if (heldBack != 0) { // one at most
        Q_EMIT faulted(Fault::Reorder,
                       tr("Not sent: a reply held back on purpose was still waiting when the "
                          "session closed."),
                       {}, {});
    }
    return delayed + heldBack;
}
