#include "manifestrequestbuilder.h"

#include "analysis/replicas.h"
#include "estimator/modelfacts.h"
#include "manifest/estimatedserversettings.h"
#include "manifest/operatingpointtext.h"
#include "manifest/serversettings.h"

#include <algorithm>

namespace iq::gui {

manifest::ManifestRequest ManifestRequestBuilder::build(const ProfileCatalog &catalog,
                                                        const ManifestSelection &selection,
                                                        const LatencyTargets &targets,
                                                        const ManifestOptions &options)
{
    manifest::ManifestRequest r;
    const Profile &p = catalog.data().profiles.at(selection.profileIndex);
    r.model = p.model;
    r.modelServer = p.modelServer;
    r.modelServerVersion = p.modelServerVersion;
    r.accelerator = p.accelerator;
    r.acceleratorCount = p.acceleratorCount > 0 ? p.acceleratorCount : 1;
    r.instanceType = p.instanceType;
    r.tpuTopology = p.tpuTopology;
    if (const Accelerator *a = catalog.accelerator(p.accelerator))
        r.isTpu = a->isTpu;
    if (const MachineType *m = catalog.machineType(p.instanceType)) {
        r.machineVcpus = m->vcpus;
        r.machineMemoryGiB = m->memoryGB;
        if (r.tpuTopology.isEmpty())
            r.tpuTopology = m->tpuTopology;
    }
    if (const Model *m = catalog.model(p.model))
        r.modelWeightsGB = m->weightsGB;
    r.useCase = p.useCase;
    r.ns = options.ns.isEmpty() ? QStringLiteral("default") : options.ns;
    r.name = options.name;
    r.modelBucketUri = options.modelBucketUri;
    r.provenance = p.provenance;
    r.replicas = std::max(1, selection.replicas);

    const BenchmarkPoint &op = selection.operatingPoint;
    // The same wording and rounding as `iq profiles manifests create`.
    r.operatingPoint = manifest::operatingPointSummary(op);
    if (!selection.operatingPointNote.isEmpty())
        r.operatingPoint += QStringLiteral(" (") + selection.operatingPointNote + QLatin1Char(')');

    // The estimator's memory plan, as `iq profiles manifests create` applies it; the model table is read
    // once.
    static const ModelFactsResult facts = loadModelFacts();
    manifest::applyEstimatedMemoryPlan(catalog, p, facts.models, &r);

    // HPA as the CLI: only with a latency target (the batch size at the target is what it scales on).
    if (!targets.anyLatency()) {
        r.hpaOmittedReason = QStringLiteral("no latency target was given (--target-ntpot-milliseconds, "
                                            "--target-ttft-milliseconds or --target-itl-milliseconds).");
    } else if (!options.hpa) {
        r.hpaOmittedReason = QStringLiteral("the autoscaler was switched off in iqstudio.");
    } else {
        manifest::applyHpaRecommendation(&r, recommendHpa(op, targets, r.replicas), op.runningBatchSize,
                                         selection.loadGiven);
    }
    return r;
}

} // namespace iq::gui
