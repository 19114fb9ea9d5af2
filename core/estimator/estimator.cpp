#include "estimator.h"

#include "steptime.h"

#include <QDate>

#include <algorithm>
#include <cmath>

namespace iq {

QString nativePrecision(const ModelArchitecture &model)
{
    const QString p = model.nativePrecision.trimmed().toLower();
    if (p == QLatin1String("bfloat16") || p.isEmpty())
        return QStringLiteral("bf16");
    if (p == QLatin1String("float16"))
        return QStringLiteral("fp16");
    return p;
}

std::vector<SimLengths> sampleLengths(const LengthDistribution &lengths, quint64 seed, int count)
{
    std::vector<SimLengths> pool;
    pool.reserve(size_t(std::max(1, count)));
    Rng rng(seed);
    for (int i = 0; i < std::max(1, count); ++i) {
        const RequestLengths l = lengths.sample(rng);
        pool.push_back({std::max(1, l.input), std::max(1, l.output)});
    }
    return pool;
}

Provenance EstimateResult::provenance() const
{
    Provenance p;
    p.kind = Provenance::Kind::Estimated;
    p.source = estimatorVersion;
    p.date = QDate::currentDate().toString(Qt::ISODate);
    p.estimatorVersion = estimatorVersion;
    p.errorBandPercent = errorBandPercent;
    p.note =
        QStringLiteral("%1, %2 weights; efficiency factors %3%4")
            .arg(modelServer, precision, calibrationSource,
                 calibrationBorrowed ? QStringLiteral(" (borrowed: no measured point for this accelerator)")
                                     : QString());
    return p;
}

namespace {

SimResult runPoint(const StepModel &sm, const MemoryPlan &plan, const std::vector<SimLengths> &pool,
                   SimConfig::Load load, double rate, int concurrency, int requests, quint64 seed)
{
    SimConfig cfg;
    cfg.load = load;
    cfg.rate = rate;
    cfg.concurrency = concurrency;
    cfg.measuredRequests = requests;
    cfg.seed = seed;
    return simulate(sm, plan, pool, cfg);
}

} // namespace

EstimateResult estimate(const EstimateRequest &req, const Calibration &calibration)
{
    EstimateResult res;
    res.estimatorVersion = calibration.estimatorVersion;
    res.modelServer = req.modelServer.toLower();
    res.precision = req.precision.isEmpty() ? nativePrecision(req.model) : req.precision.toLower();
    const QString family = acceleratorFamily(req.accelerator.gkeLabel);
    EfficiencyFactors factors =
        calibration.factorsFor(family, res.modelServer, &res.calibrationBorrowed, &res.calibrationSource);
    res.errorBandPercent = res.calibrationBorrowed ? calibration.uncalibratedErrorBandPercent
                                                   : calibration.calibratedErrorBandPercent;

    if (req.acceleratorCount < 1) {
        res.reason = QStringLiteral("accelerator count must be at least 1");
        return res;
    }
    if (!req.lengths.isValid()) {
        res.reason = QStringLiteral("the workload has no request lengths");
        return res;
    }
    ServerConfig server;
    if (!defaultServerConfig(res.modelServer, req.accelerator, req.acceleratorCount, &server, &res.reason))
        return res;
    res.memory = planMemory(req.model, res.precision, req.accelerator, req.acceleratorCount, server);
    if (!res.memory.feasible) {
        res.reason = res.memory.reason;
        return res;
    }
    const qint64 longest = qint64(req.lengths.maxInput()) + req.lengths.maxOutput();
    if (req.model.maxPositionEmbeddings > 0 && longest > req.model.maxPositionEmbeddings) {
        res.reason =
            QStringLiteral("the workload's longest request (%1 tokens) exceeds %2's context length (%3)")
                .arg(longest)
                .arg(req.model.id)
                .arg(req.model.maxPositionEmbeddings);
        return res;
    }
    if (kvBytesForTokens(res.memory.kvPerToken, longest, server.blockSize) >
        res.memory.kvCachePerChipGB * 1e9) {
        res.reason =
            QStringLiteral("the KV cache (%1 GB per chip, %2 tokens) cannot hold the workload's longest "
                           "request (%3 tokens)")
                .arg(res.memory.kvCachePerChipGB, 0, 'f', 2)
                .arg(res.memory.kvCacheTokens)
                .arg(longest);
        return res;
    }
    StepModel sm;
    if (!makeStepModel(req.model, res.memory, req.accelerator, factors, &sm, &res.reason))
        return res;
    const double meanContext = req.lengths.meanInput() + req.lengths.meanOutput() / 2.0;
    if (meanContext > 0)
        res.memory.maxBatchAtMeanLength =
            int(std::min<double>(server.maxNumSeqs, res.memory.kvCachePerChipGB * 1e9 /
                                                        kvBytesForTokens(res.memory.kvPerToken,
                                                                         qint64(std::ceil(meanContext)), 1)));

    const std::vector<SimLengths> pool = sampleLengths(req.lengths, req.seed);
    const int n = std::max(1, req.requestsPerPoint);
    auto add = [&](const SimResult &r) {
        if (!r.ok) {
            res.reason = r.error;
            return false;
        }
        res.points.append(r.point);
        res.preemptions += r.preemptions;
        return true;
    };
    switch (req.load) {
    case EstimateRequest::Rate:
        if (!(req.rate > 0)) {
            res.reason = QStringLiteral("request rate must be positive");
            return res;
        }
        if (!add(runPoint(sm, res.memory, pool, SimConfig::Load::Rate, req.rate, 0, n, req.seed)))
            return res;
        break;
    case EstimateRequest::Concurrency:
        if (req.concurrency < 1) {
            res.reason = QStringLiteral("concurrency must be at least 1");
            return res;
        }
        if (!add(runPoint(sm, res.memory, pool, SimConfig::Load::Concurrency, 0, req.concurrency, n,
                          req.seed)))
            return res;
        break;
    case EstimateRequest::Offline: {
        const int prompts = req.numPrompts > 0 ? req.numPrompts : n;
        if (!add(runPoint(sm, res.memory, pool, SimConfig::Load::Offline, 0, 0, prompts, req.seed)))
            return res;
        break;
    }
    case EstimateRequest::Sweep: {
        const int satN = std::max(1, req.saturationRequests);
        const SimResult offline =
            runPoint(sm, res.memory, pool, SimConfig::Load::Offline, 0, 0, satN, req.seed);
        if (!offline.ok) {
            res.reason = offline.error;
            return res;
        }
        double saturation = offline.steadyRequestRate;
        if (!(saturation > 0))
            saturation = offline.makespanS > 0 ? satN / offline.makespanS : 0;
        if (!(saturation > 0)) {
            res.reason = QStringLiteral("the offline run completed no requests");
            return res;
        }
        res.saturationRequestRate = saturation;
        const int count = std::max(2, req.sweepPoints);
        for (int i = 1; i <= count; ++i) {
            const double rate = saturation * req.sweepMaxFraction * i / count;
            if (!add(runPoint(sm, res.memory, pool, SimConfig::Load::Rate, rate, 0, n, req.seed)))
                return res;
        }
        break;
    }
    }
    res.feasible = true;
    return res;
}

} // namespace iq
