// The pieces of core/deploy without a cluster: kubectl error classification on the messages kubectl prints
// for a real API server, manifest plans (errors as file:line), the quota reminder, token checks, kubeconfig
// views, and KubectlRunner's redaction, watchdog and cancel on ordinary programs.

#include "deploy/deployplan.h"
#include "deploy/kubecontext.h"
#include "deploy/kubectlrunner.h"
#include "deploy/kubefailure.h"
#include "testsupport.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace iq::deploy;

class TestDeployUnits : public QObject
{
    Q_OBJECT

private slots:
    void classifiesRealKubectlMessages_data();
    void classifiesRealKubectlMessages();
    void diagnosesRolloutCauses();
    void planErrorsNameFileAndLine();
    void planReadsWhatTheConfirmationNeeds();
    void quotaReminderArithmetic();
    void targetNamespaceMustMatch();
    void tokenChecks();
    void secretJsonHoldsTheTokenOnlyAsData();
    void kubeconfigView();
    void runnerRedactsSecretsSplitAcrossReads();
    void runnerWatchdogAndCancel();
    void runnerMissingProgram();

private:
    KubectlSettings plainSettings(const QString &program) const
    {
        KubectlSettings s;
        s.program = program;
        s.requestTimeout.clear();
        return s;
    }
};

void TestDeployUnits::classifiesRealKubectlMessages_data()
{
    QTest::addColumn<QString>("stderrText");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("mustContain");
    // Messages as kubectl v1.32 prints them for a real kube-apiserver.
    QTest::newRow("rbac") << QStringLiteral("Error from server (Forbidden): error when creating \"STDIN\": "
                                            "deployments.apps \"vllm-x\" is forbidden: User "
                                            "\"dev@example.com\" cannot create resource \"deployments\" in "
                                            "API group \"apps\" in the namespace \"prod\"")
                          << int(FailureKind::Forbidden) << QStringLiteral("may not create deployments");
    QTest::newRow("rbac-get") << QStringLiteral("Error from server (Forbidden): namespaces \"prod\" is "
                                                "forbidden: User \"x\" cannot get resource \"namespaces\" in "
                                                "API group \"\" in the namespace \"prod\"")
                              << int(FailureKind::Forbidden) << QStringLiteral("may not get namespaces");
    QTest::newRow("401") << QStringLiteral("error: You must be logged in to the server (Unauthorized)")
                         << int(FailureKind::Unauthorized) << QStringLiteral("rejected the credentials");
    QTest::newRow("refused") << QStringLiteral("The connection to the server 10.0.0.1:443 was refused - did "
                                               "you specify the right host or port?")
                             << int(FailureKind::Unreachable) << QStringLiteral("Cluster unreachable");
    QTest::newRow("dns") << QStringLiteral(
                                "Unable to connect to the server: dial tcp: lookup gke.example: no such host")
                         << int(FailureKind::Unreachable) << QStringLiteral("https://1.2.3.4");
    QTest::newRow("invalid") << QStringLiteral(
                                    "The Deployment \"vllm-x\" is invalid: "
                                    "spec.template.spec.containers[0].resources.requests: Invalid value: "
                                    "\"2\": must be less than or equal to cpu limit")
                             << int(FailureKind::Invalid) << QStringLiteral("Deployment/vllm-x");
    QTest::newRow("crd") << QStringLiteral(
                                "error: resource mapping not found for name: \"m\" namespace: \"d\" from "
                                "\"STDIN\": no matches for kind "
                                "\"PodMonitoring\" in version \"monitoring.googleapis.com/v1\"\nensure CRDs "
                                "are installed first")
                         << int(FailureKind::Invalid)
                         << QStringLiteral("PodMonitoring (monitoring.googleapis.com/v1)");
    QTest::newRow("ns") << QStringLiteral("Error from server (NotFound): namespaces \"inference\" not found")
                        << int(FailureKind::NotFound) << QStringLiteral("\"inference\" does not exist");
    QTest::newRow("500") << QStringLiteral("Error from server (InternalError): error when creating "
                                           "\"STDIN\": Internal error occurred: etcdserver: "
                                           "request timed out")
                         << int(FailureKind::ServerError) << QStringLiteral("server error");
    QTest::newRow("timeout") << QStringLiteral("error: timed out waiting for the condition")
                             << int(FailureKind::RolloutTimeout) << QStringLiteral("did not finish");
    QTest::newRow("nocontext") << QStringLiteral("error: current-context is not set")
                               << int(FailureKind::NoContext) << QStringLiteral("No current kube context");
    QTest::newRow("other") << QStringLiteral("error: something new") << int(FailureKind::Other)
                           << QStringLiteral("exit code 1");
}

void TestDeployUnits::classifiesRealKubectlMessages()
{
    QFETCH(QString, stderrText);
    QFETCH(int, kind);
    QFETCH(QString, mustContain);
    const KubeCallContext call{QStringLiteral("prod"),
                               QStringLiteral("https://1.2.3.4"),
                               QStringLiteral("prod"),
                               QStringLiteral("create"),
                               {}};
    const KubeFailure f = classifyKubectlError(1, stderrText, call);
    QCOMPARE(int(f.kind), kind);
    QVERIFY2(f.message.contains(mustContain), qPrintable(f.message));
    QCOMPARE(f.detail, stderrText.trimmed());
}

void TestDeployUnits::diagnosesRolloutCauses()
{
    QCOMPARE(diagnoseRollout(QStringLiteral("Warning  Failed  kubelet  Error: ImagePullBackOff"),
                             QStringLiteral("d"))
                 .kind,
             FailureKind::ImagePull);
    QCOMPARE(diagnoseRollout(
                 QStringLiteral("Status: Failed\nReason: Evicted\nMessage: The node was low on resource: "
                                "ephemeral-storage."),
                 QStringLiteral("d"))
                 .kind,
             FailureKind::EphemeralStorage);
    QCOMPARE(diagnoseRollout(
                 QStringLiteral(
                     "Warning FailedScheduling 0/3 nodes are available: 3 Insufficient nvidia.com/gpu."),
                 QStringLiteral("d"))
                 .kind,
             FailureKind::Unschedulable);
    QCOMPARE(
        diagnoseRollout(QStringLiteral("Back-off restarting failed container"), QStringLiteral("d")).kind,
        FailureKind::CrashLoop);
    QCOMPARE(diagnoseRollout(QStringLiteral("Normal Scheduled pod assigned"), QStringLiteral("d")).kind,
             FailureKind::None);
}

void TestDeployUnits::planErrorsNameFileAndLine()
{
    DeployPlan p;
    QString error;
    QVERIFY(!parseDeployPlan(QStringLiteral("apiVersion: v1\nkind: Service\nmetadata:\n  name: [oops\n"),
                             QStringLiteral("f.yaml"), &p, &error));
    QVERIFY2(error.startsWith(QStringLiteral("f.yaml:")) && error.contains(QStringLiteral("not valid YAML")),
             qPrintable(error));
    QVERIFY(!parseDeployPlan(
        QStringLiteral("apiVersion: v1\nkind: Service\nmetadata:\n  name: s\n---\napiVersion: v1\n"
                       "kind: Service\nmetadata:\n  name: Bad_Name\n"),
        QStringLiteral("f.yaml"), &p, &error));
    QVERIFY2(error.startsWith(QStringLiteral("f.yaml:6:")), qPrintable(error));
    QVERIFY(!parseDeployPlan(QStringLiteral("apiVersion: v1\nkind: Service\nmetadata:\n  name: s\n"),
                             QStringLiteral("f.yaml"), &p, &error));
    QVERIFY2(error.contains(QStringLiteral("no Deployment")), qPrintable(error));
    // Wrong shapes where maps are expected: an error, never an exception.
    QVERIFY(!parseDeployPlan(
        QStringLiteral("apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec: 3\n---\n- a\n"),
        QStringLiteral("f.yaml"), &p, &error));
    QVERIFY(parseDeployPlan(
        QStringLiteral(
            "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  template:\n    spec:\n     "
            " containers: [x, {resources: 5, env: [1, {valueFrom: 2}], args: [--model]}]\n"),
        QStringLiteral("f.yaml"), &p, &error));
    QVERIFY(!parseDeployPlan(QStringLiteral("# only a comment\n"), QStringLiteral("f.yaml"), &p, &error));
    QVERIFY2(error.contains(QStringLiteral("no Kubernetes objects")), qPrintable(error));
    QVERIFY(!parseDeployPlan(
        QStringLiteral("apiVersion: v1\nkind: Service\nmetadata:\n  name: s\n  namespace: a\n---\n"
                       "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\n  namespace: b\n"),
        QStringLiteral("f.yaml"), &p, &error));
    QVERIFY2(error.startsWith(QStringLiteral("f.yaml:7:")) && error.contains(QStringLiteral("one namespace")),
             qPrintable(error));
}

void TestDeployUnits::planReadsWhatTheConfirmationNeeds()
{
    DeployPlan p;
    QString error;
    const QString path = iqtest::testDataPath(QStringLiteral("manifests/hpa.yaml"));
    QVERIFY2(parseDeployPlan(QString::fromUtf8(iqtest::readFile(path)), path, &p, &error), qPrintable(error));
    QStringList kinds;
    for (const ManifestObject &o : p.objects)
        kinds << o.kind;
    QVERIFY(kinds.contains(QStringLiteral("Deployment")) &&
            kinds.contains(QStringLiteral("HorizontalPodAutoscaler")));
    QVERIFY(!p.deploymentName.isEmpty());
    QVERIFY(p.podSelector.startsWith(QStringLiteral("app=")));
    QCOMPARE(p.hfSecretName, QStringLiteral("hf-secret"));
    QVERIFY(p.maxReplicas >= p.replicas);
}

void TestDeployUnits::quotaReminderArithmetic()
{
    DeployPlan p;
    p.acceleratorLabel = QStringLiteral("nvidia-l4");
    p.acceleratorResource = QStringLiteral("nvidia.com/gpu");
    p.acceleratorsPerPod = 4;
    p.replicas = 2;
    p.maxReplicas = 5;
    // 2 x 4 = 8 now; 5 x 4 = 20 at the autoscaler's maximum.
    const QString text = quotaReminder(p);
    QVERIFY2(text.contains(QStringLiteral("2 replica(s) x 4 nvidia-l4 = 8 nvidia-l4")), qPrintable(text));
    QVERIFY(text.contains(QStringLiteral("up to 20 when the autoscaler reaches 5 replicas")));
    QVERIFY(text.contains(QStringLiteral("GPU quota")));
    p.acceleratorsPerPod = 0;
    QVERIFY(quotaReminder(p).isEmpty());
}

void TestDeployUnits::targetNamespaceMustMatch()
{
    DeployPlan p;
    QString error;
    const QString path = iqtest::testDataPath(QStringLiteral("manifests/gpu-single.yaml"));
    QVERIFY(parseDeployPlan(QString::fromUtf8(iqtest::readFile(path)), path, &p, &error));
    QVERIFY(checkTargetNamespace(p, QStringLiteral("default"), &error));
    QVERIFY(!checkTargetNamespace(p, QStringLiteral("other"), &error));
    QVERIFY(error.contains(QStringLiteral("--namespace=other")));
    QVERIFY(!checkTargetNamespace(p, QStringLiteral("-n"), &error));
}

void TestDeployUnits::tokenChecks()
{
    QString error;
    QByteArray t = "  hf_abcDEF123\n";
    QVERIFY(normaliseToken(&t, &error));
    QCOMPARE(t, QByteArray("hf_abcDEF123"));
    t = "hf_abc def";
    QVERIFY(!normaliseToken(&t, &error));
    QVERIFY(!error.contains(QStringLiteral("hf_abc")));
    t = "\n";
    QVERIFY(!normaliseToken(&t, &error));
    t = "hf_\xc3\xa9";
    QVERIFY(!normaliseToken(&t, &error));
}

void TestDeployUnits::secretJsonHoldsTheTokenOnlyAsData()
{
    const QByteArray json = hfTokenSecretJson(QStringLiteral("hf-secret"), QStringLiteral("ns"), "hf_tok");
    const QJsonObject o = QJsonDocument::fromJson(json).object();
    QCOMPARE(o.value(QStringLiteral("kind")).toString(), QStringLiteral("Secret"));
    QCOMPARE(o.value(QStringLiteral("type")).toString(), QStringLiteral("Opaque"));
    QCOMPARE(o.value(QStringLiteral("data")).toObject().value(QStringLiteral("hf_api_token")).toString(),
             QString::fromLatin1(QByteArray("hf_tok").toBase64()));
    QVERIFY(!json.contains("hf_tok\""));
    const QJsonObject patch = QJsonDocument::fromJson(hfTokenSecretPatch("hf_tok")).object();
    QCOMPARE(patch.keys(), QStringList{QStringLiteral("data")});
}

void TestDeployUnits::kubeconfigView()
{
    const QByteArray json =
        R"({"kind":"Config","current-context":"a","clusters":[{"name":"c1","cluster":{"server":"https://1.1.1.1","certificate-authority-data":"DATA+OMITTED"}}],
        "users":[{"name":"u","user":{"token":"REDACTED"}}],
        "contexts":[{"name":"a","context":{"cluster":"c1","user":"u","namespace":"team"}},{"name":"b","context":{"cluster":"missing","user":"u"}}]})";
    QString error;
    const auto view = parseKubeConfigView(json, &error);
    QVERIFY(view);
    QCOMPARE(view->currentContext, QStringLiteral("a"));
    QCOMPARE(view->contextNames(), (QStringList{QStringLiteral("a"), QStringLiteral("b")}));
    KubeTarget t;
    QVERIFY(resolveTarget(*view, {}, {}, &t, &error));
    QCOMPARE(t.server, QStringLiteral("https://1.1.1.1"));
    QCOMPARE(t.ns, QStringLiteral("team"));
    QVERIFY(t.namespaceFromContext);
    QVERIFY(resolveTarget(*view, QStringLiteral("a"), QStringLiteral("other"), &t, &error));
    QCOMPARE(t.ns, QStringLiteral("other"));
    QVERIFY(!resolveTarget(*view, QStringLiteral("b"), {}, &t, &error));
    QVERIFY(error.contains(QStringLiteral("no server")));
    QVERIFY(!resolveTarget(*view, QStringLiteral("zzz"), {}, &t, &error));
    QVERIFY(error.contains(QStringLiteral("contexts: a, b")));
    QVERIFY(!resolveTarget(*view, {}, QStringLiteral("Bad"), &t, &error));
    QVERIFY(!parseKubeConfigView("not json", &error));
}

void TestDeployUnits::runnerRedactsSecretsSplitAcrossReads()
{
    // /bin/sh stands in for kubectl here only to print a secret in two separate writes.
    const QByteArray secret = "hf_SplitSecret123456";
    KubectlRunner runner(plainSettings(QStringLiteral("/bin/sh")));
    runner.setUseRequestTimeout(false);
    runner.setRedactions({secret});
    QString emitted;
    bool done = false;
    connect(&runner, &KubectlRunner::output, &runner, [&emitted](const QString &t) { emitted += t; });
    connect(&runner, &KubectlRunner::finished, &runner, [&done](int) { done = true; });
    runner.start({QStringLiteral("-c"),
                  QStringLiteral("printf 'before hf_Split'; sleep 0.3; printf 'Secret123456 after "
                                 "%s\\n' \"$(printf hf_SplitSecret123456 | base64)\"")});
    QVERIFY(QTest::qWaitFor([&done] { return done; }, 20000));
    QCOMPARE(runner.exitCode(), 0);
    QVERIFY2(!emitted.contains(QString::fromLatin1(secret)), qPrintable(emitted));
    QVERIFY2(!emitted.contains(QString::fromLatin1(secret.toBase64())), qPrintable(emitted));
    QVERIFY2(emitted.startsWith(QStringLiteral("before *** after ***")), qPrintable(emitted));
    QVERIFY(!runner.standardOutput().contains(secret));
}

void TestDeployUnits::runnerWatchdogAndCancel()
{
    KubectlRunner slow(plainSettings(QStringLiteral("/bin/sleep")));
    slow.setUseRequestTimeout(false);
    slow.setTimeout(300);
    QString failure;
    connect(&slow, &KubectlRunner::failed, &slow, [&failure](const QString &m) { failure = m; });
    QElapsedTimer clock;
    clock.start();
    slow.start({QStringLiteral("30")});
    QVERIFY(QTest::qWaitFor([&failure] { return !failure.isEmpty(); }, 10000));
    QVERIFY(clock.elapsed() < 10000);
    QCOMPARE(slow.failure().kind, FailureKind::TimedOut);
    QVERIFY(!slow.isRunning());

    KubectlRunner cancelled(plainSettings(QStringLiteral("/bin/sleep")));
    cancelled.setUseRequestTimeout(false);
    bool failedSignal = false;
    bool finishedSignal = false;
    connect(&cancelled, &KubectlRunner::failed, &cancelled,
            [&failedSignal](const QString &) { failedSignal = true; });
    connect(&cancelled, &KubectlRunner::finished, &cancelled,
            [&finishedSignal](int) { finishedSignal = true; });
    cancelled.start({QStringLiteral("30")});
    QVERIFY(QTest::qWaitFor([&cancelled] { return cancelled.isRunning(); }, 5000));
    cancelled.cancel();
    QVERIFY(failedSignal);
    QVERIFY(cancelled.wasCancelled());
    QTest::qWait(200);
    QVERIFY(!finishedSignal); // exactly one of finished/failed
}

void TestDeployUnits::runnerMissingProgram()
{
    KubectlRunner runner(plainSettings(QStringLiteral("/nonexistent/kubectl")));
    QString failure;
    connect(&runner, &KubectlRunner::failed, &runner, [&failure](const QString &m) { failure = m; });
    runner.start({QStringLiteral("version")});
    QVERIFY(QTest::qWaitFor([&failure] { return !failure.isEmpty(); }, 5000));
    QCOMPARE(runner.failure().kind, FailureKind::KubectlMissing);
    QVERIFY(failure.contains(QStringLiteral("/nonexistent/kubectl")));
}

QTEST_GUILESS_MAIN(TestDeployUnits)
#include "tst_deploy_units.moc"
