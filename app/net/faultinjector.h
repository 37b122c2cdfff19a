#pragma once

#include "net/endpoint.h"
#include "net/faultspec.h"

#include <QElapsedTimer>
#include <QObject>
#include <QRandomGenerator>
#include <QTimer>

#include <functional>
#include <map>
#include <optional>

// Does a session's faults on purpose (FaultSpec): the session asks it about each message it
// received before answering, and hands it each reply to send; it says every fault it makes
// as a fact (faulted()), in plain words, so that the log never shows one as a real loss.
//
// - Drop: dropsReceived() draws, for each message, whether to drop it.
// - Delay: a reply waits on a timer (never a sleep). A fixed delay keeps the replies in order;
//   a random one may reorder them, as a real network path can.
// - Duplicate: a reply is sent twice, one right after the other.
// - Reorder: a reply is held back and sent right after the next one; when no next one comes
//   within HoldBackMs it goes alone, so that nothing is kept for ever.
// Delay comes first; duplicate and reorder act when the reply would leave.
//
// The draws come from a generator of its own, seeded from the system's at construction;
// setSeed() makes them repeat, for tests and for a lesson's walk-through.
class FaultInjector final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FaultInjector)

public:
    // How long a reply held back for reordering waits for the next one, unless
    // setHoldBackMs() says otherwise.
    static constexpr int HoldBackMs = 1000;
    // Sends one copy of a reply; called when it leaves (twice for a duplicate).
    using Send = std::function<void()>;

    explicit FaultInjector(QObject *parent = nullptr);
    ~FaultInjector() override;

    const FaultSpec &spec() const { return m_spec; }
    // Takes effect for what comes next; replies already waiting keep their time.
    void setSpec(const FaultSpec &spec);
    bool isActive() const { return m_spec.isActive(); }
    void setSeed(quint32 seed) { m_random.seed(seed); }
    // For tests: a machine too busy to deliver the next datagram within HoldBackMs would send
    // the reply held back alone, and a test of the swap would fail for nothing.
    void setHoldBackMs(int ms) { m_holdBackTimer.setInterval(ms); }

    // Whether to drop the message that `peer` sent, before it is answered: drawn with the
    // spec's drop percentage, and said when it is dropped.
    bool dropsReceived(const Endpoint &peer, const QString &peerName = {});
    // Sends a reply to `peer` through `send`, with the spec's faults: at once, later, twice,
    // or after the next one.
    void reply(Send send, const Endpoint &peer, const QString &peerName = {});
    // For a session whose faults have nothing to act on (no auto-reply): the words of its row,
    // the first time; empty from then on, until setSpec() or sayNothingToActOnAgain() (the
    // auto-reply changed). A flood without an answer has one row, not one a datagram.
    QString nothingToActOn();
    void sayNothingToActOnAgain() { m_idleSaid = false; }
    // Replies waiting (delayed or held back), which clear() would drop.
    qsizetype waitingCount() const;
    // Drops the replies waiting, when the session closes, and says so (a row for each fault
    // that held some back); returns how many.
    qsizetype clear();

Q_SIGNALS:
    // A fault made on purpose, in words for a log row: "dropped on purpose (drop 50%)".
    void faulted(Fault fault, const QString &message, const Endpoint &peer,
                 const QString &peerName);

private:
    struct Waiting
    {
        Send send;
        Endpoint peer;
        QString peerName;
    };

    bool draws(int percent);
    void releaseDue();
    void leave(Waiting reply);
    void sendHeldBack(bool alone);
    // The part of the spec that made `fault`, in words: "drop 50%".
    QString cause(Fault fault) const;

    FaultSpec m_spec;
    QString m_dropped; // the row of a drop, made once: a flood may have thousands a second
    bool m_idleSaid = false; // nothingToActOn() said it
    QRandomGenerator m_random;
    QElapsedTimer m_clock;
    std::multimap<qint64, Waiting> m_delayed; // by the time they leave, then in arrival order
    QTimer m_delayTimer; // for the first of m_delayed
    std::optional<Waiting> m_heldBack;
    QTimer m_holdBackTimer;
};
