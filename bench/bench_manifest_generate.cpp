// How long generating one manifest set takes (target: <= 5 ms). Run with -median 5; see docs/benchmarks.md.

#include "manifest/manifestgenerator.h"

#include <QtTest>

using namespace iq;
using namespace iq::manifest;

class BenchManifestGenerate : public QObject
{
    Q_OBJECT

private:
    static ManifestRequest request(bool withExtras)
    {
        // google/gemma-2-27b-it (54.5 GB) on g2-standard-48 (4 x L4, 48 vCPUs, 192 GB).
        ManifestRequest r;
        r.model = QStringLiteral("google/gemma-2-27b-it");
        r.modelServer = QStringLiteral("vllm");
        r.modelServerVersion = QStringLiteral("v0.7.2");
        r.accelerator = QStringLiteral("nvidia-l4");
        r.acceleratorCount = 4;
        r.instanceType = QStringLiteral("g2-standard-48");
        r.machineVcpus = 48;
        r.machineMemoryGiB = 192;
        r.modelWeightsGB = 54.5;
        r.maxModelLength = 8192;
        r.gpuMemoryUtilization = 0.9;
        r.generatedOn = QStringLiteral("2026-01-15");
        if (withExtras) {
            r.modelBucketUri = QStringLiteral("gs://my-models/gemma-2-27b-it");
            HpaSpec h;
            h.averageValue = 3;
            h.maxReplicas = 8;
            r.hpa = h;
        }
        return r;
    }

private slots:
    void generate_data()
    {
        QTest::addColumn<bool>("extras");
        QTest::newRow("deployment+service+monitoring") << false;
        QTest::newRow("with bucket and HPA") << true;
    }

    // Building the trees and writing the text, as the CLI and the YAML pane do.
    void generate()
    {
        QFETCH(bool, extras);
        const ManifestRequest r = request(extras);
        qsizetype size = 0;
        QBENCHMARK
        {
            const ManifestResult result = generateManifests(r);
            size += result.set.text(OutputMode::All).size();
        }
        QVERIFY(size > 0);
    }
};

QTEST_GUILESS_MAIN(BenchManifestGenerate)
#include "bench_manifest_generate.moc"
