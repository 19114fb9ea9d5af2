// `iq estimate`: a latency-throughput curve (or one load point) from the performance estimator, for any
// model in the facts table or any Hugging Face config.json; `iq estimate calibrate`: refit the estimator's
// efficiency factors to the public measured points. Method: docs/estimator.md.

#include "commands.h"

#include "catalog/referencedata.h"
#include "clicommon.h"
#include "estimator/calibrationfit.h"
#include "estimator/estimator.h"
#include "estimator/hfconfig.h"
#include "estimator/modelfacts.h"
#include "outputvalue.h"
#include "tableformat.h"

#include <QFileInfo>

namespace iq::cli {

namespace {

QString provenanceText(const EstimateResult &r)
{
    return QStringLiteral("estimated (%1, ±%2%)").arg(r.estimatorVersion, cell(r.errorBandPercent, 0));
}

OutValue statsValue(const LatencyStats &s)
{
    OutValue v = OutValue::map();
    v.insert(QStringLiteral("mean"), OutValue::number(s.mean));
    v.insert(QStringLiteral("p50"), OutValue::number(s.p50));
    v.insert(QStringLiteral("p90"), OutValue::number(s.p90));
    v.insert(QStringLiteral("p99"), OutValue::number(s.p99));
    return v;
}

OutValue pointValue(const BenchmarkPoint &p, const EstimateResult &r)
{
    OutValue v = OutValue::map();
    v.insert(QStringLiteral("request_rate"), OutValue::number(p.requestRate));
    v.insert(QStringLiteral("concurrency"), OutValue::number(p.concurrency));
    v.insert(QStringLiteral("input_tokens_per_second"), OutValue::number(p.inputTokensPerSecond));
    v.insert(QStringLiteral("output_tokens_per_second"), OutValue::number(p.outputTokensPerSecond));
    v.insert(QStringLiteral("total_tokens_per_second"), OutValue::number(p.totalTokensPerSecond));
    v.insert(QStringLiteral("ttft_ms"), statsValue(p.ttftMs));
    v.insert(QStringLiteral("tpot_ms"), statsValue(p.tpotMs));
    v.insert(QStringLiteral("ntpot_ms"), statsValue(p.ntpotMs));
    v.insert(QStringLiteral("itl_ms"), statsValue(p.itlMs));
    v.insert(QStringLiteral("e2e_ms"), statsValue(p.e2eMs));
    v.insert(QStringLiteral("queue_size"), OutValue::number(p.queueSize));
    v.insert(QStringLiteral("running_batch_size"), OutValue::number(p.runningBatchSize));
    v.insert(QStringLiteral("kv_cache_utilization"), OutValue::number(p.kvCacheUtilization));
    v.insert(QStringLiteral("provenance"), OutValue::string(QStringLiteral("estimated")));
    v.insert(QStringLiteral("estimator_version"), OutValue::string(r.estimatorVersion));
    v.insert(QStringLiteral("error_band_percent"), OutValue::number(r.errorBandPercent));
    return v;
}

const QStringList &tableHeader()
{
    static const QStringList h{
        QStringLiteral("QPS"),         QStringLiteral("CONCURRENCY"), QStringLiteral("OUTPUT TOK/S"),
        QStringLiteral("INPUT TOK/S"), QStringLiteral("TTFT MS"),     QStringLiteral("TTFT P99 MS"),
        QStringLiteral("TPOT MS"),     QStringLiteral("NTPOT MS"),    QStringLiteral("ITL P50 MS"),
        QStringLiteral("E2E MS"),      QStringLiteral("QUEUE"),       QStringLiteral("BATCH"),
        QStringLiteral("KV %")};
    return h;
}

QStringList tableRow(const BenchmarkPoint &p)
{
    return {cell(p.requestRate, 2),
            cell(p.concurrency, 1),
            cell(p.outputTokensPerSecond, 0),
            cell(p.inputTokensPerSecond, 0),
            cell(p.ttftMs.mean, 1),
            cell(p.ttftMs.p99, 1),
            cell(p.tpotMs.mean, 1),
            cell(p.ntpotMs.mean, 1),
            cell(p.itlMs.p50, 1),
            cell(p.e2eMs.mean, 0),
            cell(p.queueSize, 1),
            cell(p.runningBatchSize, 1),
            cell(p.kvCacheUtilization * 100, 1)};
}

const Accelerator *findAccelerator(const QList<Accelerator> &list, const QString &label)
{
    for (const Accelerator &a : list) {
        if (a.gkeLabel == label)
            return &a;
    }
    return nullptr;
}

void printMemory(const EstimateResult &r, QTextStream &out)
{
    const MemoryPlan &m = r.memory;
    out << QStringLiteral(
               "Memory per chip: %1 GB usable (%2 x %3 GB), weights %4 GB, activations %5 GB, runtime %6 GB, "
               "KV cache %7 GB = %8 tokens (%9 B/token)")
               .arg(cell(m.usableGB, 2), cell(m.server.memoryUtilization, 2), cell(m.memoryPerChipGB, 1),
                    cell(m.weightsPerChipGB, 2), cell(m.activationsPerChipGB, 2),
                    cell(m.runtimeOverheadGB, 2), cell(m.kvCachePerChipGB, 2),
                    QString::number(m.kvCacheTokens), cell(m.kvPerToken.total(), 0))
        << '\n';
    out << QStringLiteral(
               "Scheduler: max_num_seqs %1, max_num_batched_tokens %2; largest batch at the mean length %3")
               .arg(m.server.maxNumSeqs)
               .arg(m.server.maxNumBatchedTokens)
               .arg(m.maxBatchAtMeanLength)
        << '\n';
}

} // namespace

int estimate(const QStringList &args, CliIo &io)
{
    ArgParser p(QStringLiteral("iq estimate"),
                QStringLiteral("Estimate the latency-throughput curve (or one load point) of a model on an "
                               "accelerator with the roofline + serving simulation of docs/estimator.md."));
    p.addValueFlag(QStringLiteral("model"), QStringLiteral("MODEL"),
                   QStringLiteral("model id from the facts table"));
    p.addValueFlag(QStringLiteral("model-config"), QStringLiteral("FILE"),
                   QStringLiteral("a Hugging Face config.json instead of --model"));
    p.addValueFlag(QStringLiteral("accelerator-type"), QStringLiteral("ACCELERATOR"),
                   QStringLiteral("GKE accelerator label, e.g. nvidia-l4"));
    p.addValueFlag(QStringLiteral("accelerator-count"), QStringLiteral("N"),
                   QStringLiteral("chips per replica (tensor parallel)"), QStringLiteral("1"));
    p.addValueFlag(QStringLiteral("model-server"), QStringLiteral("SERVER"),
                   QStringLiteral("vllm or sglang (GPU), vllm-tpu (TPU)"));
    p.addValueFlag(QStringLiteral("precision"), QStringLiteral("PRECISION"),
                   QStringLiteral("weights precision; default: the checkpoint's"));
    p.addValueFlag(QStringLiteral("use-case"), QStringLiteral("NAME"),
                   QStringLiteral("workload, e.g. \"Chatbot (ShareGPT)\" (default)"));
    p.addValueFlag(QStringLiteral("input-length"), QStringLiteral("TOKENS"),
                   QStringLiteral("fixed prompt length (with --output-length)"));
    p.addValueFlag(QStringLiteral("output-length"), QStringLiteral("TOKENS"),
                   QStringLiteral("fixed output length (with --input-length)"));
    p.addValueFlag(QStringLiteral("dataset"), QStringLiteral("FILE"),
                   QStringLiteral("request lengths file (CSV or JSONL)"));
    p.addValueFlag(QStringLiteral("request-rate"), QStringLiteral("QPS"),
                   QStringLiteral("one point: Poisson arrivals at this rate"));
    p.addValueFlag(QStringLiteral("concurrency"), QStringLiteral("N"),
                   QStringLiteral("one point: N clients in closed loop"));
    p.addValueFlag(QStringLiteral("num-prompts"), QStringLiteral("N"),
                   QStringLiteral("one point: N prompts sent at once (offline)"));
    p.addValueFlag(QStringLiteral("seed"), QStringLiteral("SEED"),
                   QStringLiteral("random seed (arrivals, lengths)"), QStringLiteral("42"));
    p.addValueFlag(QStringLiteral("format"), QStringLiteral("FORMAT"), QStringLiteral("output format"),
                   QStringLiteral("table"),
                   {QStringLiteral("table"), QStringLiteral("json"), QStringLiteral("csv")});
    const int parsed = parseOrExit(p, args, io);
    if (parsed >= 0)
        return parsed;

    EstimateRequest req;
    // Model
    if (p.isSet(QStringLiteral("model-config"))) {
        if (p.isSet(QStringLiteral("model")))
            return fail(io, ExitUsage, QStringLiteral("use either --model or --model-config, not both"));
        const HfConfigResult hf = readHfConfigFile(p.value(QStringLiteral("model-config")));
        if (!hf.ok())
            return fail(io, ExitUsage, hf.error);
        req.model = hf.model;
    } else {
        if (!p.isSet(QStringLiteral("model")))
            return fail(io, ExitUsage, QStringLiteral("--model (or --model-config) is required"));
        const ModelFactsResult facts = loadModelFacts();
        const QString id = p.value(QStringLiteral("model"));
        const ModelArchitecture *m = findModel(facts.models, id);
        if (!m) {
            QStringList ids;
            for (const ModelArchitecture &a : facts.models)
                ids.append(a.id);
            checkName(QStringLiteral("model"), QStringLiteral("model"), id, ids, io);
            return ExitUsage;
        }
        req.model = *m;
    }
    // Accelerator
    if (!p.isSet(QStringLiteral("accelerator-type")))
        return fail(io, ExitUsage, QStringLiteral("--accelerator-type is required"));
    const ReferenceData ref = loadReferenceData();
    const QString label = p.value(QStringLiteral("accelerator-type"));
    const Accelerator *acc = findAccelerator(ref.accelerators, label);
    if (!acc) {
        QStringList labels;
        for (const Accelerator &a : ref.accelerators)
            labels.append(a.gkeLabel);
        checkName(QStringLiteral("accelerator type"), QStringLiteral("accelerator-type"), label, labels, io);
        return ExitUsage;
    }
    req.accelerator = *acc;
    QString error;
    if (!p.intValue(QStringLiteral("accelerator-count"), 1, &req.acceleratorCount, &error))
        return fail(io, ExitUsage, error);
    if (req.acceleratorCount < 1 || req.acceleratorCount > 64)
        return fail(io, ExitUsage, QStringLiteral("--accelerator-count must be between 1 and 64"));
    // Server and precision
    const QStringList servers = supportedModelServers(acc->isTpu);
    req.modelServer =
        p.isSet(QStringLiteral("model-server")) ? p.value(QStringLiteral("model-server")) : servers.first();
    if (!checkName(QStringLiteral("model server for ") + label, QStringLiteral("model-server"),
                   req.modelServer, servers, io))
        return ExitUsage;
    req.precision = p.isSet(QStringLiteral("precision")) ? p.value(QStringLiteral("precision")).toLower()
                                                         : nativePrecision(req.model);
    if (!checkName(QStringLiteral("precision"), QStringLiteral("precision"), req.precision,
                   supportedPrecisions(), io))
        return ExitUsage;
    // Workload
    const bool fixed = p.isSet(QStringLiteral("input-length")) || p.isSet(QStringLiteral("output-length"));
    const int workloads =
        int(fixed) + int(p.isSet(QStringLiteral("use-case"))) + int(p.isSet(QStringLiteral("dataset")));
    if (workloads > 1)
        return fail(io, ExitUsage,
                    QStringLiteral("use one of --use-case, --input-length/--output-length, --dataset"));
    if (fixed) {
        int in = 0, out = 0;
        if (!p.intValue(QStringLiteral("input-length"), 0, &in, &error) ||
            !p.intValue(QStringLiteral("output-length"), 0, &out, &error))
            return fail(io, ExitUsage, error);
        if (in < 1 || out < 1)
            return fail(io, ExitUsage,
                        QStringLiteral("--input-length and --output-length must both be given and positive"));
        req.lengths = LengthDistribution::fixed(in, out);
    } else if (p.isSet(QStringLiteral("dataset"))) {
        const auto d = LengthDistribution::fromDataset(p.value(QStringLiteral("dataset")), &error);
        if (!d)
            return fail(io, ExitUsage, error);
        req.lengths = *d;
    } else if (p.isSet(QStringLiteral("use-case"))) {
        const auto d = LengthDistribution::fromUseCase(p.value(QStringLiteral("use-case")), &error);
        if (!d) {
            QStringList names;
            for (const auto &u : LengthDistribution::useCases())
                names.append(u.name);
            checkName(QStringLiteral("use case"), QStringLiteral("use-case"),
                      p.value(QStringLiteral("use-case")), names, io);
            return ExitUsage;
        }
        req.lengths = *d;
    }
    // Load
    const int loads = int(p.isSet(QStringLiteral("request-rate"))) +
                      int(p.isSet(QStringLiteral("concurrency"))) +
                      int(p.isSet(QStringLiteral("num-prompts")));
    if (loads > 1)
        return fail(io, ExitUsage,
                    QStringLiteral("use at most one of --request-rate, --concurrency, --num-prompts"));
    if (p.isSet(QStringLiteral("request-rate"))) {
        req.load = EstimateRequest::Rate;
        if (!p.doubleValue(QStringLiteral("request-rate"), 0, &req.rate, &error))
            return fail(io, ExitUsage, error);
        if (!(req.rate > 0))
            return fail(io, ExitUsage, QStringLiteral("--request-rate must be positive"));
    } else if (p.isSet(QStringLiteral("concurrency"))) {
        req.load = EstimateRequest::Concurrency;
        if (!p.intValue(QStringLiteral("concurrency"), 0, &req.concurrency, &error))
            return fail(io, ExitUsage, error);
        if (req.concurrency < 1 || req.concurrency > 100000)
            return fail(io, ExitUsage, QStringLiteral("--concurrency must be between 1 and 100000"));
    } else if (p.isSet(QStringLiteral("num-prompts"))) {
        req.load = EstimateRequest::Offline;
        if (!p.intValue(QStringLiteral("num-prompts"), 0, &req.numPrompts, &error))
            return fail(io, ExitUsage, error);
        if (req.numPrompts < 1 || req.numPrompts > 1000000)
            return fail(io, ExitUsage, QStringLiteral("--num-prompts must be between 1 and 1000000"));
    }
    int seed = 42;
    if (!p.intValue(QStringLiteral("seed"), 42, &seed, &error))
        return fail(io, ExitUsage, error);
    req.seed = quint64(seed);

    const EstimateResult r = estimate(req, defaultCalibration());
    const QString format = p.value(QStringLiteral("format"));
    if (!r.feasible) {
        if (format == QLatin1String("json")) {
            OutValue v = OutValue::map();
            v.insert(QStringLiteral("feasible"), OutValue::boolean(false));
            v.insert(QStringLiteral("reason"), OutValue::string(r.reason));
            v.insert(QStringLiteral("model"), OutValue::string(req.model.id));
            v.insert(QStringLiteral("accelerator"), OutValue::string(label));
            v.insert(QStringLiteral("accelerator_count"), OutValue::integer(req.acceleratorCount));
            v.insert(QStringLiteral("min_accelerator_count"),
                     OutValue::integer(r.memory.minAcceleratorCount));
            io.out << v.toJson() << '\n';
        }
        io.err << QStringLiteral("iq: infeasible: ") << r.reason << '\n';
        return ExitInfeasible;
    }
    if (format == QLatin1String("json")) {
        if (req.load == EstimateRequest::Sweep) {
            OutValue list = OutValue::list();
            for (const BenchmarkPoint &pt : r.points)
                list.append(pointValue(pt, r));
            io.out << list.toJson() << '\n';
        } else {
            io.out << pointValue(r.points.first(), r).toJson() << '\n';
        }
        return ExitOk;
    }
    QList<QStringList> rows;
    for (const BenchmarkPoint &pt : r.points)
        rows.append(tableRow(pt));
    if (format == QLatin1String("csv")) {
        QStringList header = tableHeader();
        header.append(QStringLiteral("PROVENANCE"));
        for (QStringList &row : rows)
            row.append(provenanceText(r));
        io.out << formatCsv(header, rows);
        return ExitOk;
    }
    io.out << QStringLiteral("Model: %1 on %2× %3, %4, %5 weights; workload: %6")
                  .arg(req.model.id)
                  .arg(req.acceleratorCount)
                  .arg(label, r.modelServer, r.precision, req.lengths.description())
           << '\n';
    io.out << QStringLiteral("Provenance: ") << provenanceText(r) << QStringLiteral("; efficiency factors: ")
           << r.calibrationSource << (r.calibrationBorrowed ? QStringLiteral(" (borrowed)") : QString())
           << '\n';
    printMemory(r, io.out);
    if (req.load == EstimateRequest::Sweep)
        io.out << QStringLiteral("Offline saturation: %1 requests/s; sweep up to %2x\n")
                      .arg(cell(r.saturationRequestRate, 2), cell(req.sweepMaxFraction, 1));
    io.out << '\n' << formatTable(tableHeader(), rows);
    return ExitOk;
}

} // namespace iq::cli

namespace iq::cli {

int estimateCalibrate(const QStringList &args, CliIo &io)
{
    ArgParser p(
        QStringLiteral("iq estimate calibrate"),
        QStringLiteral("Fit the estimator's efficiency factors to the public measured points and write "
                       "them with the per-point predicted vs measured values (docs/estimator.md)."));
    p.addValueFlag(QStringLiteral("points"), QStringLiteral("FILE"), QStringLiteral("calibration points"),
                   QStringLiteral(":/estimator/calibration-points.yaml"));
    p.addValueFlag(QStringLiteral("output"), QStringLiteral("FILE"),
                   QStringLiteral("calibration file to write"),
                   QStringLiteral("resources/estimator/calibration.yaml"));
    const int parsed = parseOrExit(p, args, io);
    if (parsed >= 0)
        return parsed;
    QStringList errors;
    const QList<CalibrationPoint> points = loadCalibrationPoints(p.value(QStringLiteral("points")), &errors);
    if (!errors.isEmpty()) {
        for (const QString &e : errors)
            io.err << e << '\n';
        return ExitUsage;
    }
    const ModelFactsResult facts = loadModelFacts();
    const ReferenceData ref = loadReferenceData();
    QStringList skipped;
    const QList<PreparedPoint> prepared = preparePoints(points, facts.models, ref.accelerators, &skipped);
    if (prepared.isEmpty())
        return fail(io, ExitUsage, QStringLiteral("no calibration point can be reproduced"));
    QStringList log;
    Calibration cal = fitCalibration(prepared, &log);
    cal.skippedPoints = skipped;
    for (const QString &line : log)
        io.err << line << '\n';
    QString error;
    if (!saveCalibration(cal, p.value(QStringLiteral("output")), &error))
        return fail(io, ExitFailure, error);

    QList<QStringList> rows;
    for (const CalibrationResidual &r : cal.residuals)
        rows.append({r.pointId, r.family + QLatin1Char('/') + r.server, r.metric, cell(r.measured, 1),
                     cell(r.predicted, 1), cell(r.absPercentError, 1)});
    io.out << formatTable({QStringLiteral("POINT"), QStringLiteral("FAMILY/SERVER"), QStringLiteral("METRIC"),
                           QStringLiteral("MEASURED"), QStringLiteral("PREDICTED"),
                           QStringLiteral("ABS % ERROR")},
                          rows);
    io.out << QStringLiteral(
                  "\nMedian absolute percentage error: output throughput %1% (%2 points, target <= 20%), "
                  "TTFT %3% (%4, target <= 30%), TPOT/NTPOT/ITL %5% (%6, target <= 30%)\n")
                  .arg(cell(cal.summary.throughputMdape, 1))
                  .arg(cal.summary.throughputPoints)
                  .arg(cell(cal.summary.ttftMdape, 1))
                  .arg(cal.summary.ttftPoints)
                  .arg(cell(cal.summary.tpotMdape, 1))
                  .arg(cal.summary.tpotPoints);
    io.out << QStringLiteral("Skipped %1 points; wrote %2\n")
                  .arg(skipped.size())
                  .arg(p.value(QStringLiteral("output")));
    return ExitOk;
}

} // namespace iq::cli
