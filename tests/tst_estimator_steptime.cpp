// Step-time roofline: exact values for decode (memory-bound), prefill (compute-bound), MoE expert reads and
// tensor-parallel all-reduce, with fixed efficiency factors (not the fitted ones).

#include "estimator/steptime.h"
#include "estimatorfixtures.h"

#include <QTest>

using namespace iq;
using namespace iq::testfixtures;

namespace {

EfficiencyFactors fixedFactors()
{
    EfficiencyFactors f;
    f.flopsEfficiency = 0.5;
    f.bandwidthEfficiency = 0.8;
    f.stepOverheadMs = 2.0;
    f.perSequenceOverheadUs = 5.0;
    f.allReduceLatencyUs = 10.0;
    return f;
}

StepModel modelFor(const ModelArchitecture &m, const Accelerator &a, int count, const QString &precision)
{
    const MemoryPlan plan = planMemory(m, precision, a, count, vllmOn(a, count));
    StepModel sm;
    QString error;
    if (!makeStepModel(m, plan, a, fixedFactors(), &sm, &error))
        qFatal("%s", qPrintable(error));
    return sm;
}

} // namespace

class TestStepTime : public QObject
{
    Q_OBJECT
private slots:
    void decodeBatch1OnL4IsMemoryBound()
    {
        const StepModel sm = modelFor(llama8b(), l4(), 1, QStringLiteral("bf16"));
        StepBatch b;
        b.numSequences = 1;
        b.numTokens = 1;
        b.attentionPairs = 1001;         // one new token at position 1001 attends to 1001 tokens
        b.kvReadBytes = 1001 * 131072.0; // its context's KV cache
        const StepTime t = stepTime(sm, b);
        // memory: (16.06e9 weights + 1001 x 131072 B) / (300e9 B/s x 0.8) = 16,191,203,072 / 240e9
        QCOMPARE(t.memoryS, 16191203072.0 / 240e9);
        // compute: 2 x 8.03e9 + 4 x 32 layers x 32 heads x 128 x 1001 pairs = 16.06e9 + 524,812,288
        //   over 121e12 x 0.5
        QCOMPARE(t.computeS, (16.06e9 + 524812288.0) / 60.5e12);
        QCOMPARE(t.communicationS, 0.0);
        // overhead: 2 ms + 5 us x 1 sequence
        QCOMPARE(t.overheadS, 0.002005);
        QCOMPARE(t.totalS, 16191203072.0 / 240e9 + 0.002005); // ~69.47 ms: 14.4 tokens/s at batch 1
    }

    void prefillIsComputeBound()
    {
        const StepModel sm = modelFor(llama8b(), l4(), 1, QStringLiteral("bf16"));
        StepBatch b;
        b.numSequences = 1;
        b.numTokens = 2048;
        b.attentionPairs = 2048.0 * 2049 / 2; // causal: token i attends to i tokens
        b.kvReadBytes = 2048 * 131072.0;
        const StepTime t = stepTime(sm, b);
        // flops: 2 x 8.03e9 x 2048 = 3.289088e13, attention 524288 x 2,098,176 = 1.100049e12
        const double flops = 16.06e9 * 2048 + 524288.0 * 2098176.0;
        QCOMPARE(t.computeS, flops / 60.5e12); // ~0.5618 s
        QVERIFY(t.computeS > t.memoryS);
        QCOMPARE(t.totalS, flops / 60.5e12 + 0.002005);
    }

    void fp8UsesFp8TensorRate()
    {
        QCOMPARE(peakFlopsFor(l4(), QStringLiteral("fp8")), 242e12);
        Accelerator a100 = h100();
        a100.fp8Tflops = kUnknown; // Ampere: weight-only FP8 kernels at the BF16 rate
        a100.bf16Tflops = 312;
        QCOMPARE(peakFlopsFor(a100, QStringLiteral("fp8")), 312e12);
        Accelerator t4;
        t4.gkeLabel = QStringLiteral("nvidia-tesla-t4");
        QVERIFY(std::isnan(peakFlopsFor(t4, QStringLiteral("bf16"))));
    }

    void tensorParallelAllReduce()
    {
        const StepModel sm = modelFor(llama8b(), l4(), 2, QStringLiteral("bf16"));
        StepBatch b;
        b.numSequences = 1;
        b.numTokens = 1;
        b.attentionPairs = 1;
        b.kvReadBytes = 65536;
        const StepTime t = stepTime(sm, b);
        // 2 all-reduces x 32 layers x (10 us + 2 x (2-1)/2 x 8192 B / 32e9 B/s) = 64 x 10.256 us
        QCOMPARE(t.communicationS, 64 * (10e-6 + 8192.0 / 32e9));
        // weights split over 2 chips: 8.03e9 B per chip
        QCOMPARE(t.memoryS, (8.03e9 + 65536) / 240e9);
    }

    void moeExpertsTouched()
    {
        // 1 token picking 4 of 32 experts touches 4/32; 1 - (28/32)^T for T tokens
        QCOMPARE(expertsTouchedFraction(32, 4, 1), 0.125);
        QCOMPARE(expertsTouchedFraction(32, 4, 2), 1 - 0.875 * 0.875);
        QVERIFY(expertsTouchedFraction(32, 4, 256) > 0.9999);
        QCOMPARE(expertsTouchedFraction(0, 0, 7), 1.0); // dense

        ModelArchitecture moe = llama8b();
        moe.numExperts = 8;
        moe.expertsPerToken = 2;
        moe.totalParamsB = 46.7;
        moe.activeParamsB = 12.9;
        moe.expertParamsB = 45.1;
        Accelerator big = h100();
        const StepModel sm = modelFor(moe, big, 1, QStringLiteral("bf16"));
        StepBatch b;
        b.numSequences = 1;
        b.numTokens = 1;
        const StepTime t = stepTime(sm, b);
        // dense part (46.7 - 45.1) x 2 B = 3.2e9 B, experts 90.2e9 B x 2/8 = 22.55e9 B; over 3350e9 x 0.8
        QCOMPARE(t.memoryS, (3.2e9 + 22.55e9) / 2680e9);
        // compute uses active parameters: 2 x 12.9e9 FLOPs over 989e12 x 0.5
        QCOMPARE(t.computeS, 25.8e9 / 494.5e12);
    }
};

QTEST_GUILESS_MAIN(TestStepTime)
#include "tst_estimator_steptime.moc"
