#pragma once
// Chart geometry as pure functions (no painting, no QObject), so that the ideal region, the log-axis
// clamping, the nearest point to the mouse and the slider scale are tested with exact expectations.

#include "analysis/targets.h"
#include "domain.h"

#include <QList>
#include <QPointF>

#include <limits>

namespace iq::gui {

// What a chart plots: a latency (y, ms) against output tokens/s (x), or Throughput: output tokens/s (y)
// against the request rate (x).
enum class ChartMetric { Ntpot, Ttft, Itl, Throughput };

// The y value of a point: headline latency (mean, else median) in ms, or output tokens/s for Throughput;
// NaN when not measured.
double metricValue(const BenchmarkPoint &point, ChartMetric metric);
// The x value: output tokens/s, or the request rate for Throughput.
double xValue(const BenchmarkPoint &point, ChartMetric metric);

// (x, y) of every point whose two coordinates are known, in curve order.
// `indexOf` (optional) receives the curve index of each returned point.
QList<QPointF> curvePoints(const QList<BenchmarkPoint> &curve, ChartMetric metric,
                           QList<int> *indexOf = nullptr);

// Log axes cannot draw values <= 0 (or NaN): such coordinates are raised to `floor` (> 0).
QPointF clampForLog(QPointF p, double floorX, double floorY);
QList<QPointF> clampForLog(const QList<QPointF> &points, double floorX, double floorY);

// The shaded ideal region of one curve: the points of `idealIndices` (core idealRegion: at or before the
// inflection and meeting every latency target), as the upper edge of an area whose lower edge is the
// horizontal line y = baseline under the same x span. Between two ideal runs separated by a point that is
// not ideal the upper edge drops to the baseline, so one polygon covers every run. Points with an unknown
// coordinate are skipped. Empty when no index is usable.
struct IdealBand
{
    QList<QPointF> upper;
    QList<QPointF> lower;
};
IdealBand idealBand(const QList<BenchmarkPoint> &curve, const QList<int> &idealIndices, ChartMetric metric,
                    double baseline);

// Nearest point to `target` among several polylines (all in the same coordinate space, e.g. pixels),
// within maxDistance (Euclidean). curve/point are -1 when nothing is that close. Ties keep the first.
struct NearestHit
{
    int curve = -1;
    int point = -1;
    double distance = std::numeric_limits<double>::infinity();
    friend bool operator==(const NearestHit &, const NearestHit &) = default;
};
NearestHit nearestPoint(const QList<QList<QPointF>> &curves, QPointF target, double maxDistance);

// A padded axis range covering [min, max]: linear axes start at 0 and end 5% above max; log axes span
// whole decades ([10^floor(log10 min), 10^ceil(log10 max)]). Non-positive or unknown input gives [0, 1]
// (linear) or [1, 10] (log).
struct AxisRange
{
    double min = 0;
    double max = 1;
    friend bool operator==(const AxisRange &, const AxisRange &) = default;
};
AxisRange axisRange(double minValue, double maxValue, bool logScale);

// Slider <-> value mapping over [minValue, maxValue] with `steps` slider positions (0..steps). Log scale
// spaces positions evenly in log(value) (both bounds must be > 0, else linear is used).
double sliderToValue(int position, int steps, double minValue, double maxValue, bool logScale);
int valueToSlider(double value, int steps, double minValue, double maxValue, bool logScale);

} // namespace iq::gui
