#pragma once
// How many replicas a target load needs at an operating point, and how to autoscale them.
// Rules and reasoning: docs/analysis.md ("Replicas and HPA").

#include "analysis/targets.h"
#include "domain.h"

#include <QString>

namespace iq {

// HPA tolerance (Kubernetes default, GIQ-INTERFACE.md): the HPA does not act until the metric is more than
// 10% away from its target. The same fraction is used as headroom: each replica is planned at most at
// (1 - kHpaTolerance) of its operating-point throughput, so load can rise while a new replica starts.
inline constexpr double kHpaTolerance = 0.1;
inline constexpr double kDefaultHeadroom = kHpaTolerance;
// GKE guidance for a queue-size target: "start 3-5"; the lower end is used when the curve has no data.
inline constexpr double kDefaultQueueSizeTarget = 3.0;

struct ReplicaPlan
{
    int replicas = 0;                     // 0 when there is no target load or the capacity is unknown
    double perReplicaCapacity = kUnknown; // planned load per replica = operating point x (1 - headroom)
    double utilization = kUnknown;        // target load / (replicas x operating-point throughput)
    QString unit;                         // "requests/s" or "output tokens/s": the load that bound the count
    QString error;                        // why replicas is 0 although a load was given
};

// replicas = ceil(load / (operating-point throughput x (1 - headroom))) for each given load (requests/s
// against point.requestRate, output tokens/s against point.outputTokensPerSecond); the larger count wins.
// headroom in [0, 1).
ReplicaPlan planReplicas(const BenchmarkPoint &operatingPoint, double targetRequestsPerSecond,
                         double targetOutputTokensPerSecond, double headroom = kDefaultHeadroom);

struct HpaRecommendation
{
    QString metric; // "vllm:num_requests_waiting" (queue size) or "vllm:num_requests_running" (batch size)
    double averageValueTarget = kUnknown;
    int minReplicas = 1;
    int maxReplicas = 1;
    QString rationale; // one or two sentences the manifest comments and GUI show

    friend bool operator==(const HpaRecommendation &, const HpaRecommendation &) = default;
};

inline const QString &kQueueSizeMetric()
{
    static const QString s = QStringLiteral("vllm:num_requests_waiting");
    return s;
}
inline const QString &kBatchSizeMetric()
{
    static const QString s = QStringLiteral("vllm:num_requests_running");
    return s;
}

// Rule (GKE guidance): a TTFT, NTPOT or ITL target is set and the operating point has a batch size ->
// batch size, target = max(1, floor(batch / (1 + kHpaTolerance))) so the HPA starts scaling before the
// batch reaches the size observed at the target. Otherwise queue size, target = max(1, floor(queue /
// (1 + kHpaTolerance))) at the operating point; no queue data -> kDefaultQueueSizeTarget with the reason.
// minReplicas = 1; maxReplicas = max(1, plannedReplicas) (the count planReplicas gives for the peak load).
HpaRecommendation recommendHpa(const BenchmarkPoint &operatingPoint, const LatencyTargets &targets,
                               int plannedReplicas);

} // namespace iq
