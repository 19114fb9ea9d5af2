#pragma once
// Sorts the profiles table by the raw numbers (SortRole) and keeps the profiles that meet the targets
// above those that do not, in either sort order; optionally hides the latter.

#include <QSortFilterProxyModel>

namespace iq::gui {

class ProfileSortProxy : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit ProfileSortProxy(QObject *parent = nullptr);

    void setHideMissing(bool hide);
    bool hideMissing() const { return m_hideMissing; }

protected:
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    bool m_hideMissing = false;
};

} // namespace iq::gui
