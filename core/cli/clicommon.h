#pragma once
// Pieces every `iq` command shares: the catalog flags and loading, name checks with "did you mean",
// and the --format flag.

#include "argparser.h"
#include "catalog/profilecatalog.h"
#include "cliio.h"

#include <optional>

namespace iq::cli {

// --catalog=FILE (repeatable) and --no-user-catalog.
void addCatalogFlags(ArgParser &parser);

// Loads embedded < user directory < --catalog files. Only `onlyModels` profiles are parsed when given (fast
// path for --model). On a malformed file prints file:line errors and returns nullopt (exit 2).
std::optional<ProfileCatalog> loadCatalog(const ArgParser &parser, CliIo &io,
                                          const QStringList &onlyModels = {});

// Parses args into parser; prints help (exit 0) or the error with a usage hint (exit 2). Returns -1 when
// the command should go on.
int parseOrExit(ArgParser &parser, const QStringList &args, CliIo &io);

// Checks `value` against the valid names. Unknown -> prints "unknown <what> "value"" with the closest
// matches or every valid value, and returns false (the caller exits 2).
bool checkName(const QString &what, const QString &flag, const QString &value, const QStringList &valid,
               CliIo &io);

// Prints "iq: <message>" to stderr and returns the code.
int fail(CliIo &io, int code, const QString &message);

// Text of a number for tables: rounded to `decimals`, trailing zeros dropped; "N/A" when unknown.
QString cell(double v, int decimals = 0);
// gcloud's cost text: 3 decimals, "N/A" when unknown.
QString costCell(double v);

} // namespace iq::cli
