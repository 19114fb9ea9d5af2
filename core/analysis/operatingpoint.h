#pragma once
// Where on a latency-throughput curve to run a replica.

#include "analysis/targets.h"
#include "domain.h"

#include <QList>

#include <optional>

namespace iq {

struct OperatingPoint
{
    BenchmarkPoint point; // interpolated
    double position = -1; // fractional index along the curve, e.g. 3.42 = 42% between points 3 and 4
    bool atInflection = false;
    bool meetsTargets = false;

    friend bool operator==(const OperatingPoint &, const OperatingPoint &) = default;
};

// Precondition: `curve` sorted by increasing load (Profile::points invariant; see sortedByLoad).
// No latency target -> the inflection point (std::nullopt if inflectionIndex is out of range).
// With latency targets -> the highest-throughput (output tokens/s) point of the piecewise-linear curve that
// meets every latency target: either a measured point, or the crossing between a point that meets and the
// next that does not, interpolated linearly (t solved per binding metric, smallest t wins; not snapped).
// std::nullopt when no point meets every target. Cost targets are ignored (Recommender applies them).
std::optional<OperatingPoint> bestOperatingPoint(const QList<BenchmarkPoint> &curve,
                                                 const LatencyTargets &targets, int inflectionIndex);

// Linear interpolation of every field (latency stats field by field). t = 0 -> a, t = 1 -> b exactly; a field
// unknown on either side is unknown in between.
BenchmarkPoint interpolate(const BenchmarkPoint &a, const BenchmarkPoint &b, double t);

// Indices of points at or before the inflection that meet every latency target (all of 0..inflection when
// no latency target is set). Empty when inflectionIndex < 0.
QList<int> idealRegion(const QList<BenchmarkPoint> &curve, const LatencyTargets &targets,
                       int inflectionIndex);

} // namespace iq
