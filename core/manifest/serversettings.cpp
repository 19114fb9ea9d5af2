#include "serversettings.h"

#include <algorithm>
#include <cmath>

namespace iq::manifest {

namespace {

QString number(double v)
{
    return QString::number(v, 'g', 6);
}

} // namespace

void applyKvCachePlan(ManifestRequest *request, const KvCachePlan &plan)
{
    if (plan.kvCacheTokens <= 0)
        return;
    const qint64 capacity =
        plan.kvCacheTokens >= 1024 ? plan.kvCacheTokens / 1024 * 1024 : plan.kvCacheTokens;
    const qint64 context = plan.modelMaxContext;
    request->maxModelLength = static_cast<int>(context > 0 ? std::min(context, capacity) : capacity);
    if (isKnown(plan.memoryUtilization))
        request->gpuMemoryUtilization = plan.memoryUtilization;
    request->notes << QStringLiteral(
                          "Max model length %1: the KV cache holds %2 tokens per replica (iq estimator "
                          "memory plan: %3 GB per chip x %4 memory fraction, %5 GB of weights)%6.")
                          .arg(request->maxModelLength)
                          .arg(plan.kvCacheTokens)
                          .arg(number(plan.memoryPerChipGB), number(plan.memoryUtilization),
                               number(std::round(plan.weightsGB * 10) / 10),
                               context > capacity
                                   ? QStringLiteral(
                                         "; the model's %1-token context does not fit, and the server "
                                         "refuses to start when it does not")
                                         .arg(context)
                                   : QString());
}

void applyBatchCap(ManifestRequest *request, double runningBatchSize)
{
    if (!isKnown(runningBatchSize) || runningBatchSize < 1 || request->modelServer == QLatin1String("tgi"))
        return;
    request->maxNumSeqs = static_cast<int>(std::floor(runningBatchSize));
    request->notes << QStringLiteral(
                          "Max running sequences %1: the batch size the profile ran at the latency "
                          "target, so one replica keeps it; the HPA adds replicas beyond.")
                          .arg(request->maxNumSeqs);
}

bool applyHpaRecommendation(ManifestRequest *request, const HpaRecommendation &hpa, double runningBatchSize,
                            bool loadGiven)
{
    HpaSpec spec;
    if (!hpaSignalFromMetric(hpa.metric, &spec.signal) || !isKnown(hpa.averageValueTarget)) {
        request->hpaOmittedReason = hpa.rationale;
        return false;
    }
    spec.averageValue = hpa.averageValueTarget;
    spec.minReplicas = hpa.minReplicas;
    spec.maxReplicas = hpa.maxReplicas;
    spec.rationale = hpa.rationale;
    request->hpa = spec;
    if (!loadGiven && spec.maxReplicas <= 1)
        request->notes << QStringLiteral(
            "The HPA's maxReplicas is 1 because no expected load was given: pass "
            "--target-requests-per-second (or --replicas=N as the ceiling) to let it "
            "scale out.");
    applyBatchCap(request, runningBatchSize);
    return true;
}

} // namespace iq::manifest
