#pragma once
// Model server settings a recommendation implies, shared by the CLI and the GUI so both write the same
// arguments: the context cap from a KV-cache plan and the running-sequence cap from the operating point.
// Each function also adds the reason to ManifestRequest::notes (shown in the manifest comments).

#include "analysis/replicas.h"
#include "manifest/manifestgenerator.h"

namespace iq::manifest {

// What core/estimator's planMemory() says about one replica, as plain numbers (estimatedserversettings.h
// fills it from the estimator for the CLI and the GUI alike).
struct KvCachePlan
{
    qint64 kvCacheTokens = 0;            // KV-cache capacity of one replica, tokens
    int modelMaxContext = 0;             // the model's maximum context (max_position_embeddings), 0 = unknown
    double memoryUtilization = kUnknown; // the memory fraction the plan assumed (vLLM gpu_memory_utilization)
    double memoryPerChipGB = kUnknown;
    double weightsGB = kUnknown;
};

// max model length = min(model context, capacity rounded down to a multiple of 1024 tokens): vLLM refuses to
// start when the context does not fit the cache. Also sets gpuMemoryUtilization to the plan's fraction.
// No-op when the capacity is unknown (0).
void applyKvCachePlan(ManifestRequest *request, const KvCachePlan &plan);

// With a latency target: max running sequences = floor(batch size at the operating point), so one replica
// stays within the target and the HPA adds replicas beyond. No-op for TGI (no such cap) or unknown/< 1 batch.
void applyBatchCap(ManifestRequest *request, double runningBatchSize);

// The autoscaler core's recommendHpa() gives for the operating point: request->hpa (metric, target value,
// replica range, rationale), the batch cap above, and a note when maxReplicas is 1 because no expected load
// was given. When the recommendation has no usable metric or value, request->hpa stays empty and
// hpaOmittedReason carries its rationale. Returns whether an HPA was set. Shared by the CLI and the GUI.
bool applyHpaRecommendation(ManifestRequest *request, const HpaRecommendation &hpa, double runningBatchSize,
                            bool loadGiven);

} // namespace iq::manifest
