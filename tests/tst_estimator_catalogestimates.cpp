// buildEstimatedProfiles(): one profile per machine type of every feasible combination, provenance
// "estimated", and the same result for any number of threads.

#include "catalog/referencedata.h"
#include "estimator/catalogestimates.h"

#include <QTest>
#include <QThreadPool>

using namespace iq;

class TestCatalogEstimates : public QObject
{
    Q_OBJECT
private:
    static QList<Profile> build(int threads)
    {
        const ReferenceData ref = loadReferenceData(QStringLiteral(IQ_SOURCE_DIR "/resources/reference"));
        CatalogData data;
        data.accelerators = ref.accelerators;
        data.machineTypes = ref.machineTypes;
        EstimateBuildOptions o;
        o.models = {QStringLiteral("Qwen/Qwen3-8B")};
        o.requestsPerPoint = 200;
        o.sweepPoints = 5;
        o.date = QStringLiteral("2026-01-01");
        QThreadPool::globalInstance()->setMaxThreadCount(threads);
        QStringList log;
        return buildEstimatedProfiles(data, o, &log);
    }

private slots:
    void profilesAreEstimatedAndDeterministic()
    {
        const QList<Profile> one = build(1);
        const QList<Profile> two = build(2);
        QVERIFY(!one.isEmpty());
        QVERIFY(one == two);
        const ReferenceData ref = loadReferenceData(QStringLiteral(IQ_SOURCE_DIR "/resources/reference"));
        bool sawSglang = false, sawTpu = false;
        for (const Profile &p : one) {
            QCOMPARE(p.model, QStringLiteral("Qwen/Qwen3-8B"));
            QCOMPARE(p.provenance.kind, Provenance::Kind::Estimated);
            QCOMPARE(p.provenance.estimatorVersion, QStringLiteral("iq-estimator 1.0"));
            QVERIFY(isKnown(p.provenance.errorBandPercent));
            QCOMPARE(p.points.size(), 5);
            QCOMPARE(p.useCase, QStringLiteral("Chatbot (ShareGPT)"));
            bool machineMatches = false;
            for (const MachineType &m : ref.machineTypes) {
                if (m.name == p.instanceType && m.accelerator == p.accelerator &&
                    m.acceleratorCount == p.acceleratorCount)
                    machineMatches = true;
            }
            QVERIFY2(machineMatches, qPrintable(p.instanceType));
            sawSglang |= p.modelServer == QLatin1String("sglang");
            sawTpu |= p.modelServer == QLatin1String("vllm-tpu");
            QVERIFY(p.accelerator.startsWith(QLatin1String("tpu")) ==
                    (p.modelServer == QLatin1String("vllm-tpu")));
            // 8.2e9 bf16 weights (16.4 GB) do not fit one 16 GB v5e chip: never offered
            QVERIFY(!(p.accelerator == QLatin1String("tpu-v5-lite-podslice") && p.acceleratorCount == 1));
        }
        QVERIFY(sawSglang);
        QVERIFY(sawTpu);
    }
};

QTEST_GUILESS_MAIN(TestCatalogEstimates)
#include "tst_estimator_catalogestimates.moc"
