#include "calibrationfit.h"

#include "estimator.h"
#include "lengthdistribution.h"
#include "modelfacts.h"
#include "steptime.h"

#include <QDate>
#include <QMap>
#include <QSet>
#include <QtConcurrent>

#include <algorithm>
#include <cmath>

namespace iq {

namespace {

constexpr quint64 kFitSeed = 42;

const Accelerator *findAcc(const QList<Accelerator> &list, const QString &label)
{
    for (const Accelerator &a : list) {
        if (a.gkeLabel == label)
            return &a;
    }
    return nullptr;
}

// The NTPOT that places an operating-point profile on the estimated curve (mean, else median).
double operatingPointNtpot(const CalibrationPoint &cp)
{
    return isKnown(cp.ntpotMs.mean) ? cp.ntpotMs.mean : cp.ntpotMs.p50;
}

// Output tokens/s where the curve (by increasing load) first reaches `ntpot`, by linear interpolation
// between the two sweep points around it; below the first point its throughput, past the last point
// (the curve never gets that slow) the last point's throughput (saturated).
double throughputAtNtpot(const QList<BenchmarkPoint> &curve, double ntpot)
{
    const BenchmarkPoint *prev = nullptr;
    for (const BenchmarkPoint &p : curve) {
        const double y = p.ntpotMs.mean;
        if (!isKnown(y) || !isKnown(p.outputTokensPerSecond))
            continue;
        if (y >= ntpot) {
            if (!prev || !(y > prev->ntpotMs.mean))
                return p.outputTokensPerSecond;
            const double t = (ntpot - prev->ntpotMs.mean) / (y - prev->ntpotMs.mean);
            return prev->outputTokensPerSecond + t * (p.outputTokensPerSecond - prev->outputTokensPerSecond);
        }
        prev = &p;
    }
    return prev ? prev->outputTokensPerSecond : kUnknown;
}

// An operating-point profile (load not stated, e.g. GIQ's latency-bound point on a ShareGPT curve): the
// estimator's full rate sweep with the given factors, read at the measured NTPOT; only throughput is
// compared (NTPOT is equal by construction).
QList<CalibrationResidual> evaluateOperatingPoint(const PreparedPoint &pp, const EfficiencyFactors &factors)
{
    QList<CalibrationResidual> res;
    EstimateRequest req;
    req.model = pp.model;
    req.precision = pp.point.precision;
    req.accelerator = pp.accelerator;
    req.acceleratorCount = pp.point.acceleratorCount;
    req.modelServer = pp.server;
    req.lengths = pp.point.lengths == CalibrationPoint::Lengths::Fixed
                      ? LengthDistribution::fixed(pp.point.inputTokens, pp.point.outputTokens)
                      : LengthDistribution::shareGpt();
    req.load = EstimateRequest::Sweep;
    req.seed = kFitSeed;
    Calibration only;
    CalibrationEntry e;
    e.family = pp.family;
    e.server = pp.server;
    e.factors = factors;
    e.pointCount = 1;
    only.entries.append(e);
    const EstimateResult r = estimate(req, only);
    if (!r.feasible)
        return res;
    const double predicted = throughputAtNtpot(r.points, operatingPointNtpot(pp.point));
    const double measured = pp.point.outputTokensPerSecond;
    if (!isKnown(predicted) || !isKnown(measured) || measured <= 0)
        return res;
    CalibrationResidual c;
    c.pointId = pp.point.id;
    c.family = pp.family;
    c.server = pp.server;
    c.metric = QStringLiteral("output_tokens_per_second");
    c.measured = measured;
    c.predicted = predicted;
    c.absPercentError = std::abs(predicted - measured) / measured * 100.0;
    res.append(c);
    return res;
}

double median(std::vector<double> v)
{
    if (v.empty())
        return -1;
    std::sort(v.begin(), v.end());
    return percentileSorted(v, 0.5);
}

} // namespace

QList<PreparedPoint> preparePoints(const QList<CalibrationPoint> &points,
                                   const QList<ModelArchitecture> &models,
                                   const QList<Accelerator> &accelerators, QStringList *skipped)
{
    QList<PreparedPoint> out;
    auto skip = [&](const CalibrationPoint &p, const QString &why) {
        if (skipped)
            skipped->append(p.id + QStringLiteral(": ") + why);
    };
    for (const CalibrationPoint &cp : points) {
        PreparedPoint pp;
        pp.point = cp;
        const ModelArchitecture *m = findModel(models, cp.model);
        if (!m) {
            skip(cp, QStringLiteral("model %1 is not in the facts table").arg(cp.model));
            continue;
        }
        const Accelerator *acc = findAcc(accelerators, cp.accelerator);
        if (!acc) {
            skip(cp, QStringLiteral("accelerator %1 is not in the reference data").arg(cp.accelerator));
            continue;
        }
        const double opNtpot = operatingPointNtpot(cp);
        if (cp.load == CalibrationPoint::Load::OperatingPoint &&
            (!isKnown(opNtpot) || !(opNtpot > 0) || !isKnown(cp.outputTokensPerSecond))) {
            skip(cp, QStringLiteral("load not stated (operating point of a profile) and no NTPOT and "
                                    "throughput to compare at the same latency"));
            continue;
        }
        pp.model = *m;
        pp.accelerator = *acc;
        pp.family = acceleratorFamily(acc->gkeLabel);
        pp.server = cp.server.toLower();
        if (acc->isTpu && pp.server == QLatin1String("vllm"))
            pp.server = QStringLiteral("vllm-tpu");
        // NVIDIA's perf-overview numbers come from trtllm-bench (in-process, offline), a different harness
        // from trtllm-serve behind an HTTP benchmark client: fitted as their own group.
        if (pp.server == QLatin1String("tensorrt-llm") && cp.source.contains(QLatin1String("perf-overview")))
            pp.server = QStringLiteral("trtllm-bench");
        ServerConfig sc;
        QString error;
        if (!defaultServerConfig(pp.server, *acc, cp.acceleratorCount, &sc, &error)) {
            skip(cp, error);
            continue;
        }
        pp.plan = planMemory(*m, cp.precision, *acc, cp.acceleratorCount, sc);
        if (!pp.plan.feasible) {
            skip(cp, QStringLiteral("estimator says infeasible: ") + pp.plan.reason);
            continue;
        }
        LengthDistribution lengths;
        if (cp.lengths == CalibrationPoint::Lengths::Fixed && cp.inputTokens > 0 && cp.outputTokens > 0)
            lengths = LengthDistribution::fixed(cp.inputTokens, cp.outputTokens);
        else if (cp.lengths == CalibrationPoint::Lengths::ShareGpt)
            lengths = LengthDistribution::shareGpt();
        else {
            skip(cp, QStringLiteral("request lengths not reproducible (dataset not available)"));
            continue;
        }
        const qint64 longest = qint64(lengths.maxInput()) + lengths.maxOutput();
        if (kvBytesForTokens(pp.plan.kvPerToken, longest, sc.blockSize) > pp.plan.kvCachePerChipGB * 1e9) {
            skip(cp, QStringLiteral("KV cache cannot hold the longest request"));
            continue;
        }
        pp.lengths = sampleLengths(lengths, kFitSeed);
        pp.sim.seed = kFitSeed;
        switch (cp.load) {
        case CalibrationPoint::Load::Offline:
            pp.sim.load = SimConfig::Load::Offline;
            pp.sim.measuredRequests = cp.numPrompts > 0 ? std::min(cp.numPrompts, 3000) : 1000;
            break;
        case CalibrationPoint::Load::Concurrency:
            pp.sim.load = SimConfig::Load::Concurrency;
            pp.sim.concurrency = int(std::lround(cp.concurrency));
            pp.sim.measuredRequests = std::min(cp.numPrompts > 0 ? cp.numPrompts : 2000, 2000);
            break;
        case CalibrationPoint::Load::PoissonRate:
            pp.sim.load = SimConfig::Load::Rate;
            pp.sim.rate = cp.requestRate;
            pp.sim.measuredRequests = 2000;
            break;
        case CalibrationPoint::Load::OperatingPoint:
            break;
        }
        out.append(pp);
    }
    // An operating-point profile fixes only throughput at one latency, with the load unknown: it calibrates
    // a (family, server) group that has no point with a stated load (nvidia-l4/vllm), and is left out where
    // such points exist (they measure TTFT and TPOT under a known load; docs/estimator.md).
    QSet<QPair<QString, QString>> statedLoad;
    for (const PreparedPoint &pp : out) {
        if (pp.point.load != CalibrationPoint::Load::OperatingPoint)
            statedLoad.insert({pp.family, pp.server});
    }
    QList<PreparedPoint> kept;
    for (const PreparedPoint &pp : out) {
        if (pp.point.load == CalibrationPoint::Load::OperatingPoint &&
            statedLoad.contains({pp.family, pp.server}))
            skip(pp.point, QStringLiteral("operating point of a profile (load not stated): %1/%2 has points "
                                          "with a stated load, which are used instead")
                               .arg(pp.family, pp.server));
        else
            kept.append(pp);
    }
    return kept;
}

QList<CalibrationResidual> evaluatePoint(const PreparedPoint &pp, const EfficiencyFactors &factors)
{
    if (pp.point.load == CalibrationPoint::Load::OperatingPoint)
        return evaluateOperatingPoint(pp, factors);
    QList<CalibrationResidual> res;
    StepModel sm;
    QString error;
    if (!makeStepModel(pp.model, pp.plan, pp.accelerator, factors, &sm, &error))
        return res;
    const SimResult r = simulate(sm, pp.plan, pp.lengths, pp.sim);
    if (!r.ok)
        return res;
    auto add = [&](const char *metric, double measured, double predicted) {
        if (!isKnown(measured) || measured <= 0 || !isKnown(predicted))
            return;
        CalibrationResidual c;
        c.pointId = pp.point.id;
        c.family = pp.family;
        c.server = pp.server;
        c.metric = QString::fromLatin1(metric);
        c.measured = measured;
        c.predicted = predicted;
        c.absPercentError = std::abs(predicted - measured) / measured * 100.0;
        res.append(c);
    };
    auto stat = [&](const char *metric, const LatencyStats &measured, const LatencyStats &predicted) {
        if (isKnown(measured.mean))
            add(metric, measured.mean, predicted.mean);
        else if (isKnown(measured.p50))
            add(metric, measured.p50, predicted.p50);
    };
    add("output_tokens_per_second", pp.point.outputTokensPerSecond, r.point.outputTokensPerSecond);
    stat("ttft_ms", pp.point.ttftMs, r.point.ttftMs);
    stat("tpot_ms", pp.point.tpotMs, r.point.tpotMs);
    stat("ntpot_ms", pp.point.ntpotMs, r.point.ntpotMs);
    stat("itl_ms", pp.point.itlMs, r.point.itlMs);
    return res;
}

CalibrationSummary summarise(const QList<CalibrationResidual> &residuals)
{
    std::vector<double> tp, ttft, tpot;
    for (const CalibrationResidual &r : residuals) {
        if (r.metric == QLatin1String("output_tokens_per_second"))
            tp.push_back(r.absPercentError);
        else if (r.metric == QLatin1String("ttft_ms"))
            ttft.push_back(r.absPercentError);
        else
            tpot.push_back(r.absPercentError);
    }
    CalibrationSummary s;
    s.throughputMdape = median(tp);
    s.ttftMdape = median(ttft);
    s.tpotMdape = median(tpot);
    s.throughputPoints = int(tp.size());
    s.ttftPoints = int(ttft.size());
    s.tpotPoints = int(tpot.size());
    return s;
}

namespace {

// Robust objective: sum of |log(predicted / measured)| over every measured metric;
// a point that fails to simulate costs as much as being off by 10x on every metric.
double objective(const QList<PreparedPoint> &group, const EfficiencyFactors &f)
{
    const QList<QList<CalibrationResidual>> all =
        QtConcurrent::blockingMapped<QList<QList<CalibrationResidual>>>(
            group, [&](const PreparedPoint &pp) { return evaluatePoint(pp, f); });
    double sum = 0;
    for (const QList<CalibrationResidual> &rs : all) {
        if (rs.isEmpty()) {
            sum += 5 * std::log(10.0);
            continue;
        }
        for (const CalibrationResidual &r : rs) {
            const double w = 1.0;
            sum += w * std::abs(std::log(std::max(r.predicted, 1e-9) / r.measured));
        }
    }
    // Weak prior towards the built-in efficiencies, so that a group with one or two points (which cannot
    // separate compute from bandwidth efficiency) does not run to the bounds: 0.1 per e-fold away.
    const EfficiencyFactors d;
    sum += 0.1 * (std::abs(std::log(f.flopsEfficiency / d.flopsEfficiency)) +
                  std::abs(std::log(f.bandwidthEfficiency / d.bandwidthEfficiency)));
    return sum;
}

EfficiencyFactors fitGroup(const QList<PreparedPoint> &group, int *evaluations)
{
    EfficiencyFactors best; // search starts from the built-in defaults
    double bestCost = objective(group, best);
    int evals = 1;
    struct Param
    {
        double EfficiencyFactors::*field;
        double lo, hi;
    };
    const Param params[] = {
        {&EfficiencyFactors::bandwidthEfficiency, kMinBandwidthEfficiency, 1.0},
        {&EfficiencyFactors::flopsEfficiency, kMinFlopsEfficiency, 1.0},
        {&EfficiencyFactors::stepOverheadMs, 0.05, 50.0},
        {&EfficiencyFactors::perSequenceOverheadUs, 0.1, 500.0},
    };
    for (double step : {2.0, 1.4, 1.18, 1.08, 1.04, 1.02}) {
        for (int pass = 0; pass < 6; ++pass) {
            bool improved = false;
            for (const Param &p : params) {
                for (double mul : {step, 1.0 / step}) {
                    EfficiencyFactors trial = best;
                    trial.*p.field = std::clamp(best.*p.field * mul, p.lo, p.hi);
                    if (trial.*p.field == best.*p.field)
                        continue;
                    const double cost = objective(group, trial);
                    ++evals;
                    if (cost < bestCost - 1e-9) {
                        bestCost = cost;
                        best = trial;
                        improved = true;
                        break;
                    }
                }
            }
            if (!improved)
                break;
        }
    }
    if (evaluations)
        *evaluations = evals;
    return best;
}

} // namespace

Calibration fitCalibration(const QList<PreparedPoint> &points, QStringList *log)
{
    Calibration cal;
    cal.fittedOn = QDate::currentDate().toString(Qt::ISODate);
    QMap<QPair<QString, QString>, QList<PreparedPoint>> groups;
    for (const PreparedPoint &pp : points)
        groups[{pp.family, pp.server}].append(pp);
    for (auto it = groups.cbegin(); it != groups.cend(); ++it) {
        int evals = 0;
        CalibrationEntry e;
        e.family = it.key().first;
        e.server = it.key().second;
        e.pointCount = int(it.value().size());
        e.factors = fitGroup(it.value(), &evals);
        // The file keeps 6 significant digits: the residuals are those of the factors as written, so that
        // re-simulating with the loaded file reproduces them (an operating point read off a sweep near
        // saturation moves with the last digits).
        for (double *v :
             {&e.factors.flopsEfficiency, &e.factors.bandwidthEfficiency, &e.factors.stepOverheadMs,
              &e.factors.perSequenceOverheadUs, &e.factors.allReduceLatencyUs})
            *v = QString::number(*v, 'g', 6).toDouble();
        cal.entries.append(e);
        QList<CalibrationResidual> groupResiduals;
        for (const PreparedPoint &pp : it.value())
            groupResiduals.append(evaluatePoint(pp, e.factors));
        cal.residuals.append(groupResiduals);
        if (log) {
            const CalibrationSummary s = summarise(groupResiduals);
            log->append(
                QStringLiteral("%1/%2: %3 points, %4 evaluations; flops %5, bandwidth %6, step %7 ms, "
                               "per sequence %8 us; MdAPE throughput %9%")
                    .arg(e.family, e.server)
                    .arg(e.pointCount)
                    .arg(evals)
                    .arg(e.factors.flopsEfficiency, 0, 'f', 3)
                    .arg(e.factors.bandwidthEfficiency, 0, 'f', 3)
                    .arg(e.factors.stepOverheadMs, 0, 'f', 2)
                    .arg(e.factors.perSequenceOverheadUs, 0, 'f', 1)
                    .arg(s.throughputMdape, 0, 'f', 1));
        }
    }
    cal.summary = summarise(cal.residuals);
    // Stated bands: the worst of the three in-sample medians (rounded up to 5%) for families with their
    // own points; twice that, at least 50%, for borrowed factors (no measurement of that hardware).
    const double worst =
        std::max({cal.summary.throughputMdape, cal.summary.ttftMdape, cal.summary.tpotMdape, 0.0});
    cal.calibratedErrorBandPercent = std::max(5.0, std::ceil(worst / 5.0) * 5.0);
    cal.uncalibratedErrorBandPercent = std::max(50.0, 2 * cal.calibratedErrorBandPercent);
    return cal;
}

} // namespace iq
