#include "memorymodel.h"

#include <QStringList>

#include <algorithm>
#include <cmath>

namespace iq {

namespace {
constexpr double kGB = 1e9;
constexpr double kGiB = 1073741824.0;
constexpr double k16Bit = 2.0; // bytes of a bf16/fp16 element (weights kept unquantised, KV cache)
constexpr double kFp32 = 4.0;  // sampler logits are fp32
} // namespace

QStringList supportedPrecisions()
{
    return {QStringLiteral("bf16"), QStringLiteral("fp16"), QStringLiteral("fp8"),
            QStringLiteral("int8"), QStringLiteral("fp4"),  QStringLiteral("mxfp4")};
}

double bytesPerWeight(const QString &precision)
{
    const QString p = precision.toLower();
    if (p == QLatin1String("bf16") || p == QLatin1String("fp16"))
        return 2.0;
    if (p == QLatin1String("fp8") || p == QLatin1String("int8"))
        return 1.0;
    if (p == QLatin1String("mxfp4"))
        return 4.25 / 8.0; // OCP MX: 4-bit E2M1 + one E8M0 scale per 32 values
    if (p == QLatin1String("fp4"))
        return 4.5 / 8.0; // NVFP4: 4-bit E2M1 + one FP8 scale per 16 values
    return std::nan("");
}

QStringList supportedModelServers(bool tpu)
{
    if (tpu)
        return {QStringLiteral("vllm-tpu")};
    return {QStringLiteral("vllm"), QStringLiteral("sglang")};
}

bool defaultServerConfig(const QString &server, const Accelerator &acc, int count, ServerConfig *out,
                         QString *error)
{
    const QString s = server.toLower();
    if ((s == QLatin1String("tensorrt-llm") || s == QLatin1String("trtllm-bench")) && !acc.isTpu) {
        // Calibration only (public TensorRT-LLM points measure the hardware): trtllm-serve defaults
        // max_batch_size 2048, max_num_tokens 8192, 32-token KV blocks, 0.9 of free memory for the KV cache.
        ServerConfig c;
        c.name = s;
        c.memoryUtilization = 0.9;
        c.maxNumSeqs = 2048;
        c.maxNumBatchedTokens = 8192;
        c.blockSize = 32;
        c.runtimeOverheadGB = 1.0;
        c.fractionOfFreeMemory = true;
        *out = c;
        return true;
    }
    if (!supportedModelServers(acc.isTpu).contains(s)) {
        if (error)
            *error =
                QStringLiteral("model server \"%1\" is not modelled on %2; use one of: %3")
                    .arg(server, acc.gkeLabel, supportedModelServers(acc.isTpu).join(QStringLiteral(", ")));
        return false;
    }
    ServerConfig c;
    c.name = s;
    if (s == QLatin1String("vllm")) {
        // vLLM EngineArgs.get_batch_defaults (OpenAI server): >= 70 GiB devices other than A100 get
        // max_num_seqs 1024 / max_num_batched_tokens 8192, everything else 256 / 2048.
        c.memoryUtilization = 0.9;
        const bool big = acc.memoryGB * kGB >= 70 * kGiB && !acc.gkeLabel.contains(QLatin1String("a100"));
        c.maxNumSeqs = big ? 1024 : 256;
        c.maxNumBatchedTokens = big ? 8192 : 2048;
        c.blockSize = 16;
        c.runtimeOverheadGB = 1.0;
    } else if (s == QLatin1String("sglang")) {
        // SGLang server_args: mem_fraction_static by TP size (0.88 at TP 1 ... 0.79 at TP 16); what is left
        // over holds activations and CUDA graphs, so they are not subtracted again. Page size 1 token.
        c.memoryUtilization = count >= 16  ? 0.79
                              : count >= 8 ? 0.81
                              : count >= 4 ? 0.85
                              : count >= 2 ? 0.87
                                           : 0.88;
        c.overheadInsideBudget = true;
        c.maxNumBatchedTokens = acc.memoryGB < 25   ? 2048
                                : acc.memoryGB < 60 ? 4096
                                                    : 8192; // chunked_prefill_size
        c.maxNumSeqs = 4096; // max_running_requests is derived from the token pool: the KV pool binds first
        c.blockSize = 1;
        c.runtimeOverheadGB = 0;
    } else { // vllm-tpu
        // vLLM get_batch_defaults on TPU (OpenAI server): max_num_batched_tokens V6E 1024, V5E 512,
        // V5P 256; other chips keep the scheduler default 2048. max_num_seqs 256.
        c.memoryUtilization = 0.9;
        c.maxNumSeqs = 256;
        c.maxNumBatchedTokens = acc.gkeLabel.startsWith(QLatin1String("tpu-v6e"))       ? 1024
                                : acc.gkeLabel.startsWith(QLatin1String("tpu-v5-lite")) ? 512
                                : acc.gkeLabel.startsWith(QLatin1String("tpu-v5p"))     ? 256
                                                                                        : 2048;
        c.blockSize = 16;
        c.runtimeOverheadGB = 1.0;
    }
    *out = c;
    return true;
}

WeightBytes weightBytes(const ModelArchitecture &m, const QString &precision)
{
    const QString p = precision.toLower();
    const double total = m.totalParamsB * 1e9;
    const double expert = m.expertParamsB * 1e9;
    const double embedding = double(m.vocabSize) * m.hiddenSize * (m.tieWordEmbeddings ? 1 : 2);
    const double b = bytesPerWeight(p);
    WeightBytes w;
    w.embedding = embedding * k16Bit;
    if (p == QLatin1String("bf16") || p == QLatin1String("fp16")) {
        w.total = total * b;
        w.expert = expert * b;
    } else if (p == QLatin1String("mxfp4") && expert > 0) {
        // MXFP4 checkpoints (gpt-oss) quantise the routed experts only; attention etc. stay bf16.
        w.expert = expert * b;
        w.total = w.expert + (total - expert) * k16Bit;
    } else {
        // Quantised linear layers; embeddings and lm_head stay 16-bit (vLLM does not quantise them).
        w.expert = expert * b;
        w.total = (total - embedding) * b + embedding * k16Bit;
    }
    return w;
}

KvBytesPerToken kvBytesPerToken(const ModelArchitecture &m, int tp)
{
    KvBytesPerToken kv;
    tp = std::max(1, tp);
    if (m.multiLatentAttention) {
        // MLA caches one compressed latent + decoupled RoPE key per layer, replicated on every TP rank.
        kv.fullAttention = double(m.numLayers) * (m.kvLoraRank + m.qkRopeHeadDim) * k16Bit;
        return kv;
    }
    const int headDim =
        m.headDim > 0 ? m.headDim : (m.numAttentionHeads > 0 ? m.hiddenSize / m.numAttentionHeads : 0);
    // KV heads are split over TP ranks; with fewer KV heads than ranks each rank keeps one replica.
    const int kvHeadsPerChip = std::max(1, (m.numKeyValueHeads + tp - 1) / tp);
    const double perLayer = 2.0 * kvHeadsPerChip * headDim * k16Bit; // K and V
    const int sliding = m.slidingWindow > 0 ? std::clamp(m.numSlidingLayers, 0, m.numLayers) : 0;
    kv.fullAttention = perLayer * (m.numLayers - sliding);
    kv.slidingWindow = perLayer * sliding;
    kv.window = sliding > 0 ? m.slidingWindow : 0;
    return kv;
}

namespace {

// Peak activation memory of vLLM's profiling run: one forward pass over max_num_batched_tokens tokens
// (largest live tensors: fused QKV output, gate/up MLP output, residual + normed hidden states) plus the
// sampler's fp32 logits and probabilities for max_num_seqs sequences.
double activationBytes(const ModelArchitecture &m, const ServerConfig &s, int tp)
{
    const int headDim =
        m.headDim > 0 ? m.headDim : (m.numAttentionHeads > 0 ? m.hiddenSize / m.numAttentionHeads : 0);
    const double qkv = double(m.numAttentionHeads + 2 * m.numKeyValueHeads) * headDim / tp;
    double mlp = 2.0 * m.intermediateSize / tp;
    if (m.numExperts > 0) {
        const int width = m.moeIntermediateSize > 0 ? m.moeIntermediateSize : m.intermediateSize;
        mlp = 2.0 * width * (m.expertsPerToken + m.numSharedExperts) / tp;
    }
    const double perToken = (qkv + mlp + 4.0 * m.hiddenSize) * k16Bit;
    const double logits = 2.0 * s.maxNumSeqs * double(m.vocabSize) * kFp32;
    return s.maxNumBatchedTokens * perToken + logits;
}

struct Fit
{
    double kvBytes = 0;
    double activations = 0;
    double weightsPerChip = 0;
    double usable = 0;
};

Fit fitOn(const ModelArchitecture &m, const WeightBytes &w, const Accelerator &acc, const ServerConfig &s,
          int tp)
{
    Fit f;
    f.usable = s.memoryUtilization * acc.memoryGB * kGB;
    f.weightsPerChip = w.total / tp;
    f.activations = s.overheadInsideBudget ? 0 : activationBytes(m, s, tp);
    const double runtime = s.overheadInsideBudget ? 0 : s.runtimeOverheadGB * kGB;
    f.kvBytes = f.usable - f.weightsPerChip - f.activations - runtime;
    if (s.fractionOfFreeMemory) { // kv_cache_free_gpu_mem_fraction of what the weights and buffers leave
        f.activations = 0;
        f.kvBytes = s.memoryUtilization * (acc.memoryGB * kGB - f.weightsPerChip - runtime);
        if (f.weightsPerChip + runtime > f.usable)
            f.kvBytes = std::min(f.kvBytes, 0.0);
    }
    return f;
}

QString gb(double bytes)
{
    return QString::number(bytes / kGB, 'f', 1);
}

} // namespace

MemoryPlan planMemory(const ModelArchitecture &m, const QString &precision, const Accelerator &acc, int count,
                      const ServerConfig &server)
{
    MemoryPlan plan;
    plan.precision = precision.toLower();
    plan.tensorParallel = std::max(1, count);
    plan.server = server;
    plan.memoryPerChipGB = acc.memoryGB;
    const int tp = plan.tensorParallel;
    if (!std::isfinite(bytesPerWeight(plan.precision))) {
        plan.reason = QStringLiteral("unknown precision \"%1\"; use one of: %2")
                          .arg(precision, supportedPrecisions().join(QStringLiteral(", ")));
        return plan;
    }
    if (!isKnown(acc.memoryGB) || acc.memoryGB <= 0) {
        plan.reason = QStringLiteral("%1 has no memory size in the reference data").arg(acc.gkeLabel);
        return plan;
    }
    if (m.numLayers <= 0 || m.hiddenSize <= 0 || m.totalParamsB <= 0) {
        plan.reason = QStringLiteral("model %1 lacks layer count, hidden size or parameter count").arg(m.id);
        return plan;
    }
    const WeightBytes w = weightBytes(m, plan.precision);
    const Fit fit = fitOn(m, w, acc, server, tp);
    plan.weightsGB = w.total / kGB;
    plan.weightsPerChipGB = fit.weightsPerChip / kGB;
    plan.usableGB = fit.usable / kGB;
    plan.activationsPerChipGB = fit.activations / kGB;
    plan.runtimeOverheadGB = server.overheadInsideBudget ? 0 : server.runtimeOverheadGB;
    plan.kvPerToken = kvBytesPerToken(m, tp);

    // Smallest power-of-two TP size (dividing the attention heads) whose KV budget is positive.
    for (int n = 1; n <= 16; n *= 2) {
        if (m.numAttentionHeads % n != 0)
            continue;
        if (fitOn(m, w, acc, server, n).kvBytes > 0) {
            plan.minAcceleratorCount = n;
            break;
        }
    }
    if (m.numAttentionHeads % tp != 0) {
        plan.reason = QStringLiteral("%1 attention heads cannot be split over %2 accelerators (tensor "
                                     "parallelism needs a divisor)")
                          .arg(m.numAttentionHeads)
                          .arg(tp);
        return plan;
    }
    if (fit.kvBytes <= 0) {
        const QString memory = QString::number(acc.memoryGB, 'g', 6);
        const QString where = tp == 1
                                  ? QStringLiteral("1× %1 (%2 GB)").arg(acc.gkeLabel, memory)
                                  : QStringLiteral("%1× %2 (%3 GB each)").arg(tp).arg(acc.gkeLabel, memory);
        const QString needs =
            plan.minAcceleratorCount > 0
                ? QStringLiteral("needs ≥ %1 with tensor parallelism").arg(plan.minAcceleratorCount)
                : QStringLiteral("does not fit even 16 with tensor parallelism");
        if (fit.weightsPerChip > fit.usable)
            plan.reason = QStringLiteral("%1 GB of %2 weights do not fit in %3; %4")
                              .arg(gb(w.total), plan.precision, where, needs);
        else
            plan.reason =
                QStringLiteral(
                    "%1 GB of %2 weights fit in %3 but leave no room for the KV cache after "
                    "%4 GB of activations and runtime overhead per chip (memory utilisation %5); %6")
                    .arg(gb(w.total), plan.precision, where,
                         gb(fit.activations + plan.runtimeOverheadGB * kGB))
                    .arg(server.memoryUtilization)
                    .arg(needs);
        return plan;
    }
    plan.kvCachePerChipGB = fit.kvBytes / kGB;
    const qint64 bs = std::max(1, server.blockSize);
    plan.kvCacheTokens = qint64(fit.kvBytes / plan.kvPerToken.total()) / bs * bs;
    plan.feasible = true;
    return plan;
}

} // namespace iq
