#pragma once
// One colour per accelerator, shared by the charts and the table so that a curve and its row match.

#include <QColor>
#include <QString>
#include <QStringList>

namespace iq::gui {

class AcceleratorColors
{
public:
    // Colours are assigned in the order of `labels` (the catalog's accelerator order), so they are stable
    // while the user filters.
    void setAccelerators(const QStringList &labels);
    QColor color(const QString &label) const;

private:
    QStringList m_labels;
};

} // namespace iq::gui
