#pragma once
// Paints a model in the picker: the id on the first line, family / size on the second, provenance badges
// at the right of the second line.

#include <QStyledItemDelegate>

namespace iq::gui {

class ModelItemDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    static QColor badgeColor(int badge); // 0 measured, 1 estimated, 2 imported
};

} // namespace iq::gui
