// DeployPipeline against the real kubectl and the local Kubernetes API test server (tests/support): the
// objects that arrive equal the manifests, the dry run changes nothing, the token stays off every command
// line, log and file, every failure has its message, and cancel stops waiting without deleting anything.

#include "deploy/deploypipeline.h"
#include "kubeapiserver.h"
#include "kubeapiserverextras.h"
#include "testsupport.h"

#include <QDirIterator>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <yaml-cpp/yaml.h>

using namespace iq::deploy;

namespace {

constexpr int kRunTimeoutMs = 90000;
const QByteArray kToken = QByteArrayLiteral("hf_TestTokenNeverLogged0123456789abcdef");

struct PipelineRun
{
    bool finished = false;
    DeployOutcome outcome;
    QString log;
    QMap<DeployStep, StepStatus> status;
    QStringList stepMessages;
    bool askedNamespace = false;
};

} // namespace

class TestDeployPipeline : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void deployAppliesTheGeneratedObjects();
    void dryRunChangesNothing();
    void tokenGoesOnlyThroughStandardInput();
    void secondDeployUpdatesTheSecret();
    void missingNamespaceIsCreatedAfterAsking();
    void missingNamespaceDeclined();
    void kubectlMissing();
    void noCurrentContext();
    void unknownContext();
    void chosenContextAndNamespace();
    void clusterUnreachable();
    void forbiddenNamesVerbAndResource();
    void unauthorized();
    void rolloutTimeoutWithoutKnownCause();
    void serverError();
    void rejectedByValidation();
    void rolloutTimeoutShowsImagePullErrors();
    void rolloutTimeoutShowsEphemeralStorageEviction();
    void cancelStopsWaitingAndDeletesNothing();
    void noWaitSkipsTheRollout();

private:
    KubectlSettings settings(const QString &kubeconfig) const;
    DeployPlan plan(const QString &file = QStringLiteral("manifests/gpu-single.yaml")) const;
    PipelineRun run(const KubectlSettings &s, const DeployPlan &p, const DeployOptions &o,
                    const std::function<void(DeployPipeline &)> &whilePrepared = {},
                    std::optional<bool> namespaceAnswer = std::nullopt,
                    const std::function<void(DeployPipeline &, DeployStep, StepStatus)> &onStep = {});
    void seedNamespace(const QString &ns);
    void assertTokenNowhere(const PipelineRun &r);

    std::unique_ptr<iqtest::KubeApiServer> m_server;
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_kubeconfig;
    QList<QStringList> m_commands; // every process started: program + arguments
};

void TestDeployPipeline::initTestCase()
{
    KubectlRunner::setCommandObserver([this](const QString &program, const QStringList &args) {
        m_commands.append(QStringList{program} + args);
    });
}

void TestDeployPipeline::init()
{
    m_server = std::make_unique<iqtest::KubeApiServer>();
    iqtest::addEventResource(*m_server);
    QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_kubeconfig = m_dir->filePath(QStringLiteral("kubeconfig"));
    QVERIFY(iqtest::writeKubeconfig(m_kubeconfig, {{QStringLiteral("test"), m_server->url(), QString()}},
                                    QStringLiteral("test")));
    seedNamespace(QStringLiteral("default"));
    m_server->clearRequestLog();
    m_commands.clear();
}

void TestDeployPipeline::cleanup()
{
    m_server->stop();
    m_server.reset();
    m_dir.reset();
}

void TestDeployPipeline::seedNamespace(const QString &ns)
{
    m_server->putObject(QJsonObject{{QStringLiteral("apiVersion"), QStringLiteral("v1")},
                                    {QStringLiteral("kind"), QStringLiteral("Namespace")},
                                    {QStringLiteral("metadata"), QJsonObject{{QStringLiteral("name"), ns}}}});
}

KubectlSettings TestDeployPipeline::settings(const QString &kubeconfig) const
{
    KubectlSettings s;
    QString error;
    s.program = findKubectl({}, QProcessEnvironment::systemEnvironment(), &error);
    s.kubeconfig = kubeconfig;
    s.requestTimeout = QStringLiteral("10s");
    // A clean environment: no KUBECONFIG from the developer's shell, a private HOME for kubectl's cache.
    QProcessEnvironment env;
    env.insert(QStringLiteral("PATH"),
               QProcessEnvironment::systemEnvironment().value(QStringLiteral("PATH")));
    env.insert(QStringLiteral("HOME"), m_dir->path());
    s.environment = env;
    return s;
}

DeployPlan TestDeployPipeline::plan(const QString &file) const
{
    DeployPlan p;
    QString error;
    const QString path = iqtest::testDataPath(file);
    const bool ok = parseDeployPlan(QString::fromUtf8(iqtest::readFile(path)), path, &p, &error);
    if (!ok)
        qWarning("%s", qPrintable(error));
    return p;
}

PipelineRun
TestDeployPipeline::run(const KubectlSettings &s, const DeployPlan &p, const DeployOptions &o,
                        const std::function<void(DeployPipeline &)> &whilePrepared,
                        std::optional<bool> namespaceAnswer,
                        const std::function<void(DeployPipeline &, DeployStep, StepStatus)> &onStep)
{
    PipelineRun r;
    DeployPipeline pipeline(s, p, o);
    connect(&pipeline, &DeployPipeline::log, &pipeline, [&r](DeployStep, const QString &t) { r.log += t; });
    connect(&pipeline, &DeployPipeline::stepChanged, &pipeline,
            [&](DeployStep step, StepStatus st, const QString &message) {
                r.status.insert(step, st);
                r.stepMessages.append(message);
                if (onStep)
                    onStep(pipeline, step, st);
            });
    connect(&pipeline, &DeployPipeline::prepared, &pipeline, [&](const DeployConfirmation &) {
        if (whilePrepared)
            whilePrepared(pipeline);
        pipeline.run();
    });
    connect(&pipeline, &DeployPipeline::namespaceConfirmationNeeded, &pipeline, [&](const QString &) {
        r.askedNamespace = true;
        if (namespaceAnswer)
            pipeline.confirmNamespace(*namespaceAnswer);
        else
            pipeline.cancel();
    });
    connect(&pipeline, &DeployPipeline::finished, &pipeline, [&r](const DeployOutcome &out) {
        r.outcome = out;
        r.finished = true;
    });
    pipeline.prepare();
    if (!QTest::qWaitFor([&r] { return r.finished; }, kRunTimeoutMs)) {
        qWarning("the pipeline did not finish within %d ms; cancelling", kRunTimeoutMs);
        pipeline.cancel();
    }
    return r;
}

void TestDeployPipeline::assertTokenNowhere(const PipelineRun &r)
{
    for (const QStringList &cmd : std::as_const(m_commands)) {
        const QString joined = cmd.join(QLatin1Char(' '));
        QVERIFY2(!joined.contains(QString::fromLatin1(kToken)), qPrintable(joined));
        QVERIFY2(!joined.contains(QString::fromLatin1(kToken.toBase64())), qPrintable(joined));
    }
    QVERIFY(!r.log.contains(QString::fromLatin1(kToken)));
    QVERIFY(!r.log.contains(QString::fromLatin1(kToken.toBase64())));
    QVERIFY(!r.outcome.failure.detail.contains(QString::fromLatin1(kToken)));
    QVERIFY(!r.outcome.failure.message.contains(QString::fromLatin1(kToken)));
    for (const QString &m : r.stepMessages)
        QVERIFY(!m.contains(QString::fromLatin1(kToken)));
    // No file under the temporary directory (kubeconfig, kubectl's cache in HOME) holds it.
    const QStringList holding = iqtest::filesContaining(m_dir->path(), kToken);
    QVERIFY2(holding.isEmpty(), qPrintable(holding.join(QLatin1Char(' '))));
}

void TestDeployPipeline::deployAppliesTheGeneratedObjects()
{
    m_server->setDeploymentsAvailable(true);
    DeployOptions o;
    o.validate = QStringLiteral("ignore"); // the test server serves no OpenAPI documents (kubeapiserver.h)
    const DeployPlan p = plan();
    QCOMPARE(p.objects.size(), 3);
    const PipelineRun r = run(settings(m_kubeconfig), p, o);
    QVERIFY2(r.outcome.ok,
             qPrintable(r.outcome.failure.message + QLatin1Char('\n') + r.outcome.failure.detail));
    QCOMPARE(r.status.value(DeployStep::Context), StepStatus::Succeeded);
    QCOMPARE(r.status.value(DeployStep::Namespace), StepStatus::Skipped);
    QCOMPARE(r.status.value(DeployStep::DryRun), StepStatus::Succeeded);
    QCOMPARE(r.status.value(DeployStep::Secret), StepStatus::Skipped);
    QCOMPARE(r.status.value(DeployStep::Apply), StepStatus::Succeeded);
    QCOMPARE(r.status.value(DeployStep::Rollout), StepStatus::Succeeded);
    QCOMPARE(r.outcome.endpoint,
             QStringLiteral("http://vllm-llama-3-1-8b-instruct-service.default.svc:8000/"));
    QVERIFY(r.outcome.portForward.contains(
        QStringLiteral("port-forward service/vllm-llama-3-1-8b-instruct-service 8000:8000 -n default")));

    // Every document arrived, and its labels, annotations and spec equal what was generated.
    int compared = 0;
    const QStringList differences = iqtest::differencesFromManifests(*m_server, p.manifests, &compared);
    QVERIFY2(differences.isEmpty(), qPrintable(differences.join(QLatin1Char('\n'))));
    QCOMPARE(compared, 3);
    // Every kubectl call named the confirmed context and was bounded.
    QVERIFY(!m_commands.isEmpty());
    for (const QStringList &cmd : std::as_const(m_commands)) {
        if (cmd.contains(QStringLiteral("config")))
            continue;
        QVERIFY2(cmd.contains(QStringLiteral("--context=test")), qPrintable(cmd.join(QLatin1Char(' '))));
    }
}

void TestDeployPipeline::dryRunChangesNothing()
{
    m_server->setDeploymentsAvailable(true);
    const QList<QJsonObject> before = m_server->objects();
    DeployOptions o;
    o.validate = QStringLiteral("ignore");
    o.dryRunOnly = true;
    o.hfToken = kToken;
    const PipelineRun r = run(settings(m_kubeconfig), plan(), o);
    QVERIFY2(r.outcome.ok, qPrintable(r.outcome.failure.message));
    QVERIFY(r.outcome.dryRunOnly);
    QCOMPARE(r.status.value(DeployStep::DryRun), StepStatus::Succeeded);
    QCOMPARE(r.status.value(DeployStep::Secret), StepStatus::Skipped);
    QCOMPARE(r.status.value(DeployStep::Apply), StepStatus::Skipped);
    QCOMPARE(r.status.value(DeployStep::Rollout), StepStatus::Skipped);
    QCOMPARE(m_server->objects(), before);
    // Every write the server saw was a dry run.
    int writes = 0;
    for (const QString &line : m_server->requestLog()) {
        if (line.startsWith(QLatin1String("GET")))
            continue;
        ++writes;
        QVERIFY2(line.contains(QLatin1String("dryRun=All")), qPrintable(line));
    }
    QVERIFY(writes >= 3);
    assertTokenNowhere(r);
}

void TestDeployPipeline::tokenGoesOnlyThroughStandardInput()
{
    m_server->setDeploymentsAvailable(true);
    DeployOptions o;
    o.validate = QStringLiteral("ignore");
    o.hfToken = kToken;
    const PipelineRun r = run(settings(m_kubeconfig), plan(), o);
    QVERIFY2(r.outcome.ok, qPrintable(r.outcome.failure.message + r.outcome.failure.detail));
    QCOMPARE(r.status.value(DeployStep::Secret), StepStatus::Succeeded);
    const QJsonObject secret = m_server->object(QStringLiteral("v1"), QStringLiteral("Secret"),
                                                QStringLiteral("default"), QStringLiteral("hf-secret"));
    QCOMPARE(secret.value(QStringLiteral("data")).toObject().value(QStringLiteral("hf_api_token")).toString(),
             QString::fromLatin1(kToken.toBase64()));
    // No second copy in a last-applied-configuration annotation.
    QVERIFY(!QJsonDocument(secret.value(QStringLiteral("metadata")).toObject())
                 .toJson()
                 .contains(kToken.toBase64()));
    assertTokenNowhere(r);
}

void TestDeployPipeline::secondDeployUpdatesTheSecret()
{
    m_server->setDeploymentsAvailable(true);
    DeployOptions o;
    o.validate = QStringLiteral("ignore");
    o.hfToken = QByteArrayLiteral("hf_firstTokenValue000000000000");
    QVERIFY(run(settings(m_kubeconfig), plan(), o).outcome.ok);
    m_commands.clear();
    o.hfToken = kToken;
    const PipelineRun r = run(settings(m_kubeconfig), plan(), o);
    QVERIFY2(r.outcome.ok, qPrintable(r.outcome.failure.message + r.outcome.failure.detail));
    const QJsonObject secret = m_server->object(QStringLiteral("v1"), QStringLiteral("Secret"),
                                                QStringLiteral("default"), QStringLiteral("hf-secret"));
    QCOMPARE(secret.value(QStringLiteral("data")).toObject().value(QStringLiteral("hf_api_token")).toString(),
             QString::fromLatin1(kToken.toBase64()));
    QVERIFY(r.stepMessages.contains(QStringLiteral("updated Secret/hf-secret")));
    assertTokenNowhere(r);
}

void TestDeployPipeline::missingNamespaceIsCreatedAfterAsking()
{
    m_server->setDeploymentsAvailable(true);
    DeployOptions o;
    o.validate = QStringLiteral("ignore");
    DeployPlan p = plan(QStringLiteral("manifests/bucket.yaml")); // namespace "inference"
    QCOMPARE(p.ns, QStringLiteral("inference"));
    const PipelineRun r = run(settings(m_kubeconfig), p, o, {}, true);
    QVERIFY(r.askedNamespace);
    QVERIFY2(r.outcome.ok, qPrintable(r.outcome.failure.message + r.outcome.failure.detail));
    QCOMPARE(r.status.value(DeployStep::Namespace), StepStatus::Succeeded);
    QVERIFY(
        !m_server->object(QStringLiteral("v1"), QStringLiteral("Namespace"), {}, QStringLiteral("inference"))
             .isEmpty());
}

void TestDeployPipeline::missingNamespaceDeclined()
{
    DeployOptions o;
    o.validate = QStringLiteral("ignore");
    const QList<QJsonObject> before = m_server->objects();
    const PipelineRun r =
        run(settings(m_kubeconfig), plan(QStringLiteral("manifests/bucket.yaml")), o, {}, false);
    QVERIFY(r.askedNamespace);
    QVERIFY(!r.outcome.ok);
    QCOMPARE(r.outcome.failedStep, DeployStep::Namespace);
    QVERIFY(r.outcome.failure.message.contains(QStringLiteral("was not created")));
    QCOMPARE(m_server->objects(), before);
}

void TestDeployPipeline::kubectlMissing()
{
    KubectlSettings s = settings(m_kubeconfig);
    s.program = m_dir->filePath(QStringLiteral("no-such-kubectl"));
    const PipelineRun r = run(s, plan(), DeployOptions{});
    QVERIFY(!r.outcome.ok);
    QCOMPARE(r.outcome.failure.kind, FailureKind::KubectlMissing);
    QVERIFY2(r.outcome.failure.message.contains(QStringLiteral("could not be started")),
             qPrintable(r.outcome.failure.message));
    QString error;
    QProcessEnvironment noPath;
    noPath.insert(QStringLiteral("PATH"), m_dir->path());
    QVERIFY(findKubectl({}, noPath, &error).isEmpty());
    QVERIFY2(error.contains(QStringLiteral("kubectl not found on PATH")), qPrintable(error));
}

void TestDeployPipeline::noCurrentContext()
{
    const QString kc = m_dir->filePath(QStringLiteral("nocurrent"));
    QVERIFY(iqtest::writeKubeconfig(kc, {{QStringLiteral("test"), m_server->url(), QString()}}, QString()));
    const PipelineRun r = run(settings(kc), plan(), DeployOptions{});
    QVERIFY(!r.outcome.ok);
    QCOMPARE(r.outcome.failure.kind, FailureKind::NoContext);
    QVERIFY2(r.outcome.failure.message.contains(QStringLiteral("no current kube context")),
             qPrintable(r.outcome.failure.message));
    QVERIFY(r.outcome.failure.message.contains(QStringLiteral("test")));
    QVERIFY(m_server->requestLog().isEmpty()); // nothing was sent anywhere
}

void TestDeployPipeline::unknownContext()
{
    DeployOptions o;
    o.context = QStringLiteral("prod");
    const PipelineRun r = run(settings(m_kubeconfig), plan(), o);
    QCOMPARE(r.outcome.failure.kind, FailureKind::NoContext);
    QVERIFY2(r.outcome.failure.message.contains(QStringLiteral("\"prod\" is not in the kubeconfig")),
             qPrintable(r.outcome.failure.message));
}

void TestDeployPipeline::chosenContextAndNamespace()
{
    // The current context points at a closed port; the chosen one at the server. Nothing may reach "prod".
    const QString kc = m_dir->filePath(QStringLiteral("two"));
    QVERIFY(iqtest::writeKubeconfig(
        kc,
        {{QStringLiteral("prod"), QStringLiteral("http://127.0.0.1:%1").arg(iqtest::closedLocalPort()),
          QStringLiteral("prod-ns")},
         {QStringLiteral("test"), m_server->url(), QStringLiteral("team-a")}},
        QStringLiteral("prod")));
    seedNamespace(QStringLiteral("team-a"));
    m_server->setDeploymentsAvailable(true);
    DeployOptions o;
    o.validate = QStringLiteral("ignore");
    o.context = QStringLiteral("test");
    DeployPlan p = plan(QStringLiteral("manifests/gpu-single.yaml"));
    // A plan whose objects name no namespace goes to the context's namespace.
    QString text = p.manifests;
    text.remove(QStringLiteral("  namespace: default\n"));
    QString error;
    QVERIFY2(parseDeployPlan(text, QStringLiteral("t.yaml"), &p, &error), qPrintable(error));
    QVERIFY(p.ns.isEmpty());
    KubeTarget seen;
    const PipelineRun r = run(settings(kc), p, o, [&seen](DeployPipeline &pl) { seen = pl.target(); });
    QVERIFY2(r.outcome.ok, qPrintable(r.outcome.failure.message + r.outcome.failure.detail));
    QCOMPARE(seen.context, QStringLiteral("test"));
    QCOMPARE(seen.ns, QStringLiteral("team-a"));
    QCOMPARE(seen.server, m_server->url());
    QCOMPARE(seen.availableContexts, (QStringList{QStringLiteral("prod"), QStringLiteral("test")}));
    QVERIFY(!m_server
                 ->object(QStringLiteral("apps/v1"), QStringLiteral("Deployment"), QStringLiteral("team-a"),
                          QStringLiteral("vllm-llama-3-1-8b-instruct"))
                 .isEmpty());
}

void TestDeployPipeline::clusterUnreachable()
{
    const QString kc = m_dir->filePath(QStringLiteral("closed"));
    const QString server = QStringLiteral("http://127.0.0.1:%1").arg(iqtest::closedLocalPort());
    QVERIFY(
        iqtest::writeKubeconfig(kc, {{QStringLiteral("gone"), server, QString()}}, QStringLiteral("gone")));
    const PipelineRun r = run(settings(kc), plan(), DeployOptions{});
    QVERIFY(!r.outcome.ok);
    QCOMPARE(r.outcome.failedStep, DeployStep::Context);
    QCOMPARE(r.outcome.failure.kind, FailureKind::Unreachable);
    QVERIFY2(r.outcome.failure.message.contains(server), qPrintable(r.outcome.failure.message));
    QVERIFY(r.outcome.failure.detail.contains(QStringLiteral("refused")));
}

void TestDeployPipeline::forbiddenNamesVerbAndResource()
{
    m_server->setFailure(403, QStringLiteral("POST"), QStringLiteral("deployments"));
    DeployOptions o;
    o.validate = QStringLiteral("ignore");
    const PipelineRun r = run(settings(m_kubeconfig), plan(), o);
    QVERIFY(!r.outcome.ok);
    QCOMPARE(r.outcome.failedStep, DeployStep::DryRun);
    QCOMPARE(r.outcome.failure.kind, FailureKind::Forbidden);
    QVERIFY2(r.outcome.failure.message.contains(QStringLiteral("may not create deployments")),
             qPrintable(r.outcome.failure.message + QLatin1Char('\n') + r.outcome.failure.detail));
    QVERIFY(r.outcome.failure.message.contains(QStringLiteral("\"default\"")));
}

void TestDeployPipeline::unauthorized()
{
    m_server->setFailure(401);
    const PipelineRun r = run(settings(m_kubeconfig), plan(), DeployOptions{});
    QVERIFY(!r.outcome.ok);
    QCOMPARE(r.outcome.failedStep, DeployStep::Context);
    QCOMPARE(r.outcome.failure.kind, FailureKind::Unauthorized);
    QVERIFY2(r.outcome.failure.message.contains(QStringLiteral("rejected the credentials")),
             qPrintable(r.outcome.failure.message + QLatin1Char('\n') + r.outcome.failure.detail));
    QVERIFY(r.outcome.failure.message.contains(m_server->url()));
}

void TestDeployPipeline::rolloutTimeoutWithoutKnownCause()
{
    DeployOptions o;
    o.validate = QStringLiteral("ignore");
    o.rolloutTimeoutSeconds = 2;
    const PipelineRun r = run(settings(m_kubeconfig), plan(), o);
    QVERIFY(!r.outcome.ok);
    QCOMPARE(r.outcome.failedStep, DeployStep::Rollout);
    QCOMPARE(r.outcome.failure.kind, FailureKind::RolloutTimeout);
    QVERIFY2(r.outcome.failure.message.contains(QStringLiteral("did not become available within 2 s")),
             qPrintable(r.outcome.failure.message));
    QVERIFY(r.outcome.failure.detail.contains(QStringLiteral("timed out waiting")));
}

void TestDeployPipeline::serverError()
{
    m_server->setFailure(500, QStringLiteral("POST"), QStringLiteral("services"));
    DeployOptions o;
    o.validate = QStringLiteral("ignore");
    const PipelineRun r = run(settings(m_kubeconfig), plan(), o);
    QVERIFY(!r.outcome.ok);
    QCOMPARE(r.outcome.failure.kind, FailureKind::ServerError);
    QVERIFY2(r.outcome.failure.message.contains(QStringLiteral("server error")),
             qPrintable(r.outcome.failure.message));
    QVERIFY(r.outcome.failure.detail.contains(QStringLiteral("injected failure 500")));
}

void TestDeployPipeline::rejectedByValidation()
{
    m_server->setFailure(422, QStringLiteral("POST"), QStringLiteral("deployments"));
    DeployOptions o;
    o.validate = QStringLiteral("ignore");
    const PipelineRun r = run(settings(m_kubeconfig), plan(), o);
    QVERIFY(!r.outcome.ok);
    QCOMPARE(r.outcome.failedStep, DeployStep::DryRun);
    QCOMPARE(r.outcome.failure.kind, FailureKind::Invalid);
    QVERIFY2(r.outcome.failure.message.contains(QStringLiteral("rejected")),
             qPrintable(r.outcome.failure.message));
}

void TestDeployPipeline::rolloutTimeoutShowsImagePullErrors()
{
    const DeployPlan p = plan();
    iqtest::seedPodEvent(
        *m_server, QStringLiteral("default"), QStringLiteral("vllm-llama-3-1-8b-instruct-5d9f-abcde"),
        p.podSelector, QStringLiteral("Failed"),
        QStringLiteral("Failed to pull image \"vllm/vllm-openai:v0.8.5\": rpc error: code = NotFound "
                       "desc = failed to pull and unpack image: ErrImagePull"));
    DeployOptions o;
    o.validate = QStringLiteral("ignore");
    o.rolloutTimeoutSeconds = 2;
    const PipelineRun r = run(settings(m_kubeconfig), p, o);
    QVERIFY(!r.outcome.ok);
    QCOMPARE(r.outcome.failedStep, DeployStep::Rollout);
    QCOMPARE(r.outcome.failure.kind, FailureKind::ImagePull);
    QVERIFY2(r.outcome.failure.message.contains(QStringLiteral("vllm/vllm-openai:v0.8.5")),
             qPrintable(r.outcome.failure.message));
    QVERIFY(r.log.contains(QStringLiteral("get events")));
    QVERIFY(r.log.contains(QStringLiteral("describe pod")));
}

void TestDeployPipeline::rolloutTimeoutShowsEphemeralStorageEviction()
{
    const DeployPlan p = plan();
    iqtest::seedPodEvent(
        *m_server, QStringLiteral("default"), QStringLiteral("vllm-llama-3-1-8b-instruct-5d9f-xyz12"),
        p.podSelector, QStringLiteral("Evicted"),
        QStringLiteral("The node was low on resource: ephemeral-storage. Threshold quantity: 10Gi, "
                       "available: 2Gi. Container inference-server was using 95Gi."));
    DeployOptions o;
    o.validate = QStringLiteral("ignore");
    o.rolloutTimeoutSeconds = 2;
    const PipelineRun r = run(settings(m_kubeconfig), p, o);
    QCOMPARE(r.outcome.failure.kind, FailureKind::EphemeralStorage);
    QVERIFY2(r.outcome.failure.message.contains(QStringLiteral("HF_HOME=/dev/shm")),
             qPrintable(r.outcome.failure.message));
}

void TestDeployPipeline::cancelStopsWaitingAndDeletesNothing()
{
    // The Deployment never becomes available: cancel during the rollout wait.
    DeployOptions o;
    o.validate = QStringLiteral("ignore");
    o.rolloutTimeoutSeconds = 600;
    QElapsedTimer clock;
    clock.start();
    const PipelineRun r = run(settings(m_kubeconfig), plan(), o, {}, std::nullopt,
                              [](DeployPipeline &pl, DeployStep step, StepStatus st) {
                                  if (step == DeployStep::Rollout && st == StepStatus::Running)
                                      QTimer::singleShot(1500, &pl, [&pl] { pl.cancel(); });
                              });
    QVERIFY(r.outcome.cancelled);
    QVERIFY(!r.outcome.ok);
    QCOMPARE(r.outcome.failedStep, DeployStep::Rollout);
    QCOMPARE(r.status.value(DeployStep::Rollout), StepStatus::Cancelled);
    QVERIFY(r.outcome.failure.message.contains(QStringLiteral("Nothing was deleted")));
    QVERIFY(clock.elapsed() < 60000);
    // Nothing deleted: the objects are still there and no DELETE was sent.
    QVERIFY(!m_server
                 ->object(QStringLiteral("apps/v1"), QStringLiteral("Deployment"), QStringLiteral("default"),
                          QStringLiteral("vllm-llama-3-1-8b-instruct"))
                 .isEmpty());
    for (const QString &line : m_server->requestLog())
        QVERIFY2(!line.startsWith(QLatin1String("DELETE")), qPrintable(line));
}

void TestDeployPipeline::noWaitSkipsTheRollout()
{
    DeployOptions o;
    o.validate = QStringLiteral("ignore");
    o.wait = false;
    const PipelineRun r = run(settings(m_kubeconfig), plan(), o);
    QVERIFY(r.outcome.ok);
    QCOMPARE(r.status.value(DeployStep::Rollout), StepStatus::Skipped);
    QVERIFY(r.outcome.rolloutMs < 0);
}

QTEST_GUILESS_MAIN(TestDeployPipeline)
#include "tst_deploy_pipeline.moc"
