#pragma once
// The public reference facts (resources/reference/*.yaml, with citations) read into domain types.
// The YAML files are written by people and irregular in places; problems become diagnostics, never a crash.

#include "catalog/diagnostic.h"
#include "domain.h"

namespace iq {

struct ReferenceData
{
    QList<Accelerator> accelerators;
    QList<MachineType> machineTypes;
    QList<Price> prices;
    QList<Model> models;
    QList<UseCase> useCases;
    QList<Profile> measuredProfiles;
    QList<Diagnostic> errors;   // malformed files or values: the data is incomplete
    QList<Diagnostic> warnings; // entries deliberately left out (e.g. fractional GPU shares), with the reason
};

// Reads accelerators.yaml, prices.yaml, models.yaml, use-cases.yaml and measured.yaml from `dir`
// (a directory on disk or the Qt resource directory ":/reference").
ReferenceData loadReferenceData(const QString &dir = QStringLiteral(":/reference"));

} // namespace iq
