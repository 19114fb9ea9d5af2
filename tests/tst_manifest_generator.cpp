// Golden-file and round-trip tests of the manifest generator (core/manifest/manifestgenerator.h).
// Regenerate the goldens after an intended change with IQ_UPDATE_GOLDENS=1 and review the diff.

#include "manifest/manifestgenerator.h"
#include "manifest/serversettings.h"
#include "manifest/yamlwriter.h"
#include "testsupport.h"

#include <QFile>
#include <QtTest>

#include <yaml-cpp/yaml.h>

using namespace iq;
using namespace iq::manifest;

namespace {

// meta-llama/Llama-3.1-8B-Instruct (16.1 GB bf16, models.yaml) on g2-standard-8 (1 x L4, 8 vCPUs, 32 GB,
// accelerators.yaml).
ManifestRequest gpuSingle()
{
    ManifestRequest r;
    r.model = QStringLiteral("meta-llama/Llama-3.1-8B-Instruct");
    r.modelServer = QStringLiteral("vllm");
    r.modelServerVersion = QStringLiteral("0.8.5");
    r.accelerator = QStringLiteral("nvidia-l4");
    r.acceleratorCount = 1;
    r.instanceType = QStringLiteral("g2-standard-8");
    r.machineVcpus = 8;
    r.machineMemoryGiB = 32;
    r.modelWeightsGB = 16.1;
    r.useCase = QStringLiteral("Chatbot (ShareGPT)");
    r.maxModelLength = 8192;
    r.gpuMemoryUtilization = 0.95;
    r.provenance.kind = Provenance::Kind::Measured;
    r.provenance.source = QStringLiteral("GKE Inference Quickstart");
    r.provenance.date = QStringLiteral("2025-06-01");
    r.generatedOn = QStringLiteral("2026-01-15");
    r.generatorVersion = QStringLiteral("0.1.0");
    return r;
}

// google/gemma-2-27b-it (54.5 GB) on g2-standard-48 (4 x L4, 48 vCPUs, 192 GB): tensor parallel 4.
ManifestRequest gpuMulti()
{
    ManifestRequest r = gpuSingle();
    r.model = QStringLiteral("google/gemma-2-27b-it");
    r.modelServerVersion = QStringLiteral("v0.7.2");
    r.acceleratorCount = 4;
    r.instanceType = QStringLiteral("g2-standard-48");
    r.machineVcpus = 48;
    r.machineMemoryGiB = 192;
    r.modelWeightsGB = 54.5;
    r.maxModelLength = 8192;
    r.gpuMemoryUtilization = 0.9;
    r.maxNumSeqs = 128;
    r.operatingPoint = QStringLiteral("425 output tokens/s, NTPOT 1085 ms");
    return r;
}

// Llama 3.1 8B on ct6e-standard-4t (4 x TPU v6e, 180 vCPUs, 720 GB), topology 2x2; estimated profile.
ManifestRequest tpu()
{
    ManifestRequest r = gpuSingle();
    r.modelServer = QStringLiteral("vllm-tpu");
    r.modelServerVersion = QStringLiteral("v0.11.1");
    r.accelerator = QStringLiteral("tpu-v6e-slice");
    r.isTpu = true;
    r.acceleratorCount = 4;
    r.instanceType = QStringLiteral("ct6e-standard-4t");
    r.tpuTopology = QStringLiteral("2x2");
    r.machineVcpus = 180;
    r.machineMemoryGiB = 720;
    r.gpuMemoryUtilization = kUnknown;
    r.provenance = {};
    r.provenance.kind = Provenance::Kind::Estimated;
    r.provenance.estimatorVersion = QStringLiteral("1");
    r.provenance.errorBandPercent = 12.5;
    r.provenance.date = QStringLiteral("2026-01-10");
    return r;
}

ManifestRequest withHpa()
{
    ManifestRequest r = gpuSingle();
    HpaSpec h;
    h.signal = HpaSpec::Signal::BatchSize;
    h.averageValue = 28;
    h.minReplicas = 1;
    h.maxReplicas = 5;
    h.rationale = QStringLiteral("Batch size: 31 requests run at the NTPOT target; scale just below it.");
    r.hpa = h;
    return r;
}

ManifestRequest withBucket()
{
    ManifestRequest r = gpuMulti();
    r.modelBucketUri = QStringLiteral("gs://my-models/google/gemma-2-27b-it/");
    r.serviceAccount = QStringLiteral("model-reader");
    r.ns = QStringLiteral("inference");
    return r;
}

// meta-llama/Llama-3.3-70B-Instruct (141.1 GB = 131.4 GiB >= 90 GiB) on a3-highgpu-4g (4 x H100, 104 vCPUs,
// 936 GB): HF_HOME in /dev/shm.
ManifestRequest largeModel()
{
    ManifestRequest r = gpuSingle();
    r.model = QStringLiteral("meta-llama/Llama-3.3-70B-Instruct");
    r.accelerator = QStringLiteral("nvidia-h100-80gb");
    r.acceleratorCount = 4;
    r.instanceType = QStringLiteral("a3-highgpu-4g");
    r.machineVcpus = 104;
    r.machineMemoryGiB = 936;
    r.modelWeightsGB = 141.1;
    r.maxModelLength = 32768;
    return r;
}

ManifestRequest kubernetesTarget()
{
    ManifestRequest r = withHpa();
    r.target = Target::Kubernetes;
    r.hpa->signal = HpaSpec::Signal::QueueSize;
    r.hpa->averageValue = 3;
    r.hpa->rationale = QStringLiteral("Queue size 3 (GKE guidance: start at 3-5).");
    return r;
}

ManifestRequest sglang()
{
    ManifestRequest r = gpuSingle();
    r.modelServer = QStringLiteral("sglang");
    r.modelServerVersion = QStringLiteral("0.4.6");
    r.maxNumSeqs = 64;
    r.hpaOmittedReason =
        QStringLiteral("the NTPOT target of 10 ms is not achievable; achievable range 24-310 ms.");
    return r;
}

// TGI on 4 x L4 (g2-standard-48): --num-shard, no max-num-seqs (reported as a warning instead).
ManifestRequest tgi()
{
    ManifestRequest r = gpuMulti();
    r.modelServer = QStringLiteral("tgi");
    r.modelServerVersion = QStringLiteral("v3.3.0");
    r.model = QStringLiteral("meta-llama/Llama-3.1-8B-Instruct");
    r.modelWeightsGB = 16.1;
    return r;
}

ManifestRequest byName(const QString &name)
{
    if (name == QLatin1String("gpu-single"))
        return gpuSingle();
    if (name == QLatin1String("gpu-multi"))
        return gpuMulti();
    if (name == QLatin1String("tpu"))
        return tpu();
    if (name == QLatin1String("hpa"))
        return withHpa();
    if (name == QLatin1String("bucket"))
        return withBucket();
    if (name == QLatin1String("large-model"))
        return largeModel();
    if (name == QLatin1String("kubernetes"))
        return kubernetesTarget();
    if (name == QLatin1String("tgi"))
        return tgi();
    return sglang();
}

const QStringList &caseNames()
{
    static const QStringList names{
        QStringLiteral("gpu-single"), QStringLiteral("gpu-multi"), QStringLiteral("tpu"),
        QStringLiteral("hpa"),        QStringLiteral("bucket"),    QStringLiteral("large-model"),
        QStringLiteral("kubernetes"), QStringLiteral("sglang"),    QStringLiteral("tgi")};
    return names;
}

std::vector<YAML::Node> loadAll(const QString &text)
{
    return YAML::LoadAll(text.toStdString());
}

YAML::Node findKind(const ManifestSet &set, const char *kind)
{
    for (const YAML::Node &d : set.documents) {
        if (d["kind"].Scalar() == kind)
            return d;
    }
    return {};
}

QStringList containerArgs(const ManifestSet &set)
{
    QStringList out;
    for (const YAML::Node &a :
         findKind(set, "Deployment")["spec"]["template"]["spec"]["containers"][0]["args"])
        out << QString::fromStdString(a.Scalar());
    return out;
}

} // namespace

class TestManifestGenerator : public QObject
{
    Q_OBJECT

private slots:
    void golden_data()
    {
        QTest::addColumn<QString>("name");
        for (const QString &n : caseNames())
            QTest::newRow(qPrintable(n)) << n;
    }

    void golden()
    {
        QFETCH(QString, name);
        const ManifestResult result = generateManifests(byName(name));
        QVERIFY2(result.ok, qPrintable(result.error));
        const QString text = result.set.text(OutputMode::All);
        const QString path = iqtest::testDataPath(QStringLiteral("manifests/%1.yaml").arg(name));
        if (qEnvironmentVariableIsSet("IQ_UPDATE_GOLDENS")) {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
            f.write(text.toUtf8());
        }
        const QString expected = QString::fromUtf8(iqtest::readFile(path));
        QVERIFY2(!expected.isEmpty(), qPrintable(QStringLiteral("missing golden ") + path));
        if (text != expected) {
            const QStringList a = text.split(QLatin1Char('\n'));
            const QStringList b = expected.split(QLatin1Char('\n'));
            for (int i = 0; i < qMax(a.size(), b.size()); ++i) {
                if (a.value(i) != b.value(i))
                    QFAIL(qPrintable(QStringLiteral("%1:%2: got \"%3\", golden \"%4\"")
                                         .arg(path)
                                         .arg(i + 1)
                                         .arg(a.value(i), b.value(i))));
            }
        }
    }

    // The written manifests parse back, with yaml-cpp, to exactly the trees that were built.
    void roundTrip_data() { golden_data(); }
    void roundTrip()
    {
        QFETCH(QString, name);
        const ManifestResult result = generateManifests(byName(name));
        QVERIFY2(result.ok, qPrintable(result.error));
        for (const OutputMode mode : {OutputMode::Manifest, OutputMode::All}) {
            const std::vector<YAML::Node> docs = loadAll(result.set.text(mode));
            // "---" after the last manifest starts an empty (null) document that holds only the comments.
            QVERIFY(docs.size() >= static_cast<std::size_t>(result.set.documents.size()));
            for (qsizetype i = 0; i < result.set.documents.size(); ++i) {
                QString where;
                QVERIFY2(sameYaml(result.set.documents.at(i), docs.at(static_cast<std::size_t>(i)), &where),
                         qPrintable(where));
            }
            for (std::size_t i = static_cast<std::size_t>(result.set.documents.size()); i < docs.size(); ++i)
                QVERIFY(docs[i].IsNull());
        }
        // Manifest mode prints no comment at all (unlike gcloud); comments mode only comments.
        QVERIFY(!result.set.text(OutputMode::Manifest).contains(QLatin1Char('#')));
        const QStringList commentLines =
            result.set.text(OutputMode::Comments).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        for (const QString &line : commentLines)
            QVERIFY2(line == QLatin1String("#") || line.startsWith(QLatin1String("# ")), qPrintable(line));
    }

    // Free text from the user or the catalog (quotes, colons, newlines, comment and document markers, YAML
    // keywords) stays a value: same tree after parsing, no extra document, every comment line commented.
    void hostileText()
    {
        ManifestRequest r = withHpa();
        const QString nasty =
            QStringLiteral("a: b\n--- \n# c\n\"q\" 'r' {x: [1, 2]} & *ref !tag % @ ` |\n  >- \r\nyes");
        r.useCase = nasty;
        r.operatingPoint = nasty;
        r.provenance.source = nasty;
        r.provenance.note = nasty;
        r.hpa->rationale = nasty;
        r.generatorVersion = QStringLiteral("true");
        const ManifestResult result = generateManifests(r);
        QVERIFY2(result.ok, qPrintable(result.error));
        const std::vector<YAML::Node> docs = loadAll(result.set.text(OutputMode::All));
        QCOMPARE(docs.size(), static_cast<std::size_t>(result.set.documents.size() + 1));
        const YAML::Node annotations = docs[0]["metadata"]["annotations"];
        QCOMPARE(QString::fromStdString(annotations["iqstudio.dev/use-case"].Scalar()), nasty);
        QCOMPARE(QString::fromStdString(annotations["iqstudio.dev/operating-point"].Scalar()), nasty);
        // "true" typed as a version stays a string: written quoted.
        QCOMPARE(annotations["iqstudio.dev/version"].Tag(), std::string("!"));
        for (qsizetype i = 0; i < result.set.documents.size(); ++i) {
            QString where;
            QVERIFY2(sameYaml(result.set.documents.at(i), docs.at(static_cast<std::size_t>(i)), &where),
                     qPrintable(where));
        }
        const QString comments = result.set.text(OutputMode::Comments);
        for (const QString &line : comments.split(QLatin1Char('\n'), Qt::SkipEmptyParts))
            QVERIFY2(line == QLatin1String("#") || line.startsWith(QLatin1String("# ")), qPrintable(line));
    }

    // Strings that YAML 1.1 (kubectl) would read as booleans, numbers or null are quoted.
    void typedStringsAreQuoted()
    {
        for (const char *s :
             {"true", "no", "on", "Y", "null", "8000", "1e3", "0x1F", "2026-01-15", "~", "", "-1"})
            QVERIFY2(!isSafePlainString(QString::fromLatin1(s)), s);
        for (const char *s : {"vllm", "nvidia.com/gpu", "apps/v1", "Deployment", "gke-tpu-accelerator"})
            QVERIFY2(isSafePlainString(QString::fromLatin1(s)), s);
        const ManifestResult result = generateManifests(withBucket());
        QVERIFY(result.ok);
        const QString text = result.set.text(OutputMode::Manifest);
        QVERIFY(text.contains(QLatin1String("gke-gcsfuse/volumes: \"true\"")));
        QVERIFY(text.contains(QLatin1String("nvidia.com/gpu: \"4\"")));
        QVERIFY(text.contains(QLatin1String("containerPort: 8000\n")));
    }

    void serverArguments()
    {
        // Tensor parallel size = accelerator count; recommendation values passed through; port 8000.
        QCOMPARE(
            containerArgs(generateManifests(gpuMulti()).set),
            QStringList({QStringLiteral("--model=google/gemma-2-27b-it"),
                         QStringLiteral("--tensor-parallel-size=4"), QStringLiteral("--max-model-len=8192"),
                         QStringLiteral("--gpu-memory-utilization=0.9"), QStringLiteral("--max-num-seqs=128"),
                         QStringLiteral("--host=0.0.0.0"), QStringLiteral("--port=8000")}));
        // From a bucket: the mount is the model path, the Hub id stays the served name.
        const QStringList bucketArgs = containerArgs(generateManifests(withBucket()).set);
        QCOMPARE(bucketArgs.at(0), QStringLiteral("--model=/models"));
        QCOMPARE(bucketArgs.at(1), QStringLiteral("--served-model-name=google/gemma-2-27b-it"));
        const ManifestResult s = generateManifests(sglang());
        QVERIFY(containerArgs(s.set).contains(QStringLiteral("--max-running-requests=64")));
        QVERIFY(containerArgs(s.set).contains(QStringLiteral("--tp=1")));
        QCOMPARE(
            QString::fromStdString(
                findKind(s.set, "Deployment")["spec"]["template"]["spec"]["containers"][0]["image"].Scalar()),
            QStringLiteral("lmsysorg/sglang:v0.4.6"));
        // TGI: tag without "v", no command (image entrypoint), shards = accelerators, no running-sequence
        // cap.
        const ManifestResult t = generateManifests(tgi());
        QVERIFY2(t.ok, qPrintable(t.error));
        const YAML::Node tc = findKind(t.set, "Deployment")["spec"]["template"]["spec"]["containers"][0];
        QCOMPARE(tc["image"].Scalar(), std::string("ghcr.io/huggingface/text-generation-inference:3.3.0"));
        QVERIFY(!tc["command"].IsDefined());
        QCOMPARE(containerArgs(t.set),
                 QStringList({QStringLiteral("--model-id=meta-llama/Llama-3.1-8B-Instruct"),
                              QStringLiteral("--num-shard=4"), QStringLiteral("--max-total-tokens=8192"),
                              QStringLiteral("--cuda-memory-fraction=0.9"), QStringLiteral("--port=8000")}));
        QCOMPARE(t.set.warnings.size(), 1);
    }

    void sizing()
    {
        const ManifestSet set = generateManifests(gpuSingle()).set;
        const YAML::Node c = findKind(set, "Deployment")["spec"]["template"]["spec"]["containers"][0];
        // g2-standard-8: CPU 8000m - (60 + 10 + 5 + 5 + 4 x 2.5 = 90) = 7910m allocatable, - 1000m = 6910m.
        QCOMPARE(c["resources"]["requests"]["cpu"].Scalar(), std::string("6910m"));
        // 32 GiB: reserved 0.25x4 + 0.2x4 + 0.1x8 + 0.06x16 = 3.56 GiB = 3645.44 MiB, + 100 MiB eviction:
        // 32768 - 3745.44 = 29022.56 -> 29022 MiB allocatable, - 2048 = 26974 MiB.
        QCOMPARE(c["resources"]["requests"]["memory"].Scalar(), std::string("26974Mi"));
        QCOMPARE(c["resources"]["limits"]["memory"].Scalar(), std::string("26974Mi"));
        QCOMPARE(c["resources"]["limits"]["nvidia.com/gpu"].Scalar(), std::string("1"));
        // 16.1 GB = 14.99 GiB -> 15Gi of ephemeral storage for the download.
        QCOMPARE(c["resources"]["requests"]["ephemeral-storage"].Scalar(), std::string("15Gi"));
        // Startup: 600 s + 16.1 GB / 0.1 GB/s = 761 s -> ceil(761 / 10) = 77 probes of 10 s.
        QCOMPARE(c["startupProbe"]["failureThreshold"].as<int>(), 77);
        QCOMPARE(c["startupProbe"]["httpGet"]["path"].Scalar(), std::string("/health"));

        // Large model: 141.1 GB = 131.41 GiB >= 90 GiB -> HF_HOME in /dev/shm and no ephemeral-storage
        // request.
        const ManifestSet large = generateManifests(largeModel()).set;
        const YAML::Node lc = findKind(large, "Deployment")["spec"]["template"]["spec"]["containers"][0];
        bool hfHome = false;
        for (const YAML::Node &e : lc["env"])
            hfHome |= e["name"].Scalar() == "HF_HOME" && e["value"].Scalar() == "/dev/shm/hf_cache";
        QVERIFY(hfHome);
        QVERIFY(!lc["resources"]["requests"]["ephemeral-storage"].IsDefined());
        // 600 + 1411 = 2011 s -> 202 probes.
        QCOMPARE(lc["startupProbe"]["failureThreshold"].as<int>(), 202);
        // 8B model: no HF_HOME.
        for (const YAML::Node &e : c["env"])
            QVERIFY(e["name"].Scalar() != "HF_HOME");
    }

    void hpa()
    {
        const ManifestSet set = generateManifests(withHpa()).set;
        const YAML::Node h = findKind(set, "HorizontalPodAutoscaler");
        QVERIFY(h.IsMap());
        QCOMPARE(h["apiVersion"].Scalar(), std::string("autoscaling/v2"));
        const YAML::Node m = h["spec"]["metrics"][0];
        QCOMPARE(m["type"].Scalar(), std::string("Pods"));
        QCOMPARE(m["pods"]["metric"]["name"].Scalar(),
                 std::string("prometheus.googleapis.com|vllm:num_requests_running|gauge"));
        QCOMPARE(m["pods"]["target"]["averageValue"].Scalar(), std::string("28"));
        QCOMPARE(h["spec"]["behavior"]["scaleDown"]["stabilizationWindowSeconds"].as<int>(), 300);
        QCOMPARE(h["spec"]["maxReplicas"].as<int>(), 5);
        // The HPA owns the replica count.
        QVERIFY(!findKind(set, "Deployment")["spec"]["replicas"].IsDefined());
        // No target: no HPA, and the comments say why.
        const ManifestSet plain = generateManifests(sglang()).set;
        QVERIFY(!findKind(plain, "HorizontalPodAutoscaler").IsMap());
        QVERIFY(plain.text(OutputMode::Comments).contains(QLatin1String("achievable range 24-310 ms")));
        QCOMPARE(findKind(plain, "Deployment")["spec"]["replicas"].as<int>(), 1);
        // Fractional targets become milli-quantities.
        ManifestRequest r = withHpa();
        r.hpa->averageValue = 12.5;
        QCOMPARE(findKind(generateManifests(r).set,
                          "HorizontalPodAutoscaler")["spec"]["metrics"][0]["pods"]["target"]["averageValue"]
                     .Scalar(),
                 std::string("12500m"));
    }

    void refusals_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("expected"); // part of the message
        QTest::newRow("namespace upper") << "ns"
                                         << "Prod"
                                         << "--namespace \"Prod\"";
        QTest::newRow("namespace long") << "ns" << QString(64, QLatin1Char('a')) << "at most 63";
        QTest::newRow("namespace newline") << "ns"
                                           << "a\nb"
                                           << "--namespace \"a\\nb\"";
        QTest::newRow("name digit") << "name"
                                    << "1abc"
                                    << "start with a lowercase letter";
        QTest::newRow("name long") << "name" << QString(56, QLatin1Char('a')) << "at most 55";
        QTest::newRow("name colon") << "name"
                                    << "a:b"
                                    << "--name \"a:b\"";
        QTest::newRow("bucket scheme") << "bucket"
                                       << "s3://x/y"
                                       << "gs://BUCKET[/DIR]";
        QTest::newRow("bucket upper") << "bucket"
                                      << "gs://MyBucket"
                                      << "bucket name \"MyBucket\"";
        QTest::newRow("bucket short") << "bucket"
                                      << "gs://ab"
                                      << "bucket name \"ab\"";
        QTest::newRow("bucket comma") << "bucket"
                                      << "gs://abc/x,y"
                                      << "','";
        QTest::newRow("bucket dotdot") << "bucket"
                                       << "gs://abc/x/../y"
                                       << "\"..\"";
        QTest::newRow("bucket goog") << "bucket"
                                     << "gs://google-models"
                                     << "goog";
        QTest::newRow("secret") << "secret"
                                << "hf_secret"
                                << "--hf-secret";
        QTest::newRow("version") << "version"
                                 << "v1:latest"
                                 << "image tag";
        QTest::newRow("model") << "model"
                               << "org/model\"; rm -rf"
                               << "Hugging Face model id";
        QTest::newRow("server") << "server"
                                << "jetstream"
                                << "supported: vllm, vllm-tpu, sglang, tgi";
    }

    void refusals()
    {
        QFETCH(QString, field);
        QFETCH(QString, value);
        QFETCH(QString, expected);
        ManifestRequest r = gpuSingle();
        if (field == QLatin1String("ns"))
            r.ns = value;
        else if (field == QLatin1String("name"))
            r.name = value;
        else if (field == QLatin1String("bucket"))
            r.modelBucketUri = value;
        else if (field == QLatin1String("secret"))
            r.hfSecret = value;
        else if (field == QLatin1String("version"))
            r.modelServerVersion = value;
        else if (field == QLatin1String("model"))
            r.model = value;
        else
            r.modelServer = value;
        const ManifestResult result = generateManifests(r);
        QVERIFY(!result.ok);
        QVERIFY2(result.error.contains(expected), qPrintable(result.error));
    }

    void serverSettingsFromPlans()
    {
        ManifestRequest r = gpuSingle();
        r.maxModelLength = 0;
        KvCachePlan kv;
        kv.kvCacheTokens = 30000; // floor(30000 / 1024) = 29 -> 29 x 1024 = 29696 < 131072
        kv.modelMaxContext = 131072;
        kv.memoryUtilization = 0.9;
        kv.memoryPerChipGB = 24;
        kv.weightsGB = 16.06;
        applyKvCachePlan(&r, kv);
        QCOMPARE(r.maxModelLength, 29696);
        QCOMPARE(r.gpuMemoryUtilization, 0.9);
        QVERIFY(r.notes.last().contains(QLatin1String("131072-token context does not fit")));
        kv.kvCacheTokens = 200000; // the context fits: min(8192, 199680) = 8192
        kv.modelMaxContext = 8192;
        applyKvCachePlan(&r, kv);
        QCOMPARE(r.maxModelLength, 8192);
        QVERIFY(!r.notes.last().contains(QLatin1String("does not fit")));
        applyBatchCap(&r, 16.7);
        QCOMPARE(r.maxNumSeqs, 16);
        ManifestRequest t = tgi();
        t.maxNumSeqs = 0;
        applyBatchCap(&t, 16.7);
        QCOMPARE(t.maxNumSeqs, 0);
        // The notes reach the comments.
        QVERIFY(generateManifests(r)
                    .set.text(OutputMode::Comments)
                    .contains(QLatin1String("# Max running sequences 16")));
    }

    void hpaFromRecommendation()
    {
        // A usable recommendation: the spec as given, the batch cap floor(12.4) = 12, and the maxReplicas
        // note only when no expected load was given.
        HpaRecommendation h;
        h.metric = kBatchSizeMetric();
        h.averageValueTarget = 12;
        h.minReplicas = 1;
        h.maxReplicas = 1;
        h.rationale = QStringLiteral("batch size 12 keeps NTPOT within 50 ms");
        ManifestRequest r = gpuSingle();
        QVERIFY(applyHpaRecommendation(&r, h, 12.4, false));
        QVERIFY(r.hpa.has_value());
        QCOMPARE(r.hpa->signal, HpaSpec::Signal::BatchSize);
        QCOMPARE(r.hpa->averageValue, 12.0);
        QCOMPARE(r.hpa->maxReplicas, 1);
        QCOMPARE(r.hpa->rationale, h.rationale);
        QCOMPARE(r.maxNumSeqs, 12);
        QVERIFY(r.notes.filter(QStringLiteral("maxReplicas is 1 because no expected load")).size() == 1);
        QVERIFY(r.hpaOmittedReason.isEmpty());
        ManifestRequest withLoad = gpuSingle();
        QVERIFY(applyHpaRecommendation(&withLoad, h, 12.4, true));
        QVERIFY(withLoad.notes.filter(QStringLiteral("maxReplicas is 1")).isEmpty());
        // No usable value or an unknown metric: no HPA, and the rationale says why.
        h.averageValueTarget = kUnknown;
        h.rationale = QStringLiteral("no point meets the targets");
        ManifestRequest none = gpuSingle();
        QVERIFY(!applyHpaRecommendation(&none, h, 12.4, false));
        QVERIFY(!none.hpa.has_value());
        QCOMPARE(none.hpaOmittedReason, h.rationale);
        h.averageValueTarget = 3;
        h.metric = QStringLiteral("vllm:unknown_metric");
        none = gpuSingle();
        QVERIFY(!applyHpaRecommendation(&none, h, 12.4, false));
        QVERIFY(!none.hpa.has_value());
    }

    void tpuRules()
    {
        ManifestRequest r = tpu();
        r.target = Target::Kubernetes;
        QVERIFY(generateManifests(r).error.contains(QLatin1String("--target=gke")));
        r = tpu();
        r.modelServer = QStringLiteral("vllm");
        QVERIFY(generateManifests(r).error.contains(QLatin1String("vllm-tpu")));
        r = tpu();
        r.tpuTopology.clear();
        QVERIFY(generateManifests(r).error.contains(QLatin1String("topology")));
        const ManifestSet set = generateManifests(tpu()).set;
        const YAML::Node pod = findKind(set, "Deployment")["spec"]["template"]["spec"];
        QCOMPARE(pod["nodeSelector"]["cloud.google.com/gke-tpu-accelerator"].Scalar(),
                 std::string("tpu-v6e-slice"));
        QCOMPARE(pod["nodeSelector"]["cloud.google.com/gke-tpu-topology"].Scalar(), std::string("2x2"));
        QCOMPARE(pod["containers"][0]["resources"]["limits"]["google.com/tpu"].Scalar(), std::string("4"));
        QVERIFY(set.text(OutputMode::Comments).contains(QLatin1String("scale to one replica first")));
        QVERIFY(set.text(OutputMode::Comments).contains(QLatin1String("(estimated)")));
    }

    void memoryMustHoldInMemoryWeights()
    {
        // 141.1 GB checkpoint in /dev/shm on g2-standard-8 (32 GB): refused, naming the numbers.
        ManifestRequest r = largeModel();
        r.instanceType = QStringLiteral("g2-standard-8");
        r.machineVcpus = 8;
        r.machineMemoryGiB = 32;
        const ManifestResult result = generateManifests(r);
        QVERIFY(!result.ok);
        QVERIFY2(result.error.contains(QLatin1String("131.4 GiB")), qPrintable(result.error));
    }
};

QTEST_GUILESS_MAIN(TestManifestGenerator)
#include "tst_manifest_generator.moc"
