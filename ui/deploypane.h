#pragma once
// The Deploy tab: where the manifests would go (kubectl, kubeconfig, context, cluster server, namespace —
// always on screen), the Hugging Face token (a password field, memory only), the deploy steps with their
// status, kubectl's live output, rollout progress with elapsed time and Cancel, and after a rollout the
// endpoint, the port-forward command and "Test endpoint". The work is core/deploy's DeployPipeline (the same
// as `iq deploy`); every kubectl call is asynchronous, so the window never waits on one.

#include "deploy/deploypipeline.h"
#include "deploy/endpointtester.h"

#include <QPointer>
#include <QProcessEnvironment>
#include <QTimer>
#include <QWidget>

#include <optional>

class QCheckBox;
class QComboBox;
class QDialog;
class QFileSystemWatcher;
class QLabel;
class QLineEdit;
class QMessageBox;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QStandardItemModel;
class QTableView;

namespace iq::gui {

class DeployConfirmDialog;

class DeployPane : public QWidget
{
    Q_OBJECT
public:
    explicit DeployPane(QWidget *parent = nullptr);
    ~DeployPane() override;

    // The manifest set a deploy applies (the YAML pane's text); empty with the reason when there is none.
    void setManifests(const QString &yaml, const QString &unavailableReason = {});
    // The namespace the manifests are generated for (the manifest options); shown in the namespace box.
    void setNamespace(const QString &ns);
    QString currentNamespace() const;

    // The environment kubectl runs with (KUBECONFIG, PATH, HOME). Default: the process environment.
    void setEnvironment(const QProcessEnvironment &environment);
    // kubectl from preferences (empty: PATH). Saved in the settings; re-reads the kubeconfig.
    void setKubectlPath(const QString &path);
    QString kubectlPath() const { return m_kubectlPreference; }
    void setValidation(const QString &mode); // strict, warn or ignore (kubectl apply --validate)

    // Reads the kubeconfig again (asynchronously): contexts, current context, cluster, server.
    void reloadTarget();
    bool hasTarget() const { return m_view.has_value(); }
    QString selectedContext() const;
    bool selectContext(const QString &name); // as if the user picked it: kept across reloads

    // Starts a deploy (or a server-side dry run): prepare, then the confirmation dialog opens.
    void startDeploy(bool dryRunOnly);
    void cancel();
    void testEndpoint();
    bool isBusy() const;

    void restoreSettings();
    void saveSettings() const; // never the token

    // Test access.
    QComboBox *contextBox() const { return m_context; }
    QComboBox *namespaceBox() const { return m_namespace; }
    QLineEdit *tokenEdit() const { return m_token; }
    QLabel *targetLabel() const { return m_targetText; }
    QLabel *statusLabel() const { return m_status; }
    QLabel *endpointLabel() const { return m_endpoint; }
    QLabel *testResultLabel() const { return m_testResult; }
    QPlainTextEdit *logView() const { return m_log; }
    QStandardItemModel *stepModel() const { return m_steps; }
    QPushButton *deployButton() const { return m_deploy; }
    QPushButton *dryRunButton() const { return m_dryRun; }
    QPushButton *cancelButton() const { return m_cancel; }
    QPushButton *testButton() const { return m_test; }
    QProgressBar *progressBar() const { return m_progress; }
    QLabel *elapsedLabel() const { return m_elapsed; }
    QCheckBox *diffBox() const { return m_diff; }
    QCheckBox *waitBox() const { return m_wait; }
    QSpinBox *timeoutBox() const { return m_timeout; }
    DeployConfirmDialog *confirmDialog() const { return m_confirm; }
    QMessageBox *namespaceQuestion() const { return m_namespaceQuestion; }
    std::optional<deploy::DeployOutcome> lastOutcome() const { return m_outcome; }
    std::optional<deploy::EndpointTestResult> lastTestResult() const { return m_testOutcome; }

Q_SIGNALS:
    // The user picked or typed another namespace: the manifests are regenerated for it.
    void namespaceChosen(const QString &ns);
    void targetChanged();
    void busyChanged(bool busy);
    void deployFinished(const iq::deploy::DeployOutcome &outcome);
    void endpointTestFinished(const iq::deploy::EndpointTestResult &result);

protected:
    void showEvent(QShowEvent *event) override;

private:
    deploy::KubectlSettings kubectlSettings(QString *error) const;
    void watchKubeconfig(const deploy::KubectlSettings &settings);
    void onProbeFinished(const deploy::KubeConfigView &view);
    void onProbeFailed(const QString &message);
    void updateTargetText();
    void updateButtons();
    void resetSteps();
    void fitStepTable();
    void setStep(deploy::DeployStep step, deploy::StepStatus status, const QString &message);
    void appendLog(const QString &text);
    void onPrepared(const deploy::DeployConfirmation &confirmation);
    void onNamespaceQuestion(const QString &ns);
    void onFinished(const deploy::DeployOutcome &outcome);
    void onRolloutProgress(int available, int desired, qint64 elapsedMs);
    void onTestFinished(const deploy::EndpointTestResult &result);
    void chooseKubectl();
    void setStatus(const QString &text, bool error);

    QProcessEnvironment m_environment = QProcessEnvironment::systemEnvironment();
    QString m_kubectlPreference;
    QString m_kubectlError; // why kubectl was not found; empty when found
    QString m_yaml;
    QString m_unavailableReason;
    std::optional<deploy::KubeConfigView> m_view;
    QString m_probeError;
    bool m_probed = false;
    QPointer<deploy::KubeContextProbe> m_probe;
    QPointer<deploy::DeployPipeline> m_pipeline;
    QPointer<deploy::EndpointTester> m_tester;
    std::optional<deploy::DeployOutcome> m_outcome;
    std::optional<deploy::EndpointTestResult> m_testOutcome;
    deploy::DeployPlan m_lastPlan; // of the last successful rollout (Test endpoint)
    QString m_lastContext;

    QLabel *m_kubectl = nullptr;
    QPushButton *m_chooseKubectl = nullptr;
    QComboBox *m_context = nullptr;
    QPushButton *m_reload = nullptr;
    QComboBox *m_namespace = nullptr;
    QLabel *m_targetText = nullptr;
    QLineEdit *m_token = nullptr;
    QCheckBox *m_diff = nullptr;
    QCheckBox *m_wait = nullptr;
    QSpinBox *m_timeout = nullptr;
    QComboBox *m_validate = nullptr;
    QPushButton *m_dryRun = nullptr;
    QPushButton *m_deploy = nullptr;
    QPushButton *m_cancel = nullptr;
    QLabel *m_status = nullptr;
    QStandardItemModel *m_steps = nullptr;
    QTableView *m_stepView = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_elapsed = nullptr;
    QPlainTextEdit *m_log = nullptr;
    QLabel *m_endpoint = nullptr;
    QPushButton *m_test = nullptr;
    QLabel *m_testResult = nullptr;
    DeployConfirmDialog *m_confirm = nullptr;
    QMessageBox *m_namespaceQuestion = nullptr;
    QFileSystemWatcher *m_watcher = nullptr;
    QTimer m_reloadTimer;
    bool m_declined = false;      // the user cancelled the confirmation of the current deploy
    bool m_contextPicked = false; // the user chose a context in the box (else: follow current-context)
};

} // namespace iq::gui
