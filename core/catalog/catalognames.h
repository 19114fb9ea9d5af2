#pragma once
// The distinct names a catalog's profiles use (models, model servers, versions, accelerators, machine types,
// use cases, serving stacks) narrowed by model and model server, and the regions of its prices. These are
// the "valid values" the `iq profiles` commands check flags against and offer in their errors, and the
// choices a filter can offer.

#include "catalog/profilecatalog.h"

#include <QStringList>

#include <functional>

namespace iq {

class CatalogNames
{
public:
    // How the lists are ordered: ascending (QString's operator<, UTF-16 code units), or as first seen in
    // the catalog's profiles (prices for regions).
    enum class Order { Sorted, FirstSeen };

    // Keeps a reference: `catalog` must outlive this object.
    explicit CatalogNames(const ProfileCatalog &catalog, Order order = Order::Sorted);

    // Every list is distinct and in the constructor's order unless said otherwise. An empty `model` or
    // `server` means any; a name no profile uses gives an empty list. Empty names that profiles carry are
    // listed like any other, except for serving stacks.

    QStringList models() const; // models with at least one profile
    QStringList modelServers(const QString &model = {}) const;
    QStringList modelServerVersions(const QString &model = {}, const QString &server = {}) const;
    // The same versions newest first: in the order of the catalog's model server entry for `server`, then
    // the versions that entry does not list, descending by name (Sorted) or as first seen (FirstSeen).
    QStringList modelServerVersionsNewestFirst(const QString &model, const QString &server) const;
    QStringList accelerators(const QString &model = {}, const QString &server = {}) const;
    QStringList instanceTypes(const QString &model = {}, const QString &server = {}) const;
    QStringList useCases(const QString &model = {}, const QString &server = {}) const;
    // "STACK VERSION" ("STACK" when the version is empty) of the profiles run with a serving stack.
    QStringList servingStacks(const QString &model = {}, const QString &server = {}) const;
    QStringList regions() const; // of the catalog's prices

private:
    QStringList collect(const QString &model, const QString &server,
                        const std::function<QString(const Profile &)> &name) const;

    QStringList ordered(QStringList names) const;

    const ProfileCatalog &m_catalog;
    Order m_order;
};

} // namespace iq
