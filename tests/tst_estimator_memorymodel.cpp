// Memory model: weights by precision, KV bytes per token, server budgets, KV capacity and infeasibility.
// Expected values are computed by hand from the formulas in docs/estimator.md (arithmetic in comments).

#include "estimator/memorymodel.h"
#include "estimatorfixtures.h"

#include <QTest>

using namespace iq;

using namespace iq::testfixtures;

class TestMemoryModel : public QObject
{
    Q_OBJECT
private slots:
    void weightsByPrecision()
    {
        const ModelArchitecture m = llama8b();
        // bf16: 8.03e9 x 2 B = 16.06e9 B
        QCOMPARE(weightBytes(m, QStringLiteral("bf16")).total, 16.06e9);
        // fp8: embeddings and lm_head (untied) stay bf16: 2 x 128256 x 4096 = 1,050,673,152 params.
        // (8.03e9 - 1,050,673,152) x 1 B + 1,050,673,152 x 2 B = 9,080,673,152 B
        QCOMPARE(weightBytes(m, QStringLiteral("fp8")).total, 9080673152.0);
        // NVFP4: 4.5 bits = 0.5625 B: (8.03e9 - 1,050,673,152) x 0.5625 + 1,050,673,152 x 2 = 6,027,217,656 B
        QCOMPARE(weightBytes(m, QStringLiteral("fp4")).total, 6027217656.0);
        QVERIFY(std::isnan(bytesPerWeight(QStringLiteral("int3"))));
    }

    void mxfp4QuantisesExpertsOnly()
    {
        ModelArchitecture m;
        m.hiddenSize = 2880;
        m.numLayers = 24;
        m.numAttentionHeads = 64;
        m.numKeyValueHeads = 8;
        m.headDim = 64;
        m.vocabSize = 201088;
        m.numExperts = 32;
        m.expertsPerToken = 4;
        m.totalParamsB = 20.9;
        m.expertParamsB = 19.1;
        // experts 19.1e9 x 4.25/8 B = 10.146875e9 B; the other 1.8e9 params x 2 B = 3.6e9 B
        const WeightBytes w = weightBytes(m, QStringLiteral("mxfp4"));
        QCOMPARE(w.expert, 10.146875e9);
        QCOMPARE(w.total, 10.146875e9 + 3.6e9);
    }

    void kvBytesPerTokenVariants()
    {
        // GQA: 2 (K,V) x 32 layers x 8 KV heads x 128 x 2 B = 131072 B
        QCOMPARE(kvBytesPerToken(llama8b(), 1).total(), 131072.0);
        // TP 2 splits the KV heads: 65536 B per chip
        QCOMPARE(kvBytesPerToken(llama8b(), 2).total(), 65536.0);
        // TP 16 > 8 KV heads: one replicated head per chip = 2 x 32 x 1 x 128 x 2 = 16384 B
        QCOMPARE(kvBytesPerToken(llama8b(), 16).total(), 16384.0);

        // MLA (DeepSeek-V3): 61 layers x (512 latent + 64 rope) x 2 B = 70272 B, not split by TP
        ModelArchitecture ds;
        ds.numLayers = 61;
        ds.multiLatentAttention = true;
        ds.kvLoraRank = 512;
        ds.qkRopeHeadDim = 64;
        QCOMPARE(kvBytesPerToken(ds, 8).total(), 70272.0);

        // Sliding window on half the layers (gpt-oss-20b: 24 layers, 12 sliding with window 128,
        // 8 KV heads x 64): per layer 2 x 8 x 64 x 2 = 2048 B
        ModelArchitecture g;
        g.numLayers = 24;
        g.numAttentionHeads = 64;
        g.numKeyValueHeads = 8;
        g.headDim = 64;
        g.slidingWindow = 128;
        g.numSlidingLayers = 12;
        const KvBytesPerToken kv = kvBytesPerToken(g, 1);
        QCOMPARE(kv.fullAttention, 12 * 2048.0);
        QCOMPARE(kv.slidingWindow, 12 * 2048.0);
        // 1000 tokens in 16-token blocks: full layers 1008 x 24576; sliding layers keep 128 + 16 = 144 tokens
        QCOMPARE(kvBytesForTokens(kv, 1000, 16), 1008 * 24576.0 + 144 * 24576.0);
    }

    void serverDefaults()
    {
        // vLLM get_batch_defaults: L4 (24 GB < 70 GiB) -> 256 seqs / 2048 tokens; H100 -> 1024 / 8192
        QCOMPARE(vllmOn(l4(), 1).maxNumSeqs, 256);
        QCOMPARE(vllmOn(l4(), 1).maxNumBatchedTokens, 2048);
        QCOMPARE(vllmOn(h100(), 1).maxNumSeqs, 1024);
        QCOMPARE(vllmOn(h100(), 1).maxNumBatchedTokens, 8192);
        Accelerator a100 = h100();
        a100.gkeLabel = QStringLiteral("nvidia-a100-80gb");
        QCOMPARE(vllmOn(a100, 1).maxNumSeqs, 256); // A100 excluded from the large defaults
        ServerConfig s;
        QString error;
        QVERIFY(defaultServerConfig(QStringLiteral("sglang"), h100(), 8, &s, &error));
        QCOMPARE(s.memoryUtilization, 0.81);
        Accelerator tpu;
        tpu.gkeLabel = QStringLiteral("tpu-v6e-slice");
        tpu.isTpu = true;
        QVERIFY(!defaultServerConfig(QStringLiteral("sglang"), tpu, 1, &s, &error));
        QVERIFY(error.contains(QLatin1String("vllm-tpu")));
        QVERIFY(defaultServerConfig(QStringLiteral("vllm-tpu"), tpu, 8, &s, &error));
        QCOMPARE(s.maxNumBatchedTokens, 1024);
    }

    void llama8bOnL4Capacity()
    {
        const MemoryPlan p = planMemory(llama8b(), QStringLiteral("bf16"), l4(), 1, vllmOn(l4(), 1));
        QVERIFY2(p.feasible, qPrintable(p.reason));
        // usable = 0.9 x 24 GB = 21.6 GB
        QCOMPARE(p.usableGB, 21.6);
        // activations: 2048 tokens x (QKV (32+2x8)x128 = 6144 + gate/up 2x14336 = 28672 + 4x4096 = 16384) x 2
        // B
        //   = 209,715,200 B; sampler logits + probs: 2 x 256 x 128256 x 4 B = 262,668,288 B; sum 472,383,488
        //   B
        QCOMPARE(p.activationsPerChipGB, 0.472383488);
        // KV = 21.6e9 - 16.06e9 - 0.472383488e9 - 1.0e9 (runtime) = 4,067,616,512 B
        QCOMPARE(p.kvCachePerChipGB, 4.067616512);
        // 4,067,616,512 / 131072 = 31033.45 tokens -> 31024 in whole 16-token blocks
        QCOMPARE(p.kvCacheTokens, qint64(31024));
        QCOMPARE(p.minAcceleratorCount, 1);
    }

    void infeasibleReason()
    {
        // 70.55e9 x 2 B = 141.1 GB > 21.6 GB usable. TP 8: 17.64 GB weights + ~0.43 GB activations + 1 GB
        // runtime < 21.6 GB, while TP 4 needs 35.3 GB of weights per chip: the answer is 8.
        const MemoryPlan p = planMemory(llama70b(), QStringLiteral("bf16"), l4(), 1, vllmOn(l4(), 1));
        QVERIFY(!p.feasible);
        QCOMPARE(p.reason,
                 QStringLiteral("141.1 GB of bf16 weights do not fit in 1× nvidia-l4 (24 GB); needs ≥ 8 "
                                "with tensor parallelism"));
        QCOMPARE(p.minAcceleratorCount, 8);
        const MemoryPlan p8 = planMemory(llama70b(), QStringLiteral("bf16"), l4(), 8, vllmOn(l4(), 8));
        QVERIFY2(p8.feasible, qPrintable(p8.reason));
        // TP must divide the 64 attention heads
        const MemoryPlan p3 = planMemory(llama70b(), QStringLiteral("bf16"), h100(), 3, vllmOn(h100(), 3));
        QVERIFY(!p3.feasible);
        QVERIFY(p3.reason.contains(QLatin1String("cannot be split over 3")));
    }

    void sglangKeepsOverheadInsideFraction()
    {
        ServerConfig s;
        QString error;
        QVERIFY(defaultServerConfig(QStringLiteral("sglang"), h100(), 1, &s, &error));
        const MemoryPlan p = planMemory(llama8b(), QStringLiteral("bf16"), h100(), 1, s);
        // 0.88 x 80 GB - 16.06 GB = 54.34 GB
        QCOMPARE(p.kvCachePerChipGB, 0.88 * 80 - 16.06);
    }
};

QTEST_GUILESS_MAIN(TestMemoryModel)
#include "tst_estimator_memorymodel.moc"
