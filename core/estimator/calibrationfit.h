#pragma once
// Fitting the estimator's efficiency factors to public measured points (`iq estimate calibrate`), and the
// per-point comparison of estimate and measurement. Deterministic: a fixed-seed simulation per point and a
// coordinate search over a fixed grid of multiplicative steps. Method: docs/estimator.md ("Calibration").

#include "calibration.h"
#include "calibrationpoints.h"
#include "domain.h"
#include "memorymodel.h"
#include "modelarchitecture.h"
#include "servingsimulator.h"

#include <QList>
#include <QStringList>

#include <vector>

namespace iq {

// One calibration point made ready to simulate (model, accelerator, server, lengths and load resolved).
struct PreparedPoint
{
    CalibrationPoint point;
    QString family;
    QString server; // as simulated ("vllm-tpu" for vLLM on TPU)
    ModelArchitecture model;
    Accelerator accelerator;
    MemoryPlan plan;
    std::vector<SimLengths> lengths;
    SimConfig sim;
};

// Resolves the points; the ones that cannot be reproduced go to *skipped as "id: reason".
QList<PreparedPoint> preparePoints(const QList<CalibrationPoint> &points,
                                   const QList<ModelArchitecture> &models,
                                   const QList<Accelerator> &accelerators, QStringList *skipped);

// Simulates one prepared point with the given factors and compares every measured metric.
QList<CalibrationResidual> evaluatePoint(const PreparedPoint &point, const EfficiencyFactors &factors);

// Median absolute percentage errors over residuals (throughput; TTFT; TPOT/NTPOT/ITL pooled).
CalibrationSummary summarise(const QList<CalibrationResidual> &residuals);

// Fits one entry per (family, server) with points, then evaluates every point with its fitted factors.
// `log` receives one line per group. Runs the points of a group on the global thread pool.
Calibration fitCalibration(const QList<PreparedPoint> &points, QStringList *log);

} // namespace iq
