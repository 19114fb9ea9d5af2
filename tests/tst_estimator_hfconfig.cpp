// Hugging Face config.json reader: architectures, parameter counts against the reference, errors that name
// the field, and a deterministic fuzz run.

#include "domain.h"
#include "estimator/hfconfig.h"
#include "estimator/lengthdistribution.h"
#include "estimator/modelfacts.h"
#include "testsupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include <cmath>

using namespace iq;

namespace {

QByteArray sample(const QString &name)
{
    return iqtest::readFile(iqtest::testDataPath(QStringLiteral("hfconfig/") + name));
}

QJsonObject sampleObject(const QString &name)
{
    return QJsonDocument::fromJson(sample(name)).object();
}

QByteArray toJson(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

const QStringList kSamples = {QStringLiteral("llama-3.1-8b.json"),   QStringLiteral("qwen3-30b-a3b.json"),
                              QStringLiteral("gpt-oss-20b.json"),    QStringLiteral("deepseek-v3.json"),
                              QStringLiteral("gemma-3-27b-it.json"), QStringLiteral("mixtral-8x7b.json"),
                              QStringLiteral("llama-4-scout.json"),  QStringLiteral("qwen2.5-7b.json"),
                              QStringLiteral("gemma-2-9b-it.json")};

} // namespace

class TestHfConfig : public QObject
{
    Q_OBJECT

private slots:
    // Computed parameter counts within 2% of the reference figures (resources/reference/models.yaml
    // params.total_computed_B, or the official figure where no computed one exists).
    void parameterCounts_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<double>("totalB");
        QTest::addColumn<double>("activeB"); // NaN = not checked
        QTest::newRow("Llama-3.1-8B") << QStringLiteral("llama-3.1-8b.json") << 8.03 << 8.03;
        QTest::newRow("Qwen3-30B-A3B") << QStringLiteral("qwen3-30b-a3b.json") << 30.532 << 3.353;
        QTest::newRow("Mixtral-8x7B") << QStringLiteral("mixtral-8x7b.json") << 46.703 << 12.88;
        // gpt-oss-20b: total_computed_B 20.91, active_computed_B_incl_embed_and_head 4.19
        QTest::newRow("gpt-oss-20b") << QStringLiteral("gpt-oss-20b.json") << 20.91 << 4.19;
        // DeepSeek-V3: official 671B main-model params (no computed figure in the reference); active official
        // 36.7B differs from the formula's 37.55B by 2.3%, so it is not checked at 2%.
        QTest::newRow("DeepSeek-V3") << QStringLiteral("deepseek-v3.json") << 671.0 << kUnknown;
        QTest::newRow("Gemma-3-27B") << QStringLiteral("gemma-3-27b-it.json") << 27.009 << 27.009;
        QTest::newRow("Llama-4-Scout") << QStringLiteral("llama-4-scout.json") << 107.77 << 17.17;
        QTest::newRow("Qwen2.5-7B") << QStringLiteral("qwen2.5-7b.json") << 7.616 << 7.616;
        QTest::newRow("Gemma-2-9B") << QStringLiteral("gemma-2-9b-it.json") << 9.242 << 9.242;
    }
    void parameterCounts()
    {
        QFETCH(QString, file);
        QFETCH(double, totalB);
        QFETCH(double, activeB);
        const HfConfigResult r = readHfConfig(sample(file), file);
        QVERIFY2(r.ok(), qPrintable(r.error));
        QVERIFY2(
            std::abs(r.model.totalParamsB / totalB - 1) < 0.02,
            qPrintable(QStringLiteral("total %1 B vs reference %2 B").arg(r.model.totalParamsB).arg(totalB)));
        if (isKnown(activeB))
            QVERIFY2(
                std::abs(r.model.activeParamsB / activeB - 1) < 0.02,
                qPrintable(QStringLiteral("active %1 B vs %2 B").arg(r.model.activeParamsB).arg(activeB)));
    }

    // The config reader and the facts table agree field by field for the models both describe.
    void agreesWithFactsTable()
    {
        const ModelFactsResult facts = loadModelFacts();
        QVERIFY2(facts.errors.isEmpty(), qPrintable(facts.errors.join(QLatin1Char('\n'))));
        for (const QString &file : kSamples) {
            const HfConfigResult r = readHfConfig(sample(file), file);
            QVERIFY2(r.ok(), qPrintable(r.error));
            const ModelArchitecture *t = findModel(facts.models, r.model.id);
            QVERIFY2(t, qPrintable(r.model.id));
            const ModelArchitecture &m = r.model;
            QCOMPARE(m.architecture, t->architecture);
            QCOMPARE(m.hiddenSize, t->hiddenSize);
            QCOMPARE(m.numLayers, t->numLayers);
            QCOMPARE(m.numAttentionHeads, t->numAttentionHeads);
            QCOMPARE(m.numKeyValueHeads, t->numKeyValueHeads);
            QCOMPARE(m.headDim, t->headDim);
            QCOMPARE(m.vocabSize, t->vocabSize);
            QCOMPARE(m.maxPositionEmbeddings, t->maxPositionEmbeddings);
            QCOMPARE(m.tieWordEmbeddings, t->tieWordEmbeddings);
            QCOMPARE(m.numExperts, t->numExperts);
            QCOMPARE(m.expertsPerToken, t->expertsPerToken);
            QCOMPARE(m.numSharedExperts, t->numSharedExperts);
            QCOMPARE(m.moeIntermediateSize, t->moeIntermediateSize);
            QCOMPARE(m.numDenseLayers, t->numDenseLayers);
            QCOMPARE(m.slidingWindow, t->slidingWindow);
            QCOMPARE(m.numSlidingLayers, t->numSlidingLayers);
            QCOMPARE(m.kvLoraRank, t->kvLoraRank);
            QCOMPARE(m.qkRopeHeadDim, t->qkRopeHeadDim);
            QCOMPARE(m.nativePrecision, t->nativePrecision);
            QCOMPARE(m.nonExpertPrecision, t->nonExpertPrecision);
            QVERIFY2(std::abs(m.expertParamsB - t->expertParamsB) < 0.001,
                     qPrintable(QStringLiteral("%1 experts %2 vs %3")
                                    .arg(file)
                                    .arg(m.expertParamsB)
                                    .arg(t->expertParamsB)));
        }
    }

    void architectureDetails()
    {
        // gpt-oss-20b: MXFP4 experts, BF16 rest; 12 of 24 layers slide over 128 tokens.
        HfConfigResult r = readHfConfig(sample(QStringLiteral("gpt-oss-20b.json")), QStringLiteral("c"));
        QVERIFY(r.ok());
        QCOMPARE(r.model.nativePrecision, QStringLiteral("mxfp4"));
        QCOMPARE(r.model.nonExpertPrecision, QStringLiteral("bf16"));
        QCOMPARE(r.model.slidingWindow, 128);
        QCOMPARE(r.model.numSlidingLayers, 12);
        QCOMPARE(r.model.fullAttentionLayers(), 12);
        // DeepSeek-V3: MLA, fp8, 3 dense layers, 1 shared expert; head_dim = 128 + 64.
        r = readHfConfig(sample(QStringLiteral("deepseek-v3.json")), QStringLiteral("c"));
        QVERIFY(r.ok());
        QVERIFY(r.model.multiLatentAttention);
        QCOMPARE(r.model.kvLoraRank, 512);
        QCOMPARE(r.model.qkRopeHeadDim, 64);
        QCOMPARE(r.model.headDim, 192);
        QCOMPARE(r.model.nativePrecision, QStringLiteral("fp8"));
        QCOMPARE(r.model.numDenseLayers, 3);
        QCOMPARE(r.model.numSharedExperts, 1);
        QCOMPARE(r.model.numMtpLayers, 1);
        // Gemma 3 27B: text_config; 62 layers, full every 6th -> 62 - floor(62/6) = 52 sliding; defaults
        // named.
        r = readHfConfig(sample(QStringLiteral("gemma-3-27b-it.json")), QStringLiteral("c"));
        QVERIFY(r.ok());
        QCOMPARE(r.model.numSlidingLayers, 52);
        QCOMPARE(r.model.slidingWindow, 1024);
        QCOMPARE(r.model.vocabSize, 262208);
        QVERIFY(r.model.tieWordEmbeddings);
        QVERIFY2(r.model.notes.contains(QStringLiteral("text_config.vocab_size=262208")),
                 qPrintable(r.model.notes));
        // Qwen2.5: q/k/v bias, use_sliding_window false -> no window; head_dim = 3584 / 28 = 128.
        r = readHfConfig(sample(QStringLiteral("qwen2.5-7b.json")), QStringLiteral("c"));
        QVERIFY(r.ok());
        QVERIFY(r.model.attentionBias);
        QCOMPARE(r.model.slidingWindow, 0);
        QCOMPARE(r.model.headDim, 128);
        QCOMPARE(r.model.id, QStringLiteral("Qwen/Qwen2.5-7B-Instruct"));
    }

    // Architectures and options without a sample file, built from reference values.
    void moreArchitectures()
    {
        // Gemma-3-1B (Gemma3ForCausalLM): reference total_computed_B 1.0; 26 layers, full every 6th -> 22
        // sliding.
        QJsonObject g{{QStringLiteral("architectures"), QJsonArray{QStringLiteral("Gemma3ForCausalLM")}},
                      {QStringLiteral("hidden_size"), 1152},
                      {QStringLiteral("num_hidden_layers"), 26},
                      {QStringLiteral("num_attention_heads"), 4},
                      {QStringLiteral("num_key_value_heads"), 1},
                      {QStringLiteral("head_dim"), 256},
                      {QStringLiteral("intermediate_size"), 6912},
                      {QStringLiteral("vocab_size"), 262144},
                      {QStringLiteral("max_position_embeddings"), 32768},
                      {QStringLiteral("sliding_window"), 512},
                      {QStringLiteral("sliding_window_pattern"), 6},
                      {QStringLiteral("torch_dtype"), QStringLiteral("bfloat16")}};
        HfConfigResult r = readHfConfig(toJson(g), QStringLiteral("g"));
        QVERIFY2(r.ok(), qPrintable(r.error));
        QVERIFY(std::abs(r.model.totalParamsB - 1.0) < 0.02);
        QCOMPARE(r.model.numSlidingLayers, 22);
        QVERIFY(r.model.tieWordEmbeddings); // Gemma default, recorded in notes
        QVERIFY(r.model.notes.contains(QStringLiteral("tie_word_embeddings=true")));

        // Mistral-7B-v0.3 (reference 7.248 B): sliding_window null -> none; 4096 -> every layer slides.
        QJsonObject mi{{QStringLiteral("architectures"), QJsonArray{QStringLiteral("MistralForCausalLM")}},
                       {QStringLiteral("hidden_size"), 4096},
                       {QStringLiteral("num_hidden_layers"), 32},
                       {QStringLiteral("num_attention_heads"), 32},
                       {QStringLiteral("num_key_value_heads"), 8},
                       {QStringLiteral("intermediate_size"), 14336},
                       {QStringLiteral("vocab_size"), 32768},
                       {QStringLiteral("max_position_embeddings"), 32768},
                       {QStringLiteral("sliding_window"), QJsonValue()},
                       {QStringLiteral("torch_dtype"), QStringLiteral("bfloat16")}};
        r = readHfConfig(toJson(mi), QStringLiteral("m"));
        QVERIFY2(r.ok(), qPrintable(r.error));
        QVERIFY(std::abs(r.model.totalParamsB - 7.248) < 0.001);
        QCOMPARE(r.model.slidingWindow, 0);
        mi.insert(QStringLiteral("sliding_window"), 4096);
        r = readHfConfig(toJson(mi), QStringLiteral("m"));
        QCOMPARE(r.model.slidingWindow, 4096);
        QCOMPARE(r.model.numSlidingLayers, 32);

        // Qwen3-8B dense (reference 8.191 B).
        QJsonObject q{{QStringLiteral("architectures"), QJsonArray{QStringLiteral("Qwen3ForCausalLM")}},
                      {QStringLiteral("hidden_size"), 4096},
                      {QStringLiteral("num_hidden_layers"), 36},
                      {QStringLiteral("num_attention_heads"), 32},
                      {QStringLiteral("num_key_value_heads"), 8},
                      {QStringLiteral("head_dim"), 128},
                      {QStringLiteral("intermediate_size"), 12288},
                      {QStringLiteral("vocab_size"), 151936},
                      {QStringLiteral("max_position_embeddings"), 40960},
                      {QStringLiteral("torch_dtype"), QStringLiteral("bfloat16")}};
        r = readHfConfig(toJson(q), QStringLiteral("q"));
        QVERIFY2(r.ok(), qPrintable(r.error));
        QVERIFY(std::abs(r.model.totalParamsB - 8.191) < 0.001);
        // GPTQ 4-bit -> int4; 3 bits is refused with the field named.
        q.insert(QStringLiteral("quantization_config"),
                 QJsonObject{{QStringLiteral("quant_method"), QStringLiteral("gptq")},
                             {QStringLiteral("bits"), 4}});
        r = readHfConfig(toJson(q), QStringLiteral("q"));
        QCOMPARE(r.model.nativePrecision, QStringLiteral("int4"));
        q.insert(QStringLiteral("quantization_config"),
                 QJsonObject{{QStringLiteral("quant_method"), QStringLiteral("gptq")},
                             {QStringLiteral("bits"), 3}});
        r = readHfConfig(toJson(q), QStringLiteral("q"));
        QCOMPARE(r.error, QStringLiteral("q: field quantization_config.bits = 3 is not supported (4 or 8)"));
        // MXFP4 on a dense model is refused (it quantises MoE experts only).
        q.insert(QStringLiteral("quantization_config"),
                 QJsonObject{{QStringLiteral("quant_method"), QStringLiteral("mxfp4")}});
        r = readHfConfig(toJson(q), QStringLiteral("q"));
        QVERIFY2(
            r.error.startsWith(QStringLiteral("q: quantization_config.quant_method mxfp4 on a dense model")),
            qPrintable(r.error));

        // Qwen3-MoE with two dense layers: mlp_only_layers [0, 1] -> 2 dense layers of intermediate_size.
        QJsonObject moe = sampleObject(QStringLiteral("qwen3-30b-a3b.json"));
        moe.insert(QStringLiteral("mlp_only_layers"), QJsonArray{0, 1});
        r = readHfConfig(toJson(moe), QStringLiteral("q"));
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(r.model.numDenseLayers, 2);
        moe.remove(QStringLiteral("intermediate_size"));
        r = readHfConfig(toJson(moe), QStringLiteral("q"));
        QCOMPARE(r.error, QStringLiteral("q: missing required field intermediate_size"));

        // Qwen2 with use_sliding_window true: layers from max_window_layers (20) on slide -> 28 - 20 = 8.
        QJsonObject q2 = sampleObject(QStringLiteral("qwen2.5-7b.json"));
        q2.insert(QStringLiteral("use_sliding_window"), true);
        q2.insert(QStringLiteral("sliding_window"), 4096);
        q2.insert(QStringLiteral("max_window_layers"), 20);
        r = readHfConfig(toJson(q2), QStringLiteral("q"));
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(r.model.numSlidingLayers, 8);

        // Llama 4: no_rope_layers marks RoPE (chunked) layers with 1; every 4th layer NoPE -> 36 of 48
        // chunked.
        QJsonObject l4 = sampleObject(QStringLiteral("llama-4-scout.json"));
        QJsonObject tc = l4.value(QStringLiteral("text_config")).toObject();
        QJsonArray rope;
        for (int i = 0; i < 48; ++i)
            rope.append((i + 1) % 4 != 0 ? 1 : 0);
        tc.insert(QStringLiteral("no_rope_layers"), rope);
        l4.insert(QStringLiteral("text_config"), tc);
        r = readHfConfig(toJson(l4), QStringLiteral("l"));
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(r.model.attentionChunkSize, 8192);
        QCOMPARE(r.model.numSlidingLayers, 36);
        // Without it the chunked layers are unknown: all full attention, and the notes say so.
        r = readHfConfig(sample(QStringLiteral("llama-4-scout.json")), QStringLiteral("l"));
        QCOMPARE(r.model.numSlidingLayers, 0);
        QVERIFY(r.model.notes.contains(QStringLiteral("chunked layers unknown")));

        // DeepSeek without q compression (q_lora_rank null): q projection H*nh*(nope+rope) replaces
        // H*qr + qr + qr*nh*(nope+rope); difference per layer = 7168*128*192 - (7168*1536 + 1536 +
        // 1536*128*192).
        QJsonObject ds = sampleObject(QStringLiteral("deepseek-v3.json"));
        const double withLora = readHfConfig(toJson(ds), QStringLiteral("d")).model.totalParamsB;
        ds.insert(QStringLiteral("q_lora_rank"), QJsonValue());
        r = readHfConfig(toJson(ds), QStringLiteral("d"));
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(r.model.qLoraRank, 0);
        const double perLayer = 7168.0 * 128 * 192 - (7168.0 * 1536 + 1536 + 1536.0 * 128 * 192);
        QVERIFY(std::abs((r.model.totalParamsB - withLora) * 1e9 - 61 * perLayer) < 1e3);
    }

    void defaults()
    {
        QJsonObject o = sampleObject(QStringLiteral("llama-3.1-8b.json"));
        o.remove(QStringLiteral("num_key_value_heads"));
        o.remove(QStringLiteral("_name_or_path"));
        const HfConfigResult r = readHfConfig(toJson(o), QStringLiteral("my/config.json"));
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(r.model.numKeyValueHeads, 32); // = heads
        QCOMPARE(r.model.headDim, 128);         // 4096 / 32
        QCOMPARE(r.model.id, QStringLiteral("my/config.json"));
    }

    void errors_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("expected");
        const QJsonObject llama = sampleObject(QStringLiteral("llama-3.1-8b.json"));
        auto with = [&](const QString &key, const QJsonValue &v) {
            QJsonObject o = llama;
            o.insert(key, v);
            return toJson(o);
        };
        auto without = [&](const QString &key) {
            QJsonObject o = llama;
            o.remove(key);
            return toJson(o);
        };
        QTest::newRow("missing layers")
            << without(QStringLiteral("num_hidden_layers"))
            << QStringLiteral("config.json: missing required field num_hidden_layers");
        QTest::newRow("missing hidden") << without(QStringLiteral("hidden_size"))
                                        << QStringLiteral("config.json: missing required field hidden_size");
        QTest::newRow("missing vocab") << without(QStringLiteral("vocab_size"))
                                       << QStringLiteral("config.json: missing required field vocab_size");
        QTest::newRow("missing dtype") << without(QStringLiteral("torch_dtype"))
                                       << QStringLiteral("config.json: missing required field torch_dtype");
        QTest::newRow("missing architectures")
            << without(QStringLiteral("architectures"))
            << QStringLiteral("config.json: missing required field architectures");
        QTest::newRow("unknown arch")
            << with(QStringLiteral("architectures"), QJsonArray{QStringLiteral("FooForCausalLM")})
            << QStringLiteral(
                   "config.json: unsupported architecture FooForCausalLM; supported: LlamaForCausalLM, ");
        QTest::newRow("string layers")
            << with(QStringLiteral("num_hidden_layers"), QStringLiteral("32"))
            << QStringLiteral("config.json: field num_hidden_layers must be an integer, got a string");
        QTest::newRow("fraction") << with(QStringLiteral("hidden_size"), 4096.5)
                                  << QStringLiteral("config.json: field hidden_size must be an integer");
        QTest::newRow("zero layers") << with(QStringLiteral("num_hidden_layers"), 0)
                                     << QStringLiteral(
                                            "config.json: field num_hidden_layers = 0 is out of range");
        QTest::newRow("negative heads")
            << with(QStringLiteral("num_attention_heads"), -8)
            << QStringLiteral("config.json: field num_attention_heads = -8 is out of range");
        QTest::newRow("huge hidden")
            << with(QStringLiteral("hidden_size"), 2e6)
            << QStringLiteral("config.json: field hidden_size = 2000000 is out of range (1..1000000)");
        QTest::newRow("kv not dividing")
            << with(QStringLiteral("num_key_value_heads"), 7)
            << QStringLiteral(
                   "config.json: field num_key_value_heads = 7 does not divide num_attention_heads = 32");
        QTest::newRow("tie not bool")
            << with(QStringLiteral("tie_word_embeddings"), QStringLiteral("no"))
            << QStringLiteral("config.json: field tie_word_embeddings must be true or false, got a string");
        QTest::newRow("dtype unknown")
            << with(QStringLiteral("torch_dtype"), QStringLiteral("float8"))
            << QStringLiteral("config.json: field torch_dtype has unsupported value \"float8\"");
        QTest::newRow("quant unknown")
            << with(QStringLiteral("quantization_config"),
                    QJsonObject{{QStringLiteral("quant_method"), QStringLiteral("hqq")}})
            << QStringLiteral("config.json: unsupported quantization_config.quant_method \"hqq\"");
        QTest::newRow("truncated") << sample(QStringLiteral("llama-3.1-8b.json")).left(100)
                                   << QStringLiteral("config.json: not valid JSON at offset");
        QTest::newRow("array top") << QByteArray("[1,2]")
                                   << QStringLiteral("config.json: the top level must be a JSON object");
        QTest::newRow("empty") << QByteArray() << QStringLiteral("config.json: not valid JSON");
        QJsonObject gemma = sampleObject(QStringLiteral("gemma-3-27b-it.json"));
        gemma.remove(QStringLiteral("text_config"));
        QTest::newRow("no text_config")
            << toJson(gemma) << QStringLiteral("config.json: missing required field text_config");
        gemma = sampleObject(QStringLiteral("gemma-3-27b-it.json"));
        QJsonObject tc = gemma.value(QStringLiteral("text_config")).toObject();
        tc.remove(QStringLiteral("num_hidden_layers"));
        gemma.insert(QStringLiteral("text_config"), tc);
        QTest::newRow("nested missing")
            << toJson(gemma)
            << QStringLiteral("config.json: missing required field text_config.num_hidden_layers");
        QJsonObject qwen = sampleObject(QStringLiteral("qwen3-30b-a3b.json"));
        qwen.insert(QStringLiteral("num_experts_per_tok"), 200);
        QTest::newRow("k > experts")
            << toJson(qwen)
            << QStringLiteral("config.json: experts per token (200) exceeds the number of experts (128)");
        QJsonObject oss = sampleObject(QStringLiteral("gpt-oss-20b.json"));
        oss.insert(QStringLiteral("layer_types"), QJsonArray{QStringLiteral("full_attention")});
        QTest::newRow("layer_types size")
            << toJson(oss)
            << QStringLiteral("config.json: field layer_types has 1 entries, num_hidden_layers is 24");
    }
    void errors()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, expected);
        const HfConfigResult r = readHfConfig(json, QStringLiteral("config.json"));
        QVERIFY(!r.ok());
        QVERIFY2(r.error.startsWith(expected), qPrintable(r.error));
    }

    void fileErrors()
    {
        const HfConfigResult r = readHfConfigFile(QStringLiteral("/nonexistent/config.json"));
        QVERIFY(!r.ok());
        QVERIFY2(r.error.startsWith(QStringLiteral("/nonexistent/config.json: cannot open")),
                 qPrintable(r.error));
        const HfConfigResult ok =
            readHfConfigFile(iqtest::testDataPath(QStringLiteral("hfconfig/mixtral-8x7b.json")));
        QVERIFY2(ok.ok(), qPrintable(ok.error));
    }

    // Deterministic mutations of every sample: field deletions (top level and nested), type swaps, huge,
    // negative, zero and fractional numbers, truncations and bit flips. Each must give either a
    // self-consistent model or a non-empty error that names the input; never a crash.
    void fuzz()
    {
        Rng rng(20251125);
        int okCount = 0, errorCount = 0;
        const QList<QJsonValue> replacements = {QJsonValue(),
                                                QJsonValue(true),
                                                QJsonValue(QStringLiteral("x")),
                                                QJsonValue(QJsonArray{1, 2}),
                                                QJsonValue(QJsonObject{}),
                                                QJsonValue(0),
                                                QJsonValue(-1),
                                                QJsonValue(1e300),
                                                QJsonValue(-1e300),
                                                QJsonValue(2147483648.0),
                                                QJsonValue(0.5),
                                                QJsonValue(1),
                                                QJsonValue(3),
                                                QJsonValue(1e6),
                                                QJsonValue(7)};
        for (const QString &file : kSamples) {
            const QByteArray original = sample(file);
            const QJsonObject base = QJsonDocument::fromJson(original).object();
            for (int i = 0; i < 1200; ++i) {
                QByteArray input;
                const int kind = rng.uniformInt(5);
                if (kind <= 2) { // structural mutations, 1-3 of them
                    QJsonObject o = base;
                    const int n = 1 + rng.uniformInt(3);
                    for (int k = 0; k < n; ++k) {
                        const bool nested =
                            o.contains(QStringLiteral("text_config")) && rng.uniformInt(2) == 0;
                        QJsonObject target = nested ? o.value(QStringLiteral("text_config")).toObject() : o;
                        const QStringList keys = target.keys();
                        if (keys.isEmpty())
                            continue;
                        const QString key = keys.at(rng.uniformInt(int(keys.size())));
                        if (kind == 0)
                            target.remove(key);
                        else
                            target.insert(key, replacements.at(rng.uniformInt(int(replacements.size()))));
                        if (nested)
                            o.insert(QStringLiteral("text_config"), target);
                        else
                            o = target;
                    }
                    input = toJson(o);
                } else if (kind == 3) { // truncation
                    input = original.left(rng.uniformInt(int(original.size())));
                } else { // bit flips
                    input = original;
                    const int flips = 1 + rng.uniformInt(4);
                    for (int k = 0; k < flips; ++k) {
                        const int pos = rng.uniformInt(int(input.size()));
                        input[pos] = char(input.at(pos) ^ char(1 << rng.uniformInt(8)));
                    }
                }
                const HfConfigResult r = readHfConfig(input, QStringLiteral("fuzz.json"));
                if (r.ok()) {
                    ++okCount;
                    const ModelArchitecture &m = r.model;
                    QVERIFY(m.hiddenSize > 0 && m.numLayers > 0 && m.numAttentionHeads > 0 && m.headDim > 0);
                    QVERIFY(m.numKeyValueHeads > 0 && m.numAttentionHeads % m.numKeyValueHeads == 0);
                    QVERIFY(m.vocabSize > 0 && m.maxPositionEmbeddings > 0);
                    QVERIFY(std::isfinite(m.totalParamsB) && m.totalParamsB > 0);
                    QVERIFY(m.activeParamsB > 0 && m.activeParamsB <= m.totalParamsB * (1 + 1e-12));
                    QVERIFY(m.numSlidingLayers >= 0 && m.numSlidingLayers <= m.numLayers);
                    QVERIFY(m.numDenseLayers >= 0 && m.numDenseLayers <= m.numLayers);
                    QVERIFY(!m.nativePrecision.isEmpty());
                    QVERIFY(m.numExperts == 0 ||
                            (m.expertsPerToken >= 1 && m.expertsPerToken <= m.numExperts));
                } else {
                    ++errorCount;
                    QVERIFY2(r.error.startsWith(QStringLiteral("fuzz.json: ")), qPrintable(r.error));
                    QVERIFY(r.model.totalParamsB == 0);
                }
            }
        }
        qInfo("fuzz: %d inputs accepted, %d rejected with an error", okCount, errorCount);
        QVERIFY(okCount > 0);
        QVERIFY(errorCount > 0);
    }
};

QTEST_GUILESS_MAIN(TestHfConfig)
#include "tst_estimator_hfconfig.moc"
