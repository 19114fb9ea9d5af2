#include "steptime.h"

#include <QRegularExpression>

#include <algorithm>
#include <cmath>

namespace iq {

double peakFlopsFor(const Accelerator &acc, const QString &precision)
{
    const QString p = precision.toLower();
    const double bf16 = acc.bf16Tflops * 1e12;
    auto orBf16 = [&](double tflops) { return isKnown(tflops) && tflops > 0 ? tflops * 1e12 : bf16; };
    if (p == QLatin1String("fp8"))
        return orBf16(acc.fp8Tflops);
    if (p == QLatin1String("int8"))
        return orBf16(acc.int8Tops);
    if (p == QLatin1String("fp4") || p == QLatin1String("mxfp4"))
        return orBf16(acc.fp4Tflops); // no FP4 tensor cores: weight-only kernels at the BF16 rate
    return bf16;
}

double interconnectPerDirectionGBps(const Accelerator &acc)
{
    if (isKnown(acc.interconnectGBps) && acc.interconnectGBps > 0)
        return acc.interconnectGBps;
    // The cited text gives a total (both directions) figure: "900 GB/s total per GPU", "1.8 TB/s total per
    // GPU", "ICI 800 GBps bidirectional per chip"; half of it flows each way.
    static const QRegularExpression total(
        QStringLiteral("([0-9]+(?:\\.[0-9]+)?)\\s*(GB/s|GBps|TB/s)\\s+(?:total|bidirectional)"));
    const QRegularExpressionMatch m = total.match(acc.interconnect);
    if (!m.hasMatch())
        return 0;
    const double value = m.captured(1).toDouble() * (m.captured(2) == QLatin1String("TB/s") ? 1000.0 : 1.0);
    return value / 2.0;
}

bool makeStepModel(const ModelArchitecture &m, const MemoryPlan &plan, const Accelerator &acc,
                   const EfficiencyFactors &factors, StepModel *out, QString *error)
{
    StepModel s;
    s.tensorParallel = std::max(1, plan.tensorParallel);
    const double tp = s.tensorParallel;
    s.peakFlops = peakFlopsFor(acc, plan.precision);
    s.bandwidth = acc.memoryBandwidthGBps * 1e9;
    if (!isKnown(s.peakFlops) || s.peakFlops <= 0 || !isKnown(s.bandwidth) || s.bandwidth <= 0) {
        if (error)
            *error =
                QStringLiteral("%1 lacks a %2 compute rate or a memory bandwidth in the reference data")
                    .arg(acc.gkeLabel, !isKnown(s.peakFlops) || s.peakFlops <= 0 ? plan.precision
                                                                                 : QStringLiteral("known"));
        return false;
    }
    s.interconnect = interconnectPerDirectionGBps(acc) * 1e9;
    const WeightBytes w = weightBytes(m, plan.precision);
    s.denseWeightBytes = (w.total - w.expert) / tp;
    s.expertWeightBytes = w.expert / tp;
    s.numExperts = m.numExperts;
    s.expertsPerToken = m.expertsPerToken;
    const double active = (m.activeParamsB > 0 ? m.activeParamsB : m.totalParamsB) * 1e9;
    s.activeFlopsPerToken = 2.0 * active / tp;
    const int headDim =
        m.headDim > 0 ? m.headDim : (m.numAttentionHeads > 0 ? m.hiddenSize / m.numAttentionHeads : 0);
    if (m.multiLatentAttention) // absorbed MLA: scores over latent + RoPE key, values over the latent
        s.attentionFlopsPerPair =
            2.0 * m.numLayers * m.numAttentionHeads * (2.0 * m.kvLoraRank + m.qkRopeHeadDim) / tp;
    else
        s.attentionFlopsPerPair = 4.0 * m.numLayers * m.numAttentionHeads * double(headDim) / tp;
    s.numLayers = m.numLayers;
    s.hiddenBytes = 2.0 * m.hiddenSize;
    s.factors = factors;
    *out = s;
    return true;
}

double expertsTouchedFraction(int experts, int perToken, int tokens)
{
    if (experts <= 0 || perToken <= 0 || tokens <= 0)
        return tokens > 0 ? 1.0 : 0.0;
    if (perToken >= experts)
        return 1.0;
    return 1.0 - std::pow(1.0 - double(perToken) / experts, tokens);
}

StepTime stepTime(const StepModel &s, const StepBatch &b)
{
    StepTime t;
    const EfficiencyFactors &f = s.factors;
    const double flops = s.activeFlopsPerToken * b.numTokens + s.attentionFlopsPerPair * b.attentionPairs;
    t.computeS = flops / (s.peakFlops * f.flopsEfficiency);
    const double touched = b.expertsTouched >= 0
                               ? b.expertsTouched
                               : expertsTouchedFraction(s.numExperts, s.expertsPerToken, b.numTokens);
    const double weights = s.denseWeightBytes + s.expertWeightBytes * touched;
    t.memoryS = (weights + b.kvReadBytes) / (s.bandwidth * f.bandwidthEfficiency);
    if (s.tensorParallel > 1) {
        // Two all-reduces per layer (attention output, MLP output); ring all-reduce moves 2(n-1)/n of the
        // payload over each chip's link.
        const double n = s.tensorParallel;
        const double payload = b.numTokens * s.hiddenBytes;
        const double transfer = s.interconnect > 0 ? 2.0 * (n - 1) / n * payload / s.interconnect : 0;
        t.communicationS = 2.0 * s.numLayers * (f.allReduceLatencyUs * 1e-6 + transfer);
    }
    t.overheadS = f.stepOverheadMs * 1e-3 + f.perSequenceOverheadUs * 1e-6 * b.numSequences;
    t.totalS = std::max(t.computeS, t.memoryS) + t.communicationS + t.overheadS;
    return t;
}

} // namespace iq
