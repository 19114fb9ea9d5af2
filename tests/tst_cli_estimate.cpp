// `iq estimate`: JSON shape of a point and of a curve, infeasible answers (exit 3), unknown names (exit 2
// with suggestions), table provenance label, flag conflicts. In-process through iq::cli::estimate, plus one
// run of the binary.

#include "cli/commands.h"
#include "testsupport.h"

#include <QBuffer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace iq::cli;

namespace {

struct Run
{
    int code = -1;
    QString out;
    QString err;
};

Run runEstimate(const QStringList &args)
{
    Run r;
    QTextStream out(&r.out);
    QTextStream err(&r.err);
    QBuffer in;
    in.open(QIODevice::ReadOnly);
    CliIo io{out, err, in, QProcessEnvironment::systemEnvironment()};
    r.code = estimate(args, io);
    out.flush();
    err.flush();
    return r;
}

const QStringList kLatencies{QStringLiteral("ttft_ms"), QStringLiteral("tpot_ms"), QStringLiteral("ntpot_ms"),
                             QStringLiteral("itl_ms"), QStringLiteral("e2e_ms")};

void checkPoint(const QJsonObject &p)
{
    for (const char *key :
         {"request_rate", "concurrency", "input_tokens_per_second", "output_tokens_per_second"})
        QVERIFY2(p.value(QLatin1String(key)).isDouble(), key);
    for (const QString &key : kLatencies) {
        const QJsonObject s = p.value(key).toObject();
        for (const char *stat : {"mean", "p50", "p90", "p99"})
            QVERIFY2(s.value(QLatin1String(stat)).isDouble(),
                     qPrintable(key + QLatin1Char('.') + QLatin1String(stat)));
    }
    QCOMPARE(p.value(QLatin1String("provenance")).toString(), QStringLiteral("estimated"));
}

} // namespace

class TestCliEstimate : public QObject
{
    Q_OBJECT
private slots:
    void singlePointJson()
    {
        const Run r = runEstimate({QStringLiteral("--model=meta-llama/Llama-3.1-8B-Instruct"),
                                   QStringLiteral("--accelerator-type=nvidia-l4"),
                                   QStringLiteral("--request-rate=1"), QStringLiteral("--format=json")});
        QVERIFY2(r.code == ExitOk, qPrintable(r.err));
        const QJsonDocument doc = QJsonDocument::fromJson(r.out.toUtf8());
        QVERIFY(doc.isObject());
        checkPoint(doc.object());
        QCOMPARE(doc.object().value(QLatin1String("request_rate")).toDouble(), 1.0);
    }

    void curveJsonIsAnArray()
    {
        const Run r = runEstimate({QStringLiteral("--model=meta-llama/Llama-3.1-8B-Instruct"),
                                   QStringLiteral("--accelerator-type=nvidia-h100-80gb"),
                                   QStringLiteral("--input-length=512"),
                                   QStringLiteral("--output-length=128"), QStringLiteral("--format=json")});
        QVERIFY2(r.code == ExitOk, qPrintable(r.err));
        const QJsonDocument doc = QJsonDocument::fromJson(r.out.toUtf8());
        QVERIFY(doc.isArray());
        QCOMPARE(doc.array().size(), 20);
        for (const QJsonValue &v : doc.array())
            checkPoint(v.toObject());
    }

    void infeasibleExit3()
    {
        const Run r =
            runEstimate({QStringLiteral("--model=meta-llama/Llama-3.1-70B-Instruct"),
                         QStringLiteral("--accelerator-type=nvidia-l4"), QStringLiteral("--format=json")});
        QCOMPARE(r.code, int(ExitInfeasible));
        const QJsonObject o = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(o.value(QLatin1String("feasible")).toBool(true), false);
        QVERIFY2(o.value(QLatin1String("reason"))
                     .toString()
                     .contains(QStringLiteral("do not fit in 1× nvidia-l4 (24 GB)")),
                 qPrintable(o.value(QLatin1String("reason")).toString()));
        QVERIFY(r.err.contains(QStringLiteral("needs ≥ 8 with tensor parallelism")));
    }

    void unknownNamesExit2WithSuggestions()
    {
        Run r = runEstimate({QStringLiteral("--model=meta-llama/Llama-3.1-8B-Instrct"),
                             QStringLiteral("--accelerator-type=nvidia-l4")});
        QCOMPARE(r.code, int(ExitUsage));
        QVERIFY2(r.err.contains(QLatin1String("meta-llama/Llama-3.1-8B-Instruct")), qPrintable(r.err));
        r = runEstimate({QStringLiteral("--model=meta-llama/Llama-3.1-8B-Instruct"),
                         QStringLiteral("--accelerator-type=nvidia-l5")});
        QCOMPARE(r.code, int(ExitUsage));
        QVERIFY2(r.err.contains(QLatin1String("nvidia-l4")), qPrintable(r.err));
        r = runEstimate({QStringLiteral("--model=meta-llama/Llama-3.1-8B-Instruct"),
                         QStringLiteral("--accelerator-type=tpu-v6e-slice"),
                         QStringLiteral("--model-server=sglang")});
        QCOMPARE(r.code, int(ExitUsage));
        r = runEstimate({QStringLiteral("--model=meta-llama/Llama-3.1-8B-Instruct"),
                         QStringLiteral("--accelerator-type=nvidia-l4"), QStringLiteral("--request-rate=1"),
                         QStringLiteral("--concurrency=4")});
        QCOMPARE(r.code, int(ExitUsage));
    }

    void tableShowsProvenance()
    {
        const Run r =
            runEstimate({QStringLiteral("--model=meta-llama/Llama-3.1-8B-Instruct"),
                         QStringLiteral("--accelerator-type=nvidia-l4"), QStringLiteral("--concurrency=4")});
        QVERIFY2(r.code == ExitOk, qPrintable(r.err));
        QVERIFY2(r.out.contains(QStringLiteral("estimated (iq-estimator 1.0, ±")), qPrintable(r.out));
        QVERIFY(r.out.contains(QLatin1String("OUTPUT TOK/S")));
    }

    void anyHuggingFaceConfig()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QFile f(dir.filePath(QStringLiteral("config.json")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        // Llama-3.1-8B's config.json fields
        f.write(R"({"architectures":["LlamaForCausalLM"],"hidden_size":4096,"num_hidden_layers":32,
                   "num_attention_heads":32,"num_key_value_heads":8,"intermediate_size":14336,
                   "vocab_size":128256,"max_position_embeddings":131072,"torch_dtype":"bfloat16",
                   "tie_word_embeddings":false,"model_type":"llama"})");
        f.close();
        const Run r = runEstimate({QStringLiteral("--model-config=") + f.fileName(),
                                   QStringLiteral("--accelerator-type=nvidia-h100-80gb"),
                                   QStringLiteral("--request-rate=2"), QStringLiteral("--format=json")});
        QVERIFY2(r.code == ExitOk, qPrintable(r.err));
        checkPoint(QJsonDocument::fromJson(r.out.toUtf8()).object());
        const Run bad =
            runEstimate({QStringLiteral("--model-config=") + dir.filePath(QStringLiteral("missing.json")),
                         QStringLiteral("--accelerator-type=nvidia-h100-80gb")});
        QCOMPARE(bad.code, int(ExitUsage));
    }

    void binaryRuns()
    {
        const iqtest::ProcessResult p =
            iqtest::runIq({QStringLiteral("estimate"), QStringLiteral("--model=Qwen/Qwen3-8B"),
                           QStringLiteral("--accelerator-type=nvidia-l4"),
                           QStringLiteral("--num-prompts=200"), QStringLiteral("--format=csv")});
        QVERIFY2(p.exitCode == 0, qPrintable(p.errText()));
        QVERIFY(p.outText().startsWith(QLatin1String("QPS,")));
    }
};

QTEST_GUILESS_MAIN(TestCliEstimate)
#include "tst_cli_estimate.moc"
