#pragma once
// Builds the embedded reference catalog (resources/catalog/reference.json) from the reference facts.

#include "catalog/referencedata.h"
#include "domain.h"

namespace iq {

// Deterministic: entries keep the reference files' order. Model servers are derived from the profiles'
// servers and versions (modelServersUsedBy).
CatalogData buildReferenceCatalog(const ReferenceData &reference);

// The "modelServers" section that the given profiles use: one entry per server (sorted by name), versions
// sorted newest first (descending, numbers compared as numbers).
QList<ModelServer> modelServersUsedBy(const QList<Profile> &profiles);

} // namespace iq
