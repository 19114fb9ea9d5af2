#include "chartgeometry.h"

#include <algorithm>
#include <cmath>

namespace iq::gui {

double metricValue(const BenchmarkPoint &point, ChartMetric metric)
{
    switch (metric) {
    case ChartMetric::Ntpot:
        return point.ntpotMs.headline();
    case ChartMetric::Ttft:
        return point.ttftMs.headline();
    case ChartMetric::Itl:
        return point.itlMs.headline();
    case ChartMetric::Throughput:
        return point.outputTokensPerSecond;
    }
    return kUnknown;
}

double xValue(const BenchmarkPoint &point, ChartMetric metric)
{
    return metric == ChartMetric::Throughput ? point.requestRate : point.outputTokensPerSecond;
}

QList<QPointF> curvePoints(const QList<BenchmarkPoint> &curve, ChartMetric metric, QList<int> *indexOf)
{
    QList<QPointF> out;
    out.reserve(curve.size());
    if (indexOf)
        indexOf->clear();
    for (qsizetype i = 0; i < curve.size(); ++i) {
        const double x = xValue(curve.at(i), metric);
        const double y = metricValue(curve.at(i), metric);
        if (!isKnown(x) || !isKnown(y))
            continue;
        out.append(QPointF(x, y));
        if (indexOf)
            indexOf->append(int(i));
    }
    return out;
}

QPointF clampForLog(QPointF p, double floorX, double floorY)
{
    const double x = (std::isnan(p.x()) || p.x() < floorX) ? floorX : p.x();
    const double y = (std::isnan(p.y()) || p.y() < floorY) ? floorY : p.y();
    return QPointF(x, y);
}

QList<QPointF> clampForLog(const QList<QPointF> &points, double floorX, double floorY)
{
    QList<QPointF> out;
    out.reserve(points.size());
    for (const QPointF &p : points)
        out.append(clampForLog(p, floorX, floorY));
    return out;
}

IdealBand idealBand(const QList<BenchmarkPoint> &curve, const QList<int> &idealIndices, ChartMetric metric,
                    double baseline)
{
    QList<int> indices;
    for (int i : idealIndices) {
        if (i < 0 || i >= curve.size())
            continue;
        if (!isKnown(xValue(curve.at(i), metric)) || !isKnown(metricValue(curve.at(i), metric)))
            continue;
        indices.append(i);
    }
    std::sort(indices.begin(), indices.end());
    indices.erase(std::unique(indices.begin(), indices.end()), indices.end());

    IdealBand band;
    if (indices.isEmpty())
        return band;
    for (qsizetype k = 0; k < indices.size(); ++k) {
        const BenchmarkPoint &p = curve.at(indices.at(k));
        const QPointF here(xValue(p, metric), metricValue(p, metric));
        if (k > 0 && indices.at(k) != indices.at(k - 1) + 1) {
            // A gap: close the previous run at the baseline and open the next one there.
            band.upper.append(QPointF(band.upper.last().x(), baseline));
            band.upper.append(QPointF(here.x(), baseline));
        }
        band.upper.append(here);
    }
    band.lower = {QPointF(band.upper.first().x(), baseline), QPointF(band.upper.last().x(), baseline)};
    return band;
}

NearestHit nearestPoint(const QList<QList<QPointF>> &curves, QPointF target, double maxDistance)
{
    NearestHit best;
    for (qsizetype c = 0; c < curves.size(); ++c) {
        const QList<QPointF> &pts = curves.at(c);
        for (qsizetype i = 0; i < pts.size(); ++i) {
            const double d = std::hypot(pts.at(i).x() - target.x(), pts.at(i).y() - target.y());
            if (d <= maxDistance && d < best.distance)
                best = NearestHit{int(c), int(i), d};
        }
    }
    return best;
}

AxisRange axisRange(double minValue, double maxValue, bool logScale)
{
    if (logScale) {
        if (!(minValue > 0) || !(maxValue > 0) || !std::isfinite(minValue) || !std::isfinite(maxValue))
            return AxisRange{1, 10};
        const double lo = std::pow(10.0, std::floor(std::log10(std::min(minValue, maxValue))));
        double hi = std::pow(10.0, std::ceil(std::log10(std::max(minValue, maxValue))));
        if (hi <= lo)
            hi = lo * 10;
        return AxisRange{lo, hi};
    }
    if (!(maxValue > 0) || !std::isfinite(maxValue))
        return AxisRange{0, 1};
    return AxisRange{0, maxValue * 1.05};
}

namespace {
bool usableLog(double minValue, double maxValue, bool logScale)
{
    return logScale && minValue > 0 && maxValue > minValue;
}
} // namespace

double sliderToValue(int position, int steps, double minValue, double maxValue, bool logScale)
{
    if (steps <= 0)
        return minValue;
    const double t = std::clamp(double(position) / steps, 0.0, 1.0);
    if (usableLog(minValue, maxValue, logScale))
        return std::exp(std::log(minValue) + t * (std::log(maxValue) - std::log(minValue)));
    return minValue + t * (maxValue - minValue);
}

int valueToSlider(double value, int steps, double minValue, double maxValue, bool logScale)
{
    if (steps <= 0 || !(maxValue > minValue) || std::isnan(value))
        return 0;
    double t = 0;
    if (usableLog(minValue, maxValue, logScale))
        t = value > 0 ? (std::log(value) - std::log(minValue)) / (std::log(maxValue) - std::log(minValue))
                      : 0;
    else
        t = (value - minValue) / (maxValue - minValue);
    return int(std::lround(std::clamp(t, 0.0, 1.0) * steps));
}

} // namespace iq::gui
