// The reference facts (resources/reference/*.yaml) read into domain types, and the embedded catalog built
// from them. Fails when someone edits the facts without rebuilding resources/catalog/reference.json.

#include "catalog/catalogbuilder.h"
#include "catalog/catalogloader.h"
#include "catalog/catalogwriter.h"
#include "catalog/referencedata.h"
#include "catalogtestutil.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace iq;

namespace {

const QString kReferenceDir = QStringLiteral(IQ_SOURCE_DIR "/resources/reference");

template<class T, class F>
const T *find(const QList<T> &list, F pred)
{
    const auto it = std::find_if(list.begin(), list.end(), pred);
    return it == list.end() ? nullptr : &*it;
}

// The matching entry, or an empty one (whose fields then fail the comparisons that follow).
template<class T, class F>
const T &item(const QList<T> &list, F pred)
{
    static const T none{};
    const T *found = find(list, pred);
    return found ? *found : none;
}

const Price *price(const ReferenceData &r, const QString &machine, const QString &model)
{
    return find(r.prices,
                [&](const Price &p) { return p.machineType == machine && p.pricingModel == model; });
}

const Price &priceRef(const ReferenceData &r, const QString &machine, const QString &model)
{
    return item(r.prices,
                [&](const Price &p) { return p.machineType == machine && p.pricingModel == model; });
}

QStringList texts(const QList<Diagnostic> &list)
{
    QStringList out;
    for (const Diagnostic &d : list)
        out << d.toString();
    return out;
}

} // namespace

class TestCatalogReference : public QObject
{
    Q_OBJECT

    ReferenceData m_ref;

private slots:
    void initTestCase() { m_ref = loadReferenceData(kReferenceDir); }

    void noErrors() { QCOMPARE(texts(m_ref.errors), QStringList{}); }

    void warningsExplainWhatWasLeftOut()
    {
        // Fractional GPU shares and attach-at-create-time GPUs are not machine types with a fixed count;
        // free text where a number belongs gives its leading number. Each says so, with file:line.
        const QStringList w = texts(m_ref.warnings);
        QCOMPARE(w.size(), 9);
        QVERIFY(
            w.contains(kReferenceDir +
                       QStringLiteral("/accelerators.yaml:859: g4-standard-6: accelerator count \"1/8\" is "
                                      "not a whole number of accelerators (fractional share); left out")));
        QVERIFY(w.contains(kReferenceDir +
                           QStringLiteral("/accelerators.yaml:886: n1-standard-4: no fixed accelerator count "
                                          "(GPUs chosen at create time); left out")));
        QVERIFY(w.contains(
            kReferenceDir +
            QStringLiteral(
                "/models.yaml:113: google/gemma-3-4b-it.max_position_embeddings: took the leading number "
                "131072 from \"131072 in HF text config (MaxText copy says 163840); 128K context\"")));
    }

    void counts()
    {
        QCOMPARE(m_ref.accelerators.size(), 14); // 10 GPUs + 4 TPUs in accelerators.yaml
        // 45 machine_types entries minus 3 fractional g4 shares and 3 attachable n1 (see warnings)
        QCOMPARE(m_ref.machineTypes.size(), 39);
        // 15 listed machine types: 11 with 4 pricing models + 4 with on-demand and spot = 52 listed prices;
        // derived TPU prices: v5e 3 machines x 3 models + v6e 3 x 3 + v5p 1 x 1 = 19
        QCOMPARE(m_ref.prices.size(), 71);
        QCOMPARE(
            std::count_if(m_ref.prices.begin(), m_ref.prices.end(), [](const Price &p) { return p.derived; }),
            19);
        QCOMPARE(m_ref.models.size(), 28); // 25 entries, 3 of them standing for two ids
        QCOMPARE(m_ref.useCases.size(), 7);
        QCOMPARE(m_ref.measuredProfiles.size(), 1);
    }

    void accelerators()
    {
        const Accelerator &l4 = item(m_ref.accelerators, [](const Accelerator &a) {
            return a.gkeLabel == QLatin1String("nvidia-l4");
        });
        QVERIFY(!l4.gkeLabel.isEmpty());
        QCOMPARE(l4.memoryGB, 24.0);
        QCOMPARE(l4.memoryBandwidthGBps, 300.0);
        QCOMPARE(l4.bf16Tflops, 121.0);
        QCOMPARE(l4.fp8Tflops, 242.0);
        QCOMPARE(l4.interconnectGBps, 32.0); // "~32 GB/s per direction" in the cited text
        QVERIFY(!isKnown(l4.fp4Tflops));
        QVERIFY(!l4.isTpu);
        QVERIFY(l4.sources.contains(QStringLiteral("https://grokipedia.com/page/NVIDIA_L4_vs_L40S")));
        const Accelerator &t4 = item(m_ref.accelerators, [](const Accelerator &a) {
            return a.gkeLabel == QLatin1String("nvidia-tesla-t4");
        });
        QVERIFY(!isKnown(t4.bf16Tflops)); // "value: null" (no BF16 on Turing) stays unknown, not 0
        const Accelerator &v5p = item(m_ref.accelerators, [](const Accelerator &a) {
            return a.gkeLabel == QLatin1String("tpu-v5p-slice");
        });
        QVERIFY(v5p.isTpu);
        QCOMPARE(v5p.memoryGB, 102.005); // 95 GiB x 1.073741824 = 102.00547 GB, rounded to 1 MB
        const Accelerator &h100 = item(m_ref.accelerators, [](const Accelerator &a) {
            return a.gkeLabel == QLatin1String("nvidia-h100-80gb");
        });
        QCOMPARE(h100.interconnectGBps, 450.0);
        QCOMPARE(h100.displayName, QStringLiteral("NVIDIA H100 80GB SXM5 (A3 High: a3-highgpu-*)"));
    }

    void machineTypes()
    {
        const MachineType &g2 = item(m_ref.machineTypes, [](const MachineType &m) {
            return m.name == QLatin1String("g2-standard-32");
        });
        QCOMPARE(g2.acceleratorCount, 1); // the YAML notes it: 1 L4, not 4
        QCOMPARE(g2.vcpus, 32);
        QCOMPARE(g2.memoryGB, 128.0);
        const MachineType &a3 = item(m_ref.machineTypes, [](const MachineType &m) {
            return m.name == QLatin1String("a3-highgpu-1g");
        });
        QCOMPARE(a3.accelerator, QStringLiteral("nvidia-h100-80gb"));
        QCOMPARE(a3.acceleratorCount, 1);
        QCOMPARE(a3.sources.size(), 3);
        QVERIFY(!find(m_ref.machineTypes,
                      [](const MachineType &m) { return m.name == QLatin1String("g4-standard-6"); }));
    }

    void prices()
    {
        const Price &spot = priceRef(m_ref, QStringLiteral("a3-highgpu-1g"), QStringLiteral("spot"));
        QVERIFY(!spot.machineType.isEmpty());
        QCOMPARE(spot.usdPerHour, 4.424);
        QCOMPARE(spot.asOf, QStringLiteral("2025-03-06"));
        QCOMPARE(spot.region, QStringLiteral("us-central1"));
        QCOMPARE(spot.source,
                 QStringLiteral(
                     "https://github.com/Cyclenerd/google-cloud-pricing-cost-calculator (pricing.yml)"));
        QVERIFY(!spot.derived);
        QCOMPARE(priceRef(m_ref, QStringLiteral("a3-megagpu-8g"), QStringLiteral("on-demand")).region,
                 QStringLiteral("us-east4"));
        QCOMPARE(priceRef(m_ref, QStringLiteral("g2-standard-4"), QStringLiteral("on-demand")).note,
                 QStringLiteral("listed for us-west1, same as us-central1 for G2"));
        // Not in the price table: no price (never a scaled guess).
        QVERIFY(!price(m_ref, QStringLiteral("a3-highgpu-2g"), QStringLiteral("on-demand")));
        QVERIFY(!price(m_ref, QStringLiteral("a4-highgpu-8g"), QStringLiteral("spot")));
        QVERIFY(!price(m_ref, QStringLiteral("a2-ultragpu-1g"),
                       QStringLiteral("1-year-cud"))); // only on-demand and spot listed
        // TPU: per-chip price x chips, marked derived, with a note.
        const Price &tpu = priceRef(m_ref, QStringLiteral("ct5lp-hightpu-4t"), QStringLiteral("on-demand"));
        QVERIFY(!tpu.machineType.isEmpty());
        QCOMPARE(tpu.usdPerHour, 4.8); // 1.20 USD/chip-hour x 4 chips
        QVERIFY(tpu.derived);
        QVERIFY(tpu.note.startsWith(QStringLiteral("derived: 1.2 USD per chip-hour x 4 chips")));
        QCOMPARE(
            priceRef(m_ref, QStringLiteral("ct6e-standard-8t"), QStringLiteral("3-years-cud")).usdPerHour,
            9.76); // 1.22 x 8
        QCOMPARE(priceRef(m_ref, QStringLiteral("ct5p-hightpu-4t"), QStringLiteral("on-demand")).usdPerHour,
                 16.8); // 4.20 x 4
        QVERIFY(!price(m_ref, QStringLiteral("ct5p-hightpu-4t"), QStringLiteral("spot")));
    }

    void models()
    {
        QStringList ids;
        for (const Model &m : std::as_const(m_ref.models))
            ids << m.id;
        for (const char *id : {"meta-llama/Llama-3.1-405B", "meta-llama/Llama-3.1-405B-Instruct",
                               "mistralai/Mixtral-8x7B-v0.1", "mistralai/Mixtral-8x7B-Instruct-v0.1",
                               "deepseek-ai/DeepSeek-V3", "deepseek-ai/DeepSeek-R1"})
            QVERIFY2(ids.contains(QLatin1String(id)), id);
        QCOMPARE(ids.removeDuplicates(), 0);
        const Model &oss =
            item(m_ref.models, [](const Model &m) { return m.id == QLatin1String("openai/gpt-oss-20b"); });
        QCOMPARE(oss.family, QStringLiteral("gpt-oss"));
        QCOMPARE(oss.architecture, QStringLiteral("GptOssForCausalLM"));
        QCOMPARE(oss.parametersB, 20.91);
        QCOMPARE(oss.activeParametersB, 3.61); // active_computed_B_excl_embedding (official: 3.6B)
        QCOMPARE(oss.weightsGB, 13.8);
        QCOMPARE(oss.precision, QStringLiteral("mxfp4"));
        QCOMPARE(oss.maxContextLength, 131072);
        const Model &r1 = item(
            m_ref.models, [](const Model &m) { return m.id == QLatin1String("deepseek-ai/DeepSeek-R1"); });
        QCOMPARE(r1.parametersB, 671.0); // "official: 671B main-model params; 36.7B activated ..."
        QCOMPARE(r1.activeParametersB, 36.7);
        QCOMPARE(r1.weightsGB, 685.0);
        QCOMPARE(r1.precision, QStringLiteral("fp8"));
        QCOMPARE(r1.family, QStringLiteral("DeepSeek-R1"));
        const Model &llama = item(m_ref.models, [](const Model &m) {
            return m.id == QLatin1String("meta-llama/Llama-3.1-8B-Instruct");
        });
        QCOMPARE(llama.family, QStringLiteral("Llama-3.1"));
        QCOMPARE(llama.precision, QStringLiteral("bf16"));
        const Model &gemma3 =
            item(m_ref.models, [](const Model &m) { return m.id == QLatin1String("google/gemma-3-4b-it"); });
        QCOMPARE(gemma3.maxContextLength, 131072);
    }

    void useCases()
    {
        const QList<UseCase> expected{{QStringLiteral("Chatbot (ShareGPT)"), 128, 128},
                                      {QStringLiteral("Code Completion"), 512, 32},
                                      {QStringLiteral("Text Summarization"), 1024, 128},
                                      {QStringLiteral("Text Generation"), 512, 2048},
                                      {QStringLiteral("Deep Research"), 256, 4096},
                                      {QStringLiteral("Advanced Customer Support"), 9000, 256},
                                      {QStringLiteral("Multi Agent Large Document Summarization"), 8000, 64}};
        QCOMPARE(m_ref.useCases, expected);
    }

    void measuredProfile()
    {
        const Profile &p = m_ref.measuredProfiles.at(0);
        QCOMPARE(p.model, QStringLiteral("openai/gpt-oss-20b"));
        QCOMPARE(p.modelServer, QStringLiteral("vllm"));
        QCOMPARE(p.modelServerVersion, QStringLiteral("gptoss"));
        QCOMPARE(p.accelerator, QStringLiteral("nvidia-h100-80gb"));
        QCOMPARE(p.acceleratorCount, 1);
        QCOMPARE(p.instanceType, QStringLiteral("a3-highgpu-1g"));
        QCOMPARE(p.useCase, QStringLiteral("Chatbot (ShareGPT)"));
        QCOMPARE(p.provenance.kind, Provenance::Kind::Measured);
        QCOMPARE(p.provenance.source, QStringLiteral("https://cloud.google.com/kubernetes-engine/docs/how-to/"
                                                     "machine-learning/inference-quickstart"));
        QVERIFY(p.provenance.note.contains(QLatin1String("example row")));
        QCOMPARE(p.points.size(), 1);
        const BenchmarkPoint &pt = p.points[0];
        QCOMPARE(pt.outputTokensPerSecond, 13335.0);
        QCOMPARE(pt.ntpotMs.mean, 67.0);
        QCOMPARE(pt.ttftMs.mean, 297.0);
        // Everything else is unknown.
        int known = 0;
        for (const PointColumn &c : pointColumns())
            known += isKnown(c.get(pt)) ? 1 : 0;
        QCOMPARE(known, 3);
        // The ShareGPT means of METRICS.md: the workload behind the Quickstart profiles.
        QCOMPARE(p.averageInputLength, 226.0);
        QCOMPARE(p.averageOutputLength, 195.0);
    }

    void builtCatalog()
    {
        const CatalogData c = buildReferenceCatalog(m_ref);
        QCOMPARE(c.name, QStringLiteral("reference"));
        QCOMPARE(c.modelServers,
                 (QList<ModelServer>{ModelServer{QStringLiteral("vllm"), {QStringLiteral("gptoss")}, {}}}));
        QCOMPARE(c.accelerators.size(), m_ref.accelerators.size());
        QCOMPARE(c.profiles.size(), 1);
        const QByteArray bytes = serializeCatalog(c);
        QCOMPARE(serializeCatalog(buildReferenceCatalog(loadReferenceData(kReferenceDir))),
                 bytes); // deterministic
        const CatalogLoadResult back = parseCatalog(bytes, QStringLiteral("reference.json"));
        QVERIFY(back.ok());
        QCOMPARE(back.warnings.size(), 0);
        QVERIFY(catalogtest::sameCatalog(back.data, c));
    }

    void modelServerVersionOrder()
    {
        Profile p;
        p.modelServer = QStringLiteral("vllm");
        QList<Profile> ps;
        for (const char *v : {"v0.9.2", "v0.10.0", "v0.7.2", "v0.10.0"}) {
            p.modelServerVersion = QLatin1String(v);
            ps << p;
        }
        p.modelServer = QStringLiteral("sglang");
        p.modelServerVersion = QStringLiteral("0.4");
        ps << p;
        const QList<ModelServer> s = modelServersUsedBy(ps);
        QCOMPARE(s.size(), 2);
        QCOMPARE(s[0].name, QStringLiteral("sglang"));
        QCOMPARE(s[1].versions, (QStringList{QStringLiteral("v0.10.0"), QStringLiteral("v0.9.2"),
                                             QStringLiteral("v0.7.2")}));
    }

    void committedCatalogIsUpToDate()
    {
        QFile f(QStringLiteral(IQ_SOURCE_DIR "/resources/catalog/reference.json"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray committed = f.readAll();
        const QByteArray fresh = serializeCatalog(buildReferenceCatalog(m_ref));
        QVERIFY2(
            committed == fresh,
            "resources/catalog/reference.json differs from a fresh build of resources/reference: "
            "run `iq catalog build --output-dir=resources/catalog` in the source tree and commit the result");
    }

    void embeddedCopiesMatchTheSourceTree()
    {
        // The binary's resources are the same facts (a stale build would show old facts).
        const ReferenceData embedded = loadReferenceData();
        QCOMPARE(texts(embedded.errors), QStringList{});
        QCOMPARE(serializeCatalog(buildReferenceCatalog(embedded)),
                 serializeCatalog(buildReferenceCatalog(m_ref)));
        const CatalogLoadResult r = loadCatalogFile(QStringLiteral(":/catalog/reference.json"));
        QVERIFY(r.ok());
        QCOMPARE(r.warnings.size(), 0);
        QVERIFY(catalogtest::sameCatalog(r.data, buildReferenceCatalog(m_ref)));
    }

    void robustAgainstBrokenReferenceFiles()
    {
        QTemporaryDir dir;
        auto put = [&](const char *name, const QByteArray &text) {
            QFile f(dir.filePath(QLatin1String(name)));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(text);
        };
        put("accelerators.yaml", "accelerators:\n- gke_accelerator: x\n  memory: {value: [1, 2]}\n  "
                                 "mem_bandwidth_GBps: {value: lots}\n"
                                 "- just text\nmachine_types:\n- machine_type: m\n  accelerator: x\n  "
                                 "accelerator_count: 2\n  vcpus: -4\n");
        put("prices.yaml", "meta: {as_of: 2025-03-06, region: r, pricing_models: [on-demand, spot, "
                           "weekly]}\nmachine_types:\n  m: {on-demand: cheap, spot: 1}\n"
                           "tpu_per_chip_hour_unverified: [1]\n");
        put("models.yaml", "models: {not: a list}\n");
        put("use-cases.yaml", "use_cases:\n- name: u\n  input_length: 0\n  output_length: 1\n");
        put("measured.yaml", "points: [\n");
        const ReferenceData r = loadReferenceData(dir.path());
        const QString d = dir.path() + QLatin1Char('/');
        QCOMPARE(
            texts(r.errors),
            (QStringList{
                d + QStringLiteral("accelerators.yaml:3: x.memory.value: expected a number, got a structure"),
                d + QStringLiteral("accelerators.yaml:5: accelerators: expected a mapping per accelerator"),
                d + QStringLiteral(
                        "accelerators.yaml:10: m.vcpus: expected a non-negative finite number, got -4"),
                d + QStringLiteral("prices.yaml:1: meta.pricing_models: unknown pricing model \"weekly\""),
                d + QStringLiteral("prices.yaml:4: tpu_per_chip_hour_unverified: expected a mapping"),
                d + QStringLiteral("models.yaml:1: missing list \"models\""),
                d + QStringLiteral(
                        "use-cases.yaml:2: use case needs a name, input_length and output_length (positive)"),
                d + QStringLiteral("measured.yaml:2: end of sequence flow not found")}));
        QCOMPARE(texts(r.warnings),
                 (QStringList{d + QStringLiteral("accelerators.yaml:4: x.mem_bandwidth_GBps.value: no number "
                                                 "in \"lots\"; left unknown"),
                              d + QStringLiteral(
                                      "prices.yaml:3: m.on-demand: no number in \"cheap\"; left unknown")}));
        QCOMPARE(r.accelerators.size(), 1);
        QVERIFY(!isKnown(r.accelerators[0].memoryGB));
        QCOMPARE(r.prices.size(), 1); // spot 1
        // A missing directory: one error per file, no crash.
        const ReferenceData none = loadReferenceData(QStringLiteral("/nonexistent"));
        QCOMPARE(none.errors.size(), 5);
        QVERIFY(none.errors[0].toString().startsWith(
            QStringLiteral("/nonexistent/accelerators.yaml: cannot open: ")));
    }
};

QTEST_GUILESS_MAIN(TestCatalogReference)
#include "tst_catalog_reference.moc"
