#pragma once
// The estimator's model table: resources/estimator/models.yaml (clean numeric facts copied from
// resources/reference/models.yaml, one entry per repository id). See docs/estimator-inputs.md.

#include "modelarchitecture.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace iq {

struct ModelFactsResult
{
    QList<ModelArchitecture> models; // one per id (an entry with two ids yields two models)
    QStringList errors;              // "file:line: message"; models with errors are left out
};

// Loads the table. Never throws; a missing or malformed file gives errors.
ModelFactsResult loadModelFacts(const QString &path = QStringLiteral(":/estimator/models.yaml"));

// Exact id match first, then case-insensitive. nullptr when absent.
const ModelArchitecture *findModel(const QList<ModelArchitecture> &models, const QString &id);

} // namespace iq
