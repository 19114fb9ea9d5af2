// Field names, types and required fields of the generated objects, checked against the model classes of
// Debian's python3-kubernetes by tests/data/manifests/check_schema.py (skipped when it is not installed).

#include "kubeapiserver.h"
#include "manifest/manifestgenerator.h"
#include "testsupport.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QtTest>

#include <yaml-cpp/yaml.h>

using namespace iq;
using namespace iq::manifest;

namespace {

const QString kPython = QStringLiteral("/usr/bin/python3"); // Debian's, where python3-kubernetes lives

ManifestRequest base()
{
    ManifestRequest r;
    r.model = QStringLiteral("google/gemma-2-27b-it");
    r.modelServer = QStringLiteral("vllm");
    r.modelServerVersion = QStringLiteral("v0.7.2");
    r.accelerator = QStringLiteral("nvidia-l4");
    r.acceleratorCount = 4;
    r.instanceType = QStringLiteral("g2-standard-48");
    r.machineVcpus = 48;
    r.machineMemoryGiB = 192;
    r.modelWeightsGB = 54.5;
    r.maxModelLength = 8192;
    r.gpuMemoryUtilization = 0.9;
    r.maxNumSeqs = 64;
    r.generatedOn = QStringLiteral("2026-01-15");
    return r;
}

QList<ManifestRequest> variants()
{
    QList<ManifestRequest> list;
    list << base();
    ManifestRequest hpa = base();
    hpa.hpa = HpaSpec{HpaSpec::Signal::QueueSize, 3.5, 1, 4, {}};
    hpa.modelBucketUri = QStringLiteral("gs://models/gemma");
    list << hpa;
    ManifestRequest k8s = hpa;
    k8s.target = Target::Kubernetes;
    k8s.modelBucketUri.clear();
    list << k8s;
    ManifestRequest tpu = base();
    tpu.modelServer = QStringLiteral("vllm-tpu");
    tpu.accelerator = QStringLiteral("tpu-v6e-slice");
    tpu.isTpu = true;
    tpu.instanceType = QStringLiteral("ct6e-standard-4t");
    tpu.tpuTopology = QStringLiteral("2x2");
    tpu.machineVcpus = 180;
    tpu.machineMemoryGiB = 720;
    list << tpu;
    ManifestRequest large = base();
    large.model = QStringLiteral("meta-llama/Llama-3.3-70B-Instruct");
    large.modelWeightsGB = 141.1;
    large.accelerator = QStringLiteral("nvidia-h100-80gb");
    large.instanceType = QStringLiteral("a3-highgpu-4g");
    large.machineVcpus = 104;
    large.machineMemoryGiB = 936;
    large.modelServer = QStringLiteral("sglang");
    list << large;
    ManifestRequest tgi = base();
    tgi.modelServer = QStringLiteral("tgi");
    list << tgi;
    return list;
}

} // namespace

class TestManifestSchema : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        if (!QFileInfo::exists(kPython))
            QSKIP("/usr/bin/python3 is missing");
        const iqtest::ProcessResult probe =
            iqtest::runProgram(kPython, {QStringLiteral("-c"), QStringLiteral("import kubernetes.client")});
        if (probe.exitCode != 0)
            QSKIP("python3-kubernetes is not installed (/usr/lib/python3/dist-packages/kubernetes)");
    }

    void generatedObjectsMatchClientModels()
    {
        QJsonArray objects;
        for (const ManifestRequest &r : variants()) {
            const ManifestResult result = generateManifests(r);
            QVERIFY2(result.ok, qPrintable(result.error));
            // Through the text, as kubectl reads it, so quoting decides the JSON types checked.
            for (const YAML::Node &doc : YAML::LoadAll(result.set.text(OutputMode::Manifest).toStdString())) {
                if (doc.IsMap())
                    objects.append(iqtest::KubeApiServer::yamlToJson(doc));
            }
        }
        QCOMPARE(objects.size(), 20); // 6 variants x (Deployment, Service, monitoring) + 2 HPAs
        const iqtest::ProcessResult run =
            iqtest::runProgram(kPython, {iqtest::testDataPath(QStringLiteral("manifests/check_schema.py"))},
                               QJsonDocument(objects).toJson(QJsonDocument::Compact));
        QVERIFY2(run.exitCode == 0, qPrintable(run.outText() + run.errText()));
        QVERIFY2(run.errText().contains(QStringLiteral("checked 20 objects")), qPrintable(run.errText()));
    }

    // The checker itself must catch what it claims to: a wrong field, a wrong type, a bad quantity.
    void checkerRejectsBrokenObjects()
    {
        const ManifestResult result = generateManifests(base());
        QVERIFY(result.ok);
        QJsonObject deployment =
            iqtest::KubeApiServer::yamlToJson(YAML::Load(writeFirst(result.set).toStdString())).toObject();
        QJsonObject spec = deployment.value(QStringLiteral("spec")).toObject();
        spec.insert(QStringLiteral("replica"), 1);                    // unknown field
        spec.insert(QStringLiteral("replicas"), QStringLiteral("1")); // string where an int belongs
        deployment.insert(QStringLiteral("spec"), spec);
        QJsonObject service{
            {QStringLiteral("apiVersion"), QStringLiteral("v1")},
            {QStringLiteral("kind"), QStringLiteral("Service")},
            {QStringLiteral("metadata"), QJsonObject{{QStringLiteral("name"), QStringLiteral("s")}}},
            {QStringLiteral("spec"), QJsonObject{{QStringLiteral("ports"),
                                                  QJsonArray{QJsonObject{{QStringLiteral("port"), true}}}}}}};
        QJsonObject pod{
            {QStringLiteral("kind"), QStringLiteral("PodMonitoring")},
            {QStringLiteral("metadata"), QJsonObject{{QStringLiteral("name"), QStringLiteral("p")}}},
            {QStringLiteral("spec"),
             QJsonObject{{QStringLiteral("resources"),
                          QJsonObject{{QStringLiteral("requests"),
                                       QJsonObject{{QStringLiteral("cpu"), QStringLiteral("2 cores")}}}}}}}};
        const iqtest::ProcessResult run =
            iqtest::runProgram(kPython, {iqtest::testDataPath(QStringLiteral("manifests/check_schema.py"))},
                               QJsonDocument(QJsonArray{deployment, service, pod}).toJson());
        QCOMPARE(run.exitCode, 1);
        const QString out = run.outText();
        QVERIFY2(out.contains(QStringLiteral("spec.replica: no such field in V1DeploymentSpec")),
                 qPrintable(out));
        QVERIFY2(out.contains(QStringLiteral("spec.replicas: expected an integer")), qPrintable(out));
        QVERIFY2(out.contains(QStringLiteral("spec.ports[0].port: expected an integer")), qPrintable(out));
        QVERIFY2(out.contains(QStringLiteral("\"2 cores\" is not a quantity")), qPrintable(out));
    }

private:
    static QString writeFirst(const ManifestSet &set)
    {
        const QString all = set.text(OutputMode::Manifest);
        return all.left(all.indexOf(QStringLiteral("\n---\n")));
    }
};

QTEST_GUILESS_MAIN(TestManifestSchema)
#include "tst_manifest_schema.moc"
