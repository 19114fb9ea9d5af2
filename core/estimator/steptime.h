#pragma once
// Step-time model: one engine step (a batch of decode tokens and prefill chunks) on one replica, from a
// roofline with calibrated efficiency factors. Pure; see docs/estimator.md ("Time").

#include "calibration.h"
#include "domain.h"
#include "memorymodel.h"
#include "modelarchitecture.h"

namespace iq {

// Per-replica constants the step time needs, computed once per configuration.
struct StepModel
{
    int tensorParallel = 1;
    double peakFlops = 0;         // per chip, FLOP/s at the precision's compute path
    double bandwidth = 0;         // per chip, B/s
    double interconnect = 0;      // per chip per direction, B/s (0 = unknown: latency only)
    double denseWeightBytes = 0;  // per chip, read by every step
    double expertWeightBytes = 0; // per chip, routed experts (read in proportion to experts touched)
    int numExperts = 0;
    int expertsPerToken = 0;
    double activeFlopsPerToken = 0;   // 2 x active parameters, per chip
    double attentionFlopsPerPair = 0; // 4 x layers x heads x head_dim, per chip (QK^T and AV)
    int numLayers = 0;
    double hiddenBytes = 0; // bytes of one token's hidden state (all-reduce payload)
    EfficiencyFactors factors;
};

// The compute path of a precision on an accelerator: "fp8" uses the FP8 tensor rate where the chip has one
// and the BF16 rate otherwise (weight-only kernels), and so on. NaN when no rate is known.
double peakFlopsFor(const Accelerator &accelerator, const QString &precision);

// Per-direction chip-to-chip bandwidth (GB/s): the reference figure, else half a stated total /
// bidirectional figure in the interconnect text; 0 when neither is known (then only latency is modelled).
double interconnectPerDirectionGBps(const Accelerator &accelerator);

bool makeStepModel(const ModelArchitecture &model, const MemoryPlan &plan, const Accelerator &accelerator,
                   const EfficiencyFactors &factors, StepModel *out, QString *error);

// What the scheduler put into one step.
struct StepBatch
{
    int numSequences = 0;       // sequences in the step (decode + prefill chunks)
    int numTokens = 0;          // new tokens computed
    double attentionPairs = 0;  // sum over new tokens of the context each attends to
    double kvReadBytes = 0;     // per chip: KV cache read by attention (every scheduled sequence's context)
    double expertsTouched = -1; // expertsTouchedFraction(numTokens) when the caller has it; -1 = compute
};

struct StepTime
{
    double computeS = 0;
    double memoryS = 0;
    double communicationS = 0;
    double overheadS = 0;
    double totalS = 0;
};

// Expected fraction of a layer's experts that `tokens` tokens touch when each picks k of E uniformly:
// 1 - (1 - k/E)^tokens.
double expertsTouchedFraction(int experts, int perToken, int tokens);

StepTime stepTime(const StepModel &model, const StepBatch &batch);

} // namespace iq
