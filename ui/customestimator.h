#pragma once
// "Custom model…": estimated profiles for a Hugging Face config.json, from the core estimator
// (core/estimator/estimator.h, the same as `iq estimate --model-config`), one per accelerator of the
// catalog at the smallest machine of that accelerator the model fits on. Runs off the UI thread.

#include "domain.h"
#include "estimator/modelarchitecture.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <atomic>

namespace iq::gui {

struct CustomEstimateInput
{
    ModelArchitecture model;
    QString configPath;              // for the provenance note
    QList<MachineType> machineTypes; // candidates (the catalog's)
    QList<Accelerator> accelerators;
    QList<ModelServer> modelServers; // for the newest version of the server the estimate assumes
};

struct CustomEstimateOutput
{
    CatalogData layer;   // one Model and its estimated Profiles
    QStringList skipped; // "nvidia-l4: needs 4 chips, the largest machine has 1" and the like
    QString error;       // set when nothing could run (e.g. no calibration)
};

class CustomEstimator
{
public:
    // Blocking; `cancel` (optional) stops between estimates.
    static CustomEstimateOutput run(const CustomEstimateInput &input,
                                    const std::atomic_bool *cancel = nullptr);
};

} // namespace iq::gui
