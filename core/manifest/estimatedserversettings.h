#pragma once
// The server settings of a catalog profile's manifests that come from core/estimator's memory plan, shared
// by `iq profiles manifests create` and iqstudio's manifest pane so both write the same arguments. This is
// the one place where iqmanifest uses the estimator; serversettings.h stays plain numbers.

#include "catalog/profilecatalog.h"
#include "estimator/modelarchitecture.h"
#include "manifest/manifestgenerator.h"

#include <QList>
#include <QStringList>

namespace iq::manifest {

// Plans the memory of one replica of `profile` (its model in `models`, e.g. loadModelFacts().models; its
// precision, else the model's native one; its accelerator and count; the server's default configuration)
// and applies it with applyKvCachePlan: the context is capped at the KV-cache capacity (vLLM refuses to
// start when the model's maximum context does not fit the cache) and the plan's memory fraction is passed.
// Leaves `request` as it was when the accelerator is not in the catalog, the model has no architecture
// facts, the server has no default configuration or the plan is infeasible; the second and the last add a
// line to `notes` (may be nullptr) saying so. Returns whether `request` was changed.
bool applyEstimatedMemoryPlan(const ProfileCatalog &catalog, const Profile &profile,
                              const QList<ModelArchitecture> &models, ManifestRequest *request,
                              QStringList *notes = nullptr);

} // namespace iq::manifest
