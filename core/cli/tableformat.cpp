#include "tableformat.h"

#include <algorithm>

namespace iq::cli {

QString formatTable(const QStringList &header, const QList<QStringList> &rows)
{
    QList<qsizetype> widths(header.size(), 0);
    auto measure = [&widths](const QStringList &row) {
        for (qsizetype c = 0; c < row.size() && c < widths.size(); ++c)
            widths[c] = std::max(widths[c], row.at(c).size());
    };
    measure(header);
    for (const QStringList &row : rows)
        measure(row);
    QString out;
    auto printRow = [&](const QStringList &row) {
        QString line;
        for (qsizetype c = 0; c < widths.size(); ++c) {
            const QString cell = c < row.size() ? row.at(c) : QString();
            line += c + 1 < widths.size() ? cell.leftJustified(widths[c] + 2) : cell;
        }
        while (line.endsWith(QLatin1Char(' ')))
            line.chop(1);
        out += line + QLatin1Char('\n');
    };
    printRow(header);
    for (const QStringList &row : rows)
        printRow(row);
    return out;
}

QString csvField(const QString &field)
{
    if (!field.contains(QLatin1Char(',')) && !field.contains(QLatin1Char('"')) &&
        !field.contains(QLatin1Char('\n')) && !field.contains(QLatin1Char('\r')))
        return field;
    QString quoted = field;
    quoted.replace(QLatin1String("\""), QLatin1String("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

QString formatCsv(const QStringList &header, const QList<QStringList> &rows)
{
    QString out;
    auto printRow = [&out](const QStringList &row) {
        QStringList fields;
        fields.reserve(row.size());
        for (const QString &f : row)
            fields.append(csvField(f));
        out += fields.join(QLatin1Char(',')) + QLatin1Char('\n');
    };
    printRow(header);
    for (const QStringList &row : rows)
        printRow(row);
    return out;
}

} // namespace iq::cli
