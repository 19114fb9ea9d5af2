// Catalog loading speed (docs/catalog-format.md, "Speed"). Plain program printing medians:
//   bench_catalog_load [profiles=100000] [runs=5] [keep-file-path]
// Prints wall-clock and CPU time medians (CPU time = this process, the honest figure on a busy machine).
// 1. a synthetic catalog of N profiles x 8 points x 26 columns (deterministic values), written to a
//    temporary file, loaded in full (target: <= 1 s for 100,000 profiles);
// 2. the same file loaded with onlyModels = one of 100 models (the `--model` skip path);
// 3. the embedded catalog (":/catalog/*.json") through ProfileCatalog::load, with and without onlyModels.

#include "catalog/catalogloader.h"
#include "catalog/catalogwriter.h"
#include "catalog/pointcolumns.h"
#include "catalog/profilecatalog.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <functional>
#include <random>
#include <vector>

using namespace iq;

namespace {

constexpr int kPointsPerProfile = 8;
constexpr int kColumns = 26;
constexpr int kModels = 100;

CatalogData syntheticCatalog(int profiles)
{
    std::mt19937_64 rng(12345);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    CatalogData d;
    d.name = QStringLiteral("synthetic benchmark catalog");
    for (int m = 0; m < kModels; ++m) {
        Model model;
        model.id = QStringLiteral("org/model-%1").arg(m, 3, 10, QLatin1Char('0'));
        d.models << model;
    }
    const auto &columns = pointColumns();
    d.profiles.reserve(profiles);
    for (int i = 0; i < profiles; ++i) {
        Profile p;
        p.model = d.models[i % kModels].id;
        p.modelServer = QStringLiteral("vllm");
        p.modelServerVersion =
            QStringLiteral("v0.%1.0").arg(i / kModels); // unique (model, version): no duplicates
        p.accelerator = QStringLiteral("nvidia-l4");
        p.acceleratorCount = 1 + i % 8;
        p.instanceType = QStringLiteral("g2-standard-%1").arg(4 * (1 + i % 24));
        p.useCase = QStringLiteral("Chatbot (ShareGPT)");
        p.averageInputLength = 128;
        p.averageOutputLength = 128;
        p.provenance.kind = Provenance::Kind::Estimated;
        p.provenance.source = QStringLiteral("benchmark generator");
        p.provenance.estimatorVersion = QStringLiteral("1");
        p.provenance.errorBandPercent = 15;
        for (int k = 0; k < kPointsPerProfile; ++k) {
            BenchmarkPoint pt;
            // The first 26 columns get values with realistic magnitudes and digits (rates rise with k).
            for (int c = 0; c < kColumns; ++c) {
                const double scale = columns[c].unit == PointColumn::Unit::Fraction ? 1.0 : 1000.0;
                columns[c].ref(pt) = std::round(unit(rng) * scale * 1000) / 1000;
            }
            pt.requestRate = 0.5 * (k + 1);
            p.points << pt;
        }
        d.profiles << p;
    }
    return d;
}

double cpuMs()
{
    timespec t{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_nsec) / 1e6;
}

double g_lastCpuMedian = 0;

// Median wall time; the median CPU time goes to g_lastCpuMedian.
double medianMs(int runs, const std::function<void()> &f)
{
    std::vector<double> times;
    std::vector<double> cpu;
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer t;
        const double c0 = cpuMs();
        t.start();
        f();
        times.push_back(static_cast<double>(t.nsecsElapsed()) / 1e6);
        cpu.push_back(cpuMs() - c0);
    }
    std::sort(times.begin(), times.end());
    std::sort(cpu.begin(), cpu.end());
    g_lastCpuMedian = cpu[cpu.size() / 2];
    return times[times.size() / 2];
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int profiles = argc > 1 ? QByteArray(argv[1]).toInt() : 100000;
    const int runs = argc > 2 ? QByteArray(argv[2]).toInt() : 5;

    QTemporaryDir dir;
    const QString path =
        argc > 3 ? QString::fromLocal8Bit(argv[3]) : dir.filePath(QStringLiteral("synthetic.json"));
    const CatalogData data = syntheticCatalog(profiles);
    QByteArray bytes;
    const double serializeMs = medianMs(runs, [&] { bytes = serializeCatalog(data); });
    {
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size()) {
            std::fprintf(stderr, "cannot write %s\n", qPrintable(path));
            return 1;
        }
    }
    std::printf("synthetic catalog: %d profiles x %d points x %d columns, %.1f MB\n", profiles,
                kPointsPerProfile, kColumns, static_cast<double>(bytes.size()) / 1e6);
    std::printf("serialize:                     median %8.1f ms wall, %8.1f ms CPU (%d runs)\n", serializeMs,
                g_lastCpuMedian, runs);

    qsizetype loaded = 0;
    for (const bool parallel : {true, false}) {
        CatalogLoadOptions options;
        options.parallel = parallel;
        const double fullMs = medianMs(runs, [&] {
            const CatalogLoadResult r = loadCatalogFile(path, options);
            if (!r.ok() || !r.warnings.isEmpty())
                std::fprintf(stderr, "unexpected diagnostics: %s\n",
                             qPrintable((r.errors + r.warnings).first().toString()));
            loaded = r.data.profiles.size();
        });
        std::printf("load all profiles, %s: median %8.1f ms wall, %8.1f ms CPU (%lld profiles)\n",
                    parallel ? "2 threads" : "1 thread ", fullMs, g_lastCpuMedian,
                    static_cast<long long>(loaded));
    }

    CatalogLoadOptions only;
    only.onlyModels = {QStringLiteral("org/model-042")};
    const double onlyMs = medianMs(runs, [&] { loaded = loadCatalogFile(path, only).data.profiles.size(); });
    std::printf("load one model (onlyModels):   median %8.1f ms wall, %8.1f ms CPU (%lld profiles)\n", onlyMs,
                g_lastCpuMedian, static_cast<long long>(loaded));

    CatalogSources embedded;
    embedded.userDirectory = false;
    const double embeddedMs = medianMs(runs * 4, [&] {
        QList<Diagnostic> errors;
        loaded = ProfileCatalog::load(embedded, &errors).data().profiles.size();
    });
    std::printf("embedded catalog, all:         median %8.3f ms wall, %8.3f ms CPU (%lld profiles)\n",
                embeddedMs, g_lastCpuMedian, static_cast<long long>(loaded));
    embedded.onlyModels = {QStringLiteral("openai/gpt-oss-20b")};
    const double embeddedOnlyMs = medianMs(runs * 4, [&] {
        QList<Diagnostic> errors;
        loaded = ProfileCatalog::load(embedded, &errors).data().profiles.size();
    });
    std::printf("embedded catalog, one model:   median %8.3f ms wall, %8.3f ms CPU (%lld profiles)\n",
                embeddedOnlyMs, g_lastCpuMedian, static_cast<long long>(loaded));
    return 0;
}
