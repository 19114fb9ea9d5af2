#pragma once
// One latency-vs-throughput chart (NTPOT, TTFT or ITL against output tokens/s): a curve per profile,
// coloured by accelerator; the ideal region shaded, the inflection point marked, points past it dashed as
// degraded, the target as a horizontal line, the selected operating point emphasised.
// Series are created when the set of curves changes (setCurves) and only fed new points with replace()
// when the targets or the selection change, so a slider step costs no series creation. A chart that is
// hidden (another tab) keeps new curves and targets pending until it is shown or inspected.

#include "chartgeometry.h"
#include "domain.h"

#include <QChartView>
#include <QColor>
#include <QHash>
#include <QList>
#include <QPointer>

#include <optional>

class QAreaSeries;
class QLineSeries;
class QScatterSeries;
class QAbstractAxis;

namespace iq::gui {

struct ChartCurve
{
    int profileIndex = -1;
    QString accelerator; // GKE label (colour and legend group)
    QString legendName;  // accelerator display name
    QString label;       // "nvidia-l4 × 1 · g2-standard-8 · vllm 0.8.0"
    QColor color;
    QList<BenchmarkPoint> points; // sorted by load
    int inflectionIndex = -1;
    double usdPerHour = kUnknown; // price for the read-out; unknown when the catalog has none
    double averageInputLength = kUnknown;
    double averageOutputLength = kUnknown;
    double outputInputCostRatio = 4;
};

class CurveChartView : public QChartView
{
    Q_OBJECT
public:
    explicit CurveChartView(ChartMetric metric, QWidget *parent = nullptr);

    ChartMetric metric() const { return m_metric; }

    void setCurves(const QList<ChartCurve> &curves);
    // The curves last set (also while they wait, hidden, to be drawn).
    const QList<ChartCurve> &curves() const { return m_pendingCurves ? *m_pendingCurves : m_curves; }

    // Per slider step: the target of this chart's metric (NaN = none), the ideal indices of each curve (same
    // order as setCurves) and whether each curve's profile meets every target (others are drawn faded).
    void setTargets(double targetMs, const QList<QList<int>> &idealIndices, const QList<bool> &qualifies);
    // The emphasised operating point; profileIndex -1 clears it.
    void setSelection(int profileIndex, const BenchmarkPoint &point);

    void setLogScale(bool on);
    bool logScale() const { return m_log; }
    void resetZoom();
    // PNG or SVG by the file suffix; false with *error set on failure.
    bool exportImage(const QString &path, QString *error);

    // The read-out shown when hovering point `pointIndex` of curve `curve`.
    static QString readout(const ChartCurve &curve, int pointIndex);
    // The nearest curve point to a position in widget pixels (within 12 px), for clicks and tooltips.
    NearestHit hitTest(QPointF widgetPos) const;

    // Test access.
    // (These apply curves and targets deferred while the chart was hidden.)
    QLineSeries *targetLine()
    {
        flushPending();
        return m_targetLine;
    }
    QScatterSeries *selectedPoint()
    {
        flushPending();
        return m_selected;
    }
    QList<QAreaSeries *> idealAreas()
    {
        flushPending();
        return m_areas;
    }
    QLineSeries *mainSeries(int curve)
    {
        flushPending();
        return m_main.value(curve);
    }
    // How often the series were created anew (new curves, log axes) and how often existing series were
    // refilled with another set of curves (benchmark access).
    int rebuildCount() const { return m_rebuilds; }
    int refillCount() const { return m_refills; }

Q_SIGNALS:
    // A click on or near a point of a curve.
    void pointClicked(int profileIndex, int pointIndex);

protected:
    void showEvent(QShowEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    struct PendingTargets
    {
        double targetMs;
        QList<QList<int>> idealIndices;
        QList<bool> qualifies;
    };
    void rebuildSeries(const QList<ChartCurve> &curves, bool reuseSeries);
    void applyTargets(double targetMs, const QList<QList<int>> &idealIndices, const QList<bool> &qualifies);
    void flushPending();
    void rebuildAxes();
    void applyTheme();
    QList<QPointF> forAxes(const QList<QPointF> &points) const; // clamps for log axes
    void updateTargetLine();
    void updateSelection();
    void updateAreas();
    void toggleAccelerator(const QString &accelerator);

    ChartMetric m_metric;
    bool m_log = false;
    QList<ChartCurve> m_curves;
    QList<QLineSeries *> m_main;     // up to and including the inflection
    QList<QLineSeries *> m_degraded; // from the inflection on, dashed
    QList<QAreaSeries *> m_areas;    // ideal region per curve
    QList<QList<int>> m_ideal;
    QList<QList<QPointF>> m_values; // per curve: (tok/s, ms) of its plotted points
    QList<QList<int>> m_pointIndex; // per curve: benchmark index of each plotted point
    QList<bool> m_qualifies;
    QScatterSeries *m_inflections = nullptr;
    QLineSeries *m_targetLine = nullptr;
    QScatterSeries *m_selected = nullptr;
    QHash<QString, bool> m_hiddenAccelerators;
    double m_target = kUnknown;
    int m_selectedProfile = -1;
    BenchmarkPoint m_selectedPoint;
    double m_xMin = 0, m_xMax = 1, m_yMin = 0, m_yMax = 1; // data extent
    double m_yFocusMax = 1; // linear y axis end: the region up to the inflections
    QPointF m_pressPos;
    int m_hoverCurve = -1, m_hoverPoint = -1;
    // Targets set while the chart is hidden (another tab) are applied when it is shown: a slider step then
    // updates one chart, not four.
    std::optional<PendingTargets> m_pending;
    // Curves set while the chart is hidden: the series are built when it is shown (a slider step that
    // changes the set of curves then rebuilds one chart, not four).
    std::optional<QList<ChartCurve>> m_pendingCurves;
    int m_rebuilds = 0;
    int m_refills = 0;
};

} // namespace iq::gui
