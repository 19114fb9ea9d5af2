// Serving simulator invariants: conservation of requests and tokens, Little's law, determinism for a seed,
// saturation of throughput, TTFT growth past saturation, preemption when the KV cache is tiny.

#include "estimator/servingsimulator.h"
#include "estimatorfixtures.h"

#include <QTest>

using namespace iq;
using namespace iq::testfixtures;

namespace {

struct Setup
{
    MemoryPlan plan;
    StepModel sm;
    std::vector<SimLengths> lengths;
};

// Llama-3.1-8B bf16 on one L4 with fixed factors; request lengths cycle through a small varied pool.
Setup llamaOnL4()
{
    Setup s;
    s.plan = planMemory(llama8b(), QStringLiteral("bf16"), l4(), 1, vllmOn(l4(), 1));
    EfficiencyFactors f;
    f.flopsEfficiency = 0.5;
    f.bandwidthEfficiency = 0.8;
    f.stepOverheadMs = 2;
    f.perSequenceOverheadUs = 5;
    QString error;
    if (!makeStepModel(llama8b(), s.plan, l4(), f, &s.sm, &error))
        qFatal("%s", qPrintable(error));
    for (int i = 0; i < 64; ++i)
        s.lengths.push_back({50 + (i * 37) % 400, 20 + (i * 53) % 200});
    return s;
}

SimResult run(const Setup &s, SimConfig::Load load, double rate, int concurrency, int n, quint64 seed = 7)
{
    SimConfig c;
    c.load = load;
    c.rate = rate;
    c.concurrency = concurrency;
    c.measuredRequests = n;
    c.seed = seed;
    return simulate(s.sm, s.plan, s.lengths, c);
}

double sumOutput(const Setup &s, int n)
{
    double sum = 0;
    for (int i = 0; i < n; ++i)
        sum += s.lengths[size_t(i) % s.lengths.size()].output;
    return sum;
}

} // namespace

class TestSimulator : public QObject
{
    Q_OBJECT
private slots:
    void offlineConservesRequestsAndTokens()
    {
        const Setup s = llamaOnL4();
        const SimResult r = run(s, SimConfig::Load::Offline, 0, 0, 500);
        QVERIFY2(r.ok, qPrintable(r.error));
        // every token of every request is emitted once within the makespan
        QCOMPARE(r.point.outputTokensPerSecond * r.makespanS, sumOutput(s, 500));
        QCOMPARE(r.point.requestRate * r.makespanS, 500.0);
        QCOMPARE(r.rejected, 0);
        QVERIFY(r.point.runningBatchSize > 1);
        QVERIFY(r.point.kvCacheUtilization > 0 && r.point.kvCacheUtilization <= 1);
        // latency definitions: NTPOT = E2E / output, TTFT <= E2E
        QVERIFY(r.point.ttftMs.p50 <= r.point.e2eMs.p50);
    }

    void littlesLaw()
    {
        const Setup s = llamaOnL4();
        const SimResult r = run(s, SimConfig::Load::Rate, 1.0, 0, 2000);
        QVERIFY2(r.ok, qPrintable(r.error));
        // mean requests in the system = arrival rate x mean time in the system
        const double little = 1.0 * r.point.e2eMs.mean / 1000.0;
        QVERIFY2(std::abs(r.point.concurrency - little) / little < 0.1,
                 qPrintable(QStringLiteral("L=%1 lambda*W=%2").arg(r.point.concurrency).arg(little)));
        // below saturation the server keeps up: output rate = arrival rate x mean output
        const double expected = 1.0 * sumOutput(s, 64) / 64;
        QVERIFY(std::abs(r.point.outputTokensPerSecond - expected) / expected < 0.1);
    }

    void deterministicForASeed()
    {
        const Setup s = llamaOnL4();
        const SimResult a = run(s, SimConfig::Load::Rate, 2.0, 0, 500, 11);
        const SimResult b = run(s, SimConfig::Load::Rate, 2.0, 0, 500, 11);
        QVERIFY(a.point == b.point);
        const SimResult c = run(s, SimConfig::Load::Rate, 2.0, 0, 500, 12);
        QVERIFY(!(a.point == c.point));
    }

    void throughputSaturatesAndTtftGrows()
    {
        const Setup s = llamaOnL4();
        const SimResult offline = run(s, SimConfig::Load::Offline, 0, 0, 2000);
        const double sat = offline.steadyRequestRate;
        QVERIFY(sat > 0);
        const SimResult light = run(s, SimConfig::Load::Rate, 0.3 * sat, 0, 2000);
        const SimResult over = run(s, SimConfig::Load::Rate, 1.2 * sat, 0, 2000);
        const SimResult far = run(s, SimConfig::Load::Rate, 3.0 * sat, 0, 2000);
        // output throughput stops growing with the offered rate: 3x saturation gives about the offline rate
        const double offlineSteady = sat * sumOutput(s, 64) / 64;
        QVERIFY2(
            far.point.outputTokensPerSecond < 1.1 * offlineSteady,
            qPrintable(QStringLiteral("%1 vs %2").arg(far.point.outputTokensPerSecond).arg(offlineSteady)));
        QVERIFY(far.point.outputTokensPerSecond < 1.2 * over.point.outputTokensPerSecond);
        // queueing past saturation: TTFT and the waiting queue grow
        QVERIFY(over.point.ttftMs.mean > 5 * light.point.ttftMs.mean);
        QVERIFY(over.point.queueSize > light.point.queueSize);
        QVERIFY(over.point.runningBatchSize > light.point.runningBatchSize);
    }

    void concurrencyHoldsClients()
    {
        const Setup s = llamaOnL4();
        const SimResult r = run(s, SimConfig::Load::Concurrency, 0, 16, 1000);
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(r.point.concurrency, 16.0);
        // 16 clients, nothing waits for KV: running batch ~16 (a client is briefly idle between requests)
        QVERIFY(r.point.runningBatchSize > 14 && r.point.runningBatchSize <= 16.0001);
    }

    void preemptionWhenKvIsTiny()
    {
        Setup s = llamaOnL4();
        // room for 2048 tokens only (2048 x 131072 B)
        s.plan.kvCachePerChipGB = 2048 * 131072.0 / 1e9;
        const SimResult r = run(s, SimConfig::Load::Offline, 0, 0, 200);
        QVERIFY2(r.ok, qPrintable(r.error));
        QVERIFY(r.preemptions > 0);
        // still everything completes (recompute), just slower
        QCOMPARE(r.point.outputTokensPerSecond * r.makespanS, sumOutput(s, 200));
        // with the real 31024-token cache, 200 requests of this pool fit without preemption
        const SimResult roomy = run(llamaOnL4(), SimConfig::Load::Offline, 0, 0, 200);
        QVERIFY(roomy.preemptions < r.preemptions);
        QVERIFY(r.makespanS > roomy.makespanS);
    }

    void fastForwardMatchesStepByStep()
    {
        const Setup s = llamaOnL4();
        for (double rate : {0.5, 4.0}) {
            SimConfig c;
            c.load = SimConfig::Load::Rate;
            c.rate = rate;
            c.measuredRequests = 500;
            c.seed = 3;
            const SimResult fast = simulate(s.sm, s.plan, s.lengths, c);
            c.fastForward = false;
            const SimResult slow = simulate(s.sm, s.plan, s.lengths, c);
            QCOMPARE(fast.steps, slow.steps);
            QCOMPARE(fast.preemptions, slow.preemptions);
            // equal up to floating-point summation order
            QCOMPARE(fast.point.outputTokensPerSecond, slow.point.outputTokensPerSecond);
            QCOMPARE(fast.point.ttftMs.mean, slow.point.ttftMs.mean);
            QCOMPARE(fast.point.tpotMs.p99, slow.point.tpotMs.p99);
            QCOMPARE(fast.point.itlMs.mean, slow.point.itlMs.mean);
            QCOMPARE(fast.point.itlMs.p90, slow.point.itlMs.p90);
            QCOMPARE(fast.point.kvCacheUtilization, slow.point.kvCacheUtilization);
        }
    }

    void percentileInterpolates()
    {
        const std::vector<double> v{1, 2, 3, 4};
        QCOMPARE(percentileSorted(v, 0.5), 2.5); // numpy: 2.5
        QCOMPARE(percentileSorted(v, 0.9), 3.7); // 0.9 x 3 = 2.7 -> 3 + 0.7
        QCOMPARE(percentileSorted(v, 0.0), 1.0);
    }
};

QTEST_GUILESS_MAIN(TestSimulator)
#include "tst_estimator_simulator.moc"
