#include "hfconfig.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QJsonValue>
#include <QSet>

#include <cmath>
#include <optional>

namespace iq {

namespace {

// Upper bounds that no real model reaches; larger values are treated as corrupt input, not as a model.
constexpr qint64 kMaxHidden = 1000000;
constexpr qint64 kMaxLayers = 10000;
constexpr qint64 kMaxHeads = 100000;
constexpr qint64 kMaxHeadDim = 65536;
constexpr qint64 kMaxIntermediate = 10000000;
constexpr qint64 kMaxVocab = 100000000;
constexpr qint64 kMaxPositions = 1000000000;
constexpr qint64 kMaxExperts = 1000000;

QString typeName(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return QStringLiteral("a boolean");
    case QJsonValue::Double:
        return QStringLiteral("a number");
    case QJsonValue::String:
        return QStringLiteral("a string");
    case QJsonValue::Array:
        return QStringLiteral("an array");
    case QJsonValue::Object:
        return QStringLiteral("an object");
    case QJsonValue::Undefined:
        break;
    }
    return QStringLiteral("undefined");
}

// Reads typed fields of one JSON object; the first problem is kept and later reads become no-ops.
class FieldReader
{
public:
    FieldReader(const QJsonObject &obj, const QString &prefix, QString *error)
        : m_obj(obj)
        , m_prefix(prefix)
        , m_error(error)
    {}

    bool failed() const { return !m_error->isEmpty(); }
    bool has(const QString &key) const { return m_obj.contains(key) && !m_obj.value(key).isNull(); }
    QJsonValue value(const QString &key) const { return m_obj.value(key); }
    QString path(const QString &key) const { return m_prefix + key; }

    void fail(const QString &message)
    {
        if (m_error->isEmpty())
            *m_error = message;
    }

    // An integer in [min, max]. Missing (or null): error when required, else fallback.
    int integer(const QString &key, qint64 min, qint64 max, std::optional<int> fallback = std::nullopt)
    {
        if (failed())
            return 0;
        if (!has(key)) {
            if (fallback)
                return *fallback;
            fail(QStringLiteral("missing required field %1").arg(path(key)));
            return 0;
        }
        const QJsonValue v = m_obj.value(key);
        if (!v.isDouble()) {
            fail(QStringLiteral("field %1 must be an integer, got %2").arg(path(key), typeName(v)));
            return 0;
        }
        const double d = v.toDouble();
        if (!std::isfinite(d) || d != std::floor(d)) {
            fail(QStringLiteral("field %1 must be an integer, got %2").arg(path(key)).arg(d));
            return 0;
        }
        if (d < double(min) || d > double(max)) {
            fail(QStringLiteral("field %1 = %2 is out of range (%3..%4)")
                     .arg(path(key))
                     .arg(d, 0, 'g', 12)
                     .arg(min)
                     .arg(max));
            return 0;
        }
        return int(d);
    }

    bool boolean(const QString &key, bool fallback)
    {
        if (failed() || !has(key))
            return fallback;
        const QJsonValue v = m_obj.value(key);
        if (!v.isBool()) {
            fail(QStringLiteral("field %1 must be true or false, got %2").arg(path(key), typeName(v)));
            return fallback;
        }
        return v.toBool();
    }

    QString string(const QString &key, bool required)
    {
        if (failed())
            return {};
        if (!has(key)) {
            if (required)
                fail(QStringLiteral("missing required field %1").arg(path(key)));
            return {};
        }
        const QJsonValue v = m_obj.value(key);
        if (!v.isString()) {
            fail(QStringLiteral("field %1 must be a string, got %2").arg(path(key), typeName(v)));
            return {};
        }
        return v.toString();
    }

    // Optional array of integers (e.g. mlp_only_layers); each must lie in [min, max].
    QList<int> intArray(const QString &key, qint64 min, qint64 max)
    {
        QList<int> out;
        if (failed() || !has(key))
            return out;
        const QJsonValue v = m_obj.value(key);
        if (!v.isArray()) {
            fail(QStringLiteral("field %1 must be an array, got %2").arg(path(key), typeName(v)));
            return out;
        }
        const QJsonArray a = v.toArray();
        for (qsizetype i = 0; i < a.size(); ++i) {
            const double d = a.at(i).toDouble(std::nan(""));
            if (!a.at(i).isDouble() || !std::isfinite(d) || d != std::floor(d) || d < double(min) ||
                d > double(max)) {
                fail(QStringLiteral("field %1[%2] must be an integer in %3..%4")
                         .arg(path(key))
                         .arg(i)
                         .arg(min)
                         .arg(max));
                return {};
            }
            out.append(int(d));
        }
        return out;
    }

    QStringList stringArray(const QString &key)
    {
        QStringList out;
        if (failed() || !has(key))
            return out;
        const QJsonValue v = m_obj.value(key);
        if (!v.isArray()) {
            fail(QStringLiteral("field %1 must be an array, got %2").arg(path(key), typeName(v)));
            return out;
        }
        const QJsonArray a = v.toArray();
        for (qsizetype i = 0; i < a.size(); ++i) {
            if (!a.at(i).isString()) {
                fail(QStringLiteral("field %1[%2] must be a string, got %3")
                         .arg(path(key))
                         .arg(i)
                         .arg(typeName(a.at(i))));
                return {};
            }
            out.append(a.at(i).toString());
        }
        return out;
    }

private:
    QJsonObject m_obj;
    QString m_prefix;
    QString *m_error;
};

enum class Family {
    Llama,
    Mistral,
    Qwen2,
    Qwen3,
    Qwen3Moe,
    Mixtral,
    Gemma2,
    Gemma3Text,
    Gemma3Mm,
    DeepseekV3,
    GptOss,
    Llama4
};

struct ArchEntry
{
    const char *name;
    Family family;
};

constexpr ArchEntry kArchitectures[] = {
    {"LlamaForCausalLM", Family::Llama},
    {"MistralForCausalLM", Family::Mistral},
    {"Qwen2ForCausalLM", Family::Qwen2},
    {"Qwen3ForCausalLM", Family::Qwen3},
    {"Qwen3MoeForCausalLM", Family::Qwen3Moe},
    {"MixtralForCausalLM", Family::Mixtral},
    {"Gemma2ForCausalLM", Family::Gemma2},
    {"Gemma3ForCausalLM", Family::Gemma3Text},
    {"Gemma3ForConditionalGeneration", Family::Gemma3Mm},
    {"DeepseekV3ForCausalLM", Family::DeepseekV3},
    {"GptOssForCausalLM", Family::GptOss},
    {"Llama4ForConditionalGeneration", Family::Llama4},
};

// torch_dtype / dtype value -> precision name.
std::optional<QString> dtypePrecision(const QString &dtype)
{
    if (dtype == QLatin1String("bfloat16"))
        return QStringLiteral("bf16");
    if (dtype == QLatin1String("float16") || dtype == QLatin1String("half"))
        return QStringLiteral("fp16");
    if (dtype == QLatin1String("float32") || dtype == QLatin1String("float"))
        return QStringLiteral("fp32");
    return std::nullopt;
}

// Counts layers of a kind in a layer_types list ("sliding_attention", "chunked_attention", "full_attention").
int countLocalLayers(const QStringList &types) // sliding or chunked
{
    int n = 0;
    for (const QString &t : types)
        if (t == QLatin1String("sliding_attention") || t == QLatin1String("chunked_attention"))
            ++n;
    return n;
}

void readModel(const QJsonObject &root, const QString &name, HfConfigResult *result)
{
    QString err;
    ModelArchitecture &m = result->model;
    FieldReader top(root, QString(), &err);

    // architectures[0]
    if (!top.has(QStringLiteral("architectures"))) {
        result->error = name + QStringLiteral(": missing required field architectures");
        return;
    }
    const QJsonValue archValue = root.value(QStringLiteral("architectures"));
    if (!archValue.isArray() || archValue.toArray().isEmpty() || !archValue.toArray().at(0).isString()) {
        result->error = name +
                        QStringLiteral(": field architectures must be a non-empty array of strings, got ") +
                        typeName(archValue);
        return;
    }
    m.architecture = archValue.toArray().at(0).toString();
    std::optional<Family> family;
    for (const ArchEntry &e : kArchitectures)
        if (m.architecture == QLatin1String(e.name))
            family = e.family;
    if (!family) {
        result->error =
            name + QStringLiteral(": unsupported architecture %1; supported: %2")
                       .arg(m.architecture, supportedHfArchitectures().join(QStringLiteral(", ")));
        return;
    }

    // _name_or_path only names the model; when absent or not a string the file name does.
    const QJsonValue nameOrPath = root.value(QStringLiteral("_name_or_path"));
    m.id = nameOrPath.isString() && !nameOrPath.toString().isEmpty() ? nameOrPath.toString() : name;

    // Multimodal wrappers keep the language model in text_config.
    QJsonObject textObj = root;
    QString prefix;
    if (*family == Family::Gemma3Mm || *family == Family::Llama4) {
        const QJsonValue tc = root.value(QStringLiteral("text_config"));
        if (tc.isUndefined() || tc.isNull()) {
            result->error = name + QStringLiteral(": missing required field text_config");
            return;
        }
        if (!tc.isObject()) {
            result->error =
                name + QStringLiteral(": field text_config must be an object, got ") + typeName(tc);
            return;
        }
        textObj = tc.toObject();
        prefix = QStringLiteral("text_config.");
    }
    FieldReader f(textObj, prefix, &err);
    QStringList defaultsUsed;
    auto withDefault = [&](const QString &key, int value) -> std::optional<int> {
        if (!f.has(key))
            defaultsUsed << QStringLiteral("%1=%2").arg(f.path(key)).arg(value);
        return value;
    };

    const bool gemma2 = *family == Family::Gemma2;
    const bool gemma3 = *family == Family::Gemma3Text || *family == Family::Gemma3Mm;

    m.hiddenSize = f.integer(QStringLiteral("hidden_size"), 1, kMaxHidden);
    m.numLayers = f.integer(QStringLiteral("num_hidden_layers"), 1, kMaxLayers);
    m.numAttentionHeads = f.integer(QStringLiteral("num_attention_heads"), 1, kMaxHeads);
    if (f.failed()) {
        result->error = name + QStringLiteral(": ") + err;
        return;
    }
    // Documented HF semantics: a missing num_key_value_heads means multi-head attention (= heads).
    m.numKeyValueHeads = f.integer(QStringLiteral("num_key_value_heads"), 1, kMaxHeads, m.numAttentionHeads);
    if (!f.failed() && m.numAttentionHeads % m.numKeyValueHeads != 0)
        f.fail(QStringLiteral("field %1 = %2 does not divide num_attention_heads = %3")
                   .arg(f.path(QStringLiteral("num_key_value_heads")))
                   .arg(m.numKeyValueHeads)
                   .arg(m.numAttentionHeads));
    // head_dim: missing means hidden_size / heads (HF default), which must then divide exactly.
    if (gemma2) {
        m.headDim = f.integer(QStringLiteral("head_dim"), 1, kMaxHeadDim,
                              withDefault(QStringLiteral("head_dim"), 256));
    } else if (f.has(QStringLiteral("head_dim"))) {
        m.headDim = f.integer(QStringLiteral("head_dim"), 1, kMaxHeadDim);
    } else if (!f.failed() && *family != Family::DeepseekV3) {
        if (m.hiddenSize % m.numAttentionHeads != 0)
            f.fail(QStringLiteral(
                       "missing field %1 and hidden_size %2 is not divisible by num_attention_heads %3")
                       .arg(f.path(QStringLiteral("head_dim")))
                       .arg(m.hiddenSize)
                       .arg(m.numAttentionHeads));
        else
            m.headDim = m.hiddenSize / m.numAttentionHeads;
    }

    if (gemma2) {
        m.vocabSize = f.integer(QStringLiteral("vocab_size"), 1, kMaxVocab,
                                withDefault(QStringLiteral("vocab_size"), 256000));
        m.maxPositionEmbeddings = f.integer(QStringLiteral("max_position_embeddings"), 1, kMaxPositions,
                                            withDefault(QStringLiteral("max_position_embeddings"), 8192));
    } else if (gemma3) {
        m.vocabSize = f.integer(QStringLiteral("vocab_size"), 1, kMaxVocab,
                                withDefault(QStringLiteral("vocab_size"), 262208));
        m.maxPositionEmbeddings = f.integer(QStringLiteral("max_position_embeddings"), 1, kMaxPositions,
                                            withDefault(QStringLiteral("max_position_embeddings"), 131072));
    } else {
        m.vocabSize = f.integer(QStringLiteral("vocab_size"), 1, kMaxVocab);
        m.maxPositionEmbeddings = f.integer(QStringLiteral("max_position_embeddings"), 1, kMaxPositions);
    }
    // Class defaults of transformers: Gemma ties the lm_head to the embeddings, the others do not.
    const bool tieDefault = gemma2 || gemma3;
    if (!f.has(QStringLiteral("tie_word_embeddings")) && !top.has(QStringLiteral("tie_word_embeddings")))
        defaultsUsed << QStringLiteral("tie_word_embeddings=%1")
                            .arg(tieDefault ? QStringLiteral("true") : QStringLiteral("false"));
    m.tieWordEmbeddings = f.boolean(QStringLiteral("tie_word_embeddings"),
                                    top.boolean(QStringLiteral("tie_word_embeddings"), tieDefault));
    if (top.failed())
        f.fail(err);

    switch (*family) {
    case Family::Qwen2:
        m.attentionBias = true; // Qwen2 always has q/k/v biases
        break;
    case Family::GptOss:
    case Family::Llama:
    case Family::Mistral:
    case Family::Qwen3:
    case Family::Qwen3Moe:
        m.attentionBias = f.boolean(QStringLiteral("attention_bias"), *family == Family::GptOss);
        break;
    default:
        break;
    }

    // MLP / experts.
    const int L = m.numLayers;
    switch (*family) {
    case Family::Llama:
    case Family::Mistral:
    case Family::Qwen2:
    case Family::Qwen3:
    case Family::Gemma2:
    case Family::Gemma3Text:
    case Family::Gemma3Mm:
        m.intermediateSize = f.integer(QStringLiteral("intermediate_size"), 1, kMaxIntermediate);
        break;
    case Family::Mixtral:
    case Family::GptOss: {
        m.intermediateSize = f.integer(QStringLiteral("intermediate_size"), 1, kMaxIntermediate);
        m.moeIntermediateSize = m.intermediateSize;
        m.numExperts = f.integer(QStringLiteral("num_local_experts"), 1, kMaxExperts);
        const QString k = *family == Family::GptOss && !f.has(QStringLiteral("num_experts_per_tok"))
                              ? QStringLiteral("experts_per_token")
                              : QStringLiteral("num_experts_per_tok");
        m.expertsPerToken = f.integer(k, 1, kMaxExperts);
        break;
    }
    case Family::Qwen3Moe: {
        m.numExperts = f.integer(QStringLiteral("num_experts"), 1, kMaxExperts);
        m.expertsPerToken = f.integer(QStringLiteral("num_experts_per_tok"), 1, kMaxExperts);
        m.moeIntermediateSize = f.integer(QStringLiteral("moe_intermediate_size"), 1, kMaxIntermediate);
        const int step = f.integer(QStringLiteral("decoder_sparse_step"), 1, kMaxLayers, 1);
        const QList<int> mlpOnlyList = f.intArray(QStringLiteral("mlp_only_layers"), 0, qint64(L) - 1);
        const QSet<int> mlpOnly(mlpOnlyList.begin(), mlpOnlyList.end());
        int moeLayers = 0;
        for (int i = 0; i < L && !f.failed(); ++i)
            if (!mlpOnly.contains(i) && (i + 1) % step == 0)
                ++moeLayers;
        m.numDenseLayers = L - moeLayers;
        // intermediate_size only matters for dense layers; required then.
        m.intermediateSize = f.integer(QStringLiteral("intermediate_size"), 1, kMaxIntermediate,
                                       m.numDenseLayers > 0 ? std::nullopt : std::optional<int>(0));
        break;
    }
    case Family::DeepseekV3: {
        m.intermediateSize = f.integer(QStringLiteral("intermediate_size"), 1, kMaxIntermediate);
        m.numExperts = f.integer(QStringLiteral("n_routed_experts"), 1, kMaxExperts);
        m.expertsPerToken = f.integer(QStringLiteral("num_experts_per_tok"), 1, kMaxExperts);
        m.numSharedExperts = f.integer(QStringLiteral("n_shared_experts"), 0, kMaxExperts, 0);
        m.moeIntermediateSize = f.integer(QStringLiteral("moe_intermediate_size"), 1, kMaxIntermediate);
        const int firstDense = f.integer(QStringLiteral("first_k_dense_replace"), 0, L, 0);
        const int freq = f.integer(QStringLiteral("moe_layer_freq"), 1, kMaxLayers, 1);
        int moeLayers = 0;
        for (int i = firstDense; i < L && !f.failed(); ++i)
            if (i % freq == 0)
                ++moeLayers;
        m.numDenseLayers = L - moeLayers;
        m.multiLatentAttention = true;
        m.qLoraRank = f.has(QStringLiteral("q_lora_rank"))
                          ? f.integer(QStringLiteral("q_lora_rank"), 1, kMaxHidden)
                          : 0;
        m.kvLoraRank = f.integer(QStringLiteral("kv_lora_rank"), 1, kMaxHidden);
        m.qkNopeHeadDim = f.integer(QStringLiteral("qk_nope_head_dim"), 0, kMaxHeadDim);
        m.qkRopeHeadDim = f.integer(QStringLiteral("qk_rope_head_dim"), 1, kMaxHeadDim);
        m.vHeadDim = f.integer(QStringLiteral("v_head_dim"), 1, kMaxHeadDim);
        m.numMtpLayers = f.integer(QStringLiteral("num_nextn_predict_layers"), 0, kMaxLayers, 0);
        m.headDim = m.qkNopeHeadDim + m.qkRopeHeadDim; // query/key width
        break;
    }
    case Family::Llama4: {
        m.moeIntermediateSize = f.integer(QStringLiteral("intermediate_size"), 1, kMaxIntermediate);
        m.intermediateSize = f.integer(QStringLiteral("intermediate_size_mlp"), 1, kMaxIntermediate);
        m.numExperts = f.integer(QStringLiteral("num_local_experts"), 1, kMaxExperts);
        m.expertsPerToken = f.integer(QStringLiteral("num_experts_per_tok"), 1, kMaxExperts);
        m.numSharedExperts = 1; // Llama 4 MoE layers always add one shared expert of intermediate_size
        m.sharedExpertIntermediateSize = m.moeIntermediateSize;
        int moeLayers = 0;
        if (f.has(QStringLiteral("moe_layers"))) {
            const QList<int> moe = f.intArray(QStringLiteral("moe_layers"), 0, qint64(L) - 1);
            moeLayers = int(QSet<int>(moe.begin(), moe.end()).size());
        } else {
            const int step = f.integer(QStringLiteral("interleave_moe_layer_step"), 1, kMaxLayers, 1);
            for (int i = 0; i < L && !f.failed(); ++i) // step >= 1 when the read succeeded
                if ((i + 1) % step == 0)
                    ++moeLayers;
        }
        m.numDenseLayers = L - moeLayers;
        break;
    }
    }
    if (!f.failed() && m.numExperts > 0 && m.expertsPerToken > m.numExperts)
        f.fail(QStringLiteral("experts per token (%1) exceeds the number of experts (%2)")
                   .arg(m.expertsPerToken)
                   .arg(m.numExperts));

    // Sliding / chunked attention.
    if (!f.failed()) {
        const QStringList layerTypes = f.stringArray(QStringLiteral("layer_types"));
        if (!f.failed() && !layerTypes.isEmpty() && layerTypes.size() != L)
            f.fail(QStringLiteral("field %1 has %2 entries, num_hidden_layers is %3")
                       .arg(f.path(QStringLiteral("layer_types")))
                       .arg(layerTypes.size())
                       .arg(L));
        switch (*family) {
        case Family::Gemma2:
            m.slidingWindow = f.integer(QStringLiteral("sliding_window"), 1, kMaxPositions,
                                        withDefault(QStringLiteral("sliding_window"), 4096));
            // transformers Gemma2: layer i slides when (i + 1) is odd.
            m.numSlidingLayers = layerTypes.isEmpty() ? (L + 1) / 2 : countLocalLayers(layerTypes);
            break;
        case Family::Gemma3Text:
        case Family::Gemma3Mm: {
            m.slidingWindow = f.integer(QStringLiteral("sliding_window"), 1, kMaxPositions);
            const int pattern =
                f.integer(QStringLiteral("sliding_window_pattern"), 1, kMaxLayers,
                          layerTypes.isEmpty() ? withDefault(QStringLiteral("sliding_window_pattern"), 6)
                                               : std::optional<int>(6));
            // transformers Gemma3: layer i is full attention when (i + 1) % pattern == 0.
            if (!f.failed()) // pattern >= 1 when the read succeeded
                m.numSlidingLayers = layerTypes.isEmpty() ? L - L / pattern : countLocalLayers(layerTypes);
            break;
        }
        case Family::GptOss:
            m.slidingWindow = f.integer(QStringLiteral("sliding_window"), 1, kMaxPositions);
            if (layerTypes.isEmpty())
                defaultsUsed << QStringLiteral("layer_types=alternating sliding/full");
            m.numSlidingLayers = layerTypes.isEmpty() ? (L + 1) / 2 : countLocalLayers(layerTypes);
            break;
        case Family::Llama4:
            m.attentionChunkSize = f.has(QStringLiteral("attention_chunk_size"))
                                       ? f.integer(QStringLiteral("attention_chunk_size"), 1, kMaxPositions)
                                       : 0;
            if (m.attentionChunkSize > 0 && !layerTypes.isEmpty()) {
                m.numSlidingLayers = countLocalLayers(layerTypes);
            } else if (m.attentionChunkSize > 0 && f.has(QStringLiteral("no_rope_layers"))) {
                // RoPE layers (1) use chunked attention, NoPE layers (0) attend globally.
                const QList<int> rope = f.intArray(QStringLiteral("no_rope_layers"), 0, 1);
                if (!f.failed() && rope.size() != L)
                    f.fail(QStringLiteral("field %1 has %2 entries, num_hidden_layers is %3")
                               .arg(f.path(QStringLiteral("no_rope_layers")))
                               .arg(rope.size())
                               .arg(L));
                m.numSlidingLayers = int(rope.count(1));
            } else if (m.attentionChunkSize > 0) {
                defaultsUsed << QStringLiteral(
                    "chunked layers unknown: all layers counted as full attention");
            }
            break;
        case Family::Mistral:
        case Family::Mixtral:
        case Family::Qwen3:
        case Family::Qwen3Moe:
        case Family::Llama:
        case Family::DeepseekV3:
        case Family::Qwen2: {
            bool useWindow = *family != Family::Llama && *family != Family::DeepseekV3;
            if (*family == Family::Qwen2 || *family == Family::Qwen3 || *family == Family::Qwen3Moe)
                useWindow = f.boolean(QStringLiteral("use_sliding_window"), false);
            if (useWindow && f.has(QStringLiteral("sliding_window"))) {
                m.slidingWindow = f.integer(QStringLiteral("sliding_window"), 1, kMaxPositions);
                if (!layerTypes.isEmpty()) {
                    m.numSlidingLayers = countLocalLayers(layerTypes);
                } else if (*family == Family::Qwen2 || *family == Family::Qwen3 ||
                           *family == Family::Qwen3Moe) {
                    // transformers Qwen2/3: layers from max_window_layers on use the window.
                    const int maxWindow = f.integer(QStringLiteral("max_window_layers"), 0, L);
                    m.numSlidingLayers = L - maxWindow;
                } else {
                    m.numSlidingLayers = L; // Mistral/Mixtral: every layer
                }
            }
            if (m.numSlidingLayers == 0)
                m.slidingWindow = 0;
            break;
        }
        }
    }

    // Precision: torch_dtype (or dtype), then quantization_config.
    if (!f.failed()) {
        QString dtype;
        for (FieldReader *r : {&f, &top}) {
            for (const QString &key : {QStringLiteral("torch_dtype"), QStringLiteral("dtype")}) {
                if (dtype.isEmpty() && r->has(key)) {
                    dtype = r->string(key, true);
                    if (!r->failed() && !dtypePrecision(dtype))
                        r->fail(QStringLiteral("field %1 has unsupported value \"%2\"; supported: bfloat16, "
                                               "float16, float32")
                                    .arg(r->path(key), dtype));
                    if (r->failed())
                        break;
                }
            }
        }
        if (top.failed())
            f.fail(err);
        if (!f.failed() && dtype.isEmpty())
            f.fail(QStringLiteral("missing required field torch_dtype"));
        if (!f.failed())
            m.nativePrecision = *dtypePrecision(dtype);
    }
    if (!f.failed() && top.has(QStringLiteral("quantization_config"))) {
        const QJsonValue qv = root.value(QStringLiteral("quantization_config"));
        if (!qv.isObject()) {
            f.fail(QStringLiteral("field quantization_config must be an object, got ") + typeName(qv));
        } else {
            QString qerr;
            FieldReader q(qv.toObject(), QStringLiteral("quantization_config."), &qerr);
            const QString method = q.string(QStringLiteral("quant_method"), true);
            const QString base = m.nativePrecision;
            if (!q.failed()) {
                if (method == QLatin1String("fp8")) {
                    m.nativePrecision = QStringLiteral("fp8");
                } else if (method == QLatin1String("mxfp4")) {
                    m.nativePrecision = QStringLiteral("mxfp4");
                    m.nonExpertPrecision = base; // only the MoE experts are MXFP4
                    if (m.numExperts == 0)
                        q.fail(
                            QStringLiteral("quantization_config.quant_method mxfp4 on a dense model is not "
                                           "supported (MXFP4 applies to MoE experts)"));
                } else if (method == QLatin1String("gptq") || method == QLatin1String("awq")) {
                    const int bits = q.integer(QStringLiteral("bits"), 2, 8);
                    if (!q.failed() && bits != 4 && bits != 8)
                        q.fail(QStringLiteral("field quantization_config.bits = %1 is not supported (4 or 8)")
                                   .arg(bits));
                    m.nativePrecision = bits == 8 ? QStringLiteral("int8") : QStringLiteral("int4");
                } else {
                    q.fail(
                        QStringLiteral("unsupported quantization_config.quant_method \"%1\"; supported: fp8, "
                                       "mxfp4, gptq, awq")
                            .arg(method));
                }
            }
            if (q.failed())
                f.fail(qerr);
        }
    }

    if (f.failed()) {
        result->error = name + QStringLiteral(": ") + err;
        return;
    }
    if (!defaultsUsed.isEmpty())
        m.notes = QStringLiteral("transformers defaults applied for missing fields: ") +
                  defaultsUsed.join(QStringLiteral(", "));
    computeParameterCounts(&m);
    // Sanity of the whole: a config whose parameter count is beyond any model is corrupt, not a model.
    if (!(m.totalParamsB > 0) || m.totalParamsB > 1.0e5) {
        result->error = name + QStringLiteral(": implausible model size %1 B parameters computed from the "
                                              "config (check hidden_size, intermediate_size, num_experts)")
                                   .arg(m.totalParamsB, 0, 'g', 6);
        return;
    }
}

} // namespace

QStringList supportedHfArchitectures()
{
    QStringList out;
    for (const ArchEntry &e : kArchitectures)
        out << QLatin1String(e.name);
    return out;
}

// Parameter count (see docs/estimator-inputs.md):
//   embeddings V*H (+ V*H untied lm_head) + final norm H
//   + per layer: attention + norms + (dense gated MLP 3*H*I | MoE: router H*E + E experts 3*H*Imoe
//     + shared experts S*3*H*Ish)
// Attention: standard q/k/v/o = H*nh*hd + 2*H*nkv*hd + nh*hd*H (+ q/k/v biases nh*hd + 2*nkv*hd);
// MLA (DeepSeek): q_a H*qr + norm qr + q_b qr*nh*(nope+rope) (or H*nh*(nope+rope) without q_lora_rank),
//   kv_a H*(kvr+rope) + norm kvr, kv_b kvr*nh*(nope+v), o nh*v*H.
// Norms: 2*H per layer (Gemma 2/3: 4*H), + q/k norms 2*hd (Qwen3, Qwen3-MoE, Gemma 3).
// gpt-oss extras: o bias H, attention sinks nh, router bias E, expert biases 2*Imoe + H.
void computeParameterCounts(ModelArchitecture *model)
{
    ModelArchitecture &m = *model;
    const double H = m.hiddenSize, V = m.vocabSize, nh = m.numAttentionHeads, nkv = m.numKeyValueHeads,
                 hd = m.headDim, E = m.numExperts;
    const QString &a = m.architecture;
    const bool gemma = a.startsWith(QLatin1String("Gemma2")) || a.startsWith(QLatin1String("Gemma3"));
    const bool qkNorm = a.startsWith(QLatin1String("Qwen3")) || a.startsWith(QLatin1String("Gemma3"));
    const bool oss = a == QLatin1String("GptOssForCausalLM");

    double attention = 0;
    if (m.multiLatentAttention) {
        const double qk = m.qkNopeHeadDim + m.qkRopeHeadDim;
        attention +=
            m.qLoraRank > 0 ? H * m.qLoraRank + m.qLoraRank + double(m.qLoraRank) * nh * qk : H * nh * qk;
        attention += H * (m.kvLoraRank + m.qkRopeHeadDim) + m.kvLoraRank;
        attention += double(m.kvLoraRank) * nh * (m.qkNopeHeadDim + m.vHeadDim);
        attention += nh * m.vHeadDim * H;
    } else {
        attention = H * nh * hd + 2 * H * nkv * hd + nh * hd * H;
        if (m.attentionBias)
            attention += nh * hd + 2 * nkv * hd;
        if (oss)
            attention += H + nh; // o_proj bias, attention sinks
    }
    if (qkNorm)
        attention += 2 * hd;
    const double norms = (gemma ? 4 : 2) * H;
    const double embedding = V * H * (m.tieWordEmbeddings ? 1 : 2);

    const double dense = 3 * H * m.intermediateSize;
    double total = embedding + H + m.numLayers * (attention + norms);
    double active = total;
    double experts = 0;
    if (m.numExperts > 0) {
        const double moeLayers = m.numLayers - m.numDenseLayers;
        const double perExpert = 3 * H * m.moeIntermediateSize + (oss ? 2.0 * m.moeIntermediateSize + H : 0);
        const double router = H * E + (oss ? E : 0);
        const double shared =
            double(m.numSharedExperts) * 3 * H *
            (m.sharedExpertIntermediateSize > 0 ? m.sharedExpertIntermediateSize : m.moeIntermediateSize);
        total += m.numDenseLayers * dense + moeLayers * (router + E * perExpert + shared);
        active += m.numDenseLayers * dense + moeLayers * (router + m.expertsPerToken * perExpert + shared);
        experts = moeLayers * E * perExpert;
    } else {
        total += m.numLayers * dense;
        active = total;
    }
    m.totalParamsB = total / 1e9;
    m.activeParamsB = active / 1e9;
    m.expertParamsB = experts / 1e9;
    m.embeddingParamsB = embedding / 1e9;
}

HfConfigResult readHfConfig(const QByteArray &json, const QString &nameForErrors)
{
    HfConfigResult result;
    const QString name = nameForErrors.isEmpty() ? QStringLiteral("config.json") : nameForErrors;
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        result.error = QStringLiteral("%1: not valid JSON at offset %2: %3")
                           .arg(name)
                           .arg(parseError.offset)
                           .arg(parseError.errorString());
        return result;
    }
    if (!doc.isObject()) {
        result.error = name + QStringLiteral(": the top level must be a JSON object");
        return result;
    }
    readModel(doc.object(), name, &result);
    if (!result.ok())
        result.model = ModelArchitecture{};
    return result;
}

HfConfigResult readHfConfigFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        HfConfigResult result;
        result.error = QStringLiteral("%1: cannot open: %2").arg(path, file.errorString());
        return result;
    }
    // config.json files are a few kB; refuse anything absurdly large instead of reading it into memory.
    if (file.size() > 64 * 1024 * 1024) {
        HfConfigResult result;
        result.error =
            QStringLiteral("%1: file is %2 bytes, too large for a config.json").arg(path).arg(file.size());
        return result;
    }
    return readHfConfig(file.readAll(), path);
}

} // namespace iq
