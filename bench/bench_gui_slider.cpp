// One latency-slider step in the main window: recompute (Recommender), table, charts (replace()), YAML and
// the repaint, timed per step. Plain program printing median and p95:
//   bench_gui_slider            embedded catalog (as shipped), every model with profiles in turn
//   (always also) a synthetic 1,000-profile catalog: 50 models x 20 configurations x 20 points
// The synthetic curves are generated here for timing only (a queueing-shaped formula, not data).
#include "catalog/profilecatalog.h"
#include "customestimator.h"
#include "estimator/hfconfig.h"
#include "latencytargetcontrol.h"
#include "mainwindow.h"
#include "modellistmodel.h"
#include "profiletablemodel.h"

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

// Sweeps the NTPOT slider over its range and back; returns per-step times in ms.
std::vector<double> sweep(MainWindow &w, int steps)
{
    LatencyTargetControl *ntpot = w.targetControl(ChartMetric::Ntpot);
    ntpot->setOn(true);
    QSlider *slider = ntpot->slider();
    std::vector<double> ms;
    QElapsedTimer t;
    for (int i = 0; i < steps; ++i) {
        const int phase = i % 100;
        const int pos = (phase < 50 ? phase : 100 - phase) * (slider->maximum() / 50);
        t.start();
        slider->setValue(pos == slider->value() ? pos + 1 : pos);
        const double compute = double(t.nsecsElapsed()) / 1e6;
        QCoreApplication::processEvents(); // the repaint of table and charts
        ms.push_back(double(t.nsecsElapsed()) / 1e6);
        if (qEnvironmentVariableIsSet("IQ_BENCH_SPLIT"))
            std::printf("  step %d: update %.2f ms, total %.2f ms\n", i, compute, ms.back());
    }
    ntpot->setOn(false);
    return ms;
}

void report(const char *what, const std::vector<double> &ms)
{
    std::printf("%s: %zu steps, median %.2f ms, p95 %.2f ms, max %.2f ms\n", what, ms.size(),
                percentile(ms, 0.5), percentile(ms, 0.95), percentile(ms, 1.0));
}
} // namespace

int main(int argc, char *argv[])
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);

    {
        MainWindow w;
        CatalogSources sources;
        sources.userDirectory = false;
        w.loadCatalog(sources);
        w.resize(1440, 900);
        w.show();
        QCoreApplication::processEvents();
        std::vector<double> all;
        for (const ModelEntry &e : w.modelListModel()->entries()) {
            w.setModel(e.id);
            QCoreApplication::processEvents();
            const std::vector<double> ms = sweep(w, 200);
            all.insert(all.end(), ms.begin(), ms.end());
        }
        std::printf("embedded catalog: %lld profiles, %lld models with profiles\n",
                    static_cast<long long>(w.catalog().data().profiles.size()),
                    static_cast<long long>(w.modelListModel()->entries().size()));
        report("slider step, embedded catalog", all);
    }
    {
        // The embedded catalog plus a model estimated by the core estimator on every accelerator of the
        // catalog (what the embedded catalog looks like once it carries estimated curves: ~10 curves of 20
        // points for one model).
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
            w.resize(1440, 900);
            w.show();
            QCoreApplication::processEvents();
            std::printf("embedded catalog + estimated %s: %d profiles of %lld points shown\n",
                        qPrintable(hf.model.id), w.tableModel()->rowCount(),
                        static_cast<long long>(
                            out.layer.profiles.isEmpty() ? 0 : out.layer.profiles.first().points.size()));
            report("slider step, embedded catalog + one estimated model", sweep(w, 300));
        } else {
            std::printf("%s\n", qPrintable(hf.error));
        }
    }
    {
        MainWindow w;
        w.setCatalog(ProfileCatalog::fromData({syntheticCatalog(50, 20, 20)}));
        w.setModel(QStringLiteral("bench/model-025"));
        w.resize(1440, 900);
        w.show();
        QCoreApplication::processEvents();
        std::printf("synthetic catalog: %lld profiles; model shown has %d\n",
                    static_cast<long long>(w.catalog().data().profiles.size()), w.tableModel()->rowCount());
        report("slider step, 1,000-profile catalog", sweep(w, 300));
    }
    {
        MainWindow w;
        w.setCatalog(ProfileCatalog::fromData({syntheticCatalog(1, 200, 20, true)}));
        w.setModel(QStringLiteral("bench/model-000"));
        w.resize(1440, 900);
        w.show();
        QCoreApplication::processEvents();
        std::printf("one model: %d profiles shown\n", w.tableModel()->rowCount());
        report("slider step, one model with 200 profiles (worst case: 200 curves per chart)", sweep(w, 100));
    }
    return 0;
}
