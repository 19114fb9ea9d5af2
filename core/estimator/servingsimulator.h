#pragma once
// Discrete-event simulation of a continuously batching model server (vLLM V1-like scheduler): chunked
// prefill under max_num_batched_tokens, max_num_seqs, paged KV cache with preemption by recompute when it
// runs out. Step-driven: each engine step schedules running requests first, then waiting ones, and takes
// stepTime() of what it scheduled. Deterministic for a seed; no allocation per token.

#include "domain.h"
#include "memorymodel.h"
#include "steptime.h"

#include <QString>

#include <cstdint>
#include <vector>

namespace iq {

struct SimLengths
{
    int input = 0;
    int output = 0;
};

struct SimConfig
{
    enum class Load { Rate, Concurrency, Offline };
    Load load = Load::Rate;
    double rate = 1;             // requests/s, Poisson arrivals (Load::Rate)
    int concurrency = 1;         // clients each sending the next request when the last one ends
    int measuredRequests = 2000; // requests whose metrics are reported (Offline: all requests)
    int warmupRequests = -1;     // before the measured ones; -1 = max(10% of measured, concurrency)
    std::uint64_t seed = 1;
    bool fastForward = true; // batch runs of identical decode steps (same result; off for tests)
};

struct SimResult
{
    BenchmarkPoint point;
    bool ok = true;
    QString error;
    int preemptions = 0;
    int rejected = 0; // requests that can never fit the KV cache
    std::int64_t steps = 0;
    double makespanS = 0;
    double steadyRequestRate = 0; // completions/s between 10% and 90% of completions (offline saturation)
    double meanKvUtilization = 0;
};

// `lengths` is a pool cycled through by request index (the same requests at every load point).
SimResult simulate(const StepModel &stepModel, const MemoryPlan &plan, const std::vector<SimLengths> &lengths,
                   const SimConfig &config);

// Percentile with linear interpolation between order statistics (numpy's default); `sorted` ascending.
double percentileSorted(const std::vector<double> &sorted, double q);

} // namespace iq
