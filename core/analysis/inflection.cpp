#include "analysis/inflection.h"

#include <algorithm>
#include <vector>

namespace iq {

namespace {

// Below this the normalised curve is within 10% of the straight line from its first to its last point:
// no knee inside the measured range (see docs/analysis.md).
constexpr double kKneeThreshold = 0.1;

struct Sample
{
    double x;
    double y;
    int index;
};

double throughputOf(const BenchmarkPoint &p)
{
    return isKnown(p.outputTokensPerSecond) ? p.outputTokensPerSecond : p.totalTokensPerSecond;
}

double latencyOf(const BenchmarkPoint &p)
{
    if (isKnown(p.ntpotMs.headline()))
        return p.ntpotMs.headline();
    if (isKnown(p.e2eMs.headline()))
        return p.e2eMs.headline();
    return p.ttftMs.headline();
}

} // namespace

double loadOf(const BenchmarkPoint &p)
{
    return isKnown(p.requestRate) ? p.requestRate : p.concurrency;
}

QList<BenchmarkPoint> sortedByLoad(QList<BenchmarkPoint> curve)
{
    auto less = [](const BenchmarkPoint &a, const BenchmarkPoint &b) {
        const double la = loadOf(a);
        const double lb = loadOf(b);
        if (!isKnown(la))
            return false;
        if (!isKnown(lb))
            return true;
        return la < lb;
    };
    // Catalog curves are normally sorted already: do not detach (copy) them then.
    if (!std::is_sorted(curve.cbegin(), curve.cend(), less))
        std::stable_sort(curve.begin(), curve.end(), less);
    return curve;
}

Inflection findInflection(const QList<BenchmarkPoint> &curve)
{
    if (curve.isEmpty())
        return {-1, QStringLiteral("empty curve")};

    // Throughput vs load when throughput is measured (the knee of a concave rising curve); else latency vs
    // load (the knee of a convex rising curve).
    bool throughputMode = false;
    bool anyLatency = false;
    bool anyLoad = false;
    for (const BenchmarkPoint &p : curve) {
        throughputMode = throughputMode || isKnown(throughputOf(p));
        anyLatency = anyLatency || isKnown(latencyOf(p));
        anyLoad = anyLoad || isKnown(loadOf(p));
    }
    if (!throughputMode && !anyLatency)
        return {-1, QStringLiteral("no throughput or latency measured")};

    std::vector<Sample> s;
    s.reserve(static_cast<size_t>(curve.size()));
    for (int i = 0; i < curve.size(); ++i) {
        const BenchmarkPoint &p = curve.at(i);
        const double y = throughputMode ? throughputOf(p) : latencyOf(p);
        // Without any load coordinate the given order is taken as increasing load.
        const double x = anyLoad ? loadOf(p) : double(i);
        if (isKnown(x) && isKnown(y))
            s.push_back({x, y, i});
    }
    if (s.empty())
        return {-1, QStringLiteral("no point has both load and %1")
                        .arg(throughputMode ? QStringLiteral("throughput") : QStringLiteral("latency"))};
    std::stable_sort(s.begin(), s.end(), [](const Sample &a, const Sample &b) { return a.x < b.x; });
    const QString what = throughputMode ? QStringLiteral("output tok/s") : QStringLiteral("latency");
    if (s.size() == 1)
        return {s.front().index, QStringLiteral("single point")};

    // Offline / "infinite rate" points make the load axis unusable: fall back to rank order.
    const bool finite = std::all_of(s.begin(), s.end(), [](const Sample &a) { return std::isfinite(a.x); });
    if (!finite) {
        for (size_t i = 0; i < s.size(); ++i)
            s[i].x = double(i);
    }

    auto best = [&](bool highest) {
        size_t k = 0;
        for (size_t i = 1; i < s.size(); ++i) {
            if (highest ? s[i].y > s[k].y : s[i].y < s[k].y)
                k = i;
        }
        return s[k].index;
    };
    if (s.size() == 2)
        return {throughputMode ? best(true) : s.front().index,
                throughputMode ? QStringLiteral("two points: higher throughput")
                               : QStringLiteral("two points: lighter load")};

    double xmin = s.front().x, xmax = s.back().x;
    double ymin = s.front().y, ymax = s.front().y;
    for (const Sample &a : s) {
        ymin = std::min(ymin, a.y);
        ymax = std::max(ymax, a.y);
    }
    if (!(xmax > xmin))
        return {throughputMode ? best(true) : best(false), QStringLiteral("all points at one load")};
    if (!(ymax > ymin)) {
        // Constant throughput: saturated from the lightest load, extra load only adds latency.
        // Constant latency: not saturated anywhere, the heaviest load costs nothing.
        return throughputMode ? Inflection{s.front().index, QStringLiteral("flat throughput: lightest load")}
                              : Inflection{s.back().index, QStringLiteral("flat latency: heaviest load")};
    }

    // Kneedle (Satopaa et al. 2011): normalise both axes to [0, 1]; the knee is the point farthest above
    // (concave) or below (convex) the diagonal.
    size_t k = 0;
    double dk = -2;
    for (size_t i = 0; i < s.size(); ++i) {
        const double xn = (s[i].x - xmin) / (xmax - xmin);
        const double yn = (s[i].y - ymin) / (ymax - ymin);
        const double d = throughputMode ? yn - xn : xn - yn;
        if (d > dk) {
            dk = d;
            k = i;
        }
    }
    if (dk < kKneeThreshold)
        return {s.back().index, QStringLiteral("no knee (%1 near-linear in load): heaviest load").arg(what)};
    return {s[k].index,
            QStringLiteral("kneedle(%1 vs %2)")
                .arg(what, !anyLoad                                    ? QStringLiteral("point order")
                           : !finite                                   ? QStringLiteral("load rank")
                           : isKnown(curve.at(s[k].index).requestRate) ? QStringLiteral("request rate")
                                                                       : QStringLiteral("concurrency"))};
}

} // namespace iq
