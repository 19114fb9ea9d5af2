// Replica count for a target load (headroom 0.1 = HPA tolerance) and the HPA metric/target rule.
#include "analysis/replicas.h"

#include <QTest>

using namespace iq;

namespace {

BenchmarkPoint op(double rate, double out, double queue, double batch)
{
    BenchmarkPoint p;
    p.requestRate = rate;
    p.outputTokensPerSecond = out;
    p.queueSize = queue;
    p.runningBatchSize = batch;
    return p;
}

} // namespace

class TestAnalysisReplicas : public QObject
{
    Q_OBJECT
private slots:
    void plan_data();
    void plan();
    void planErrors();
    void hpa_data();
    void hpa();
};

void TestAnalysisReplicas::plan_data()
{
    QTest::addColumn<double>("rps");
    QTest::addColumn<double>("otps");
    QTest::addColumn<double>("headroom");
    QTest::addColumn<int>("replicas");
    QTest::addColumn<double>("utilization");
    QTest::addColumn<QString>("unit");
    // Operating point: 2.5 req/s, 1000 out tok/s.
    // 10 req/s, headroom 0.1: 2.5 x 0.9 = 2.25 per replica; 10 / 2.25 = 4.44 -> 5; utilisation 10/(5x2.5) =
    // 0.8.
    QTest::newRow("rps") << 10.0 << kUnknown << 0.1 << 5 << 0.8 << QStringLiteral("requests/s");
    // 4500 tok/s: 1000 x 0.9 = 900; 4500 / 900 = 5 exactly (no rounding up from float dust); 4500/5000 = 0.9.
    QTest::newRow("exact multiple") << kUnknown << 4500.0 << 0.1 << 5 << 0.9
                                    << QStringLiteral("output tokens/s");
    // Both: 10 req/s -> 5, 9000 tok/s -> 9000/900 = 10; the larger wins; 9000 / (10 x 1000) = 0.9.
    QTest::newRow("larger wins") << 10.0 << 9000.0 << 0.1 << 10 << 0.9 << QStringLiteral("output tokens/s");
    // No headroom: 10 / 2.5 = 4 replicas, fully used.
    QTest::newRow("no headroom") << 10.0 << kUnknown << 0.0 << 4 << 1.0 << QStringLiteral("requests/s");
    // Tiny load still needs one replica: 0.1 / 2.25 -> 1; 0.1 / 2.5 = 0.04.
    QTest::newRow("tiny load") << 0.1 << kUnknown << 0.1 << 1 << 0.04 << QStringLiteral("requests/s");
    // Headroom 0.5: 2.5 x 0.5 = 1.25; 10 / 1.25 = 8; 10 / 20 = 0.5.
    QTest::newRow("headroom 0.5") << 10.0 << kUnknown << 0.5 << 8 << 0.5 << QStringLiteral("requests/s");
}

void TestAnalysisReplicas::plan()
{
    QFETCH(double, rps);
    QFETCH(double, otps);
    QFETCH(double, headroom);
    QFETCH(int, replicas);
    QFETCH(double, utilization);
    QFETCH(QString, unit);
    const ReplicaPlan p = planReplicas(op(2.5, 1000, 1, 8), rps, otps, headroom);
    QCOMPARE(p.replicas, replicas);
    QCOMPARE(p.utilization, utilization);
    QCOMPARE(p.unit, unit);
    QVERIFY(p.error.isEmpty());
}

void TestAnalysisReplicas::planErrors()
{
    // No load: nothing to size, not an error.
    ReplicaPlan p = planReplicas(op(2.5, 1000, 1, 8), kUnknown, kUnknown);
    QCOMPARE(p.replicas, 0);
    QVERIFY(p.error.isEmpty());
    // Load in requests/s but the point has no request rate.
    p = planReplicas(op(kUnknown, 1000, 1, 8), 10, kUnknown);
    QCOMPARE(p.replicas, 0);
    QVERIFY2(p.error.contains(QStringLiteral("request rate")), qPrintable(p.error));
    // ...but the other load still sizes it: 2000 / 900 = 2.2 -> 3.
    p = planReplicas(op(kUnknown, 1000, 1, 8), 10, 2000);
    QCOMPARE(p.replicas, 3);
    QVERIFY(p.error.isEmpty());
    p = planReplicas(op(2.5, 1000, 1, 8), 10, kUnknown, 1.0);
    QCOMPARE(p.replicas, 0);
    QVERIFY(p.error.contains(QStringLiteral("headroom")));
}

void TestAnalysisReplicas::hpa_data()
{
    QTest::addColumn<double>("queue");
    QTest::addColumn<double>("batch");
    QTest::addColumn<bool>("latencyTarget");
    QTest::addColumn<int>("planned");
    QTest::addColumn<QString>("metric");
    QTest::addColumn<double>("target");
    QTest::addColumn<int>("maxReplicas");
    // Latency target + batch 20: floor(20 / 1.1) = floor(18.18) = 18.
    QTest::newRow("batch") << 10.0 << 20.0 << true << 5 << kBatchSizeMetric() << 18.0 << 5;
    // No latency target: queue floor(10 / 1.1) = floor(9.09) = 9.
    QTest::newRow("queue") << 10.0 << 20.0 << false << 0 << kQueueSizeMetric() << 9.0 << 1;
    // Small queue: floor(0.5 / 1.1) = 0 -> at least 1.
    QTest::newRow("queue min 1") << 0.5 << 20.0 << false << 3 << kQueueSizeMetric() << 1.0 << 3;
    // Small batch: floor(1 / 1.1) = 0 -> 1.
    QTest::newRow("batch min 1") << 0.5 << 1.0 << true << 3 << kBatchSizeMetric() << 1.0 << 3;
    // Latency target but no batch data: queue size, floor(10 / 1.1) = 9.
    QTest::newRow("no batch data") << 10.0 << kUnknown << true << 2 << kQueueSizeMetric() << 9.0 << 2;
    // Nothing: GKE's suggested starting queue target, lower end 3.
    QTest::newRow("no data") << kUnknown << kUnknown << true << 2 << kQueueSizeMetric() << 3.0 << 2;
}

void TestAnalysisReplicas::hpa()
{
    QFETCH(double, queue);
    QFETCH(double, batch);
    QFETCH(bool, latencyTarget);
    QFETCH(int, planned);
    QFETCH(QString, metric);
    QFETCH(double, target);
    QFETCH(int, maxReplicas);
    LatencyTargets t;
    if (latencyTarget)
        t.ntpotMs = 50;
    const HpaRecommendation h = recommendHpa(op(2.5, 1000, queue, batch), t, planned);
    QCOMPARE(h.metric, metric);
    QCOMPARE(h.averageValueTarget, target);
    QCOMPARE(h.minReplicas, 1);
    QCOMPARE(h.maxReplicas, maxReplicas);
    QVERIFY(!h.rationale.isEmpty());
}

QTEST_GUILESS_MAIN(TestAnalysisReplicas)
#include "tst_analysis_replicas.moc"
