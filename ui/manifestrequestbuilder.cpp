#include "manifestrequestbuilder.h"

#include "analysis/replicas.h"

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
    QStringList promise;
    if (isKnown(op.outputTokensPerSecond))
        promise << QStringLiteral("%1 output tokens/s").arg(op.outputTokensPerSecond, 0, 'f', 0);
    if (isKnown(op.requestRate))
        promise << QStringLiteral("%1 requests/s").arg(op.requestRate, 0, 'g', 4);
    if (isKnown(op.ttftMs.headline()))
        promise << QStringLiteral("TTFT %1 ms").arg(op.ttftMs.headline(), 0, 'f', 0);
    if (isKnown(op.ntpotMs.headline()))
        promise << QStringLiteral("NTPOT %1 ms").arg(op.ntpotMs.headline(), 0, 'f', 0);
    if (isKnown(op.itlMs.headline()))
        promise << QStringLiteral("ITL %1 ms").arg(op.itlMs.headline(), 0, 'f', 0);
    r.operatingPoint = promise.join(QStringLiteral(", "));

    if (!options.hpa) {
        r.hpaOmittedReason = QStringLiteral("HPA switched off in iqstudio");
    } else {
        const HpaRecommendation hpa = recommendHpa(op, targets, r.replicas);
        manifest::HpaSpec spec;
        if (manifest::hpaSignalFromMetric(hpa.metric, &spec.signal) && isKnown(hpa.averageValueTarget)) {
            spec.averageValue = hpa.averageValueTarget;
            spec.minReplicas = hpa.minReplicas;
            spec.maxReplicas = hpa.maxReplicas;
            spec.rationale = hpa.rationale;
            r.hpa = spec;
        } else {
            r.hpaOmittedReason = hpa.rationale;
        }
    }
    return r;
}

} // namespace iq::gui
