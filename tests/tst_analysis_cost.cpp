// Cost formula (GIQ-INTERFACE.md): $/output token = ($/h / 3600) / (in tok/s / R + out tok/s),
// $/input token = $/output token / R, $/month = $/h x 730.
#include "analysis/cost.h"

#include <QTest>

using namespace iq;

class TestAnalysisCost : public QObject
{
    Q_OBJECT
private slots:
    void computeCost_data();
    void computeCost();
    void unknownInputs();
    void derivedInput();
    void pointCost();
};

void TestAnalysisCost::computeCost_data()
{
    QTest::addColumn<double>("usdPerHour");
    QTest::addColumn<double>("inTps");
    QTest::addColumn<double>("outTps");
    QTest::addColumn<double>("ratio");
    QTest::addColumn<double>("perMOut");
    QTest::addColumn<double>("perMIn");
    QTest::addColumn<double>("perMonth");

    // a3-highgpu-1g spot $4.424/h: $/s = 4.424 / 3600 = 0.00122888...; denominator 1000/4 + 2000 = 2250;
    // $/out token = 0.00122888.../2250 = 5.46172839e-7 -> $/M out = 4.424e6 / 8.1e6 = 0.546172839...;
    // $/M in = 0.546172839 / 4 = 0.136543209...; month 4.424 x 730 = 3229.52.
    QTest::newRow("h100 spot R=4") << 4.424 << 1000.0 << 2000.0 << 4.0 << 4.424e6 / 8.1e6
                                   << 4.424e6 / 8.1e6 / 4 << 3229.52;
    // $1/h, no input, 1000 out tok/s: 1 / 3600 / 1000 x 1e6 = 0.27777...; input / 4 = 0.069444...; month 730.
    QTest::newRow("no input") << 1.0 << 0.0 << 1000.0 << 4.0 << 1e6 / 3.6e6 << 1e6 / 3.6e6 / 4 << 730.0;
    // R = 1: $3.6/h, 500 + 500 tok/s -> denominator 1000, 3.6 / 3600 / 1000 x 1e6 = 1.0 for both.
    QTest::newRow("R=1") << 3.6 << 500.0 << 500.0 << 1.0 << 1.0 << 1.0 << 2628.0;
    // g2-standard-48 spot $1.574/h, 400 in + 400 out, R=4: denominator 100 + 400 = 500;
    // 1.574 / 3600 / 500 x 1e6 = 1.574e6 / 1.8e6 = 0.874444...; input 0.218611...; month 1149.02.
    QTest::newRow("l4x4 spot") << 1.574 << 400.0 << 400.0 << 4.0 << 1.574e6 / 1.8e6 << 1.574e6 / 1.8e6 / 4
                               << 1149.02;
    // R = 8: $2/h, 800 in, 100 out -> denominator 100 + 100 = 200; 2 / 3600 / 200 x 1e6 = 2.7777...;
    // input 2.7777 / 8 = 0.347222...
    QTest::newRow("R=8") << 2.0 << 800.0 << 100.0 << 8.0 << 2e6 / 7.2e5 << 2e6 / 7.2e5 / 8 << 1460.0;
}

void TestAnalysisCost::computeCost()
{
    QFETCH(double, usdPerHour);
    QFETCH(double, inTps);
    QFETCH(double, outTps);
    QFETCH(double, ratio);
    QFETCH(double, perMOut);
    QFETCH(double, perMIn);
    QFETCH(double, perMonth);
    const Cost c = iq::computeCost(usdPerHour, inTps, outTps, ratio);
    QCOMPARE(c.perMillionOutput, perMOut);
    QCOMPARE(c.perMillionInput, perMIn);
    QCOMPARE(c.usdPerHour, usdPerHour);
    QCOMPARE(c.usdPerMonth, perMonth);
    QCOMPARE(c.inputTokensPerSecond, inTps);
    QVERIFY(!c.inputTokensDerived);
}

void TestAnalysisCost::unknownInputs()
{
    // Unknown price: nothing but the rates.
    Cost c = iq::computeCost(kUnknown, 100, 100);
    QVERIFY(!isKnown(c.perMillionOutput));
    QVERIFY(!isKnown(c.usdPerMonth));
    // Unknown input rate is not 0: token costs unknown, $/hour and $/month still shown.
    c = iq::computeCost(2.0, kUnknown, 100);
    QVERIFY(!isKnown(c.perMillionOutput));
    QVERIFY(!isKnown(c.perMillionInput));
    QCOMPARE(c.usdPerMonth, 1460.0);
    // Zero throughput and a bad ratio never divide by zero.
    QVERIFY(!isKnown(iq::computeCost(2.0, 0, 0).perMillionOutput));
    QVERIFY(!isKnown(iq::computeCost(2.0, 10, 10, 0).perMillionOutput));
    QVERIFY(!isKnown(iq::computeCost(2.0, 10, 10, -4).perMillionOutput));
}

void TestAnalysisCost::derivedInput()
{
    // 2000 out tok/s x 256 / 512 = 1000 in tok/s.
    QCOMPARE(deriveInputTokensPerSecond(2000, 256, 512), 1000.0);
    QVERIFY(!isKnown(deriveInputTokensPerSecond(2000, kUnknown, 512)));
    QVERIFY(!isKnown(deriveInputTokensPerSecond(2000, 256, 0)));
    QVERIFY(!isKnown(deriveInputTokensPerSecond(kUnknown, 256, 512)));
}

void TestAnalysisCost::pointCost()
{
    BenchmarkPoint p;
    p.outputTokensPerSecond = 2000;
    // No input rate on the point: derived 2000 x 256 / 512 = 1000 -> same numbers as "h100 spot R=4".
    Cost c = computePointCost(4.424, p, 256, 512);
    QVERIFY(c.inputTokensDerived);
    QCOMPARE(c.inputTokensPerSecond, 1000.0);
    QCOMPARE(c.perMillionOutput, 4.424e6 / 8.1e6);
    // A measured input rate wins over the average lengths.
    p.inputTokensPerSecond = 1000;
    c = computePointCost(4.424, p, 9999, 1);
    QVERIFY(!c.inputTokensDerived);
    QCOMPARE(c.perMillionInput, 4.424e6 / 8.1e6 / 4);
    // Neither: unknown, not derived.
    p.inputTokensPerSecond = kUnknown;
    c = computePointCost(4.424, p, kUnknown, 512);
    QVERIFY(!c.inputTokensDerived);
    QVERIFY(!isKnown(c.perMillionOutput));
}

QTEST_GUILESS_MAIN(TestAnalysisCost)
#include "tst_analysis_cost.moc"
