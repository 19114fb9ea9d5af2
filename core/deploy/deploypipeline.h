#pragma once
// The deploy, step by step, each with its own status and the live output of its kubectl call. Shared by the
// GUI's deploy pane and `iq deploy`. Two phases, so that the user confirms between them:
//
//   prepare(): read the kubeconfig (context, cluster, server, namespace), check the namespace exists
//              -> prepared(confirmation) or finished(failure)
//   run():     [create namespace (asks: namespaceConfirmationNeeded -> confirmNamespace)]
//              server-side dry run -> [kubectl diff] -> [HF token Secret] -> kubectl apply -> rollout status
//              -> finished(outcome)
//
// cancel() stops the running kubectl and the remaining steps; it never deletes anything. The token lives
// only in memory and reaches kubectl on standard input; see docs/deploy.md.

#include "deployplan.h"
#include "kubecontext.h"
#include "kubectlrunner.h"

#include <QElapsedTimer>
#include <QMap>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <functional>

namespace iq::deploy {

enum class DeployStep { Context, Namespace, DryRun, Diff, Secret, Apply, Rollout };
enum class StepStatus { Pending, Running, Succeeded, Failed, Skipped, Cancelled };

QString stepTitle(DeployStep step);        // "Server-side dry run", ...
QString stepStatusName(StepStatus status); // "pending", "running", "ok", "failed", "skipped", "cancelled"
QList<DeployStep> allDeploySteps();

struct DeployOptions
{
    QString context;              // empty = the kubeconfig's current context
    QString ns;                   // empty = the manifests' namespace, else the context's, else "default"
    bool dryRunOnly = false;      // server-side dry run only: changes nothing
    bool diff = false;            // run kubectl diff after the dry run (output in the log)
    bool wait = true;             // wait for kubectl rollout status
    bool createNamespace = false; // create a missing namespace without asking
    int rolloutTimeoutSeconds = 900;
    // kubectl apply/diff --validate: "strict" (kubectl's default: schema from the server's OpenAPI), "warn"
    // or "ignore". The server-side dry run validates against the API server in every mode.
    QString validate = QStringLiteral("strict");
    int callTimeoutMs = 120000; // our watchdog on every other kubectl call
    QByteArray hfToken;         // empty = no Secret step. Kept in memory only.
};

// What the confirmation names: where, and every object.
struct DeployConfirmation
{
    KubeTarget target;
    bool namespaceExists = true;
    QStringList objects; // "Deployment/name", ...
    QString secretName;  // the token Secret that will be created/updated; empty when no token
    QString quotaReminder;
    bool dryRunOnly = false;
    QString text() const; // the whole confirmation as plain text (CLI; GUI may lay it out itself)
};

struct DeployOutcome
{
    bool ok = false;
    bool cancelled = false;
    bool dryRunOnly = false;
    DeployStep failedStep = DeployStep::Context;
    KubeFailure failure;   // message + kubectl output (redacted)
    QString endpoint;      // in-cluster URL of the Service
    QString portForward;   // "kubectl port-forward service/NAME 8000:8000 -n NS" (display)
    qint64 rolloutMs = -1; // how long the rollout took (measured), -1 when not waited
};

class DeployPipeline : public QObject
{
    Q_OBJECT
public:
    DeployPipeline(KubectlSettings settings, DeployPlan plan, DeployOptions options,
                   QObject *parent = nullptr);
    ~DeployPipeline() override;

    void prepare();
    void run(); // after prepared()
    void cancel();
    void confirmNamespace(bool create); // the answer to namespaceConfirmationNeeded()

    StepStatus status(DeployStep step) const { return m_status.value(step, StepStatus::Pending); }
    KubeTarget target() const { return m_target; }
    DeployConfirmation confirmation() const { return m_confirmation; }
    const DeployPlan &plan() const { return m_plan; }
    bool isRunning() const { return m_runner != nullptr; }

signals:
    void targetResolved(const iq::deploy::KubeTarget &target);
    void prepared(const iq::deploy::DeployConfirmation &confirmation);
    void stepChanged(iq::deploy::DeployStep step, iq::deploy::StepStatus status, const QString &message);
    void log(iq::deploy::DeployStep step, const QString &text); // "$ kubectl ..." lines and kubectl's output
    void namespaceConfirmationNeeded(const QString &ns);
    void rolloutProgress(int available, int desired, qint64 elapsedMs); // desired -1 while unknown
    void finished(const iq::deploy::DeployOutcome &outcome);

private:
    using Done = std::function<void(KubectlRunner *runner)>;
    void runKubectl(DeployStep step, const QStringList &args, const Done &onExit,
                    const QByteArray &input = {}, bool sensitive = false, const QString &verb = {},
                    const QString &resource = {}, bool useRequestTimeout = true, int timeoutMs = -1);
    void setStatus(DeployStep step, StepStatus status, const QString &message = {});
    void failStep(DeployStep step, const KubeFailure &failure);
    void finishOk();
    void skipRemaining();

    void checkNamespace();
    void stepNamespace();
    void createNamespace();
    void stepDryRun();
    void stepDiff();
    void stepSecret();
    void patchSecret();
    void stepApply();
    void stepRollout();
    void collectRolloutDiagnostics(const KubeFailure &rolloutFailure);

    KubectlSettings m_settings;
    DeployPlan m_plan;
    DeployOptions m_options;
    KubeTarget m_target;
    DeployConfirmation m_confirmation;
    QMap<DeployStep, StepStatus> m_status;
    QPointer<KubectlRunner> m_runner;
    KubeContextProbe *m_probe = nullptr;
    DeployStep m_current = DeployStep::Context;
    bool m_finished = false;
    bool m_waitingForNamespaceAnswer = false;
    QTimer m_progressTimer;
    QElapsedTimer m_rolloutClock;
    int m_available = 0;
    int m_desired = -1;
};

} // namespace iq::deploy
