#pragma once
// The architecture facts the estimator needs about one model, read from resources/estimator/models.yaml or
// from a Hugging Face config.json. All counts are per model (not per shard).

#include <QString>
#include <QStringList>

namespace iq {

struct ModelArchitecture
{
    QString id;           // "meta-llama/Llama-3.1-8B-Instruct", or the config file name
    QString architecture; // HF "architectures"[0], e.g. "LlamaForCausalLM"
    int hiddenSize = 0;
    int numLayers = 0;
    int numAttentionHeads = 0;
    int numKeyValueHeads = 0;
    int headDim = 0;
    int intermediateSize = 0; // dense MLP width (or per-expert width for MoE layers)
    int vocabSize = 0;
    int maxPositionEmbeddings = 0;
    bool tieWordEmbeddings = false;

    // Mixture of experts (0 = dense).
    int numExperts = 0;
    int expertsPerToken = 0;
    int numSharedExperts = 0;
    int moeIntermediateSize = 0; // per-expert MLP width when it differs from intermediateSize
    int numDenseLayers = 0;      // leading dense layers in an otherwise MoE model (DeepSeek)

    // Attention variants.
    int slidingWindow = 0;             // tokens, 0 = none
    int numSlidingLayers = 0;          // layers that use the sliding window
    bool multiLatentAttention = false; // DeepSeek MLA: KV cache holds the compressed latent
    int kvLoraRank = 0;                // MLA latent width
    int qkRopeHeadDim = 0;             // MLA decoupled RoPE key width

    // Parameters (billions) and weights as the checkpoint ships them.
    double totalParamsB = 0;
    double activeParamsB = 0;
    QString nativePrecision;  // "bf16", "fp8", "mxfp4"
    double expertParamsB = 0; // share of totalParamsB that sits in routed experts

    QStringList sources;

    // ---- Added by the facts layer (additive; everything above keeps its meaning). ----
    // MoE: moeIntermediateSize is ALWAYS set (> 0) for MoE models, also when it equals intermediateSize
    // (Mixtral, gpt-oss), so readers can use it without a fallback. numDenseLayers counts every layer with a
    // dense MLP in an MoE model, leading (DeepSeek first_k_dense_replace) or interleaved (Llama 4
    // interleave_moe_layer_step > 1); those layers use intermediateSize.
    int sharedExpertIntermediateSize = 0; // width of ONE shared expert; 0 = moeIntermediateSize
    bool attentionBias = false;           // q/k/v (and o for gpt-oss) carry biases (Qwen2, gpt-oss)
    int attentionChunkSize = 0;           // Llama 4 chunked local attention (tokens), on numSlidingLayers
                                          // layers; KV of those layers is capped like a sliding window
    // MLA details (DeepSeek-V3/R1); KV cache per token per layer = kvLoraRank + qkRopeHeadDim elements.
    int qLoraRank = 0;
    int qkNopeHeadDim = 0;
    int vHeadDim = 0;
    int numMtpLayers = 0; // DeepSeek multi-token-prediction modules (not in totalParamsB)
    // Weights outside the routed experts when the checkpoint quantises only the experts (gpt-oss MXFP4
    // experts, BF16 attention/router/embeddings/lm_head). Empty = same as nativePrecision.
    QString nonExpertPrecision;
    double embeddingParamsB = 0; // input embedding table (+ lm_head when untied), included in totals
    QString notes;               // provenance notes (which values were derived and how)

    // Layers whose KV cache grows with the context (full attention).
    int fullAttentionLayers() const { return numLayers - numSlidingLayers; }
    bool isMoe() const { return numExperts > 0; }
};

} // namespace iq
