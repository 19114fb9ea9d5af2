#include "deploypipeline.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace iq::deploy {

QString stepTitle(DeployStep step)
{
    switch (step) {
    case DeployStep::Context:
        return QStringLiteral("Kube context");
    case DeployStep::Namespace:
        return QStringLiteral("Namespace");
    case DeployStep::DryRun:
        return QStringLiteral("Server-side dry run");
    case DeployStep::Diff:
        return QStringLiteral("Diff");
    case DeployStep::Secret:
        return QStringLiteral("Hugging Face token secret");
    case DeployStep::Apply:
        return QStringLiteral("Apply");
    case DeployStep::Rollout:
        return QStringLiteral("Rollout");
    }
    return {};
}

QString stepStatusName(StepStatus status)
{
    switch (status) {
    case StepStatus::Pending:
        return QStringLiteral("pending");
    case StepStatus::Running:
        return QStringLiteral("running");
    case StepStatus::Succeeded:
        return QStringLiteral("ok");
    case StepStatus::Failed:
        return QStringLiteral("failed");
    case StepStatus::Skipped:
        return QStringLiteral("skipped");
    case StepStatus::Cancelled:
        return QStringLiteral("cancelled");
    }
    return {};
}

QList<DeployStep> allDeploySteps()
{
    return {DeployStep::Context, DeployStep::Namespace, DeployStep::DryRun, DeployStep::Diff,
            DeployStep::Secret,  DeployStep::Apply,     DeployStep::Rollout};
}

QString DeployConfirmation::text() const
{
    QString t;
    t += dryRunOnly ? QStringLiteral("Server-side dry run (changes nothing) against:\n")
                    : QStringLiteral("Deploy to:\n");
    t += QStringLiteral("  context:    %1\n").arg(target.context);
    t += QStringLiteral("  cluster:    %1 (%2)\n").arg(target.cluster, target.server);
    t += QStringLiteral("  namespace:  %1%2\n")
             .arg(target.ns, namespaceExists ? QString() : QStringLiteral(" (does not exist yet)"));
    t += QStringLiteral("  kubeconfig: %1\n").arg(target.kubeconfig);
    t += QStringLiteral("Objects (%1):\n").arg(objects.size());
    for (const QString &o : objects)
        t += QStringLiteral("  %1\n").arg(o);
    if (!secretName.isEmpty())
        t += QStringLiteral("  Secret/%1 (Hugging Face token, created or updated)\n").arg(secretName);
    if (!quotaReminder.isEmpty())
        t += quotaReminder + QLatin1Char('\n');
    return t;
}

DeployPipeline::DeployPipeline(KubectlSettings settings, DeployPlan plan, DeployOptions options,
                               QObject *parent)
    : QObject(parent)
    , m_settings(std::move(settings))
    , m_plan(std::move(plan))
    , m_options(std::move(options))
{
    m_target.kubectl = m_settings.program;
    m_target.kubeconfig = kubeconfigInUse(m_settings);
    m_progressTimer.setInterval(1000);
    connect(&m_progressTimer, &QTimer::timeout, this,
            [this] { emit rolloutProgress(m_available, m_desired, m_rolloutClock.elapsed()); });
}

DeployPipeline::~DeployPipeline()
{
    m_options.hfToken.fill('\0');
}

void DeployPipeline::setStatus(DeployStep step, StepStatus status, const QString &message)
{
    m_status.insert(step, status);
    emit stepChanged(step, status, message);
}

void DeployPipeline::runKubectl(DeployStep step, const QStringList &args, const Done &onExit,
                                const QByteArray &input, bool sensitive, const QString &verb,
                                const QString &resource, bool useRequestTimeout, int timeoutMs)
{
    auto *runner = new KubectlRunner(m_settings, this);
    m_runner = runner;
    runner->setStandardInput(input, sensitive);
    if (!m_options.hfToken.isEmpty())
        runner->setRedactions({m_options.hfToken});
    runner->setUseRequestTimeout(useRequestTimeout);
    runner->setTimeout(timeoutMs >= 0 ? timeoutMs : m_options.callTimeoutMs);
    runner->setCallContext({m_target.context, m_target.server, m_target.ns, verb, resource});
    connect(runner, &KubectlRunner::aboutToStart, this,
            [this, step](const QString &command) { emit log(step, QStringLiteral("$ %1\n").arg(command)); });
    connect(runner, &KubectlRunner::output, this,
            [this, step](const QString &text) { emit log(step, text); });
    connect(runner, &KubectlRunner::finished, this, [this, runner, onExit](int) {
        if (m_runner == runner)
            m_runner = nullptr;
        runner->deleteLater();
        if (!m_finished)
            onExit(runner);
    });
    connect(runner, &KubectlRunner::failed, this, [this, runner, step](const QString &) {
        if (m_runner == runner)
            m_runner = nullptr;
        runner->deleteLater();
        if (m_finished)
            return;
        if (runner->wasCancelled())
            return; // cancel() finishes the pipeline itself
        failStep(step, runner->failure());
    });
    runner->start(args);
}

void DeployPipeline::failStep(DeployStep step, const KubeFailure &failure)
{
    if (m_finished)
        return;
    setStatus(step, StepStatus::Failed, failure.message);
    skipRemaining();
    m_finished = true;
    m_progressTimer.stop();
    DeployOutcome outcome;
    outcome.ok = false;
    outcome.dryRunOnly = m_options.dryRunOnly;
    outcome.failedStep = step;
    outcome.failure = failure;
    emit finished(outcome);
}

void DeployPipeline::skipRemaining()
{
    for (const DeployStep s : allDeploySteps()) {
        const StepStatus st = status(s);
        if (st == StepStatus::Pending)
            setStatus(s, StepStatus::Skipped);
    }
}

void DeployPipeline::finishOk()
{
    if (m_finished)
        return;
    skipRemaining();
    m_finished = true;
    m_progressTimer.stop();
    DeployOutcome outcome;
    outcome.ok = true;
    outcome.dryRunOnly = m_options.dryRunOnly;
    outcome.endpoint = clusterEndpoint(m_plan);
    const QStringList pf = portForwardArguments(m_plan, m_plan.servicePort);
    if (!pf.isEmpty()) {
        QStringList cmd{QStringLiteral("kubectl")};
        if (!m_settings.kubeconfig.isEmpty())
            cmd.append(QStringLiteral("--kubeconfig=") + m_settings.kubeconfig);
        cmd.append(QStringLiteral("--context=") + m_target.context);
        cmd.append(pf);
        outcome.portForward = cmd.join(QLatin1Char(' '));
    }
    outcome.rolloutMs = m_rolloutClock.isValid() ? m_rolloutClock.elapsed() : -1;
    emit finished(outcome);
}

void DeployPipeline::cancel()
{
    if (m_finished)
        return;
    if (m_probe)
        m_probe->cancel();
    DeployStep step = m_current;
    if (m_runner)
        m_runner->cancel();
    m_waitingForNamespaceAnswer = false;
    m_finished = true;
    m_progressTimer.stop();
    for (const DeployStep s : allDeploySteps()) {
        if (status(s) == StepStatus::Running)
            step = s;
    }
    setStatus(step, StepStatus::Cancelled, QStringLiteral("cancelled: stopped waiting; nothing was deleted"));
    for (const DeployStep s : allDeploySteps()) {
        if (status(s) == StepStatus::Pending)
            setStatus(s, StepStatus::Skipped);
    }
    DeployOutcome outcome;
    outcome.cancelled = true;
    outcome.dryRunOnly = m_options.dryRunOnly;
    outcome.failedStep = step;
    outcome.failure.kind = FailureKind::Cancelled;
    outcome.failure.message = QStringLiteral("Cancelled during \"%1\": stopped waiting. Nothing was deleted; "
                                             "objects applied so far stay in the cluster "
                                             "(kubectl delete -f FILE removes them).")
                                  .arg(stepTitle(step));
    emit finished(outcome);
}

// ---- prepare ---------------------------------------------------------------------------------------------

void DeployPipeline::prepare()
{
    m_current = DeployStep::Context;
    for (const DeployStep s : allDeploySteps())
        m_status.insert(s, StepStatus::Pending);
    setStatus(DeployStep::Context, StepStatus::Running, QStringLiteral("reading the kubeconfig"));
    if (m_settings.program.isEmpty()) {
        KubeFailure f;
        f.kind = FailureKind::KubectlMissing;
        QString error;
        findKubectl({}, m_settings.environment, &error);
        f.message = error.isEmpty() ? QStringLiteral("kubectl not found") : error;
        failStep(DeployStep::Context, f);
        return;
    }
    m_probe = new KubeContextProbe(m_settings, this);
    // The probe reports its command line; the JSON it reads (credentials redacted by kubectl) is not shown.
    connect(m_probe, &KubeContextProbe::output, this,
            [this](const QString &text) { emit log(DeployStep::Context, text); });
    connect(m_probe, &KubeContextProbe::failed, this, [this](const QString &message, FailureKind kind) {
        KubeFailure f;
        f.kind = kind;
        f.message = message;
        if (m_probe->runner())
            f.detail = m_probe->runner()->standardError().trimmed();
        failStep(DeployStep::Context, f);
    });
    connect(m_probe, &KubeContextProbe::finished, this, [this](const KubeConfigView &view) {
        if (m_finished)
            return;
        QString error;
        const QString ns = !m_options.ns.isEmpty() ? m_options.ns : m_plan.ns;
        if (!resolveTarget(view, m_options.context, ns, &m_target, &error)) {
            KubeFailure f;
            f.kind = error.contains(QLatin1String("namespace")) && !error.contains(QLatin1String("context"))
                         ? FailureKind::Invalid
                         : FailureKind::NoContext;
            f.message = error;
            failStep(DeployStep::Context, f);
            return;
        }
        if (!checkTargetNamespace(m_plan, m_target.ns, &error)) {
            KubeFailure f;
            f.kind = FailureKind::Invalid;
            f.message = error;
            failStep(DeployStep::Context, f);
            return;
        }
        m_plan.ns = m_target.ns;
        // Every later call names the context that was confirmed, whatever current-context becomes meanwhile.
        m_settings.context = m_target.context;
        emit targetResolved(m_target);
        emit log(DeployStep::Context,
                 QStringLiteral("context %1, cluster %2 (%3), namespace %4\n")
                     .arg(m_target.context, m_target.cluster, m_target.server, m_target.ns));
        checkNamespace();
    });
    m_probe->start();
}

void DeployPipeline::checkNamespace()
{
    runKubectl(
        DeployStep::Context,
        {QStringLiteral("get"), QStringLiteral("namespace"), m_target.ns, QStringLiteral("-o"),
         QStringLiteral("name")},
        [this](KubectlRunner *r) {
            bool exists = true;
            if (r->exitCode() != 0) {
                const KubeFailure f = r->failure();
                if (f.kind == FailureKind::NotFound) {
                    exists = false;
                } else if (f.kind == FailureKind::Forbidden) {
                    // Many users may not read namespaces but may deploy into one: assume it exists.
                    emit log(DeployStep::Context,
                             QStringLiteral("(cannot read namespaces; assuming \"%1\" exists)\n")
                                 .arg(m_target.ns));
                } else {
                    failStep(DeployStep::Context, f);
                    return;
                }
            }
            m_confirmation.target = m_target;
            m_confirmation.namespaceExists = exists;
            m_confirmation.dryRunOnly = m_options.dryRunOnly;
            m_confirmation.objects.clear();
            for (const ManifestObject &o : m_plan.objects)
                m_confirmation.objects.append(o.display());
            m_confirmation.secretName =
                m_options.hfToken.isEmpty() || m_options.dryRunOnly ? QString() : m_plan.hfSecretName;
            m_confirmation.quotaReminder = quotaReminder(m_plan);
            setStatus(DeployStep::Context, StepStatus::Succeeded,
                      QStringLiteral("%1 / %2 / %3").arg(m_target.context, m_target.server, m_target.ns));
            emit prepared(m_confirmation);
        },
        {}, false, QStringLiteral("get"), QStringLiteral("namespaces"));
}

// ---- run -------------------------------------------------------------------------------------------------

void DeployPipeline::run()
{
    if (m_finished || status(DeployStep::Context) != StepStatus::Succeeded)
        return;
    stepNamespace();
}

void DeployPipeline::stepNamespace()
{
    m_current = DeployStep::Namespace;
    if (m_confirmation.namespaceExists) {
        setStatus(DeployStep::Namespace, StepStatus::Skipped,
                  QStringLiteral("\"%1\" exists").arg(m_target.ns));
        stepDryRun();
        return;
    }
    if (m_options.dryRunOnly) {
        KubeFailure f;
        f.kind = FailureKind::NotFound;
        f.message = QStringLiteral(
                        "The namespace \"%1\" does not exist: the server-side dry run of the objects needs "
                        "it. A deploy would create it (after asking). Nothing was changed.")
                        .arg(m_target.ns);
        failStep(DeployStep::Namespace, f);
        return;
    }
    if (m_options.createNamespace) {
        createNamespace();
        return;
    }
    setStatus(DeployStep::Namespace, StepStatus::Running,
              QStringLiteral("\"%1\" does not exist: create it?").arg(m_target.ns));
    m_waitingForNamespaceAnswer = true;
    emit namespaceConfirmationNeeded(m_target.ns);
}

void DeployPipeline::confirmNamespace(bool create)
{
    if (!m_waitingForNamespaceAnswer || m_finished)
        return;
    m_waitingForNamespaceAnswer = false;
    if (create) {
        createNamespace();
        return;
    }
    KubeFailure f;
    f.kind = FailureKind::NotFound;
    f.message =
        QStringLiteral("The namespace \"%1\" does not exist and was not created. Nothing was applied.")
            .arg(m_target.ns);
    failStep(DeployStep::Namespace, f);
}

void DeployPipeline::createNamespace()
{
    setStatus(DeployStep::Namespace, StepStatus::Running, QStringLiteral("creating \"%1\"").arg(m_target.ns));
    // `kubectl create -f -` with the object as JSON rather than `kubectl create namespace`: the same request,
    // and the namespace name never has to be checked as an argument.
    const QJsonObject ns{{QStringLiteral("apiVersion"), QStringLiteral("v1")},
                         {QStringLiteral("kind"), QStringLiteral("Namespace")},
                         {QStringLiteral("metadata"), QJsonObject{{QStringLiteral("name"), m_target.ns}}}};
    runKubectl(
        DeployStep::Namespace,
        {QStringLiteral("create"), QStringLiteral("--validate=") + m_options.validate, QStringLiteral("-f"),
         QStringLiteral("-")},
        [this](KubectlRunner *r) {
            if (r->exitCode() != 0) {
                failStep(DeployStep::Namespace, r->failure());
                return;
            }
            setStatus(DeployStep::Namespace, StepStatus::Succeeded,
                      QStringLiteral("created \"%1\"").arg(m_target.ns));
            stepDryRun();
        },
        QJsonDocument(ns).toJson(QJsonDocument::Compact), false, QStringLiteral("create"),
        QStringLiteral("namespaces"));
}

void DeployPipeline::stepDryRun()
{
    m_current = DeployStep::DryRun;
    setStatus(DeployStep::DryRun, StepStatus::Running);
    runKubectl(
        DeployStep::DryRun,
        {QStringLiteral("apply"), QStringLiteral("--dry-run=server"),
         QStringLiteral("--validate=") + m_options.validate, QStringLiteral("--namespace=") + m_target.ns,
         QStringLiteral("-f"), QStringLiteral("-")},
        [this](KubectlRunner *r) {
            if (r->exitCode() != 0) {
                failStep(DeployStep::DryRun, r->failure());
                return;
            }
            setStatus(DeployStep::DryRun, StepStatus::Succeeded,
                      QStringLiteral("the API server accepts all %1 objects").arg(m_plan.objects.size()));
            stepDiff();
        },
        m_plan.manifests.toUtf8(), false, QStringLiteral("create"));
}

void DeployPipeline::stepDiff()
{
    m_current = DeployStep::Diff;
    auto next = [this] {
        if (m_options.dryRunOnly) {
            finishOk();
            return;
        }
        stepSecret();
    };
    if (!m_options.diff) {
        setStatus(DeployStep::Diff, StepStatus::Skipped);
        next();
        return;
    }
    setStatus(DeployStep::Diff, StepStatus::Running);
    runKubectl(
        DeployStep::Diff,
        {QStringLiteral("diff"), QStringLiteral("--namespace=") + m_target.ns, QStringLiteral("-f"),
         QStringLiteral("-")},
        [this, next](KubectlRunner *r) {
            // kubectl diff: 0 no differences, 1 differences found, >1 kubectl or diff failed.
            if (r->exitCode() > 1) {
                failStep(DeployStep::Diff, r->failure());
                return;
            }
            setStatus(DeployStep::Diff, StepStatus::Succeeded,
                      r->exitCode() == 0 ? QStringLiteral("no differences")
                                         : QStringLiteral("differences shown"));
            next();
        },
        m_plan.manifests.toUtf8(), false, QStringLiteral("get"));
}

void DeployPipeline::stepSecret()
{
    m_current = DeployStep::Secret;
    if (m_options.hfToken.isEmpty()) {
        setStatus(DeployStep::Secret, StepStatus::Skipped, QStringLiteral("no token entered"));
        stepApply();
        return;
    }
    if (m_plan.hfSecretName.isEmpty()) {
        setStatus(
            DeployStep::Secret, StepStatus::Skipped,
            QStringLiteral("the Deployment reads no Hugging Face token Secret; the token was not used"));
        stepApply();
        return;
    }
    setStatus(DeployStep::Secret, StepStatus::Running, QStringLiteral("Secret/%1").arg(m_plan.hfSecretName));
    runKubectl(
        DeployStep::Secret,
        {QStringLiteral("create"), QStringLiteral("--validate=") + m_options.validate,
         QStringLiteral("--namespace=") + m_target.ns, QStringLiteral("-f"), QStringLiteral("-"),
         QStringLiteral("-o"), QStringLiteral("name")},
        [this](KubectlRunner *r) {
            if (r->exitCode() != 0) {
                if (r->standardError().contains(QLatin1String("AlreadyExists")) ||
                    r->standardError().contains(QLatin1String("already exists"))) {
                    patchSecret();
                    return;
                }
                failStep(DeployStep::Secret, r->failure());
                return;
            }
            setStatus(DeployStep::Secret, StepStatus::Succeeded,
                      QStringLiteral("created Secret/%1").arg(m_plan.hfSecretName));
            stepApply();
        },
        hfTokenSecretJson(m_plan.hfSecretName, m_target.ns, m_options.hfToken), true,
        QStringLiteral("create"), QStringLiteral("secrets"));
}

void DeployPipeline::patchSecret()
{
    // A merge patch read from standard input: the token is never an argument, and unlike `kubectl apply` no
    // last-applied-configuration annotation keeps a second copy of it.
    runKubectl(
        DeployStep::Secret,
        {QStringLiteral("patch"), QStringLiteral("secret"), m_plan.hfSecretName,
         QStringLiteral("--namespace=") + m_target.ns, QStringLiteral("--type=merge"),
         QStringLiteral("--patch-file=/dev/stdin")},
        [this](KubectlRunner *r) {
            if (r->exitCode() != 0) {
                failStep(DeployStep::Secret, r->failure());
                return;
            }
            setStatus(DeployStep::Secret, StepStatus::Succeeded,
                      QStringLiteral("updated Secret/%1").arg(m_plan.hfSecretName));
            stepApply();
        },
        hfTokenSecretPatch(m_options.hfToken), true, QStringLiteral("patch"), QStringLiteral("secrets"));
}

void DeployPipeline::stepApply()
{
    m_current = DeployStep::Apply;
    setStatus(DeployStep::Apply, StepStatus::Running);
    runKubectl(
        DeployStep::Apply,
        {QStringLiteral("apply"), QStringLiteral("--validate=") + m_options.validate,
         QStringLiteral("--namespace=") + m_target.ns, QStringLiteral("-f"), QStringLiteral("-")},
        [this](KubectlRunner *r) {
            if (r->exitCode() != 0) {
                failStep(DeployStep::Apply, r->failure());
                return;
            }
            setStatus(DeployStep::Apply, StepStatus::Succeeded,
                      QStringLiteral("applied %1 objects").arg(m_plan.objects.size()));
            stepRollout();
        },
        m_plan.manifests.toUtf8(), false, QStringLiteral("create"));
}

void DeployPipeline::stepRollout()
{
    m_current = DeployStep::Rollout;
    if (!m_options.wait) {
        setStatus(DeployStep::Rollout, StepStatus::Skipped, QStringLiteral("not waiting (--no-wait)"));
        finishOk();
        return;
    }
    setStatus(DeployStep::Rollout, StepStatus::Running,
              QStringLiteral("waiting for deployment/%1 (timeout %2 s)")
                  .arg(m_plan.deploymentName)
                  .arg(m_options.rolloutTimeoutSeconds));
    m_available = 0;
    m_desired = -1;
    m_rolloutClock.start();
    m_progressTimer.start();
    const int timeout = m_options.rolloutTimeoutSeconds;
    runKubectl(
        DeployStep::Rollout,
        {QStringLiteral("rollout"), QStringLiteral("status"),
         QStringLiteral("deployment/") + m_plan.deploymentName, QStringLiteral("--namespace=") + m_target.ns,
         QStringLiteral("--timeout=%1s").arg(timeout)},
        [this](KubectlRunner *r) {
            m_progressTimer.stop();
            if (r->exitCode() != 0) {
                KubeFailure f = r->failure();
                if (f.kind == FailureKind::RolloutTimeout || f.kind == FailureKind::Other) {
                    collectRolloutDiagnostics(f);
                    return;
                }
                failStep(DeployStep::Rollout, f);
                return;
            }
            if (m_desired >= 0)
                m_available = m_desired;
            emit rolloutProgress(m_available, m_desired, m_rolloutClock.elapsed());
            setStatus(DeployStep::Rollout, StepStatus::Succeeded,
                      QStringLiteral("deployment/%1 available after %2 s")
                          .arg(m_plan.deploymentName)
                          .arg(m_rolloutClock.elapsed() / 1000.0, 0, 'f', 1));
            finishOk();
        },
        {}, false, QStringLiteral("watch"), QStringLiteral("deployments"), false, (timeout + 60) * 1000);
    // Progress from kubectl's own lines: "... 1 of 3 updated replicas are available..."
    if (m_runner) {
        connect(m_runner, &KubectlRunner::output, this, [this](const QString &text) {
            static const QRegularExpression re(
                QStringLiteral("(\\d+) of (\\d+) updated replicas are available"));
            static const QRegularExpression updated(
                QStringLiteral("(\\d+) out of (\\d+) new replicas have been updated"));
            QRegularExpressionMatchIterator it = re.globalMatch(text);
            while (it.hasNext()) {
                const QRegularExpressionMatch m = it.next();
                m_available = m.captured(1).toInt();
                m_desired = m.captured(2).toInt();
            }
            const QRegularExpressionMatch u = updated.match(text);
            if (u.hasMatch() && m_desired < 0)
                m_desired = u.captured(2).toInt();
            emit rolloutProgress(m_available, m_desired, m_rolloutClock.elapsed());
        });
    }
}

void DeployPipeline::collectRolloutDiagnostics(const KubeFailure &rolloutFailure)
{
    emit log(DeployStep::Rollout, QStringLiteral("Collecting pod events and descriptions...\n"));
    auto collected = std::make_shared<QString>();
    runKubectl(
        DeployStep::Rollout,
        {QStringLiteral("get"), QStringLiteral("events"), QStringLiteral("--namespace=") + m_target.ns},
        [this, rolloutFailure, collected](KubectlRunner *events) {
            *collected += QString::fromUtf8(events->standardOutput()) + events->standardError();
            QStringList describe{QStringLiteral("describe"), QStringLiteral("pod"),
                                 QStringLiteral("--namespace=") + m_target.ns};
            if (!m_plan.podSelector.isEmpty())
                describe << QStringLiteral("-l") << m_plan.podSelector;
            runKubectl(
                DeployStep::Rollout, describe,
                [this, rolloutFailure, collected](KubectlRunner *pods) {
                    *collected += QString::fromUtf8(pods->standardOutput()) + pods->standardError();
                    KubeFailure f = diagnoseRollout(*collected, m_plan.deploymentName);
                    if (f.kind == FailureKind::None) {
                        f = rolloutFailure;
                        if (f.kind == FailureKind::RolloutTimeout)
                            f.message =
                                QStringLiteral("deployment/%1 did not become available within %2 s; the pod "
                                               "events and descriptions are in the log.")
                                    .arg(m_plan.deploymentName)
                                    .arg(m_options.rolloutTimeoutSeconds);
                    } else {
                        f.message = QStringLiteral("The rollout of deployment/%1 did not finish: %2")
                                        .arg(m_plan.deploymentName, f.message);
                    }
                    f.detail = rolloutFailure.detail + QStringLiteral("\n\n") + collected->trimmed();
                    failStep(DeployStep::Rollout, f);
                },
                {}, false, QStringLiteral("get"), QStringLiteral("pods"));
        },
        {}, false, QStringLiteral("list"), QStringLiteral("events"));
}

} // namespace iq::deploy
