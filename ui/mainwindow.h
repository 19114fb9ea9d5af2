#pragma once
// The main window: model picker, latency targets and filters on the left; the profiles table, the charts
// and the manifest preview on the right. Every number comes from core (Recommender, idealRegion,
// manifest generator), the same as `iq profiles list` / `iq profiles manifests create`.

#include "acceleratorcolors.h"
#include "analysis/recommender.h"
#include "catalog/profilecatalog.h"
#include "curvechartview.h"
#include "manifestrequestbuilder.h"

#include <QMainWindow>
#include <QPointer>

#include <memory>

class QAction;
class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QGridLayout;
class QLabel;
class QLineEdit;
class QListView;
class QSortFilterProxyModel;
class QSplitter;
class QStandardItemModel;
class QTabWidget;
class QTableView;
class QTextBrowser;

namespace iq::gui {

class DeployPane;
class LatencyTargetControl;
class ManifestPane;
class ModelListModel;
class ProfileSortProxy;
class ProfileTableModel;

class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    // Loads the catalog synchronously (the embedded one is small) and shows it. Returns false when no
    // profile could be loaded; *message lists the catalog errors either way.
    bool loadCatalog(const CatalogSources &sources, QString *message = nullptr);
    void setCatalog(const ProfileCatalog &catalog);
    const ProfileCatalog &catalog() const { return m_catalog; }

    bool setModel(const QString &id);
    QString currentModel() const { return m_model; }
    void setTargets(double ttftMs, double ntpotMs, double itlMs); // NaN = off
    LatencyTargets targets() const;
    // Selects the first row with that instance type; false when there is none.
    bool selectInstanceType(const QString &instanceType);
    // Selects a profile and one of its points (-1: the row's operating point).
    void selectProfile(int profileIndex, int pointIndex = -1);
    int selectedProfile() const { return m_selectedProfile; }
    void setChartTab(ChartMetric metric);
    void setLogAxes(bool on);

    // Estimates a Hugging Face config.json on the catalog's accelerators off the UI thread, then adds the
    // model (badge "estimated") and selects it; customModelAdded reports the outcome. False when the file
    // cannot be read (the message is in *error).
    bool startCustomEstimate(const QString &configPath, QString *error = nullptr);

    void restoreSettings();
    void saveSettings() const;

    // Recomputes the rows, charts and manifests for the current model, filters and targets.
    void recompute();

    // Test and benchmark access.
    ProfileTableModel *tableModel() const { return m_tableModel; }
    ProfileSortProxy *tableProxy() const { return m_proxy; }
    QTableView *tableView() const { return m_table; }
    ModelListModel *modelListModel() const { return m_modelList; }
    CurveChartView *chart(ChartMetric metric) const;
    ManifestPane *manifestPane() const { return m_manifests; }
    DeployPane *deployPane() const { return m_deployPane; }
    QTabWidget *detailTabs() const { return m_detailTabs; }
    LatencyTargetControl *targetControl(ChartMetric metric) const;
    QLabel *emptyStateLabel() const { return m_emptyState; }
    QString summaryText() const;

Q_SIGNALS:
    void recomputed();
    void selectionChanged(int profileIndex);
    // The user picked another language; the application recreates the window (see runStudio).
    void languageChangeRequested(const QString &language);
    // modelId empty on failure, with the reason in message; otherwise message lists skipped accelerators.
    void customModelAdded(const QString &modelId, const QString &message);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void buildUi();
    void buildMenus();
    QWidget *buildLeftPanel();
    QWidget *buildTablePane();
    QWidget *buildChartPane();
    void populateFilters();
    void populateAccelerators();
    void updateTargetRanges();
    ProfileQuery currentQuery() const;
    QString reasonFor(const Profile &profile, const LatencyTargets &targets) const;
    QString emptyStateText(const RecommendationResult &all, const RecommendationResult &qualified) const;
    void applySelection(bool fromTable);
    void updateManifests();
    void updateSummary();
    void onTableSelection();
    void openCatalog();
    void importCatalog();
    void exportManifests();
    void exportChart();
    void showAbout();
    void addCustomModel();
    void setLanguage(const QString &language);
    ChartCurve curveFor(int profileIndex, const ProfileQuery &query) const;

    ProfileCatalog m_catalog;
    CatalogSources m_sources;
    std::unique_ptr<Recommender> m_recommender;
    AcceleratorColors m_colors;
    QString m_model;
    QList<int> m_curveProfiles; // profile index of each chart curve
    QString m_curveKey;         // region, pricing model and cost ratio the curves were built for
    int m_selectedProfile = -1;
    // Curves on the charts: the kMaxChartCurves cheapest profiles and the selection (see recompute()).
    static constexpr int kMaxChartCurves = 16;
    int m_chartCurvesShown = 0;
    int m_chartCurvesTotal = 0;
    bool m_inRecompute = false;
    int m_selectedPoint = -1; // -1: the row's operating point
    bool m_populating = false;
    int m_customJob = 0; // token: only the latest custom estimate is applied

    // Left panel.
    QLineEdit *m_modelSearch = nullptr;
    QListView *m_modelView = nullptr;
    ModelListModel *m_modelList = nullptr;
    QSortFilterProxyModel *m_modelProxy = nullptr;
    LatencyTargetControl *m_ttft = nullptr;
    LatencyTargetControl *m_ntpot = nullptr;
    LatencyTargetControl *m_itl = nullptr;
    QDoubleSpinBox *m_load = nullptr;
    QComboBox *m_server = nullptr;
    QComboBox *m_version = nullptr;
    QComboBox *m_useCase = nullptr;
    QComboBox *m_pricing = nullptr;
    QComboBox *m_region = nullptr;
    QDoubleSpinBox *m_costRatio = nullptr;
    QStandardItemModel *m_acceleratorModel = nullptr; // checkable GKE labels of the model's profiles
    QListView *m_acceleratorView = nullptr;

    // Right side.
    QSplitter *m_mainSplitter = nullptr;
    QSplitter *m_rightSplitter = nullptr;
    QSplitter *m_bottomSplitter = nullptr;
    QLabel *m_tableTitle = nullptr;
    QLabel *m_emptyState = nullptr;
    QLabel *m_chartNote = nullptr; // legend of the chart marks, and how many curves are drawn
    QCheckBox *m_hideMissing = nullptr;
    QTableView *m_table = nullptr;
    ProfileTableModel *m_tableModel = nullptr;
    ProfileSortProxy *m_proxy = nullptr;
    QTabWidget *m_chartTabs = nullptr;
    CurveChartView *m_ntpotChart = nullptr;
    CurveChartView *m_ttftChart = nullptr;
    CurveChartView *m_itlChart = nullptr;
    CurveChartView *m_rateChart = nullptr; // output tokens/s vs request rate
    QCheckBox *m_logAxes = nullptr;
    QTabWidget *m_detailTabs = nullptr;
    ManifestPane *m_manifests = nullptr;
    DeployPane *m_deployPane = nullptr;
    QTextBrowser *m_summary = nullptr;
    QString m_summaryHtml;
    QAction *m_hideMissingAction = nullptr;
};

} // namespace iq::gui
