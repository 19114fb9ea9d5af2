#include "clicommon.h"

#include "catalog/diagnostic.h"

#include <cmath>

namespace iq::cli {

void addCatalogFlags(ArgParser &parser)
{
    FlagSpec catalog;
    catalog.name = QStringLiteral("catalog");
    catalog.valueName = QStringLiteral("FILE");
    catalog.help = QStringLiteral("overlay this catalog file on the embedded and user catalogs (repeatable)");
    catalog.repeatable = true;
    parser.addFlag(catalog);
    parser.addBoolFlag(
        QStringLiteral("no-user-catalog"),
        QStringLiteral("ignore the user catalog directory (%1)").arg(ProfileCatalog::userCatalogDirectory()));
}

std::optional<ProfileCatalog> loadCatalog(const ArgParser &parser, CliIo &io, const QStringList &onlyModels)
{
    CatalogSources sources;
    sources.userDirectory = !parser.isSet(QStringLiteral("no-user-catalog"));
    sources.extraFiles = parser.values(QStringLiteral("catalog"));
    sources.onlyModels = onlyModels;
    QList<Diagnostic> errors;
    QList<Diagnostic> warnings;
    ProfileCatalog catalog = ProfileCatalog::load(sources, &errors, &warnings);
    for (const Diagnostic &w : warnings)
        io.err << "warning: " << w.toString() << '\n';
    if (!errors.isEmpty()) {
        for (const Diagnostic &e : errors)
            io.err << e.toString() << '\n';
        io.err << "iq: the catalog has errors; fix them or leave the file out\n";
        io.err.flush();
        return std::nullopt;
    }
    return catalog;
}

int parseOrExit(ArgParser &parser, const QStringList &args, CliIo &io)
{
    if (!parser.parse(args)) {
        io.err << "iq: " << parser.error() << '\n'
               << "Run `" << parser.command() << " --help` for the flags.\n";
        io.err.flush();
        return ExitUsage;
    }
    if (parser.helpRequested()) {
        io.out << parser.helpText();
        io.out.flush();
        return ExitOk;
    }
    return -1;
}

bool checkName(const QString &what, const QString &flag, const QString &value, const QStringList &valid,
               CliIo &io)
{
    if (valid.contains(value))
        return true;
    io.err << "iq: unknown " << what << " \"" << value << "\" (--" << flag << ")";
    const QStringList close = closestMatches(value, valid, 3);
    if (!close.isEmpty())
        io.err << "; did you mean " << close.join(QStringLiteral(", ")) << "?";
    io.err << '\n';
    if (valid.isEmpty())
        io.err << "There are none in the catalog.\n";
    else if (valid.size() <= 40)
        io.err << "Valid values: " << valid.join(QStringLiteral(", ")) << '\n';
    io.err.flush();
    return false;
}

int fail(CliIo &io, int code, const QString &message)
{
    io.err << "iq: " << message << '\n';
    io.err.flush();
    return code;
}

QString cell(double v, int decimals)
{
    if (!std::isfinite(v))
        return QStringLiteral("N/A");
    QString s = QString::number(v, 'f', decimals);
    if (s.contains(QLatin1Char('.'))) {
        while (s.endsWith(QLatin1Char('0')))
            s.chop(1);
        if (s.endsWith(QLatin1Char('.')))
            s.chop(1);
    }
    if (s == QLatin1String("-0"))
        s = QStringLiteral("0");
    return s;
}

QString costCell(double v)
{
    return std::isfinite(v) ? QString::number(v, 'f', 3) : QStringLiteral("N/A");
}

} // namespace iq::cli
