// `iq deploy` as a user runs it (the built binary, the real kubectl) against the local Kubernetes API test
// server: -f FILE and generated-from-flags deploys, --dry-run, confirmation, the token via standard input or
// HF_TOKEN (never in any started command, output or file), and the failure messages and exit codes.

#include "fakemodelserver.h"
#include "kubeapiserver.h"
#include "kubeapiserverextras.h"
#include "testsupport.h"

#include <QDirIterator>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

#include <yaml-cpp/yaml.h>

using iqtest::runIq;

namespace {

const QByteArray kToken = QByteArrayLiteral("hf_CliTokenMustStayHidden9876543210zyx");

} // namespace

class TestDeployCli : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void deploysSavedFile();
    void dryRunChangesNothing();
    void interactiveConfirmation();
    void tokenFromStandardInput();
    void tokenIsNeverAFlag();
    void kubeconfigFromEnvironment();
    void generatedFromManifestFlags();
    void failures();
    void rolloutTimeoutExitsNonZero();
    void usageErrors();

private:
    QStringList deployArgs(const QStringList &extra, const QString &file = {}) const;
    QStringList env(const QStringList &extra = {}) const;
    void assertTokenAbsent(const iqtest::ProcessResult &r);

    std::unique_ptr<iqtest::KubeApiServer> m_server;
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_kubeconfig;
    QString m_commandLog;
};

void TestDeployCli::init()
{
    m_server = std::make_unique<iqtest::KubeApiServer>();
    iqtest::addEventResource(*m_server);
    QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_kubeconfig = m_dir->filePath(QStringLiteral("kubeconfig"));
    m_commandLog = m_dir->filePath(QStringLiteral("commands.log"));
    QVERIFY(iqtest::writeKubeconfig(m_kubeconfig, {{QStringLiteral("test"), m_server->url(), QString()}},
                                    QStringLiteral("test")));
    m_server->putObject(QJsonObject{
        {QStringLiteral("apiVersion"), QStringLiteral("v1")},
        {QStringLiteral("kind"), QStringLiteral("Namespace")},
        {QStringLiteral("metadata"), QJsonObject{{QStringLiteral("name"), QStringLiteral("default")}}}});
    m_server->setDeploymentsAvailable(true);
}

void TestDeployCli::cleanup()
{
    m_server->stop();
    m_server.reset();
    m_dir.reset();
}

QStringList TestDeployCli::deployArgs(const QStringList &extra, const QString &file) const
{
    QStringList args{QStringLiteral("deploy")};
    if (!file.isEmpty())
        args << QStringLiteral("-f") << file;
    // The test server serves no OpenAPI documents (kubeapiserver.h): client-side validation off, on purpose.
    args << QStringLiteral("--kubeconfig=") + m_kubeconfig << QStringLiteral("--validate=ignore")
         << QStringLiteral("--request-timeout=10s");
    return args + extra;
}

QStringList TestDeployCli::env(const QStringList &extra) const
{
    return QStringList{QStringLiteral("HOME=") + m_dir->path(),
                       QStringLiteral("IQ_DEPLOY_COMMAND_LOG=") + m_commandLog, QStringLiteral("KUBECONFIG="),
                       QStringLiteral("HF_TOKEN=")} +
           extra;
}

void TestDeployCli::assertTokenAbsent(const iqtest::ProcessResult &r)
{
    QVERIFY(!r.out.contains(kToken) && !r.err.contains(kToken));
    QVERIFY(!r.out.contains(kToken.toBase64()) && !r.err.contains(kToken.toBase64()));
    // The command log holds every kubectl command line iq started; all files under the temp dir are checked.
    QVERIFY(QFile::exists(m_commandLog));
    QVERIFY(!iqtest::readFile(m_commandLog).isEmpty());
    const QStringList holding = iqtest::filesContaining(m_dir->path(), kToken);
    QVERIFY2(holding.isEmpty(), qPrintable(holding.join(QLatin1Char(' '))));
}

void TestDeployCli::deploysSavedFile()
{
    const QString file = iqtest::testDataPath(QStringLiteral("manifests/gpu-single.yaml"));
    const auto r = runIq(deployArgs({QStringLiteral("--yes")}, file), {},
                         env({QStringLiteral("HF_TOKEN=") + QString::fromLatin1(kToken)}), 120000);
    QVERIFY2(r.exitCode == 0, qPrintable(r.errText()));
    QVERIFY(r.outText().contains(QStringLiteral(
        "Deployed: deployment/vllm-llama-3-1-8b-instruct in namespace default of context test")));
    QVERIFY(r.outText().contains(QStringLiteral("Port-forward: kubectl")));
    // The confirmation named the context, server, namespace, every object and the quota.
    QVERIFY(r.errText().contains(QStringLiteral("context:    test")));
    QVERIFY(r.errText().contains(m_server->url()));
    QVERIFY(r.errText().contains(QStringLiteral("Deployment/vllm-llama-3-1-8b-instruct")));
    QVERIFY(r.errText().contains(QStringLiteral("Service/vllm-llama-3-1-8b-instruct-service")));
    QVERIFY(r.errText().contains(QStringLiteral("PodMonitoring/vllm-llama-3-1-8b-instruct-monitoring")));
    QVERIFY(r.errText().contains(QStringLiteral("Secret/hf-secret")));
    QVERIFY(r.errText().contains(QStringLiteral("1 replica(s) x 1 nvidia-l4 = 1 nvidia-l4")));
    const QJsonObject secret = m_server->object(QStringLiteral("v1"), QStringLiteral("Secret"),
                                                QStringLiteral("default"), QStringLiteral("hf-secret"));
    QCOMPARE(secret.value(QStringLiteral("data")).toObject().value(QStringLiteral("hf_api_token")).toString(),
             QString::fromLatin1(kToken.toBase64()));
    QVERIFY(!m_server
                 ->object(QStringLiteral("apps/v1"), QStringLiteral("Deployment"), QStringLiteral("default"),
                          QStringLiteral("vllm-llama-3-1-8b-instruct"))
                 .isEmpty());
    assertTokenAbsent(r);
}

void TestDeployCli::dryRunChangesNothing()
{
    const QList<QJsonObject> before = m_server->objects();
    const QString file = iqtest::testDataPath(QStringLiteral("manifests/gpu-single.yaml"));
    const auto r = runIq(deployArgs({QStringLiteral("--dry-run"), QStringLiteral("--yes")}, file), {},
                         env({QStringLiteral("HF_TOKEN=") + QString::fromLatin1(kToken)}), 120000);
    QVERIFY2(r.exitCode == 0, qPrintable(r.errText()));
    QVERIFY(r.outText().contains(QStringLiteral("Nothing was changed")));
    QCOMPARE(m_server->objects(), before);
    for (const QString &line : m_server->requestLog()) {
        if (!line.startsWith(QLatin1String("GET")))
            QVERIFY2(line.contains(QLatin1String("dryRun=All")), qPrintable(line));
    }
    assertTokenAbsent(r);
}

void TestDeployCli::interactiveConfirmation()
{
    const QString file = iqtest::testDataPath(QStringLiteral("manifests/gpu-single.yaml"));
    const QList<QJsonObject> before = m_server->objects();
    auto r = runIq(deployArgs({}, file), QByteArrayLiteral("n\n"), env(), 120000);
    QCOMPARE(r.exitCode, 1);
    QVERIFY(r.errText().contains(QStringLiteral("Deploy? [y/N]")));
    QVERIFY(r.errText().contains(QStringLiteral("not confirmed")));
    QCOMPARE(m_server->objects(), before);
    // No standard input at all (CI): not confirmed either.
    r = runIq(deployArgs({}, file), {}, env(), 120000);
    QCOMPARE(r.exitCode, 1);
    QCOMPARE(m_server->objects(), before);
    r = runIq(deployArgs({}, file), QByteArrayLiteral("yes\n"), env(), 120000);
    QVERIFY2(r.exitCode == 0, qPrintable(r.errText()));
    QVERIFY(!m_server
                 ->object(QStringLiteral("v1"), QStringLiteral("Service"), QStringLiteral("default"),
                          QStringLiteral("vllm-llama-3-1-8b-instruct-service"))
                 .isEmpty());
}

void TestDeployCli::tokenFromStandardInput()
{
    const QString file = iqtest::testDataPath(QStringLiteral("manifests/gpu-single.yaml"));
    auto r = runIq(deployArgs({QStringLiteral("--hf-token-stdin")}, file), kToken + '\n', env(), 60000);
    QCOMPARE(r.exitCode, 2); // standard input cannot carry both the token and the answer
    QVERIFY(r.errText().contains(QStringLiteral("add --yes")));
    r = runIq(deployArgs({QStringLiteral("--hf-token-stdin"), QStringLiteral("--yes")}, file), kToken + '\n',
              env(), 120000);
    QVERIFY2(r.exitCode == 0, qPrintable(r.errText()));
    const QJsonObject secret = m_server->object(QStringLiteral("v1"), QStringLiteral("Secret"),
                                                QStringLiteral("default"), QStringLiteral("hf-secret"));
    QCOMPARE(secret.value(QStringLiteral("data")).toObject().value(QStringLiteral("hf_api_token")).toString(),
             QString::fromLatin1(kToken.toBase64()));
    // Again: the Secret exists, so it is patched (from standard input too).
    r = runIq(deployArgs({QStringLiteral("--hf-token-stdin"), QStringLiteral("--yes")}, file), kToken + '\n',
              env(), 120000);
    QVERIFY2(r.exitCode == 0, qPrintable(r.errText()));
    QVERIFY(r.errText().contains(QStringLiteral("updated Secret/hf-secret")));
    const QByteArray log = iqtest::readFile(m_commandLog);
    QVERIFY(log.contains("--patch-file=/dev/stdin"));
    assertTokenAbsent(r);
    // An empty line is refused without contacting the cluster.
    r = runIq(deployArgs({QStringLiteral("--hf-token-stdin"), QStringLiteral("--yes")}, file), "\n", env(),
              60000);
    QCOMPARE(r.exitCode, 2);
    QVERIFY(r.errText().contains(QStringLiteral("token is empty")));
}

void TestDeployCli::tokenIsNeverAFlag()
{
    const QString file = iqtest::testDataPath(QStringLiteral("manifests/gpu-single.yaml"));
    for (const QStringList &flags :
         {QStringList{QStringLiteral("--hf-token=") + QString::fromLatin1(kToken)},
          QStringList{QStringLiteral("--hf-token"), QString::fromLatin1(kToken)}}) {
        const auto r =
            runIq(deployArgs(flags + QStringList{QStringLiteral("--yes")}, file), {}, env(), 60000);
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.errText().contains(QStringLiteral("never taken from a flag value")));
        QVERIFY(!r.err.contains(kToken) && !r.out.contains(kToken));
    }
    QVERIFY(m_server->requestLog().isEmpty());
}

void TestDeployCli::kubeconfigFromEnvironment()
{
    QStringList args = deployArgs({QStringLiteral("--yes"), QStringLiteral("--dry-run")},
                                  iqtest::testDataPath(QStringLiteral("manifests/gpu-single.yaml")));
    args.removeAll(QStringLiteral("--kubeconfig=") + m_kubeconfig);
    const auto r = runIq(args, {}, env({QStringLiteral("KUBECONFIG=") + m_kubeconfig}), 120000);
    QVERIFY2(r.exitCode == 0, qPrintable(r.errText()));
    QVERIFY(r.errText().contains(QStringLiteral("kubeconfig: ") + m_kubeconfig));
    QVERIFY(!iqtest::readFile(m_commandLog).contains("--kubeconfig"));
}

void TestDeployCli::generatedFromManifestFlags()
{
    const QStringList profileFlags{
        QStringLiteral("--catalog=") + iqtest::testDataPath(QStringLiteral("manifests/catalog.json")),
        QStringLiteral("--no-user-catalog"), QStringLiteral("--model=meta-llama/Llama-3.1-8B-Instruct"),
        QStringLiteral("--model-server=vllm"), QStringLiteral("--accelerator-type=nvidia-l4")};
    const auto generated = runIq(QStringList{QStringLiteral("profiles"), QStringLiteral("manifests"),
                                             QStringLiteral("create"), QStringLiteral("--output=manifest")} +
                                     profileFlags,
                                 {}, env(), 60000);
    QVERIFY2(generated.exitCode == 0, qPrintable(generated.errText()));
    const auto r = runIq(deployArgs(profileFlags + QStringList{QStringLiteral("--yes")}), {}, env(), 120000);
    QVERIFY2(r.exitCode == 0, qPrintable(r.errText()));
    // The objects that arrived equal the generated ones.
    int compared = 0;
    const QStringList differences =
        iqtest::differencesFromManifests(*m_server, QString::fromUtf8(generated.out), &compared);
    QVERIFY2(differences.isEmpty(), qPrintable(differences.join(QLatin1Char('\n'))));
    QVERIFY(compared >= 3);
    // A bad generator flag is the generator's usage error, before any kubectl call that changes anything.
    const auto bad = runIq(
        deployArgs(QStringList{profileFlags.at(0), profileFlags.at(1), profileFlags.at(2),
                               QStringLiteral("--model-server=vllm"),
                               QStringLiteral("--accelerator-type=nvidia-l5"), QStringLiteral("--yes")}),
        {}, env(), 60000);
    QCOMPARE(bad.exitCode, 2);
    QVERIFY(bad.errText().contains(QStringLiteral("nvidia-l5")));
}

void TestDeployCli::failures()
{
    const QString file = iqtest::testDataPath(QStringLiteral("manifests/gpu-single.yaml"));
    // kubectl missing
    auto r = runIq(deployArgs({QStringLiteral("--yes"),
                               QStringLiteral("--kubectl=") + m_dir->filePath(QStringLiteral("nokubectl"))},
                              file),
                   {}, env(), 60000);
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.errText().contains(QStringLiteral("kubectl not found")), qPrintable(r.errText()));
    // cluster unreachable
    const QString closed = m_dir->filePath(QStringLiteral("closed"));
    const QString server = QStringLiteral("http://127.0.0.1:%1").arg(iqtest::closedLocalPort());
    QVERIFY(iqtest::writeKubeconfig(closed, {{QStringLiteral("gone"), server, QString()}},
                                    QStringLiteral("gone")));
    r = runIq({QStringLiteral("deploy"), QStringLiteral("-f"), file, QStringLiteral("--kubeconfig=") + closed,
               QStringLiteral("--yes"), QStringLiteral("--request-timeout=5s")},
              {}, env(), 60000);
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.errText().contains(QStringLiteral("Cluster unreachable")) && r.errText().contains(server),
             qPrintable(r.errText()));
    // no current context
    const QString none = m_dir->filePath(QStringLiteral("none"));
    QVERIFY(iqtest::writeKubeconfig(none, {{QStringLiteral("test"), m_server->url(), QString()}}, QString()));
    r = runIq({QStringLiteral("deploy"), QStringLiteral("-f"), file, QStringLiteral("--kubeconfig=") + none,
               QStringLiteral("--yes")},
              {}, env(), 60000);
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.errText().contains(QStringLiteral("no current kube context")), qPrintable(r.errText()));
    // forbidden
    m_server->setFailure(403, QStringLiteral("POST"), QStringLiteral("services"));
    r = runIq(deployArgs({QStringLiteral("--yes")}, file), {}, env(), 60000);
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.errText().contains(QStringLiteral("may not create services")), qPrintable(r.errText()));
    // server error
    m_server->setFailure(500, QStringLiteral("POST"));
    r = runIq(deployArgs({QStringLiteral("--yes")}, file), {}, env(), 60000);
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.errText().contains(QStringLiteral("server error")), qPrintable(r.errText()));
    // rejected by validation
    m_server->setFailure(422, QStringLiteral("POST"), QStringLiteral("deployments"));
    r = runIq(deployArgs({QStringLiteral("--yes")}, file), {}, env(), 60000);
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.errText().contains(QStringLiteral("rejected")), qPrintable(r.errText()));
    m_server->setFailure(0);
    // a missing namespace with --yes is not created without --create-namespace
    r = runIq(
        deployArgs({QStringLiteral("--yes")}, iqtest::testDataPath(QStringLiteral("manifests/bucket.yaml"))),
        {}, env(), 60000);
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.errText().contains(QStringLiteral("--create-namespace")), qPrintable(r.errText()));
    r = runIq(deployArgs({QStringLiteral("--yes"), QStringLiteral("--create-namespace")},
                         iqtest::testDataPath(QStringLiteral("manifests/bucket.yaml"))),
              {}, env(), 120000);
    QVERIFY2(r.exitCode == 0, qPrintable(r.errText()));
}

void TestDeployCli::rolloutTimeoutExitsNonZero()
{
    m_server->setDeploymentsAvailable(false);
    const QString file = iqtest::testDataPath(QStringLiteral("manifests/gpu-single.yaml"));
    iqtest::seedPodEvent(*m_server, QStringLiteral("default"),
                         QStringLiteral("vllm-llama-3-1-8b-instruct-77-abcde"),
                         QStringLiteral("app=vllm-llama-3-1-8b-instruct"), QStringLiteral("Failed"),
                         QStringLiteral("Error: ImagePullBackOff"));
    auto r =
        runIq(deployArgs({QStringLiteral("--yes"), QStringLiteral("--timeout=2")}, file), {}, env(), 120000);
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.errText().contains(QStringLiteral("cannot pull the container image")),
             qPrintable(r.errText()));
    // --test-endpoint after a finished rollout, first with nothing to forward to (the pod has no
    // port-forward target): the test fails with the reason and exit 1.
    m_server->setDeploymentsAvailable(true);
    iqtest::seedRunningPod(*m_server, QStringLiteral("default"), QStringLiteral("running-1"),
                           QStringLiteral("app=vllm-llama-3-1-8b-instruct"), QStringLiteral("http"), 8000);
    r = runIq(deployArgs({QStringLiteral("--yes"), QStringLiteral("--test-endpoint")}, file), {}, env(),
              120000);
    QCOMPARE(r.exitCode, 1);
    QVERIFY(r.outText().contains(QStringLiteral("Deployed:")));
    QVERIFY2(r.errText().contains(QStringLiteral("endpoint test failed: kubectl port-forward stopped")),
             qPrintable(r.errText()));
    QVERIFY(
        iqtest::readFile(m_commandLog).contains("port-forward\tservice/vllm-llama-3-1-8b-instruct-service"));
    // Then through a working port-forward to a stand-in model server: the answer, exit 0.
    iqtest::FakeModelServer model(200,
                                  iqtest::completionBody(QStringLiteral("meta-llama/Llama-3.1-8B-Instruct"),
                                                         QStringLiteral(" city in Northern California")));
    m_server->setPortForwardTarget(QStringLiteral("running-1"), 8000, model.port());
    r = runIq(deployArgs({QStringLiteral("--yes"), QStringLiteral("--test-endpoint")}, file), {}, env(),
              120000);
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.outText().contains(QStringLiteral("Answer:  city in Northern California")),
             qPrintable(r.outText()));
    QVERIFY2(r.outText().contains(QStringLiteral("through kubectl port-forward")), qPrintable(r.outText()));
    QCOMPARE(model.requestCount(), 1);
    QVERIFY(model.lastRequest().contains("\"model\":\"meta-llama/Llama-3.1-8B-Instruct\""));
    m_server->setDeploymentsAvailable(false);
    // --no-wait: applied, exit 0 without waiting.
    r = runIq(deployArgs({QStringLiteral("--yes"), QStringLiteral("--no-wait")}, file), {}, env(), 120000);
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.outText().contains(QStringLiteral("not waiting for the rollout")));
}

void TestDeployCli::usageErrors()
{
    auto r = runIq({QStringLiteral("deploy"), QStringLiteral("--yes")}, {}, env(), 30000);
    QCOMPARE(r.exitCode, 2);
    QVERIFY(r.errText().contains(QStringLiteral("nothing to deploy")));
    r = runIq(deployArgs({QStringLiteral("--yes"), QStringLiteral("--namespace=Bad_NS")},
                         iqtest::testDataPath(QStringLiteral("manifests/gpu-single.yaml"))),
              {}, env(), 30000);
    QCOMPARE(r.exitCode, 2);
    QVERIFY(r.errText().contains(QStringLiteral("Bad_NS")));
    r = runIq(deployArgs({QStringLiteral("--yes"), QStringLiteral("--namespace=other")},
                         iqtest::testDataPath(QStringLiteral("manifests/gpu-single.yaml"))),
              {}, env(), 60000);
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.errText().contains(QStringLiteral("is for namespace \"default\"")), qPrintable(r.errText()));
    r = runIq(deployArgs({QStringLiteral("--yes")}, m_dir->filePath(QStringLiteral("missing.yaml"))), {},
              env(), 30000);
    QCOMPARE(r.exitCode, 2);
    QVERIFY(r.errText().contains(QStringLiteral("missing.yaml: cannot read")));
    r = runIq({QStringLiteral("deploy"), QStringLiteral("--help")}, {}, env(), 30000);
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.outText().contains(QStringLiteral("--hf-token-stdin")));
}

QTEST_GUILESS_MAIN(TestDeployCli)
#include "tst_deploy_cli.moc"
