// `iq profiles manifests create`, run as a user runs it (the built binary). Profiles come from
// tests/data/manifests/catalog.json (synthetic curves); models and machine types from the embedded catalog.

#include "testsupport.h"

#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <yaml-cpp/yaml.h>

using iqtest::runIq;

namespace {

QStringList create(QStringList args)
{
    QStringList all{QStringLiteral("profiles"),
                    QStringLiteral("manifests"),
                    QStringLiteral("create"),
                    QStringLiteral("--catalog=") +
                        iqtest::testDataPath(QStringLiteral("manifests/catalog.json")),
                    QStringLiteral("--no-user-catalog"),
                    QStringLiteral("--model=meta-llama/Llama-3.1-8B-Instruct")};
    all << args;
    return all;
}

QStringList gpu(QStringList args)
{
    args.prepend(QStringLiteral("--accelerator-type=nvidia-l4"));
    args.prepend(QStringLiteral("--model-server=vllm"));
    return create(args);
}

YAML::Node kind(const std::vector<YAML::Node> &docs, const char *k)
{
    for (const YAML::Node &d : docs) {
        if (d.IsMap() && d["kind"].Scalar() == k)
            return d;
    }
    return YAML::Node();
}

QStringList args(const YAML::Node &deployment)
{
    QStringList out;
    for (const YAML::Node &a : deployment["spec"]["template"]["spec"]["containers"][0]["args"])
        out << QString::fromStdString(a.Scalar());
    return out;
}

} // namespace

class TestCliManifests : public QObject
{
    Q_OBJECT

private slots:
    void withLatencyTarget()
    {
        const auto r = runIq(gpu({QStringLiteral("--target-ntpot-milliseconds=60"),
                                  QStringLiteral("--target-requests-per-second=20")}));
        QVERIFY2(r.exitCode == 0, qPrintable(r.errText()));
        const std::vector<YAML::Node> docs = YAML::LoadAll(r.out.toStdString());
        const YAML::Node hpa = kind(docs, "HorizontalPodAutoscaler");
        QVERIFY(hpa.IsMap());
        // Operating point at NTPOT 60 ms = point 4 of the curve: 4 requests/s, batch 16.
        // Batch-size target floor(16 / 1.1) = 14; maxReplicas = ceil(20 / (4 x (1 - 0.1))) = ceil(5.56) = 6.
        QCOMPARE(hpa["spec"]["metrics"][0]["pods"]["metric"]["name"].Scalar(),
                 std::string("prometheus.googleapis.com|vllm:num_requests_running|gauge"));
        QCOMPARE(hpa["spec"]["metrics"][0]["pods"]["target"]["averageValue"].Scalar(), std::string("14"));
        QCOMPARE(hpa["spec"]["maxReplicas"].as<int>(), 6);
        const QStringList a = args(kind(docs, "Deployment"));
        QVERIFY2(a.contains(QStringLiteral("--max-num-seqs=16")), qPrintable(a.join(QLatin1Char(' '))));
        QVERIFY(a.contains(QStringLiteral("--tensor-parallel-size=1")));
        QVERIFY(a.contains(QStringLiteral("--gpu-memory-utilization=0.9")));
        // Llama 3.1's 131072-token context does not fit one L4's KV cache: capped, in multiples of 1024.
        const QString maxLen = a.filter(QStringLiteral("--max-model-len=")).value(0);
        const int tokens = maxLen.mid(16).toInt();
        QVERIFY2(tokens > 0 && tokens < 131072 && tokens % 1024 == 0, qPrintable(maxLen));
        QCOMPARE(QString::fromStdString(
                     kind(docs, "Deployment")["spec"]["template"]["spec"]["containers"][0]["image"].Scalar()),
                 QStringLiteral("vllm/vllm-openai:v0.8.5"));
        QVERIFY(r.outText().contains(QStringLiteral("\n---\n# Generated on ")));
    }

    void manifestOutputHasNoComments()
    {
        const auto r = runIq(gpu({QStringLiteral("--output=manifest")}));
        QCOMPARE(r.exitCode, 0);
        QVERIFY(!r.outText().contains(QLatin1Char('#')));
        const std::vector<YAML::Node> docs = YAML::LoadAll(r.out.toStdString());
        QVERIFY(kind(docs, "Deployment").IsMap());
        QVERIFY(kind(docs, "Service").IsMap());
        QVERIFY(kind(docs, "PodMonitoring").IsMap());
        QVERIFY(!kind(docs, "HorizontalPodAutoscaler").IsMap()); // no target, no HPA
        const auto c = runIq(gpu({QStringLiteral("--output=comments")}));
        QCOMPARE(c.exitCode, 0);
        for (const QString &line : c.outText().split(QLatin1Char('\n'), Qt::SkipEmptyParts))
            QVERIFY2(line == QLatin1String("#") || line.startsWith(QLatin1String("# ")), qPrintable(line));
    }

    void outputPathIsWritten()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("m.yaml"));
        const auto r = runIq(gpu({QStringLiteral("--output-path=") + path}));
        QVERIFY2(r.exitCode == 0, qPrintable(r.errText()));
        QVERIFY(r.out.isEmpty());
        const auto stdoutRun = runIq(gpu({}));
        QCOMPARE(iqtest::readFile(path), stdoutRun.out);
        const auto bad = runIq(gpu({QStringLiteral("--output-path=/nonexistent-dir/m.yaml")}));
        QCOMPARE(bad.exitCode, 1);
        QVERIFY2(bad.errText().contains(QStringLiteral("/nonexistent-dir/m.yaml")),
                 qPrintable(bad.errText()));
    }

    void dateFromSourceDateEpoch()
    {
        // 1768435200 s = 2026-01-15T00:00:00Z (20468 days x 86400 s).
        const auto r = runIq(gpu({QStringLiteral("--output=comments")}), {},
                             {QStringLiteral("SOURCE_DATE_EPOCH=1768435200")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.errText()));
        QVERIFY(r.outText().startsWith(QStringLiteral("# Generated on 2026-01-15 using:\n")));
        const auto bad = runIq(gpu({}), {}, {QStringLiteral("SOURCE_DATE_EPOCH=yesterday")});
        QCOMPARE(bad.exitCode, 2);
        QVERIFY2(bad.errText().contains(QStringLiteral("SOURCE_DATE_EPOCH")), qPrintable(bad.errText()));
    }

    void unachievableTargetExplains()
    {
        // Pinned to the synthetic test profile: the embedded catalog also has estimated L4 curves.
        const auto r = runIq(gpu({QStringLiteral("--target-ntpot-milliseconds=5"),
                                  QStringLiteral("--model-server-version=0.8.5"),
                                  QStringLiteral("--instance-type=g2-standard-8")}));
        QVERIFY2(r.exitCode == 0, qPrintable(r.errText()));
        const std::vector<YAML::Node> docs = YAML::LoadAll(r.out.toStdString());
        QVERIFY(!kind(docs, "HorizontalPodAutoscaler").IsMap());
        QVERIFY(kind(docs, "Deployment").IsMap());
        // The curve's NTPOT spans 25 (first point) to 250 ms (last point).
        QVERIFY2(r.outText().contains(
                     QRegularExpression(QStringLiteral("# No HorizontalPodAutoscaler: .*25.250 ms"))),
                 qPrintable(r.outText()));
        QVERIFY(r.errText().contains(QStringLiteral("warning:")));
    }

    void refusesBadPlacement_data()
    {
        QTest::addColumn<QString>("flag");
        QTest::addColumn<QString>("message");
        QTest::newRow("namespace") << "--namespace=Prod_1"
                                   << "--namespace \"Prod_1\"";
        QTest::newRow("name") << "--name=my:app"
                              << "--name \"my:app\"";
        QTest::newRow("name too long")
            << QString(QStringLiteral("--name=") + QString(56, QLatin1Char('a'))) << "at most 55";
        QTest::newRow("bucket") << "--model-bucket-uri=gs://A"
                                << "bucket name \"A\"";
        QTest::newRow("bucket scheme") << "--model-bucket-uri=https://x"
                                       << "gs://BUCKET[/DIR]";
        QTest::newRow("secret") << "--hf-secret=HF"
                                << "--hf-secret \"HF\"";
        QTest::newRow("output") << "--output=yaml"
                                << "--output";
        QTest::newRow("target") << "--target=openshift"
                                << "--target";
        QTest::newRow("replicas") << "--replicas=0"
                                  << "--replicas";
    }

    void refusesBadPlacement()
    {
        QFETCH(QString, flag);
        QFETCH(QString, message);
        const auto r = runIq(gpu({flag}));
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.errText().contains(message), qPrintable(r.errText()));
        QVERIFY(r.out.isEmpty());
    }

    void unknownNamesSuggest()
    {
        auto r = runIq(
            create({QStringLiteral("--model-server=vllm"), QStringLiteral("--accelerator-type=nvidia-l5")}));
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.errText().contains(QStringLiteral("nvidia-l4")), qPrintable(r.errText()));
        r = runIq(gpu({QStringLiteral("--model-server-version=0.8.6")}));
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.errText().contains(QStringLiteral("0.8.5")), qPrintable(r.errText()));
        // A typed value with a newline and YAML syntax is refused as a name, never written.
        r = runIq(gpu({QStringLiteral("--use-case=Chatbot\n--- {a: b}")}));
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.out.isEmpty());
        r = runIq(create({QStringLiteral("--model-server=vllm")}));
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.errText().contains(QStringLiteral("accelerator-type")), qPrintable(r.errText()));
        // A mistyped model on the embedded catalog (read one model file at a time) is matched against every
        // model with profiles, as `iq profiles list` does.
        r = runIq({QStringLiteral("profiles"), QStringLiteral("manifests"), QStringLiteral("create"),
                   QStringLiteral("--no-user-catalog"),
                   QStringLiteral("--model=meta-llama/Llama-3.1-8B-Instrct"),
                   QStringLiteral("--model-server=vllm"), QStringLiteral("--accelerator-type=nvidia-l4")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.errText().contains(QStringLiteral("did you mean meta-llama/Llama-3.1-8B-Instruct")),
                 qPrintable(r.errText()));
        QVERIFY(r.errText().contains(QStringLiteral("Valid values: ")));
        QVERIFY(r.errText().contains(QStringLiteral("openai/gpt-oss-20b")));
        QVERIFY(!r.errText().contains(QStringLiteral("There are none in the catalog")));
    }

    void kubernetesTarget()
    {
        const auto r = runIq(gpu({QStringLiteral("--target=kubernetes"),
                                  QStringLiteral("--namespace=serving"), QStringLiteral("--name=llama")}));
        QVERIFY2(r.exitCode == 0, qPrintable(r.errText()));
        const std::vector<YAML::Node> docs = YAML::LoadAll(r.out.toStdString());
        QVERIFY(kind(docs, "ServiceMonitor").IsMap());
        QVERIFY(!kind(docs, "PodMonitoring").IsMap());
        const YAML::Node pod = kind(docs, "Deployment")["spec"]["template"]["spec"];
        QVERIFY(!pod["nodeSelector"].IsDefined() || pod["nodeSelector"].IsNull());
        QCOMPARE(kind(docs, "Service")["metadata"]["name"].Scalar(), std::string("llama-service"));
        QCOMPARE(kind(docs, "Service")["metadata"]["namespace"].Scalar(), std::string("serving"));
    }

    void tpuAndBucket()
    {
        const auto r = runIq(create({QStringLiteral("--model-server=vllm-tpu"),
                                     QStringLiteral("--accelerator-type=tpu-v6e-slice"),
                                     QStringLiteral("--model-bucket-uri=gs://my-models/llama-3.1-8b")}));
        QVERIFY2(r.exitCode == 0, qPrintable(r.errText()));
        const std::vector<YAML::Node> docs = YAML::LoadAll(r.out.toStdString());
        const YAML::Node pod = kind(docs, "Deployment")["spec"]["template"]["spec"];
        QCOMPARE(pod["nodeSelector"]["cloud.google.com/gke-tpu-topology"].Scalar(), std::string("2x2"));
        QCOMPARE(pod["containers"][0]["resources"]["limits"]["google.com/tpu"].Scalar(), std::string("4"));
        QCOMPARE(
            kind(docs, "Deployment")["spec"]["template"]["metadata"]["annotations"]["gke-gcsfuse/volumes"]
                .Scalar(),
            std::string("true"));
        QVERIFY(r.outText().contains(QStringLiteral(
            "gcloud storage buckets add-iam-policy-binding gs://my-models --member=principal://"
            "iam.googleapis.com/projects/PROJECT_NUMBER/locations/global/workloadIdentityPools/"
            "PROJECT_ID.svc.id.goog/subject/ns/default/sa/default --role=roles/storage.objectViewer")));
        QVERIFY(r.outText().contains(QStringLiteral("VLLM_XLA_CACHE_PATH")));
    }
};

QTEST_GUILESS_MAIN(TestCliManifests)
#include "tst_cli_manifests.moc"
