// Knee detection (Kneedle on output tok/s vs load; docs/analysis.md).
#include "analysis/inflection.h"

#include <QTest>

#include <algorithm>

using namespace iq;

namespace {

BenchmarkPoint pt(double rate, double out)
{
    BenchmarkPoint p;
    p.requestRate = rate;
    p.outputTokensPerSecond = out;
    return p;
}

// throughput = 100 x min(rate, capacity) for rates 1..n: a saturating server.
QList<BenchmarkPoint> saturating(int n, double capacity, const QList<double> &relNoise = {})
{
    QList<BenchmarkPoint> c;
    for (int r = 1; r <= n; ++r) {
        const double noise = relNoise.isEmpty() ? 0 : relNoise.at(r - 1);
        c.append(pt(r, 100 * std::min(double(r), capacity) * (1 + noise)));
    }
    return c;
}

} // namespace

Q_DECLARE_METATYPE(QList<iq::BenchmarkPoint>)

class TestAnalysisInflection : public QObject
{
    Q_OBJECT
private slots:
    void knee_data();
    void knee();
    void unsortedInput();
    void noThroughputUsesLatency();
    void concurrencyAsLoad();
    void sortedByLoadKeepsUnknownLast();
};

void TestAnalysisInflection::knee_data()
{
    QTest::addColumn<QList<BenchmarkPoint>>("curve");
    QTest::addColumn<int>("index");
    QTest::addColumn<QString>("methodContains");

    // Rates 1..10, capacity 6: normalised x = (r-1)/9, y = (min(r,6)-1)/5; y - x at r=5: 0.8-0.444=0.356,
    // r=6: 1-0.556=0.444 (max), r=7: 1-0.667=0.333 -> index 5 (rate 6).
    QTest::newRow("min(rate, 6)") << saturating(10, 6) << 5 << QStringLiteral("kneedle");
    // Same with +-2% deterministic noise: r=5 502.5 -> 0.341, r=6 588 -> 0.397, r=7 609 -> 0.327; still 5.
    QTest::newRow("noisy") << saturating(10, 6,
                                         {0.01, -0.015, 0.02, -0.01, 0.005, -0.02, 0.015, 0.01, -0.005, 0.02})
                           << 5 << QStringLiteral("kneedle");
    // Capacity 3: x=(r-1)/9, knee at r=3: 1 - 0.222 = 0.778 -> index 2.
    QTest::newRow("early knee") << saturating(10, 3) << 2 << QStringLiteral("kneedle");
    // Linear throughput: y - x = 0 everywhere, no knee in the measured range -> heaviest load.
    QTest::newRow("linear") << saturating(10, 100) << 9 << QStringLiteral("no knee");
    // Straight line with +-3% deterministic noise: y range 100..1000; the largest y_n - x_n is at rate 8
    // (824): (824-100)/900 - 7/9 = 0.027 < 0.1, so no false knee.
    QTest::newRow("noisy linear") << saturating(
                                         10, 100,
                                         {0.0, 0.03, -0.03, 0.03, -0.03, 0.03, -0.03, 0.03, -0.03, 0.0})
                                  << 9 << QStringLiteral("no knee");
    // Knee at capacity 9.5: y - x at r=9 = (900-100)/850 - 8/9 = 0.052 < 0.1 -> treated as no knee.
    QTest::newRow("knee at the very end") << saturating(10, 9.5) << 9 << QStringLiteral("no knee");
    // Constant throughput: saturated from the lightest load.
    QTest::newRow("flat") << saturating(5, 0.5) << 0 << QStringLiteral("flat throughput");
    QTest::newRow("one point") << QList<BenchmarkPoint>{pt(1, 100)} << 0 << QStringLiteral("single");
    QTest::newRow("two points rising")
        << QList<BenchmarkPoint>{pt(1, 100), pt(2, 150)} << 1 << QStringLiteral("two points");
    QTest::newRow("two points falling")
        << QList<BenchmarkPoint>{pt(1, 100), pt(2, 90)} << 0 << QStringLiteral("two points");
    QTest::newRow("empty") << QList<BenchmarkPoint>{} << -1 << QStringLiteral("empty");
    // NaN throughput at rate 3 and NaN load at an extra point are skipped; the knee stays at rate 6.
    {
        QList<BenchmarkPoint> c = saturating(10, 6);
        c[2].outputTokensPerSecond = kUnknown;
        c.append(pt(kUnknown, 5000));
        QTest::newRow("unknown values skipped") << c << 5 << QStringLiteral("kneedle");
    }
    // Offline (infinite rate) point: load rank 0..3, y = (100,200,250,260): y - x = 0, 0.292, 0.271, 0 -> 1.
    QTest::newRow("infinite rate") << QList<BenchmarkPoint>{pt(1, 100), pt(2, 200), pt(3, 250),
                                                            pt(std::numeric_limits<double>::infinity(), 260)}
                                   << 1 << QStringLiteral("load rank");
    QTest::newRow("nothing measured") << QList<BenchmarkPoint>{BenchmarkPoint{}, BenchmarkPoint{}} << -1
                                      << QStringLiteral("no throughput or latency");
}

void TestAnalysisInflection::knee()
{
    QFETCH(QList<BenchmarkPoint>, curve);
    QFETCH(int, index);
    QFETCH(QString, methodContains);
    const Inflection inf = findInflection(curve);
    QCOMPARE(inf.index, index);
    QVERIFY2(inf.method.contains(methodContains), qPrintable(inf.method));
}

void TestAnalysisInflection::unsortedInput()
{
    // The index refers to the curve as given: rate 6 is put at position 0.
    QList<BenchmarkPoint> c = saturating(10, 6);
    std::rotate(c.begin(), c.begin() + 5, c.end()); // rates 6..10, 1..5
    QCOMPARE(c.at(0).requestRate, 6.0);
    QCOMPARE(findInflection(c).index, 0);
    std::reverse(c.begin(), c.end());
    QCOMPARE(c.at(9).requestRate, 6.0);
    QCOMPARE(findInflection(c).index, 9);
}

void TestAnalysisInflection::noThroughputUsesLatency()
{
    // NTPOT only, rates 1..10: 10,10,11,11,12,13,30,60,120,240. Convex knee = max of x - y, x = (r-1)/9,
    // y = (v-10)/230: r=6 0.556-0.013=0.543, r=7 0.667-0.087=0.580 (max), r=8 0.778-0.217=0.560 -> index 6.
    const double ntpot[] = {10, 10, 11, 11, 12, 13, 30, 60, 120, 240};
    QList<BenchmarkPoint> c;
    for (int r = 1; r <= 10; ++r) {
        BenchmarkPoint p;
        p.requestRate = r;
        p.ntpotMs.mean = ntpot[r - 1];
        c.append(p);
    }
    const Inflection inf = findInflection(c);
    QCOMPARE(inf.index, 6);
    QVERIFY(inf.method.contains(QStringLiteral("latency")));
}

void TestAnalysisInflection::concurrencyAsLoad()
{
    QList<BenchmarkPoint> c = saturating(10, 6);
    for (BenchmarkPoint &p : c) {
        p.concurrency = p.requestRate * 4;
        p.requestRate = kUnknown;
    }
    const Inflection inf = findInflection(c);
    QCOMPARE(inf.index, 5);
    QVERIFY(inf.method.contains(QStringLiteral("concurrency")));
}

void TestAnalysisInflection::sortedByLoadKeepsUnknownLast()
{
    const QList<BenchmarkPoint> s = sortedByLoad({pt(3, 1), pt(kUnknown, 2), pt(1, 3), pt(2, 4)});
    QCOMPARE(s.at(0).requestRate, 1.0);
    QCOMPARE(s.at(1).requestRate, 2.0);
    QCOMPARE(s.at(2).requestRate, 3.0);
    QVERIFY(!isKnown(s.at(3).requestRate));
}

QTEST_GUILESS_MAIN(TestAnalysisInflection)
#include "tst_analysis_inflection.moc"
