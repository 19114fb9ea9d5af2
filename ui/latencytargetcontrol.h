#pragma once
// One latency target: an on/off check box with the metric name, a slider (log scale over the catalog's
// range) and a synced spin box in milliseconds. value() is NaN when the target is off.

#include <QWidget>

class QCheckBox;
class QDoubleSpinBox;
class QSlider;

namespace iq::gui {

class LatencyTargetControl : public QWidget
{
    Q_OBJECT
public:
    explicit LatencyTargetControl(const QString &name, const QString &toolTip, QWidget *parent = nullptr);

    static constexpr int kSteps = 1000;

    // The slider spans [min, max] ms (log scale); the spin box accepts any value in
    // [min / 10, max * 10] so that a target outside the data can still be typed.
    void setRange(double minMs, double maxMs);
    double minimum() const { return m_min; }
    double maximum() const { return m_max; }

    double value() const; // NaN when off
    bool isOn() const;
    // NaN turns the target off (keeping the last value for when it is switched on again).
    void setValue(double ms);
    void setOn(bool on);

    QCheckBox *checkBox() const { return m_check; }
    QSlider *slider() const { return m_slider; }
    QDoubleSpinBox *spinBox() const { return m_spin; }

Q_SIGNALS:
    void valueChanged(double ms); // NaN when switched off

private:
    void onSlider(int position);
    void onSpin(double value);
    void syncEnabled();

    QCheckBox *m_check = nullptr;
    QSlider *m_slider = nullptr;
    QDoubleSpinBox *m_spin = nullptr;
    double m_min = 1;
    double m_max = 1000;
};

} // namespace iq::gui
