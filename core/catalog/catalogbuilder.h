#pragma once
// Builds the embedded reference catalog (resources/catalog/reference.json) from the reference facts.

#include "catalog/referencedata.h"
#include "domain.h"

namespace iq {

// Deterministic: entries keep the reference files' order. Model servers are derived from the profiles'
// servers and versions (modelServersUsedBy).
CatalogData buildReferenceCatalog(const ReferenceData &reference);

// File name of the embedded catalog file that holds one model's estimated profiles, e.g.
// "meta-llama/Llama-3.1-8B-Instruct" -> "estimated-meta-llama--llama-3.1-8b-instruct.json". `iq catalog
// build` writes one such file per model; ProfileCatalog uses the name to skip, unread, the embedded files
// of models a query does not ask for.
QString estimatedCatalogFileName(const QString &model);

// The "modelServers" section that the given profiles use: one entry per server (sorted by name), versions
// sorted newest first (descending, numbers compared as numbers).
QList<ModelServer> modelServersUsedBy(const QList<Profile> &profiles);

} // namespace iq
