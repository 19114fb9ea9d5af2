#pragma once
// The profiles table: one row per profile of the current query, at its operating point. Rows that miss the
// latency targets stay in the model, flagged, with the reason (the view greys or hides them).

#include "acceleratorcolors.h"
#include "analysis/recommender.h"

#include <QAbstractTableModel>
#include <QList>

namespace iq::gui {

struct ProfileRow
{
    int profileIndex = -1;         // into CatalogData::profiles
    bool qualifies = true;         // meets every latency target
    QString reason;                // why not (translated), empty when it qualifies
    Recommendation recommendation; // at the operating point (qualifying) or the inflection (others)
};

class ProfileTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        InstanceType,
        Accelerator,
        Server,
        CostInput,
        CostOutput,
        CostHour,
        OutputTokens,
        Ntpot,
        Ttft,
        Itl,
        Replicas,
        Provenance,
        ColumnCount
    };
    enum Role {
        SortRole = Qt::UserRole + 1, // raw number (unknown sorts last), or text
        ProfileIndexRole,
        QualifiesRole,
    };

    explicit ProfileTableModel(QObject *parent = nullptr);

    // The catalog must outlive the rows set with it (the main window owns both).
    void setRows(const CatalogData *catalog, const AcceleratorColors *colors, QList<ProfileRow> rows);
    const QList<ProfileRow> &rows() const { return m_rows; }
    int rowOfProfile(int profileIndex) const; // -1 when absent
    int qualifyingCount() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVariant displayData(const ProfileRow &row, int column) const;
    QVariant sortData(const ProfileRow &row, int column) const;

    const CatalogData *m_catalog = nullptr;
    const AcceleratorColors *m_colors = nullptr;
    QList<ProfileRow> m_rows;
};

} // namespace iq::gui
