#pragma once
// Estimated profiles for the embedded catalog (`iq catalog build`): every model of the estimator's facts
// table x GKE accelerator x the machine types that carry it (per accelerator count) x model server, for the
// chosen use cases, skipping combinations whose weights do not fit. Runs the curves on the global thread
// pool; the result does not depend on thread scheduling (fixed seed per curve, results kept in input order).

#include "calibration.h"
#include "domain.h"

#include <QList>
#include <QStringList>

namespace iq {

struct EstimateBuildOptions
{
    QStringList useCases{QStringLiteral("Chatbot (ShareGPT)")}; // names LengthDistribution::fromUseCase knows
    QStringList models;                                         // facts-table ids; empty = every model
    // Measured requests per load point. 500 keeps the build under a minute on 2 cores; against 2,000 the
    // curves agree within 2% below saturation (docs/estimator.md, "Catalog build").
    int requestsPerPoint = 500;
    int sweepPoints = 20;
    quint64 seed = 42;
    const Calibration *calibration = nullptr; // nullptr = defaultCalibration()
    QString date; // provenance date; empty = today (set it for byte-identical rebuilds)
};

// One Profile per (model, accelerator, count, machine type, server, use case) with provenance "estimated".
// `log` gets one line per skipped combination group and a summary.
QList<Profile> buildEstimatedProfiles(const CatalogData &reference, const EstimateBuildOptions &options,
                                      QStringList *log);

} // namespace iq
