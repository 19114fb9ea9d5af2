#pragma once
// Internal: the target search shared by bestOperatingPoint (on a QList<BenchmarkPoint>) and Recommender (on
// its flat precomputed arrays), so both give the same answer. Not installed API.

#include "domain.h"

namespace iq::detail {

enum Metric { Ttft = 0, Ntpot = 1, Itl = 2, MetricCount = 3 };

struct CurveHit
{
    int index = -1; // segment start; -1 when no point meets the targets
    double t = 0;   // fraction towards index + 1 (0 = the measured point itself)
};

// metric(i, m): headline latency of point i for Metric m (NaN if unmeasured). key(i): throughput used to
// rank candidates (NaN for every point when the curve has no throughput: then the heaviest load wins).
// targets[m]: NaN = no target on m. Allocation-free.
template<typename MetricFn, typename KeyFn>
CurveHit highestMeeting(int n, const double (&targets)[MetricCount], MetricFn metric, KeyFn key)
{
    auto meets = [&](int i) {
        for (int m = 0; m < MetricCount; ++m) {
            if (isKnown(targets[m]) && !(metric(i, m) <= targets[m]))
                return false;
        }
        return true;
    };
    CurveHit best;
    double bestKey = kUnknown;
    auto consider = [&](int i, double t, double k) {
        // Strictly better only: on ties the lighter load (lower latency) stays.
        const bool better = best.index < 0 || (isKnown(k) && (!isKnown(bestKey) || k > bestKey)) ||
                            (!isKnown(k) && !isKnown(bestKey));
        if (better) {
            best = {i, t};
            bestKey = k;
        }
    };
    bool meetsCur = n > 0 && meets(0);
    for (int i = 0; i < n; ++i) {
        const bool meetsNext = i + 1 < n && meets(i + 1);
        if (meetsCur) {
            consider(i, 0, key(i));
            if (i + 1 < n && !meetsNext) {
                // Crossing: the smallest t at which some binding metric reaches its target.
                double t = 1;
                for (int m = 0; m < MetricCount; ++m) {
                    if (!isKnown(targets[m]))
                        continue;
                    const double va = metric(i, m);
                    const double vb = metric(i + 1, m);
                    if (vb <= targets[m])
                        continue; // not binding on this segment
                    // vb unknown: cannot interpolate that metric, stay at the measured point.
                    const double tm = isKnown(vb) ? (targets[m] - va) / (vb - va) : 0.0;
                    t = std::min(t, tm);
                }
                if (t > 0 && t < 1) {
                    const double ka = key(i), kb = key(i + 1);
                    consider(i, t, isKnown(ka) && isKnown(kb) ? ka + t * (kb - ka) : kUnknown);
                }
            }
        }
        meetsCur = meetsNext;
    }
    return best;
}

} // namespace iq::detail
