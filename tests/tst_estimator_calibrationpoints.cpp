// Calibration points (resources/estimator/calibration-points.yaml): loading, selection against
// resources/reference/measured.yaml and the model table, and loader errors.

#include "estimator/calibrationpoints.h"
#include "estimator/modelfacts.h"

#include <QSet>
#include <QTemporaryDir>
#include <QtTest>

#include <yaml-cpp/yaml.h>

using namespace iq;

namespace {

YAML::Node loadResource(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return YAML::Load(f.readAll().toStdString());
}

const CalibrationPoint *byId(const QList<CalibrationPoint> &points, const QString &id)
{
    for (const CalibrationPoint &p : points)
        if (p.id == id)
            return &p;
    return nullptr;
}

const QByteArray kValid = "points:\n"
                          "- id: p1\n"
                          "  model: a/b\n"
                          "  server: vllm\n"
                          "  accelerator: nvidia-l4\n"
                          "  accelerator_count: 1\n"
                          "  precision: bf16\n"
                          "  load: {kind: poisson, rate: 2.5}\n"
                          "  lengths: {kind: fixed, input: 100, output: 50}\n"
                          "  metrics: {output_tokens_per_s: 120, ttft_ms_p99: 80}\n"
                          "  source: https://example.org/run\n";

} // namespace

class TestCalibrationPoints : public QObject
{
    Q_OBJECT

private slots:
    void loadsEmbeddedFile()
    {
        QStringList errors;
        const QList<CalibrationPoint> points =
            loadCalibrationPoints(QStringLiteral(":/estimator/calibration-points.yaml"), &errors);
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join(QLatin1Char('\n'))));
        QCOMPARE(points.size(), 39);
        const ModelFactsResult facts = loadModelFacts();
        QVERIFY(facts.errors.isEmpty());
        const QStringList servers = {QStringLiteral("vllm"), QStringLiteral("sglang"),
                                     QStringLiteral("tensorrt-llm")};
        for (const CalibrationPoint &p : points) {
            QVERIFY2(findModel(facts.models, p.model), qPrintable(p.id + QStringLiteral(": ") + p.model));
            QVERIFY2(servers.contains(p.server), qPrintable(p.id));
            QVERIFY2(isKnown(p.outputTokensPerSecond), qPrintable(p.id));
            QVERIFY(p.acceleratorCount >= 1);
            QVERIFY2(p.source.startsWith(QStringLiteral("https://")), qPrintable(p.id));
            QVERIFY2(isKnown(p.meanInputTokens) || p.lengths == CalibrationPoint::Lengths::ShareGpt,
                     qPrintable(p.id));
        }
    }

    // Every measured.yaml point is either selected or skipped with a reason, never both.
    void coversMeasuredPoints()
    {
        const YAML::Node measured = loadResource(QStringLiteral(":/reference/measured.yaml"));
        const YAML::Node cal = loadResource(QStringLiteral(":/estimator/calibration-points.yaml"));
        QSet<QString> measuredIds, selected, skipped;
        for (const YAML::Node &p : measured["points"])
            measuredIds.insert(QString::fromStdString(p["id"].as<std::string>()));
        for (const YAML::Node &p : cal["points"])
            selected.insert(QString::fromStdString(p["id"].as<std::string>()));
        for (const YAML::Node &p : cal["skipped"]) {
            skipped.insert(QString::fromStdString(p["id"].as<std::string>()));
            QVERIFY(!p["reason"].as<std::string>().empty());
        }
        QCOMPARE(measuredIds.size(), measured["meta"]["count"].as<int>()); // 50
        QVERIFY(!selected.intersects(skipped));
        QCOMPARE(selected + skipped, measuredIds);
        QVERIFY(
            skipped.contains(QStringLiteral("mlperf41-nv-h100x8-llama2-70b-offline"))); // no Llama-2 facts
    }

    void normalisedValues()
    {
        const QList<CalibrationPoint> points = loadCalibrationPoints();
        // trtllm-perf-overview-02: Llama-3.1-8B FP8, 1x H100, ISL/OSL 1000/1000, 3000 requests offline, 15220
        // tok/s.
        const CalibrationPoint *p = byId(points, QStringLiteral("trtllm-perf-overview-02"));
        QVERIFY(p);
        QCOMPARE(p->model, QStringLiteral("meta-llama/Llama-3.1-8B-Instruct"));
        QCOMPARE(p->server, QStringLiteral("tensorrt-llm"));
        QCOMPARE(p->accelerator, QStringLiteral("nvidia-h100-80gb"));
        QCOMPARE(p->acceleratorCount, 1);
        QCOMPARE(p->precision, QStringLiteral("fp8"));
        QCOMPARE(p->load, CalibrationPoint::Load::Offline);
        QCOMPARE(p->lengths, CalibrationPoint::Lengths::Fixed);
        QCOMPARE(p->inputTokens, 1000);
        QCOMPARE(p->outputTokens, 1000);
        QCOMPARE(p->numPrompts, 3000);
        QCOMPARE(p->outputTokensPerSecond, 15220.0);
        // GPUStack Qwen3-8B latency run: concurrency 4, 100 prompts, ShareGPT; mean input 23260 / 100 =
        // 232.6.
        p = byId(points, QStringLiteral("gpustack-qwen3-8b-h100-latency-tensorrt-llm"));
        QVERIFY(p);
        QCOMPARE(p->load, CalibrationPoint::Load::Concurrency);
        QCOMPARE(p->concurrency, 4.0);
        QCOMPARE(p->numPrompts, 100);
        QCOMPARE(p->lengths, CalibrationPoint::Lengths::ShareGpt);
        QCOMPARE(p->meanInputTokens, 232.6);
        QCOMPARE(p->meanOutputTokens, 220.6); // 22061 / 100 rounded to 0.1
        QCOMPARE(p->ttftMs.mean, 51.61);
        QCOMPARE(p->ttftMs.p50, 45.46);
        QCOMPARE(p->tpotMs.p99, 10.15);
        QCOMPARE(p->itlMs.mean, 7.59);
        // GIQ seed row: latency-bound operating point with NTPOT and TTFT means.
        p = byId(points, QStringLiteral("giq-seed-gpt-oss-20b-vllm-h100"));
        QVERIFY(p);
        QCOMPARE(p->load, CalibrationPoint::Load::OperatingPoint);
        QCOMPARE(p->precision, QStringLiteral("mxfp4"));
        QCOMPARE(p->ntpotMs.mean, 67.0);
        QCOMPARE(p->ttftMs.mean, 297.0);
        // Published GIQ output (GIQ-INTERFACE.md): gemma-2-27b-it on 4x L4, NTPOT only.
        p = byId(points, QStringLiteral("giq-published-gemma-2-27b-it-vllm-l4x4"));
        QVERIFY(p);
        QCOMPARE(p->load, CalibrationPoint::Load::OperatingPoint);
        QCOMPARE(p->accelerator, QStringLiteral("nvidia-l4"));
        QCOMPARE(p->acceleratorCount, 4);
        QCOMPARE(p->outputTokensPerSecond, 425.0);
        QCOMPARE(p->ntpotMs.mean, 1085.0);
        QVERIFY(!isKnown(p->ttftMs.mean));
        // GPUStack DeepSeek-R1-0528 mapped to the DeepSeek-R1 architecture, FP8 checkpoint.
        p = byId(points, QStringLiteral("gpustack-deepseek-r1-h200-sglang"));
        QVERIFY(p);
        QCOMPARE(p->model, QStringLiteral("deepseek-ai/DeepSeek-R1"));
        QCOMPARE(p->measuredModel, QStringLiteral("deepseek-ai/DeepSeek-R1-0528"));
        QCOMPARE(p->precision, QStringLiteral("fp8"));
        QCOMPARE(calibrationLoadName(p->load), QStringLiteral("offline"));
    }

    void loaderErrors_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("expected");
        QByteArray noModel = kValid;
        noModel.replace("  model: a/b\n", "");
        QTest::newRow("missing model") << noModel << QStringLiteral(":2: missing required field model");
        QByteArray badLoad = kValid;
        badLoad.replace("kind: poisson, rate: 2.5", "kind: burst");
        QTest::newRow("bad load") << badLoad << QStringLiteral(":8: load.kind \"burst\" is not one of");
        QByteArray noRate = kValid;
        noRate.replace("kind: poisson, rate: 2.5", "kind: poisson");
        QTest::newRow("no rate") << noRate << QStringLiteral(":8: missing required field rate");
        QByteArray badCount = kValid;
        badCount.replace("accelerator_count: 1", "accelerator_count: 0");
        QTest::newRow("count") << badCount
                               << QStringLiteral(":6: field accelerator_count must be a number >= 1");
        QByteArray metric = kValid;
        metric.replace("ttft_ms_p99", "ttft_p99");
        QTest::newRow("unknown metric") << metric << QStringLiteral(":10: unknown metric ttft_p99");
        QTest::newRow("syntax") << QByteArray("points: [\n") << QStringLiteral(":");
    }
    void loaderErrors()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("cal.yaml"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(content);
        f.close();
        QStringList errors;
        const QList<CalibrationPoint> points = loadCalibrationPoints(path, &errors);
        QVERIFY(points.isEmpty());
        QVERIFY(!errors.isEmpty());
        QVERIFY2(errors.first().startsWith(path + expected), qPrintable(errors.join(QLatin1Char('\n'))));
    }

    void validFile()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("cal.yaml"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(kValid);
        f.close();
        QStringList errors;
        const QList<CalibrationPoint> points = loadCalibrationPoints(path, &errors);
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join(QLatin1Char('\n'))));
        QCOMPARE(points.size(), 1);
        QCOMPARE(points.first().load, CalibrationPoint::Load::PoissonRate);
        QCOMPARE(points.first().requestRate, 2.5);
        QCOMPARE(points.first().ttftMs.p99, 80.0);
        QVERIFY(!isKnown(points.first().ttftMs.mean));
    }
};

QTEST_GUILESS_MAIN(TestCalibrationPoints)
#include "tst_estimator_calibrationpoints.moc"
