#pragma once
// The inflection (saturation, "knee") point of a latency-throughput curve: where throughput stops growing
// with load and latency starts to climb steeply. Method and reasoning: docs/analysis.md.

#include "domain.h"

#include <QList>
#include <QString>

namespace iq {

struct Inflection
{
    int index = -1; // point index of the knee in the curve as given, -1 if the curve has no usable point
    QString method; // how it was found, e.g. "kneedle(output tok/s vs request rate)", "linear: last point"

    friend bool operator==(const Inflection &, const Inflection &) = default;
};

// Works on unsorted input (points are ordered by load internally; the returned index is into `curve` as
// given). Points whose load or throughput is unknown are skipped. 1 point -> 0; 2 points -> the one with
// the higher throughput.
Inflection findInflection(const QList<BenchmarkPoint> &curve);

// The load coordinate used to order points: request rate, else concurrency, else NaN.
double loadOf(const BenchmarkPoint &p);

// Stable sort by loadOf (unknown load keeps its relative position at the end).
QList<BenchmarkPoint> sortedByLoad(QList<BenchmarkPoint> curve);

} // namespace iq
