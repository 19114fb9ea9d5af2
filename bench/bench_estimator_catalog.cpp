// Catalog build speed and the accuracy of its shortened curves.
//   bench_estimator_catalog            time buildEstimatedProfiles() over the reference facts (all cores of
//                                      the global thread pool; run with QT threads = 2 to mimic CI)
//   bench_estimator_catalog accuracy   for a sample of configurations, compare curves with N measured
//                                      requests per point against 2,000: output throughput at every point,
//                                      TTFT/TPOT means at points below saturation (max relative difference)

#include "catalog/referencedata.h"
#include "estimator/catalogestimates.h"
#include "estimator/estimator.h"
#include "estimator/modelfacts.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QThreadPool>

#include <algorithm>
#include <cmath>
#include <cstdio>

using namespace iq;

namespace {

int accuracy(const ReferenceData &ref, int n)
{
    const ModelFactsResult facts = loadModelFacts();
    struct Case
    {
        const char *model, *accelerator;
        int count;
        const char *server;
    };
    const Case cases[] = {{"meta-llama/Llama-3.1-8B-Instruct", "nvidia-l4", 1, "vllm"},
                          {"meta-llama/Llama-3.1-8B-Instruct", "nvidia-h100-80gb", 1, "sglang"},
                          {"google/gemma-3-27b-it", "nvidia-a100-80gb", 2, "vllm"},
                          {"Qwen/Qwen3-30B-A3B", "nvidia-h100-80gb", 1, "vllm"},
                          {"meta-llama/Llama-3.3-70B-Instruct", "tpu-v6e-slice", 8, "vllm-tpu"},
                          {"openai/gpt-oss-20b", "nvidia-l4", 2, "vllm"}};
    double worstTp = 0, worstLat = 0;
    for (const Case &c : cases) {
        const ModelArchitecture *m = findModel(facts.models, QString::fromLatin1(c.model));
        const Accelerator *acc = nullptr;
        for (const Accelerator &a : ref.accelerators) {
            if (a.gkeLabel == QLatin1String(c.accelerator))
                acc = &a;
        }
        if (!m || !acc)
            continue;
        EstimateRequest req;
        req.model = *m;
        req.accelerator = *acc;
        req.acceleratorCount = c.count;
        req.modelServer = QString::fromLatin1(c.server);
        req.requestsPerPoint = 2000;
        const EstimateResult full = estimate(req, defaultCalibration());
        req.requestsPerPoint = n;
        const EstimateResult shortRun = estimate(req, defaultCalibration());
        if (!full.feasible || !shortRun.feasible) {
            std::printf("%s on %s: infeasible: %s\n", c.model, c.accelerator, qPrintable(full.reason));
            continue;
        }
        double tp = 0, lat = 0, tpSum = 0, latSum = 0;
        int latN = 0;
        const double sat = full.saturationRequestRate;
        for (int i = 0; i < full.points.size(); ++i) {
            const BenchmarkPoint &a = full.points[i], &b = shortRun.points[i];
            // the same rates (the saturation run has the same length in both): compare point by point
            const double dtp =
                std::abs(b.outputTokensPerSecond - a.outputTokensPerSecond) / a.outputTokensPerSecond;
            tp = std::max(tp, dtp);
            tpSum += dtp;
            if (a.requestRate < 0.9 * sat) {
                const double dl = std::max(std::abs(b.ttftMs.mean - a.ttftMs.mean) / a.ttftMs.mean,
                                           std::abs(b.tpotMs.mean - a.tpotMs.mean) / a.tpotMs.mean);
                lat = std::max(lat, dl);
                latSum += dl;
                ++latN;
            }
        }
        std::printf("%-36s %dx %-18s %-8s throughput diff max %.2f%% mean %.2f%%; TTFT/TPOT below saturation "
                    "max %.2f%% mean %.2f%%\n",
                    c.model, c.count, c.accelerator, c.server, tp * 100,
                    tpSum / double(full.points.size()) * 100, lat * 100, latN ? latSum / latN * 100 : 0.0);
        worstTp = std::max(worstTp, tp);
        worstLat = std::max(worstLat, lat);
    }
    std::printf("worst: throughput %.2f%%, latency below saturation %.2f%% (%d vs 2000 requests per point)\n",
                worstTp * 100, worstLat * 100, n);
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const ReferenceData ref = loadReferenceData();
    if (argc > 1 && QByteArray(argv[1]) == "accuracy")
        return accuracy(ref, argc > 2 ? atoi(argv[2]) : 500);
    QThreadPool::globalInstance()->setMaxThreadCount(2);
    CatalogData data;
    data.accelerators = ref.accelerators;
    data.machineTypes = ref.machineTypes;
    EstimateBuildOptions options;
    if (argc > 1)
        options.requestsPerPoint = std::max(100, atoi(argv[1]));
    QStringList log;
    QElapsedTimer t;
    t.start();
    const QList<Profile> profiles = buildEstimatedProfiles(data, options, &log);
    const double s = double(t.elapsed()) / 1000.0;
    std::printf("%s\n", qPrintable(log.isEmpty() ? QString() : log.last()));
    std::printf("catalog build: %lld profiles in %.1f s wall on 2 threads (%d requests per point)\n",
                static_cast<long long>(profiles.size()), s, options.requestsPerPoint);
    return 0;
}
