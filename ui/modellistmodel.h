#pragma once
// The models of the catalog that have profiles, with what the picker shows: family, size and provenance
// badges (measured / estimated / imported).

#include "domain.h"

#include <QAbstractListModel>
#include <QList>

namespace iq::gui {

struct ModelEntry
{
    QString id;
    QString family;
    double parametersB = kUnknown;
    double activeParametersB = kUnknown;
    int profileCount = 0;
    bool measured = false;
    bool estimated = false;
    bool imported = false;
};

class ModelListModel : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Role {
        IdRole = Qt::UserRole + 1,
        DetailRole, // "GPT-OSS · 21B (3.6B active) · 4 profiles"
        BadgesRole, // QStringList of translated badge names
        SearchRole, // id + family, for type-ahead filtering
    };

    explicit ModelListModel(QObject *parent = nullptr);

    void setCatalog(const CatalogData &catalog);
    const QList<ModelEntry> &entries() const { return m_entries; }
    int rowOf(const QString &id) const; // -1 when absent

    // Sorted by id; only models with at least one profile (the picker has nothing to show for the others).
    static QList<ModelEntry> entriesOf(const CatalogData &catalog);
    static QString sizeText(const ModelEntry &e); // "21B", "21B (3.6B active)", "" when unknown

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

private:
    QList<ModelEntry> m_entries;
};

} // namespace iq::gui
