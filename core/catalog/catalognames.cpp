#include "catalognames.h"

#include <QSet>

#include <algorithm>

namespace iq {

CatalogNames::CatalogNames(const ProfileCatalog &catalog, Order order)
    : m_catalog(catalog)
    , m_order(order)
{}

QStringList CatalogNames::ordered(QStringList names) const
{
    if (m_order == Order::Sorted)
        std::sort(names.begin(), names.end());
    return names;
}

QStringList CatalogNames::collect(const QString &model, const QString &server,
                                  const std::function<QString(const Profile &)> &name) const
{
    QSet<QString> seen;
    QStringList names;
    for (const Profile &p : m_catalog.data().profiles) {
        if ((!model.isEmpty() && p.model != model) || (!server.isEmpty() && p.modelServer != server))
            continue;
        if (QString n = name(p); !seen.contains(n)) {
            seen.insert(n);
            names.append(std::move(n));
        }
    }
    return ordered(std::move(names));
}

QStringList CatalogNames::models() const
{
    return collect({}, {}, [](const Profile &p) { return p.model; });
}

QStringList CatalogNames::modelServers(const QString &model) const
{
    return collect(model, {}, [](const Profile &p) { return p.modelServer; });
}

QStringList CatalogNames::modelServerVersions(const QString &model, const QString &server) const
{
    return collect(model, server, [](const Profile &p) { return p.modelServerVersion; });
}

QStringList CatalogNames::modelServerVersionsNewestFirst(const QString &model, const QString &server) const
{
    QStringList versions = modelServerVersions(model, server);
    QStringList newestFirst;
    if (const ModelServer *ms = m_catalog.modelServer(server)) {
        for (const QString &v : ms->versions) {
            if (versions.contains(v) && !newestFirst.contains(v))
                newestFirst.append(v);
        }
    }
    if (m_order == Order::Sorted)
        std::reverse(versions.begin(), versions.end()); // descending
    for (const QString &v : std::as_const(versions)) {
        if (!newestFirst.contains(v))
            newestFirst.append(v);
    }
    return newestFirst;
}

QStringList CatalogNames::accelerators(const QString &model, const QString &server) const
{
    return collect(model, server, [](const Profile &p) { return p.accelerator; });
}

QStringList CatalogNames::instanceTypes(const QString &model, const QString &server) const
{
    return collect(model, server, [](const Profile &p) { return p.instanceType; });
}

QStringList CatalogNames::useCases(const QString &model, const QString &server) const
{
    return collect(model, server, [](const Profile &p) { return p.useCase; });
}

QStringList CatalogNames::servingStacks(const QString &model, const QString &server) const
{
    QStringList stacks = collect(model, server, [](const Profile &p) {
        if (p.servingStack.isEmpty())
            return QString();
        return p.servingStackVersion.isEmpty() ? p.servingStack
                                               : p.servingStack + QLatin1Char(' ') + p.servingStackVersion;
    });
    stacks.removeAll(QString());
    return stacks;
}

QStringList CatalogNames::regions() const
{
    QSet<QString> seen;
    QStringList names;
    for (const Price &price : m_catalog.data().prices) {
        if (!seen.contains(price.region)) {
            seen.insert(price.region);
            names.append(price.region);
        }
    }
    return ordered(std::move(names));
}

} // namespace iq
