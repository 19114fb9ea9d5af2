#pragma once
// The performance estimator's public API: one configuration (model, precision, accelerator x count, model
// server, workload, load) in, a feasibility verdict with its memory plan and a latency-throughput curve (or
// one load point) out. Method and calibration: docs/estimator.md.

#include "calibration.h"
#include "domain.h"
#include "lengthdistribution.h"
#include "memorymodel.h"
#include "modelarchitecture.h"
#include "servingsimulator.h"

#include <QList>
#include <QString>

#include <vector>

namespace iq {

struct EstimateRequest
{
    enum LoadKind { Sweep, Rate, Concurrency, Offline };

    ModelArchitecture model;
    QString precision; // empty = the checkpoint's native precision
    Accelerator accelerator;
    int acceleratorCount = 1; // chips in one replica (tensor parallelism)
    QString modelServer = QStringLiteral("vllm");
    LengthDistribution lengths = LengthDistribution::shareGpt();
    LoadKind load = Sweep;
    double rate = 0;     // Rate: requests/s (Poisson)
    int concurrency = 0; // Concurrency: clients
    int numPrompts = 0;  // Offline: prompts sent at once (0 = requestsPerPoint)
    quint64 seed = 42;
    int requestsPerPoint = 2000;   // measured requests per load point (after warm-up)
    int saturationRequests = 2000; // requests of the offline run that finds the saturation rate (Sweep)
    int sweepPoints = 20;
    double sweepMaxFraction = 1.2; // last sweep rate as a multiple of the offline saturation rate
};

struct EstimateResult
{
    bool feasible = false;
    QString reason;               // why not (feasible == false)
    QList<BenchmarkPoint> points; // by increasing load
    MemoryPlan memory;
    QString estimatorVersion;
    QString modelServer;
    QString precision;
    double errorBandPercent = kUnknown; // stated band of the calibration used
    QString calibrationSource;          // "h100/vllm", or the family it was borrowed from
    bool calibrationBorrowed = true;
    double saturationRequestRate = kUnknown; // offline steady completions/s (Sweep)
    int preemptions = 0;                     // summed over the points

    // provenance "estimated" with version, date and error band, for a Profile.
    Provenance provenance() const;
};

EstimateResult estimate(const EstimateRequest &request, const Calibration &calibration);

// The request-length pool a simulation cycles through: `count` samples of the distribution for a seed.
std::vector<SimLengths> sampleLengths(const LengthDistribution &lengths, quint64 seed, int count = 4096);

// The checkpoint's native precision, normalised ("bfloat16" -> "bf16"); "bf16" when unknown.
QString nativePrecision(const ModelArchitecture &model);

} // namespace iq
