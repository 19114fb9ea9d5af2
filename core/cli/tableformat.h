#pragma once
// Plain-text renderings of rows: aligned tables (gcloud's custom printer style) and CSV (Python csv module
// QUOTE_MINIMAL with "\n" line ends, as gcloud writes it).

#include <QList>
#include <QString>
#include <QStringList>

namespace iq::cli {

// Left-aligned columns separated by two spaces; the header is the first row; trailing blanks trimmed.
QString formatTable(const QStringList &header, const QList<QStringList> &rows);

// One CSV line per row (header first); fields with a comma, quote or line break are quoted.
QString formatCsv(const QStringList &header, const QList<QStringList> &rows);
QString csvField(const QString &field);

} // namespace iq::cli
