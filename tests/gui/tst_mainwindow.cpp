// The main window on the offscreen platform, with the synthetic GUI test catalog (tests/data/gui).
#include "catalog/profilecatalog.h"
#include "curvechartview.h"
#include "latencytargetcontrol.h"
#include "mainwindow.h"
#include "manifestpane.h"
#include "modellistmodel.h"
#include "profilesortproxy.h"
#include "profiletablemodel.h"
#include "testsupport.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QAreaSeries>
#include <QChart>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QLineEdit>
#include <QLineSeries>
#include <QLocale>
#include <QPlainTextEdit>
#include <QScatterSeries>
#include <QSignalSpy>
#include <QSlider>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace iq;
using namespace iq::gui;

namespace {
const QString kModel = QStringLiteral("test-org/chat-7b");

ProfileCatalog testCatalog()
{
    CatalogSources sources;
    sources.embedded = false;
    sources.userDirectory = false;
    sources.extraFiles << iqtest::testDataPath(QStringLiteral("gui/catalog.json"));
    QList<Diagnostic> errors;
    ProfileCatalog c = ProfileCatalog::load(sources, &errors);
    for (const Diagnostic &d : errors)
        qWarning("%s", qPrintable(d.toString()));
    return c;
}

int profileIndexOf(const ProfileCatalog &c, const QString &instanceType)
{
    for (qsizetype i = 0; i < c.data().profiles.size(); ++i)
        if (c.data().profiles.at(i).model == kModel && c.data().profiles.at(i).instanceType == instanceType)
            return int(i);
    return -1;
}
} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT
    std::unique_ptr<MainWindow> m_window;

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        QVERIFY(!testCatalog().data().profiles.isEmpty());
    }

    void init()
    {
        m_window = std::make_unique<MainWindow>();
        m_window->setCatalog(testCatalog());
        QVERIFY(m_window->setModel(kModel));
        m_window->resize(1440, 900);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }

    void cleanup() { m_window.reset(); }

    void modelsPassTheTester()
    {
        // Testers watch every later change: model switches, targets, filters, hiding rows.
        QAbstractItemModelTester t1(m_window->tableModel(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester t2(m_window->tableProxy(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester t3(m_window->modelListModel(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
        m_window->setTargets(kUnknown, 20, kUnknown);
        m_window->tableProxy()->setHideMissing(true);
        m_window->tableView()->sortByColumn(ProfileTableModel::Ttft, Qt::DescendingOrder);
        m_window->setTargets(kUnknown, 10, kUnknown);
        m_window->tableProxy()->setHideMissing(false);
        QVERIFY(m_window->setModel(QStringLiteral("test-org/tiny-1b")));
        m_window->setCatalog(testCatalog());
        QVERIFY(m_window->setModel(kModel));
        QCOMPARE(m_window->tableModel()->rowCount(), 3);
    }

    void modelListHasBadgesAndSizes()
    {
        ModelListModel *m = m_window->modelListModel();
        QCOMPARE(m->rowCount(), 2);
        const QModelIndex chat = m->index(m->rowOf(kModel));
        QCOMPARE(chat.data(ModelListModel::BadgesRole).toStringList(),
                 (QStringList{QStringLiteral("measured"), QStringLiteral("estimated")}));
        QCOMPARE(chat.data(ModelListModel::DetailRole).toString(),
                 QStringLiteral("test-chat · 7B · 3 profiles"));
        const QModelIndex tiny = m->index(m->rowOf(QStringLiteral("test-org/tiny-1b")));
        QCOMPARE(tiny.data(ModelListModel::BadgesRole).toStringList(),
                 QStringList{QStringLiteral("estimated")});
    }

    void typeAheadPicksTheOnlyMatch()
    {
        auto *search = m_window->findChild<QLineEdit *>(QStringLiteral("modelSearch"));
        QVERIFY(search);
        search->setFocus();
        QTest::keyClicks(search, QStringLiteral("TIN")); // case-insensitive, matches test-org/tiny-1b only
        QCOMPARE(m_window->currentModel(), QStringLiteral("test-org/tiny-1b"));
        QCOMPARE(m_window->tableModel()->rowCount(), 1);
        search->clear();
        QTest::keyClicks(search, QStringLiteral("test-chat")); // the family matches too
        QCOMPARE(m_window->currentModel(), kModel);
    }

    void sliderChangesRowsAndTargetLine()
    {
        ProfileTableModel *table = m_window->tableModel();
        CurveChartView *chart = m_window->chart(ChartMetric::Ntpot);
        QCOMPARE(table->rowCount(), 3);
        QCOMPARE(table->qualifyingCount(), 3); // no target: every profile at its inflection
        QVERIFY(!chart->targetLine()->isVisible());

        // NTPOT <= 20 ms: only the H100 curve (15, 20, 30, 90 ms) has points that meet it; the L4 curve
        // starts at 40 ms and the A100 curve at 25 ms.
        LatencyTargetControl *ntpot = m_window->targetControl(ChartMetric::Ntpot);
        QSignalSpy recomputed(m_window.get(), &MainWindow::recomputed);
        ntpot->setOn(true);
        ntpot->spinBox()->setValue(20);
        QVERIFY(recomputed.count() >= 1);
        QCOMPARE(table->rowCount(), 3); // the others stay, greyed, with the reason
        QCOMPARE(table->qualifyingCount(), 1);
        // The profile that meets the targets sorts above the others in either order.
        for (Qt::SortOrder order : {Qt::AscendingOrder, Qt::DescendingOrder}) {
            m_window->tableView()->sortByColumn(ProfileTableModel::CostOutput, order);
            QVERIFY(m_window->tableProxy()->index(0, 0).data(ProfileTableModel::QualifiesRole).toBool());
            QVERIFY(!m_window->tableProxy()->index(1, 0).data(ProfileTableModel::QualifiesRole).toBool());
        }
        const int h100 = profileIndexOf(m_window->catalog(), QStringLiteral("a3-highgpu-1g"));
        const int l4 = profileIndexOf(m_window->catalog(), QStringLiteral("g2-standard-8"));
        QVERIFY(table->rows().at(table->rowOfProfile(h100)).qualifies);
        const ProfileRow &l4Row = table->rows().at(table->rowOfProfile(l4));
        QVERIFY(!l4Row.qualifies);
        QCOMPARE(l4Row.reason, QStringLiteral("NTPOT is at least 40.0 ms here (target 20.0 ms)"));
        QCOMPARE(
            table->index(table->rowOfProfile(l4), ProfileTableModel::Ntpot).data(Qt::ToolTipRole).toString(),
            l4Row.reason);
        QVERIFY(chart->targetLine()->isVisible());
        QCOMPARE(chart->targetLine()->count(), 2);
        QCOMPARE(chart->targetLine()->at(0).y(), 20.0);
        QCOMPARE(chart->targetLine()->at(1).y(), 20.0);
        // The TTFT chart has no TTFT target.
        QVERIFY(!m_window->chart(ChartMetric::Ttft)->targetLine()->isVisible());

        // Keyboard on the slider: PageUp raises the target; the line follows the spin box's value.
        QSlider *slider = ntpot->slider();
        const int before = slider->value();
        slider->setFocus();
        for (int i = 0; i < 3; ++i)
            QTest::keyClick(slider, Qt::Key_PageUp);
        QCOMPARE(slider->value(), before + 3 * slider->pageStep());
        const double raised = ntpot->value();
        QVERIFY(raised > 20);
        QCOMPARE(chart->targetLine()->at(0).y(), raised);
        // Dragging it to the top of the range: everything qualifies again.
        slider->setValue(slider->maximum());
        QCOMPARE(table->qualifyingCount(), 3);
        QCOMPARE(chart->targetLine()->at(0).y(), ntpot->value());

        // Off: no line, every profile back at its inflection.
        ntpot->setOn(false);
        QVERIFY(!chart->targetLine()->isVisible());
        QCOMPARE(table->qualifyingCount(), 3);
    }

    void idealRegionFollowsTargets()
    {
        CurveChartView *chart = m_window->chart(ChartMetric::Ntpot);
        const int h100 = profileIndexOf(m_window->catalog(), QStringLiteral("a3-highgpu-1g"));
        int curve = -1;
        for (qsizetype i = 0; i < chart->curves().size(); ++i)
            if (chart->curves().at(i).profileIndex == h100)
                curve = int(i);
        QVERIFY(curve >= 0);
        m_window->setTargets(kUnknown, 20, kUnknown);
        // H100 points meeting NTPOT <= 20 at or before the inflection: (100, 15) and (400, 20).
        const QList<QPointF> upper = chart->idealAreas().at(curve)->upperSeries()->points();
        QCOMPARE(upper, (QList<QPointF>{{100, 15}, {400, 20}}));
        m_window->setTargets(kUnknown, 10, kUnknown);
        QVERIFY(chart->idealAreas().at(curve)->upperSeries()->points().isEmpty());
    }

    void emptyStateExplainsTheRange()
    {
        m_window->setTargets(kUnknown, 10, kUnknown);
        QCOMPARE(m_window->tableModel()->qualifyingCount(), 0);
        QLabel *empty = m_window->emptyStateLabel();
        QVERIFY(empty->isVisible());
        const QString text = empty->text();
        QVERIFY2(text.contains(QStringLiteral("No profile meets the targets")), qPrintable(text));
        // Achievable NTPOT per accelerator, from core's ranges: H100 15–90 ms, L4 40–300 ms.
        QVERIFY2(text.contains(QStringLiteral("NTPOT 15.0 ms–90.0 ms")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("NTPOT 40.0 ms–300 ms")), qPrintable(text));
        m_window->setTargets(kUnknown, kUnknown, kUnknown);
        QVERIFY(!empty->isVisible());
    }

    void tableSelectionSelectsChartPointAndYaml()
    {
        m_window->setTargets(kUnknown, 40, kUnknown);
        const int h100 = profileIndexOf(m_window->catalog(), QStringLiteral("a3-highgpu-1g"));
        QTableView *view = m_window->tableView();
        const int sourceRow = m_window->tableModel()->rowOfProfile(h100);
        const QModelIndex proxyIndex =
            m_window->tableProxy()->mapFromSource(m_window->tableModel()->index(sourceRow, 0));
        QSignalSpy selected(m_window.get(), &MainWindow::selectionChanged);
        view->selectionModel()->setCurrentIndex(proxyIndex, QItemSelectionModel::ClearAndSelect |
                                                                QItemSelectionModel::Rows);
        QCOMPARE(selected.count(), 1);
        QCOMPARE(m_window->selectedProfile(), h100);

        // The chart emphasises that row's operating point (the same numbers as the table row).
        const BenchmarkPoint &op =
            m_window->tableModel()->rows().at(sourceRow).recommendation.operatingPoint.point;
        QScatterSeries *sel = m_window->chart(ChartMetric::Ntpot)->selectedPoint();
        QCOMPARE(sel->count(), 1);
        QCOMPARE(sel->at(0), QPointF(op.outputTokensPerSecond, op.ntpotMs.headline()));
        // With NTPOT <= 40 the H100 runs between (1500 tok/s, 30 ms) and (2000, 90): t = (40-30)/(90-30) =
        // 1/6, so output = 1500 + 500/6 tok/s.
        QCOMPARE(qRound(op.outputTokensPerSecond * 1000), qRound((1500 + 500.0 / 6) * 1000));
        QCOMPARE(m_window->chart(ChartMetric::Ttft)->selectedPoint()->at(0),
                 QPointF(op.outputTokensPerSecond, op.ttftMs.headline()));
        // The throughput chart plots output tokens/s against the request rate.
        QCOMPARE(m_window->chart(ChartMetric::Throughput)->selectedPoint()->at(0),
                 QPointF(op.requestRate, op.outputTokensPerSecond));

        // The YAML shows that profile.
        const QString yaml = m_window->manifestPane()->text();
        QVERIFY2(yaml.contains(QStringLiteral("a3-highgpu-1g")), qPrintable(yaml.left(2000)));
        QVERIFY(yaml.contains(QStringLiteral("nvidia-h100-80gb")));
        QVERIFY(yaml.contains(QStringLiteral("kind: Deployment")));
        QVERIFY(m_window->summaryText().contains(QStringLiteral("a3-highgpu-1g")));

        // Another row: the YAML follows.
        const int l4 = profileIndexOf(m_window->catalog(), QStringLiteral("g2-standard-8"));
        const QModelIndex l4Index = m_window->tableProxy()->mapFromSource(
            m_window->tableModel()->index(m_window->tableModel()->rowOfProfile(l4), 0));
        view->selectionModel()->setCurrentIndex(l4Index, QItemSelectionModel::ClearAndSelect |
                                                             QItemSelectionModel::Rows);
        QCOMPARE(m_window->selectedProfile(), l4);
        QVERIFY(m_window->manifestPane()->text().contains(QStringLiteral("g2-standard-8")));
        QVERIFY(!m_window->manifestPane()->text().contains(QStringLiteral("a3-highgpu-1g")));
    }

    void manifestsMatchTheCli()
    {
        // The YAML pane shows exactly what `iq profiles manifests create` writes for the same selection.
        m_window->setTargets(kUnknown, 40, kUnknown);
        QVERIFY(m_window->selectInstanceType(QStringLiteral("a3-highgpu-1g")));
        const iqtest::ProcessResult cli = iqtest::runIq(
            {QStringLiteral("profiles"), QStringLiteral("manifests"), QStringLiteral("create"),
             QStringLiteral("--model=") + kModel, QStringLiteral("--model-server=vllm"),
             QStringLiteral("--accelerator-type=nvidia-h100-80gb"),
             QStringLiteral("--target-ntpot-milliseconds=40"), QStringLiteral("--no-user-catalog"),
             QStringLiteral("--catalog=") + iqtest::testDataPath(QStringLiteral("gui/catalog.json"))});
        QVERIFY2(cli.exitCode == 0, cli.err.constData());
        const QString gui = m_window->manifestPane()->text();
        if (gui != cli.outText()) {
            const QStringList a = gui.split(QLatin1Char('\n')), b = cli.outText().split(QLatin1Char('\n'));
            for (qsizetype i = 0; i < std::max(a.size(), b.size()); ++i)
                if (a.value(i) != b.value(i))
                    qWarning("line %lld\n gui: %s\n iq:  %s", static_cast<long long>(i + 1),
                             qPrintable(a.value(i)), qPrintable(b.value(i)));
        }
        QCOMPARE(gui, cli.outText());
    }

    void chartClickSelectsTableRow()
    {
        CurveChartView *chart = m_window->chart(ChartMetric::Ntpot);
        m_window->setChartTab(ChartMetric::Ntpot);
        QCoreApplication::processEvents();
        const int a100 = profileIndexOf(m_window->catalog(), QStringLiteral("a2-ultragpu-1g"));
        int curve = -1;
        for (qsizetype i = 0; i < chart->curves().size(); ++i)
            if (chart->curves().at(i).profileIndex == a100)
                curve = int(i);
        QVERIFY(curve >= 0);
        // Click the A100's second point (390 tok/s, 35 ms) where the chart draws it.
        const QPointF scene = chart->chart()->mapToPosition(QPointF(390, 35), chart->mainSeries(curve));
        const QPoint pos = chart->mapFromScene(scene);
        const NearestHit hit = chart->hitTest(pos);
        QCOMPARE(hit.curve, curve);
        QCOMPARE(hit.point, 1);
        QSignalSpy clicked(chart, &CurveChartView::pointClicked);
        QTest::mouseClick(chart->viewport(), Qt::LeftButton, {}, pos);
        QCOMPARE(clicked.count(), 1);
        QCOMPARE(clicked.first().at(0).toInt(), a100);
        QCOMPARE(clicked.first().at(1).toInt(), 1);
        QCOMPARE(m_window->selectedProfile(), a100);
        const QModelIndex current = m_window->tableView()->selectionModel()->currentIndex();
        QCOMPARE(current.data(ProfileTableModel::ProfileIndexRole).toInt(), a100);
        QCOMPARE(chart->selectedPoint()->at(0), QPointF(390, 35));
        QVERIFY(m_window->manifestPane()->text().contains(QStringLiteral("a2-ultragpu-1g")));
        QVERIFY(m_window->summaryText().contains(QStringLiteral("point 2 of 3")));
    }

    void readoutText()
    {
        ChartCurve c;
        c.label = QStringLiteral("nvidia-h100-80gb × 1 · a3-highgpu-1g · vllm 1.0.0");
        c.points = testCatalog()
                       .data()
                       .profiles.at(profileIndexOf(testCatalog(), QStringLiteral("a3-highgpu-1g")))
                       .points;
        c.inflectionIndex = 2;
        c.usdPerHour = 3.6;
        c.averageInputLength = 100;
        c.averageOutputLength = 100;
        c.outputInputCostRatio = 4;
        // Point 2: 16 req/s, 1600 in / 1500 out tok/s, TTFT 80, NTPOT 30, ITL 22.
        // $/output token = (3.6 / 3600) / (1600 / 4 + 1500) = 0.001 / 1900 -> $0.526 per million;
        // $/input token = that / 4 -> $0.132 per million.
        QCOMPARE(CurveChartView::readout(c, 2),
                 QStringLiteral("nvidia-h100-80gb × 1 · a3-highgpu-1g · vllm 1.0.0\n"
                                "Point 3 of 4 (inflection point)\n"
                                "Request rate: 16.0 req/s\n"
                                "Output: 1,500 tok/s\n"
                                "TTFT: 80.0 ms · NTPOT: 30.0 ms · ITL: 22.0 ms\n"
                                "Cost: $0.526/M output · $0.132/M input · $3.60/h"));
        QVERIFY(CurveChartView::readout(c, 3).contains(QStringLiteral("past the inflection")));
        c.usdPerHour = kUnknown;
        QVERIFY(CurveChartView::readout(c, 0).endsWith(
            QStringLiteral("no price for this machine type, region and pricing model")));
        QVERIFY(CurveChartView::readout(c, 7).isEmpty());
    }

    void manifestOptionsApply()
    {
        // Without a latency target there is no HPA (as `iq profiles manifests create`).
        QVERIFY(!m_window->manifestPane()->text().contains(QStringLiteral("kind: HorizontalPodAutoscaler")));
        QVERIFY(m_window->manifestPane()->text().contains(QStringLiteral("(inflection point)")));
        m_window->setTargets(kUnknown, 40, kUnknown);
        QVERIFY(m_window->manifestPane()->text().contains(QStringLiteral("kind: HorizontalPodAutoscaler")));
        ManifestOptions o;
        o.ns = QStringLiteral("team-a");
        o.name = QStringLiteral("chat");
        o.hpa = false;
        m_window->manifestPane()->setOptions(o);
        Q_EMIT m_window->manifestPane()->optionsChanged();
        const QString yaml = m_window->manifestPane()->text();
        QVERIFY(yaml.contains(QStringLiteral("namespace: team-a")));
        QVERIFY(yaml.contains(QStringLiteral("name: chat")));
        QVERIFY(!yaml.contains(QStringLiteral("kind: HorizontalPodAutoscaler")));
        o.hpa = true;
        m_window->manifestPane()->setOptions(o);
        Q_EMIT m_window->manifestPane()->optionsChanged();
        QVERIFY(m_window->manifestPane()->text().contains(QStringLiteral("kind: HorizontalPodAutoscaler")));

        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("out.yaml"));
        QString error;
        QVERIFY2(m_window->manifestPane()->exportTo(path, &error), qPrintable(error));
        QCOMPARE(QString::fromUtf8(iqtest::readFile(path)), m_window->manifestPane()->text());
        QVERIFY(!m_window->manifestPane()->exportTo(dir.filePath(QStringLiteral("missing/dir/out.yaml")),
                                                    &error));
        QVERIFY(error.contains(QStringLiteral("missing/dir/out.yaml")));
    }

    void chartExportAndLogAxes()
    {
        m_window->setTargets(kUnknown, 20, kUnknown);
        m_window->setLogAxes(true);
        CurveChartView *chart = m_window->chart(ChartMetric::Ntpot);
        QVERIFY(chart->logScale());
        QCOMPARE(chart->targetLine()->at(0).y(), 20.0); // survives the axis change
        QTemporaryDir dir;
        QString error;
        QVERIFY2(chart->exportImage(dir.filePath(QStringLiteral("c.png")), &error), qPrintable(error));
        QVERIFY2(chart->exportImage(dir.filePath(QStringLiteral("c.svg")), &error), qPrintable(error));
        QVERIFY(iqtest::readFile(dir.filePath(QStringLiteral("c.png"))).startsWith("\x89PNG"));
        QVERIFY(iqtest::readFile(dir.filePath(QStringLiteral("c.svg"))).contains("<svg"));
        QVERIFY(!chart->exportImage(dir.filePath(QStringLiteral("c.gif")), &error));
        m_window->setLogAxes(false);
        QVERIFY(!chart->logScale());
    }

    void targetLoadSizesReplicas()
    {
        // Same numbers as core: replicas from planReplicas at the row's operating point.
        m_window->setTargets(kUnknown, 40, kUnknown);
        ProfileTableModel *table = m_window->tableModel();
        for (const ProfileRow &r : table->rows())
            QCOMPARE(r.recommendation.replicas, 0); // no load given
        auto *load = m_window->findChild<QDoubleSpinBox *>(QStringLiteral("targetLoad"));
        QVERIFY(load);
        load->setValue(10);
        const int h100 = profileIndexOf(m_window->catalog(), QStringLiteral("a3-highgpu-1g"));
        const int row = table->rowOfProfile(h100);
        const ProfileRow &r = table->rows().at(row);
        // H100 at NTPOT <= 40: 16 + (32 - 16) / 6 = 18.67 req/s per replica, planned at 90%: 16.8 -> 1
        // replica.
        QCOMPARE(r.recommendation.replicas,
                 planReplicas(r.recommendation.operatingPoint.point, 10, kUnknown).replicas);
        QCOMPARE(r.recommendation.replicas, 1);
        QCOMPARE(table->index(row, ProfileTableModel::Replicas).data().toString(), QStringLiteral("1"));
        // L4 at NTPOT <= 40 runs at its first point, 1 req/s: 10 / (1 x 0.9) = 11.1 -> 12 replicas.
        const int l4Row =
            table->rowOfProfile(profileIndexOf(m_window->catalog(), QStringLiteral("g2-standard-8")));
        QCOMPARE(table->rows().at(l4Row).recommendation.replicas, 12);
    }

    void customModelFromHfConfig()
    {
        // The estimator needs the accelerators' full facts: the embedded catalog's, not the test catalog's.
        CatalogSources embedded;
        embedded.userDirectory = false;
        m_window->loadCatalog(embedded);
        QSignalSpy added(m_window.get(), &MainWindow::customModelAdded);
        QString error;
        QVERIFY(
            !m_window->startCustomEstimate(iqtest::testDataPath(QStringLiteral("gui/missing.json")), &error));
        QVERIFY(error.contains(QStringLiteral("missing.json")));
        QVERIFY2(m_window->startCustomEstimate(
                     iqtest::testDataPath(QStringLiteral("hfconfig/qwen2.5-7b.json")), &error),
                 qPrintable(error));
        QVERIFY(added.wait(120000));
        const QString id = added.first().at(0).toString();
        QVERIFY2(!id.isEmpty(), qPrintable(added.first().at(1).toString()));
        QCOMPARE(m_window->currentModel(), id);
        ModelListModel *models = m_window->modelListModel();
        const QModelIndex entry = models->index(models->rowOf(id));
        QVERIFY(entry.isValid());
        QCOMPARE(entry.data(ModelListModel::BadgesRole).toStringList(),
                 QStringList{QStringLiteral("estimated")});
        // One estimated profile per accelerator it fits on (a 7B bf16 model fits on a single L4, A100,
        // H100...).
        QVERIFY(m_window->tableModel()->rowCount() >= 3);
        for (const ProfileRow &r : m_window->tableModel()->rows()) {
            const Profile &p = m_window->catalog().data().profiles.at(r.profileIndex);
            QCOMPARE(p.provenance.kind, Provenance::Kind::Estimated);
            QVERIFY(p.points.size() > 1);
        }
        QVERIFY(m_window->manifestPane()->text().contains(QStringLiteral("kind: Deployment")));
    }

    void settingsRoundTrip()
    {
        m_window->setTargets(123, 45, kUnknown);
        m_window->saveSettings();
        MainWindow other;
        other.setCatalog(testCatalog());
        other.restoreSettings();
        QCOMPARE(other.currentModel(), kModel);
        QCOMPARE(other.targets().ttftMs, 123.0);
        QCOMPARE(other.targets().ntpotMs, 45.0);
        QVERIFY(!isKnown(other.targets().itlMs));
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
