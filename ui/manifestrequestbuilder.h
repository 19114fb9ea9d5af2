#pragma once
// Turns the selection (a catalog profile at an operating point, the targets and the pane's options) into
// a manifest request for core/manifest. The numbers (replicas, HPA target) come from core/analysis.

#include "analysis/targets.h"
#include "catalog/profilecatalog.h"
#include "manifest/manifestgenerator.h"

namespace iq::gui {

struct ManifestOptions
{
    QString ns = QStringLiteral("default");
    QString name;           // empty: derived from server and model
    QString modelBucketUri; // empty: download from the Hugging Face Hub
    bool hpa = true;
};

struct ManifestSelection
{
    int profileIndex = -1;
    BenchmarkPoint operatingPoint;
    QString operatingPointNote; // "at the operating point", "clicked point 3"
    int replicas = 0;           // planned for the target load; 0 = no load given (1 replica)
    bool loadGiven = false;     // a target load (requests/s) was set
};

class ManifestRequestBuilder
{
public:
    static manifest::ManifestRequest build(const ProfileCatalog &catalog, const ManifestSelection &selection,
                                           const LatencyTargets &targets, const ManifestOptions &options);
};

} // namespace iq::gui
