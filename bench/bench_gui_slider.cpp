// One latency-slider step in the main window, timed per step: valueChanged -> recompute (Recommender), table,
// charts, YAML, then the event loop until the window is painted and objects deleted with deleteLater() are
// gone (what the application's event loop does after every event). Plain program; progress goes to stderr
// per model, the table of medians / p95 to stdout at the end.
//   bench_gui_slider [--steps N] [--embedded-only | --skip-embedded] [--model ID]
//     --steps N        slider steps per model (default 100: one sweep up and down over 50 positions)
//     --embedded-only  skip the estimated-model and synthetic-catalog runs
//     --skip-embedded  only those
//     --model ID       only this model of the embedded catalog
// Runs (default): every model with profiles of the embedded catalog; the embedded catalog plus one model
// estimated by the core estimator; a synthetic 1,000-profile catalog (50 models x 20 configurations x 20
// points); one synthetic model with 200 profiles. The synthetic curves are generated here for timing only
// (a queueing-shaped formula, not data).
// IQ_BENCH_SPLIT=1 prints every step (update = the synchronous part, total = with painting);
// IQ_BENCH_PAINT=1 prints, per sweep, the painting time per widget class.
#include "catalog/profilecatalog.h"
#include "customestimator.h"
#include "estimator/hfconfig.h"
#include "latencytargetcontrol.h"
#include "mainwindow.h"
#include "modellistmodel.h"
#include "profiletablemodel.h"

#include <QAbstractScrollArea>
#include <QApplication>
#include <QElapsedTimer>
#include <QSlider>
#include <QStandardPaths>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace iq;
using namespace iq::gui;

namespace {
double percentile(std::vector<double> v, double p)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    const size_t i = std::min(v.size() - 1, size_t(p * double(v.size() - 1) + 0.5));
    return v.at(i);
}

CatalogData syntheticCatalog(int models, int configsPerModel, int points, bool oneVersion = false)
{
    CatalogData c;
    c.name = QStringLiteral("synthetic benchmark catalog");
    const QStringList accels{QStringLiteral("nvidia-l4"), QStringLiteral("nvidia-a100-80gb"),
                             QStringLiteral("nvidia-h100-80gb"), QStringLiteral("nvidia-h200-141gb"),
                             QStringLiteral("tpu-v6e-slice")};
    for (int m = 0; m < models; ++m) {
        Model model;
        model.id = QStringLiteral("bench/model-%1").arg(m, 3, 10, QLatin1Char('0'));
        model.family = QStringLiteral("bench");
        model.parametersB = 1 + m;
        model.weightsGB = 2 * (1 + m);
        c.models << model;
        for (int k = 0; k < configsPerModel; ++k) {
            Profile p;
            p.model = model.id;
            p.modelServer = QStringLiteral("vllm");
            p.modelServerVersion =
                oneVersion ? QStringLiteral("1.0.0") : QStringLiteral("1.%1.0").arg(k / 10);
            p.accelerator = accels.at(k % accels.size());
            p.acceleratorCount = 1 << ((k / accels.size()) % 2);
            p.instanceType =
                QStringLiteral("bench-%1-%2-%3").arg(p.accelerator).arg(p.acceleratorCount).arg(k);
            p.useCase = QStringLiteral("Chatbot (ShareGPT)");
            p.averageInputLength = 128;
            p.averageOutputLength = 128;
            p.provenance.kind = Provenance::Kind::Estimated;
            const double capacity = 10.0 * (1 + k) * p.acceleratorCount; // requests/s at saturation
            const double base = 20.0 + 5 * (k % 7);                      // ms per token unloaded
            for (int i = 0; i < points; ++i) {
                const double rho = 0.05 + 0.9 * i / double(points - 1);
                BenchmarkPoint pt;
                pt.requestRate = rho * capacity;
                pt.outputTokensPerSecond = pt.requestRate * 128 * (1 - 0.3 * rho * rho);
                pt.inputTokensPerSecond = pt.requestRate * 128;
                pt.ntpotMs.mean = base / (1 - rho);
                pt.tpotMs.mean = base * 0.9 / (1 - rho);
                pt.ttftMs.mean = 4 * base / (1 - rho);
                pt.itlMs.mean = base * 0.8 / (1 - rho);
                pt.queueSize = rho * rho / (1 - rho);
                pt.runningBatchSize = 1 + 60 * rho;
                p.points << pt;
            }
            c.profiles << p;
        }
    }
    for (int k = 0; k < configsPerModel; ++k) {
        Price price;
        price.machineType = c.profiles.at(k).instanceType;
        price.region = QStringLiteral("us-central1");
        price.pricingModel = QStringLiteral("spot");
        price.usdPerHour = 1.0 + k;
        c.prices << price;
    }
    return c;
}

// IQ_BENCH_PAINT=1: where painting goes during a sweep: paint events and their time per widget class.
class PaintTimer : public QObject
{
public:
    explicit PaintTimer(QWidget *window)
    {
        if (!qEnvironmentVariableIsSet("IQ_BENCH_PAINT"))
            return;
        m_widgets = window->findChildren<QWidget *>();
        m_widgets << window;
        for (QWidget *widget : std::as_const(m_widgets))
            widget->installEventFilter(this);
    }
    ~PaintTimer() override
    {
        for (QWidget *widget : std::as_const(m_widgets))
            widget->removeEventFilter(this);
    }
    void print(int steps) const
    {
        for (auto it = m_ms.begin(); it != m_ms.end(); ++it)
            if (it.value() / steps >= 0.3)
                std::fprintf(stderr, "    painting %s: %.2f ms per step (%d paints)\n", qPrintable(it.key()),
                             it.value() / steps, m_count.value(it.key()));
    }

protected:
    bool eventFilter(QObject *o, QEvent *e) override
    {
        if (e->type() != QEvent::Paint)
            return false;
        // Viewports are named after the view that owns them.
        const auto *area = qobject_cast<QAbstractScrollArea *>(o->parent());
        const QObject *named = area && area->viewport() == o ? o->parent() : o;
        const QString name = QString::fromLatin1(named->metaObject()->className());
        QElapsedTimer t;
        t.start();
        o->removeEventFilter(this);
        QCoreApplication::sendEvent(o, e);
        o->installEventFilter(this);
        m_ms[name] += double(t.nsecsElapsed()) / 1e6;
        ++m_count[name];
        return true;
    }

private:
    QList<QWidget *> m_widgets;
    QMap<QString, double> m_ms;
    QMap<QString, int> m_count;
};

struct SweepResult
{
    std::vector<double> total;  // ms per step: update + painting + deferred deletes
    std::vector<double> update; // ms per step: the synchronous part (valueChanged handlers)
    int recomputes = 0;
    int chartRebuilds = 0; // NTPOT chart: series created anew during the sweep
    int chartRefills = 0;  // NTPOT chart: another curve set drawn by the existing series
    int tableResets = 0;
};

// Lets the event loop run the way QApplication::exec() would between two user events: posted events
// (layout, the repaint) and then deferred deletes. Without the last, every object Qt Charts releases with
// deleteLater() stays in the scene when a program calls processEvents() outside exec(), and painting slows
// down model after model.
void runEventLoopOnce()
{
    QCoreApplication::processEvents();
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
}

// Sweeps the NTPOT slider over 50 positions up and back (period 100 steps).
SweepResult sweep(MainWindow &w, int steps)
{
    LatencyTargetControl *ntpot = w.targetControl(ChartMetric::Ntpot);
    ntpot->setOn(true);
    runEventLoopOnce();
    QSlider *slider = ntpot->slider();
    SweepResult r;
    const QMetaObject::Connection c1 =
        QObject::connect(&w, &MainWindow::recomputed, [&r] { ++r.recomputes; });
    const QMetaObject::Connection c2 =
        QObject::connect(w.tableModel(), &QAbstractItemModel::modelReset, [&r] { ++r.tableResets; });
    const int rebuildsBefore = w.chart(ChartMetric::Ntpot)->rebuildCount();
    const int refillsBefore = w.chart(ChartMetric::Ntpot)->refillCount();
    const bool split = qEnvironmentVariableIsSet("IQ_BENCH_SPLIT");
    PaintTimer paints(&w);
    QElapsedTimer t;
    for (int i = 0; i < steps; ++i) {
        const int phase = i % 100;
        const int pos = (phase < 50 ? phase : 100 - phase) * (slider->maximum() / 50);
        t.start();
        slider->setValue(pos == slider->value() ? pos + 1 : pos);
        r.update.push_back(double(t.nsecsElapsed()) / 1e6);
        runEventLoopOnce();
        r.total.push_back(double(t.nsecsElapsed()) / 1e6);
        if (split)
            std::fprintf(stderr, "  step %d: update %.2f ms, total %.2f ms\n", i, r.update.back(),
                         r.total.back());
    }
    paints.print(steps);
    r.chartRebuilds = w.chart(ChartMetric::Ntpot)->rebuildCount() - rebuildsBefore;
    r.chartRefills = w.chart(ChartMetric::Ntpot)->refillCount() - refillsBefore;
    QObject::disconnect(c1);
    QObject::disconnect(c2);
    ntpot->setOn(false);
    runEventLoopOnce();
    return r;
}

struct Row
{
    QString name;
    int rows = 0;
    SweepResult result;
};

void printRow(FILE *out, const Row &row)
{
    const SweepResult &r = row.result;
    std::fprintf(out, "%-44s %5d %7.2f %7.2f %7.2f %7.2f %7.2f %5d %5d %5d %5d\n",
                 qPrintable(row.name.left(44)), row.rows, percentile(r.total, 0.5), percentile(r.total, 0.95),
                 percentile(r.total, 1.0), percentile(r.update, 0.5), percentile(r.update, 0.95),
                 r.recomputes, r.chartRebuilds, r.chartRefills, r.tableResets);
    std::fflush(out);
}

void printHeader(FILE *out)
{
    std::fprintf(out, "%-44s %5s %7s %7s %7s %7s %7s %5s %5s %5s %5s\n", "model", "rows", "median", "p95",
                 "max", "upd.med", "upd.p95", "recmp", "rebld", "refil", "reset");
    std::fflush(out);
}

void report(const char *what, const std::vector<double> &ms)
{
    std::printf("%s: %zu steps, median %.2f ms, p95 %.2f ms, max %.2f ms\n", what, ms.size(),
                percentile(ms, 0.5), percentile(ms, 0.95), percentile(ms, 1.0));
    std::fflush(stdout);
}

void showWindow(MainWindow &w)
{
    w.resize(1440, 900);
    w.show();
    runEventLoopOnce();
}
} // namespace

int main(int argc, char *argv[])
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);
    int steps = 100;
    bool embeddedOnly = false;
    bool skipEmbedded = false;
    QString onlyModel;
    const QStringList args = QCoreApplication::arguments();
    for (qsizetype i = 1; i < args.size(); ++i) {
        if (args.at(i) == QLatin1String("--steps") && i + 1 < args.size())
            steps = std::max(1, args.at(++i).toInt());
        else if (args.at(i) == QLatin1String("--embedded-only"))
            embeddedOnly = true;
        else if (args.at(i) == QLatin1String("--skip-embedded"))
            skipEmbedded = true;
        else if (args.at(i) == QLatin1String("--model") && i + 1 < args.size())
            onlyModel = args.at(++i);
        else {
            std::fprintf(
                stderr,
                "usage: bench_gui_slider [--steps N] [--embedded-only | --skip-embedded] [--model ID]\n");
            return 2;
        }
    }

    QElapsedTimer wall;
    wall.start();
    if (!skipEmbedded) {
        MainWindow w;
        CatalogSources sources;
        sources.userDirectory = false;
        w.loadCatalog(sources);
        showWindow(w);
        QList<ModelEntry> entries = w.modelListModel()->entries();
        if (!onlyModel.isEmpty())
            entries.removeIf([&onlyModel](const ModelEntry &e) { return e.id != onlyModel; });
        if (entries.isEmpty()) {
            std::fprintf(stderr, "no model to sweep\n");
            return 2;
        }
        std::fprintf(stderr, "embedded catalog: %lld profiles, %lld models, %d steps per model\n",
                     static_cast<long long>(w.catalog().data().profiles.size()),
                     static_cast<long long>(entries.size()), steps);
        std::vector<Row> rows;
        std::vector<double> all, allUpdate;
        for (qsizetype m = 0; m < entries.size(); ++m) {
            w.setModel(entries.at(m).id);
            runEventLoopOnce();
            Row row{entries.at(m).id, w.tableModel()->rowCount(), sweep(w, steps)};
            std::fprintf(stderr, "[%lld/%lld %.0f s] ", static_cast<long long>(m + 1),
                         static_cast<long long>(entries.size()), double(wall.elapsed()) / 1000);
            printRow(stderr, row);
            all.insert(all.end(), row.result.total.begin(), row.result.total.end());
            allUpdate.insert(allUpdate.end(), row.result.update.begin(), row.result.update.end());
            rows.push_back(row);
        }
        std::printf("slider step per model (ms; upd = synchronous part before painting; recmp = recomputes, "
                    "rebld = NTPOT chart series built anew, refil = curve set changed in the existing "
                    "series, reset = table model "
                    "resets during the sweep)\n");
        printHeader(stdout);
        for (const Row &row : rows)
            printRow(stdout, row);
        std::vector<double> medians, p95s;
        for (const Row &row : rows) {
            medians.push_back(percentile(row.result.total, 0.5));
            p95s.push_back(percentile(row.result.total, 0.95));
        }
        const auto worstMedian = std::max_element(medians.begin(), medians.end()) - medians.begin();
        const auto worstP95 = std::max_element(p95s.begin(), p95s.end()) - p95s.begin();
        std::printf("per-model medians: min %.2f, median %.2f, max %.2f ms (%s)\n", percentile(medians, 0),
                    percentile(medians, 0.5), percentile(medians, 1.0),
                    qPrintable(rows.at(size_t(worstMedian)).name));
        std::printf("per-model p95: min %.2f, median %.2f, max %.2f ms (%s)\n", percentile(p95s, 0),
                    percentile(p95s, 0.5), percentile(p95s, 1.0), qPrintable(rows.at(size_t(worstP95)).name));
        report("slider step, embedded catalog, all models", all);
        report("  of which synchronous (before painting)", allUpdate);
    }
    if (embeddedOnly)
        return 0;
    {
        // The embedded catalog plus a model estimated by the core estimator on every accelerator of the
        // catalog (what the embedded catalog looks like once it carries estimated curves).
        std::fprintf(stderr, "estimating qwen2.5-7b on the catalog's accelerators...\n");
        CatalogSources sources;
        sources.userDirectory = false;
        const ProfileCatalog embedded = ProfileCatalog::load(sources, nullptr);
        const QString config = QStringLiteral(IQ_SOURCE_DIR "/tests/data/hfconfig/qwen2.5-7b.json");
        const HfConfigResult hf = readHfConfigFile(config);
        if (hf.ok()) {
            CustomEstimateInput in;
            in.model = hf.model;
            in.configPath = config;
            in.machineTypes = embedded.data().machineTypes;
            in.accelerators = embedded.data().accelerators;
            in.modelServers = embedded.data().modelServers;
            const CustomEstimateOutput out = CustomEstimator::run(in);
            MainWindow w;
            w.setCatalog(ProfileCatalog::fromData({embedded.data(), out.layer}));
            w.setModel(hf.model.id);
            showWindow(w);
            std::printf("embedded catalog + estimated %s: %d profiles of %lld points shown\n",
                        qPrintable(hf.model.id), w.tableModel()->rowCount(),
                        static_cast<long long>(
                            out.layer.profiles.isEmpty() ? 0 : out.layer.profiles.first().points.size()));
            report("slider step, embedded catalog + one estimated model", sweep(w, steps).total);
        } else {
            std::printf("%s\n", qPrintable(hf.error));
        }
    }
    {
        std::fprintf(stderr, "synthetic 1,000-profile catalog...\n");
        MainWindow w;
        w.setCatalog(ProfileCatalog::fromData({syntheticCatalog(50, 20, 20)}));
        w.setModel(QStringLiteral("bench/model-025"));
        showWindow(w);
        std::printf("synthetic catalog: %lld profiles; model shown has %d\n",
                    static_cast<long long>(w.catalog().data().profiles.size()), w.tableModel()->rowCount());
        report("slider step, 1,000-profile catalog", sweep(w, steps).total);
    }
    {
        std::fprintf(stderr, "synthetic model with 200 profiles...\n");
        MainWindow w;
        w.setCatalog(ProfileCatalog::fromData({syntheticCatalog(1, 200, 20, true)}));
        w.setModel(QStringLiteral("bench/model-000"));
        showWindow(w);
        std::printf("one model: %d profiles shown\n", w.tableModel()->rowCount());
        report("slider step, one model with 200 profiles (curves capped as in the app)",
               sweep(w, steps).total);
    }
    std::fprintf(stderr, "done in %.0f s\n", double(wall.elapsed()) / 1000);
    return 0;
}
