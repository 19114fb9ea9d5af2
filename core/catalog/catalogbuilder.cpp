#include "catalogbuilder.h"

#include <QRegularExpression>

#include <algorithm>

namespace iq {

namespace {
// Natural order independent of the locale: runs of digits compare as numbers ("v0.10" > "v0.9").
int naturalCompare(const QString &a, const QString &b)
{
    qsizetype i = 0, j = 0;
    while (i < a.size() && j < b.size()) {
        if (a[i].isDigit() && b[j].isDigit()) {
            qsizetype ei = i, ej = j;
            while (ei < a.size() && a[ei].isDigit())
                ++ei;
            while (ej < b.size() && b[ej].isDigit())
                ++ej;
            const QString na = a.mid(i, ei - i).remove(QRegularExpression(QStringLiteral("^0+(?=.)")));
            const QString nb = b.mid(j, ej - j).remove(QRegularExpression(QStringLiteral("^0+(?=.)")));
            if (na.size() != nb.size())
                return na.size() < nb.size() ? -1 : 1;
            if (const int c = na.compare(nb))
                return c;
            i = ei;
            j = ej;
        } else {
            if (a[i] != b[j])
                return a[i] < b[j] ? -1 : 1;
            ++i;
            ++j;
        }
    }
    return (a.size() - i) < (b.size() - j) ? -1 : ((a.size() - i) > (b.size() - j) ? 1 : a.compare(b));
}
} // namespace

QList<ModelServer> modelServersUsedBy(const QList<Profile> &profiles)
{
    QList<ModelServer> servers;
    for (const Profile &p : profiles) {
        if (p.modelServer.isEmpty())
            continue;
        auto it = std::find_if(servers.begin(), servers.end(),
                               [&](const ModelServer &s) { return s.name == p.modelServer; });
        if (it == servers.end()) {
            servers.append({p.modelServer, {}, {}});
            it = servers.end() - 1;
        }
        if (!p.modelServerVersion.isEmpty() && !it->versions.contains(p.modelServerVersion))
            it->versions.append(p.modelServerVersion);
    }
    // Deterministic order: servers by name; versions newest first (descending, numeric-aware).
    std::sort(servers.begin(), servers.end(),
              [](const ModelServer &a, const ModelServer &b) { return a.name < b.name; });
    for (ModelServer &s : servers)
        std::sort(s.versions.begin(), s.versions.end(),
                  [](const QString &a, const QString &b) { return naturalCompare(a, b) > 0; });
    return servers;
}

CatalogData buildReferenceCatalog(const ReferenceData &reference)
{
    CatalogData c;
    c.name = QStringLiteral("reference");
    c.description = QStringLiteral(
        "Built by `iq catalog build` from resources/reference (accelerators.yaml, "
        "prices.yaml, models.yaml, use-cases.yaml, measured.yaml); every figure keeps its source.");
    // The reference files' own order (deliberate: GPUs by generation, then TPUs) is kept; it is
    // deterministic.
    c.accelerators = reference.accelerators;
    c.machineTypes = reference.machineTypes;
    c.prices = reference.prices;
    c.models = reference.models;
    c.useCases = reference.useCases;
    c.profiles = reference.measuredProfiles;
    c.modelServers = modelServersUsedBy(c.profiles);
    return c;
}

QString estimatedCatalogFileName(const QString &model)
{
    QString slug = model.toLower();
    slug.replace(QLatin1Char('/'), QLatin1String("--"));
    for (QChar &c : slug) {
        if (!c.isLetterOrNumber() && c != QLatin1Char('.') && c != QLatin1Char('-') && c != QLatin1Char('_'))
            c = QLatin1Char('-');
    }
    return QStringLiteral("estimated-") + slug + QStringLiteral(".json");
}

} // namespace iq
