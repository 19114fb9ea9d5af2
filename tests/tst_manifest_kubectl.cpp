// Applies generated manifests with the real kubectl (v1.32 on PATH) to the in-memory Kubernetes API test
// server (tests/support/kubeapiserver.h) and checks that every object arrives intact.
// kubectl runs with --validate=false on purpose: the test server does not serve OpenAPI documents, and
// field validation is exercised instead by comparing every stored object with the YAML we wrote.

#include "kubeapiserver.h"
#include "manifest/manifestgenerator.h"
#include "manifest/yamlwriter.h"
#include "testsupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <yaml-cpp/yaml.h>

using namespace iq;
using namespace iq::manifest;
using iqtest::KubeApiServer;

namespace {

ManifestRequest baseRequest()
{
    // meta-llama/Llama-3.1-8B-Instruct (16.1 GB) on g2-standard-8 (1 x L4, 8 vCPUs, 32 GB).
    ManifestRequest r;
    r.model = QStringLiteral("meta-llama/Llama-3.1-8B-Instruct");
    r.modelServer = QStringLiteral("vllm");
    r.modelServerVersion = QStringLiteral("v0.8.5");
    r.accelerator = QStringLiteral("nvidia-l4");
    r.instanceType = QStringLiteral("g2-standard-8");
    r.machineVcpus = 8;
    r.machineMemoryGiB = 32;
    r.modelWeightsGB = 16.1;
    r.maxModelLength = 8192;
    r.gpuMemoryUtilization = 0.95;
    r.generatedOn = QStringLiteral("2026-01-15");
    r.ns = QStringLiteral("serving");
    return r;
}

ManifestRequest requestFor(const QString &name)
{
    ManifestRequest r = baseRequest();
    if (name == QLatin1String("hpa-bucket")) {
        r.modelBucketUri = QStringLiteral("gs://my-models/llama");
        HpaSpec h;
        h.averageValue = 12.5;
        h.maxReplicas = 4;
        r.hpa = h;
    } else if (name == QLatin1String("tpu")) {
        r.modelServer = QStringLiteral("vllm-tpu");
        r.accelerator = QStringLiteral("tpu-v6e-slice");
        r.isTpu = true;
        r.acceleratorCount = 4;
        r.tpuTopology = QStringLiteral("2x2");
        r.instanceType = QStringLiteral("ct6e-standard-4t");
        r.machineVcpus = 180;
        r.machineMemoryGiB = 720;
    } else if (name == QLatin1String("kubernetes")) {
        r.target = Target::Kubernetes;
        HpaSpec h;
        h.averageValue = 3;
        h.maxReplicas = 2;
        r.hpa = h;
    } else if (name == QLatin1String("hostile")) {
        // Typed-in and catalog free text that must arrive as the same string.
        r.useCase = QStringLiteral("a: b\n--- \"q\" 'r' # not a comment\n{x: [1]} yes");
        r.operatingPoint = QStringLiteral("on");
        r.generatorVersion = QStringLiteral("8000");
    }
    return r;
}

// Removes what the server adds, so stored objects compare with what we wrote.
QJsonObject withoutServerFields(QJsonObject o)
{
    o.remove(QStringLiteral("status"));
    QJsonObject meta = o.value(QStringLiteral("metadata")).toObject();
    for (const char *f : {"uid", "resourceVersion", "creationTimestamp", "generation", "managedFields"})
        meta.remove(QLatin1String(f));
    QJsonObject annotations = meta.value(QStringLiteral("annotations")).toObject();
    annotations.remove(QStringLiteral("kubectl.kubernetes.io/last-applied-configuration"));
    if (annotations.isEmpty())
        meta.remove(QStringLiteral("annotations"));
    else
        meta.insert(QStringLiteral("annotations"), annotations);
    o.insert(QStringLiteral("metadata"), meta);
    return o;
}

} // namespace

class TestManifestKubectl : public QObject
{
    Q_OBJECT

private:
    QString m_kubectl;
    QTemporaryDir m_home;
    KubeApiServer m_server;

    iqtest::ProcessResult kubectl(const QStringList &args, const QByteArray &stdinData = {})
    {
        return iqtest::runProgram(
            m_kubectl, args, stdinData,
            {QStringLiteral("KUBECONFIG=") + m_home.filePath(QStringLiteral("kubeconfig")),
             QStringLiteral("HOME=") + m_home.path()},
            120000);
    }

    // Every generated document is stored by the server exactly as the YAML text says.
    void verifyStored(const ManifestSet &set, const QString &text)
    {
        const std::vector<YAML::Node> docs = YAML::LoadAll(text.toStdString());
        for (qsizetype i = 0; i < set.documents.size(); ++i) {
            const QJsonObject expected =
                KubeApiServer::yamlToJson(docs.at(static_cast<std::size_t>(i))).toObject();
            const QJsonObject meta = expected.value(QStringLiteral("metadata")).toObject();
            const QJsonObject stored =
                m_server.object(expected.value(QStringLiteral("apiVersion")).toString(),
                                expected.value(QStringLiteral("kind")).toString(),
                                meta.value(QStringLiteral("namespace")).toString(),
                                meta.value(QStringLiteral("name")).toString());
            QVERIFY2(!stored.isEmpty(), qPrintable(QStringLiteral("not stored: %1 %2")
                                                       .arg(expected.value(QStringLiteral("kind")).toString(),
                                                            meta.value(QStringLiteral("name")).toString())));
            const QJsonObject got = withoutServerFields(stored);
            QVERIFY2(got == expected,
                     qPrintable(QStringLiteral("%1 differs:\nstored   %2\nexpected %3")
                                    .arg(expected.value(QStringLiteral("kind")).toString(),
                                         QString::fromUtf8(QJsonDocument(got).toJson()),
                                         QString::fromUtf8(QJsonDocument(expected).toJson()))));
        }
    }

private slots:
    void initTestCase()
    {
        m_kubectl = QStandardPaths::findExecutable(QStringLiteral("kubectl"));
        if (m_kubectl.isEmpty())
            QSKIP("kubectl is not on PATH");
        QVERIFY(m_home.isValid());
        QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
        QVERIFY(m_server.writeKubeconfig(m_home.filePath(QStringLiteral("kubeconfig"))));
    }

    void init()
    {
        m_server.clearObjects();
        m_server.clearRequestLog();
        m_server.setFailure(0);
    }

    void applyAndCompare_data()
    {
        QTest::addColumn<QString>("name");
        for (const char *n : {"gpu", "hpa-bucket", "tpu", "kubernetes", "hostile"})
            QTest::newRow(n) << QString::fromLatin1(n);
    }

    void applyAndCompare()
    {
        QFETCH(QString, name);
        const ManifestResult result = generateManifests(requestFor(name));
        QVERIFY2(result.ok, qPrintable(result.error));
        // The full output, comments included, is what a user pipes into kubectl.
        const QString text = result.set.text(OutputMode::All);
        const iqtest::ProcessResult run =
            kubectl({QStringLiteral("apply"), QStringLiteral("--validate=false"), QStringLiteral("-f"),
                     QStringLiteral("-")},
                    text.toUtf8());
        QVERIFY2(
            run.exitCode == 0 && !run.timedOut,
            qPrintable(run.errText() + QLatin1Char('\n') + m_server.requestLog().join(QLatin1Char('\n'))));
        QCOMPARE(run.outText().count(QStringLiteral(" created")), result.set.documents.size());
        verifyStored(result.set, text);

        // Applying again patches (client-side apply: GET then strategic/merge PATCH) and changes nothing.
        m_server.clearRequestLog();
        const iqtest::ProcessResult again =
            kubectl({QStringLiteral("apply"), QStringLiteral("--validate=false"), QStringLiteral("-f"),
                     QStringLiteral("-")},
                    text.toUtf8());
        QVERIFY2(again.exitCode == 0, qPrintable(again.errText()));
        QCOMPARE(again.outText().count(QStringLiteral(" unchanged")), result.set.documents.size());
        verifyStored(result.set, text);
    }

    // A changed recommendation re-applied: kubectl sends a strategic merge patch (built-in kinds) or a merge
    // patch (PodMonitoring), and the stored objects become the new manifests.
    void updatePatches()
    {
        ManifestRequest r = requestFor(QStringLiteral("gpu"));
        const QStringList apply{QStringLiteral("apply"), QStringLiteral("--validate=false"),
                                QStringLiteral("-f"), QStringLiteral("-")};
        QCOMPARE(kubectl(apply, generateManifests(r).set.text(OutputMode::Manifest).toUtf8()).exitCode, 0);
        r.maxModelLength = 4096;
        r.replicas = 3;
        r.operatingPoint = QStringLiteral("changed");
        r.modelBucketUri =
            QStringLiteral("gs://my-models/llama"); // env removed, volumes and annotations added
        ManifestResult changed = generateManifests(r);
        QVERIFY(changed.ok);
        // A custom resource changes too (scrape interval), so kubectl sends it a JSON merge patch.
        QCOMPARE(changed.set.documents.at(2)["kind"].Scalar(), std::string("PodMonitoring"));
        changed.set.documents[2]["spec"]["endpoints"][0]["interval"] = iq::manifest::str("30s");
        const QString text = changed.set.text(OutputMode::Manifest);
        m_server.clearRequestLog();
        const iqtest::ProcessResult run = kubectl(apply, text.toUtf8());
        QVERIFY2(run.exitCode == 0, qPrintable(run.errText()));
        QVERIFY2(
            run.outText().contains(QLatin1String("deployment.apps/vllm-llama-3-1-8b-instruct configured")),
            qPrintable(run.outText()));
        qInfo().noquote() << "kubectl apply (update) requests:\n"
                          << m_server.requestLog().join(QLatin1Char('\n'));
        bool sawStrategic = false;
        for (const QString &l : m_server.requestLog())
            sawStrategic |= l.startsWith(QLatin1String("PATCH /apis/apps/v1/")) &&
                            l.endsWith(QLatin1String("application/strategic-merge-patch+json"));
        QVERIFY2(sawStrategic, qPrintable(m_server.requestLog().join(QLatin1Char('\n'))));
        bool sawMerge = false;
        for (const QString &l : m_server.requestLog())
            sawMerge |= l.startsWith(QLatin1String("PATCH /apis/monitoring.googleapis.com/v1/")) &&
                        l.endsWith(QLatin1String("application/merge-patch+json"));
        QVERIFY2(sawMerge, qPrintable(m_server.requestLog().join(QLatin1Char('\n'))));
        verifyStored(changed.set, text);
        const QJsonObject d = m_server.object(QStringLiteral("apps/v1"), QStringLiteral("Deployment"),
                                              QStringLiteral("serving"), changed.set.name);
        QCOMPARE(d.value(QStringLiteral("metadata")).toObject().value(QStringLiteral("generation")).toInt(),
                 2);
    }

    // What kubectl actually asks for: discovery, then GET and POST per object.
    void requestSequence()
    {
        const ManifestResult result = generateManifests(requestFor(QStringLiteral("gpu")));
        QVERIFY(result.ok);
        // A fresh discovery cache, so the discovery requests are made again.
        QTemporaryDir cache;
        const iqtest::ProcessResult run =
            kubectl({QStringLiteral("apply"), QStringLiteral("--validate=false"),
                     QStringLiteral("--cache-dir"), cache.path(), QStringLiteral("-f"), QStringLiteral("-")},
                    result.set.text(OutputMode::Manifest).toUtf8());
        QVERIFY2(run.exitCode == 0, qPrintable(run.errText()));
        const QStringList log = m_server.requestLog();
        qInfo().noquote() << "kubectl apply requests:\n" << log.join(QLatin1Char('\n'));
        auto has = [&](const QString &prefix) {
            for (const QString &l : log) {
                if (l.startsWith(prefix))
                    return true;
            }
            return false;
        };
        QVERIFY(has(QStringLiteral("GET /api?")) || log.contains(QStringLiteral("GET /api")));
        QVERIFY(has(QStringLiteral("GET /apis?")) || log.contains(QStringLiteral("GET /apis")));
        QVERIFY(has(QStringLiteral("GET /apis/monitoring.googleapis.com/v1")));
        QVERIFY(has(
            QStringLiteral("GET /apis/apps/v1/namespaces/serving/deployments/vllm-llama-3-1-8b-instruct")));
        QVERIFY(has(QStringLiteral("POST /apis/apps/v1/namespaces/serving/deployments")));
        QVERIFY(has(QStringLiteral("POST /api/v1/namespaces/serving/services")));
        QVERIFY(
            has(QStringLiteral("POST /apis/monitoring.googleapis.com/v1/namespaces/serving/podmonitorings")));
    }

    void serverSideApply()
    {
        const ManifestResult result = generateManifests(requestFor(QStringLiteral("hpa-bucket")));
        QVERIFY(result.ok);
        const QString text = result.set.text(OutputMode::Manifest);
        const iqtest::ProcessResult run =
            kubectl({QStringLiteral("apply"), QStringLiteral("--server-side"),
                     QStringLiteral("--validate=false"), QStringLiteral("-f"), QStringLiteral("-")},
                    text.toUtf8());
        QVERIFY2(run.exitCode == 0,
                 qPrintable(run.errText() + m_server.requestLog().join(QLatin1Char('\n'))));
        qInfo().noquote() << "kubectl apply --server-side requests:\n"
                          << m_server.requestLog().join(QLatin1Char('\n'));
        bool sawApplyPatch = false;
        for (const QString &l : m_server.requestLog())
            sawApplyPatch |= l.startsWith(QLatin1String("PATCH ")) &&
                             l.endsWith(QLatin1String("application/apply-patch+yaml"));
        QVERIFY(sawApplyPatch);
        verifyStored(result.set, text);
    }

    void getAndDelete()
    {
        const ManifestResult result = generateManifests(requestFor(QStringLiteral("gpu")));
        QVERIFY(result.ok);
        const QByteArray text = result.set.text(OutputMode::Manifest).toUtf8();
        const QStringList apply{QStringLiteral("apply"), QStringLiteral("--validate=false"),
                                QStringLiteral("-f"), QStringLiteral("-")};
        QCOMPARE(kubectl(apply, text).exitCode, 0);
        const iqtest::ProcessResult get =
            kubectl({QStringLiteral("get"), QStringLiteral("deployments"), QStringLiteral("-n"),
                     QStringLiteral("serving"), QStringLiteral("-o"), QStringLiteral("json")});
        QVERIFY2(get.exitCode == 0, qPrintable(get.errText()));
        const QJsonArray items =
            QJsonDocument::fromJson(get.out).object().value(QStringLiteral("items")).toArray();
        QCOMPARE(items.size(), 1);
        QCOMPARE(items.first()
                     .toObject()
                     .value(QStringLiteral("metadata"))
                     .toObject()
                     .value(QStringLiteral("name"))
                     .toString(),
                 result.set.name);

        // The deploy hook: deployments report available, as `kubectl wait` expects.
        m_server.setDeploymentsAvailable(true);
        const iqtest::ProcessResult wait =
            kubectl({QStringLiteral("get"), QStringLiteral("deployment/") + result.set.name,
                     QStringLiteral("-n"), QStringLiteral("serving"), QStringLiteral("-o"),
                     QStringLiteral("jsonpath={.status.conditions[?(@.type==\"Available\")].status}")});
        m_server.setDeploymentsAvailable(false);
        QCOMPARE(wait.outText(), QStringLiteral("True"));

        const iqtest::ProcessResult del =
            kubectl({QStringLiteral("delete"), QStringLiteral("-f"), QStringLiteral("-")}, text);
        QVERIFY2(del.exitCode == 0, qPrintable(del.errText()));
        QVERIFY(m_server.objects().isEmpty());
    }

    // `kubectl rollout status` lists, then watches; turning the availability hook on mid-wait sends a
    // MODIFIED event down the watch and the rollout completes.
    void rolloutStatusFollowsWatch()
    {
        const ManifestResult result = generateManifests(requestFor(QStringLiteral("gpu")));
        QVERIFY(result.ok);
        QCOMPARE(kubectl({QStringLiteral("apply"), QStringLiteral("--validate=false"), QStringLiteral("-f"),
                          QStringLiteral("-")},
                         result.set.text(OutputMode::Manifest).toUtf8())
                     .exitCode,
                 0);
        QProcess rollout;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("KUBECONFIG"), m_home.filePath(QStringLiteral("kubeconfig")));
        env.insert(QStringLiteral("HOME"), m_home.path());
        rollout.setProcessEnvironment(env);
        rollout.start(m_kubectl, {QStringLiteral("rollout"), QStringLiteral("status"),
                                  QStringLiteral("deployment/") + result.set.name, QStringLiteral("-n"),
                                  QStringLiteral("serving"), QStringLiteral("--timeout=60s")});
        QVERIFY(rollout.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(m_server.requestLog().filter(QStringLiteral("watch=true")).size() > 0,
                                 30000);
        QVERIFY(rollout.state() == QProcess::Running); // still waiting: nothing is available yet
        m_server.setDeploymentsAvailable(true);
        const bool finished = rollout.waitForFinished(30000);
        m_server.setDeploymentsAvailable(false);
        QVERIFY(finished);
        const QString out = QString::fromUtf8(rollout.readAllStandardOutput());
        QVERIFY2(rollout.exitCode() == 0,
                 qPrintable(out + QString::fromUtf8(rollout.readAllStandardError())));
        QVERIFY2(out.contains(QStringLiteral("Waiting for deployment")), qPrintable(out));
        QVERIFY2(out.contains(QStringLiteral("successfully rolled out")), qPrintable(out));
    }

    void failuresSurface()
    {
        const ManifestResult result = generateManifests(requestFor(QStringLiteral("gpu")));
        QVERIFY(result.ok);
        const QByteArray text = result.set.text(OutputMode::Manifest).toUtf8();
        const QStringList apply{QStringLiteral("apply"), QStringLiteral("--validate=false"),
                                QStringLiteral("-f"), QStringLiteral("-")};
        m_server.setFailure(403, QStringLiteral("POST"));
        const iqtest::ProcessResult forbidden = kubectl(apply, text);
        QVERIFY(forbidden.exitCode != 0);
        QVERIFY2(forbidden.errText().contains(QLatin1String("forbidden"), Qt::CaseInsensitive),
                 qPrintable(forbidden.errText()));
        m_server.setFailure(500, QString(), QStringLiteral("/deployments"));
        const iqtest::ProcessResult internal = kubectl(apply, text);
        QVERIFY(internal.exitCode != 0);
        QVERIFY2(internal.errText().contains(QLatin1String("injected failure 500")),
                 qPrintable(internal.errText()));
        QVERIFY(m_server.objects().size() < result.set.documents.size());
    }
};

QTEST_GUILESS_MAIN(TestManifestKubectl)
#include "tst_manifest_kubectl.moc"
