#pragma once

#include "text/enumkeys.h"

#include <QString>
#include <QStringView>

#include <array>

// Faults on purpose: what a session does wrong by itself so that a student can see a program
// cope with loss, delay, duplicates and reordering (FaultInjector does them).
//
// The spec, as `--fault` takes it and FaultSpecs::toText() writes it: `key=value` pairs joined
// by commas, each key at most once, in any order:
//   drop=N       N % of the datagrams received (of the messages, on TCP) are dropped before
//                the auto-reply answers them (with no auto-reply, faults have nothing to act on);
//   delay=MS     every reply waits MS milliseconds; delay=MIN-MAX waits a random time in that
//                range for each (which may reorder them);
//   duplicate=N  N % of the replies are sent twice (datagrams only);
//   reorder=N    N % of the replies are held back and sent after the next one (datagrams only).
// Percentages are whole numbers from 0 to 100, optionally followed by '%'; delays are whole
// milliseconds from 0 to MaxDelayMs. Spaces around keys, values and commas are allowed. An
// empty spec (or "none") is no fault at all.

// The fault an entry of the log is about, for the recording's "fault" (LogEntry::fault).
enum class Fault : quint8 { None, Drop, Delay, Duplicate, Reorder };
constexpr std::array<EnumKey<Fault>, 5> enumKeys(Fault)
{
    return { { { Fault::None, "none" },
               { Fault::Drop, "drop" },
               { Fault::Delay, "delay" },
               { Fault::Duplicate, "duplicate" },
               { Fault::Reorder, "reorder" } } };
}

struct FaultSpec
{
    static constexpr int MaxDelayMs = 60'000; // a minute: longer looks like a hang, not a delay

    int dropPercent = 0;
    int delayMinMs = 0;
    int delayMaxMs = 0; // equal to delayMinMs for a fixed delay
    int duplicatePercent = 0;
    int reorderPercent = 0;

    bool isActive() const
    {
        return dropPercent > 0 || delayMaxMs > 0 || duplicatePercent > 0 || reorderPercent > 0;
    }
    bool hasRandomDelay() const { return delayMaxMs > delayMinMs; }
    // Duplicate and reorder are about datagrams: a TCP stream has neither.
    bool hasDatagramFaults() const { return duplicatePercent > 0 || reorderPercent > 0; }
    FaultSpec withoutDatagramFaults() const
    {
        FaultSpec stream = *this;
        stream.duplicatePercent = 0;
        stream.reorderPercent = 0;
        return stream;
    }

    friend bool operator==(const FaultSpec &a, const FaultSpec &b)
    {
        return a.dropPercent == b.dropPercent && a.delayMinMs == b.delayMinMs
                && a.delayMaxMs == b.delayMaxMs && a.duplicatePercent == b.duplicatePercent
                && a.reorderPercent == b.reorderPercent;
    }
    friend bool operator!=(const FaultSpec &a, const FaultSpec &b) { return !(a == b); }
};

namespace FaultSpecs {

struct ParseResult
{
    FaultSpec spec;
    // Empty when the spec was valid; else what is wrong, quoting the pair:
    // "drop=150: a percentage is 0 to 100".
    QString error;
    qsizetype errorPosition = -1; // index in the input of the character that is wrong

    bool isValid() const { return errorPosition < 0; }
};

ParseResult parse(QStringView text);
// The spec as parse() takes it, the keys in a fixed order, faults of 0 left out:
// "drop=50,delay=100-500". Empty when no fault is set.
QString toText(const FaultSpec &spec);
// For people, translated: "drop 50%, delay 100–500 ms"; empty when no fault is set.
QString inWords(const FaultSpec &spec);

} // namespace FaultSpecs
