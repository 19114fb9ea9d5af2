#include "manifestrequestbuilder.h"

#include "analysis/replicas.h"
#include "estimator/memorymodel.h"
#include "estimator/modelfacts.h"
#include "manifest/serversettings.h"

#include <charconv>
#include <cmath>

namespace iq::gui {

namespace {
// Server settings from the estimator's memory plan, as `iq profiles manifests create` does (its
// applyMemoryPlan): the context is capped at the KV-cache capacity and the plan's memory fraction is passed.
// TODO(core): share one implementation with core/cli/manifestcommands.cpp.
void applyMemoryPlan(const ProfileCatalog &catalog, const Profile &profile, manifest::ManifestRequest *req)
{
    const Accelerator *accelerator = catalog.accelerator(profile.accelerator);
    if (!accelerator)
        return;
    static const ModelFactsResult facts = loadModelFacts();
    const ModelArchitecture *arch = findModel(facts.models, profile.model);
    if (!arch)
        return;
    ServerConfig server;
    QString error;
    if (!defaultServerConfig(profile.modelServer, *accelerator, profile.acceleratorCount, &server, &error))
        return;
    const QString precision = profile.precision.isEmpty() ? arch->nativePrecision : profile.precision;
    const MemoryPlan plan = planMemory(*arch, precision, *accelerator, profile.acceleratorCount, server);
    if (!plan.feasible)
        return;
    manifest::KvCachePlan kv;
    kv.kvCacheTokens = plan.kvCacheTokens;
    kv.modelMaxContext = arch->maxPositionEmbeddings;
    kv.memoryUtilization = server.memoryUtilization;
    kv.memoryPerChipGB = plan.memoryPerChipGB;
    kv.weightsGB = plan.weightsGB;
    manifest::applyKvCachePlan(req, kv);
}
} // namespace

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
    // The same wording and rounding as `iq profiles manifests create` (core/cli/manifestcommands.cpp).
    auto number = [](double v) {
        char buf[64];
        const auto res = std::to_chars(buf, buf + sizeof buf, v);
        return QString::fromLatin1(buf, res.ptr - buf);
    };
    QStringList promise;
    if (isKnown(op.outputTokensPerSecond))
        promise << QStringLiteral("%1 output tokens/s").arg(number(std::round(op.outputTokensPerSecond)));
    if (isKnown(op.requestRate))
        promise << QStringLiteral("%1 requests/s").arg(number(std::round(op.requestRate * 100) / 100));
    for (const auto &[name, stats] :
         {std::pair{"NTPOT", op.ntpotMs}, std::pair{"TTFT", op.ttftMs}, std::pair{"ITL", op.itlMs}}) {
        if (isKnown(stats.headline()))
            promise
                << QStringLiteral("%1 %2 ms").arg(QLatin1String(name), number(std::round(stats.headline())));
    }
    r.operatingPoint = promise.join(QStringLiteral(", "));
    if (!selection.operatingPointNote.isEmpty())
        r.operatingPoint += QStringLiteral(" (") + selection.operatingPointNote + QLatin1Char(')');

    applyMemoryPlan(catalog, p, &r);

    // HPA as the CLI: only with a latency target (the batch size at the target is what it scales on).
    if (!targets.anyLatency()) {
        r.hpaOmittedReason = QStringLiteral("no latency target was given (--target-ntpot-milliseconds, "
                                            "--target-ttft-milliseconds or --target-itl-milliseconds).");
    } else if (!options.hpa) {
        r.hpaOmittedReason = QStringLiteral("the autoscaler was switched off in iqstudio.");
    } else {
        const HpaRecommendation hpa = recommendHpa(op, targets, r.replicas);
        manifest::HpaSpec spec;
        if (manifest::hpaSignalFromMetric(hpa.metric, &spec.signal) && isKnown(hpa.averageValueTarget)) {
            spec.averageValue = hpa.averageValueTarget;
            spec.minReplicas = hpa.minReplicas;
            spec.maxReplicas = hpa.maxReplicas;
            spec.rationale = hpa.rationale;
            r.hpa = spec;
            if (!selection.loadGiven && spec.maxReplicas <= 1) // the CLI's note, word for word
                r.notes << QStringLiteral(
                    "The HPA's maxReplicas is 1 because no expected load was given: pass "
                    "--target-requests-per-second (or --replicas=N as the ceiling) to let it "
                    "scale out.");
            manifest::applyBatchCap(&r, op.runningBatchSize);
        } else {
            r.hpaOmittedReason = hpa.rationale;
        }
    }
    return r;
}

} // namespace iq::gui
