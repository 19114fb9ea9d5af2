#include "deploypane.h"

#include "deployconfirmdialog.h"

#include "manifest/kubenames.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFileSystemWatcher>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSettings>
#include <QSpinBox>
#include <QSplitter>
#include <QStandardItemModel>
#include <QTableView>
#include <QVBoxLayout>

namespace iq::gui {

using namespace iq::deploy;

namespace {

constexpr int kStepColumn = 0;
constexpr int kStatusColumn = 1;
constexpr int kMessageColumn = 2;

QString stepText(DeployStep step)
{
    switch (step) {
    case DeployStep::Context:
        return DeployPane::tr("Kube context");
    case DeployStep::Namespace:
        return DeployPane::tr("Namespace");
    case DeployStep::DryRun:
        return DeployPane::tr("Server-side dry run");
    case DeployStep::Diff:
        return DeployPane::tr("kubectl diff");
    case DeployStep::Secret:
        return DeployPane::tr("Hugging Face token Secret");
    case DeployStep::Apply:
        return DeployPane::tr("kubectl apply");
    case DeployStep::Rollout:
        return DeployPane::tr("Rollout");
    }
    return {};
}

QString statusText(StepStatus status)
{
    switch (status) {
    case StepStatus::Pending:
        return DeployPane::tr("pending");
    case StepStatus::Running:
        return DeployPane::tr("running…");
    case StepStatus::Succeeded:
        return DeployPane::tr("done");
    case StepStatus::Failed:
        return DeployPane::tr("failed");
    case StepStatus::Skipped:
        return DeployPane::tr("skipped");
    case StepStatus::Cancelled:
        return DeployPane::tr("cancelled");
    }
    return {};
}

QColor statusColor(StepStatus status, const QPalette &palette)
{
    const bool dark = palette.color(QPalette::Base).lightness() < 128;
    switch (status) {
    case StepStatus::Succeeded:
        return dark ? QColor(0x7d, 0xd8, 0x7d) : QColor(0x1b, 0x7f, 0x2a);
    case StepStatus::Failed:
        return dark ? QColor(0xff, 0x80, 0x80) : QColor(0xb0, 0x1c, 0x1c);
    case StepStatus::Running:
        return dark ? QColor(0x8a, 0xb4, 0xff) : QColor(0x1a, 0x56, 0xc4);
    case StepStatus::Cancelled:
        return dark ? QColor(0xff, 0xc0, 0x60) : QColor(0xa0, 0x5a, 0x00);
    case StepStatus::Pending:
    case StepStatus::Skipped:
        return palette.color(QPalette::Disabled, QPalette::Text);
    }
    return palette.color(QPalette::Text);
}

QString elapsedText(qint64 ms)
{
    const qint64 s = ms / 1000;
    return DeployPane::tr("%1:%2 elapsed").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
}

} // namespace

DeployPane::DeployPane(QWidget *parent)
    : QWidget(parent)
    , m_kubectl(new QLabel(this))
    , m_chooseKubectl(new QPushButton(tr("Choose…"), this))
    , m_context(new QComboBox(this))
    , m_reload(new QPushButton(tr("&Reload"), this))
    , m_namespace(new QComboBox(this))
    , m_targetText(new QLabel(this))
    , m_token(new QLineEdit(this))
    , m_diff(new QCheckBox(tr("Show kubectl d&iff"), this))
    , m_wait(new QCheckBox(tr("&Wait for the rollout"), this))
    , m_timeout(new QSpinBox(this))
    , m_validate(new QComboBox(this))
    , m_dryRun(new QPushButton(tr("Dr&y run"), this))
    , m_deploy(new QPushButton(tr("&Deploy…"), this))
    , m_cancel(new QPushButton(tr("Cancel"), this))
    , m_status(new QLabel(this))
    , m_steps(new QStandardItemModel(this))
    , m_stepView(new QTableView(this))
    , m_progress(new QProgressBar(this))
    , m_elapsed(new QLabel(this))
    , m_log(new QPlainTextEdit(this))
    , m_endpoint(new QLabel(this))
    , m_test(new QPushButton(tr("&Test endpoint"), this))
    , m_testResult(new QLabel(this))
    , m_confirm(new DeployConfirmDialog(this))
    , m_watcher(new QFileSystemWatcher(this))
{
    // Where: kubectl, context, namespace, and the cluster they resolve to.
    m_kubectl->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_kubectl->setWordWrap(true);
    m_kubectl->setMinimumWidth(0);
    m_chooseKubectl->setToolTip(tr("Use another kubectl (saved in the preferences)"));
    m_context->setAccessibleName(tr("Kube context"));
    m_context->setToolTip(tr("Contexts of the kubeconfig; the current one is selected first"));
    m_reload->setToolTip(tr("Read the kubeconfig again"));
    for (QComboBox *box : {m_context, m_namespace}) {
        box->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        box->setMinimumContentsLength(12);
    }
    m_namespace->setEditable(true);
    m_namespace->setInsertPolicy(QComboBox::NoInsert);
    m_namespace->setAccessibleName(tr("Namespace"));
    m_namespace->setToolTip(tr("The namespace the manifests are generated for and deployed to"));
    m_targetText->setTextFormat(Qt::RichText);
    m_targetText->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_targetText->setWordWrap(true);

    auto *kubectlRow = new QHBoxLayout;
    kubectlRow->addWidget(m_kubectl, 1);
    kubectlRow->addWidget(m_chooseKubectl);
    auto *contextRow = new QHBoxLayout;
    contextRow->addWidget(m_context, 1);
    contextRow->addWidget(m_reload);

    auto *where = new QFormLayout;
    where->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    auto *contextLabel = new QLabel(tr("Conte&xt:"), this);
    contextLabel->setBuddy(m_context);
    auto *namespaceLabel = new QLabel(tr("Names&pace:"), this);
    namespaceLabel->setBuddy(m_namespace);
    where->addRow(tr("kubectl:"), kubectlRow);
    where->addRow(contextLabel, contextRow);
    where->addRow(namespaceLabel, m_namespace);
    where->addRow(m_targetText);

    // How: token and options.
    m_token->setEchoMode(QLineEdit::Password);
    m_token->setPlaceholderText(tr("hf_… (optional; sent to kubectl on standard input, never saved)"));
    m_token->setAccessibleName(tr("Hugging Face token"));
    m_token->setToolTip(tr("Creates or updates the Secret the pods read the token from. Kept in memory "
                           "only: never on a command line, in a log, in a file or in the settings."));
    m_wait->setChecked(true);
    m_timeout->setRange(1, 86400);
    m_timeout->setValue(900);
    m_timeout->setSuffix(tr(" s"));
    m_timeout->setToolTip(tr("How long to wait for kubectl rollout status"));
    m_validate->addItem(tr("strict"), QStringLiteral("strict"));
    m_validate->addItem(tr("warn"), QStringLiteral("warn"));
    m_validate->addItem(tr("ignore"), QStringLiteral("ignore"));
    m_validate->setToolTip(tr("kubectl apply --validate (the server-side dry run validates in every mode)"));

    auto *optionsRow = new QHBoxLayout;
    optionsRow->addWidget(m_wait);
    optionsRow->addWidget(m_timeout);
    optionsRow->addStretch(1);
    auto *validateRow = new QHBoxLayout;
    validateRow->addWidget(m_validate);
    validateRow->addStretch(1);
    validateRow->addWidget(m_diff);
    auto *validateLabel = new QLabel(tr("&Validation:"), this);
    validateLabel->setBuddy(m_validate);

    auto *how = new QFormLayout;
    how->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    auto *tokenLabel = new QLabel(tr("Hugging &Face token:"), this);
    tokenLabel->setBuddy(m_token);
    how->addRow(tokenLabel, m_token);
    how->addRow(QString(), optionsRow);
    how->addRow(validateLabel, validateRow);

    m_cancel->setToolTip(tr("Stop waiting. Nothing already applied is deleted."));
    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_dryRun);
    buttons->addWidget(m_deploy);
    buttons->addWidget(m_cancel);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    // Progress: steps, rollout bar, log.
    m_steps->setHorizontalHeaderLabels({tr("Step"), tr("Status"), tr("Details")});
    m_stepView->setModel(m_steps);
    m_stepView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_stepView->setSelectionMode(QAbstractItemView::NoSelection);
    m_stepView->setFocusPolicy(Qt::NoFocus);
    m_stepView->verticalHeader()->hide();
    m_stepView->horizontalHeader()->setStretchLastSection(true);
    m_stepView->setWordWrap(false);
    m_stepView->setAccessibleName(tr("Deploy steps"));
    resetSteps();
    m_stepView->resizeColumnsToContents();
    m_stepView->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_stepView->verticalHeader()->setMinimumSectionSize(m_stepView->fontMetrics().height() + 4);
    m_stepView->verticalHeader()->setDefaultSectionSize(m_stepView->fontMetrics().height() + 6);
    m_stepView->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    fitStepTable();

    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    m_progress->setFormat(tr("%v of %m replicas available"));
    m_progress->setAccessibleName(tr("Rollout progress"));
    auto *progressRow = new QHBoxLayout;
    progressRow->addWidget(m_progress, 1);
    progressRow->addWidget(m_elapsed);

    m_log->setReadOnly(true);
    m_log->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_log->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_log->setMaximumBlockCount(20000);
    m_log->setAccessibleName(tr("kubectl output"));
    m_log->setPlaceholderText(tr("kubectl's commands and output appear here."));

    m_endpoint->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_endpoint->setWordWrap(true);
    m_endpoint->setVisible(false);
    m_test->setToolTip(tr("kubectl port-forward to the Service, send one completion request, show the "
                          "answer and latency, stop the port-forward"));
    m_testResult->setWordWrap(true);
    m_testResult->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *endpointRow = new QHBoxLayout;
    endpointRow->addWidget(m_endpoint, 1);
    endpointRow->addWidget(m_test);

    auto *top = new QWidget(this);
    auto *topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->addLayout(where);
    topLayout->addLayout(how);
    topLayout->addLayout(buttons);
    topLayout->addWidget(m_status);
    topLayout->addWidget(m_stepView);
    topLayout->addLayout(progressRow);
    topLayout->addLayout(endpointRow);
    topLayout->addWidget(m_testResult);
    topLayout->addStretch(1); // spare height goes below, not between the rows

    // The controls scroll when the tab is short (it shares the window with the table and charts); the
    // log takes the rest.
    auto *scroll = new QScrollArea(this);
    scroll->setWidget(top);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(scroll);
    split->addWidget(m_log);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);
    split->setSizes({600, 200});
    split->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(split);

    m_namespaceQuestion = new QMessageBox(QMessageBox::Question, tr("Create namespace?"), QString(),
                                          QMessageBox::Yes | QMessageBox::No, this);
    m_namespaceQuestion->setDefaultButton(QMessageBox::No);

    connect(m_chooseKubectl, &QPushButton::clicked, this, &DeployPane::chooseKubectl);
    connect(m_reload, &QPushButton::clicked, this, &DeployPane::reloadTarget);
    connect(m_context, &QComboBox::currentIndexChanged, this, [this] {
        updateTargetText();
        emit targetChanged();
    });
    // A context the user picks stays picked across reloads; otherwise the pane follows current-context.
    connect(m_context, &QComboBox::activated, this, [this] { m_contextPicked = true; });
    // `kubectl config use-context` in a terminal (or any edit of the kubeconfig) shows here at once.
    // Files replaced by a rename drop out of the watcher, so the paths are re-added on every reload.
    connect(m_watcher, &QFileSystemWatcher::fileChanged, this, [this] {
        if (!isBusy())
            m_reloadTimer.start();
    });
    m_reloadTimer.setSingleShot(true);
    m_reloadTimer.setInterval(200); // an editor's save is several events
    connect(&m_reloadTimer, &QTimer::timeout, this, &DeployPane::reloadTarget);
    connect(m_namespace, &QComboBox::activated, this, [this] { emit namespaceChosen(currentNamespace()); });
    connect(m_namespace->lineEdit(), &QLineEdit::editingFinished, this, [this] {
        updateTargetText();
        emit namespaceChosen(currentNamespace());
    });
    connect(m_dryRun, &QPushButton::clicked, this, [this] { startDeploy(true); });
    connect(m_deploy, &QPushButton::clicked, this, [this] { startDeploy(false); });
    connect(m_cancel, &QPushButton::clicked, this, &DeployPane::cancel);
    connect(m_test, &QPushButton::clicked, this, &DeployPane::testEndpoint);
    connect(m_wait, &QCheckBox::toggled, m_timeout, &QWidget::setEnabled);
    connect(m_confirm, &QDialog::accepted, this, [this] {
        if (m_pipeline)
            m_pipeline->run();
    });
    connect(m_confirm, &QDialog::rejected, this, [this] {
        if (DeployPipeline *pipeline = m_pipeline.data(); pipeline && !pipeline->isRunning()) {
            m_declined = true; // onFinished() says so
            pipeline->cancel();
        }
    });
    connect(m_namespaceQuestion, &QMessageBox::finished, this, [this](int result) {
        if (m_pipeline)
            m_pipeline->confirmNamespace(result == QMessageBox::Yes);
    });

    updateTargetText();
    updateButtons();
}

DeployPane::~DeployPane()
{
    // The pipeline and tester are children: their destructors stop kubectl (nothing is deleted in the
    // cluster) and zero the token.
    m_token->clear();
}

// ---------------------------------------------------------------------------------------------------------
// Inputs

void DeployPane::setManifests(const QString &yaml, const QString &unavailableReason)
{
    m_yaml = yaml;
    m_unavailableReason = yaml.isEmpty() ? unavailableReason : QString();
    updateButtons();
}

void DeployPane::setNamespace(const QString &ns)
{
    if (currentNamespace() == ns)
        return;
    if (m_namespace->findText(ns) < 0)
        m_namespace->addItem(ns);
    m_namespace->setCurrentText(ns);
    updateTargetText();
}

QString DeployPane::currentNamespace() const
{
    return m_namespace->currentText().trimmed();
}

void DeployPane::setEnvironment(const QProcessEnvironment &environment)
{
    m_environment = environment;
    if (m_probed)
        reloadTarget();
}

void DeployPane::setKubectlPath(const QString &path)
{
    m_kubectlPreference = path.trimmed();
    if (m_probed)
        reloadTarget();
    else
        updateTargetText();
}

void DeployPane::setValidation(const QString &mode)
{
    const int i = m_validate->findData(mode);
    if (i >= 0)
        m_validate->setCurrentIndex(i);
}

KubectlSettings DeployPane::kubectlSettings(QString *error) const
{
    KubectlSettings s;
    s.environment = m_environment;
    s.program = findKubectl(m_kubectlPreference, m_environment, error);
    return s;
}

// ---------------------------------------------------------------------------------------------------------
// The target

void DeployPane::fitStepTable()
{
    // Every step visible without scrolling; the header's real height is known once it is polished.
    const int header = std::max(m_stepView->horizontalHeader()->height(),
                                m_stepView->horizontalHeader()->sizeHint().height());
    m_stepView->setFixedHeight(m_stepView->verticalHeader()->length() + header +
                               2 * m_stepView->frameWidth());
}

void DeployPane::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    fitStepTable();
    if (!m_probed)
        reloadTarget();
}

void DeployPane::reloadTarget()
{
    m_probed = true;
    if (m_probe) { // a reload supersedes a read still running: its answer must not land after ours
        m_probe->disconnect(this);
        m_probe->cancel();
        m_probe->deleteLater();
    }
    QString error;
    const KubectlSettings settings = kubectlSettings(&error);
    m_kubectlError = settings.program.isEmpty() ? error : QString();
    if (settings.program.isEmpty()) {
        m_view.reset();
        m_probeError = error;
        m_context->clear();
        updateTargetText();
        updateButtons();
        emit targetChanged();
        return;
    }
    m_probeError.clear();
    watchKubeconfig(settings);
    m_probe = new KubeContextProbe(settings, this);
    auto *probe = m_probe.data();
    connect(probe, &KubeContextProbe::finished, this, [this, probe](const KubeConfigView &view) {
        probe->deleteLater();
        onProbeFinished(view);
    });
    connect(probe, &KubeContextProbe::failed, this, [this, probe](const QString &message, FailureKind) {
        probe->deleteLater();
        onProbeFailed(message);
    });
    m_targetText->setText(tr("Reading the kubeconfig…"));
    probe->start();
}

void DeployPane::watchKubeconfig(const KubectlSettings &settings)
{
    if (!m_watcher->files().isEmpty())
        m_watcher->removePaths(m_watcher->files());
    QStringList files;
    for (const QString &f : kubeconfigInUse(settings).split(QDir::listSeparator(), Qt::SkipEmptyParts))
        if (QFileInfo::exists(f))
            files << f;
    if (!files.isEmpty())
        m_watcher->addPaths(files);
}

void DeployPane::onProbeFinished(const KubeConfigView &view)
{
    const QString previous = selectedContext();
    m_view = view;
    m_probeError.clear();
    {
        const QSignalBlocker block(m_context);
        m_context->clear();
        for (const KubeContextEntry &c : view.contexts) {
            const QString label = c.name == view.currentContext ? tr("%1 (current)").arg(c.name) : c.name;
            m_context->addItem(label, c.name);
        }
        int index = m_contextPicked ? m_context->findData(previous) : -1;
        if (index < 0)
            index = m_context->findData(view.currentContext);
        m_context->setCurrentIndex(index);
    }
    // Namespaces named in the kubeconfig, offered next to the manifests' own.
    const QString ns = currentNamespace();
    QStringList names{QStringLiteral("default")};
    for (const KubeContextEntry &c : view.contexts)
        if (!c.ns.isEmpty() && !names.contains(c.ns))
            names.append(c.ns);
    if (!ns.isEmpty() && !names.contains(ns))
        names.append(ns);
    {
        const QSignalBlocker block(m_namespace);
        m_namespace->clear();
        m_namespace->addItems(names);
        m_namespace->setCurrentText(ns.isEmpty() ? QStringLiteral("default") : ns);
    }
    updateTargetText();
    updateButtons();
    emit targetChanged();
}

void DeployPane::onProbeFailed(const QString &message)
{
    m_view.reset();
    m_probeError = message;
    m_context->clear();
    updateTargetText();
    updateButtons();
    emit targetChanged();
}

QString DeployPane::selectedContext() const
{
    return m_context->currentData().toString();
}

bool DeployPane::selectContext(const QString &name)
{
    const int i = m_context->findData(name);
    if (i < 0)
        return false;
    m_contextPicked = true;
    m_context->setCurrentIndex(i);
    return true;
}

void DeployPane::updateTargetText()
{
    QString error;
    const KubectlSettings settings = kubectlSettings(&error);
    m_kubectl->setText(settings.program.isEmpty() ? tr("not found") : settings.program);
    const QString errorStyle = QStringLiteral("<span style='color:%1'>%2</span>")
                                   .arg(statusColor(StepStatus::Failed, palette()).name());
    if (settings.program.isEmpty()) {
        m_targetText->setText(errorStyle.arg(error.toHtmlEscaped()));
        return;
    }
    const QString kubeconfig = kubeconfigInUse(settings);
    if (!m_view) {
        m_targetText->setText(m_probeError.isEmpty() ? tr("Kubeconfig: %1").arg(kubeconfig.toHtmlEscaped())
                                                     : errorStyle.arg(m_probeError.toHtmlEscaped()));
        return;
    }
    if (selectedContext().isEmpty() && m_view->currentContext.isEmpty()) { // core's text names CLI flags
        m_targetText->setText(errorStyle.arg(
            tr("There is no current kube context (kubectl config current-context is not set in %1): pick one "
               "in the Context box.")
                .arg(kubeconfig)
                .toHtmlEscaped()));
        return;
    }
    KubeTarget target;
    QString problem;
    if (!resolveTarget(*m_view, selectedContext(), currentNamespace(), &target, &problem)) {
        m_targetText->setText(
            errorStyle.arg(tr("%1 (kubeconfig: %2)").arg(problem, kubeconfig).toHtmlEscaped()));
        return;
    }
    m_targetText->setText(tr("Cluster <b>%1</b> at <b>%2</b> · namespace <b>%3</b><br>Kubeconfig: %4")
                              .arg(target.cluster.toHtmlEscaped(), target.server.toHtmlEscaped(),
                                   target.ns.toHtmlEscaped(), kubeconfig.toHtmlEscaped()));
}

void DeployPane::chooseKubectl()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Choose kubectl"), m_kubectlPreference);
    if (path.isEmpty())
        return;
    setKubectlPath(path);
    saveSettings();
    if (!m_probed)
        reloadTarget();
}

// ---------------------------------------------------------------------------------------------------------
// The deploy

bool DeployPane::isBusy() const
{
    return m_pipeline || m_tester || (m_confirm && m_confirm->isVisible());
}

void DeployPane::updateButtons()
{
    const bool busy = isBusy();
    const bool ready = !m_yaml.isEmpty();
    m_deploy->setEnabled(!busy && ready);
    m_dryRun->setEnabled(!busy && ready);
    m_cancel->setEnabled(m_pipeline || m_tester);
    m_context->setEnabled(!busy);
    m_namespace->setEnabled(!busy);
    m_reload->setEnabled(!busy);
    m_chooseKubectl->setEnabled(!busy);
    m_test->setEnabled(!busy && m_outcome && m_outcome->ok && !m_outcome->dryRunOnly &&
                       !m_lastPlan.serviceName.isEmpty());
    const QString why = ready ? QString() : m_unavailableReason;
    m_deploy->setToolTip(
        why.isEmpty() ? tr("Server-side dry run, then kubectl apply and wait for the rollout") : why);
    m_dryRun->setToolTip(why.isEmpty() ? tr("kubectl apply --dry-run=server: the API server checks "
                                            "everything, nothing changes")
                                       : why);
}

void DeployPane::setStatus(const QString &text, bool error)
{
    m_status->setText(text);
    QPalette p = m_status->palette();
    p.setColor(QPalette::WindowText,
               error ? statusColor(StepStatus::Failed, palette()) : palette().color(QPalette::WindowText));
    m_status->setPalette(p);
}

void DeployPane::resetSteps()
{
    m_steps->removeRows(0, m_steps->rowCount());
    for (const DeployStep step : allDeploySteps()) {
        QList<QStandardItem *> row{new QStandardItem(stepText(step)),
                                   new QStandardItem(statusText(StepStatus::Pending)), new QStandardItem};
        row.at(kStatusColumn)->setForeground(statusColor(StepStatus::Pending, palette()));
        row.at(kStepColumn)->setData(static_cast<int>(step), Qt::UserRole);
        m_steps->appendRow(row);
    }
}

void DeployPane::setStep(DeployStep step, StepStatus status, const QString &message)
{
    const int row = static_cast<int>(allDeploySteps().indexOf(step));
    if (row < 0 || row >= m_steps->rowCount())
        return;
    QStandardItem *st = m_steps->item(row, kStatusColumn);
    st->setText(statusText(status));
    st->setForeground(statusColor(status, palette()));
    st->setData(static_cast<int>(status), Qt::UserRole);
    QStandardItem *msg = m_steps->item(row, kMessageColumn);
    msg->setText(message.section(QLatin1Char('\n'), 0, 0));
    msg->setToolTip(message);
    if (status == StepStatus::Running && step == DeployStep::Rollout) {
        m_progress->setRange(0, 0); // busy until the first progress report
        m_elapsed->setText(elapsedText(0));
    }
}

void DeployPane::appendLog(const QString &text)
{
    QScrollBar *bar = m_log->verticalScrollBar();
    const bool atEnd = bar->value() == bar->maximum();
    QTextCursor cursor(m_log->document());
    cursor.movePosition(QTextCursor::End);
    cursor.insertText(text);
    if (atEnd)
        bar->setValue(bar->maximum());
}

void DeployPane::startDeploy(bool dryRunOnly)
{
    if (isBusy())
        return;
    m_outcome.reset();
    m_testOutcome.reset();
    m_declined = false;
    m_endpoint->setVisible(false);
    m_testResult->clear();
    resetSteps();
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    m_elapsed->clear();

    if (m_yaml.isEmpty()) {
        setStatus(m_unavailableReason.isEmpty() ? tr("There are no manifests to deploy.")
                                                : m_unavailableReason,
                  true);
        return;
    }
    QString error;
    const KubectlSettings settings = kubectlSettings(&error);
    if (settings.program.isEmpty()) {
        setStep(DeployStep::Context, StepStatus::Failed, error);
        setStatus(error, true);
        return;
    }
    DeployPlan plan;
    if (!parseDeployPlan(m_yaml, tr("the generated manifests"), &plan, &error)) {
        setStatus(error, true);
        return;
    }
    DeployOptions options;
    options.context = selectedContext();
    options.ns = plan.ns.isEmpty() ? currentNamespace() : plan.ns;
    if (options.ns != currentNamespace()) {
        // The manifests are regenerated when the namespace changes; a mismatch means they are not yet.
        setStatus(tr("The manifests are for namespace \"%1\", not \"%2\": press Enter in the namespace box "
                     "to regenerate them.")
                      .arg(plan.ns, currentNamespace()),
                  true);
        return;
    }
    if (const QString e = manifest::checkDns1123Label(tr("namespace"), options.ns); !e.isEmpty()) {
        setStatus(e, true);
        return;
    }
    options.dryRunOnly = dryRunOnly;
    options.diff = m_diff->isChecked();
    options.wait = m_wait->isChecked();
    options.rolloutTimeoutSeconds = m_timeout->value();
    options.validate = m_validate->currentData().toString();
    if (!m_token->text().isEmpty()) {
        QByteArray token = m_token->text().toUtf8();
        if (!normaliseToken(&token, &error)) {
            setStatus(tr("Hugging Face token: %1").arg(error), true);
            return;
        }
        options.hfToken = token;
        token.fill('\0');
    }

    m_log->clear();
    setStatus(dryRunOnly ? tr("Preparing the dry run…") : tr("Preparing the deploy…"), false);
    auto *pipeline = new DeployPipeline(settings, plan, options, this);
    options.hfToken.fill('\0');
    m_pipeline = pipeline;
    connect(pipeline, &DeployPipeline::stepChanged, this, &DeployPane::setStep);
    connect(pipeline, &DeployPipeline::log, this,
            [this](DeployStep, const QString &text) { appendLog(text); });
    connect(pipeline, &DeployPipeline::prepared, this, &DeployPane::onPrepared);
    connect(pipeline, &DeployPipeline::namespaceConfirmationNeeded, this, &DeployPane::onNamespaceQuestion);
    connect(pipeline, &DeployPipeline::rolloutProgress, this, &DeployPane::onRolloutProgress);
    connect(pipeline, &DeployPipeline::finished, this, &DeployPane::onFinished);
    updateButtons();
    emit busyChanged(true);
    pipeline->prepare();
}

void DeployPane::onPrepared(const DeployConfirmation &confirmation)
{
    setStatus(tr("Waiting for your confirmation."), false);
    m_confirm->setConfirmation(confirmation);
    m_confirm->open(); // window-modal, asynchronous: the event loop keeps running
    updateButtons();
}

void DeployPane::onNamespaceQuestion(const QString &ns)
{
    const DeployPipeline *pipeline = m_pipeline.data();
    const QString context = pipeline ? pipeline->target().context : selectedContext();
    m_namespaceQuestion->setText(
        tr("The namespace \"%1\" does not exist in context \"%2\". Create it?").arg(ns, context));
    m_namespaceQuestion->open();
}

void DeployPane::onRolloutProgress(int available, int desired, qint64 elapsedMs)
{
    if (desired < 0) {
        m_progress->setRange(0, 0);
    } else {
        m_progress->setRange(0, std::max(desired, 1));
        m_progress->setValue(std::min(available, std::max(desired, 1)));
    }
    m_elapsed->setText(elapsedText(elapsedMs));
}

void DeployPane::onFinished(const DeployOutcome &outcome)
{
    auto *pipeline = m_pipeline.data();
    m_outcome = outcome;
    if (pipeline) {
        m_lastPlan = pipeline->plan();
        m_lastContext = pipeline->target().context;
        pipeline->deleteLater();
    }
    m_pipeline = nullptr;
    if (m_confirm->isVisible())
        m_confirm->reject();
    if (m_namespaceQuestion->isVisible())
        m_namespaceQuestion->done(QMessageBox::No);

    if (outcome.ok) {
        if (outcome.dryRunOnly) {
            setStatus(tr("Dry run passed: the API server accepted every object. Nothing was changed."),
                      false);
        } else if (outcome.rolloutMs >= 0) {
            m_progress->setRange(0, std::max(m_lastPlan.replicas, 1));
            m_progress->setValue(std::max(m_lastPlan.replicas, 1));
            setStatus(
                tr("Deployed: the rollout finished after %1 s.").arg(outcome.rolloutMs / 1000.0, 0, 'f', 1),
                false);
        } else {
            setStatus(tr("Applied (not waiting for the rollout)."), false);
        }
        if (!outcome.dryRunOnly && !outcome.endpoint.isEmpty()) {
            m_endpoint->setText(tr("Endpoint (inside the cluster): %1\nFrom this machine: %2")
                                    .arg(outcome.endpoint, outcome.portForward));
            m_endpoint->setVisible(true);
        }
    } else if (outcome.cancelled && m_declined) {
        setStatus(tr("Not deployed: the confirmation was cancelled. Nothing was changed."), false);
    } else if (outcome.cancelled) {
        setStatus(tr("Cancelled during “%1”. %2").arg(stepText(outcome.failedStep), outcome.failure.message),
                  false);
    } else {
        setStatus(tr("%1 failed: %2").arg(stepText(outcome.failedStep), outcome.failure.message), true);
        const QString detail = outcome.failure.detail.trimmed();
        if (!detail.isEmpty() && !m_log->toPlainText().contains(detail))
            appendLog(QStringLiteral("\n%1\n%2\n").arg(tr("--- What kubectl said ---"), detail));
    }
    updateButtons();
    emit busyChanged(false);
    emit deployFinished(outcome);
}

void DeployPane::cancel()
{
    if (m_pipeline)
        m_pipeline->cancel();
    if (m_tester)
        m_tester->cancel();
}

// ---------------------------------------------------------------------------------------------------------
// Test endpoint

void DeployPane::testEndpoint()
{
    if (isBusy() || !m_outcome || !m_outcome->ok || m_lastPlan.serviceName.isEmpty())
        return;
    QString error;
    KubectlSettings settings = kubectlSettings(&error);
    if (settings.program.isEmpty()) {
        m_testResult->setText(error);
        return;
    }
    settings.context = m_lastContext;
    m_testOutcome.reset();
    m_testResult->setText(tr("Starting kubectl port-forward…"));
    auto *tester = new EndpointTester(settings, this);
    m_tester = tester;
    tester->setRequest(m_lastPlan.servedModel);
    connect(tester, &EndpointTester::output, this, &DeployPane::appendLog);
    connect(tester, &EndpointTester::finished, this, &DeployPane::onTestFinished);
    updateButtons();
    emit busyChanged(true);
    tester->start(m_lastPlan);
}

void DeployPane::onTestFinished(const EndpointTestResult &result)
{
    if (m_tester)
        m_tester->deleteLater();
    m_tester = nullptr;
    m_testOutcome = result;
    if (result.ok) {
        m_testResult->setText(tr("%1 answered in %2 ms: “%3”")
                                  .arg(result.url)
                                  .arg(result.latencyMs)
                                  .arg(result.answer.trimmed()));
    } else {
        m_testResult->setText(tr("Endpoint test failed: %1").arg(result.message));
        if (!result.detail.isEmpty())
            appendLog(result.detail + QLatin1Char('\n'));
    }
    updateButtons();
    emit busyChanged(false);
    emit endpointTestFinished(result);
}

// ---------------------------------------------------------------------------------------------------------
// Settings (never the token)

void DeployPane::restoreSettings()
{
    QSettings s;
    s.beginGroup(QStringLiteral("deploy"));
    m_kubectlPreference = s.value(QStringLiteral("kubectl")).toString();
    m_diff->setChecked(s.value(QStringLiteral("diff"), false).toBool());
    m_wait->setChecked(s.value(QStringLiteral("wait"), true).toBool());
    m_timeout->setValue(s.value(QStringLiteral("rolloutTimeoutSeconds"), 900).toInt());
    setValidation(s.value(QStringLiteral("validate"), QStringLiteral("strict")).toString());
    s.endGroup();
    updateTargetText();
}

void DeployPane::saveSettings() const
{
    QSettings s;
    s.beginGroup(QStringLiteral("deploy"));
    s.setValue(QStringLiteral("kubectl"), m_kubectlPreference);
    s.setValue(QStringLiteral("diff"), m_diff->isChecked());
    s.setValue(QStringLiteral("wait"), m_wait->isChecked());
    s.setValue(QStringLiteral("rolloutTimeoutSeconds"), m_timeout->value());
    s.setValue(QStringLiteral("validate"), m_validate->currentData().toString());
    s.endGroup();
}

} // namespace iq::gui
