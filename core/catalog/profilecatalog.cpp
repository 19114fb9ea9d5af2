#include "profilecatalog.h"

#include "catalog/catalogbuilder.h"

#include "catalogloader.h"

#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

#include <algorithm>

namespace iq {

namespace {

QString priceKey(const QString &machineType, const QString &region, const QString &pricingModel)
{
    return machineType + QLatin1Char('\x1f') + region + QLatin1Char('\x1f') + pricingModel;
}

QString profileKey(const Profile &p)
{
    const QChar sep(0x1f);
    return p.model + sep + p.modelServer + sep + p.modelServerVersion + sep + p.accelerator + sep +
           QString::number(p.acceleratorCount) + sep + p.instanceType + sep + p.useCase;
}

// Replaces items with the same key in place (keeping the first position), appends new ones.
template<class T, class KeyFn>
void overlayList(QList<T> *base, const QList<T> &layer, KeyFn key)
{
    QHash<QString, qsizetype> index;
    index.reserve(base->size());
    for (qsizetype i = 0; i < base->size(); ++i)
        index.insert(key(base->at(i)), i);
    for (const T &item : layer) {
        const QString k = key(item);
        const auto it = index.constFind(k);
        if (it != index.constEnd()) {
            (*base)[it.value()] = item;
        } else {
            index.insert(k, base->size());
            base->append(item);
        }
    }
}

template<class T, class KeyFn>
QHash<QString, qsizetype> indexOf(const QList<T> &items, KeyFn key)
{
    QHash<QString, qsizetype> index;
    index.reserve(items.size());
    for (qsizetype i = 0; i < items.size(); ++i)
        index.insert(key(items[i]), i);
    return index;
}

} // namespace

QString ProfileCatalog::userCatalogDirectory()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) +
           QStringLiteral("/iqstudio/catalog");
}

QStringList ProfileCatalog::catalogFilesIn(const QString &dir)
{
    const QDir d(dir);
    QStringList files = d.entryList({QStringLiteral("*.json")}, QDir::Files | QDir::Readable, QDir::Name);
    for (QString &f : files)
        f = d.filePath(f);
    return files;
}

ProfileCatalog ProfileCatalog::load(const CatalogSources &sources, QList<Diagnostic> *errors,
                                    QList<Diagnostic> *warnings)
{
    QStringList files;
    if (sources.embedded) {
        // The embedded estimated-*.json files hold one model each (estimatedCatalogFileName): when only
        // some models are wanted, the others' files are not read at all — the fast path of `--model`.
        QStringList wanted;
        for (const QString &m : sources.onlyModels)
            wanted.append(estimatedCatalogFileName(m));
        for (const QString &f : catalogFilesIn(QStringLiteral(":/catalog"))) {
            const QString name = QFileInfo(f).fileName();
            if (sources.onlyModels.isEmpty() || !name.startsWith(QLatin1String("estimated-")) ||
                wanted.contains(name))
                files.append(f);
        }
    }
    if (sources.userDirectory) {
        const QString dir = userCatalogDirectory();
        if (QDir(dir).exists())
            files += catalogFilesIn(dir);
    }
    files += sources.extraFiles;

    ProfileCatalog catalog;
    CatalogLoadOptions options;
    options.onlyModels = sources.onlyModels;
    for (const QString &file : std::as_const(files)) {
        // Accelerators of earlier layers count as known for the "unknown accelerator" warning.
        options.knownAccelerators.clear();
        for (const Accelerator &a : std::as_const(catalog.m_data.accelerators))
            options.knownAccelerators.append(a.gkeLabel);
        CatalogLoadResult result = loadCatalogFile(file, options);
        if (warnings)
            warnings->append(result.warnings);
        if (!result.ok()) {
            if (errors)
                errors->append(result.errors);
            continue;
        }
        catalog.overlay(result.data);
        catalog.m_sourceFiles.append(file);
    }
    catalog.rebuildIndex();
    return catalog;
}

ProfileCatalog ProfileCatalog::fromData(const QList<CatalogData> &layers, const QStringList &sourceFiles)
{
    ProfileCatalog catalog;
    for (const CatalogData &layer : layers)
        catalog.overlay(layer);
    catalog.m_sourceFiles = sourceFiles;
    catalog.rebuildIndex();
    return catalog;
}

void ProfileCatalog::overlay(const CatalogData &layer)
{
    if (!layer.name.isEmpty())
        m_data.name = layer.name;
    if (!layer.description.isEmpty())
        m_data.description = layer.description;
    overlayList(&m_data.accelerators, layer.accelerators, [](const Accelerator &a) { return a.gkeLabel; });
    overlayList(&m_data.machineTypes, layer.machineTypes, [](const MachineType &m) { return m.name; });
    overlayList(&m_data.prices, layer.prices,
                [](const Price &p) { return priceKey(p.machineType, p.region, p.pricingModel); });
    overlayList(&m_data.models, layer.models, [](const Model &m) { return m.id; });
    overlayList(&m_data.useCases, layer.useCases, [](const UseCase &u) { return u.name; });
    overlayList(&m_data.profiles, layer.profiles, profileKey);
    // Model servers: a later layer's versions come first, earlier versions not listed again are kept.
    for (const ModelServer &server : layer.modelServers) {
        auto it = std::find_if(m_data.modelServers.begin(), m_data.modelServers.end(),
                               [&](const ModelServer &s) { return s.name == server.name; });
        if (it == m_data.modelServers.end()) {
            m_data.modelServers.append(server);
            continue;
        }
        QStringList versions = server.versions;
        for (const QString &v : std::as_const(it->versions)) {
            if (!versions.contains(v))
                versions.append(v);
        }
        it->versions = versions;
        if (!server.image.isEmpty())
            it->image = server.image;
    }
}

void ProfileCatalog::rebuildIndex()
{
    m_modelIndex = indexOf(m_data.models, [](const Model &m) { return m.id; });
    m_acceleratorIndex = indexOf(m_data.accelerators, [](const Accelerator &a) { return a.gkeLabel; });
    m_machineTypeIndex = indexOf(m_data.machineTypes, [](const MachineType &m) { return m.name; });
    m_priceIndex = indexOf(m_data.prices,
                           [](const Price &p) { return priceKey(p.machineType, p.region, p.pricingModel); });
    m_modelServerIndex = indexOf(m_data.modelServers, [](const ModelServer &s) { return s.name; });
    m_useCaseIndex = indexOf(m_data.useCases, [](const UseCase &u) { return u.name; });
}

namespace {
template<class T>
const T *lookup(const QHash<QString, qsizetype> &index, const QList<T> &items, const QString &key)
{
    const auto it = index.constFind(key);
    return it == index.constEnd() ? nullptr : &items[it.value()];
}
} // namespace

const Model *ProfileCatalog::model(const QString &id) const
{
    return lookup(m_modelIndex, m_data.models, id);
}

const Accelerator *ProfileCatalog::accelerator(const QString &label) const
{
    return lookup(m_acceleratorIndex, m_data.accelerators, label);
}

const MachineType *ProfileCatalog::machineType(const QString &name) const
{
    return lookup(m_machineTypeIndex, m_data.machineTypes, name);
}

const Price *ProfileCatalog::price(const QString &machineType, const QString &region,
                                   const QString &pricingModel) const
{
    return lookup(m_priceIndex, m_data.prices, priceKey(machineType, region, pricingModel));
}

const ModelServer *ProfileCatalog::modelServer(const QString &name) const
{
    return lookup(m_modelServerIndex, m_data.modelServers, name);
}

const UseCase *ProfileCatalog::useCase(const QString &name) const
{
    return lookup(m_useCaseIndex, m_data.useCases, name);
}

QStringList ProfileCatalog::modelIds() const
{
    QStringList ids;
    ids.reserve(m_data.models.size());
    for (const Model &m : m_data.models)
        ids.append(m.id);
    ids.sort();
    return ids;
}

} // namespace iq
