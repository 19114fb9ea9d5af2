#include "acceleratorcolors.h"

#include <array>

namespace iq::gui {

namespace {
// Okabe-Ito and Tableau-like hues: distinguishable for common colour-vision deficiencies and readable on
// light and dark backgrounds.
constexpr std::array<QRgb, 12> kPalette{0xff0072b2, 0xffe69f00, 0xff009e73, 0xffcc79a7,
                                        0xff56b4e9, 0xffd55e00, 0xff7f3c8d, 0xff8c8c00,
                                        0xff17becf, 0xffe7298a, 0xff666666, 0xffa6761d};
} // namespace

void AcceleratorColors::setAccelerators(const QStringList &labels)
{
    m_labels = labels;
}

QColor AcceleratorColors::color(const QString &label) const
{
    qsizetype i = m_labels.indexOf(label);
    if (i < 0) // not in the catalog list: a stable colour from the name
        i = qsizetype(qHash(label) % kPalette.size());
    return QColor::fromRgba(kPalette.at(size_t(i) % kPalette.size()));
}

} // namespace iq::gui
