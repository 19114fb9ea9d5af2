#include "modelitemdelegate.h"

#include "formatting.h"
#include "modellistmodel.h"

#include <QApplication>
#include <QPainter>
#include <QPainterPath>

namespace iq::gui {

namespace {
constexpr int kMargin = 6;
constexpr int kBadgeGap = 4;
} // namespace

QColor ModelItemDelegate::badgeColor(int badge)
{
    switch (badge) {
    case 0:
        return QColor(0x2e, 0x7d, 0x32); // measured: green
    case 1:
        return QColor(0xb2, 0x6a, 0x00); // estimated: amber
    default:
        return QColor(0x45, 0x5a, 0x9c); // imported: blue
    }
}

QSize ModelItemDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &) const
{
    const QFontMetrics fm(option.font);
    QFont small = option.font;
    small.setPointSizeF(small.pointSizeF() * 0.9);
    const QFontMetrics sfm(small);
    return QSize(200, fm.height() + sfm.height() + 3 * kMargin);
}

void ModelItemDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                              const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    opt.text.clear();
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);

    const bool selected = option.state & QStyle::State_Selected;
    const QPalette::ColorGroup group =
        (option.state & QStyle::State_Enabled) ? QPalette::Normal : QPalette::Disabled;
    const QColor text = option.palette.color(group, selected ? QPalette::HighlightedText : QPalette::Text);
    QColor muted = text;
    muted.setAlphaF(0.7f);

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const QRect r = option.rect.adjusted(kMargin, kMargin / 2, -kMargin, -kMargin / 2);
    QFont idFont = option.font;
    idFont.setBold(true);
    const QFontMetrics idFm(idFont);
    painter->setFont(idFont);
    painter->setPen(text);
    const QRect idRect(r.left(), r.top() + kMargin / 2, r.width(), idFm.height());
    painter->drawText(
        idRect, Qt::AlignLeft | Qt::AlignVCenter,
        idFm.elidedText(index.data(ModelListModel::IdRole).toString(), Qt::ElideMiddle, r.width()));

    QFont small = option.font;
    small.setPointSizeF(small.pointSizeF() * 0.9);
    const QFontMetrics sfm(small);
    painter->setFont(small);
    const int y2 = idRect.bottom() + kMargin / 2;
    // Badges right-aligned, laid out from the right edge.
    int right = r.right();
    const QStringList badges = index.data(ModelListModel::BadgesRole).toStringList();
    const QStringList kinds{Formatting::provenanceKind(Provenance::Kind::Measured),
                            Formatting::provenanceKind(Provenance::Kind::Estimated),
                            Formatting::provenanceKind(Provenance::Kind::Imported)};
    for (qsizetype i = badges.size() - 1; i >= 0; --i) {
        const QString &b = badges.at(i);
        const int w = sfm.horizontalAdvance(b) + 8;
        const QRect br(right - w + 1, y2, w, sfm.height() + 2);
        QPainterPath path;
        path.addRoundedRect(QRectF(br), 4, 4);
        const qsizetype kind = kinds.indexOf(b);
        painter->fillPath(path, badgeColor(kind < 0 ? 2 : int(kind)));
        painter->setPen(Qt::white);
        painter->drawText(br, Qt::AlignCenter, b);
        right -= w + kBadgeGap;
    }
    painter->setPen(muted);
    const QRect detailRect(r.left(), y2, std::max(0, right - r.left()), sfm.height() + 2);
    painter->drawText(detailRect, Qt::AlignLeft | Qt::AlignVCenter,
                      sfm.elidedText(index.data(ModelListModel::DetailRole).toString(), Qt::ElideRight,
                                     detailRect.width()));
    painter->restore();
}

} // namespace iq::gui
