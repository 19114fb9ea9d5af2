// estimate(): feasibility with reasons, curve shape (sweep from light load past saturation), single load
// points, determinism, provenance; and the committed calibration (targets, reproducibility).

#include "catalog/referencedata.h"
#include "estimator/calibrationfit.h"
#include "estimator/estimator.h"
#include "estimator/modelfacts.h"
#include "estimatorfixtures.h"

#include <QTest>

using namespace iq;
using namespace iq::testfixtures;

class TestEstimate : public QObject
{
    Q_OBJECT
private:
    EstimateRequest llamaOnL4(EstimateRequest::LoadKind load) const
    {
        EstimateRequest r;
        r.model = llama8b();
        r.accelerator = l4();
        r.load = load;
        r.requestsPerPoint = 500; // keeps the suite fast; the bench runs 2,000
        return r;
    }

private slots:
    void infeasibleHasReasonAndNoCurve()
    {
        EstimateRequest r = llamaOnL4(EstimateRequest::Sweep);
        r.model = llama70b();
        const EstimateResult e = estimate(r, Calibration{});
        QVERIFY(!e.feasible);
        QVERIFY(e.points.isEmpty());
        QCOMPARE(e.reason,
                 QStringLiteral("141.1 GB of bf16 weights do not fit in 1× nvidia-l4 (24 GB); needs ≥ 8 "
                                "with tensor parallelism"));
        // a server that does not run on the hardware
        EstimateRequest t = llamaOnL4(EstimateRequest::Rate);
        t.modelServer = QStringLiteral("vllm-tpu");
        QVERIFY(!estimate(t, Calibration{}).feasible);
        // a request longer than the KV cache
        EstimateRequest longReq = llamaOnL4(EstimateRequest::Rate);
        longReq.rate = 1;
        longReq.lengths = LengthDistribution::fixed(30000, 2000);
        const EstimateResult le = estimate(longReq, Calibration{});
        QVERIFY(!le.feasible);
        QVERIFY2(
            le.reason.contains(QLatin1String("cannot hold the workload's longest request (32000 tokens)")),
            qPrintable(le.reason));
    }

    void sweepGoesPastSaturation()
    {
        const EstimateResult e = estimate(llamaOnL4(EstimateRequest::Sweep), Calibration{});
        QVERIFY2(e.feasible, qPrintable(e.reason));
        QCOMPARE(e.points.size(), 20);
        QVERIFY(e.saturationRequestRate > 0);
        for (int i = 1; i < e.points.size(); ++i)
            QVERIFY(e.points[i].requestRate > e.points[i - 1].requestRate);
        QCOMPARE(e.points.last().requestRate, 1.2 * e.saturationRequestRate);
        for (const BenchmarkPoint &p : e.points) {
            QVERIFY(isKnown(p.outputTokensPerSecond) && isKnown(p.ttftMs.p99) && isKnown(p.tpotMs.mean) &&
                    isKnown(p.ntpotMs.p50) && isKnown(p.itlMs.p90) && isKnown(p.e2eMs.mean) &&
                    isKnown(p.queueSize) && isKnown(p.runningBatchSize) && isKnown(p.kvCacheUtilization));
            QCOMPARE(p.totalTokensPerSecond, p.inputTokensPerSecond + p.outputTokensPerSecond);
        }
        // light load: no queue, TTFT ~ one prefill; last point: a queue and a much larger TTFT
        QVERIFY(e.points.first().queueSize < 0.1);
        QVERIFY(e.points.last().ttftMs.mean > 3 * e.points.first().ttftMs.mean);
        QVERIFY(e.points.last().runningBatchSize > 5 * e.points.first().runningBatchSize);
    }

    void singlePointsAndDeterminism()
    {
        EstimateRequest rate = llamaOnL4(EstimateRequest::Rate);
        rate.rate = 1.5;
        const EstimateResult a = estimate(rate, Calibration{});
        QVERIFY2(a.feasible, qPrintable(a.reason));
        QCOMPARE(a.points.size(), 1);
        QCOMPARE(a.points[0].requestRate, 1.5);
        QVERIFY(a.points[0] == estimate(rate, Calibration{}).points[0]);
        rate.seed = 7;
        QVERIFY(!(a.points[0] == estimate(rate, Calibration{}).points[0]));

        EstimateRequest conc = llamaOnL4(EstimateRequest::Concurrency);
        conc.concurrency = 8;
        const EstimateResult c = estimate(conc, Calibration{});
        QCOMPARE(c.points.size(), 1);
        QCOMPARE(c.points[0].concurrency, 8.0);

        EstimateRequest off = llamaOnL4(EstimateRequest::Offline);
        off.numPrompts = 300;
        off.lengths = LengthDistribution::fixed(512, 128);
        const EstimateResult o = estimate(off, Calibration{});
        QVERIFY2(o.feasible, qPrintable(o.reason));
        // offline: input/output tokens per second in the workload's 512:128 ratio
        QCOMPARE(o.points[0].inputTokensPerSecond, 4 * o.points[0].outputTokensPerSecond);
    }

    void provenanceIsEstimated()
    {
        EstimateRequest r = llamaOnL4(EstimateRequest::Rate);
        r.rate = 1;
        const Calibration cal;
        const EstimateResult e = estimate(r, cal);
        const Provenance p = e.provenance();
        QCOMPARE(p.kind, Provenance::Kind::Estimated);
        QCOMPARE(p.estimatorVersion, QStringLiteral("iq-estimator 1.0"));
        // no fitted entry in an empty calibration: borrowed defaults, wide band
        QVERIFY(e.calibrationBorrowed);
        QCOMPARE(p.errorBandPercent, cal.uncalibratedErrorBandPercent);
    }

    void committedCalibrationMeetsTargets()
    {
        Calibration cal;
        QString error;
        QVERIFY2(loadCalibration(QStringLiteral(IQ_SOURCE_DIR "/resources/estimator/calibration.yaml"), &cal,
                                 &error),
                 qPrintable(error));
        QVERIFY(!cal.entries.isEmpty());
        QVERIFY(cal.summary.throughputPoints >= 20);
        // targets: median APE <= 20% output throughput, <= 30% TTFT and TPOT (docs/estimator.md)
        QVERIFY2(cal.summary.throughputMdape <= 20, qPrintable(QString::number(cal.summary.throughputMdape)));
        QVERIFY2(cal.summary.ttftMdape <= 30, qPrintable(QString::number(cal.summary.ttftMdape)));
        QVERIFY2(cal.summary.tpotMdape <= 30, qPrintable(QString::number(cal.summary.tpotMdape)));
        // the summary is the median of the residuals the file lists
        QCOMPARE(summarise(cal.residuals).throughputMdape, cal.summary.throughputMdape);
        // nvidia-l4 has its own vLLM factors, fitted to GIQ's published gemma-2-27b-it 4x L4 operating point
        // (compared at the same NTPOT), and that point is within the stated band of calibrated families.
        const CalibrationEntry *l4 = cal.entry(QStringLiteral("l4"), QStringLiteral("vllm"));
        QVERIFY(l4);
        QVERIFY(l4->usableForEstimates());
        bool borrowed = true;
        cal.factorsFor(QStringLiteral("l4"), QStringLiteral("vllm"), &borrowed);
        QVERIFY(!borrowed);
        int l4Residuals = 0;
        for (const CalibrationResidual &r : cal.residuals) {
            if (r.pointId != QLatin1String("giq-published-gemma-2-27b-it-vllm-l4x4"))
                continue;
            ++l4Residuals;
            QCOMPARE(r.metric, QStringLiteral("output_tokens_per_second"));
            QCOMPARE(r.measured, 425.0);
            QVERIFY2(r.absPercentError <= cal.calibratedErrorBandPercent,
                     qPrintable(QString::number(r.absPercentError)));
        }
        QCOMPARE(l4Residuals, 1);
    }

    void committedCalibrationIsReproducible()
    {
        // Re-simulating every calibration point with the committed factors gives the committed predictions.
        Calibration cal;
        QString error;
        QVERIFY(loadCalibration(QStringLiteral(IQ_SOURCE_DIR "/resources/estimator/calibration.yaml"), &cal,
                                &error));
        QStringList errors;
        const QList<CalibrationPoint> points = loadCalibrationPoints(
            QStringLiteral(IQ_SOURCE_DIR "/resources/estimator/calibration-points.yaml"), &errors);
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join(QLatin1Char('\n'))));
        const ModelFactsResult facts =
            loadModelFacts(QStringLiteral(IQ_SOURCE_DIR "/resources/estimator/models.yaml"));
        const ReferenceData ref = loadReferenceData(QStringLiteral(IQ_SOURCE_DIR "/resources/reference"));
        const QList<PreparedPoint> prepared = preparePoints(points, facts.models, ref.accelerators, nullptr);
        int compared = 0;
        for (const PreparedPoint &pp : prepared) {
            const CalibrationEntry *entry = cal.entry(pp.family, pp.server);
            QVERIFY2(entry, qPrintable(pp.family + QLatin1Char('/') + pp.server));
            const EfficiencyFactors f = entry->factors;
            for (const CalibrationResidual &r : evaluatePoint(pp, f)) {
                for (const CalibrationResidual &c : cal.residuals) {
                    if (c.pointId == r.pointId && c.metric == r.metric) {
                        QVERIFY2(std::abs(c.predicted - r.predicted) <= 1e-4 * std::abs(c.predicted),
                                 qPrintable(r.pointId + QLatin1Char(' ') + r.metric));
                        ++compared;
                    }
                }
            }
        }
        QCOMPARE(compared, cal.residuals.size());
    }
};

QTEST_GUILESS_MAIN(TestEstimate)
#include "tst_estimator_estimate.moc"
