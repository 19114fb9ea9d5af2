#pragma once
// Latency and cost targets a user asks for (gcloud's --target-*-milliseconds and
// --target-cost-per-million-*-tokens). Unknown (NaN) = no target on that metric.

#include "domain.h"

#include <QString>

namespace iq {

struct LatencyTargets
{
    double ttftMs = kUnknown;
    double ntpotMs = kUnknown;
    double itlMs = kUnknown;
    double maxCostPerMillionInput = kUnknown;  // USD
    double maxCostPerMillionOutput = kUnknown; // USD

    bool any() const;        // any target set (latency or cost)
    bool anyLatency() const; // a TTFT, NTPOT or ITL target is set
    bool anyCost() const;

    friend bool operator==(const LatencyTargets &, const LatencyTargets &) = default;
};

// Largest latency target accepted: one hour. Anything above is a unit mistake (seconds typed as ms x1000).
inline constexpr double kMaxLatencyTargetMs = 3600.0 * 1000.0;

// Empty when every set target is usable; else one message naming the offending option, e.g.
// "--target-ttft-milliseconds must be greater than 0 (got -5)". Rejects <= 0, non-finite, and latency
// targets above kMaxLatencyTargetMs.
QString validateTargets(const LatencyTargets &targets);

// Headline latency of a point against the latency targets (cost targets are ignored here: they need a
// price, see Recommender). A set target on a metric the point did not measure (NaN) is NOT met: it cannot
// be verified.
bool meetsLatencyTargets(const BenchmarkPoint &point, const LatencyTargets &targets);

} // namespace iq
