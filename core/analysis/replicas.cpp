#include "analysis/replicas.h"

#include <cmath>

namespace iq {

namespace {

// ceil that ignores floating-point dust: 18 / (10 x 0.9) must give 2, not 3.
int ceilCount(double x)
{
    return int(std::ceil(x - 1e-9));
}

} // namespace

ReplicaPlan planReplicas(const BenchmarkPoint &op, double targetRequestsPerSecond,
                         double targetOutputTokensPerSecond, double headroom)
{
    ReplicaPlan plan;
    if (!(headroom >= 0 && headroom < 1)) {
        plan.error = QStringLiteral("headroom must be in [0, 1) (got %1)").arg(headroom);
        return plan;
    }
    struct Load
    {
        double target;
        double capacity;
        QString unit;
        QString field;
    };
    const Load loads[] = {
        {targetRequestsPerSecond, op.requestRate, QStringLiteral("requests/s"),
         QStringLiteral("request rate")},
        {targetOutputTokensPerSecond, op.outputTokensPerSecond, QStringLiteral("output tokens/s"),
         QStringLiteral("output tokens/s")},
    };
    for (const Load &l : loads) {
        if (!isKnown(l.target) || !(l.target > 0))
            continue;
        if (!(l.capacity > 0) || !std::isfinite(l.capacity)) {
            if (plan.replicas == 0)
                plan.error = QStringLiteral("the operating point has no %1; cannot size replicas for %2 %3")
                                 .arg(l.field)
                                 .arg(l.target)
                                 .arg(l.unit);
            continue;
        }
        const double perReplica = l.capacity * (1 - headroom);
        const int n = std::max(1, ceilCount(l.target / perReplica));
        if (n > plan.replicas) {
            plan.replicas = n;
            plan.perReplicaCapacity = perReplica;
            plan.utilization = l.target / (n * l.capacity);
            plan.unit = l.unit;
            plan.error.clear();
        }
    }
    return plan;
}

HpaRecommendation recommendHpa(const BenchmarkPoint &op, const LatencyTargets &targets, int plannedReplicas)
{
    HpaRecommendation h;
    h.minReplicas = 1;
    h.maxReplicas = std::max(1, plannedReplicas);
    const QString replicasNote =
        plannedReplicas > 0
            ? QStringLiteral(" maxReplicas = %1, the replicas the target load needs.").arg(plannedReplicas)
            : QStringLiteral(
                  " No target load given: maxReplicas = 1; raise it to the replicas your peak needs.");
    const double factor = 1 + kHpaTolerance;
    const bool batchKnown = isKnown(op.runningBatchSize) && std::isfinite(op.runningBatchSize);
    const bool queueKnown = isKnown(op.queueSize) && std::isfinite(op.queueSize);
    if (targets.anyLatency() && batchKnown) {
        h.metric = kBatchSizeMetric();
        h.averageValueTarget = std::max(1.0, std::floor(op.runningBatchSize / factor));
        h.rationale =
            QStringLiteral("A latency target is set: scale on batch size, just under the %1 requests "
                           "running at the operating point (floor(%1 / 1.1), HPA tolerance 0.1), so "
                           "scaling starts before latency passes the target.")
                .arg(op.runningBatchSize, 0, 'f', 1) +
            replicasNote;
        return h;
    }
    h.metric = kQueueSizeMetric();
    if (queueKnown) {
        h.averageValueTarget = std::max(1.0, std::floor(op.queueSize / factor));
        h.rationale =
            QString(targets.anyLatency() ? QStringLiteral("A latency target is set but the curve has no "
                                                          "batch size data: ")
                                         : QStringLiteral("No latency target: ")) +
            QStringLiteral("scale on queue size to maximise throughput; target floor(%1 / 1.1) from "
                           "the %1 requests waiting at the operating point (HPA tolerance 0.1, at "
                           "least 1).")
                .arg(op.queueSize, 0, 'f', 1) +
            replicasNote;
    } else {
        h.averageValueTarget = kDefaultQueueSizeTarget;
        h.rationale =
            QStringLiteral("The curve has no queue or batch size data: queue size target %1, the lower "
                           "end of GKE's suggested starting range 3-5.")
                .arg(kDefaultQueueSizeTarget) +
            replicasNote;
    }
    return h;
}

} // namespace iq
