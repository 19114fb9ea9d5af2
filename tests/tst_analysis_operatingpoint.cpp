// Operating point under targets, interpolation, ideal region, target validation.
#include "analysis/operatingpoint.h"

#include <QTest>

#include <cstring>

using namespace iq;

namespace {

BenchmarkPoint pt(double rate, double out, double ttft, double ntpot, double itl)
{
    BenchmarkPoint p;
    p.requestRate = rate;
    p.outputTokensPerSecond = out;
    p.inputTokensPerSecond = out / 2;
    p.ttftMs.mean = ttft;
    p.ntpotMs.mean = ntpot;
    p.itlMs.mean = itl;
    p.queueSize = rate * 2;
    return p;
}

// rate, out tok/s, TTFT, NTPOT, ITL
QList<BenchmarkPoint> curve()
{
    return {pt(1, 100, 50, 20, 15), pt(2, 200, 60, 25, 18), pt(3, 280, 100, 40, 30), pt(4, 300, 400, 90, 60)};
}

LatencyTargets targets(double ttft, double ntpot, double itl)
{
    LatencyTargets t;
    t.ttftMs = ttft;
    t.ntpotMs = ntpot;
    t.itlMs = itl;
    return t;
}

// BenchmarkPoint::operator== is false for NaN fields; compare the bits (all-double struct, no padding).
bool samePoint(const BenchmarkPoint &a, const BenchmarkPoint &b)
{
    static_assert(sizeof(BenchmarkPoint) == 28 * sizeof(double));
    return std::memcmp(&a, &b, sizeof a) == 0;
}

} // namespace

Q_DECLARE_METATYPE(QList<iq::BenchmarkPoint>)
Q_DECLARE_METATYPE(iq::LatencyTargets)

class TestAnalysisOperatingPoint : public QObject
{
    Q_OBJECT
private slots:
    void best_data();
    void best();
    void noTargetsIsInflection();
    void unmetTargets();
    void interpolateFields();
    void idealRegion_data();
    void idealRegion();
    void validate_data();
    void validate();
};

void TestAnalysisOperatingPoint::best_data()
{
    QTest::addColumn<QList<BenchmarkPoint>>("curve");
    QTest::addColumn<LatencyTargets>("targets");
    QTest::addColumn<double>("position");
    QTest::addColumn<double>("out");
    QTest::addColumn<double>("ttft");

    // NTPOT 30: point 1 (25) meets, point 2 (40) misses: t = (30-25)/(40-25) = 1/3 -> position 1.333...,
    // out = 200 + 80/3 = 226.666..., TTFT = 60 + 40/3 = 73.333...
    QTest::newRow("ntpot crossing") << curve() << targets(kUnknown, 30, kUnknown) << 1 + 1.0 / 3
                                    << 200 + 80.0 / 3 << 60 + 40.0 / 3;
    // TTFT 80 alone: t = (80-60)/(100-60) = 0.5 -> out 240, TTFT 80.
    QTest::newRow("ttft crossing") << curve() << targets(80, kUnknown, kUnknown) << 1.5 << 240.0 << 80.0;
    // TTFT 80 and NTPOT 30 both bind on segment 1-2: t = min(0.5, 1/3) = 1/3.
    QTest::newRow("two binding, smaller t wins")
        << curve() << targets(80, 30, kUnknown) << 1 + 1.0 / 3 << 200 + 80.0 / 3 << 60 + 40.0 / 3;
    // ITL 45 (ITL only, gcloud ignores it): point 2 (30) meets, point 3 (60) not: t = 15/30 = 0.5 ->
    // out 290, TTFT 250.
    QTest::newRow("itl alone") << curve() << targets(kUnknown, kUnknown, 45) << 2.5 << 290.0 << 250.0;
    // Target exactly at point 2's NTPOT: t = 0, the measured point itself.
    QTest::newRow("exact hit") << curve() << targets(kUnknown, 40, kUnknown) << 2.0 << 280.0 << 100.0;
    // Loose target: the whole curve meets -> last point.
    QTest::newRow("all meet") << curve() << targets(kUnknown, 1000, kUnknown) << 3.0 << 300.0 << 400.0;
    {
        // Overload: throughput falls at the last point (300 -> 250); the highest-throughput point is 2.
        QList<BenchmarkPoint> c = curve();
        c[3].outputTokensPerSecond = 250;
        QTest::newRow("overload drop") << c << targets(kUnknown, 1000, kUnknown) << 2.0 << 280.0 << 100.0;
    }
    {
        // Noisy NTPOT 20, 35, 28, 90 with target 30: candidates point 0 (100), crossing 0-1 at
        // t=(30-20)/15=2/3 (out 166.7), point 2 (280), crossing 2-3 at t=(30-28)/(90-28)=1/31 ->
        // out 280 + 20/31 = 280.645 (highest), TTFT 100 + 300/31.
        QList<BenchmarkPoint> c = curve();
        c[1].ntpotMs.mean = 35;
        c[2].ntpotMs.mean = 28;
        QTest::newRow("noisy, highest throughput wins")
            << c << targets(kUnknown, 30, kUnknown) << 2 + 1.0 / 31 << 280 + 20.0 / 31 << 100 + 300.0 / 31;
    }
    {
        // NTPOT unmeasured at point 2: it cannot be verified, so it fails, and the crossing from point 1
        // cannot be solved on that metric: stay at point 1 (out 200). Point 3 (90) fails too.
        QList<BenchmarkPoint> c = curve();
        c[2].ntpotMs = LatencyStats{};
        QTest::newRow("unknown at the next point")
            << c << targets(kUnknown, 30, kUnknown) << 1.0 << 200.0 << 60.0;
    }
    {
        // Mean unknown: the headline falls back to p50. p50 NTPOT = 2 x mean of curve(); target 60 ->
        // crossing between point 1 (50) and 2 (80): t = 10/30 = 1/3.
        QList<BenchmarkPoint> c = curve();
        for (BenchmarkPoint &p : c) {
            p.ntpotMs.p50 = 2 * p.ntpotMs.mean;
            p.ntpotMs.mean = kUnknown;
        }
        QTest::newRow("p50 headline")
            << c << targets(kUnknown, 60, kUnknown) << 1 + 1.0 / 3 << 200 + 80.0 / 3 << 60 + 40.0 / 3;
    }
}

void TestAnalysisOperatingPoint::best()
{
    QFETCH(QList<BenchmarkPoint>, curve);
    QFETCH(LatencyTargets, targets);
    QFETCH(double, position);
    QFETCH(double, out);
    QFETCH(double, ttft);
    const std::optional<OperatingPoint> op = bestOperatingPoint(curve, targets, 2);
    QVERIFY(op.has_value());
    QCOMPARE(op->position, position);
    QCOMPARE(op->point.outputTokensPerSecond, out);
    QCOMPARE(op->point.ttftMs.mean, ttft);
    QVERIFY(op->meetsTargets);
    QVERIFY(meetsLatencyTargets(op->point, targets));
    QCOMPARE(op->atInflection, position == 2.0);
}

void TestAnalysisOperatingPoint::noTargetsIsInflection()
{
    const std::optional<OperatingPoint> op = bestOperatingPoint(curve(), LatencyTargets{}, 2);
    QVERIFY(op.has_value());
    QVERIFY(samePoint(op->point, curve().at(2)));
    QCOMPARE(op->position, 2.0);
    QVERIFY(op->atInflection);
    // Cost targets alone do not move the point (the Recommender applies them).
    LatencyTargets costOnly;
    costOnly.maxCostPerMillionOutput = 0.01;
    QCOMPARE(bestOperatingPoint(curve(), costOnly, 2)->position, 2.0);
    QVERIFY(!bestOperatingPoint(curve(), LatencyTargets{}, -1).has_value());
    QVERIFY(!bestOperatingPoint(curve(), LatencyTargets{}, 4).has_value());
}

void TestAnalysisOperatingPoint::unmetTargets()
{
    // Below the lightest point.
    QVERIFY(!bestOperatingPoint(curve(), targets(kUnknown, 10, kUnknown), 2).has_value());
    QVERIFY(!bestOperatingPoint(curve(), targets(40, kUnknown, kUnknown), 2).has_value());
    // A target on a metric the curve never measured cannot be verified.
    QList<BenchmarkPoint> c = curve();
    for (BenchmarkPoint &p : c)
        p.itlMs = LatencyStats{};
    QVERIFY(!bestOperatingPoint(c, targets(kUnknown, kUnknown, 1000), 2).has_value());
    QVERIFY(!bestOperatingPoint({}, targets(kUnknown, 30, kUnknown), -1).has_value());
}

void TestAnalysisOperatingPoint::interpolateFields()
{
    BenchmarkPoint a = curve().at(0), b = curve().at(1);
    a.ttftMs.p99 = 100;
    b.ttftMs.p99 = 200;
    a.kvCacheUtilization = 0.2;
    b.kvCacheUtilization = 0.6;
    b.runningBatchSize = 8; // unknown at a
    const BenchmarkPoint m = interpolate(a, b, 0.25);
    QCOMPARE(m.requestRate, 1.25);             // 1 + 0.25 x 1
    QCOMPARE(m.outputTokensPerSecond, 125.0);  // 100 + 0.25 x 100
    QCOMPARE(m.inputTokensPerSecond, 62.5);    // 50 + 0.25 x 50
    QCOMPARE(m.ttftMs.mean, 52.5);             // 50 + 0.25 x 10
    QCOMPARE(m.ttftMs.p99, 125.0);             // 100 + 0.25 x 100
    QCOMPARE(m.ntpotMs.mean, 21.25);           // 20 + 0.25 x 5
    QCOMPARE(m.itlMs.mean, 15.75);             // 15 + 0.25 x 3
    QCOMPARE(m.queueSize, 2.5);                // 2 + 0.25 x 2
    QCOMPARE(m.kvCacheUtilization, 0.3);       // 0.2 + 0.25 x 0.4
    QVERIFY(!isKnown(m.runningBatchSize));     // unknown on one side
    QVERIFY(!isKnown(m.totalTokensPerSecond)); // unknown on both
    QVERIFY(samePoint(interpolate(a, b, 0), a));
    QVERIFY(samePoint(interpolate(a, b, 1), b));
}

void TestAnalysisOperatingPoint::idealRegion_data()
{
    QTest::addColumn<LatencyTargets>("targets");
    QTest::addColumn<int>("inflection");
    QTest::addColumn<QList<int>>("expected");
    QTest::newRow("no targets") << LatencyTargets{} << 2 << QList<int>{0, 1, 2};
    QTest::newRow("ntpot 30") << targets(kUnknown, 30, kUnknown) << 2 << QList<int>{0, 1};
    QTest::newRow("ttft 55") << targets(55, kUnknown, kUnknown) << 3 << QList<int>{0};
    QTest::newRow("none meet") << targets(kUnknown, 5, kUnknown) << 3 << QList<int>{};
    QTest::newRow("no inflection") << LatencyTargets{} << -1 << QList<int>{};
    QTest::newRow("inflection past end") << LatencyTargets{} << 9 << QList<int>{0, 1, 2, 3};
}

void TestAnalysisOperatingPoint::idealRegion()
{
    QFETCH(LatencyTargets, targets);
    QFETCH(int, inflection);
    QFETCH(QList<int>, expected);
    QCOMPARE(iq::idealRegion(curve(), targets, inflection), expected);
}

void TestAnalysisOperatingPoint::validate_data()
{
    QTest::addColumn<LatencyTargets>("targets");
    QTest::addColumn<QString>("errorContains"); // empty = valid
    const double inf = std::numeric_limits<double>::infinity();
    QTest::newRow("none") << LatencyTargets{} << QString();
    QTest::newRow("ok") << targets(200, 50, 30) << QString();
    QTest::newRow("one hour ok") << targets(3600000, kUnknown, kUnknown) << QString();
    QTest::newRow("negative ttft") << targets(-5, kUnknown, kUnknown)
                                   << QStringLiteral(
                                          "--target-ttft-milliseconds must be greater than 0 (got -5)");
    QTest::newRow("zero ntpot") << targets(kUnknown, 0, kUnknown)
                                << QStringLiteral("--target-ntpot-milliseconds");
    QTest::newRow("absurd itl") << targets(kUnknown, kUnknown, 3600001)
                                << QStringLiteral("--target-itl-milliseconds must be at most 3600000");
    QTest::newRow("infinite ttft") << targets(inf, kUnknown, kUnknown) << QStringLiteral("finite");
    LatencyTargets c;
    c.maxCostPerMillionOutput = -1;
    QTest::newRow("negative cost") << c << QStringLiteral("--target-cost-per-million-output-tokens");
    c = LatencyTargets{};
    c.maxCostPerMillionInput = 0;
    QTest::newRow("zero input cost") << c << QStringLiteral("--target-cost-per-million-input-tokens");
    c.maxCostPerMillionInput = 1e6; // large but not absurd for a cost
    QTest::newRow("large cost ok") << c << QString();
}

void TestAnalysisOperatingPoint::validate()
{
    QFETCH(LatencyTargets, targets);
    QFETCH(QString, errorContains);
    const QString e = validateTargets(targets);
    if (errorContains.isEmpty())
        QVERIFY2(e.isEmpty(), qPrintable(e));
    else
        QVERIFY2(e.contains(errorContains), qPrintable(e));
}

QTEST_GUILESS_MAIN(TestAnalysisOperatingPoint)
#include "tst_analysis_operatingpoint.moc"
