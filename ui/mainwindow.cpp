#include "mainwindow.h"

#include "catalog/catalogloader.h"
#include "catalog/catalognames.h"
#include "customestimator.h"
#include "deploypane.h"
#include "estimator/hfconfig.h"
#include "formatting.h"
#include "latencytargetcontrol.h"
#include "manifestpane.h"
#include "modelitemdelegate.h"
#include "modellistmodel.h"
#include "profilesortproxy.h"
#include "profiletablemodel.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCheckBox>
#include <QCloseEvent>
#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QFutureWatcher>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QKeySequence>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QScopedValueRollback>
#include <QScrollArea>
#include <QSettings>
#include <QSignalBlocker>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStandardItemModel>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTextBrowser>
#include <QToolButton>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <cmath>

namespace iq::gui {

namespace {
constexpr int kCostRatioDecimals = 1;

QString htmlEscape(const QString &s)
{
    return s.toHtmlEscaped();
}
} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
{
    setWindowTitle(tr("Inference Quickstart Studio"));
    buildUi();
    buildMenus();
    resize(1440, 900);
}

MainWindow::~MainWindow() = default;

// ---------------------------------------------------------------------------------------------- building

void MainWindow::buildUi()
{
    m_mainSplitter = new QSplitter(Qt::Horizontal, this);
    m_mainSplitter->setObjectName(QStringLiteral("mainSplitter"));
    m_rightSplitter = new QSplitter(Qt::Vertical, m_mainSplitter);
    m_rightSplitter->setObjectName(QStringLiteral("rightSplitter"));
    m_mainSplitter->insertWidget(0, buildLeftPanel());
    m_rightSplitter->addWidget(buildTablePane());
    m_bottomSplitter = new QSplitter(Qt::Horizontal, m_rightSplitter);
    m_bottomSplitter->setObjectName(QStringLiteral("bottomSplitter"));
    m_bottomSplitter->addWidget(buildChartPane());

    m_detailTabs = new QTabWidget(m_bottomSplitter);
    m_manifests = new ManifestPane(m_detailTabs);
    m_summary = new QTextBrowser(m_detailTabs);
    m_summary->setOpenExternalLinks(true);
    m_detailTabs->addTab(m_manifests, tr("Manifests"));
    m_detailTabs->addTab(m_summary, tr("Summary"));
    m_deployPane = new DeployPane(m_detailTabs);
    m_detailTabs->addTab(m_deployPane, tr("Deploy"));
    m_bottomSplitter->addWidget(m_detailTabs);
    m_bottomSplitter->setStretchFactor(0, 3);
    m_bottomSplitter->setStretchFactor(1, 2);
    m_rightSplitter->setStretchFactor(0, 2);
    m_rightSplitter->setStretchFactor(1, 3);
    m_mainSplitter->setStretchFactor(0, 0);
    m_mainSplitter->setStretchFactor(1, 1);
    m_mainSplitter->setCollapsible(0, false);
    setCentralWidget(m_mainSplitter);
    m_mainSplitter->setSizes({330, 1110});
    m_rightSplitter->setSizes({300, 560});
    m_bottomSplitter->setSizes({640, 470});

    connect(m_manifests, &ManifestPane::optionsChanged, this, &MainWindow::updateManifests);
    connect(m_manifests->deployButton(), &QPushButton::clicked, this, [this] {
        m_detailTabs->setCurrentWidget(m_deployPane);
        m_deployPane->startDeploy(false);
    });
    connect(m_deployPane, &DeployPane::namespaceChosen, this, [this](const QString &ns) {
        ManifestOptions o = m_manifests->options();
        if (o.ns == ns)
            return;
        o.ns = ns;
        m_manifests->setOptions(o);
        updateManifests();
    });
    statusBar()->showMessage(tr("No catalog loaded"));
}

QWidget *MainWindow::buildLeftPanel()
{
    auto *panel = new QWidget;
    auto *layout = new QVBoxLayout(panel);

    // Model picker: type-ahead filter over a list with badges.
    auto *modelBox = new QGroupBox(tr("Model"), panel);
    auto *modelLayout = new QVBoxLayout(modelBox);
    m_modelSearch = new QLineEdit(modelBox);
    m_modelSearch->setPlaceholderText(tr("Search models…"));
    m_modelSearch->setClearButtonEnabled(true);
    m_modelSearch->setObjectName(QStringLiteral("modelSearch"));
    m_modelSearch->setAccessibleName(tr("Search models"));
    m_modelList = new ModelListModel(this);
    m_modelProxy = new QSortFilterProxyModel(this);
    m_modelProxy->setSourceModel(m_modelList);
    m_modelProxy->setFilterRole(ModelListModel::SearchRole);
    m_modelProxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_modelView = new QListView(modelBox);
    m_modelView->setModel(m_modelProxy);
    m_modelView->setItemDelegate(new ModelItemDelegate(m_modelView));
    m_modelView->setUniformItemSizes(true);
    m_modelView->setAccessibleName(tr("Models"));
    m_modelView->setMinimumHeight(130);
    auto *custom = new QPushButton(tr("C&ustom model…"), modelBox);
    custom->setToolTip(
        tr("Estimate a model from its Hugging Face config.json on the catalog's accelerators"));
    connect(custom, &QPushButton::clicked, this, &MainWindow::addCustomModel);
    modelLayout->addWidget(m_modelSearch);
    modelLayout->addWidget(m_modelView, 1);
    modelLayout->addWidget(custom);
    connect(m_modelSearch, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_modelProxy->setFilterFixedString(text);
        if (m_modelProxy->rowCount() == 1) // type-ahead: a single match is picked
            m_modelView->setCurrentIndex(m_modelProxy->index(0, 0));
    });
    connect(m_modelSearch, &QLineEdit::returnPressed, this, [this] {
        if (m_modelProxy->rowCount() > 0 && !m_modelView->currentIndex().isValid())
            m_modelView->setCurrentIndex(m_modelProxy->index(0, 0));
        m_modelView->setFocus();
    });
    connect(m_modelView->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex &current) {
                if (current.isValid() && !m_populating)
                    setModel(current.data(ModelListModel::IdRole).toString());
            });

    // Latency targets.
    auto *targetBox = new QGroupBox(tr("Latency targets"), panel);
    auto *targetLayout = new QVBoxLayout(targetBox);
    m_ttft = new LatencyTargetControl(tr("TTFT"), tr("Time to first token"), targetBox);
    m_ntpot = new LatencyTargetControl(
        tr("NTPOT"), tr("Normalized time per output token (request latency / output tokens)"), targetBox);
    m_itl = new LatencyTargetControl(tr("ITL"), tr("Inter-token latency"), targetBox);
    int labelWidth = 0;
    for (LatencyTargetControl *c : {m_ttft, m_ntpot, m_itl})
        labelWidth = std::max(labelWidth, c->checkBox()->sizeHint().width());
    for (LatencyTargetControl *c : {m_ttft, m_ntpot, m_itl}) {
        c->checkBox()->setMinimumWidth(labelWidth);
        targetLayout->addWidget(c);
        connect(c, &LatencyTargetControl::valueChanged, this, [this] {
            if (!m_populating)
                recompute();
        });
    }
    auto *loadRow = new QHBoxLayout;
    auto *loadLabel = new QLabel(tr("Target &load:"), targetBox);
    m_load = new QDoubleSpinBox(targetBox);
    m_load->setObjectName(QStringLiteral("targetLoad"));
    m_load->setRange(0, 1e6);
    m_load->setDecimals(1);
    m_load->setSuffix(tr(" req/s"));
    m_load->setSpecialValueText(tr("off"));
    m_load->setToolTip(tr("Requests per second to size replicas for (off: one replica)"));
    m_load->setKeyboardTracking(false);
    loadLabel->setBuddy(m_load);
    loadRow->addWidget(loadLabel);
    loadRow->addWidget(m_load, 1);
    targetLayout->addLayout(loadRow);
    connect(m_load, &QDoubleSpinBox::valueChanged, this, [this] {
        if (!m_populating)
            recompute();
    });

    // Filters.
    auto *filterBox = new QGroupBox(tr("Filters"), panel);
    auto *form = new QFormLayout(filterBox);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_server = new QComboBox(filterBox);
    m_version = new QComboBox(filterBox);
    m_useCase = new QComboBox(filterBox);
    m_pricing = new QComboBox(filterBox);
    m_region = new QComboBox(filterBox);
    m_costRatio = new QDoubleSpinBox(filterBox);
    m_costRatio->setRange(0.1, 100);
    m_costRatio->setDecimals(kCostRatioDecimals);
    m_costRatio->setValue(kDefaultOutputInputCostRatio);
    m_costRatio->setKeyboardTracking(false);
    m_costRatio->setToolTip(tr("How much more an output token costs than an input token (GKE default 4)"));
    for (QComboBox *c : {m_server, m_version, m_useCase, m_pricing, m_region})
        c->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon),
            c->setMinimumContentsLength(8);
    form->addRow(tr("&Server:"), m_server);
    form->addRow(tr("&Version:"), m_version);
    form->addRow(tr("&Use case:"), m_useCase);
    form->addRow(tr("&Pricing:"), m_pricing);
    form->addRow(tr("&Region:"), m_region);
    form->addRow(tr("Output/input &cost:"), m_costRatio);
    // Accelerators: a checkable list (a dozen GKE labels do not fit as check boxes in the side panel).
    m_acceleratorModel = new QStandardItemModel(this);
    m_acceleratorView = new QListView(filterBox);
    m_acceleratorView->setModel(m_acceleratorModel);
    m_acceleratorView->setAccessibleName(tr("Accelerators"));
    m_acceleratorView->setUniformItemSizes(true);
    m_acceleratorView->setMinimumHeight(m_acceleratorView->fontMetrics().height() * 5);
    m_acceleratorView->setMaximumHeight(m_acceleratorView->fontMetrics().height() * 9);
    auto *accelLabel = new QLabel(tr("&Accelerators:"), filterBox);
    accelLabel->setBuddy(m_acceleratorView);
    form->addRow(accelLabel);
    form->addRow(m_acceleratorView);
    connect(m_acceleratorModel, &QStandardItemModel::itemChanged, this, [this] {
        if (!m_populating)
            recompute();
    });
    for (QComboBox *c : {m_server, m_version, m_useCase, m_pricing, m_region})
        connect(c, &QComboBox::currentIndexChanged, this, [this] {
            if (!m_populating)
                recompute();
        });
    connect(m_server, &QComboBox::currentIndexChanged, this, [this] {
        if (m_populating)
            return;
        m_populating = true;
        populateFilters();
        m_populating = false;
        recompute();
    });
    connect(m_costRatio, &QDoubleSpinBox::valueChanged, this, [this] {
        if (!m_populating)
            recompute();
    });

    layout->addWidget(modelBox, 1);
    layout->addWidget(targetBox);
    layout->addWidget(filterBox);

    auto *scroll = new QScrollArea;
    scroll->setWidget(panel);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setMinimumWidth(panel->sizeHint().width() + 16);
    return scroll;
}

QWidget *MainWindow::buildTablePane()
{
    auto *pane = new QWidget;
    auto *layout = new QVBoxLayout(pane);
    layout->setContentsMargins(4, 4, 4, 0);
    auto *header = new QHBoxLayout;
    m_tableTitle = new QLabel(pane);
    QFont f = m_tableTitle->font();
    f.setBold(true);
    m_tableTitle->setFont(f);
    m_hideMissing = new QCheckBox(tr("&Hide profiles that miss the targets"), pane);
    header->addWidget(m_tableTitle, 1);
    header->addWidget(m_hideMissing);
    layout->addLayout(header);

    m_emptyState = new QLabel(pane);
    m_emptyState->setWordWrap(true);
    m_emptyState->setTextFormat(Qt::RichText);
    m_emptyState->setFrameShape(QFrame::StyledPanel);
    m_emptyState->setMargin(8);
    m_emptyState->setBackgroundRole(QPalette::ToolTipBase);
    m_emptyState->setForegroundRole(QPalette::ToolTipText);
    m_emptyState->setAutoFillBackground(true);
    m_emptyState->setVisible(false);
    layout->addWidget(m_emptyState);

    m_tableModel = new ProfileTableModel(this);
    m_proxy = new ProfileSortProxy(this);
    m_proxy->setSourceModel(m_tableModel);
    m_table = new QTableView(pane);
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(ProfileTableModel::CostOutput, Qt::AscendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_table->setAccessibleName(tr("Profiles"));
    layout->addWidget(m_table, 1);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &MainWindow::onTableSelection);
    connect(m_hideMissing, &QCheckBox::toggled, this, [this](bool hide) {
        m_proxy->setHideMissing(hide);
        if (m_hideMissingAction)
            m_hideMissingAction->setChecked(hide);
        applySelection(false);
    });
    return pane;
}

QWidget *MainWindow::buildChartPane()
{
    auto *pane = new QWidget;
    auto *layout = new QVBoxLayout(pane);
    layout->setContentsMargins(4, 4, 4, 4);
    m_chartTabs = new QTabWidget(pane);
    m_ntpotChart = new CurveChartView(ChartMetric::Ntpot, m_chartTabs);
    m_ttftChart = new CurveChartView(ChartMetric::Ttft, m_chartTabs);
    m_itlChart = new CurveChartView(ChartMetric::Itl, m_chartTabs);
    m_chartTabs->addTab(m_ntpotChart, tr("NTPOT vs throughput"));
    m_chartTabs->addTab(m_ttftChart, tr("TTFT vs throughput"));
    m_chartTabs->addTab(m_itlChart, tr("ITL vs throughput"));
    m_rateChart = new CurveChartView(ChartMetric::Throughput, m_chartTabs);
    m_chartTabs->addTab(m_rateChart, tr("Throughput vs request rate"));
    for (CurveChartView *c : {m_ntpotChart, m_ttftChart, m_itlChart, m_rateChart}) {
        c->setAccessibleName(tr("Latency chart"));
        connect(c, &CurveChartView::pointClicked, this,
                [this](int profile, int point) { selectProfile(profile, point); });
    }

    auto *tools = new QHBoxLayout;
    m_logAxes = new QCheckBox(tr("&Log axes"), pane);
    auto *reset = new QToolButton(pane);
    reset->setText(tr("Reset &zoom"));
    reset->setToolTip(tr("Drag a rectangle or use the wheel to zoom; right-click zooms out"));
    auto *exportButton = new QToolButton(pane);
    exportButton->setText(tr("Export &chart…"));
    auto *legend = new QLabel(
        tr("Shaded: ideal region · ◆ inflection · dashed: past the inflection · ○ selected"), pane);
    m_chartNote = legend;
    legend->setWordWrap(true);
    QFont small = legend->font();
    small.setPointSizeF(small.pointSizeF() * 0.9);
    legend->setFont(small);
    tools->addWidget(legend, 1);
    tools->addWidget(m_logAxes);
    tools->addWidget(reset);
    tools->addWidget(exportButton);
    layout->addWidget(m_chartTabs, 1);
    layout->addLayout(tools);
    connect(m_logAxes, &QCheckBox::toggled, this, &MainWindow::setLogAxes);
    connect(reset, &QToolButton::clicked, this, [this] {
        for (CurveChartView *c : {m_ntpotChart, m_ttftChart, m_itlChart, m_rateChart})
            c->resetZoom();
    });
    connect(exportButton, &QToolButton::clicked, this, &MainWindow::exportChart);
    return pane;
}

void MainWindow::buildMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *open = file->addAction(tr("&Open Catalog…"), this, &MainWindow::openCatalog);
    open->setShortcut(QKeySequence::Open);
    QAction *import = file->addAction(tr("&Import…"), this, &MainWindow::importCatalog);
    import->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_I));
    import->setToolTip(tr("Copy a catalog file into your catalog directory"));
    file->addAction(tr("&Custom Model from config.json…"), this, &MainWindow::addCustomModel);
    QAction *exportManifests = file->addAction(tr("&Export Manifests…"), this, &MainWindow::exportManifests);
    exportManifests->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    file->addAction(tr("Export C&hart…"), this, &MainWindow::exportChart);
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    QAction *findModel = view->addAction(tr("Find &Model"), this, [this] {
        m_modelSearch->setFocus();
        m_modelSearch->selectAll();
    });
    findModel->setShortcut(QKeySequence::Find);
    m_hideMissingAction = view->addAction(tr("&Hide Profiles That Miss the Targets"));
    m_hideMissingAction->setCheckable(true);
    connect(m_hideMissingAction, &QAction::toggled, m_hideMissing, &QCheckBox::setChecked);
    QAction *log = view->addAction(tr("&Logarithmic Chart Axes"));
    log->setCheckable(true);
    log->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    connect(log, &QAction::toggled, m_logAxes, &QCheckBox::setChecked);
    connect(m_logAxes, &QCheckBox::toggled, log, &QAction::setChecked);
    QAction *reset = view->addAction(tr("&Reset Zoom"), this, [this] {
        for (CurveChartView *c : {m_ntpotChart, m_ttftChart, m_itlChart, m_rateChart})
            c->resetZoom();
    });
    reset->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_0));
    view->addSeparator();
    const QList<std::pair<ChartMetric, QString>> tabs{{ChartMetric::Ntpot, tr("&NTPOT Chart")},
                                                      {ChartMetric::Ttft, tr("&TTFT Chart")},
                                                      {ChartMetric::Itl, tr("&ITL Chart")},
                                                      {ChartMetric::Throughput, tr("Thro&ughput Chart")}};
    int n = 1;
    for (const auto &[metric, name] : tabs) {
        QAction *a = view->addAction(name, this, [this, m = metric] { setChartTab(m); });
        a->setShortcut(QKeySequence(Qt::ALT | Qt::Key(Qt::Key_0 + n++)));
    }
    view->addSeparator();
    QMenu *language = view->addMenu(tr("Lan&guage"));
    auto *group = new QActionGroup(language);
    const QString current = QSettings().value(QStringLiteral("language")).toString();
    const QList<std::pair<QString, QString>> languages{{QString(), tr("System Default")},
                                                       {QStringLiteral("en"), QStringLiteral("English")},
                                                       {QStringLiteral("ko"), QStringLiteral("한국어")}};
    for (const auto &[code, name] : languages) {
        QAction *a = language->addAction(name, this, [this, c = code] { setLanguage(c); });
        a->setCheckable(true);
        a->setChecked(code == current);
        group->addAction(a);
    }

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About Inference Quickstart Studio"), this, &MainWindow::showAbout);
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
}

// ---------------------------------------------------------------------------------------------- catalog

bool MainWindow::loadCatalog(const CatalogSources &sources, QString *message)
{
    QList<Diagnostic> errors, warnings;
    ProfileCatalog catalog = ProfileCatalog::load(sources, &errors, &warnings);
    m_sources = sources;
    QStringList lines;
    for (const Diagnostic &d : errors)
        lines << d.toString();
    if (message)
        *message = lines.join(QLatin1Char('\n'));
    setCatalog(catalog);
    if (!errors.isEmpty())
        statusBar()->showMessage(
            tr("Catalog errors: %1; the files with errors were skipped").arg(errors.size()));
    return !catalog.data().profiles.isEmpty();
}

void MainWindow::setCatalog(const ProfileCatalog &catalog)
{
    m_catalog = catalog;
    m_recommender = std::make_unique<Recommender>(m_catalog.data());
    QStringList labels;
    for (const Accelerator &a : m_catalog.data().accelerators)
        labels << a.gkeLabel;
    for (const Profile &p : m_catalog.data().profiles)
        if (!labels.contains(p.accelerator))
            labels << p.accelerator;
    m_colors.setAccelerators(labels);
    m_curveProfiles.clear();
    m_selectedProfile = -1;
    m_populating = true;
    m_modelList->setCatalog(m_catalog.data());
    m_populating = false;
    const QString keep = m_model;
    m_model.clear();
    if (!setModel(keep) && !m_modelList->entries().isEmpty()) {
        // Default: the first model with measured data, else the first one.
        QString first = m_modelList->entries().first().id;
        for (const ModelEntry &e : m_modelList->entries())
            if (e.measured) {
                first = e.id;
                break;
            }
        setModel(first);
    }
    if (m_modelList->entries().isEmpty())
        recompute();
}

bool MainWindow::setModel(const QString &id)
{
    const int row = m_modelList->rowOf(id);
    if (row < 0)
        return false;
    if (id == m_model)
        return true;
    m_model = id;
    m_populating = true;
    const QModelIndex proxyIndex = m_modelProxy->mapFromSource(m_modelList->index(row));
    if (proxyIndex.isValid()) {
        m_modelView->setCurrentIndex(proxyIndex);
        m_modelView->scrollTo(proxyIndex);
    }
    populateFilters();
    updateTargetRanges();
    m_selectedProfile = -1;
    m_populating = false;
    recompute();
    return true;
}

void MainWindow::populateFilters()
{
    // Choices offered are those of the selected model's profiles, so no combination is empty by
    // construction; keep the user's choice when it is still offered.
    // The same name lists as the `iq profiles` commands (core CatalogNames); no model, no choices.
    const CatalogNames sorted(m_catalog);
    const CatalogNames firstSeen(m_catalog, CatalogNames::Order::FirstSeen);
    const QStringList servers = m_model.isEmpty() ? QStringList() : sorted.modelServers(m_model);
    QStringList useCases = m_model.isEmpty() ? QStringList() : firstSeen.useCases(m_model);
    useCases.removeAll(QString());
    const QStringList regions = sorted.regions();

    auto refill = [](QComboBox *box, const QList<std::pair<QString, QString>> &items,
                     const QString &fallback) {
        const QString keep = box->currentData().isValid() ? box->currentData().toString() : fallback;
        const QSignalBlocker blocker(box);
        box->clear();
        for (const auto &[value, text] : items)
            box->addItem(text, value);
        int i = box->findData(keep);
        box->setCurrentIndex(i >= 0 ? i : box->findData(fallback) >= 0 ? box->findData(fallback) : 0);
    };
    QList<std::pair<QString, QString>> serverItems{{QString(), tr("Any server")}};
    for (const QString &s : servers)
        serverItems.append({s, s});
    refill(m_server, serverItems, QString());

    QList<std::pair<QString, QString>> versionItems{{QString(), tr("Latest")},
                                                    {QStringLiteral("all"), tr("All versions")}};
    const QString server = m_server->currentData().toString();
    if (!server.isEmpty() && !m_model.isEmpty()) {
        QStringList vs = firstSeen.modelServerVersionsNewestFirst(m_model, server); // as the catalog orders
        vs.removeAll(QString());
        for (const QString &v : vs)
            versionItems.append({v, v});
    }
    refill(m_version, versionItems, QString());

    QList<std::pair<QString, QString>> useCaseItems{{QString(), tr("Any use case")}};
    for (const QString &u : useCases) {
        QString text = u;
        if (const UseCase *uc = m_catalog.useCase(u))
            text = tr("%1 (%2 in / %3 out)").arg(u).arg(uc->inputLength).arg(uc->outputLength);
        useCaseItems.append({u, text});
    }
    refill(m_useCase, useCaseItems, QString());

    QList<std::pair<QString, QString>> pricingItems;
    const QStringList pricingText{tr("On-demand"), tr("Spot"), tr("1-year commitment"),
                                  tr("3-year commitment")};
    for (qsizetype i = 0; i < pricingModelNames().size(); ++i)
        pricingItems.append({pricingModelNames().at(i), pricingText.value(i, pricingModelNames().at(i))});
    refill(m_pricing, pricingItems, QStringLiteral("spot"));

    QList<std::pair<QString, QString>> regionItems;
    for (const QString &r : regions)
        regionItems.append({r, r});
    if (regionItems.isEmpty())
        regionItems.append({QStringLiteral("us-central1"), QStringLiteral("us-central1")});
    refill(m_region, regionItems, QStringLiteral("us-central1"));

    populateAccelerators();
}

void MainWindow::populateAccelerators()
{
    QStringList checkedBefore, known;
    for (int r = 0; r < m_acceleratorModel->rowCount(); ++r) {
        const QStandardItem *item = m_acceleratorModel->item(r);
        known << item->data(Qt::UserRole).toString();
        if (item->checkState() == Qt::Checked)
            checkedBefore << item->data(Qt::UserRole).toString();
    }
    const bool wasPopulating = m_populating;
    m_populating = true;
    m_acceleratorModel->clear();
    const QStringList labels =
        m_model.isEmpty() ? QStringList() : CatalogNames(m_catalog).accelerators(m_model);
    for (const QString &label : labels) {
        auto *item = new QStandardItem(label);
        item->setData(label, Qt::UserRole);
        item->setCheckable(true);
        item->setEditable(false);
        // New accelerators start checked; ones the user unchecked stay unchecked.
        item->setCheckState(!known.contains(label) || checkedBefore.contains(label) ? Qt::Checked
                                                                                    : Qt::Unchecked);
        if (const Accelerator *a = m_catalog.accelerator(label))
            item->setToolTip(a->displayName);
        QPixmap swatch(10, 10);
        swatch.fill(m_colors.color(label));
        item->setIcon(QIcon(swatch));
        m_acceleratorModel->appendRow(item);
    }
    m_populating = wasPopulating;
}

void MainWindow::updateTargetRanges()
{
    // Slider ranges from the model's measured or estimated points: half the smallest to twice the largest
    // value, so that a target can be set below everything (to see the empty state) or above.
    double lo[3] = {INFINITY, INFINITY, INFINITY};
    double hi[3] = {-INFINITY, -INFINITY, -INFINITY};
    const ChartMetric metrics[3] = {ChartMetric::Ttft, ChartMetric::Ntpot, ChartMetric::Itl};
    for (const Profile &p : m_catalog.data().profiles) {
        if (p.model != m_model)
            continue;
        for (const BenchmarkPoint &pt : p.points)
            for (int m = 0; m < 3; ++m) {
                const double v = metricValue(pt, metrics[m]);
                if (isKnown(v) && v > 0) {
                    lo[m] = std::min(lo[m], v);
                    hi[m] = std::max(hi[m], v);
                }
            }
    }
    LatencyTargetControl *controls[3] = {m_ttft, m_ntpot, m_itl};
    for (int m = 0; m < 3; ++m) {
        if (std::isfinite(lo[m])) {
            controls[m]->setRange(lo[m] / 2, hi[m] * 2);
            // An unset target starts, when switched on, in the middle of the data (geometric mean).
            if (!controls[m]->isOn())
                controls[m]->setValue(std::sqrt(lo[m] * hi[m])), controls[m]->setOn(false);
        }
        controls[m]->setEnabled(std::isfinite(lo[m]));
        controls[m]->setToolTip(
            std::isfinite(lo[m]) ? tr("This model's profiles range %1–%2")
                                       .arg(Formatting::milliseconds(lo[m]), Formatting::milliseconds(hi[m]))
                                 : tr("No profile of this model reports this metric"));
    }
}

// ---------------------------------------------------------------------------------------------- compute

ProfileQuery MainWindow::currentQuery() const
{
    ProfileQuery q;
    q.model = m_model;
    q.modelServer = m_server->currentData().toString();
    q.modelServerVersion = m_version->currentData().toString();
    q.useCase = m_useCase->currentData().toString();
    q.pricingModel = m_pricing->currentData().toString();
    if (q.pricingModel.isEmpty())
        q.pricingModel = QStringLiteral("spot");
    q.region = m_region->currentData().toString();
    if (q.region.isEmpty())
        q.region = QStringLiteral("us-central1");
    q.outputInputCostRatio = m_costRatio->value();
    bool all = true;
    for (int r = 0; r < m_acceleratorModel->rowCount(); ++r) {
        const QStandardItem *item = m_acceleratorModel->item(r);
        if (item->checkState() == Qt::Checked)
            q.acceleratorTypes << item->data(Qt::UserRole).toString();
        else
            all = false;
    }
    if (all)
        q.acceleratorTypes.clear();
    else if (q.acceleratorTypes.isEmpty())
        q.acceleratorTypes << QStringLiteral("-"); // nothing checked: match nothing
    q.targets = targets();
    if (m_load->value() > 0)
        q.targetRequestsPerSecond = m_load->value();
    return q;
}

LatencyTargets MainWindow::targets() const
{
    LatencyTargets t;
    t.ttftMs = m_ttft->value();
    t.ntpotMs = m_ntpot->value();
    t.itlMs = m_itl->value();
    return t;
}

void MainWindow::setTargets(double ttftMs, double ntpotMs, double itlMs)
{
    m_populating = true;
    m_ttft->setValue(ttftMs);
    m_ntpot->setValue(ntpotMs);
    m_itl->setValue(itlMs);
    m_populating = false;
    recompute();
}

QString MainWindow::reasonFor(const Profile &profile, const LatencyTargets &targets) const
{
    struct M
    {
        ChartMetric metric;
        QString name;
        double target;
    };
    const M metrics[3] = {{ChartMetric::Ttft, tr("TTFT"), targets.ttftMs},
                          {ChartMetric::Ntpot, tr("NTPOT"), targets.ntpotMs},
                          {ChartMetric::Itl, tr("ITL"), targets.itlMs}};
    QStringList reasons;
    for (const M &m : metrics) {
        if (!isKnown(m.target))
            continue;
        double best = INFINITY;
        for (const BenchmarkPoint &p : profile.points) {
            const double v = metricValue(p, m.metric);
            if (isKnown(v))
                best = std::min(best, v);
        }
        if (!std::isfinite(best))
            reasons << tr("%1 is not reported by this profile, so the target cannot be verified").arg(m.name);
        else if (best > m.target)
            reasons << tr("%1 is at least %2 here (target %3)")
                           .arg(m.name, Formatting::milliseconds(best), Formatting::milliseconds(m.target));
    }
    if (reasons.isEmpty())
        reasons << tr("No load point meets all the targets at the same time");
    return reasons.join(QLatin1Char('\n'));
}

QString MainWindow::emptyStateText(const RecommendationResult &all,
                                   const RecommendationResult &qualified) const
{
    if (!qualified.error.isEmpty())
        return htmlEscape(qualified.error);
    if (all.rows.isEmpty())
        return tr("<b>No profile of %1 matches the filters.</b> Check more accelerators or choose "
                  "<i>Any</i> server, version or use case.")
            .arg(htmlEscape(m_model));
    if (!qualified.rows.isEmpty())
        return {};
    QString html = tr("<b>No profile meets the targets.</b> What these profiles can achieve:");
    html += QStringLiteral("<ul style=\"margin:2px 0 0 -20px\">");
    const QList<AchievableRange> &ranges = !qualified.ranges.isEmpty() ? qualified.ranges : all.ranges;
    auto range = [](double lo, double hi) {
        if (!isKnown(lo) || !isKnown(hi))
            return Formatting::unknown();
        return tr("%1–%2").arg(Formatting::milliseconds(lo), Formatting::milliseconds(hi));
    };
    for (const AchievableRange &r : ranges) {
        html +=
            QStringLiteral("<li>") +
            tr("<b>%1</b> (%2): TTFT %3 · NTPOT %4 · ITL %5")
                .arg(htmlEscape(r.accelerator), htmlEscape(r.instanceType), range(r.minTtftMs, r.maxTtftMs),
                     range(r.minNtpotMs, r.maxNtpotMs), range(r.minItlMs, r.maxItlMs)) +
            QStringLiteral("</li>");
    }
    html += QStringLiteral("</ul>") + tr("Choose targets within these ranges.");
    return html;
}

ChartCurve MainWindow::curveFor(int profileIndex, const ProfileQuery &query) const
{
    const Profile &p = m_catalog.data().profiles.at(profileIndex);
    ChartCurve c;
    c.profileIndex = profileIndex;
    c.accelerator = p.accelerator;
    const Accelerator *a = m_catalog.accelerator(p.accelerator);
    c.legendName = p.accelerator; // the GKE label, as in the table (display names are long)
    Q_UNUSED(a);
    c.label = tr("%1 × %2 · %3 · %4 %5")
                  .arg(p.accelerator)
                  .arg(p.acceleratorCount)
                  .arg(p.instanceType, p.modelServer, p.modelServerVersion)
                  .trimmed();
    c.color = m_colors.color(p.accelerator);
    c.points = p.points;
    c.inflectionIndex = m_recommender->inflection(profileIndex).index;
    if (const Price *price = m_recommender->price(p.instanceType, query.region, query.pricingModel))
        c.usdPerHour = price->usdPerHour;
    c.averageInputLength = p.averageInputLength;
    c.averageOutputLength = p.averageOutputLength;
    c.outputInputCostRatio = query.outputInputCostRatio;
    return c;
}

void MainWindow::recompute()
{
    const QScopedValueRollback<bool> guard(m_inRecompute, true);
    if (!m_recommender || m_model.isEmpty()) {
        m_tableModel->setRows(&m_catalog.data(), &m_colors, {});
        for (CurveChartView *c : {m_ntpotChart, m_ttftChart, m_itlChart, m_rateChart})
            c->setCurves({});
        m_emptyState->setText(m_recommender
                                  ? tr("<b>The catalog has no profiles.</b> Use File ▸ Open Catalog… "
                                       "to load one.")
                                  : tr("No catalog loaded"));
        m_emptyState->setVisible(true);
        m_tableTitle->setText(tr("Profiles"));
        applySelection(false);
        Q_EMIT recomputed();
        return;
    }
    const ProfileQuery query = currentQuery();
    ProfileQuery untargeted = query;
    untargeted.targets = LatencyTargets{};
    const RecommendationResult all = m_recommender->recommend(untargeted);
    const RecommendationResult qualified = query.targets.anyLatency() ? m_recommender->recommend(query) : all;

    QList<ProfileRow> rows;
    rows.reserve(all.rows.size());
    QSet<int> qualifying;
    for (const Recommendation &r : qualified.rows) {
        qualifying.insert(r.profileIndex);
        rows.append(ProfileRow{r.profileIndex, true, QString(), r});
    }
    for (const Recommendation &r : all.rows) {
        if (qualifying.contains(r.profileIndex))
            continue;
        rows.append(ProfileRow{r.profileIndex, false,
                               reasonFor(m_catalog.data().profiles.at(r.profileIndex), query.targets), r});
    }

    // Charts: curves change only with the filters; targets and selection are cheap updates. At most
    // kMaxChartCurves are drawn — the cheapest at their operating point (all.rows is ordered by $/M output)
    // plus the selected profile — because dozens of overlapping curves neither read well nor paint within a
    // slider step; the accelerator filter brings any other curve into view.
    const int bestQualifying = qualified.rows.isEmpty() ? -1 : qualified.rows.first().profileIndex;
    QList<int> curveProfiles;
    for (const Recommendation &r : all.rows) {
        if (curveProfiles.size() < kMaxChartCurves || r.profileIndex == m_selectedProfile ||
            r.profileIndex == bestQualifying)
            curveProfiles << r.profileIndex;
    }
    m_chartCurvesShown = int(curveProfiles.size());
    m_chartCurvesTotal = int(all.rows.size());
    m_chartNote->setText(
        m_chartCurvesShown < m_chartCurvesTotal
            ? tr("%1 of %2 curves, cheapest first · shaded: ideal region · ◆ inflection · dashed: past the "
                 "inflection · ○ selected")
                  .arg(m_chartCurvesShown)
                  .arg(m_chartCurvesTotal)
            : tr("Shaded: ideal region · ◆ inflection · dashed: past the inflection · ○ selected"));
    std::sort(curveProfiles.begin(), curveProfiles.end(), [this](int a, int b) {
        const Profile &pa = m_catalog.data().profiles.at(a);
        const Profile &pb = m_catalog.data().profiles.at(b);
        if (pa.accelerator != pb.accelerator)
            return pa.accelerator < pb.accelerator;
        if (pa.acceleratorCount != pb.acceleratorCount)
            return pa.acceleratorCount < pb.acceleratorCount;
        return a < b;
    });
    // Read-outs show costs: the region, pricing model and cost ratio are part of what the curves carry.
    const QString curveKey =
        QStringLiteral("%1|%2|%3").arg(query.region, query.pricingModel).arg(query.outputInputCostRatio);
    const bool curvesChanged = curveProfiles != m_curveProfiles || curveKey != m_curveKey;
    m_curveKey = curveKey;
    if (curvesChanged) {
        m_curveProfiles = curveProfiles;
        QList<ChartCurve> curves;
        for (int pi : curveProfiles)
            curves << curveFor(pi, query);
        for (CurveChartView *c : {m_ntpotChart, m_ttftChart, m_itlChart, m_rateChart})
            c->setCurves(curves);
    }
    QList<QList<int>> ideal;
    QList<bool> qualifies;
    for (int pi : m_curveProfiles) {
        ideal << idealRegion(m_catalog.data().profiles.at(pi).points, query.targets,
                             m_recommender->inflection(pi).index);
        qualifies << qualifying.contains(pi);
    }
    m_ntpotChart->setTargets(query.targets.ntpotMs, ideal, qualifies);
    m_ttftChart->setTargets(query.targets.ttftMs, ideal, qualifies);
    m_itlChart->setTargets(query.targets.itlMs, ideal, qualifies);
    m_rateChart->setTargets(kUnknown, ideal, qualifies);

    m_tableModel->setRows(&m_catalog.data(), &m_colors, rows);
    if (curvesChanged)
        m_table->resizeColumnsToContents();
    const int nq = m_tableModel->qualifyingCount();
    QString title;
    if (query.targets.anyLatency())
        title = (tr("%1 — profiles meeting the targets: %2 of %3").arg(m_model).arg(nq).arg(rows.size()));
    else
        title = tr("%1 — profiles at their inflection point: %2").arg(m_model).arg(rows.size());
    if (m_tableTitle->text() != title)
        m_tableTitle->setText(title);
    const QString empty = emptyStateText(all, qualified);
    if (m_emptyState->text() != empty)
        m_emptyState->setText(empty);
    m_emptyState->setVisible(!empty.isEmpty());

    // Selection: keep the profile if it is still listed; else the best qualifying row.
    // A selection that no longer meets the targets moves to the best profile that does (if any).
    const int selectedRow = m_tableModel->rowOfProfile(m_selectedProfile);
    if (selectedRow < 0 || (!m_tableModel->rows().at(selectedRow).qualifies && nq > 0))
        m_selectedProfile = -1;
    m_selectedPoint = -1;
    applySelection(false);
    const QString status = tr("%1 profiles in the catalog · %2 shown · prices: %3, %4")
                               .arg(m_catalog.data().profiles.size())
                               .arg(rows.size())
                               .arg(m_pricing->currentText(), query.region);
    if (statusBar()->currentMessage() != status)
        statusBar()->showMessage(status);
    Q_EMIT recomputed();
}

// ---------------------------------------------------------------------------------------------- selection

void MainWindow::applySelection(bool fromTable)
{
    if (m_selectedProfile < 0 || m_tableModel->rowOfProfile(m_selectedProfile) < 0) {
        // The first row of the sorted, filtered view.
        m_selectedProfile = -1;
        if (m_proxy->rowCount() > 0)
            m_selectedProfile = m_proxy->index(0, 0).data(ProfileTableModel::ProfileIndexRole).toInt();
        m_selectedPoint = -1;
    }
    const int row = m_tableModel->rowOfProfile(m_selectedProfile);
    // A profile beyond the charts' curve limit gets its curve drawn when it is selected.
    if (row >= 0 && !m_curveProfiles.contains(m_selectedProfile) && !m_inRecompute) {
        recompute();
        return;
    }
    if (!fromTable) {
        const QSignalBlocker blocker(m_table->selectionModel());
        const QModelIndex proxyIndex =
            row >= 0 ? m_proxy->mapFromSource(m_tableModel->index(row, 0)) : QModelIndex();
        if (proxyIndex.isValid()) {
            m_table->selectionModel()->setCurrentIndex(proxyIndex, QItemSelectionModel::ClearAndSelect |
                                                                       QItemSelectionModel::Rows);
            m_table->scrollTo(proxyIndex);
        } else {
            m_table->selectionModel()->clearSelection();
        }
        m_table->viewport()->update();
    }
    BenchmarkPoint point;
    if (row >= 0) {
        const Profile &p = m_catalog.data().profiles.at(m_selectedProfile);
        point = (m_selectedPoint >= 0 && m_selectedPoint < p.points.size())
                    ? p.points.at(m_selectedPoint)
                    : m_tableModel->rows().at(row).recommendation.operatingPoint.point;
    }
    for (CurveChartView *c : {m_ntpotChart, m_ttftChart, m_itlChart, m_rateChart})
        c->setSelection(row >= 0 ? m_selectedProfile : -1, point);
    updateManifests();
    updateSummary();
    Q_EMIT selectionChanged(m_selectedProfile);
}

void MainWindow::onTableSelection()
{
    const QModelIndex current = m_table->selectionModel()->currentIndex();
    if (!current.isValid())
        return;
    const int profile = current.data(ProfileTableModel::ProfileIndexRole).toInt();
    if (profile == m_selectedProfile && m_selectedPoint < 0)
        return;
    m_selectedProfile = profile;
    m_selectedPoint = -1;
    applySelection(true);
}

void MainWindow::selectProfile(int profileIndex, int pointIndex)
{
    if (m_tableModel->rowOfProfile(profileIndex) < 0)
        return;
    m_selectedProfile = profileIndex;
    m_selectedPoint = pointIndex;
    applySelection(false);
}

bool MainWindow::selectInstanceType(const QString &instanceType)
{
    for (int r = 0; r < m_proxy->rowCount(); ++r) {
        const int pi = m_proxy->index(r, 0).data(ProfileTableModel::ProfileIndexRole).toInt();
        if (m_catalog.data().profiles.at(pi).instanceType == instanceType) {
            selectProfile(pi);
            return true;
        }
    }
    return false;
}

void MainWindow::updateManifests()
{
    const int row = m_tableModel->rowOfProfile(m_selectedProfile);
    if (row < 0) {
        m_manifests->setMessage(tr("Select a profile to see the manifests that would deploy it."));
        m_deployPane->setManifests({}, tr("Select a profile first: the deploy applies its manifests."));
        return;
    }
    const ProfileRow &pr = m_tableModel->rows().at(row);
    const Profile &p = m_catalog.data().profiles.at(m_selectedProfile);
    ManifestSelection sel;
    sel.profileIndex = m_selectedProfile;
    sel.operatingPoint = (m_selectedPoint >= 0 && m_selectedPoint < p.points.size())
                             ? p.points.at(m_selectedPoint)
                             : pr.recommendation.operatingPoint.point;
    sel.replicas = pr.recommendation.replicas;
    sel.loadGiven = m_load->value() > 0;
    if (m_selectedPoint >= 0)
        sel.operatingPointNote = QStringLiteral("point %1 of %2, chosen in iqstudio")
                                     .arg(m_selectedPoint + 1)
                                     .arg(p.points.size());
    else
        sel.operatingPointNote = targets().anyLatency() && pr.recommendation.operatingPoint.meetsTargets
                                     ? QStringLiteral("highest throughput meeting the targets")
                                     : QStringLiteral("inflection point");
    if (m_selectedPoint >= 0 && m_load->value() > 0)
        sel.replicas = planReplicas(sel.operatingPoint, m_load->value(), kUnknown).replicas;
    const manifest::ManifestResult result = manifest::generateManifests(
        ManifestRequestBuilder::build(m_catalog, sel, targets(), m_manifests->options()));
    if (!result.ok) {
        m_manifests->setMessage(tr("The manifests cannot be generated: %1").arg(result.error));
        m_deployPane->setManifests({}, tr("The manifests cannot be generated: %1").arg(result.error));
        return;
    }
    QStringList notes = result.set.warnings;
    if (!pr.qualifies)
        notes.prepend(tr("This profile misses the targets: %1").arg(pr.reason));
    const QString yaml = result.set.text(manifest::OutputMode::All);
    m_manifests->setManifests(yaml, notes);
    m_deployPane->setManifests(yaml); // the generator's text, not a copy read back from the editor
    m_deployPane->setNamespace(m_manifests->options().ns);
}

void MainWindow::updateSummary()
{
    const int row = m_tableModel->rowOfProfile(m_selectedProfile);
    if (row < 0) {
        m_summary->setHtml(tr("<p>Select a profile.</p>"));
        return;
    }
    const ProfileRow &pr = m_tableModel->rows().at(row);
    const Profile &p = m_catalog.data().profiles.at(m_selectedProfile);
    const Recommendation &rec = pr.recommendation;
    const bool clicked = m_selectedPoint >= 0 && m_selectedPoint < p.points.size();
    const BenchmarkPoint &pt = clicked ? p.points.at(m_selectedPoint) : rec.operatingPoint.point;
    QString h;
    auto row2 = [&h](const QString &k, const QString &v) {
        h += QStringLiteral("<tr><td style=\"padding-right:12px\"><b>%1</b></td><td>%2</td></tr>").arg(k, v);
    };
    h += QStringLiteral("<h3>%1</h3>").arg(htmlEscape(p.model));
    h += QStringLiteral("<table>");
    row2(tr("Accelerator"),
         htmlEscape(tr("%1 × %2 on %3").arg(p.accelerator).arg(p.acceleratorCount).arg(p.instanceType)));
    row2(tr("Model server"), htmlEscape(QStringLiteral("%1 %2").arg(p.modelServer, p.modelServerVersion)));
    row2(tr("Use case"), htmlEscape(p.useCase));
    row2(tr("Data"), htmlEscape(Formatting::provenanceBadge(p.provenance)));
    if (!p.provenance.source.isEmpty())
        row2(tr("Source"), htmlEscape(p.provenance.source));
    if (!p.provenance.date.isEmpty())
        row2(tr("Date"), htmlEscape(p.provenance.date));
    QString where;
    if (clicked)
        where = tr("point %1 of %2 (chosen on the chart)").arg(m_selectedPoint + 1).arg(p.points.size());
    else if (rec.operatingPoint.atInflection)
        where = tr("inflection point");
    else
        where = tr("highest throughput meeting the targets");
    row2(tr("Operating point"), htmlEscape(where));
    row2(tr("Request rate"), Formatting::requestsPerSecond(pt.requestRate));
    row2(tr("Output"), Formatting::tokensPerSecond(pt.outputTokensPerSecond));
    row2(tr("TTFT"), Formatting::milliseconds(pt.ttftMs.headline()));
    row2(tr("NTPOT"), Formatting::milliseconds(pt.ntpotMs.headline()));
    row2(tr("ITL"), Formatting::milliseconds(pt.itlMs.headline()));
    const ProfileQuery q = currentQuery();
    const Cost cost = clicked ? computePointCost(rec.cost.usdPerHour, pt, p.averageInputLength,
                                                 p.averageOutputLength, q.outputInputCostRatio)
                              : rec.cost;
    if (rec.priceKnown) {
        row2(tr("Cost"), htmlEscape(tr("%1/M input · %2/M output")
                                        .arg(Formatting::usd(cost.perMillionInput),
                                             Formatting::usd(cost.perMillionOutput))));
        row2(tr("Machine"), htmlEscape(tr("%1 · %2/month")
                                           .arg(Formatting::usdPerHour(cost.usdPerHour),
                                                Formatting::usd(cost.usdPerMonth))));
        row2(tr("Price source"),
             htmlEscape(
                 tr("%1, %2 (as of %3)").arg(rec.price.source, rec.price.pricingModel, rec.price.asOf)));
    } else {
        row2(tr("Cost"),
             tr("no price for %1 in %2 (%3)")
                 .arg(htmlEscape(p.instanceType), htmlEscape(q.region), htmlEscape(q.pricingModel)));
    }
    if (rec.replicas > 0)
        row2(tr("Replicas"), QString::number(rec.replicas));
    h += QStringLiteral("</table>");
    if (!pr.qualifies)
        h += QStringLiteral("<p><b>%1</b><br>%2</p>")
                 .arg(tr("Misses the targets:"),
                      htmlEscape(pr.reason).replace(QLatin1Char('\n'), QStringLiteral("<br>")));
    if (h != m_summaryHtml) {
        m_summaryHtml = h;
        m_summary->setHtml(h);
    }
}

QString MainWindow::summaryText() const
{
    return m_summary->toPlainText();
}

CurveChartView *MainWindow::chart(ChartMetric metric) const
{
    switch (metric) {
    case ChartMetric::Ntpot:
        return m_ntpotChart;
    case ChartMetric::Ttft:
        return m_ttftChart;
    case ChartMetric::Itl:
        return m_itlChart;
    case ChartMetric::Throughput:
        return m_rateChart;
    }
    return nullptr;
}

LatencyTargetControl *MainWindow::targetControl(ChartMetric metric) const
{
    switch (metric) {
    case ChartMetric::Ntpot:
        return m_ntpot;
    case ChartMetric::Ttft:
        return m_ttft;
    case ChartMetric::Itl:
        return m_itl;
    case ChartMetric::Throughput:
        return nullptr;
    }
    return nullptr;
}

void MainWindow::setChartTab(ChartMetric metric)
{
    m_chartTabs->setCurrentWidget(chart(metric));
}

void MainWindow::setLogAxes(bool on)
{
    {
        const QSignalBlocker b(m_logAxes);
        m_logAxes->setChecked(on);
    }
    for (CurveChartView *c : {m_ntpotChart, m_ttftChart, m_itlChart, m_rateChart})
        c->setLogScale(on);
}

// ---------------------------------------------------------------------------------------------- actions

void MainWindow::openCatalog()
{
    const QString path =
        QFileDialog::getOpenFileName(this, tr("Open Catalog"), QString(), tr("Catalog files (*.json)"));
    if (path.isEmpty())
        return;
    CatalogSources sources = m_sources;
    sources.extraFiles << path;
    QString message;
    loadCatalog(sources, &message);
    if (!message.isEmpty())
        QMessageBox::warning(this, tr("Open Catalog"), message);
}

void MainWindow::importCatalog()
{
    const QString path =
        QFileDialog::getOpenFileName(this, tr("Import Catalog"), QString(), tr("Catalog files (*.json)"));
    if (path.isEmpty())
        return;
    const CatalogLoadResult parsed = loadCatalogFile(path);
    if (!parsed.ok()) {
        QStringList lines;
        for (const Diagnostic &d : parsed.errors)
            lines << d.toString();
        QMessageBox::warning(this, tr("Import Catalog"), lines.join(QLatin1Char('\n')));
        return;
    }
    const QString dir = ProfileCatalog::userCatalogDirectory();
    const QString target = QDir(dir).filePath(QFileInfo(path).fileName());
    if (!QDir().mkpath(dir) || (QFile::exists(target) && !QFile::remove(target)) ||
        !QFile::copy(path, target)) {
        QMessageBox::warning(this, tr("Import Catalog"), tr("%1: could not copy to %2").arg(path, target));
        return;
    }
    loadCatalog(m_sources);
    statusBar()->showMessage(tr("Imported %1 into %2").arg(QFileInfo(path).fileName(), dir));
}

void MainWindow::addCustomModel()
{
    const QString path =
        QFileDialog::getOpenFileName(this, tr("Custom Model"), QString(), tr("Hugging Face config (*.json)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!startCustomEstimate(path, &error))
        QMessageBox::warning(this, tr("Custom Model"), error);
}

bool MainWindow::startCustomEstimate(const QString &configPath, QString *error)
{
    const HfConfigResult hf = readHfConfigFile(configPath);
    if (!hf.ok()) {
        if (error)
            *error = hf.error;
        return false;
    }
    CustomEstimateInput input;
    input.model = hf.model;
    input.configPath = configPath;
    input.machineTypes = m_catalog.data().machineTypes;
    input.accelerators = m_catalog.data().accelerators;
    input.modelServers = m_catalog.data().modelServers;
    const int job = ++m_customJob;
    auto *watcher = new QFutureWatcher<CustomEstimateOutput>(this);
    connect(watcher, &QFutureWatcher<CustomEstimateOutput>::finished, this, [this, watcher, job, configPath] {
        watcher->deleteLater();
        if (job != m_customJob)
            return; // a newer request superseded this one
        const CustomEstimateOutput out = watcher->result();
        if (!out.error.isEmpty() || out.layer.profiles.isEmpty()) {
            const QString why = !out.error.isEmpty() ? out.error
                                                     : tr("%1 fits on none of the catalog's machines (%2)")
                                                           .arg(QFileInfo(configPath).fileName(),
                                                                out.skipped.join(QStringLiteral("; ")));
            statusBar()->showMessage(why);
            Q_EMIT customModelAdded(QString(), why);
            return;
        }
        const QString id = out.layer.models.first().id;
        QStringList files = m_catalog.sourceFiles();
        files << configPath;
        setCatalog(ProfileCatalog::fromData({m_catalog.data(), out.layer}, files));
        setModel(id);
        const QString message =
            out.skipped.isEmpty()
                ? tr("Estimated %1 on %2 machine types").arg(id).arg(out.layer.profiles.size())
                : tr("Estimated %1 on %2 machine types; skipped: %3")
                      .arg(id)
                      .arg(out.layer.profiles.size())
                      .arg(out.skipped.join(QStringLiteral("; ")));
        statusBar()->showMessage(message);
        Q_EMIT customModelAdded(id, message);
    });
    statusBar()->showMessage(tr("Estimating %1 on the catalog's accelerators…").arg(hf.model.id));
    watcher->setFuture(QtConcurrent::run([input] { return CustomEstimator::run(input); }));
    return true;
}

void MainWindow::exportManifests()
{
    m_detailTabs->setCurrentWidget(m_manifests);
    m_manifests->exportWithDialog();
}

void MainWindow::exportChart()
{
    auto *view = qobject_cast<CurveChartView *>(m_chartTabs->currentWidget());
    if (!view)
        return;
    const QString path = QFileDialog::getSaveFileName(this, tr("Export Chart"), QStringLiteral("chart.png"),
                                                      tr("PNG image (*.png);;SVG image (*.svg)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!view->exportImage(path, &error))
        QMessageBox::warning(this, tr("Export Chart"), error);
}

void MainWindow::showAbout()
{
    int measured = 0, estimated = 0, imported = 0;
    for (const Profile &p : m_catalog.data().profiles) {
        measured += p.provenance.kind == Provenance::Kind::Measured;
        estimated += p.provenance.kind == Provenance::Kind::Estimated;
        imported += p.provenance.kind == Provenance::Kind::Imported;
    }
    QStringList files;
    for (const QString &f : m_catalog.sourceFiles())
        files << QStringLiteral("<li>%1</li>").arg(f.toHtmlEscaped());
    QMessageBox::about(
        this, tr("About Inference Quickstart Studio"),
        tr("<h3>Inference Quickstart Studio %1</h3>"
           "<p>An offline planner for serving LLMs on Kubernetes, in the spirit of GKE Inference Quickstart. "
           "The numbers shown are the same as those of the <tt>iq</tt> command.</p>"
           "<p><b>Data:</b> %2 measured, %3 estimated and %4 imported profiles. Measured profiles cite their "
           "source; estimated ones come from the iq performance estimator and carry its error band.</p>"
           "<p><b>Catalog files:</b></p><ul>%5</ul>")
            .arg(QStringLiteral(IQ_VERSION))
            .arg(measured)
            .arg(estimated)
            .arg(imported)
            .arg(files.join(QString())));
}

void MainWindow::setLanguage(const QString &language)
{
    QSettings().setValue(QStringLiteral("language"), language);
    saveSettings();
    Q_EMIT languageChangeRequested(language);
}

// ---------------------------------------------------------------------------------------------- settings

void MainWindow::restoreSettings()
{
    QSettings s;
    if (s.contains(QStringLiteral("window/geometry")))
        restoreGeometry(s.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(s.value(QStringLiteral("window/state")).toByteArray());
    m_mainSplitter->restoreState(s.value(QStringLiteral("window/mainSplitter")).toByteArray());
    m_rightSplitter->restoreState(s.value(QStringLiteral("window/rightSplitter")).toByteArray());
    m_bottomSplitter->restoreState(s.value(QStringLiteral("window/bottomSplitter")).toByteArray());
    m_populating = true;
    for (const auto &[key, box] : {std::pair{QStringLiteral("filters/pricing"), m_pricing},
                                   std::pair{QStringLiteral("filters/region"), m_region}}) {
        const int i = box->findData(s.value(key));
        if (i >= 0)
            box->setCurrentIndex(i);
    }
    m_costRatio->setValue(
        s.value(QStringLiteral("filters/costRatio"), kDefaultOutputInputCostRatio).toDouble());
    m_load->setValue(s.value(QStringLiteral("targets/load"), 0.0).toDouble());
    ManifestOptions o;
    o.ns = s.value(QStringLiteral("manifests/namespace"), o.ns).toString();
    o.name = s.value(QStringLiteral("manifests/name")).toString();
    o.modelBucketUri = s.value(QStringLiteral("manifests/bucket")).toString();
    o.hpa = s.value(QStringLiteral("manifests/hpa"), true).toBool();
    m_manifests->setOptions(o);
    m_deployPane->setNamespace(o.ns);
    m_deployPane->restoreSettings();
    m_hideMissing->setChecked(s.value(QStringLiteral("view/hideMissing"), false).toBool());
    m_populating = false;
    setLogAxes(s.value(QStringLiteral("view/logAxes"), false).toBool());
    const QString model = s.value(QStringLiteral("model")).toString();
    if (!model.isEmpty())
        setModel(model);
    auto target = [&s](const QString &key) {
        const QVariant v = s.value(key);
        return v.isValid() && v.toDouble() > 0 ? v.toDouble() : kUnknown;
    };
    setTargets(target(QStringLiteral("targets/ttft")), target(QStringLiteral("targets/ntpot")),
               target(QStringLiteral("targets/itl")));
}

void MainWindow::saveSettings() const
{
    QSettings s;
    s.setValue(QStringLiteral("window/geometry"), saveGeometry());
    s.setValue(QStringLiteral("window/state"), saveState());
    s.setValue(QStringLiteral("window/mainSplitter"), m_mainSplitter->saveState());
    s.setValue(QStringLiteral("window/rightSplitter"), m_rightSplitter->saveState());
    s.setValue(QStringLiteral("window/bottomSplitter"), m_bottomSplitter->saveState());
    s.setValue(QStringLiteral("model"), m_model);
    const LatencyTargets t = targets();
    s.setValue(QStringLiteral("targets/ttft"), isKnown(t.ttftMs) ? t.ttftMs : 0.0);
    s.setValue(QStringLiteral("targets/ntpot"), isKnown(t.ntpotMs) ? t.ntpotMs : 0.0);
    s.setValue(QStringLiteral("targets/itl"), isKnown(t.itlMs) ? t.itlMs : 0.0);
    s.setValue(QStringLiteral("targets/load"), m_load->value());
    s.setValue(QStringLiteral("filters/pricing"), m_pricing->currentData());
    s.setValue(QStringLiteral("filters/region"), m_region->currentData());
    s.setValue(QStringLiteral("filters/costRatio"), m_costRatio->value());
    const ManifestOptions o = m_manifests->options();
    s.setValue(QStringLiteral("manifests/namespace"), o.ns);
    s.setValue(QStringLiteral("manifests/name"), o.name);
    s.setValue(QStringLiteral("manifests/bucket"), o.modelBucketUri);
    s.setValue(QStringLiteral("manifests/hpa"), o.hpa);
    s.setValue(QStringLiteral("view/hideMissing"), m_hideMissing->isChecked());
    s.setValue(QStringLiteral("view/logAxes"), m_logAxes->isChecked());
    m_deployPane->saveSettings();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (m_deployPane->isBusy() &&
        QMessageBox::question(this, tr("Deploy running"),
                              tr("kubectl is still running. Closing stops waiting for it; nothing already "
                                 "applied is deleted. Close anyway?"),
                              QMessageBox::Close | QMessageBox::Cancel,
                              QMessageBox::Cancel) != QMessageBox::Close) {
        event->ignore();
        return;
    }
    saveSettings();
    event->accept();
}

} // namespace iq::gui
