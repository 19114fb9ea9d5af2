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

#include <QDir>
#include <QFileInfo>

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

// Everything `iq catalog build` produces, in the order it is written. The embedded catalog is every
// resources/catalog/*.json, overlaid by file name: estimated-*.json files (the estimator's profiles) sort
// before reference.json, so measured reference profiles win over estimates with the same key.
// To add a file, append a CatalogOutput here (e.g. estimated profiles computed from `reference`).
QList<CatalogOutput> catalogBuildOutputs(const ReferenceData &reference)
{
    QList<CatalogOutput> outputs;
    outputs.append({QStringLiteral("reference.json"), buildReferenceCatalog(reference)});
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
        QStringLiteral("Regenerates the embedded catalog (reference.json) from the reference facts. "
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
    parser.setPositionals({}, 0, 0);
    if (const int code = parseOrExit(parser, args, io); code >= 0)
        return code;

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

    for (const CatalogOutput &output : catalogBuildOutputs(reference)) {
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
