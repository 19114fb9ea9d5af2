#include "analysis/targets.h"

namespace iq {

bool LatencyTargets::any() const
{
    return anyLatency() || anyCost();
}

bool LatencyTargets::anyLatency() const
{
    return isKnown(ttftMs) || isKnown(ntpotMs) || isKnown(itlMs);
}

bool LatencyTargets::anyCost() const
{
    return isKnown(maxCostPerMillionInput) || isKnown(maxCostPerMillionOutput);
}

namespace {

QString checkPositive(double v, const char *option, double max)
{
    if (!isKnown(v))
        return {};
    if (!std::isfinite(v))
        return QStringLiteral("%1 must be a finite number (got %2)").arg(QLatin1String(option)).arg(v);
    if (v <= 0)
        return QStringLiteral("%1 must be greater than 0 (got %2)").arg(QLatin1String(option)).arg(v);
    if (v > max)
        return QStringLiteral("%1 must be at most %2 (one hour; got %3)")
            .arg(QLatin1String(option))
            .arg(max, 0, 'f', 0)
            .arg(v);
    return {};
}

} // namespace

QString validateTargets(const LatencyTargets &t)
{
    const double inf = std::numeric_limits<double>::infinity();
    for (const QString &e :
         {checkPositive(t.ttftMs, "--target-ttft-milliseconds", kMaxLatencyTargetMs),
          checkPositive(t.ntpotMs, "--target-ntpot-milliseconds", kMaxLatencyTargetMs),
          checkPositive(t.itlMs, "--target-itl-milliseconds", kMaxLatencyTargetMs),
          checkPositive(t.maxCostPerMillionInput, "--target-cost-per-million-input-tokens", inf),
          checkPositive(t.maxCostPerMillionOutput, "--target-cost-per-million-output-tokens", inf)}) {
        if (!e.isEmpty())
            return e;
    }
    return {};
}

bool meetsLatencyTargets(const BenchmarkPoint &p, const LatencyTargets &t)
{
    // NaN compares false, so an unmeasured metric never meets a set target.
    if (isKnown(t.ttftMs) && !(p.ttftMs.headline() <= t.ttftMs))
        return false;
    if (isKnown(t.ntpotMs) && !(p.ntpotMs.headline() <= t.ntpotMs))
        return false;
    if (isKnown(t.itlMs) && !(p.itlMs.headline() <= t.itlMs))
        return false;
    return true;
}

} // namespace iq
