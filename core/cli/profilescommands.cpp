// `iq profiles ...`: the gcloud container ai profiles verbs, answered from the local catalog.

#include "commands.h"

#include "analysis/recommender.h"
#include "catalog/catalognames.h"
#include "clicommon.h"
#include "outputvalue.h"
#include "querysession.h"
#include "tableformat.h"

#include <QMap>

#include <algorithm>
#include <cmath>

namespace iq::cli {

namespace {

// The exact header of `gcloud container ai profiles benchmarks list` (GIQ-INTERFACE.md).
const QStringList &benchmarkCsvHeader()
{
    static const QStringList header{QStringLiteral("Instance Type"),
                                    QStringLiteral("Accelerator Type"),
                                    QStringLiteral("Model Name"),
                                    QStringLiteral("Model Server Name"),
                                    QStringLiteral("Model Server Version"),
                                    QStringLiteral("Output Tokens/s"),
                                    QStringLiteral("NTPOT (ms)"),
                                    QStringLiteral("TTFT (ms)"),
                                    QStringLiteral("ITL (ms)"),
                                    QStringLiteral("QPS"),
                                    QStringLiteral("Cost/M Input Tokens"),
                                    QStringLiteral("Cost/M Output Tokens"),
                                    QStringLiteral("Use Case"),
                                    QStringLiteral("Average Input Length"),
                                    QStringLiteral("Average Output Length"),
                                    QStringLiteral("Serving Stack"),
                                    QStringLiteral("Serving Stack Version")};
    return header;
}

enum class Format { Gcloud, Table, Csv, CsvProfile, Json, Yaml };

Format parseFormat(const QString &name)
{
    if (name == QLatin1String("table") || name == QLatin1String("profile"))
        return Format::Table;
    if (name == QLatin1String("csv"))
        return Format::Csv;
    if (name == QLatin1String("csvprofile"))
        return Format::CsvProfile;
    if (name == QLatin1String("json"))
        return Format::Json;
    if (name == QLatin1String("yaml"))
        return Format::Yaml;
    return Format::Gcloud;
}

const QStringList kListFormats{QStringLiteral("table"), QStringLiteral("json"), QStringLiteral("yaml"),
                               QStringLiteral("csv")};
const QStringList kProfileFormats{QStringLiteral("profile"),    QStringLiteral("table"),
                                  QStringLiteral("csvprofile"), QStringLiteral("csv"),
                                  QStringLiteral("json"),       QStringLiteral("yaml")};

QString provenanceLabel(const Provenance &p)
{
    QString label = provenanceKindName(p.kind);
    if (p.kind == Provenance::Kind::Estimated) {
        QStringList parts;
        if (!p.estimatorVersion.isEmpty())
            parts.append(p.estimatorVersion);
        if (isKnown(p.errorBandPercent))
            parts.append(QStringLiteral("±%1%").arg(cell(p.errorBandPercent, 0)));
        if (!parts.isEmpty())
            label += QStringLiteral(" (") + parts.join(QStringLiteral(", ")) + QLatin1Char(')');
    }
    return label;
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

OutValue pointValue(const BenchmarkPoint &p)
{
    OutValue v = OutValue::map();
    v.insert(QStringLiteral("requestRate"), OutValue::number(p.requestRate));
    v.insert(QStringLiteral("concurrency"), OutValue::number(p.concurrency));
    v.insert(QStringLiteral("inputTokensPerSecond"), OutValue::number(p.inputTokensPerSecond));
    v.insert(QStringLiteral("outputTokensPerSecond"), OutValue::number(p.outputTokensPerSecond));
    v.insert(QStringLiteral("totalTokensPerSecond"), OutValue::number(p.totalTokensPerSecond));
    v.insert(QStringLiteral("ttftMs"), statsValue(p.ttftMs));
    v.insert(QStringLiteral("ntpotMs"), statsValue(p.ntpotMs));
    v.insert(QStringLiteral("tpotMs"), statsValue(p.tpotMs));
    v.insert(QStringLiteral("itlMs"), statsValue(p.itlMs));
    v.insert(QStringLiteral("e2eMs"), statsValue(p.e2eMs));
    v.insert(QStringLiteral("queueSize"), OutValue::number(p.queueSize));
    v.insert(QStringLiteral("runningBatchSize"), OutValue::number(p.runningBatchSize));
    v.insert(QStringLiteral("kvCacheUtilization"), OutValue::number(p.kvCacheUtilization));
    return v;
}

OutValue provenanceValue(const Provenance &p)
{
    OutValue v = OutValue::map();
    v.insert(QStringLiteral("kind"), OutValue::string(provenanceKindName(p.kind)));
    v.insert(QStringLiteral("label"), OutValue::string(provenanceLabel(p)));
    if (!p.source.isEmpty())
        v.insert(QStringLiteral("source"), OutValue::string(p.source));
    if (!p.date.isEmpty())
        v.insert(QStringLiteral("date"), OutValue::string(p.date));
    if (!p.estimatorVersion.isEmpty())
        v.insert(QStringLiteral("estimatorVersion"), OutValue::string(p.estimatorVersion));
    if (isKnown(p.errorBandPercent))
        v.insert(QStringLiteral("errorBandPercent"), OutValue::number(p.errorBandPercent));
    if (!p.file.isEmpty())
        v.insert(QStringLiteral("file"), OutValue::string(p.file));
    if (!p.note.isEmpty())
        v.insert(QStringLiteral("note"), OutValue::string(p.note));
    return v;
}

void insertIdentity(OutValue &v, const Profile &p)
{
    v.insert(QStringLiteral("model"), OutValue::string(p.model));
    v.insert(QStringLiteral("modelServer"), OutValue::string(p.modelServer));
    v.insert(QStringLiteral("modelServerVersion"), OutValue::string(p.modelServerVersion));
    v.insert(QStringLiteral("acceleratorType"), OutValue::string(p.accelerator));
    v.insert(QStringLiteral("acceleratorCount"), OutValue::integer(p.acceleratorCount));
    v.insert(QStringLiteral("instanceType"), OutValue::string(p.instanceType));
    if (!p.tpuTopology.isEmpty())
        v.insert(QStringLiteral("tpuTopology"), OutValue::string(p.tpuTopology));
    v.insert(QStringLiteral("useCase"), OutValue::string(p.useCase));
    v.insert(QStringLiteral("averageInputLength"), OutValue::number(p.averageInputLength));
    v.insert(QStringLiteral("averageOutputLength"), OutValue::number(p.averageOutputLength));
    if (!p.servingStack.isEmpty()) {
        v.insert(QStringLiteral("servingStack"), OutValue::string(p.servingStack));
        v.insert(QStringLiteral("servingStackVersion"), OutValue::string(p.servingStackVersion));
    }
    if (!p.precision.isEmpty())
        v.insert(QStringLiteral("precision"), OutValue::string(p.precision));
}

OutValue costValue(const Cost &cost, const Recommendation &r, const ProfileQuery &q)
{
    OutValue v = OutValue::map();
    v.insert(QStringLiteral("pricingModel"), OutValue::string(q.pricingModel));
    v.insert(QStringLiteral("region"), OutValue::string(q.region));
    v.insert(QStringLiteral("outputInputCostRatio"), OutValue::number(q.outputInputCostRatio));
    v.insert(QStringLiteral("costPerMillionInputTokens"), OutValue::number(cost.perMillionInput));
    v.insert(QStringLiteral("costPerMillionOutputTokens"), OutValue::number(cost.perMillionOutput));
    v.insert(QStringLiteral("usdPerHour"), OutValue::number(cost.usdPerHour));
    v.insert(QStringLiteral("usdPerMonth"), OutValue::number(cost.usdPerMonth));
    v.insert(QStringLiteral("inputTokensPerSecond"), OutValue::number(cost.inputTokensPerSecond));
    v.insert(QStringLiteral("inputTokensPerSecondDerived"), OutValue::boolean(cost.inputTokensDerived));
    if (r.priceKnown) {
        OutValue price = OutValue::map();
        price.insert(QStringLiteral("machineType"), OutValue::string(r.price.machineType));
        price.insert(QStringLiteral("usdPerHour"), OutValue::number(r.price.usdPerHour));
        price.insert(QStringLiteral("asOf"), OutValue::string(r.price.asOf));
        price.insert(QStringLiteral("source"), OutValue::string(r.price.source));
        price.insert(QStringLiteral("derived"), OutValue::boolean(r.price.derived));
        if (!r.price.note.isEmpty())
            price.insert(QStringLiteral("note"), OutValue::string(r.price.note));
        v.insert(QStringLiteral("price"), price);
    } else {
        v.insert(QStringLiteral("price"), OutValue());
    }
    return v;
}

// Reads one latency/cost target flag, rejecting what is not a positive number.
bool readTarget(const ArgParser &parser, const QString &flag, double *out, CliIo &io)
{
    QString error;
    if (!parser.doubleValue(flag, kUnknown, out, &error)) {
        fail(io, ExitUsage, error);
        return false;
    }
    return true;
}

void printUnmet(const RecommendationResult &result, CliIo &io)
{
    for (const QString &line : result.unmetExplanations)
        io.err << line << '\n';
    io.err.flush();
}

struct ProfileRow
{
    const Profile *profile;
    const Recommendation *rec;
};

QStringList benchmarkCsvRow(const Profile &p, const BenchmarkPoint &pt, const Cost &cost)
{
    return {p.instanceType,
            p.accelerator,
            p.model,
            p.modelServer,
            p.modelServerVersion,
            cell(pt.outputTokensPerSecond, 3),
            cell(pt.ntpotMs.headline(), 3),
            cell(pt.ttftMs.headline(), 3),
            cell(pt.itlMs.headline(), 3),
            cell(pt.requestRate, 3),
            costCell(cost.perMillionInput),
            costCell(cost.perMillionOutput),
            p.useCase,
            cell(p.averageInputLength, 0),
            cell(p.averageOutputLength, 0),
            p.servingStack,
            p.servingStackVersion};
}

} // namespace

int profilesList(const QStringList &args, CliIo &io)
{
    ArgParser parser(
        QStringLiteral("iq profiles list"),
        QStringLiteral("Lists profiles at their best operating point: without targets at the "
                       "inflection point, with targets at the highest throughput meeting them."));
    addQueryFlags(parser, false);
    parser.addValueFlag(
        QStringLiteral("target-ntpot-milliseconds"), QStringLiteral("MS"),
        QStringLiteral("target normalized time per output token (request latency / output tokens)"));
    parser.addValueFlag(QStringLiteral("target-ttft-milliseconds"), QStringLiteral("MS"),
                        QStringLiteral("target time to first token"));
    parser.addValueFlag(QStringLiteral("target-itl-milliseconds"), QStringLiteral("MS"),
                        QStringLiteral("target inter-token latency"));
    parser.addValueFlag(QStringLiteral("target-cost-per-million-output-tokens"), QStringLiteral("USD"),
                        QStringLiteral("only profiles at or below this cost per million output tokens"));
    parser.addValueFlag(QStringLiteral("target-cost-per-million-input-tokens"), QStringLiteral("USD"),
                        QStringLiteral("only profiles at or below this cost per million input tokens"));
    parser.addValueFlag(
        QStringLiteral("target-input-length"), QStringLiteral("TOKENS"),
        QStringLiteral("prefer each configuration's profile nearest this average input length"));
    parser.addValueFlag(
        QStringLiteral("target-output-length"), QStringLiteral("TOKENS"),
        QStringLiteral("prefer each configuration's profile nearest this average output length"));
    parser.addValueFlag(QStringLiteral("target-requests-per-second"), QStringLiteral("QPS"),
                        QStringLiteral("expected load: adds the replicas needed for it"));
    parser.addBoolFlag(QStringLiteral("show-cost-basis"),
                       QStringLiteral("add the $/hour and input tokens/s each cost is computed from"));
    parser.addValueFlag(QStringLiteral("format"), QStringLiteral("FORMAT"), QStringLiteral("output format"),
                        QStringLiteral("profile"), kProfileFormats);
    if (const int code = parseOrExit(parser, args, io); code >= 0)
        return code;

    ProfileQuery q;
    LatencyTargets &t = q.targets;
    if (!readTarget(parser, QStringLiteral("target-ntpot-milliseconds"), &t.ntpotMs, io) ||
        !readTarget(parser, QStringLiteral("target-ttft-milliseconds"), &t.ttftMs, io) ||
        !readTarget(parser, QStringLiteral("target-itl-milliseconds"), &t.itlMs, io) ||
        !readTarget(parser, QStringLiteral("target-cost-per-million-output-tokens"),
                    &t.maxCostPerMillionOutput, io) ||
        !readTarget(parser, QStringLiteral("target-cost-per-million-input-tokens"), &t.maxCostPerMillionInput,
                    io) ||
        !readTarget(parser, QStringLiteral("target-input-length"), &q.targetInputLength, io) ||
        !readTarget(parser, QStringLiteral("target-output-length"), &q.targetOutputLength, io) ||
        !readTarget(parser, QStringLiteral("target-requests-per-second"), &q.targetRequestsPerSecond, io))
        return ExitUsage;
    for (const auto &[flag, value] : {std::pair{"target-input-length", q.targetInputLength},
                                      std::pair{"target-output-length", q.targetOutputLength},
                                      std::pair{"target-requests-per-second", q.targetRequestsPerSecond}}) {
        if (isKnown(value) && !(value > 0))
            return fail(io, ExitUsage,
                        QStringLiteral("--%1 must be greater than 0 (got %2)")
                            .arg(QString::fromLatin1(flag), formatNumber(value)));
    }
    if (const QString error = validateTargets(t); !error.isEmpty())
        return fail(io, ExitUsage, error);

    QuerySession session;
    if (const int code = session.open(parser, io, q, false); code >= 0)
        return code;
    q = session.query();
    const RecommendationResult &result = session.result();
    const CatalogData &data = session.data();
    const Format format = parseFormat(parser.value(QStringLiteral("format")));
    const bool costBasis = parser.isSet(QStringLiteral("show-cost-basis"));
    const bool withReplicas = isKnown(q.targetRequestsPerSecond);

    if (result.rows.isEmpty()) {
        if (format == Format::Json)
            io.out << "[]\n";
        else if (format == Format::Yaml)
            io.out << "[]\n";
        else if (format == Format::CsvProfile)
            io.out << formatCsv(benchmarkCsvHeader(), {});
        if (!result.unmetExplanations.isEmpty())
            printUnmet(result, io);
        else
            io.err << "No profiles match these flags.\n";
        io.out.flush();
        io.err.flush();
        return ExitOk;
    }

    if (format == Format::Json || format == Format::Yaml) {
        OutValue list = OutValue::list();
        for (const Recommendation &r : result.rows) {
            const Profile &p = data.profiles.at(r.profileIndex);
            OutValue v = OutValue::map();
            insertIdentity(v, p);
            OutValue op = pointValue(r.operatingPoint.point);
            op.insert(QStringLiteral("position"), OutValue::number(r.operatingPoint.position));
            op.insert(QStringLiteral("atInflection"), OutValue::boolean(r.operatingPoint.atInflection));
            op.insert(QStringLiteral("meetsTargets"), OutValue::boolean(r.operatingPoint.meetsTargets));
            op.insert(QStringLiteral("inflectionIndex"), OutValue::integer(r.inflectionIndex));
            v.insert(QStringLiteral("operatingPoint"), op);
            v.insert(QStringLiteral("cost"), costValue(r.cost, r, q));
            if (withReplicas) {
                OutValue rep = OutValue::map();
                rep.insert(QStringLiteral("replicas"), OutValue::integer(r.replicas));
                rep.insert(QStringLiteral("targetRequestsPerSecond"),
                           OutValue::number(q.targetRequestsPerSecond));
                rep.insert(QStringLiteral("perReplicaCapacity"),
                           OutValue::number(r.replicaPlan.perReplicaCapacity));
                rep.insert(QStringLiteral("utilization"), OutValue::number(r.replicaPlan.utilization));
                if (!r.replicaPlan.error.isEmpty())
                    rep.insert(QStringLiteral("error"), OutValue::string(r.replicaPlan.error));
                v.insert(QStringLiteral("replicas"), rep);
            }
            v.insert(QStringLiteral("provenance"), provenanceValue(p.provenance));
            list.append(v);
        }
        io.out << (format == Format::Json ? list.toJson() : list.toYaml());
        io.out.flush();
        return ExitOk;
    }

    if (format == Format::CsvProfile) {
        QList<QStringList> rows;
        for (const Recommendation &r : result.rows) {
            const Profile &p = data.profiles.at(r.profileIndex);
            rows.append(benchmarkCsvRow(p, r.operatingPoint.point, r.cost));
        }
        io.out << formatCsv(benchmarkCsvHeader(), rows);
        io.out.flush();
        return ExitOk;
    }

    QStringList header{QStringLiteral("Instance Type"),
                       QStringLiteral("Accelerator"),
                       QStringLiteral("Cost/M Input Tokens"),
                       QStringLiteral("Cost/M Output Tokens"),
                       QStringLiteral("Output Tokens/s"),
                       QStringLiteral("NTPOT(ms)"),
                       QStringLiteral("TTFT(ms)"),
                       QStringLiteral("ITL(ms)"),
                       QStringLiteral("Model Server"),
                       QStringLiteral("Model Server Version"),
                       QStringLiteral("Model"),
                       QStringLiteral("Use Case"),
                       QStringLiteral("Average Input Length"),
                       QStringLiteral("Average Output Length")};
    const bool wide = format == Format::Csv; // the csv format carries every number
    if (costBasis || wide)
        header << QStringLiteral("$/Hour") << QStringLiteral("$/Month") << QStringLiteral("Input Tokens/s");
    if (withReplicas)
        header << QStringLiteral("Replicas");
    header << QStringLiteral("Source");
    QList<QStringList> rows;
    for (const Recommendation &r : result.rows) {
        const Profile &p = data.profiles.at(r.profileIndex);
        const BenchmarkPoint &pt = r.operatingPoint.point;
        const int decimals = wide ? 3 : 0;
        QStringList row{p.instanceType,
                        p.accelerator,
                        costCell(r.cost.perMillionInput),
                        costCell(r.cost.perMillionOutput),
                        cell(pt.outputTokensPerSecond, decimals),
                        cell(pt.ntpotMs.headline(), decimals),
                        cell(pt.ttftMs.headline(), decimals),
                        cell(pt.itlMs.headline(), decimals),
                        p.modelServer,
                        p.modelServerVersion,
                        p.model,
                        p.useCase,
                        cell(p.averageInputLength, 0),
                        cell(p.averageOutputLength, 0)};
        if (costBasis || wide) {
            row << (isKnown(r.cost.usdPerHour) ? cell(r.cost.usdPerHour, 3) : QStringLiteral("N/A"))
                << (isKnown(r.cost.usdPerMonth) ? cell(r.cost.usdPerMonth, 2) : QStringLiteral("N/A"))
                << (cell(r.cost.inputTokensPerSecond, decimals) +
                    (r.cost.inputTokensDerived && isKnown(r.cost.inputTokensPerSecond)
                         ? QStringLiteral(" (derived)")
                         : QString()));
        }
        if (withReplicas)
            row << (r.replicas > 0 ? QString::number(r.replicas) : QStringLiteral("N/A"));
        row << provenanceLabel(p.provenance);
        rows.append(row);
    }
    io.out << (wide ? formatCsv(header, rows) : formatTable(header, rows));
    bool anyDerived = false;
    for (const Recommendation &r : result.rows)
        anyDerived = anyDerived || (r.cost.inputTokensDerived && isKnown(r.cost.inputTokensPerSecond));
    if (!wide && anyDerived && !costBasis)
        io.err
            << "note: some costs use an input rate derived from the average lengths; see --show-cost-basis\n";
    io.out.flush();
    io.err.flush();
    return ExitOk;
}

int profilesBenchmarksList(const QStringList &args, CliIo &io)
{
    ArgParser parser(QStringLiteral("iq profiles benchmarks list"),
                     QStringLiteral("Prints every load point of the matching profiles."));
    addQueryFlags(parser, true);
    parser.setRequired(QStringLiteral("model-server"));
    parser.addValueFlag(QStringLiteral("format"), QStringLiteral("FORMAT"), QStringLiteral("output format"),
                        QStringLiteral("csvprofile"),
                        {QStringLiteral("csvprofile"), QStringLiteral("csv"), QStringLiteral("json"),
                         QStringLiteral("yaml"), QStringLiteral("table")});
    if (const int code = parseOrExit(parser, args, io); code >= 0)
        return code;
    QuerySession session;
    if (const int code = session.open(parser, io, {}, true); code >= 0)
        return code;
    const ProfileQuery &q = session.query();
    const RecommendationResult &result = session.result();
    const CatalogData &data = session.data();
    const Format format = parseFormat(parser.value(QStringLiteral("format")));

    // Recommendation rows are ordered by cost; benchmark data reads better grouped by machine.
    QList<const Recommendation *> recs;
    for (const Recommendation &r : result.rows)
        recs.append(&r);
    std::stable_sort(recs.begin(), recs.end(), [&data](const Recommendation *a, const Recommendation *b) {
        const Profile &pa = data.profiles.at(a->profileIndex);
        const Profile &pb = data.profiles.at(b->profileIndex);
        return std::tie(pa.instanceType, pa.accelerator, pa.modelServerVersion, pa.useCase) <
               std::tie(pb.instanceType, pb.accelerator, pb.modelServerVersion, pb.useCase);
    });

    QList<QStringList> rows;
    OutValue list = OutValue::list();
    for (const Recommendation *r : std::as_const(recs)) {
        const Profile &p = data.profiles.at(r->profileIndex);
        const double usdPerHour = r->priceKnown ? r->price.usdPerHour : kUnknown;
        OutValue points = OutValue::list();
        for (const BenchmarkPoint &pt : p.points) {
            const Cost cost = computePointCost(usdPerHour, pt, p.averageInputLength, p.averageOutputLength,
                                               q.outputInputCostRatio);
            rows.append(benchmarkCsvRow(p, pt, cost));
            if (format == Format::Json || format == Format::Yaml || format == Format::Csv) {
                OutValue v = pointValue(pt);
                v.insert(QStringLiteral("cost"), costValue(cost, *r, q));
                points.append(v);
            }
        }
        if (format == Format::Json || format == Format::Yaml) {
            OutValue v = OutValue::map();
            insertIdentity(v, p);
            v.insert(QStringLiteral("inflectionIndex"), OutValue::integer(r->inflectionIndex));
            v.insert(QStringLiteral("provenance"), provenanceValue(p.provenance));
            v.insert(QStringLiteral("performanceStats"), points);
            list.append(v);
        }
    }
    switch (format) {
    case Format::Json:
        io.out << list.toJson();
        break;
    case Format::Yaml:
        io.out << list.toYaml();
        break;
    case Format::Table:
        io.out << formatTable(benchmarkCsvHeader(), rows);
        break;
    default:
        io.out << formatCsv(benchmarkCsvHeader(), rows);
        break;
    }
    io.out.flush();
    if (rows.isEmpty()) {
        io.err << "No benchmark data matches these flags.\n";
        io.err.flush();
    }
    return ExitOk;
}

int profilesAcceleratorsList(const QStringList &args, CliIo &io)
{
    ArgParser parser(QStringLiteral("iq profiles accelerators list"),
                     QStringLiteral("Lists the accelerators that can serve a model, each at its highest "
                                    "throughput (under --max-ntpot-milliseconds when given)."));
    parser.addFlag(
        requiredFlag(QStringLiteral("model"), QStringLiteral("MODEL"), QStringLiteral("the model")));
    parser.addValueFlag(QStringLiteral("model-server"), QStringLiteral("SERVER"),
                        QStringLiteral("the model server; default: any"));
    parser.addValueFlag(QStringLiteral("model-server-version"), QStringLiteral("VERSION"),
                        QStringLiteral("the model server version; default: the latest"));
    parser.addValueFlag(QStringLiteral("max-ntpot-milliseconds"), QStringLiteral("MS"),
                        QStringLiteral("only accelerators that meet this NTPOT, at their throughput there"));
    parser.addValueFlag(QStringLiteral("format"), QStringLiteral("FORMAT"), QStringLiteral("output format"),
                        QStringLiteral("table"),
                        {QStringLiteral("table"), QStringLiteral("yaml"), QStringLiteral("json")});
    addCatalogFlags(parser);
    if (const int code = parseOrExit(parser, args, io); code >= 0)
        return code;
    ProfileQuery q;
    if (!readTarget(parser, QStringLiteral("max-ntpot-milliseconds"), &q.targets.ntpotMs, io))
        return ExitUsage;
    if (const QString error = validateTargets(q.targets); !error.isEmpty())
        return fail(io, ExitUsage,
                    QString(error).replace(QLatin1String("--target-ntpot-milliseconds"),
                                           QLatin1String("--max-ntpot-milliseconds")));
    q.model = parser.value(QStringLiteral("model"));
    QuerySession session;
    if (const int code = session.load(parser, io, {q.model}); code >= 0)
        return code;
    // The name checks of the query flags that this command has; the version may be of any server. Valid
    // values are listed as the catalog holds them.
    const CatalogNames names(session.catalog(), CatalogNames::Order::FirstSeen);
    const QStringList models = modelsWithProfiles(session.catalog(), parser, io, q.model);
    if (!checkName(QStringLiteral("model"), QStringLiteral("model"), q.model, models, io))
        return ExitUsage;
    q.modelServer = parser.value(QStringLiteral("model-server"));
    if (!q.modelServer.isEmpty() && !checkName(QStringLiteral("model server"), QStringLiteral("model-server"),
                                               q.modelServer, names.modelServers(q.model), io))
        return ExitUsage;
    q.modelServerVersion = parser.value(QStringLiteral("model-server-version"));
    if (!q.modelServerVersion.isEmpty() && q.modelServerVersion != QLatin1String("all") &&
        !checkName(QStringLiteral("model server version"), QStringLiteral("model-server-version"),
                   q.modelServerVersion, names.modelServerVersions(q.model), io))
        return ExitUsage;
    if (const int code = session.recommend(q, io); code >= 0)
        return code;
    const RecommendationResult &result = session.result();
    const CatalogData &data = session.data();

    // One option per accelerator type, server, version and count: its best throughput.
    struct Option
    {
        const Profile *profile;
        double outputTokensPerSecond;
    };
    QList<Option> options;
    for (const Recommendation &r : result.rows) {
        const Profile &p = data.profiles.at(r.profileIndex);
        const double tps = r.operatingPoint.point.outputTokensPerSecond;
        auto it = std::find_if(options.begin(), options.end(), [&p](const Option &o) {
            return o.profile->accelerator == p.accelerator && o.profile->modelServer == p.modelServer &&
                   o.profile->modelServerVersion == p.modelServerVersion &&
                   o.profile->acceleratorCount == p.acceleratorCount;
        });
        if (it == options.end())
            options.append({&p, tps});
        else if (tps > it->outputTokensPerSecond)
            *it = {&p, tps};
    }
    std::stable_sort(options.begin(), options.end(), [](const Option &a, const Option &b) {
        return a.outputTokensPerSecond > b.outputTokensPerSecond;
    });
    if (options.isEmpty()) {
        if (!result.unmetExplanations.isEmpty())
            printUnmet(result, io);
        else
            io.err << "No accelerators found for this model.\n";
        io.err.flush();
        return ExitOk;
    }
    const QString format = parser.value(QStringLiteral("format"));
    if (format == QLatin1String("table")) {
        QList<QStringList> rows;
        for (const Option &o : options)
            rows.append({o.profile->accelerator, o.profile->model, o.profile->modelServer,
                         o.profile->modelServerVersion, QString::number(o.profile->acceleratorCount),
                         cell(o.outputTokensPerSecond, 0), provenanceLabel(o.profile->provenance)});
        io.out << formatTable({QStringLiteral("ACCELERATOR_TYPE"), QStringLiteral("MODEL_NAME"),
                               QStringLiteral("MODEL_SERVER_NAME"), QStringLiteral("MODEL_SERVER_VERSION"),
                               QStringLiteral("ACCELERATOR_COUNT"),
                               QStringLiteral("OUTPUT_TOKENS_PER_SECOND"), QStringLiteral("SOURCE")},
                              rows);
    } else {
        OutValue list = OutValue::list();
        for (const Option &o : options) {
            OutValue v = OutValue::map();
            v.insert(QStringLiteral("acceleratorType"), OutValue::string(o.profile->accelerator));
            OutValue info = OutValue::map();
            info.insert(QStringLiteral("modelName"), OutValue::string(o.profile->model));
            info.insert(QStringLiteral("modelServerName"), OutValue::string(o.profile->modelServer));
            info.insert(QStringLiteral("modelServerVersion"),
                        OutValue::string(o.profile->modelServerVersion));
            v.insert(QStringLiteral("modelAndModelServerInfo"), info);
            OutValue used = OutValue::map();
            used.insert(QStringLiteral("acceleratorCount"), OutValue::integer(o.profile->acceleratorCount));
            used.insert(QStringLiteral("instanceType"), OutValue::string(o.profile->instanceType));
            v.insert(QStringLiteral("resourcesUsed"), used);
            OutValue perf = OutValue::map();
            perf.insert(QStringLiteral("outputTokensPerSecond"), OutValue::number(o.outputTokensPerSecond));
            v.insert(QStringLiteral("performanceStats"), perf);
            v.insert(QStringLiteral("provenance"), provenanceValue(o.profile->provenance));
            list.append(v);
        }
        io.out << (format == QLatin1String("json") ? list.toJson() : list.toYaml());
    }
    io.out.flush();
    return ExitOk;
}

namespace {

// gcloud's display of a name list ("Supported models:" then "-  name" lines), or a structured format.
int printNames(CliIo &io, const QString &format, const QString &title, const QString &none,
               const QString &key, const QStringList &names)
{
    if (format == QLatin1String("json") || format == QLatin1String("yaml")) {
        OutValue list = OutValue::list();
        for (const QString &n : names)
            list.append(OutValue::string(n));
        io.out << (format == QLatin1String("json") ? list.toJson() : list.toYaml());
    } else if (format == QLatin1String("table")) {
        QList<QStringList> rows;
        for (const QString &n : names)
            rows.append({n});
        io.out << formatTable({key}, rows);
    } else if (format == QLatin1String("csv")) {
        QList<QStringList> rows;
        for (const QString &n : names)
            rows.append({n});
        io.out << formatCsv({key}, rows);
    } else if (names.isEmpty()) {
        io.out << none << '\n';
    } else {
        io.out << title << '\n';
        for (const QString &n : names)
            io.out << "-  " << n << '\n';
    }
    io.out.flush();
    return ExitOk;
}

void addListFormatFlag(ArgParser &parser)
{
    parser.addValueFlag(QStringLiteral("format"), QStringLiteral("FORMAT"),
                        QStringLiteral("output format (default: gcloud's list display)"), {}, kListFormats);
}

} // namespace

int profilesModelsList(const QStringList &args, CliIo &io)
{
    ArgParser parser(QStringLiteral("iq profiles models list"),
                     QStringLiteral("Lists the models that have profiles in the catalog."));
    parser.addBoolFlag(
        QStringLiteral("all"),
        QStringLiteral("also list catalog models without profiles (the estimator can cover them)"));
    addListFormatFlag(parser);
    addCatalogFlags(parser);
    if (const int code = parseOrExit(parser, args, io); code >= 0)
        return code;
    const auto catalog = loadCatalog(parser, io);
    if (!catalog)
        return ExitUsage;
    const CatalogData &data = catalog->data();
    struct Info
    {
        int profiles = 0;
        QStringList kinds;
    };
    QMap<QString, Info> models; // sorted by id
    for (const Profile &p : data.profiles) {
        Info &info = models[p.model];
        ++info.profiles;
        const QString kind = provenanceKindName(p.provenance.kind);
        if (!info.kinds.contains(kind))
            info.kinds.append(kind);
    }
    if (parser.isSet(QStringLiteral("all"))) {
        for (const Model &m : data.models)
            models[m.id];
    }
    const QString format = parser.value(QStringLiteral("format"));
    if (format == QLatin1String("table") || format == QLatin1String("json") ||
        format == QLatin1String("yaml") || format == QLatin1String("csv")) {
        QList<QStringList> rows;
        OutValue list = OutValue::list();
        for (auto it = models.cbegin(); it != models.cend(); ++it) {
            const Model *m = catalog->model(it.key());
            QStringList kinds = it->kinds;
            std::sort(kinds.begin(), kinds.end());
            const QString params =
                m && isKnown(m->parametersB)
                    ? cell(m->parametersB, 1) + QStringLiteral("B") +
                          (isKnown(m->activeParametersB) && m->activeParametersB < m->parametersB
                               ? QStringLiteral(" (") + cell(m->activeParametersB, 1) +
                                     QStringLiteral("B active)")
                               : QString())
                    : QStringLiteral("N/A");
            rows.append({it.key(), m ? m->family : QString(), params, QString::number(it->profiles),
                         kinds.isEmpty() ? QStringLiteral("-") : kinds.join(QLatin1Char(','))});
            OutValue v = OutValue::map();
            v.insert(QStringLiteral("name"), OutValue::string(it.key()));
            v.insert(QStringLiteral("family"), OutValue::string(m ? m->family : QString()));
            v.insert(QStringLiteral("parametersB"), OutValue::number(m ? m->parametersB : kUnknown));
            v.insert(QStringLiteral("activeParametersB"),
                     OutValue::number(m ? m->activeParametersB : kUnknown));
            v.insert(QStringLiteral("profiles"), OutValue::integer(it->profiles));
            OutValue k = OutValue::list();
            for (const QString &s : std::as_const(kinds))
                k.append(OutValue::string(s));
            v.insert(QStringLiteral("provenance"), k);
            list.append(v);
        }
        const QStringList header{QStringLiteral("MODEL"), QStringLiteral("FAMILY"),
                                 QStringLiteral("PARAMETERS"), QStringLiteral("PROFILES"),
                                 QStringLiteral("SOURCE")};
        if (format == QLatin1String("table"))
            io.out << formatTable(header, rows);
        else if (format == QLatin1String("csv"))
            io.out << formatCsv(header, rows);
        else
            io.out << (format == QLatin1String("json") ? list.toJson() : list.toYaml());
        io.out.flush();
        return ExitOk;
    }
    return printNames(io, format, QStringLiteral("Supported models:"),
                      QStringLiteral("No supported models found."), QStringLiteral("MODEL"), models.keys());
}

int profilesModelServersList(const QStringList &args, CliIo &io)
{
    ArgParser parser(QStringLiteral("iq profiles model-servers list"),
                     QStringLiteral("Lists the model servers with profiles for a model."));
    parser.addFlag(
        requiredFlag(QStringLiteral("model"), QStringLiteral("MODEL"), QStringLiteral("the model")));
    addListFormatFlag(parser);
    addCatalogFlags(parser);
    if (const int code = parseOrExit(parser, args, io); code >= 0)
        return code;
    const QString model = parser.value(QStringLiteral("model"));
    const auto catalog = loadCatalog(parser, io, {model});
    if (!catalog)
        return ExitUsage;
    const QStringList models = modelsWithProfiles(*catalog, parser, io, model);
    if (!checkName(QStringLiteral("model"), QStringLiteral("model"), model, models, io))
        return ExitUsage;
    return printNames(io, parser.value(QStringLiteral("format")), QStringLiteral("Supported model servers:"),
                      QStringLiteral("No supported model servers found."), QStringLiteral("MODEL_SERVER"),
                      CatalogNames(*catalog).modelServers(model));
}

int profilesModelServerVersionsList(const QStringList &args, CliIo &io)
{
    ArgParser parser(
        QStringLiteral("iq profiles model-server-versions list"),
        QStringLiteral("Lists the versions of a model server with profiles for a model, newest first."));
    parser.addFlag(
        requiredFlag(QStringLiteral("model"), QStringLiteral("MODEL"), QStringLiteral("the model")));
    parser.addFlag(requiredFlag(QStringLiteral("model-server"), QStringLiteral("SERVER"),
                                QStringLiteral("the model server")));
    addListFormatFlag(parser);
    addCatalogFlags(parser);
    if (const int code = parseOrExit(parser, args, io); code >= 0)
        return code;
    const QString model = parser.value(QStringLiteral("model"));
    const QString server = parser.value(QStringLiteral("model-server"));
    const auto catalog = loadCatalog(parser, io, {model});
    if (!catalog)
        return ExitUsage;
    const CatalogNames names(*catalog);
    const QStringList models = modelsWithProfiles(*catalog, parser, io, model);
    if (!checkName(QStringLiteral("model"), QStringLiteral("model"), model, models, io) ||
        !checkName(QStringLiteral("model server"), QStringLiteral("model-server"), server,
                   names.modelServers(model), io))
        return ExitUsage;
    return printNames(
        io, parser.value(QStringLiteral("format")), QStringLiteral("Supported model server versions:"),
        QStringLiteral("No supported model server versions found."), QStringLiteral("MODEL_SERVER_VERSION"),
        names.modelServerVersionsNewestFirst(model, server));
}

int profilesUseCaseList(const QStringList &args, CliIo &io)
{
    ArgParser parser(QStringLiteral("iq profiles use-case list"),
                     QStringLiteral("Lists the use cases: synthetic average input and output lengths."));
    addListFormatFlag(parser);
    addCatalogFlags(parser);
    if (const int code = parseOrExit(parser, args, io); code >= 0)
        return code;
    // Use cases need no profiles: ask for a model id that cannot exist so every profile is skipped.
    const auto catalog = loadCatalog(parser, io, {QStringLiteral("\x01no-profiles")});
    if (!catalog)
        return ExitUsage;
    const QList<UseCase> &useCases = catalog->data().useCases;
    const QString format = parser.value(QStringLiteral("format"));
    if (format.isEmpty()) {
        QStringList names;
        for (const UseCase &u : useCases)
            names.append(u.name);
        return printNames(io, format, QStringLiteral("Supported use cases:"),
                          QStringLiteral("No supported use cases found."), QStringLiteral("USE_CASE"), names);
    }
    QList<QStringList> rows;
    OutValue list = OutValue::list();
    for (const UseCase &u : useCases) {
        rows.append({u.name, QString::number(u.inputLength), QString::number(u.outputLength)});
        OutValue v = OutValue::map();
        v.insert(QStringLiteral("useCase"), OutValue::string(u.name));
        v.insert(QStringLiteral("averageInputLength"), OutValue::integer(u.inputLength));
        v.insert(QStringLiteral("averageOutputLength"), OutValue::integer(u.outputLength));
        list.append(v);
    }
    const QStringList header{QStringLiteral("USE_CASE"), QStringLiteral("AVERAGE_INPUT_LENGTH"),
                             QStringLiteral("AVERAGE_OUTPUT_LENGTH")};
    if (format == QLatin1String("table"))
        io.out << formatTable(header, rows);
    else if (format == QLatin1String("csv"))
        io.out << formatCsv(header, rows);
    else
        io.out << (format == QLatin1String("json") ? list.toJson() : list.toYaml());
    io.out.flush();
    return ExitOk;
}

int profilesServingStacksList(const QStringList &args, CliIo &io)
{
    ArgParser parser(QStringLiteral("iq profiles serving-stacks list"),
                     QStringLiteral("Lists the serving stacks (such as llm-d) that profiles were run with."));
    parser.addValueFlag(QStringLiteral("model"), QStringLiteral("MODEL"),
                        QStringLiteral("only for this model"));
    parser.addValueFlag(QStringLiteral("model-server"), QStringLiteral("SERVER"),
                        QStringLiteral("only for this model server"));
    addListFormatFlag(parser);
    addCatalogFlags(parser);
    if (const int code = parseOrExit(parser, args, io); code >= 0)
        return code;
    const QString model = parser.value(QStringLiteral("model"));
    const QString server = parser.value(QStringLiteral("model-server"));
    const auto catalog = loadCatalog(parser, io, model.isEmpty() ? QStringList() : QStringList{model});
    if (!catalog)
        return ExitUsage;
    const CatalogNames names(*catalog);
    if ((!model.isEmpty() &&
         !checkName(QStringLiteral("model"), QStringLiteral("model"), model, names.models(), io)) ||
        (!server.isEmpty() && !checkName(QStringLiteral("model server"), QStringLiteral("model-server"),
                                         server, names.modelServers(), io)))
        return ExitUsage;
    return printNames(io, parser.value(QStringLiteral("format")), QStringLiteral("Supported serving stacks:"),
                      QStringLiteral("No supported serving stacks found."), QStringLiteral("SERVING_STACK"),
                      names.servingStacks(model, server));
}

} // namespace iq::cli
