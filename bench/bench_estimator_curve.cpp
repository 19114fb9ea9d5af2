// Speed of the estimator: one full latency-throughput curve (offline saturation run + 20 Poisson rates,
// 2,000 measured requests each) for Llama-3.1-8B on one L4 (vLLM, ShareGPT), and for an MoE model on H100.
// Plain program: prints the median of N runs. Usage: bench_estimator_curve [runs=15]

#include "catalog/referencedata.h"
#include "estimator/estimator.h"
#include "estimator/modelfacts.h"

#include <QCoreApplication>
#include <QElapsedTimer>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <vector>

using namespace iq;

namespace {

// CPU time of this thread: robust when other processes share the two cores (wall time is printed too).
double threadCpuMs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

double medianMs(const EstimateRequest &req, int runs, int *points, long *requests, double *cpuMedian)
{
    std::vector<double> times, cpu;
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer t;
        t.start();
        const double c0 = threadCpuMs();
        const EstimateResult r = estimate(req, defaultCalibration());
        cpu.push_back(threadCpuMs() - c0);
        times.push_back(double(t.nsecsElapsed()) / 1e6);
        if (!r.feasible) {
            std::fprintf(stderr, "infeasible: %s\n", qPrintable(r.reason));
            return -1;
        }
        *points = int(r.points.size());
        *requests = long(r.points.size()) * req.requestsPerPoint;
    }
    std::sort(times.begin(), times.end());
    std::sort(cpu.begin(), cpu.end());
    *cpuMedian = cpu[cpu.size() / 2];
    return times[times.size() / 2];
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int runs = argc > 1 ? std::max(1, atoi(argv[1])) : 15;
    const ModelFactsResult facts = loadModelFacts();
    const ReferenceData ref = loadReferenceData();
    struct Case
    {
        const char *model;
        const char *accelerator;
        int count;
    };
    const Case cases[] = {{"meta-llama/Llama-3.1-8B-Instruct", "nvidia-l4", 1},
                          {"meta-llama/Llama-3.1-8B-Instruct", "nvidia-h100-80gb", 1},
                          {"Qwen/Qwen3-30B-A3B", "nvidia-h100-80gb", 1},
                          {"meta-llama/Llama-3.3-70B-Instruct", "tpu-v6e-slice", 8}};
    for (const Case &c : cases) {
        const ModelArchitecture *m = findModel(facts.models, QString::fromLatin1(c.model));
        const Accelerator *acc = nullptr;
        for (const Accelerator &a : ref.accelerators) {
            if (a.gkeLabel == QLatin1String(c.accelerator))
                acc = &a;
        }
        if (!m || !acc) {
            std::fprintf(stderr, "missing facts for %s on %s\n", c.model, c.accelerator);
            return 1;
        }
        EstimateRequest req;
        req.model = *m;
        req.accelerator = *acc;
        req.acceleratorCount = c.count;
        req.modelServer = acc->isTpu ? QStringLiteral("vllm-tpu") : QStringLiteral("vllm");
        int points = 0;
        long requests = 0;
        double cpu = 0;
        const double ms = medianMs(req, runs, &points, &requests, &cpu);
        std::printf(
            "curve %-36s %dx %-18s %2d points, %ld measured requests: median %.1f ms wall, %.1f ms CPU "
            "(%d runs)\n",
            c.model, c.count, c.accelerator, points, requests, ms, cpu, runs);
    }
    return 0;
}
