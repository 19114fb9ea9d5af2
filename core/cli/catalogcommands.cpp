// `iq catalog validate FILE...` and `iq catalog build`: checking catalog files and regenerating the embedded
// catalog (resources/catalog/) from the reference facts (resources/reference/). Format:
// docs/catalog-format.md.

#include "argparser.h"
#include "catalog/catalogbuilder.h"
#include "catalog/catalogloader.h"
#include "catalog/catalogwriter.h"
#include "catalog/profilecatalog.h"
#include "catalog/referencedata.h"
#include "clicommon.h"
#include "commands.h"
#include "estimator/calibration.h"
#include "estimator/catalogestimates.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMap>

namespace iq::cli {

namespace {

void printDiagnostics(QTextStream &stream, const QList<Diagnostic> &list, const QString &kind = {})
{
    for (const Diagnostic &d : list) {
        if (kind.isEmpty()) {
            stream << d.toString() << '\n';
        } else {
            Diagnostic w = d;
            w.message = kind + QStringLiteral(": ") + d.message;
            stream << w.toString() << '\n';
        }
    }
}

QString countsSummary(const CatalogData &d)
{
    qsizetype points = 0;
    for (const Profile &p : d.profiles)
        points += p.points.size();
    return QStringLiteral("%1 accelerators, %2 machine types, %3 prices, %4 models, %5 model servers, "
                          "%6 use cases, %7 profiles (%8 points)")
        .arg(d.accelerators.size())
        .arg(d.machineTypes.size())
        .arg(d.prices.size())
        .arg(d.models.size())
        .arg(d.modelServers.size())
        .arg(d.useCases.size())
        .arg(d.profiles.size())
        .arg(points);
}

// One file that `iq catalog build` writes into the output directory.
struct CatalogOutput
{
    QString fileName; // "reference.json"
    CatalogData data;
};

// The model server version an estimated profile stands for: the version of the calibration points its
// factors were fitted to (resources/estimator/calibration-points.yaml: the vLLM GPU points ran v0.11.0,
// the newest SGLang points v0.5.5.post1, the vLLM TPU recipe pins vllm/vllm-tpu:v0.12.0). Manifests use it
// as the image tag.
QString estimatedServerVersion(const QString &server)
{
    if (server == QLatin1String("vllm"))
        return QStringLiteral("v0.11.0");
    if (server == QLatin1String("sglang"))
        return QStringLiteral("v0.5.5.post1");
    if (server == QLatin1String("vllm-tpu"))
        return QStringLiteral("v0.12.0");
    return {};
}

struct BuildSettings
{
    bool estimates = true;
    int requestsPerPoint = 0; // 0 = the estimator's default
    QStringList models;       // empty = every model of the facts table
};

// Everything `iq catalog build` produces, in the order it is written. The embedded catalog is every
// resources/catalog/*.json, overlaid by file name: estimated-*.json files (the estimator's profiles, one
// file per model so that `--model` reads only its own) sort before reference.json, so measured reference
// profiles win over estimates with the same key.
QList<CatalogOutput> catalogBuildOutputs(const ReferenceData &reference, const BuildSettings &settings,
                                         QStringList *log)
{
    QList<CatalogOutput> outputs;
    const CatalogData base = buildReferenceCatalog(reference);
    if (settings.estimates) {
        EstimateBuildOptions options;
        if (settings.requestsPerPoint > 0)
            options.requestsPerPoint = settings.requestsPerPoint;
        options.models = settings.models;
        // A fixed date (the calibration's) keeps rebuilds byte-identical.
        options.date = defaultCalibration().fittedOn;
        QList<Profile> estimated = buildEstimatedProfiles(base, options, log);
        QMap<QString, CatalogData> byModel; // sorted by model id: deterministic file order
        for (Profile &p : estimated) {
            if (p.modelServerVersion.isEmpty())
                p.modelServerVersion = estimatedServerVersion(p.modelServer);
            CatalogData &d = byModel[p.model];
            d.profiles.append(p);
        }
        for (auto it = byModel.begin(); it != byModel.end(); ++it) {
            CatalogData &d = it.value();
            d.name = QStringLiteral("Estimated profiles: ") + it.key();
            d.description = QStringLiteral(
                "Latency-throughput curves computed by the iq performance estimator (docs/estimator.md) "
                "from the reference facts; not measurements.");
            d.modelServers = modelServersUsedBy(d.profiles);
            outputs.append({estimatedCatalogFileName(it.key()), d});
        }
    }
    outputs.append({QStringLiteral("reference.json"), base});
    return outputs;
}

} // namespace

int catalogValidate(const QStringList &args, CliIo &io)
{
    ArgParser parser(
        QStringLiteral("iq catalog validate"),
        QStringLiteral("Checks catalog files (docs/catalog-format.md) and reports every problem as "
                       "file:line: message. Exit 0 when all files are valid, 2 otherwise."));
    parser.setPositionals(QStringLiteral("FILE..."), 1, 10000);
    parser.addBoolFlag(QStringLiteral("quiet-warnings"), QStringLiteral("do not print warnings"));
    if (const int code = parseOrExit(parser, args, io); code >= 0)
        return code;

    // Accelerators of the embedded catalog count as known (user catalogs usually reference them).
    CatalogSources embedded;
    embedded.userDirectory = false;
    const ProfileCatalog base = ProfileCatalog::load(embedded, nullptr);
    CatalogLoadOptions options;
    for (const Accelerator &a : base.data().accelerators)
        options.knownAccelerators.append(a.gkeLabel);

    const bool quiet = parser.isSet(QStringLiteral("quiet-warnings"));
    int errorCount = 0;
    int warningCount = 0;
    CatalogData total;
    const QStringList files = parser.positionals();
    for (const QString &file : files) {
        const CatalogLoadResult result = loadCatalogFile(file, options);
        printDiagnostics(io.err, result.errors);
        if (!quiet)
            printDiagnostics(io.err, result.warnings, QStringLiteral("warning"));
        errorCount += static_cast<int>(result.errors.size());
        warningCount += static_cast<int>(result.warnings.size());
        total.accelerators += result.data.accelerators;
        total.machineTypes += result.data.machineTypes;
        total.prices += result.data.prices;
        total.models += result.data.models;
        total.modelServers += result.data.modelServers;
        total.useCases += result.data.useCases;
        total.profiles += result.data.profiles;
    }
    io.err.flush();
    if (errorCount > 0) {
        io.out << QStringLiteral("%1 error(s), %2 warning(s) in %3 file(s)\n")
                      .arg(errorCount)
                      .arg(warningCount)
                      .arg(files.size());
        io.out.flush();
        return ExitUsage;
    }
    io.out << QStringLiteral("%1 file(s) valid: %2; %3 warning(s)\n")
                  .arg(files.size())
                  .arg(countsSummary(total))
                  .arg(warningCount);
    io.out.flush();
    return ExitOk;
}

int catalogBuild(const QStringList &args, CliIo &io)
{
    ArgParser parser(
        QStringLiteral("iq catalog build"),
        QStringLiteral(
            "Regenerates the embedded catalog (reference.json and the estimated-*.json files) from the "
            "reference facts and the estimator. "
            "Output is deterministic: the same facts give the same bytes."));
    parser.addValueFlag(
        QStringLiteral("reference-dir"), QStringLiteral("DIR"),
        QStringLiteral("directory with accelerators.yaml, prices.yaml, models.yaml, use-cases.yaml, "
                       "measured.yaml (default: the copy compiled into iq)"),
        QStringLiteral(":/reference"));
    parser.addValueFlag(
        QStringLiteral("output-dir"), QStringLiteral("DIR"),
        QStringLiteral("where to write the catalog files (default: ./resources/catalog, which must "
                       "exist: run from the source tree)"));
    parser.addBoolFlag(
        QStringLiteral("skip-estimates"),
        QStringLiteral("write reference.json only (no estimator run; estimated files are kept)"));
    parser.addValueFlag(QStringLiteral("requests-per-point"), QStringLiteral("N"),
                        QStringLiteral("simulated requests per load point (default: the estimator's)"));
    FlagSpec model;
    model.name = QStringLiteral("model");
    model.valueName = QStringLiteral("MODEL");
    model.help = QStringLiteral("estimate only this model (repeatable); other estimated files are kept");
    model.repeatable = true;
    parser.addFlag(model);
    parser.setPositionals({}, 0, 0);
    if (const int code = parseOrExit(parser, args, io); code >= 0)
        return code;
    BuildSettings settings;
    settings.estimates = !parser.isSet(QStringLiteral("skip-estimates"));
    settings.models = parser.values(QStringLiteral("model"));
    QString intError;
    if (!parser.intValue(QStringLiteral("requests-per-point"), 0, &settings.requestsPerPoint, &intError))
        return fail(io, ExitUsage, intError);
    if (parser.isSet(QStringLiteral("requests-per-point")) && settings.requestsPerPoint < 100)
        return fail(io, ExitUsage, QStringLiteral("--requests-per-point must be at least 100"));

    QString outputDir = parser.value(QStringLiteral("output-dir"));
    if (outputDir.isEmpty()) {
        outputDir = QDir::current().filePath(QStringLiteral("resources/catalog"));
        if (!QFileInfo(outputDir).isDir())
            return fail(
                io, ExitUsage,
                QStringLiteral("no --output-dir given and %1 does not exist; run from the source tree or "
                               "pass --output-dir=DIR")
                    .arg(QDir::toNativeSeparators(outputDir)));
    } else if (!QFileInfo(outputDir).isDir() && !QDir().mkpath(outputDir)) {
        return fail(io, ExitFailure, QStringLiteral("cannot create the output directory %1").arg(outputDir));
    }

    const QString referenceDir = parser.value(QStringLiteral("reference-dir"));
    if (!QFileInfo(referenceDir).isDir())
        return fail(io, ExitUsage,
                    QStringLiteral("--reference-dir: %1 is not a directory").arg(referenceDir));
    const ReferenceData reference = loadReferenceData(referenceDir);
    printDiagnostics(io.err, reference.warnings, QStringLiteral("note"));
    if (!reference.errors.isEmpty()) {
        printDiagnostics(io.err, reference.errors);
        io.err.flush();
        return fail(io, ExitUsage,
                    QStringLiteral("the reference facts have %1 error(s); nothing written")
                        .arg(reference.errors.size()));
    }

    QStringList log;
    const QList<CatalogOutput> outputs = catalogBuildOutputs(reference, settings, &log);
    for (const QString &line : std::as_const(log))
        io.err << line << '\n';
    // A full estimator run replaces every estimated file: remove those of models it no longer produces.
    if (settings.estimates && settings.models.isEmpty()) {
        QStringList written;
        for (const CatalogOutput &output : outputs)
            written.append(output.fileName);
        const QDir dir(outputDir);
        for (const QString &old : dir.entryList({QStringLiteral("estimated-*.json")}, QDir::Files)) {
            if (!written.contains(old) && QFile::remove(dir.filePath(old)))
                io.out << QStringLiteral("removed %1\n").arg(QDir::toNativeSeparators(dir.filePath(old)));
        }
    }
    for (const CatalogOutput &output : outputs) {
        const QString path = QDir(outputDir).filePath(output.fileName);
        // What we write must load back without errors; check before replacing the committed file.
        const CatalogLoadResult check = parseCatalog(serializeCatalog(output.data), path);
        if (!check.ok()) {
            printDiagnostics(io.err, check.errors);
            io.err.flush();
            return fail(io, ExitFailure,
                        QStringLiteral("internal error: the built catalog %1 does not validate").arg(path));
        }
        QString error;
        if (!writeCatalogFile(path, output.data, &error))
            return fail(io, ExitFailure, error);
        io.out << QStringLiteral("wrote %1: %2\n")
                      .arg(QDir::toNativeSeparators(path), countsSummary(output.data));
    }
    io.out.flush();
    io.err.flush();
    return ExitOk;
}

} // namespace iq::cli
