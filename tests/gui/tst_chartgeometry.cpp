// Pure chart geometry: ideal region polygon, log clamping, nearest point, axis ranges, slider scale.
#include "analysis/operatingpoint.h"
#include "chartgeometry.h"

#include <QTest>

using namespace iq;
using namespace iq::gui;

namespace {
BenchmarkPoint pt(double tokens, double ntpot, double ttft)
{
    BenchmarkPoint p;
    p.outputTokensPerSecond = tokens;
    p.ntpotMs.mean = ntpot;
    p.ttftMs.mean = ttft;
    return p;
}

// A 5-point curve: (100, 10), (200, 20), (300, 40), (400, 80), (500, 160) in (tok/s, NTPOT ms).
QList<BenchmarkPoint> curve()
{
    return {pt(100, 10, 50), pt(200, 20, 60), pt(300, 40, 70), pt(400, 80, 90), pt(500, 160, 200)};
}
} // namespace

class TestChartGeometry : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void metricValueUsesHeadline()
    {
        BenchmarkPoint p;
        p.ntpotMs.p50 = 7; // no mean: the median is the headline
        QCOMPARE(metricValue(p, ChartMetric::Ntpot), 7.0);
        p.ntpotMs.mean = 9;
        QCOMPARE(metricValue(p, ChartMetric::Ntpot), 9.0);
        QVERIFY(!isKnown(metricValue(p, ChartMetric::Itl)));
    }

    void curvePointsSkipsUnknown()
    {
        QList<BenchmarkPoint> c = curve();
        c[1].ntpotMs.mean = kUnknown;
        QList<int> idx;
        const QList<QPointF> pts = curvePoints(c, ChartMetric::Ntpot, &idx);
        QCOMPARE(pts, (QList<QPointF>{{100, 10}, {300, 40}, {400, 80}, {500, 160}}));
        QCOMPARE(idx, (QList<int>{0, 2, 3, 4}));
        QCOMPARE(curvePoints(c, ChartMetric::Ttft).size(), 5);
    }

    void idealBand_data()
    {
        QTest::addColumn<QList<int>>("indices");
        QTest::addColumn<QList<QPointF>>("upper");
        QTest::addColumn<QList<QPointF>>("lower");
        QTest::newRow("none") << QList<int>{} << QList<QPointF>{} << QList<QPointF>{};
        QTest::newRow("one point: zero-width band")
            << QList<int>{2} << QList<QPointF>{{300, 40}} << QList<QPointF>{{300, 0}, {300, 0}};
        QTest::newRow("run 0..2") << QList<int>{0, 1, 2} << QList<QPointF>{{100, 10}, {200, 20}, {300, 40}}
                                  << QList<QPointF>{{100, 0}, {300, 0}};
        // 0,1 and 3 ideal (2 is not): the edge drops to the baseline between the runs.
        QTest::newRow("gap") << QList<int>{3, 0, 1} // unsorted input
                             << QList<QPointF>{{100, 10}, {200, 20}, {200, 0}, {400, 0}, {400, 80}}
                             << QList<QPointF>{{100, 0}, {400, 0}};
        QTest::newRow("out of range ignored")
            << QList<int>{-1, 0, 9} << QList<QPointF>{{100, 10}} << QList<QPointF>{{100, 0}, {100, 0}};
    }
    void idealBand()
    {
        QFETCH(QList<int>, indices);
        QFETCH(QList<QPointF>, upper);
        QFETCH(QList<QPointF>, lower);
        const IdealBand band = iq::gui::idealBand(curve(), indices, ChartMetric::Ntpot, 0);
        QCOMPARE(band.upper, upper);
        QCOMPARE(band.lower, lower);
    }

    void idealBandWithCoreIdealRegion()
    {
        // Core semantics: points at or before the inflection (index 3) meeting NTPOT <= 45 -> 0, 1, 2.
        LatencyTargets t;
        t.ntpotMs = 45;
        const QList<int> ideal = idealRegion(curve(), t, 3);
        QCOMPARE(ideal, (QList<int>{0, 1, 2}));
        const IdealBand band = iq::gui::idealBand(curve(), ideal, ChartMetric::Ntpot, 1);
        QCOMPARE(band.upper, (QList<QPointF>{{100, 10}, {200, 20}, {300, 40}}));
        QCOMPARE(band.lower, (QList<QPointF>{{100, 1}, {300, 1}}));
    }

    void clampForLog()
    {
        QCOMPARE(iq::gui::clampForLog(QPointF(0, -5), 10, 1), QPointF(10, 1));
        QCOMPARE(iq::gui::clampForLog(QPointF(50, 0.5), 10, 1), QPointF(50, 1));
        QCOMPARE(iq::gui::clampForLog(QPointF(qQNaN(), 3), 10, 1), QPointF(10, 3));
        QCOMPARE(iq::gui::clampForLog(QList<QPointF>{{20, 2}, {5, 0}}, 10, 1),
                 (QList<QPointF>{{20, 2}, {10, 1}}));
    }

    void nearestPoint_data()
    {
        QTest::addColumn<QPointF>("target");
        QTest::addColumn<double>("maxDistance");
        QTest::addColumn<int>("curve");
        QTest::addColumn<int>("point");
        QTest::addColumn<double>("distance");
        // curve 0: (0,0) (10,0) (20,0); curve 1: (10,10) (20,20)
        QTest::newRow("exact") << QPointF(10, 0) << 5.0 << 0 << 1 << 0.0;
        QTest::newRow("3-4-5") << QPointF(13, 14) << 5.0 << 1 << 0 << 5.0; // |(3,4)| = 5 to (10,10)
        QTest::newRow("too far") << QPointF(40, 40) << 5.0 << -1 << -1 << qInf();
        QTest::newRow("tie keeps first") << QPointF(10, 5) << 5.0 << 0 << 1 << 5.0; // 5 to (10,0) and (10,10)
    }
    void nearestPoint()
    {
        QFETCH(QPointF, target);
        QFETCH(double, maxDistance);
        QFETCH(int, curve);
        QFETCH(int, point);
        QFETCH(double, distance);
        const QList<QList<QPointF>> curves{{{0, 0}, {10, 0}, {20, 0}}, {{10, 10}, {20, 20}}};
        const NearestHit hit = iq::gui::nearestPoint(curves, target, maxDistance);
        QCOMPARE(hit.curve, curve);
        QCOMPARE(hit.point, point);
        QCOMPARE(hit.distance, distance);
    }

    void axisRange()
    {
        QCOMPARE(iq::gui::axisRange(10, 200, false), (AxisRange{0, 210}));    // 200 x 1.05
        QCOMPARE(iq::gui::axisRange(15, 420, true), (AxisRange{10, 1000}));   // decades around 15..420
        QCOMPARE(iq::gui::axisRange(100, 100, true), (AxisRange{100, 1000})); // one decade at least
        QCOMPARE(iq::gui::axisRange(0, 50, true), (AxisRange{1, 10}));        // unusable for log
        QCOMPARE(iq::gui::axisRange(kUnknown, kUnknown, false), (AxisRange{0, 1}));
    }

    void sliderScale()
    {
        // Log scale over [10, 1000] with 100 steps: position 50 is the geometric middle, 100.
        QCOMPARE(sliderToValue(0, 100, 10, 1000, true), 10.0);
        QCOMPARE(qRound64(sliderToValue(50, 100, 10, 1000, true) * 1e9), qRound64(100.0 * 1e9));
        QCOMPARE(qRound64(sliderToValue(100, 100, 10, 1000, true) * 1e9), qRound64(1000.0 * 1e9));
        QCOMPARE(valueToSlider(100, 100, 10, 1000, true), 50);
        QCOMPARE(valueToSlider(1, 100, 10, 1000, true), 0);      // clamped
        QCOMPARE(valueToSlider(5000, 100, 10, 1000, true), 100); // clamped
        // Linear: 25% of [0, 200] is 50.
        QCOMPARE(sliderToValue(25, 100, 0, 200, false), 50.0);
        QCOMPARE(valueToSlider(50, 100, 0, 200, false), 25);
        // Log with a non-positive bound falls back to linear.
        QCOMPARE(sliderToValue(50, 100, 0, 200, true), 100.0);
        // Round trip over every position.
        for (int p = 0; p <= 1000; ++p)
            QCOMPARE(valueToSlider(sliderToValue(p, 1000, 3.3, 4100, true), 1000, 3.3, 4100, true), p);
    }
};

QTEST_GUILESS_MAIN(TestChartGeometry)
#include "tst_chartgeometry.moc"
