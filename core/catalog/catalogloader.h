#pragma once
// Reads catalog files (format: docs/catalog-format.md). Every problem is reported as file:line: message;
// all errors are collected (up to kMaxCatalogErrors), unknown fields are warnings.

#include "catalog/diagnostic.h"
#include "domain.h"

#include <QByteArray>
#include <QStringList>

namespace iq {

inline constexpr int kCatalogFormatVersion = 1;
inline constexpr int kMaxCatalogErrors = 100;

struct CatalogLoadOptions
{
    QStringList onlyModels; // empty = all; profiles of other models are skipped cheaply
    // Accelerator labels defined elsewhere (e.g. by the embedded catalog). A profile whose accelerator is
    // neither here nor in the file's own "accelerators" gets a warning (only when some are known at all).
    QStringList knownAccelerators;
    // Large files (> 8 MB) parse the second half of "profiles" on a second thread; the result is identical
    // either way (tests compare both). False = one thread.
    bool parallel = true;
};

struct CatalogLoadResult
{
    CatalogData data;
    QList<Diagnostic> errors;
    QList<Diagnostic> warnings;
    bool ok() const { return errors.isEmpty(); }
};

CatalogLoadResult loadCatalogFile(const QString &path, const CatalogLoadOptions & = {});
CatalogLoadResult parseCatalog(const QByteArray &json, const QString &nameForErrors,
                               const CatalogLoadOptions & = {});

} // namespace iq
