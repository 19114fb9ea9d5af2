#pragma once
// The catalog the program works with: several catalog files overlaid in order
//   embedded (":/catalog/*.json", by file name) < user directory (*.json, by file name) < --catalog FILEs.
// Later entries replace earlier ones with the same key (see docs/catalog-format.md, "Overlay").

#include "catalog/diagnostic.h"
#include "domain.h"

#include <QHash>
#include <QStringList>

namespace iq {

struct CatalogSources
{
    bool embedded = true;
    bool userDirectory = true;
    QStringList extraFiles; // --catalog FILE, in order
    QStringList onlyModels; // empty = all models' profiles; otherwise other models' profiles are skipped
};

class ProfileCatalog
{
public:
    ProfileCatalog() = default;

    // Loads and overlays the sources. Errors of a file drop that whole file (it is not overlaid); warnings
    // are passed on. `errors` may be nullptr.
    static ProfileCatalog load(const CatalogSources &sources, QList<Diagnostic> *errors,
                               QList<Diagnostic> *warnings = nullptr);
    // Overlays already-parsed catalogs in order (later wins), e.g. for tests or imported data.
    static ProfileCatalog fromData(const QList<CatalogData> &layers, const QStringList &sourceFiles = {});

    // $XDG_DATA_HOME/iqstudio/catalog (GenericDataLocation + "/iqstudio/catalog").
    static QString userCatalogDirectory();
    // The *.json files of a directory, sorted by file name (absolute paths; resource paths for ":/...").
    static QStringList catalogFilesIn(const QString &dir);

    const CatalogData &data() const { return m_data; }

    // Exact lookups; nullptr when absent.
    const Model *model(const QString &id) const;
    const Accelerator *accelerator(const QString &label) const;
    const MachineType *machineType(const QString &name) const;
    const Price *price(const QString &machineType, const QString &region, const QString &pricingModel) const;
    const ModelServer *modelServer(const QString &name) const;
    const UseCase *useCase(const QString &name) const;

    QStringList modelIds() const;                                // sorted
    QList<QString> sourceFiles() const { return m_sourceFiles; } // files overlaid, in order

private:
    void overlay(const CatalogData &layer);
    void rebuildIndex();

    CatalogData m_data;
    QStringList m_sourceFiles;
    QHash<QString, qsizetype> m_modelIndex;
    QHash<QString, qsizetype> m_acceleratorIndex;
    QHash<QString, qsizetype> m_machineTypeIndex;
    QHash<QString, qsizetype> m_priceIndex;
    QHash<QString, qsizetype> m_modelServerIndex;
    QHash<QString, qsizetype> m_useCaseIndex;
};

} // namespace iq
