#pragma once
// Public measured serving points normalised for calibration: resources/estimator/calibration-points.yaml,
// selected from resources/reference/measured.yaml (selection rules in docs/estimator-inputs.md).

#include "domain.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace iq {

struct CalibrationPoint
{
    enum class Load { Offline, Concurrency, PoissonRate, OperatingPoint };
    enum class Lengths { Fixed, ShareGpt, Dataset };

    QString id;            // the measured.yaml point id
    QString model;         // id in resources/estimator/models.yaml
    QString server;        // "vllm", "sglang", "tensorrt-llm", "jetstream"
    QString serverVersion; // as reported, may be empty
    QString accelerator;   // GKE label, e.g. "nvidia-h100-80gb"
    int acceleratorCount = 0;
    QString precision;     // weights: "bf16", "fp8", "fp4", "mxfp4"
    QString parallelism;   // as reported ("TP8", "TP1,PP8"), may be empty
    QString measuredModel; // the model as the source names it (may be a later checkpoint / quantised copy)

    Load load = Load::Offline;
    double concurrency = kUnknown; // Load::Concurrency
    double requestRate = kUnknown; // Load::PoissonRate, requests/s
    int numPrompts = 0;            // 0 = not given

    Lengths lengths = Lengths::Fixed;
    int inputTokens = 0;               // Fixed
    int outputTokens = 0;              // Fixed
    double meanInputTokens = kUnknown; // always set when known (Fixed: = inputTokens)
    double meanOutputTokens = kUnknown;
    QString datasetDescription; // Dataset / ShareGpt

    // Measured (NaN = not reported).
    double outputTokensPerSecond = kUnknown; // whole system
    double requestsPerSecond = kUnknown;
    LatencyStats ttftMs;
    LatencyStats tpotMs;
    LatencyStats itlMs;
    LatencyStats ntpotMs;

    QString source; // first source URL
    QString note;
};

QString
calibrationLoadName(CalibrationPoint::Load load); // "offline", "concurrency", "poisson", "operating-point"

// Loads the file. Points with errors are left out and described in *errors ("file:line: ...").
QList<CalibrationPoint>
loadCalibrationPoints(const QString &path = QStringLiteral(":/estimator/calibration-points.yaml"),
                      QStringList *errors = nullptr);

} // namespace iq
