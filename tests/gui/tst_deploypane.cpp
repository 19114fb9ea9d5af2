// The Deploy tab on the offscreen platform, driven like a user: buttons clicked, the confirmation read and
// answered, against the real kubectl and the local Kubernetes API test server (tests/support). Asserts what
// the user sees (target, steps, status, log, endpoint) and what the cluster got (the generated objects, or
// nothing after a dry run, a declined confirmation or a cancel), and that the token is nowhere but in the
// Secret.

#include "deployconfirmdialog.h"
#include "deploypane.h"
#include "fakemodelserver.h"
#include "kubeapiserver.h"
#include "kubeapiserverextras.h"
#include "mainwindow.h"
#include "manifestpane.h"
#include "profilesortproxy.h"
#include "profiletablemodel.h"
#include "testsupport.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

#include <yaml-cpp/yaml.h>

#include <memory>

using namespace iq;
using namespace iq::deploy;
using namespace iq::gui;

namespace {

constexpr int kProbeMs = 30000;
constexpr int kDeployMs = 90000;
const QByteArray kToken = QByteArrayLiteral("hf_GuiTokenNeverLogged0123456789abcdefXYZ");
const QString kDeployment = QStringLiteral("vllm-llama-3-1-8b-instruct");

QString stepStatus(const DeployPane &pane, DeployStep step)
{
    const int row = static_cast<int>(allDeploySteps().indexOf(step));
    return pane.stepModel()->item(row, 1)->text();
}

QString stepDetail(const DeployPane &pane, DeployStep step)
{
    const int row = static_cast<int>(allDeploySteps().indexOf(step));
    return pane.stepModel()->item(row, 2)->toolTip();
}

} // namespace

class TestDeployPane : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void showsTheTargetAndListsContexts();
    void followsKubeconfigChanges();
    void deployAppliesTheGeneratedObjectsAfterConfirmation();
    void dryRunChangesNothing();
    void declinedConfirmationChangesNothing();
    void missingNamespaceIsCreatedAfterAsking();
    void forbiddenNamesVerbAndResource();
    void cancelStopsWaitingDeletesNothingAndNeverFreezes();
    void rolloutTimeoutShowsThePodEvents();
    void kubectlMissing();
    void noCurrentContext();
    void manifestPaneDeployButtonOpensTheDeployTab();

private:
    std::unique_ptr<DeployPane> makePane(const QString &yaml);
    bool waitForTarget(DeployPane &pane);
    // Clicks `button`, accepts the confirmation (checking it names the target) and waits for the outcome.
    std::optional<DeployOutcome> deployConfirmed(DeployPane &pane, QPushButton *button);
    void assertTokenNowhere(const DeployPane &pane);
    QString manifests(const QString &ns = QStringLiteral("default")) const;
    QProcessEnvironment environment(const QString &path) const;

    std::unique_ptr<iqtest::KubeApiServer> m_server;
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_kubeconfig;
    quint16 m_closedPort = 0;
    QList<QStringList> m_commands;
};

void TestDeployPane::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    KubectlRunner::setCommandObserver([this](const QString &program, const QStringList &args) {
        m_commands.append(QStringList{program} + args);
    });
}

void TestDeployPane::init()
{
    m_server = std::make_unique<iqtest::KubeApiServer>();
    iqtest::addEventResource(*m_server);
    QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_kubeconfig = m_dir->filePath(QStringLiteral("kubeconfig"));
    m_closedPort = iqtest::closedLocalPort();
    QVERIFY(iqtest::writeKubeconfig(
        m_kubeconfig,
        {{QStringLiteral("test"), m_server->url(), QString()},
         {QStringLiteral("staging"), QStringLiteral("http://127.0.0.1:%1").arg(m_closedPort),
          QStringLiteral("team-a")}},
        QStringLiteral("test")));
    m_server->putObject(QJsonObject{
        {QStringLiteral("apiVersion"), QStringLiteral("v1")},
        {QStringLiteral("kind"), QStringLiteral("Namespace")},
        {QStringLiteral("metadata"), QJsonObject{{QStringLiteral("name"), QStringLiteral("default")}}}});
    m_server->clearRequestLog();
    m_commands.clear();
}

void TestDeployPane::cleanup()
{
    m_server->stop();
    m_server.reset();
    m_dir.reset();
}

QProcessEnvironment TestDeployPane::environment(const QString &path) const
{
    // KUBECONFIG as a user has it; a private HOME for kubectl's discovery cache.
    QProcessEnvironment env;
    env.insert(QStringLiteral("PATH"), path);
    env.insert(QStringLiteral("HOME"), m_dir->path());
    env.insert(QStringLiteral("KUBECONFIG"), m_kubeconfig);
    return env;
}

QString TestDeployPane::manifests(const QString &ns) const
{
    QString text = QString::fromUtf8(
        iqtest::readFile(iqtest::testDataPath(QStringLiteral("manifests/gpu-single.yaml"))));
    if (ns != QLatin1String("default"))
        text.replace(QStringLiteral("namespace: default"), QStringLiteral("namespace: ") + ns);
    return text;
}

std::unique_ptr<DeployPane> TestDeployPane::makePane(const QString &yaml)
{
    auto pane = std::make_unique<DeployPane>();
    new QAbstractItemModelTester(pane->stepModel(), QAbstractItemModelTester::FailureReportingMode::QtTest,
                                 pane.get());
    pane->setEnvironment(environment(QProcessEnvironment::systemEnvironment().value(QStringLiteral("PATH"))));
    pane->setValidation(QStringLiteral("ignore")); // the test server serves no OpenAPI (kubeapiserver.h)
    pane->setManifests(yaml);
    pane->setNamespace(QStringLiteral("default"));
    pane->resize(900, 700);
    return pane;
}

bool TestDeployPane::waitForTarget(DeployPane &pane)
{
    pane.show(); // the first show reads the kubeconfig
    return QTest::qWaitFor([&pane] { return pane.hasTarget(); }, kProbeMs);
}

std::optional<DeployOutcome> TestDeployPane::deployConfirmed(DeployPane &pane, QPushButton *button)
{
    QSignalSpy finished(&pane, &DeployPane::deployFinished);
    QTest::mouseClick(button, Qt::LeftButton);
    if (!QTest::qWaitFor([&] { return pane.confirmDialog()->isVisible() || finished.count() > 0; },
                         kProbeMs)) {
        qWarning("no confirmation appeared");
        return std::nullopt;
    }
    if (finished.count() > 0)
        return pane.lastOutcome();
    const QString where = pane.confirmDialog()->targetText();
    if (!where.contains(QStringLiteral("test")) || !where.contains(m_server->url())) {
        qWarning("the confirmation does not name the target: %s", qPrintable(where));
        return std::nullopt;
    }
    QTest::mouseClick(pane.confirmDialog()->confirmButton(), Qt::LeftButton);
    if (!QTest::qWaitFor([&] { return finished.count() > 0; }, kDeployMs)) {
        qWarning("the deploy did not finish; cancelling");
        pane.cancel();
        return std::nullopt;
    }
    return pane.lastOutcome();
}

void TestDeployPane::assertTokenNowhere(const DeployPane &pane)
{
    const QString token = QString::fromLatin1(kToken);
    const QString encoded = QString::fromLatin1(kToken.toBase64());
    for (const QStringList &cmd : std::as_const(m_commands)) {
        const QString joined = cmd.join(QLatin1Char(' '));
        QVERIFY2(!joined.contains(token) && !joined.contains(encoded), qPrintable(joined));
    }
    for (const QString &shown :
         {pane.logView()->toPlainText(), pane.statusLabel()->text(), pane.endpointLabel()->text(),
          pane.targetLabel()->text(), pane.testResultLabel()->text()}) {
        QVERIFY(!shown.contains(token));
        QVERIFY(!shown.contains(encoded));
    }
    for (int row = 0; row < pane.stepModel()->rowCount(); ++row)
        QVERIFY(!pane.stepModel()->item(row, 2)->toolTip().contains(token));
    // Not in the settings (saved now), nor in any file kubectl or we wrote (kubeconfig, HOME cache).
    pane.saveSettings();
    QSettings settings;
    settings.sync();
    const QByteArray settingsBytes = iqtest::readFile(settings.fileName());
    QVERIFY(!settingsBytes.isEmpty());
    QVERIFY(!settingsBytes.contains(kToken) && !settingsBytes.contains(kToken.toBase64()));
    const QStringList holding = iqtest::filesContaining(m_dir->path(), kToken);
    QVERIFY2(holding.isEmpty(), qPrintable(holding.join(QLatin1Char(' '))));
}

// ---------------------------------------------------------------------------------------------------------

void TestDeployPane::showsTheTargetAndListsContexts()
{
    auto pane = makePane(manifests());
    QVERIFY(waitForTarget(*pane));
    QCOMPARE(pane->contextBox()->count(), 2);
    QCOMPARE(pane->selectedContext(), QStringLiteral("test")); // the current context first
    QCOMPARE(pane->contextBox()->currentText(), QStringLiteral("test (current)"));
    const QString label = pane->targetLabel()->text();
    QVERIFY2(label.contains(m_server->url()), qPrintable(label));
    QVERIFY(label.contains(QStringLiteral("namespace <b>default</b>")));
    QVERIFY2(label.contains(m_kubeconfig), qPrintable(label)); // KUBECONFIG honoured and shown

    // Another context: its cluster and server show at once; its namespace is offered.
    QSignalSpy changed(pane.get(), &DeployPane::targetChanged);
    QVERIFY(pane->selectContext(QStringLiteral("staging")));
    QCOMPARE(changed.count(), 1);
    QVERIFY2(pane->targetLabel()->text().contains(QStringLiteral("127.0.0.1:%1").arg(m_closedPort)),
             qPrintable(pane->targetLabel()->text()));
    QVERIFY(pane->namespaceBox()->findText(QStringLiteral("team-a")) >= 0);

    // Picking a namespace asks for manifests in it.
    QSignalSpy chosen(pane.get(), &DeployPane::namespaceChosen);
    pane->namespaceBox()->setCurrentIndex(pane->namespaceBox()->findText(QStringLiteral("team-a")));
    emit pane->namespaceBox()->activated(pane->namespaceBox()->currentIndex());
    QCOMPARE(chosen.count(), 1);
    QCOMPARE(chosen.first().first().toString(), QStringLiteral("team-a"));

    // A deploy to the unreachable cluster fails at the first step with a message naming it.
    pane->setNamespace(QStringLiteral("default"));
    QTest::mouseClick(pane->deployButton(), Qt::LeftButton);
    QVERIFY(QTest::qWaitFor([&] { return pane->lastOutcome().has_value(); }, kDeployMs));
    QVERIFY(!pane->lastOutcome()->ok);
    QCOMPARE(pane->lastOutcome()->failure.kind, FailureKind::Unreachable);
    QCOMPARE(stepStatus(*pane, DeployStep::Context), QStringLiteral("failed"));
    QVERIFY2(pane->statusLabel()->text().contains(QStringLiteral("127.0.0.1:%1").arg(m_closedPort)),
             qPrintable(pane->statusLabel()->text()));
    QVERIFY(!pane->confirmDialog()->isVisible());
}

void TestDeployPane::followsKubeconfigChanges()
{
    auto pane = makePane(manifests());
    QVERIFY(waitForTarget(*pane));
    QCOMPARE(pane->selectedContext(), QStringLiteral("test"));
    // `kubectl config use-context staging` in a terminal: the pane follows without a click.
    const QString staging = QStringLiteral("http://127.0.0.1:%1").arg(m_closedPort);
    const auto rewrite = [&](const QString &current) {
        return iqtest::writeKubeconfig(m_kubeconfig,
                                       {{QStringLiteral("test"), m_server->url(), QString()},
                                        {QStringLiteral("staging"), staging, QStringLiteral("team-a")}},
                                       current);
    };
    QVERIFY(rewrite(QStringLiteral("staging")));
    QVERIFY(QTest::qWaitFor([&] { return pane->selectedContext() == QStringLiteral("staging"); }, kProbeMs));
    QCOMPARE(pane->contextBox()->currentText(), QStringLiteral("staging (current)"));
    QVERIFY(pane->targetLabel()->text().contains(staging));
    // A context the user picked stays picked when the kubeconfig changes again.
    QVERIFY(pane->selectContext(QStringLiteral("test")));
    QSignalSpy reloaded(pane.get(), &DeployPane::targetChanged);
    QVERIFY(rewrite(QStringLiteral("staging")));
    QVERIFY(QTest::qWaitFor([&] { return reloaded.count() > 0; }, kProbeMs)); // the kubeconfig was re-read
    QCOMPARE(pane->selectedContext(), QStringLiteral("test"));
    QVERIFY(pane->targetLabel()->text().contains(m_server->url()));
}

void TestDeployPane::deployAppliesTheGeneratedObjectsAfterConfirmation()
{
    m_server->setDeploymentsAvailable(true);
    const QString yaml = manifests();
    auto pane = makePane(yaml);
    QVERIFY(waitForTarget(*pane));
    pane->tokenEdit()->setText(QString::fromLatin1(kToken));
    QCOMPARE(pane->tokenEdit()->echoMode(), QLineEdit::Password);

    QSignalSpy finished(pane.get(), &DeployPane::deployFinished);
    QTest::mouseClick(pane->deployButton(), Qt::LeftButton);
    QVERIFY(QTest::qWaitFor([&] { return pane->confirmDialog()->isVisible(); }, kProbeMs));
    // The confirmation names the context, the server, the namespace and every object.
    const QString where = pane->confirmDialog()->targetText();
    QVERIFY2(where.contains(QStringLiteral("Context\ttest")) || where.contains(QStringLiteral("test")),
             qPrintable(where));
    QVERIFY(where.contains(m_server->url()));
    QVERIFY(where.contains(QStringLiteral("default")));
    QVERIFY(where.contains(m_kubeconfig));
    QCOMPARE(pane->confirmDialog()->objectLines(),
             (QStringList{QStringLiteral("Deployment/vllm-llama-3-1-8b-instruct"),
                          QStringLiteral("Service/vllm-llama-3-1-8b-instruct-service"),
                          QStringLiteral("PodMonitoring/vllm-llama-3-1-8b-instruct-monitoring"),
                          QStringLiteral("Secret/hf-secret (Hugging Face token, created or updated)")}));
    QVERIFY2(pane->confirmDialog()->quotaText().contains(QStringLiteral("nvidia-l4")),
             qPrintable(pane->confirmDialog()->quotaText()));
    // Nothing was written before the confirmation.
    for (const QString &line : m_server->requestLog())
        QVERIFY2(line.startsWith(QLatin1String("GET")), qPrintable(line));
    QVERIFY(!pane->deployButton()->isEnabled()); // one deploy at a time
    if (const QString shots = qEnvironmentVariable("IQ_SCREENSHOT_DIR"); !shots.isEmpty())
        QVERIFY(pane->confirmDialog()->grab().save(shots + QStringLiteral("/deploy-confirm.png")));

    QTest::mouseClick(pane->confirmDialog()->confirmButton(), Qt::LeftButton);
    QVERIFY(QTest::qWaitFor([&] { return finished.count() > 0; }, kDeployMs));
    const DeployOutcome outcome = *pane->lastOutcome();
    QVERIFY2(outcome.ok, qPrintable(outcome.failure.message + QLatin1Char('\n') + outcome.failure.detail));

    // Every step's status line as the user sees it.
    QCOMPARE(stepStatus(*pane, DeployStep::Context), QStringLiteral("done"));
    QCOMPARE(stepStatus(*pane, DeployStep::Namespace), QStringLiteral("skipped"));
    QCOMPARE(stepStatus(*pane, DeployStep::DryRun), QStringLiteral("done"));
    QCOMPARE(stepStatus(*pane, DeployStep::Diff), QStringLiteral("skipped"));
    QCOMPARE(stepStatus(*pane, DeployStep::Secret), QStringLiteral("done"));
    QCOMPARE(stepStatus(*pane, DeployStep::Apply), QStringLiteral("done"));
    QCOMPARE(stepStatus(*pane, DeployStep::Rollout), QStringLiteral("done"));
    QVERIFY2(pane->statusLabel()->text().startsWith(QStringLiteral("Deployed: the rollout finished after")),
             qPrintable(pane->statusLabel()->text()));
    QCOMPARE(pane->progressBar()->value(), pane->progressBar()->maximum());
    // The log shows each kubectl command line and its output.
    const QString log = pane->logView()->toPlainText();
    QVERIFY2(log.contains(QStringLiteral("apply --dry-run=server")), qPrintable(log));
    QVERIFY(log.contains(QStringLiteral("rollout status deployment/") + kDeployment));
    QVERIFY(log.contains(QStringLiteral("deployment.apps/") + kDeployment));

    // The objects that arrived equal the generated ones.
    int compared = 0;
    const QStringList differences = iqtest::differencesFromManifests(*m_server, yaml, &compared);
    QVERIFY2(differences.isEmpty(), qPrintable(differences.join(QLatin1Char('\n'))));
    QCOMPARE(compared, 3);
    const QJsonObject secret = m_server->object(QStringLiteral("v1"), QStringLiteral("Secret"),
                                                QStringLiteral("default"), QStringLiteral("hf-secret"));
    QCOMPARE(secret.value(QStringLiteral("data")).toObject().value(QStringLiteral("hf_api_token")).toString(),
             QString::fromLatin1(kToken.toBase64()));

    // After success: the endpoint, the port-forward command and Test endpoint.
    QVERIFY(pane->endpointLabel()->isVisible());
    QVERIFY2(pane->endpointLabel()->text().contains(
                 QStringLiteral("http://vllm-llama-3-1-8b-instruct-service.default.svc:8000/")),
             qPrintable(pane->endpointLabel()->text()));
    QVERIFY(pane->endpointLabel()->text().contains(
        QStringLiteral("port-forward service/vllm-llama-3-1-8b-instruct-service 8000:8000 -n default")));
    QVERIFY(pane->testButton()->isEnabled());
    QVERIFY(pane->deployButton()->isEnabled());

    // Test endpoint: kubectl port-forward to the Service's pod (the test server forwards to a stand-in model
    // server), one completion request, the answer and latency shown, the port-forward stopped.
    iqtest::FakeModelServer model(200,
                                  iqtest::completionBody(QStringLiteral("meta-llama/Llama-3.1-8B-Instruct"),
                                                         QStringLiteral(" city in Northern California")));
    iqtest::seedRunningPod(*m_server, QStringLiteral("default"), QStringLiteral("pod-1"),
                           QStringLiteral("app=") + kDeployment, QStringLiteral("http"), 8000);
    m_server->setPortForwardTarget(QStringLiteral("pod-1"), 8000, model.port());
    QSignalSpy tested(pane.get(), &DeployPane::endpointTestFinished);
    QTest::mouseClick(pane->testButton(), Qt::LeftButton);
    QVERIFY(!pane->testButton()->isEnabled()); // one test at a time
    QVERIFY(pane->cancelButton()->isEnabled());
    QVERIFY(QTest::qWaitFor([&] { return tested.count() > 0; }, kDeployMs));
    const EndpointTestResult result = *pane->lastTestResult();
    QVERIFY2(result.ok, qPrintable(result.message + QLatin1Char('\n') + result.detail));
    QCOMPARE(result.httpStatus, 200);
    QVERIFY(result.latencyMs >= 0);
    const QString shown = pane->testResultLabel()->text();
    QVERIFY2(shown.contains(QStringLiteral(" ms: “city in Northern California”")), qPrintable(shown));
    QVERIFY(shown.contains(QStringLiteral("/v1/completions answered in ")));
    QCOMPARE(model.requestCount(), 1);
    const QByteArray request = model.lastRequest();
    QVERIFY(request.startsWith("POST /v1/completions"));
    QVERIFY(request.contains("\"model\":\"meta-llama/Llama-3.1-8B-Instruct\""));
    QVERIFY(pane->logView()->toPlainText().contains(QStringLiteral("port-forward service/") + kDeployment +
                                                    QStringLiteral("-service")));
    QVERIFY(QTest::qWaitFor([&] { return m_server->openPortForwardSessions() == 0; }, 10000));
    QVERIFY(pane->testButton()->isEnabled());
    QVERIFY(!pane->cancelButton()->isEnabled());

    // Every kubectl call named the confirmed context; the token is only in the Secret.
    for (const QStringList &cmd : std::as_const(m_commands)) {
        if (cmd.contains(QStringLiteral("config")))
            continue;
        QVERIFY2(cmd.contains(QStringLiteral("--context=test")), qPrintable(cmd.join(QLatin1Char(' '))));
    }
    assertTokenNowhere(*pane);

    // Optional picture of the finished deploy for the docs (IQ_SCREENSHOT_DIR).
    const QString shots = qEnvironmentVariable("IQ_SCREENSHOT_DIR");
    if (!shots.isEmpty())
        QVERIFY(pane->grab().save(shots + QStringLiteral("/deploy-pane.png")));
}

void TestDeployPane::dryRunChangesNothing()
{
    m_server->setDeploymentsAvailable(true);
    auto pane = makePane(manifests());
    QVERIFY(waitForTarget(*pane));
    pane->tokenEdit()->setText(QString::fromLatin1(kToken));
    const QList<QJsonObject> before = m_server->objects();
    const std::optional<DeployOutcome> outcome = deployConfirmed(*pane, pane->dryRunButton());
    QVERIFY(outcome);
    QVERIFY2(outcome->ok, qPrintable(outcome->failure.message));
    QVERIFY(outcome->dryRunOnly);
    QCOMPARE(stepStatus(*pane, DeployStep::DryRun), QStringLiteral("done"));
    QCOMPARE(stepStatus(*pane, DeployStep::Secret), QStringLiteral("skipped"));
    QCOMPARE(stepStatus(*pane, DeployStep::Apply), QStringLiteral("skipped"));
    QCOMPARE(stepStatus(*pane, DeployStep::Rollout), QStringLiteral("skipped"));
    QCOMPARE(pane->statusLabel()->text(),
             QStringLiteral("Dry run passed: the API server accepted every object. Nothing was changed."));
    QCOMPARE(m_server->objects(), before);
    for (const QString &line : m_server->requestLog())
        QVERIFY2(line.startsWith(QLatin1String("GET")) || line.contains(QLatin1String("dryRun=All")),
                 qPrintable(line));
    QVERIFY(!pane->endpointLabel()->isVisible());
    QVERIFY(!pane->testButton()->isEnabled());
    assertTokenNowhere(*pane);
}

void TestDeployPane::declinedConfirmationChangesNothing()
{
    auto pane = makePane(manifests());
    QVERIFY(waitForTarget(*pane));
    QSignalSpy finished(pane.get(), &DeployPane::deployFinished);
    QTest::mouseClick(pane->deployButton(), Qt::LeftButton);
    QVERIFY(QTest::qWaitFor([&] { return pane->confirmDialog()->isVisible(); }, kProbeMs));
    pane->confirmDialog()->reject();
    QVERIFY(QTest::qWaitFor([&] { return finished.count() > 0; }, kProbeMs));
    QVERIFY(pane->lastOutcome()->cancelled);
    QCOMPARE(pane->statusLabel()->text(),
             QStringLiteral("Not deployed: the confirmation was cancelled. Nothing was changed."));
    for (const QString &line : m_server->requestLog())
        QVERIFY2(line.startsWith(QLatin1String("GET")), qPrintable(line));
    QVERIFY(pane->deployButton()->isEnabled());
}

void TestDeployPane::missingNamespaceIsCreatedAfterAsking()
{
    m_server->setDeploymentsAvailable(true);
    auto pane = makePane(manifests(QStringLiteral("fresh-ns")));
    pane->setNamespace(QStringLiteral("fresh-ns"));
    QVERIFY(waitForTarget(*pane));
    QSignalSpy finished(pane.get(), &DeployPane::deployFinished);
    QTest::mouseClick(pane->deployButton(), Qt::LeftButton);
    QVERIFY(QTest::qWaitFor([&] { return pane->confirmDialog()->isVisible(); }, kProbeMs));
    QVERIFY2(pane->confirmDialog()->targetText().contains(QStringLiteral("fresh-ns (does not exist yet)")),
             qPrintable(pane->confirmDialog()->targetText()));
    QTest::mouseClick(pane->confirmDialog()->confirmButton(), Qt::LeftButton);
    QVERIFY(QTest::qWaitFor([&] { return pane->namespaceQuestion()->isVisible(); }, kProbeMs));
    QVERIFY(pane->namespaceQuestion()->text().contains(QStringLiteral("\"fresh-ns\" does not exist")));
    QTest::mouseClick(pane->namespaceQuestion()->button(QMessageBox::Yes), Qt::LeftButton);
    QVERIFY(QTest::qWaitFor([&] { return finished.count() > 0; }, kDeployMs));
    QVERIFY2(pane->lastOutcome()->ok, qPrintable(pane->lastOutcome()->failure.message));
    QCOMPARE(stepStatus(*pane, DeployStep::Namespace), QStringLiteral("done"));
    QVERIFY(!m_server
                 ->object(QStringLiteral("v1"), QStringLiteral("Namespace"), QString(),
                          QStringLiteral("fresh-ns"))
                 .isEmpty());
    QVERIFY(!m_server
                 ->object(QStringLiteral("apps/v1"), QStringLiteral("Deployment"), QStringLiteral("fresh-ns"),
                          kDeployment)
                 .isEmpty());
}

void TestDeployPane::forbiddenNamesVerbAndResource()
{
    m_server->setFailure(403, QStringLiteral("POST"), QStringLiteral("deployments"));
    auto pane = makePane(manifests());
    QVERIFY(waitForTarget(*pane));
    const std::optional<DeployOutcome> outcome = deployConfirmed(*pane, pane->deployButton());
    QVERIFY(outcome);
    QVERIFY(!outcome->ok);
    QCOMPARE(outcome->failure.kind, FailureKind::Forbidden);
    QCOMPARE(stepStatus(*pane, DeployStep::DryRun), QStringLiteral("failed"));
    QCOMPARE(stepStatus(*pane, DeployStep::Apply), QStringLiteral("skipped"));
    const QString status = pane->statusLabel()->text();
    QVERIFY2(status.startsWith(QStringLiteral("Server-side dry run failed: ")), qPrintable(status));
    QVERIFY2(status.contains(QStringLiteral("may not create deployments")), qPrintable(status));
    QVERIFY(stepDetail(*pane, DeployStep::DryRun).contains(QStringLiteral("may not create deployments")));
    // kubectl's own words are in the log.
    QVERIFY2(pane->logView()->toPlainText().contains(QStringLiteral("Error from server (Forbidden)")),
             qPrintable(pane->logView()->toPlainText()));
    QVERIFY(m_server
                ->object(QStringLiteral("apps/v1"), QStringLiteral("Deployment"), QStringLiteral("default"),
                         kDeployment)
                .isEmpty());
}

void TestDeployPane::cancelStopsWaitingDeletesNothingAndNeverFreezes()
{
    // The Deployment never becomes available: the rollout waits until Cancel.
    auto pane = makePane(manifests());
    QVERIFY(waitForTarget(*pane));
    // The event loop's longest pause while kubectl runs (a 10 ms timer that records its gaps).
    QElapsedTimer gapClock;
    gapClock.start();
    qint64 longestGap = 0;
    QTimer heartbeat;
    heartbeat.setInterval(10);
    connect(&heartbeat, &QTimer::timeout, this,
            [&] { longestGap = std::max(longestGap, gapClock.restart()); });
    heartbeat.start();

    QSignalSpy finished(pane.get(), &DeployPane::deployFinished);
    QTest::mouseClick(pane->deployButton(), Qt::LeftButton);
    QVERIFY(QTest::qWaitFor([&] { return pane->confirmDialog()->isVisible(); }, kProbeMs));
    QTest::mouseClick(pane->confirmDialog()->confirmButton(), Qt::LeftButton);
    QVERIFY(QTest::qWaitFor(
        [&] { return stepStatus(*pane, DeployStep::Rollout) == QStringLiteral("running…"); }, kDeployMs));
    QVERIFY(pane->cancelButton()->isEnabled());
    QVERIFY(!pane->deployButton()->isEnabled());
    // The elapsed time ticks while waiting, and the bar shows how many replicas are available.
    QVERIFY(QTest::qWaitFor([&] { return pane->elapsedLabel()->text() == QStringLiteral("0:02 elapsed"); },
                            10000));
    QCOMPARE(pane->progressBar()->value(), 0);
    QTest::mouseClick(pane->cancelButton(), Qt::LeftButton);
    QVERIFY(QTest::qWaitFor([&] { return finished.count() > 0; }, 10000));
    heartbeat.stop();
    QVERIFY(pane->lastOutcome()->cancelled);
    QCOMPARE(stepStatus(*pane, DeployStep::Rollout), QStringLiteral("cancelled"));
    QVERIFY2(pane->statusLabel()->text().contains(QStringLiteral("Nothing was deleted")),
             qPrintable(pane->statusLabel()->text()));
    QVERIFY(!m_server
                 ->object(QStringLiteral("apps/v1"), QStringLiteral("Deployment"), QStringLiteral("default"),
                          kDeployment)
                 .isEmpty());
    for (const QString &line : m_server->requestLog())
        QVERIFY2(!line.startsWith(QLatin1String("DELETE")), qPrintable(line));
    // kubectl ran in other processes: the window kept handling events (bound generous for loaded CI).
    qInfo("longest event-loop pause while kubectl ran: %lld ms", static_cast<long long>(longestGap));
    QVERIFY2(longestGap < 2000, qPrintable(QString::number(longestGap)));
    QVERIFY(pane->deployButton()->isEnabled());
}

void TestDeployPane::rolloutTimeoutShowsThePodEvents()
{
    // The pods cannot pull their image: the rollout times out, and the pane says why from the pod events.
    iqtest::seedPodEvent(*m_server, QStringLiteral("default"), kDeployment + QStringLiteral("-5d9f-abcde"),
                         QStringLiteral("app=vllm-llama-3-1-8b-instruct"), QStringLiteral("Failed"),
                         QStringLiteral("Failed to pull image \"vllm/vllm-openai:v0.8.5\": rpc error: code = "
                                        "NotFound desc = failed to pull and unpack image: ErrImagePull"));
    auto pane = makePane(manifests());
    QVERIFY(waitForTarget(*pane));
    pane->timeoutBox()->setValue(2);
    const std::optional<DeployOutcome> outcome = deployConfirmed(*pane, pane->deployButton());
    QVERIFY(outcome);
    QVERIFY(!outcome->ok);
    QCOMPARE(outcome->failure.kind, FailureKind::ImagePull);
    QCOMPARE(stepStatus(*pane, DeployStep::Rollout), QStringLiteral("failed"));
    const QString status = pane->statusLabel()->text();
    QVERIFY2(status.startsWith(QStringLiteral("Rollout failed: ")), qPrintable(status));
    QVERIFY2(status.contains(QStringLiteral("vllm/vllm-openai:v0.8.5")), qPrintable(status));
    const QString log = pane->logView()->toPlainText();
    QVERIFY2(log.contains(QStringLiteral("get events")), qPrintable(log));
    QVERIFY(log.contains(QStringLiteral("describe pod")));
    QVERIFY(log.contains(QStringLiteral("ErrImagePull")));
}

void TestDeployPane::kubectlMissing()
{
    auto pane = makePane(manifests());
    pane->setEnvironment(environment(m_dir->filePath(QStringLiteral("no-bin"))));
    pane->show();
    QVERIFY(QTest::qWaitFor(
        [&] { return pane->targetLabel()->text().contains(QStringLiteral("kubectl not found")); }, kProbeMs));
    QTest::mouseClick(pane->deployButton(), Qt::LeftButton);
    QVERIFY2(pane->statusLabel()->text().startsWith(QStringLiteral("kubectl not found on PATH")),
             qPrintable(pane->statusLabel()->text()));
    QCOMPARE(stepStatus(*pane, DeployStep::Context), QStringLiteral("failed"));
    QVERIFY(m_commands.isEmpty());

    // A configured kubectl that is not executable is named.
    pane->setKubectlPath(m_dir->filePath(QStringLiteral("kubeconfig")));
    QVERIFY2(pane->targetLabel()->text().contains(QStringLiteral("is not an executable file")),
             qPrintable(pane->targetLabel()->text()));
}

void TestDeployPane::noCurrentContext()
{
    QVERIFY(iqtest::writeKubeconfig(m_kubeconfig, {{QStringLiteral("test"), m_server->url(), QString()}},
                                    QString()));
    auto pane = makePane(manifests());
    QVERIFY(waitForTarget(*pane));
    QVERIFY2(pane->targetLabel()->text().contains(QStringLiteral("There is no current kube context")),
             qPrintable(pane->targetLabel()->text()));
    QVERIFY(pane->targetLabel()->text().contains(QStringLiteral("pick one in the Context box")));
    QVERIFY(pane->targetLabel()->text().contains(m_kubeconfig));
    // Choosing the context explicitly makes the deploy possible.
    QVERIFY(pane->selectContext(QStringLiteral("test")));
    QVERIFY(pane->targetLabel()->text().contains(m_server->url()));
}

void TestDeployPane::manifestPaneDeployButtonOpensTheDeployTab()
{
    MainWindow window;
    CatalogSources sources;
    sources.embedded = false;
    sources.userDirectory = false;
    sources.extraFiles << iqtest::testDataPath(QStringLiteral("gui/catalog.json"));
    QVERIFY(window.loadCatalog(sources));
    QVERIFY(window.setModel(QStringLiteral("test-org/chat-7b")));
    window.deployPane()->setEnvironment(
        environment(QProcessEnvironment::systemEnvironment().value(QStringLiteral("PATH"))));
    window.deployPane()->setValidation(QStringLiteral("ignore"));
    window.resize(1440, 900);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.tableProxy()->rowCount() > 0);
    window.selectProfile(window.tableProxy()->index(0, 0).data(ProfileTableModel::ProfileIndexRole).toInt());
    QPushButton *deploy = window.manifestPane()->deployButton();
    QVERIFY(deploy->isEnabled());
    QTest::mouseClick(deploy, Qt::LeftButton);
    QCOMPARE(window.detailTabs()->currentWidget(), window.deployPane());
    DeployPane *pane = window.deployPane();
    QVERIFY(QTest::qWaitFor([&] { return pane->confirmDialog()->isVisible(); }, kProbeMs));
    // The objects named are the YAML pane's.
    const QString yaml = window.manifestPane()->text();
    const QStringList objects = pane->confirmDialog()->objectLines();
    QVERIFY(!objects.isEmpty());
    for (const QString &o : objects)
        QVERIFY2(yaml.contains(QStringLiteral("name: ") + o.section(QLatin1Char('/'), 1)), qPrintable(o));
    pane->confirmDialog()->reject();
    QVERIFY(QTest::qWaitFor([&] { return pane->lastOutcome().has_value(); }, kProbeMs));
    QVERIFY(pane->lastOutcome()->cancelled);
    for (const QString &line : m_server->requestLog())
        QVERIFY2(line.startsWith(QLatin1String("GET")), qPrintable(line));

    // Confirmed, it deploys the YAML pane's text; the window stays usable meanwhile.
    m_server->setDeploymentsAvailable(true);
    QSignalSpy finished(pane, &DeployPane::deployFinished);
    QTest::mouseClick(deploy, Qt::LeftButton);
    QVERIFY(QTest::qWaitFor([&] { return pane->confirmDialog()->isVisible(); }, kProbeMs));
    QTest::mouseClick(pane->confirmDialog()->confirmButton(), Qt::LeftButton);
    QVERIFY(QTest::qWaitFor([&] { return finished.count() > 0; }, kDeployMs));
    QVERIFY2(pane->lastOutcome()->ok, qPrintable(pane->lastOutcome()->failure.message));
    int arrived = 0;
    for (const QJsonObject &o : m_server->objects()) {
        const QString name =
            o.value(QStringLiteral("metadata")).toObject().value(QStringLiteral("name")).toString();
        if (o.value(QStringLiteral("kind")).toString() != QLatin1String("Namespace")) {
            QVERIFY2(yaml.contains(QStringLiteral("name: ") + name), qPrintable(name));
            ++arrived;
        }
    }
    QCOMPARE(arrived, objects.size());
    const QString shots = qEnvironmentVariable("IQ_SCREENSHOT_DIR");
    if (!shots.isEmpty())
        QVERIFY(window.grab().save(shots + QStringLiteral("/deploy-window.png")));

    // Another namespace in the Deploy tab regenerates the manifests for it.
    pane->namespaceBox()->setEditText(QStringLiteral("serving"));
    emit pane->namespaceBox()->lineEdit()->editingFinished();
    QCOMPARE(window.manifestPane()->options().ns, QStringLiteral("serving"));
    QVERIFY(window.manifestPane()->text().contains(QStringLiteral("namespace: serving")));

    // Without manifests there is nothing to deploy, and the button says why.
    pane->setManifests({}, QStringLiteral("Select a profile first: the deploy applies its manifests."));
    QVERIFY(!pane->deployButton()->isEnabled());
    QCOMPARE(pane->deployButton()->toolTip(),
             QStringLiteral("Select a profile first: the deploy applies its manifests."));
}

QTEST_MAIN(TestDeployPane)
#include "tst_deploypane.moc"
