#include "profilesortproxy.h"

#include "profiletablemodel.h"

namespace iq::gui {

ProfileSortProxy::ProfileSortProxy(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(ProfileTableModel::SortRole);
    setSortCaseSensitivity(Qt::CaseInsensitive);
}

void ProfileSortProxy::setHideMissing(bool hide)
{
    if (hide == m_hideMissing)
        return;
    m_hideMissing = hide;
    invalidateFilter();
}

bool ProfileSortProxy::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    const bool lq = left.data(ProfileTableModel::QualifiesRole).toBool();
    const bool rq = right.data(ProfileTableModel::QualifiesRole).toBool();
    if (lq != rq) {
        // Qualifying rows first whatever the order: the view reverses lessThan for descending sorts.
        const bool qualifyingFirst = lq;
        return sortOrder() == Qt::AscendingOrder ? qualifyingFirst : !qualifyingFirst;
    }
    const QVariant l = left.data(sortRole());
    const QVariant r = right.data(sortRole());
    if (l.typeId() == QMetaType::Double && r.typeId() == QMetaType::Double) {
        if (l.toDouble() != r.toDouble())
            return l.toDouble() < r.toDouble();
        return left.row() < right.row(); // stable: keep the recommender's order on ties
    }
    if (l.typeId() == QMetaType::Int && r.typeId() == QMetaType::Int && l.toInt() != r.toInt())
        return l.toInt() < r.toInt();
    const int c = QString::localeAwareCompare(l.toString(), r.toString());
    if (c != 0)
        return c < 0;
    return left.row() < right.row();
}

bool ProfileSortProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (!m_hideMissing)
        return true;
    return sourceModel()->index(sourceRow, 0, sourceParent).data(ProfileTableModel::QualifiesRole).toBool();
}

} // namespace iq::gui
