#include "analysis/operatingpoint.h"

#include "analysis/curvesearch_p.h"

namespace iq {

namespace {

double lerp(double a, double b, double t)
{
    if (t <= 0)
        return a;
    if (t >= 1)
        return b;
    if (!isKnown(a) || !isKnown(b))
        return kUnknown;
    return a + t * (b - a);
}

LatencyStats lerp(const LatencyStats &a, const LatencyStats &b, double t)
{
    return {lerp(a.mean, b.mean, t), lerp(a.p50, b.p50, t), lerp(a.p90, b.p90, t), lerp(a.p99, b.p99, t)};
}

double headlineMetric(const BenchmarkPoint &p, int m)
{
    switch (m) {
    case detail::Ttft:
        return p.ttftMs.headline();
    case detail::Ntpot:
        return p.ntpotMs.headline();
    default:
        return p.itlMs.headline();
    }
}

} // namespace

BenchmarkPoint interpolate(const BenchmarkPoint &a, const BenchmarkPoint &b, double t)
{
    BenchmarkPoint r;
    r.requestRate = lerp(a.requestRate, b.requestRate, t);
    r.concurrency = lerp(a.concurrency, b.concurrency, t);
    r.inputTokensPerSecond = lerp(a.inputTokensPerSecond, b.inputTokensPerSecond, t);
    r.outputTokensPerSecond = lerp(a.outputTokensPerSecond, b.outputTokensPerSecond, t);
    r.totalTokensPerSecond = lerp(a.totalTokensPerSecond, b.totalTokensPerSecond, t);
    r.ttftMs = lerp(a.ttftMs, b.ttftMs, t);
    r.tpotMs = lerp(a.tpotMs, b.tpotMs, t);
    r.ntpotMs = lerp(a.ntpotMs, b.ntpotMs, t);
    r.itlMs = lerp(a.itlMs, b.itlMs, t);
    r.e2eMs = lerp(a.e2eMs, b.e2eMs, t);
    r.queueSize = lerp(a.queueSize, b.queueSize, t);
    r.runningBatchSize = lerp(a.runningBatchSize, b.runningBatchSize, t);
    r.kvCacheUtilization = lerp(a.kvCacheUtilization, b.kvCacheUtilization, t);
    return r;
}

std::optional<OperatingPoint> bestOperatingPoint(const QList<BenchmarkPoint> &curve,
                                                 const LatencyTargets &targets, int inflectionIndex)
{
    if (!targets.anyLatency()) {
        if (inflectionIndex < 0 || inflectionIndex >= curve.size())
            return std::nullopt;
        return OperatingPoint{curve.at(inflectionIndex), double(inflectionIndex), true, true};
    }
    const double t3[detail::MetricCount] = {targets.ttftMs, targets.ntpotMs, targets.itlMs};
    bool allOut = true, allTotal = true;
    for (const BenchmarkPoint &p : curve) {
        allOut = allOut && isKnown(p.outputTokensPerSecond);
        allTotal = allTotal && isKnown(p.totalTokensPerSecond);
    }
    const detail::CurveHit hit = detail::highestMeeting(
        int(curve.size()), t3, [&](int i, int m) { return headlineMetric(curve.at(i), m); },
        [&](int i) {
            return allOut ? curve.at(i).outputTokensPerSecond
                          : (allTotal ? curve.at(i).totalTokensPerSecond : kUnknown);
        });
    if (hit.index < 0)
        return std::nullopt;
    OperatingPoint op;
    op.point =
        hit.t > 0 ? interpolate(curve.at(hit.index), curve.at(hit.index + 1), hit.t) : curve.at(hit.index);
    op.position = hit.index + hit.t;
    op.atInflection = op.position == double(inflectionIndex);
    op.meetsTargets = true;
    return op;
}

QList<int> idealRegion(const QList<BenchmarkPoint> &curve, const LatencyTargets &targets, int inflectionIndex)
{
    QList<int> r;
    const int last = std::min(inflectionIndex, int(curve.size()) - 1);
    for (int i = 0; i <= last; ++i) {
        if (meetsLatencyTargets(curve.at(i), targets))
            r.append(i);
    }
    return r;
}

} // namespace iq
