#pragma once
// Writes catalog files (format: docs/catalog-format.md). Deterministic: the same data gives the same bytes.

#include "domain.h"

#include <QByteArray>
#include <QString>

namespace iq {

QByteArray serializeCatalog(const CatalogData &data);

// Atomic (QSaveFile). On failure returns false and sets *error (if given) to "path: reason".
bool writeCatalogFile(const QString &path, const CatalogData &data, QString *error);

} // namespace iq
