#pragma once
// The columns a profile's points can have in a catalog file ("columns": [...]), in canonical order, with
// the field of BenchmarkPoint each one fills and the range a value must be in.

#include "domain.h"

#include <QList>

#include <string_view>

namespace iq {

struct PointColumn
{
    enum class Unit { RequestRate, Count, TokensPerSecond, Milliseconds, Fraction };

    std::string_view name; // "ttftMs.mean"
    Unit unit;
    double BenchmarkPoint::*plain;       // set for plain columns
    LatencyStats BenchmarkPoint::*stats; // set for latency columns
    double LatencyStats::*stat;

    double get(const BenchmarkPoint &p) const { return plain ? p.*plain : (p.*stats).*stat; }
    double &ref(BenchmarkPoint &p) const { return plain ? p.*plain : (p.*stats).*stat; }
    double maximum() const;   // larger values are rejected as absurd
    QString unitName() const; // for messages: "a latency", "tokens/s", ...
};

// All columns in canonical order (the order the writer uses).
const QList<PointColumn> &pointColumns();
// Index into pointColumns(), or -1.
int pointColumnIndex(std::string_view name);

} // namespace iq
