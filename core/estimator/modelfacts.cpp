#include "modelfacts.h"

#include <QFile>

#include <yaml-cpp/yaml.h>

#include <cmath>
#include <limits>

namespace iq {

namespace {

QString at(const QString &path, const YAML::Node &node)
{
    const YAML::Mark mark = node.Mark();
    if (mark.line < 0)
        return path;
    return QStringLiteral("%1:%2").arg(path).arg(mark.line + 1);
}

// Reads one entry; every problem is appended to errors with file:line.
class EntryReader
{
public:
    EntryReader(const YAML::Node &node, const QString &path, QStringList *errors)
        : m_node(node)
        , m_path(path)
        , m_errors(errors)
    {}

    bool ok() const { return m_ok; }
    void error(const YAML::Node &where, const QString &message)
    {
        m_errors->append(QStringLiteral("%1: %2").arg(at(m_path, where), message));
        m_ok = false;
    }

    YAML::Node field(const char *key, bool required)
    {
        const YAML::Node v = m_node[key];
        if ((!v || v.IsNull()) && required)
            error(m_node, QStringLiteral("missing required field %1").arg(QLatin1String(key)));
        return v;
    }

    int integer(const char *key, bool required, long long min, long long max)
    {
        const YAML::Node v = field(key, required);
        if (!v || v.IsNull())
            return 0;
        long long value = 0;
        if (!v.IsScalar() || !YAML::convert<long long>::decode(v, value)) {
            error(v, QStringLiteral("field %1 must be an integer").arg(QLatin1String(key)));
            return 0;
        }
        if (value < min || value > max) {
            error(v, QStringLiteral("field %1 = %2 is out of range (%3..%4)")
                         .arg(QLatin1String(key))
                         .arg(value)
                         .arg(min)
                         .arg(max));
            return 0;
        }
        return int(value);
    }

    double number(const char *key, bool required)
    {
        const YAML::Node v = field(key, required);
        if (!v || v.IsNull())
            return 0;
        double value = 0;
        if (!v.IsScalar() || !YAML::convert<double>::decode(v, value) || !std::isfinite(value) || value < 0) {
            error(v, QStringLiteral("field %1 must be a non-negative number").arg(QLatin1String(key)));
            return 0;
        }
        return value;
    }

    bool boolean(const char *key, bool required)
    {
        const YAML::Node v = field(key, required);
        if (!v || v.IsNull())
            return false;
        bool value = false;
        if (!v.IsScalar() || !YAML::convert<bool>::decode(v, value)) {
            error(v, QStringLiteral("field %1 must be true or false").arg(QLatin1String(key)));
            return false;
        }
        return value;
    }

    QString string(const char *key, bool required)
    {
        const YAML::Node v = field(key, required);
        if (!v || v.IsNull())
            return {};
        if (!v.IsScalar()) {
            error(v, QStringLiteral("field %1 must be a string").arg(QLatin1String(key)));
            return {};
        }
        return QString::fromStdString(v.Scalar());
    }

    QStringList strings(const char *key, bool required)
    {
        const YAML::Node v = field(key, required);
        QStringList out;
        if (!v || v.IsNull())
            return out;
        if (!v.IsSequence()) {
            error(v, QStringLiteral("field %1 must be a list of strings").arg(QLatin1String(key)));
            return out;
        }
        for (const YAML::Node &item : v) {
            if (!item.IsScalar() || item.Scalar().empty()) {
                error(item, QStringLiteral("field %1 must hold non-empty strings").arg(QLatin1String(key)));
                return {};
            }
            out << QString::fromStdString(item.Scalar());
        }
        if (out.isEmpty() && required)
            error(v, QStringLiteral("field %1 must not be empty").arg(QLatin1String(key)));
        return out;
    }

private:
    YAML::Node m_node;
    QString m_path;
    QStringList *m_errors;
    bool m_ok = true;
};

const char *const kKnownFields[] = {"ids",
                                    "reference_id",
                                    "architecture",
                                    "hidden_size",
                                    "num_layers",
                                    "num_attention_heads",
                                    "num_key_value_heads",
                                    "head_dim",
                                    "intermediate_size",
                                    "vocab_size",
                                    "max_position_embeddings",
                                    "tie_word_embeddings",
                                    "attention_bias",
                                    "num_experts",
                                    "experts_per_token",
                                    "moe_intermediate_size",
                                    "num_shared_experts",
                                    "shared_expert_intermediate_size",
                                    "num_dense_layers",
                                    "sliding_window",
                                    "num_sliding_layers",
                                    "attention_chunk_size",
                                    "multi_latent_attention",
                                    "q_lora_rank",
                                    "kv_lora_rank",
                                    "qk_nope_head_dim",
                                    "qk_rope_head_dim",
                                    "v_head_dim",
                                    "num_mtp_layers",
                                    "native_precision",
                                    "non_expert_precision",
                                    "total_params_b",
                                    "active_params_b",
                                    "expert_params_b",
                                    "embedding_params_b",
                                    "notes",
                                    "sources",
                                    "confidence"};

const QStringList &knownPrecisions()
{
    static const QStringList p = {QStringLiteral("bf16"),  QStringLiteral("fp16"), QStringLiteral("fp32"),
                                  QStringLiteral("fp8"),   QStringLiteral("int8"), QStringLiteral("int4"),
                                  QStringLiteral("mxfp4"), QStringLiteral("fp4")};
    return p;
}

void readEntry(const YAML::Node &node, const QString &path, ModelFactsResult *result)
{
    if (!node.IsMap()) {
        result->errors << QStringLiteral("%1: a model entry must be a mapping").arg(at(path, node));
        return;
    }
    EntryReader r(node, path, &result->errors);
    for (auto it = node.begin(); it != node.end(); ++it) {
        const std::string key = it->first.as<std::string>("");
        bool known = false;
        for (const char *k : kKnownFields)
            known = known || key == k;
        if (!known)
            r.error(it->first, QStringLiteral("unknown field %1").arg(QString::fromStdString(key)));
    }
    ModelArchitecture m;
    const QStringList ids = r.strings("ids", true);
    m.architecture = r.string("architecture", true);
    m.hiddenSize = r.integer("hidden_size", true, 1, 1000000);
    m.numLayers = r.integer("num_layers", true, 1, 10000);
    m.numAttentionHeads = r.integer("num_attention_heads", true, 1, 100000);
    m.numKeyValueHeads = r.integer("num_key_value_heads", true, 1, 100000);
    m.headDim = r.integer("head_dim", true, 1, 65536);
    m.intermediateSize = r.integer("intermediate_size", true, 1, 10000000);
    m.vocabSize = r.integer("vocab_size", true, 1, 100000000);
    m.maxPositionEmbeddings = r.integer("max_position_embeddings", true, 1, 1000000000);
    m.tieWordEmbeddings = r.boolean("tie_word_embeddings", true);
    m.attentionBias = r.boolean("attention_bias", false);
    m.numExperts = r.integer("num_experts", false, 1, 1000000);
    m.expertsPerToken = r.integer("experts_per_token", m.numExperts > 0, 1, 1000000);
    m.moeIntermediateSize = r.integer("moe_intermediate_size", m.numExperts > 0, 1, 10000000);
    m.numSharedExperts = r.integer("num_shared_experts", false, 0, 1000000);
    m.sharedExpertIntermediateSize = r.integer("shared_expert_intermediate_size", false, 1, 10000000);
    m.numDenseLayers = r.integer("num_dense_layers", false, 0, 10000);
    m.slidingWindow = r.integer("sliding_window", false, 1, 1000000000);
    m.numSlidingLayers = r.integer("num_sliding_layers", m.slidingWindow > 0, 0, 10000);
    m.attentionChunkSize = r.integer("attention_chunk_size", false, 1, 1000000000);
    m.multiLatentAttention = r.boolean("multi_latent_attention", false);
    m.qLoraRank = r.integer("q_lora_rank", false, 1, 1000000);
    m.kvLoraRank = r.integer("kv_lora_rank", m.multiLatentAttention, 1, 1000000);
    m.qkNopeHeadDim = r.integer("qk_nope_head_dim", m.multiLatentAttention, 0, 65536);
    m.qkRopeHeadDim = r.integer("qk_rope_head_dim", m.multiLatentAttention, 1, 65536);
    m.vHeadDim = r.integer("v_head_dim", m.multiLatentAttention, 1, 65536);
    m.numMtpLayers = r.integer("num_mtp_layers", false, 0, 10000);
    m.nativePrecision = r.string("native_precision", true);
    m.nonExpertPrecision = r.string("non_expert_precision", false);
    m.totalParamsB = r.number("total_params_b", true);
    m.activeParamsB = r.number("active_params_b", true);
    m.expertParamsB = r.number("expert_params_b", false);
    m.embeddingParamsB = r.number("embedding_params_b", false);
    m.notes = r.string("notes", false);
    m.sources = r.strings("sources", true);
    if (!r.ok())
        return;

    // Consistency: the same rules as the config.json reader.
    if (m.numAttentionHeads % m.numKeyValueHeads != 0)
        r.error(node["num_key_value_heads"],
                QStringLiteral("num_key_value_heads does not divide num_attention_heads"));
    if (m.numExperts > 0 && m.expertsPerToken > m.numExperts)
        r.error(node["experts_per_token"], QStringLiteral("experts_per_token exceeds num_experts"));
    if (m.numExperts == 0 && (m.expertsPerToken > 0 || m.numSharedExperts > 0 || m.numDenseLayers > 0))
        r.error(node, QStringLiteral("MoE fields given without num_experts"));
    if (m.numDenseLayers > m.numLayers || m.numSlidingLayers > m.numLayers)
        r.error(node, QStringLiteral("num_dense_layers / num_sliding_layers exceed num_layers"));
    if (!knownPrecisions().contains(m.nativePrecision))
        r.error(node["native_precision"], QStringLiteral("native_precision must be one of %1")
                                              .arg(knownPrecisions().join(QStringLiteral(", "))));
    if (!m.nonExpertPrecision.isEmpty() && !knownPrecisions().contains(m.nonExpertPrecision))
        r.error(node["non_expert_precision"], QStringLiteral("non_expert_precision must be one of %1")
                                                  .arg(knownPrecisions().join(QStringLiteral(", "))));
    if (m.totalParamsB <= 0 || m.activeParamsB <= 0 || m.activeParamsB > m.totalParamsB * 1.0001)
        r.error(node, QStringLiteral("need 0 < active_params_b <= total_params_b"));
    if (!r.ok())
        return;
    for (const QString &id : ids) {
        if (findModel(result->models, id) && findModel(result->models, id)->id == id) {
            result->errors << QStringLiteral("%1: duplicate id %2").arg(at(path, node["ids"]), id);
            continue;
        }
        ModelArchitecture copy = m;
        copy.id = id;
        result->models.append(copy);
    }
}

} // namespace

ModelFactsResult loadModelFacts(const QString &path)
{
    ModelFactsResult result;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        result.errors << QStringLiteral("%1: cannot open: %2").arg(path, file.errorString());
        return result;
    }
    const QByteArray data = file.readAll();
    YAML::Node root;
    try {
        root = YAML::Load(data.toStdString());
    } catch (const YAML::Exception &e) {
        result.errors
            << QStringLiteral("%1:%2: %3").arg(path).arg(e.mark.line + 1).arg(QString::fromStdString(e.msg));
        return result;
    }
    const YAML::Node models = root.IsMap() ? root["models"] : YAML::Node();
    if (!models || !models.IsSequence()) {
        result.errors << QStringLiteral("%1: missing list `models`").arg(path);
        return result;
    }
    try {
        for (const YAML::Node &entry : models)
            readEntry(entry, path, &result);
    } catch (const YAML::Exception &e) {
        result.errors
            << QStringLiteral("%1:%2: %3").arg(path).arg(e.mark.line + 1).arg(QString::fromStdString(e.msg));
    }
    return result;
}

const ModelArchitecture *findModel(const QList<ModelArchitecture> &models, const QString &id)
{
    for (const ModelArchitecture &m : models)
        if (m.id == id)
            return &m;
    for (const ModelArchitecture &m : models)
        if (m.id.compare(id, Qt::CaseInsensitive) == 0)
            return &m;
    return nullptr;
}

} // namespace iq
