#include "curvechartview.h"

#include "analysis/cost.h"
#include "formatting.h"

#include <QAreaSeries>
#include <QBuffer>
#include <QChart>
#include <QFileInfo>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QMouseEvent>
#include <QRubberBand>
#include <QSaveFile>
#include <QScatterSeries>
#include <QSvgGenerator>
#include <QToolTip>
#include <QValueAxis>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace iq::gui {

namespace {
constexpr double kHitRadiusPx = 12;
constexpr int kClickSlopPx = 4;
constexpr qsizetype kShadeAllCurvesUpTo = 12;

QString metricName(ChartMetric m)
{
    switch (m) {
    case ChartMetric::Ntpot:
        return CurveChartView::tr("NTPOT (ms)");
    case ChartMetric::Ttft:
        return CurveChartView::tr("TTFT (ms)");
    case ChartMetric::Itl:
        return CurveChartView::tr("ITL (ms)");
    case ChartMetric::Throughput:
        return CurveChartView::tr("Output tokens/s per replica");
    }
    return {};
}
} // namespace

CurveChartView::CurveChartView(ChartMetric metric, QWidget *parent)
    : QChartView(new QChart, parent)
    , m_metric(metric)
{
    setRenderHint(QPainter::Antialiasing);
    setRubberBand(QChartView::RectangleRubberBand);
    setMouseTracking(true);
    setFocusPolicy(Qt::StrongFocus);
    chart()->setMargins(QMargins(4, 4, 4, 4));
    chart()->setBackgroundRoundness(0);
    // A vertical legend at the right: one entry per accelerator stays readable with ten accelerators.
    chart()->legend()->setAlignment(Qt::AlignRight);
    QFont legendFont = chart()->legend()->font();
    legendFont.setPointSizeF(legendFont.pointSizeF() * 0.85);
    chart()->legend()->setFont(legendFont);
    chart()->legend()->setShowToolTips(true);
    applyTheme();
    setCurves({});
}

QList<QPointF> CurveChartView::forAxes(const QList<QPointF> &points) const
{
    if (!m_log)
        return points;
    const AxisRange x = axisRange(m_xMin, m_xMax, true);
    const AxisRange y = axisRange(m_yMin, m_yMax, true);
    return clampForLog(points, x.min, y.min);
}

void CurveChartView::setCurves(const QList<ChartCurve> &curves)
{
    m_pending.reset(); // targets pending for the previous curves
    if (!isVisible()) {
        m_pendingCurves = curves;
        return;
    }
    m_pendingCurves.reset();
    rebuildSeries(curves, true);
}

void CurveChartView::rebuildSeries(const QList<ChartCurve> &curves, bool reuseSeries)
{
    QChart *c = chart();
    const double oldExtent[5] = {m_xMin, m_xMax, m_yMin, m_yMax, m_yFocusMax};
    m_curves = curves;
    m_values.clear();
    m_pointIndex.clear();
    m_ideal = QList<QList<int>>(curves.size());
    m_qualifies = QList<bool>(curves.size(), true);

    // Data extent over every curve (axes stay put while the sliders move).
    double xMin = INFINITY, xMax = -INFINITY, yMin = INFINITY, yMax = -INFINITY;
    for (const ChartCurve &curve : curves) {
        QList<int> idx;
        const QList<QPointF> pts = curvePoints(curve.points, m_metric, &idx);
        for (const QPointF &p : pts) {
            xMin = std::min(xMin, p.x());
            xMax = std::max(xMax, p.x());
            yMin = std::min(yMin, p.y());
            yMax = std::max(yMax, p.y());
        }
        m_values.append(pts);
        m_pointIndex.append(idx);
    }
    if (!std::isfinite(xMin)) {
        xMin = 1;
        xMax = 10;
        yMin = 1;
        yMax = 10;
    }
    m_xMin = xMin > 0 ? xMin : 1;
    m_xMax = xMax;
    m_yMin = yMin > 0 ? yMin : 1;
    m_yMax = yMax;
    // Linear axes: degraded tails (latency past the inflection grows without bound) would squash the useful
    // part, so the default view ends at 2.5x the largest latency up to an inflection; zoom out or log axes
    // show the rest.
    double kneeMax = -INFINITY;
    for (qsizetype i = 0; i < curves.size(); ++i)
        for (qsizetype k = 0; k < m_values.at(i).size(); ++k)
            if (curves.at(i).inflectionIndex < 0 || m_pointIndex.at(i).at(k) <= curves.at(i).inflectionIndex)
                kneeMax = std::max(kneeMax, m_values.at(i).at(k).y());
    m_yFocusMax = std::isfinite(kneeMax) ? std::min(m_yMax, 2.5 * kneeMax) : m_yMax;
    const bool extentSame = oldExtent[0] == m_xMin && oldExtent[1] == m_xMax && oldExtent[2] == m_yMin &&
                            oldExtent[3] == m_yMax && oldExtent[4] == m_yFocusMax;

    // A change of the curve set (a slider step that moves the selection to a profile beyond the cheapest
    // curves) refills the existing series in place: creating and attaching dozens of series, their chart
    // items and legend markers is most of such a step. Series are slots in curve order (areas, then the
    // lines), so the stacking and the legend order are those of a fresh build; unused slots are hidden.
    // Log axes clamp points to the extent, so a new extent there needs fresh points: build anew.
    const bool reuse =
        reuseSeries && m_inflections && m_main.size() >= curves.size() && (!m_log || extentSame);

    // Point markers cost most of the painting; with many curves they also hide the lines. Up to a dozen
    // curves they are drawn (the inflection and the selected point are always marked).
    const bool showPoints = curves.size() <= kShadeAllCurvesUpTo;
    auto fillArea = [&curves](QAreaSeries *area, qsizetype i) {
        QColor fill = curves.at(i).color;
        fill.setAlpha(60);
        area->setBrush(fill);
    };
    auto fillLines = [this, &curves, showPoints](QLineSeries *main, QLineSeries *degraded, qsizetype i) {
        const ChartCurve &curve = curves.at(i);
        QList<QPointF> mainPts, degradedPts;
        const QList<QPointF> &pts = m_values.at(i);
        for (qsizetype k = 0; k < pts.size(); ++k) {
            const int bi = m_pointIndex.at(i).at(k);
            if (curve.inflectionIndex < 0 || bi <= curve.inflectionIndex)
                mainPts.append(pts.at(k));
            if (curve.inflectionIndex >= 0 && bi >= curve.inflectionIndex)
                degradedPts.append(pts.at(k));
        }
        main->setName(curve.legendName);
        main->setPen(QPen(curve.color, 2));
        main->setPointsVisible(showPoints);
        main->replace(forAxes(mainPts));
        degraded->setPen(QPen(curve.color, 1.5, Qt::DashLine));
        degraded->setPointsVisible(showPoints);
        degraded->replace(forAxes(degradedPts.size() > 1 ? degradedPts : QList<QPointF>{}));
    };
    if (reuse) {
        ++m_refills;
        for (qsizetype i = 0; i < m_main.size(); ++i) {
            QAbstractSeries *slot[3] = {m_areas.at(i), m_main.at(i), m_degraded.at(i)};
            if (i < curves.size()) {
                fillArea(m_areas.at(i), i);
                fillLines(m_main.at(i), m_degraded.at(i), i);
            } else {
                m_areas.at(i)->upperSeries()->clear();
                m_areas.at(i)->lowerSeries()->clear();
                m_main.at(i)->clear();
                m_degraded.at(i)->clear();
            }
            for (QAbstractSeries *series : slot)
                series->setVisible(i < curves.size());
        }
    } else {
        ++m_rebuilds;
        c->removeAllSeries();
        m_main.clear();
        m_degraded.clear();
        m_areas.clear();
        // Areas first so the lines draw over them.
        for (qsizetype i = 0; i < curves.size(); ++i) {
            auto *area = new QAreaSeries;
            area->setUpperSeries(new QLineSeries(area));
            area->setLowerSeries(new QLineSeries(area));
            fillArea(area, i);
            area->setPen(Qt::NoPen);
            area->setName(tr("Ideal region"));
            c->addSeries(area);
            m_areas.append(area);
        }
        for (qsizetype i = 0; i < curves.size(); ++i) {
            auto *main = new QLineSeries;
            auto *degraded = new QLineSeries;
            degraded->setName(tr("Degraded"));
            fillLines(main, degraded, i);
            c->addSeries(main);
            c->addSeries(degraded);
            m_main.append(main);
            m_degraded.append(degraded);
        }
        m_inflections = new QScatterSeries;
        m_inflections->setName(tr("Inflection point"));
        m_inflections->setMarkerShape(QScatterSeries::MarkerShapeRotatedRectangle);
        m_inflections->setMarkerSize(11);
        c->addSeries(m_inflections);

        m_targetLine = new QLineSeries;
        m_targetLine->setName(tr("Target"));
        c->addSeries(m_targetLine);

        m_selected = new QScatterSeries;
        m_selected->setName(tr("Selected operating point"));
        m_selected->setMarkerSize(16);
        c->addSeries(m_selected);
    }

    QList<QPointF> knees;
    for (const ChartCurve &curve : curves) {
        if (curve.inflectionIndex < 0 || curve.inflectionIndex >= curve.points.size())
            continue;
        const BenchmarkPoint &p = curve.points.at(curve.inflectionIndex);
        if (isKnown(xValue(p, m_metric)) && isKnown(metricValue(p, m_metric)))
            knees.append(QPointF(xValue(p, m_metric), metricValue(p, m_metric)));
    }
    m_inflections->replace(forAxes(knees));

    // New axes (as a fresh build has) unless the range is the same and the user has not zoomed.
    if (!reuse || !extentSame || c->isZoomed())
        rebuildAxes();
    applyTheme();

    // Legend: one entry per accelerator (the first curve of each), plus the marker kinds; clicking an
    // accelerator entry shows or hides all its curves.
    QHash<QString, bool> seen;
    for (qsizetype i = 0; i < curves.size(); ++i) {
        const QString accel = curves.at(i).accelerator;
        const bool first = !seen.contains(accel);
        seen.insert(accel, true);
        for (QLegendMarker *m : c->legend()->markers(m_main.at(i))) {
            m->setVisible(first);
            if (reuse) {
                m->setLabelBrush(c->legend()->labelBrush()); // undo the dimming of a hidden accelerator
            } else {
                const int slot = int(i);
                connect(m, &QLegendMarker::clicked, this, [this, slot] {
                    if (slot < m_curves.size())
                        toggleAccelerator(m_curves.at(slot).accelerator);
                });
            }
        }
        for (QAbstractSeries *s : {static_cast<QAbstractSeries *>(m_degraded.at(i)),
                                   static_cast<QAbstractSeries *>(m_areas.at(i))})
            for (QLegendMarker *m : c->legend()->markers(s))
                m->setVisible(false);
        if (m_hiddenAccelerators.value(accel)) {
            m_main.at(i)->setVisible(false);
            m_degraded.at(i)->setVisible(false);
            m_areas.at(i)->setVisible(false);
        }
    }
    for (QAbstractSeries *s :
         {static_cast<QAbstractSeries *>(m_targetLine), static_cast<QAbstractSeries *>(m_selected)})
        for (QLegendMarker *m : c->legend()->markers(s))
            m->setVisible(false);
    for (QLegendMarker *m : c->legend()->markers(m_inflections))
        m->setVisible(!knees.isEmpty());

    updateAreas();
    updateTargetLine();
    updateSelection();
}

void CurveChartView::toggleAccelerator(const QString &accelerator)
{
    const bool hide = !m_hiddenAccelerators.value(accelerator);
    m_hiddenAccelerators.insert(accelerator, hide);
    bool first = true;
    for (qsizetype i = 0; i < m_curves.size(); ++i) {
        if (m_curves.at(i).accelerator != accelerator)
            continue;
        m_main.at(i)->setVisible(!hide);
        m_degraded.at(i)->setVisible(!hide);
        m_areas.at(i)->setVisible(!hide);
        // Hiding a series hides its legend marker too: keep the accelerator's entry, dimmed, so that it
        // can be clicked again.
        for (QLegendMarker *m : chart()->legend()->markers(m_main.at(i))) {
            m->setVisible(first);
            QColor label = palette().color(QPalette::Text);
            label.setAlphaF(hide ? 0.4f : 1.0f);
            m->setLabelBrush(label);
        }
        first = false;
    }
}

void CurveChartView::rebuildAxes()
{
    QChart *c = chart();
    for (QAbstractAxis *a : c->axes())
        c->removeAxis(a), delete a;
    const AxisRange xr = axisRange(m_xMin, m_xMax, m_log);
    const AxisRange yr = axisRange(m_yMin, m_log ? m_yMax : m_yFocusMax, m_log);
    QAbstractAxis *x = nullptr;
    QAbstractAxis *y = nullptr;
    if (m_log) {
        auto *lx = new QLogValueAxis;
        lx->setRange(xr.min, xr.max);
        lx->setLabelFormat(QStringLiteral("%g"));
        lx->setMinorTickCount(-1);
        auto *ly = new QLogValueAxis;
        ly->setRange(yr.min, yr.max);
        ly->setLabelFormat(QStringLiteral("%g"));
        ly->setMinorTickCount(-1);
        x = lx;
        y = ly;
    } else {
        auto *vx = new QValueAxis;
        vx->setRange(xr.min, xr.max);
        vx->applyNiceNumbers();
        vx->setLabelFormat(m_metric == ChartMetric::Throughput ? QStringLiteral("%g")
                                                               : QStringLiteral("%.0f"));
        auto *vy = new QValueAxis;
        vy->setRange(yr.min, yr.max);
        vy->applyNiceNumbers();
        vy->setLabelFormat(QStringLiteral("%.0f"));
        x = vx;
        y = vy;
    }
    x->setTitleText(m_metric == ChartMetric::Throughput ? tr("Requests/s per replica")
                                                        : tr("Output tokens/s per replica"));
    y->setTitleText(metricName(m_metric));
    c->addAxis(x, Qt::AlignBottom);
    c->addAxis(y, Qt::AlignLeft);
    for (QAbstractSeries *s : c->series()) {
        s->attachAxis(x);
        s->attachAxis(y);
    }
}

void CurveChartView::applyTheme()
{
    const QPalette pal = palette();
    const bool dark = pal.color(QPalette::Window).lightness() < 128;
    QChart *c = chart();
    c->setBackgroundBrush(pal.color(QPalette::Base));
    c->setPlotAreaBackgroundVisible(false);
    const QColor text = pal.color(QPalette::Text);
    QColor grid = text;
    grid.setAlphaF(dark ? 0.25f : 0.15f);
    for (QAbstractAxis *a : c->axes()) {
        a->setLabelsBrush(text);
        a->setTitleBrush(text);
        a->setGridLineColor(grid);
        a->setLinePenColor(grid);
        a->setMinorGridLineColor(grid.lighter(dark ? 80 : 120));
        QFont f = a->titleFont();
        f.setBold(false);
        a->setTitleFont(f);
    }
    c->legend()->setLabelColor(text);
    if (m_inflections) {
        m_inflections->setColor(text);
        m_inflections->setBorderColor(pal.color(QPalette::Base));
    }
    if (m_targetLine) {
        QPen pen(dark ? QColor(0xff, 0x6e, 0x6e) : QColor(0xc6, 0x28, 0x28), 1.5, Qt::DashLine);
        m_targetLine->setPen(pen);
    }
    if (m_selected) {
        m_selected->setColor(Qt::transparent);
        QPen pen(pal.color(QPalette::Highlight), 3);
        m_selected->setPen(pen);
        m_selected->setBorderColor(pal.color(QPalette::Highlight));
    }
}

void CurveChartView::changeEvent(QEvent *event)
{
    QChartView::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyTheme();
}

void CurveChartView::setTargets(double targetMs, const QList<QList<int>> &idealIndices,
                                const QList<bool> &qualifies)
{
    if (!isVisible()) {
        m_pending = PendingTargets{targetMs, idealIndices, qualifies};
        return;
    }
    flushPending(); // curves set while hidden first: the indices refer to them
    m_pending.reset();
    applyTargets(targetMs, idealIndices, qualifies);
}

void CurveChartView::flushPending()
{
    if (m_pendingCurves) {
        const QList<ChartCurve> curves = *m_pendingCurves;
        m_pendingCurves.reset();
        rebuildSeries(curves, true);
    }
    if (!m_pending)
        return;
    const PendingTargets p = *m_pending;
    m_pending.reset();
    applyTargets(p.targetMs, p.idealIndices, p.qualifies);
}

void CurveChartView::showEvent(QShowEvent *event)
{
    QChartView::showEvent(event);
    flushPending();
}

void CurveChartView::applyTargets(double targetMs, const QList<QList<int>> &idealIndices,
                                  const QList<bool> &qualifies)
{
    const bool targetSame = (std::isnan(targetMs) && std::isnan(m_target)) || targetMs == m_target;
    m_target = targetMs;
    if (idealIndices != m_ideal) {
        m_ideal = idealIndices;
        updateAreas();
    }
    if (qualifies != m_qualifies) {
        m_qualifies = qualifies;
        for (qsizetype i = 0; i < m_curves.size(); ++i) { // series beyond the curves are unused slots
            const bool q = i < m_qualifies.size() ? m_qualifies.at(i) : true;
            QColor col = m_curves.at(i).color;
            col.setAlpha(q ? 255 : 70);
            QPen pen = m_main.at(i)->pen();
            pen.setColor(col);
            m_main.at(i)->setPen(pen);
            QPen dpen = m_degraded.at(i)->pen();
            col.setAlpha(q ? 170 : 50);
            dpen.setColor(col);
            m_degraded.at(i)->setPen(dpen);
        }
    }
    if (!targetSame)
        updateTargetLine();
}

void CurveChartView::updateAreas()
{
    const AxisRange yr = axisRange(m_yMin, m_yMax, m_log);
    const double baseline = m_log ? yr.min : 0.0;
    for (qsizetype i = 0; i < m_curves.size(); ++i) {
        // With many curves, overlapping shades are unreadable (and filling dozens of translucent polygons
        // is most of a slider step's painting): only the selected profile's ideal region is shaded then.
        QList<int> ideal = i < m_ideal.size() ? m_ideal.at(i) : QList<int>{};
        if (m_curves.size() > kShadeAllCurvesUpTo && m_curves.at(i).profileIndex != m_selectedProfile)
            ideal.clear();
        const IdealBand band = idealBand(m_curves.at(i).points, ideal, m_metric, baseline);
        m_areas.at(i)->upperSeries()->replace(forAxes(band.upper));
        m_areas.at(i)->lowerSeries()->replace(forAxes(band.lower));
    }
}

void CurveChartView::updateTargetLine()
{
    if (!m_targetLine)
        return;
    if (!isKnown(m_target)) {
        m_targetLine->clear();
        m_targetLine->setVisible(false);
        return;
    }
    const AxisRange xr = axisRange(m_xMin, m_xMax, m_log);
    // Spans the whole unzoomed x range (wider than the nice-number axis) so zooming never shows its ends.
    m_targetLine->replace(forAxes({QPointF(xr.min, m_target), QPointF(xr.max * 2, m_target)}));
    if (!m_targetLine->isVisible()) {
        m_targetLine->setVisible(true);
        // Showing a series shows its legend marker again; the target has none (see rebuildSeries).
        for (QLegendMarker *m : chart()->legend()->markers(m_targetLine))
            m->setVisible(false);
    }
}

void CurveChartView::setSelection(int profileIndex, const BenchmarkPoint &point)
{
    const bool reshade = profileIndex != m_selectedProfile && m_curves.size() > kShadeAllCurvesUpTo;
    m_selectedProfile = profileIndex;
    m_selectedPoint = point;
    if (m_pendingCurves)
        return; // drawn when the pending curves are built
    if (reshade)
        updateAreas();
    updateSelection();
}

void CurveChartView::updateSelection()
{
    if (!m_selected)
        return;
    const double x = xValue(m_selectedPoint, m_metric);
    const double y = metricValue(m_selectedPoint, m_metric);
    if (m_selectedProfile < 0 || !isKnown(x) || !isKnown(y)) {
        m_selected->clear();
        return;
    }
    m_selected->replace(forAxes({QPointF(x, y)}));
    for (qsizetype i = 0; i < m_curves.size(); ++i) {
        QPen pen = m_main.at(i)->pen();
        pen.setWidthF(m_curves.at(i).profileIndex == m_selectedProfile ? 3.5 : 2);
        m_main.at(i)->setPen(pen);
    }
}

void CurveChartView::setLogScale(bool on)
{
    if (on == m_log)
        return;
    flushPending();
    m_log = on;
    // Points are clamped differently on log axes: rebuild (the series keep their order and styling).
    const QList<QList<int>> ideal = m_ideal;
    const QList<bool> qualifies = m_qualifies;
    const double target = m_target;
    rebuildSeries(m_curves, false);
    m_target = kUnknown;
    applyTargets(target, ideal, qualifies);
    updateSelection();
}

void CurveChartView::resetZoom()
{
    chart()->zoomReset();
}

bool CurveChartView::exportImage(const QString &path, QString *error)
{
    flushPending();
    const QString suffix = QFileInfo(path).suffix().toLower();
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    if (suffix == QLatin1String("svg")) {
        QSvgGenerator gen;
        gen.setOutputDevice(&buffer);
        gen.setSize(size());
        gen.setViewBox(QRect(QPoint(0, 0), size()));
        gen.setTitle(metricName(m_metric));
        QPainter painter(&gen);
        render(&painter);
        painter.end();
    } else if (suffix == QLatin1String("png")) {
        if (!grab().save(&buffer, "PNG")) {
            if (error)
                *error = tr("%1: could not encode the image").arg(path);
            return false;
        }
    } else {
        if (error)
            *error = tr("%1: unknown image type (use .png or .svg)").arg(path);
        return false;
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        if (error)
            *error = tr("%1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

QString CurveChartView::readout(const ChartCurve &curve, int pointIndex)
{
    if (pointIndex < 0 || pointIndex >= curve.points.size())
        return {};
    const BenchmarkPoint &p = curve.points.at(pointIndex);
    QStringList lines;
    lines << curve.label;
    QString where;
    if (pointIndex == curve.inflectionIndex)
        where = tr(" (inflection point)");
    else if (curve.inflectionIndex >= 0 && pointIndex > curve.inflectionIndex)
        where = tr(" (past the inflection: degraded)");
    lines << tr("Point %1 of %2%3").arg(pointIndex + 1).arg(curve.points.size()).arg(where);
    lines << tr("Request rate: %1").arg(Formatting::requestsPerSecond(p.requestRate));
    lines << tr("Output: %1").arg(Formatting::tokensPerSecond(p.outputTokensPerSecond));
    lines << tr("TTFT: %1 · NTPOT: %2 · ITL: %3")
                 .arg(Formatting::milliseconds(p.ttftMs.headline()),
                      Formatting::milliseconds(p.ntpotMs.headline()),
                      Formatting::milliseconds(p.itlMs.headline()));
    const Cost cost = computePointCost(curve.usdPerHour, p, curve.averageInputLength,
                                       curve.averageOutputLength, curve.outputInputCostRatio);
    if (isKnown(cost.perMillionOutput))
        lines << tr("Cost: %1/M output · %2/M input · %3")
                     .arg(Formatting::usd(cost.perMillionOutput), Formatting::usd(cost.perMillionInput),
                          Formatting::usdPerHour(cost.usdPerHour));
    else
        lines << tr("Cost: no price for this machine type, region and pricing model");
    return lines.join(QLatin1Char('\n'));
}

NearestHit CurveChartView::hitTest(QPointF widgetPos) const
{
    QList<QList<QPointF>> pixels;
    pixels.reserve(m_values.size());
    for (qsizetype i = 0; i < m_values.size(); ++i) {
        QList<QPointF> px;
        if (m_main.at(i)->isVisible()) {
            const QList<QPointF> vals = forAxes(m_values.at(i));
            px.reserve(vals.size());
            for (const QPointF &v : vals)
                px.append(QPointF(mapFromScene(chart()->mapToPosition(v, m_main.at(i)))));
        }
        pixels.append(px);
    }
    NearestHit hit = nearestPoint(pixels, widgetPos, kHitRadiusPx);
    if (hit.curve >= 0)
        hit.point = m_pointIndex.at(hit.curve).at(hit.point); // plotted index -> benchmark index
    return hit;
}

void CurveChartView::mousePressEvent(QMouseEvent *event)
{
    m_pressPos = event->position();
    QChartView::mousePressEvent(event);
}

void CurveChartView::mouseReleaseEvent(QMouseEvent *event)
{
    const bool click = event->button() == Qt::LeftButton &&
                       (event->position() - m_pressPos).manhattanLength() < kClickSlopPx;
    if (!click) {
        QChartView::mouseReleaseEvent(event);
        return;
    }
    if (auto *band = findChild<QRubberBand *>())
        band->hide();
    const NearestHit hit = hitTest(event->position());
    if (hit.curve >= 0)
        Q_EMIT pointClicked(m_curves.at(hit.curve).profileIndex, hit.point);
    event->accept();
}

void CurveChartView::mouseMoveEvent(QMouseEvent *event)
{
    QChartView::mouseMoveEvent(event);
    if (event->buttons() != Qt::NoButton)
        return;
    const NearestHit hit = hitTest(event->position());
    if (hit.curve == m_hoverCurve && hit.point == m_hoverPoint)
        return;
    m_hoverCurve = hit.curve;
    m_hoverPoint = hit.point;
    if (hit.curve < 0)
        QToolTip::hideText();
    else
        QToolTip::showText(event->globalPosition().toPoint(), readout(m_curves.at(hit.curve), hit.point),
                           this);
}

void CurveChartView::wheelEvent(QWheelEvent *event)
{
    const double steps = event->angleDelta().y() / 120.0;
    if (steps == 0) {
        event->ignore();
        return;
    }
    const double factor = std::pow(1.2, steps);
    const QRectF area = chart()->plotArea();
    const QPointF m = mapToScene(event->position().toPoint());
    if (!area.contains(m)) {
        chart()->zoom(factor);
    } else {
        // Keep the value under the mouse where it is.
        const double w = area.width() / factor;
        const double h = area.height() / factor;
        const QRectF r(m.x() - (m.x() - area.left()) / factor, m.y() - (m.y() - area.top()) / factor, w, h);
        chart()->zoomIn(r);
    }
    event->accept();
}

void CurveChartView::keyPressEvent(QKeyEvent *event)
{
    switch (event->key()) {
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        chart()->zoomIn();
        break;
    case Qt::Key_Minus:
        chart()->zoomOut();
        break;
    case Qt::Key_0:
        chart()->zoomReset();
        break;
    case Qt::Key_Left:
        chart()->scroll(-20, 0);
        break;
    case Qt::Key_Right:
        chart()->scroll(20, 0);
        break;
    case Qt::Key_Up:
        chart()->scroll(0, 20);
        break;
    case Qt::Key_Down:
        chart()->scroll(0, -20);
        break;
    default:
        QChartView::keyPressEvent(event);
        return;
    }
    event->accept();
}

} // namespace iq::gui
