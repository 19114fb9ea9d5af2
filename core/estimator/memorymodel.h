#pragma once
// Memory model: weights by precision, KV cache per token, the server's memory budget and overheads, and
// with them the KV-cache capacity (and the largest batch) of one model replica. Pure functions; every
// constant is explained in docs/estimator.md ("Memory").

#include "domain.h"
#include "modelarchitecture.h"

#include <QString>

namespace iq {

// Bytes per weight of a precision. "mxfp4"/"fp4": 4 bits + one 8-bit scale per 32 weights = 4.25 bits.
// Returns NaN for an unknown name.
double bytesPerWeight(const QString &precision);
QStringList supportedPrecisions(); // bf16, fp16, fp8, int8, fp4, mxfp4

// The model server's scheduler and memory settings (its defaults for the hardware).
struct ServerConfig
{
    QString name;                      // "vllm", "sglang", "vllm-tpu"
    double memoryUtilization = 0.9;    // vLLM gpu_memory_utilization / SGLang mem_fraction_static
    bool overheadInsideBudget = false; // SGLang: activations and graphs live in the 1 - fraction left over
    bool fractionOfFreeMemory = false; // TensorRT-LLM: KV = fraction x (memory - weights - runtime buffers)
    int maxNumSeqs = 256;
    int maxNumBatchedTokens = 2048;
    int blockSize = 16;             // KV-cache page size in tokens
    double runtimeOverheadGB = 1.0; // per chip: CUDA context, graphs, NCCL buffers (docs/estimator.md)
};

QStringList supportedModelServers(bool tpu); // {"vllm","sglang"} or {"vllm-tpu"}
// nullopt-like: ok=false with *error when the server does not run on the accelerator.
bool defaultServerConfig(const QString &server, const Accelerator &accelerator, int acceleratorCount,
                         ServerConfig *out, QString *error);

// Weight bytes of a model at a precision (whole model, all chips).
struct WeightBytes
{
    double total = 0;     // bytes
    double expert = 0;    // routed-expert share of total (MoE), bytes
    double embedding = 0; // input embedding + untied lm_head, kept at 16 bits when quantised
};
WeightBytes weightBytes(const ModelArchitecture &model, const QString &precision);

// KV cache bytes per token of context, per chip, split by attention kind (BF16 cache).
struct KvBytesPerToken
{
    double fullAttention = 0; // layers that keep every token
    double slidingWindow = 0; // layers that keep at most `window` tokens
    int window = 0;
    double total() const { return fullAttention + slidingWindow; }
};
KvBytesPerToken kvBytesPerToken(const ModelArchitecture &model, int tensorParallel);
// KV bytes (per chip) a sequence of `tokens` occupies, in blocks of `blockSize` tokens (inline: the
// simulator calls it for every scheduled sequence of every step).
inline double kvBytesForTokens(const KvBytesPerToken &kv, qint64 tokens, int blockSize)
{
    const qint64 bs = blockSize > 1 ? blockSize : 1;
    const qint64 rounded = (tokens + bs - 1) / bs * bs;
    double bytes = double(rounded) * kv.fullAttention;
    if (kv.slidingWindow > 0) { // tokens outside the window are freed block by block
        const qint64 cap = qint64(kv.window) + bs;
        bytes += double(rounded < cap ? rounded : cap) * kv.slidingWindow;
    }
    return bytes;
}

struct MemoryPlan
{
    bool feasible = false;
    QString reason;              // why not, with numbers
    int minAcceleratorCount = 0; // smallest tensor-parallel size that fits (0 = none up to 16)
    QString precision;
    int tensorParallel = 1;
    double memoryPerChipGB = 0;
    double usableGB = 0;  // memoryUtilization x memory per chip
    double weightsGB = 0; // whole model
    double weightsPerChipGB = 0;
    double activationsPerChipGB = 0; // peak activations of the largest step + sampler logits
    double runtimeOverheadGB = 0;
    double kvCachePerChipGB = 0;
    KvBytesPerToken kvPerToken;   // per chip
    qint64 kvCacheTokens = 0;     // capacity with no sliding-window saving
    int maxBatchAtMeanLength = 0; // sequences that fit at the workload's mean context (0 = not computed)
    ServerConfig server;
};

// The whole plan for one replica: `acceleratorCount` chips in tensor parallelism.
MemoryPlan planMemory(const ModelArchitecture &model, const QString &precision,
                      const Accelerator &accelerator, int acceleratorCount, const ServerConfig &server);

} // namespace iq
