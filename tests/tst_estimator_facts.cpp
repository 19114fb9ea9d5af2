// The estimator model table (resources/estimator/models.yaml) against the reference facts it is copied from
// (resources/reference/models.yaml) and against the parameter formula; loader errors.

#include "estimator/hfconfig.h"
#include "estimator/modelfacts.h"

#include <QTemporaryDir>
#include <QtTest>

#include <yaml-cpp/yaml.h>

#include <cmath>

using namespace iq;

namespace {

// Leading integer of a reference value that may carry free text ("2880 per expert").
long long leadingInt(const YAML::Node &n)
{
    return std::stoll(n.as<std::string>());
}

// "a/B(-Instruct)" -> a/B, a/B-Instruct; "x and y (same architecture)" -> x, y.
QStringList expandReferenceId(const QString &id)
{
    QString s = id;
    s.remove(QStringLiteral(" (same architecture)"));
    if (s.contains(QStringLiteral(" and ")))
        return s.split(QStringLiteral(" and "));
    const qsizetype open = s.indexOf(QStringLiteral("(-"));
    if (open >= 0) {
        const qsizetype close = s.indexOf(QLatin1Char(')'), open);
        const QString variant = s.mid(open + 1, close - open - 1);
        return {s.left(open) + s.mid(close + 1), s.left(open) + variant + s.mid(close + 1)};
    }
    return {s};
}

QString writeFile(const QTemporaryDir &dir, const QByteArray &content)
{
    const QString path = dir.filePath(QStringLiteral("models.yaml"));
    QFile f(path);
    if (f.open(QIODevice::WriteOnly))
        f.write(content);
    return path;
}

const QByteArray kValidEntry = "models:\n"
                               "- ids: [a/b]\n"
                               "  architecture: LlamaForCausalLM\n"
                               "  hidden_size: 4096\n"
                               "  num_layers: 32\n"
                               "  num_attention_heads: 32\n"
                               "  num_key_value_heads: 8\n"
                               "  head_dim: 128\n"
                               "  intermediate_size: 14336\n"
                               "  vocab_size: 128256\n"
                               "  max_position_embeddings: 131072\n"
                               "  tie_word_embeddings: false\n"
                               "  native_precision: bf16\n"
                               "  total_params_b: 8.03\n"
                               "  active_params_b: 8.03\n"
                               "  sources: [x]\n";

} // namespace

class TestFacts : public QObject
{
    Q_OBJECT

private slots:
    void loadsEmbeddedTable()
    {
        const ModelFactsResult r = loadModelFacts();
        QVERIFY2(r.errors.isEmpty(), qPrintable(r.errors.join(QLatin1Char('\n'))));
        // 25 reference entries; three stand for two repositories each (405B, Mixtral, DeepSeek-V3/R1).
        QCOMPARE(r.models.size(), 28);
        QVERIFY(findModel(r.models, QStringLiteral("meta-llama/Llama-3.1-405B")));
        QVERIFY(findModel(r.models, QStringLiteral("meta-llama/Llama-3.1-405B-Instruct")));
        QVERIFY(findModel(r.models, QStringLiteral("mistralai/Mixtral-8x7B-Instruct-v0.1")));
        QVERIFY(findModel(r.models, QStringLiteral("deepseek-ai/DeepSeek-R1")));
        QVERIFY(findModel(r.models, QStringLiteral("qwen/qwen3-8b"))); // case-insensitive fallback
        QVERIFY(!findModel(r.models, QStringLiteral("meta-llama/Llama-2-70b-chat-hf")));
        for (const ModelArchitecture &m : r.models)
            QVERIFY2(!m.sources.isEmpty(), qPrintable(m.id));
    }

    // Every reference entry is in the table with the same numbers.
    void matchesReference()
    {
        const ModelFactsResult facts = loadModelFacts();
        QFile f(QStringLiteral(":/reference/models.yaml"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const YAML::Node ref = YAML::Load(f.readAll().toStdString());
        int checked = 0;
        for (const YAML::Node &e : ref["models"]) {
            const QString refId = QString::fromStdString(e["id"].as<std::string>());
            for (const QString &id : expandReferenceId(refId)) {
                const ModelArchitecture *m = findModel(facts.models, id);
                QVERIFY2(m && m->id == id, qPrintable(id));
                QCOMPARE(m->hiddenSize, e["hidden_size"].as<int>());
                QCOMPARE(m->numLayers, e["num_hidden_layers"].as<int>());
                QCOMPARE(m->numAttentionHeads, e["num_attention_heads"].as<int>());
                QCOMPARE(m->numKeyValueHeads, int(leadingInt(e["num_key_value_heads"])));
                QCOMPARE(m->vocabSize, int(leadingInt(e["vocab_size"])));
                QCOMPARE(m->maxPositionEmbeddings, int(leadingInt(e["max_position_embeddings"])));
                if (e["num_experts"])
                    QCOMPARE(m->numExperts, int(leadingInt(e["num_experts"])));
                else
                    QCOMPARE(m->numExperts, 0);
                if (e["params"]["total_computed_B"])
                    QCOMPARE(m->totalParamsB, e["params"]["total_computed_B"].as<double>());
                // KV cache bytes/token (BF16, full attention) as the reference states it:
                // 2 x layers x kv_heads x head_dim x 2 bytes; MLA: layers x (kv_lora_rank + rope dim) x 2
                // bytes.
                const YAML::Node kvPlain = e["kv_cache_bytes_per_token_bf16"];
                const YAML::Node kv = kvPlain ? kvPlain : e["kv_cache_bytes_per_token_bf16_full_attention"];
                QVERIFY(kv.IsDefined() && kv.IsScalar());
                const long long bytes = m->multiLatentAttention
                                            ? 1LL * m->numLayers * (m->kvLoraRank + m->qkRopeHeadDim) * 2
                                            : 2LL * m->numLayers * m->numKeyValueHeads * m->headDim * 2;
                QCOMPARE(bytes, kv.as<long long>());
                ++checked;
            }
        }
        QCOMPARE(checked, 28);
    }

    // The stored totals and splits agree with the parameter formula of hfconfig.cpp.
    void agreesWithFormula()
    {
        const ModelFactsResult facts = loadModelFacts();
        for (const ModelArchitecture &stored : facts.models) {
            ModelArchitecture m = stored;
            computeParameterCounts(&m);
            const bool deepseek = stored.multiLatentAttention; // official figures, not computed ones
            QVERIFY2(std::abs(m.totalParamsB / stored.totalParamsB - 1) < 0.001,
                     qPrintable(QStringLiteral("%1 total %2 vs %3")
                                    .arg(stored.id)
                                    .arg(m.totalParamsB)
                                    .arg(stored.totalParamsB)));
            // DeepSeek: official 36.7B active vs formula 37.55B (2.3%); all others within 0.1%.
            QVERIFY2(std::abs(m.activeParamsB / stored.activeParamsB - 1) < (deepseek ? 0.03 : 0.001),
                     qPrintable(QStringLiteral("%1 active %2 vs %3")
                                    .arg(stored.id)
                                    .arg(m.activeParamsB)
                                    .arg(stored.activeParamsB)));
            QVERIFY2(std::abs(m.expertParamsB - stored.expertParamsB) < 0.001, qPrintable(stored.id));
            QVERIFY2(std::abs(m.embeddingParamsB - stored.embeddingParamsB) < 0.001, qPrintable(stored.id));
        }
    }

    void specificFacts()
    {
        const ModelFactsResult facts = loadModelFacts();
        const ModelArchitecture *oss = findModel(facts.models, QStringLiteral("openai/gpt-oss-120b"));
        QVERIFY(oss);
        QCOMPARE(oss->numSlidingLayers, 18); // "128 on half the layers (18 sliding, 18 full)"
        QCOMPARE(oss->slidingWindow, 128);
        QCOMPARE(oss->nativePrecision, QStringLiteral("mxfp4"));
        QCOMPARE(oss->nonExpertPrecision, QStringLiteral("bf16"));
        QCOMPARE(oss->moeIntermediateSize, 2880); // "2880 per expert"
        const ModelArchitecture *ds = findModel(facts.models, QStringLiteral("deepseek-ai/DeepSeek-V3"));
        QVERIFY(ds);
        QCOMPARE(ds->nativePrecision, QStringLiteral("fp8"));
        QCOMPARE(ds->numDenseLayers, 3);
        QCOMPARE(ds->kvLoraRank, 512);
        QCOMPARE(ds->qkRopeHeadDim, 64);
        QCOMPARE(ds->moeIntermediateSize, 2048);
        QCOMPARE(ds->intermediateSize, 18432);
        const ModelArchitecture *g = findModel(facts.models, QStringLiteral("google/gemma-3-12b-it"));
        QVERIFY(g);
        QCOMPARE(g->numSlidingLayers, 40); // 48 - floor(48 / 6)
        QCOMPARE(g->slidingWindow, 1024);
        const ModelArchitecture *q = findModel(facts.models, QStringLiteral("Qwen/Qwen3-235B-A22B"));
        QVERIFY(q);
        QCOMPARE(q->moeIntermediateSize, 1536); // "1536 per expert; dense 12288 unused"
        QCOMPARE(q->expertsPerToken, 8);
    }

    void loaderErrors_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("expected"); // after the path
        QByteArray missing = kValidEntry;
        missing.replace("  num_layers: 32\n", "");
        QTest::newRow("missing field") << missing << QStringLiteral(":2: missing required field num_layers");
        QByteArray badInt = kValidEntry;
        badInt.replace("hidden_size: 4096", "hidden_size: wide");
        QTest::newRow("not an integer")
            << badInt << QStringLiteral(":4: field hidden_size must be an integer");
        QByteArray zero = kValidEntry;
        zero.replace("num_attention_heads: 32", "num_attention_heads: 0");
        QTest::newRow("zero heads") << zero
                                    << QStringLiteral(":6: field num_attention_heads = 0 is out of range");
        QByteArray unknown = kValidEntry + "  colour: blue\n";
        QTest::newRow("unknown field") << unknown << QStringLiteral(":17: unknown field colour");
        QByteArray kv = kValidEntry;
        kv.replace("num_key_value_heads: 8", "num_key_value_heads: 7");
        QTest::newRow("kv") << kv << QStringLiteral(":7: num_key_value_heads does not divide");
        QByteArray prec = kValidEntry;
        prec.replace("native_precision: bf16", "native_precision: fp7");
        QTest::newRow("precision") << prec << QStringLiteral(":13: native_precision must be one of");
        QTest::newRow("syntax") << QByteArray("models:\n- ids: [a\n") << QStringLiteral(":");
        QTest::newRow("no list") << QByteArray("model: 1\n") << QStringLiteral(": missing list `models`");
    }
    void loaderErrors()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const QString path = writeFile(dir, content);
        const ModelFactsResult r = loadModelFacts(path);
        QVERIFY(!r.errors.isEmpty());
        QVERIFY(r.models.isEmpty());
        QVERIFY2(r.errors.first().startsWith(path + expected), qPrintable(r.errors.join(QLatin1Char('\n'))));
    }

    void validFileLoads()
    {
        QTemporaryDir dir;
        const ModelFactsResult r = loadModelFacts(writeFile(dir, kValidEntry));
        QVERIFY2(r.errors.isEmpty(), qPrintable(r.errors.join(QLatin1Char('\n'))));
        QCOMPARE(r.models.size(), 1);
        QCOMPARE(r.models.first().id, QStringLiteral("a/b"));
        const ModelFactsResult none = loadModelFacts(dir.filePath(QStringLiteral("nope.yaml")));
        QVERIFY(none.errors.first().contains(QStringLiteral("nope.yaml: cannot open")));
    }
};

QTEST_GUILESS_MAIN(TestFacts)
#include "tst_estimator_facts.moc"
