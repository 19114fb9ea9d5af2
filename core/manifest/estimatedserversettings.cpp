#include "estimatedserversettings.h"

#include "estimator/memorymodel.h"
#include "estimator/modelfacts.h"
#include "manifest/serversettings.h"

namespace iq::manifest {

bool applyEstimatedMemoryPlan(const ProfileCatalog &catalog, const Profile &profile,
                              const QList<ModelArchitecture> &models, ManifestRequest *request,
                              QStringList *notes)
{
    const Accelerator *accelerator = catalog.accelerator(profile.accelerator);
    if (!accelerator)
        return false;
    const ModelArchitecture *arch = findModel(models, profile.model);
    if (!arch) {
        if (notes)
            *notes << QStringLiteral("no architecture facts for %1: max model length left to the server")
                          .arg(profile.model);
        return false;
    }
    ServerConfig server;
    QString error;
    if (!defaultServerConfig(profile.modelServer, *accelerator, profile.acceleratorCount, &server, &error))
        return false;
    const QString precision = profile.precision.isEmpty() ? arch->nativePrecision : profile.precision;
    const MemoryPlan plan = planMemory(*arch, precision, *accelerator, profile.acceleratorCount, server);
    if (!plan.feasible) {
        if (notes)
            *notes << QStringLiteral("memory plan: %1").arg(plan.reason);
        return false;
    }
    KvCachePlan kv;
    kv.kvCacheTokens = plan.kvCacheTokens;
    kv.modelMaxContext = arch->maxPositionEmbeddings;
    kv.memoryUtilization = server.memoryUtilization;
    kv.memoryPerChipGB = plan.memoryPerChipGB;
    kv.weightsGB = plan.weightsGB;
    applyKvCachePlan(request, kv);
    return kv.kvCacheTokens > 0; // applyKvCachePlan leaves the request alone otherwise
}

} // namespace iq::manifest
