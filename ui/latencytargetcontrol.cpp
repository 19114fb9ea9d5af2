#include "latencytargetcontrol.h"

#include "chartgeometry.h"
#include "domain.h"

#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QSignalBlocker>
#include <QSlider>

#include <algorithm>
#include <cmath>

namespace iq::gui {

LatencyTargetControl::LatencyTargetControl(const QString &name, const QString &toolTip, QWidget *parent)
    : QWidget(parent)
    , m_check(new QCheckBox(name, this))
    , m_slider(new QSlider(Qt::Horizontal, this))
    , m_spin(new QDoubleSpinBox(this))
{
    setToolTip(toolTip);
    m_check->setToolTip(tr("Switch the %1 target on or off").arg(name));
    m_slider->setRange(0, kSteps);
    m_slider->setSingleStep(10);
    m_slider->setPageStep(100);
    m_slider->setAccessibleName(tr("%1 target").arg(name));
    m_spin->setSuffix(tr(" ms"));
    m_spin->setDecimals(1);
    m_spin->setKeyboardTracking(false);
    m_spin->setAccelerated(true);
    m_spin->setAccessibleName(tr("%1 target in milliseconds").arg(name));
    m_spin->setMinimumWidth(m_spin->fontMetrics().horizontalAdvance(QStringLiteral("00000.0 ms")) + 30);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_check);
    layout->addWidget(m_slider, 1);
    layout->addWidget(m_spin);

    setRange(1, 1000);
    m_spin->setValue(100); // until the window sets a range from the catalog
    setValue(kUnknown);
    connect(m_check, &QCheckBox::toggled, this, [this] {
        syncEnabled();
        Q_EMIT valueChanged(value());
    });
    connect(m_slider, &QSlider::valueChanged, this, &LatencyTargetControl::onSlider);
    connect(m_spin, &QDoubleSpinBox::valueChanged, this, &LatencyTargetControl::onSpin);
}

void LatencyTargetControl::setRange(double minMs, double maxMs)
{
    if (!(minMs > 0) || !std::isfinite(minMs))
        minMs = 1;
    if (!(maxMs > minMs) || !std::isfinite(maxMs))
        maxMs = minMs * 10;
    m_min = minMs;
    m_max = maxMs;
    const double current = m_spin->value();
    const QSignalBlocker b1(m_spin);
    const QSignalBlocker b2(m_slider);
    m_spin->setRange(std::max(0.1, minMs / 10), std::min(kMaxLatencyTargetMs, maxMs * 10));
    m_spin->setSingleStep(std::max(0.1, std::pow(10.0, std::floor(std::log10(minMs)))));
    m_spin->setValue(current);
    m_slider->setValue(valueToSlider(m_spin->value(), kSteps, m_min, m_max, true));
}

double LatencyTargetControl::value() const
{
    return m_check->isChecked() ? m_spin->value() : kUnknown;
}

bool LatencyTargetControl::isOn() const
{
    return m_check->isChecked();
}

void LatencyTargetControl::setValue(double ms)
{
    const QSignalBlocker b0(m_check);
    const QSignalBlocker b1(m_spin);
    const QSignalBlocker b2(m_slider);
    if (isKnown(ms)) {
        m_spin->setValue(ms);
        m_slider->setValue(valueToSlider(m_spin->value(), kSteps, m_min, m_max, true));
        m_check->setChecked(true);
    } else {
        m_check->setChecked(false);
    }
    syncEnabled();
}

void LatencyTargetControl::setOn(bool on)
{
    m_check->setChecked(on);
}

void LatencyTargetControl::onSlider(int position)
{
    {
        const QSignalBlocker b(m_spin);
        m_spin->setValue(sliderToValue(position, kSteps, m_min, m_max, true));
    }
    if (m_check->isChecked())
        Q_EMIT valueChanged(value());
}

void LatencyTargetControl::onSpin(double v)
{
    {
        const QSignalBlocker b(m_slider);
        m_slider->setValue(valueToSlider(v, kSteps, m_min, m_max, true));
    }
    if (m_check->isChecked())
        Q_EMIT valueChanged(value());
}

void LatencyTargetControl::syncEnabled()
{
    m_slider->setEnabled(m_check->isChecked());
    m_spin->setEnabled(m_check->isChecked());
}

} // namespace iq::gui
