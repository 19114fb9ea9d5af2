// CurveChartView: a change of the curve set refills the existing series (a slider step that moves the
// selection beyond the cheapest curves) and must draw exactly what a chart built anew draws; curves set
// while the chart is hidden are built when it is shown or inspected.
#include "curvechartview.h"

#include <QAreaSeries>
#include <QDir>
#include <QImage>
#include <QLineSeries>
#include <QScatterSeries>
#include <QTest>

using namespace iq;
using namespace iq::gui;

namespace {
// A queueing-shaped test curve (made-up numbers, only for drawing): latency grows as load approaches 1.
ChartCurve testCurve(int profileIndex, const QString &accelerator, QColor color, double scale)
{
    ChartCurve c;
    c.profileIndex = profileIndex;
    c.accelerator = accelerator;
    c.legendName = accelerator;
    c.label = QStringLiteral("%1 #%2").arg(accelerator).arg(profileIndex);
    c.color = color;
    for (int i = 0; i < 8; ++i) {
        const double rho = 0.1 + 0.1 * i;
        BenchmarkPoint p;
        p.requestRate = rho * scale;
        p.outputTokensPerSecond = 100 * rho * scale;
        p.ntpotMs.mean = 10 * scale / 10 / (1 - rho);
        p.ttftMs.mean = 40 * scale / 10 / (1 - rho);
        p.itlMs.mean = 8 * scale / 10 / (1 - rho);
        c.points << p;
    }
    c.inflectionIndex = 5;
    return c;
}

// n curves over three accelerators, profile indices from `first`; scale varies with the index.
QList<ChartCurve> curves(int first, int n)
{
    const QStringList accels{QStringLiteral("nvidia-h100-80gb"), QStringLiteral("nvidia-l4"),
                             QStringLiteral("tpu-v6e-slice")};
    const QList<QColor> colors{QColor(0x1f, 0x77, 0xb4), QColor(0xff, 0x7f, 0x0e), QColor(0x2c, 0xa0, 0x2c)};
    QList<ChartCurve> out;
    for (int i = first; i < first + n; ++i)
        out << testCurve(i, accels.at(i % 3), colors.at(i % 3), 10 + 3 * i);
    std::sort(out.begin(), out.end(), [](const ChartCurve &a, const ChartCurve &b) {
        return a.accelerator != b.accelerator ? a.accelerator < b.accelerator
                                              : a.profileIndex < b.profileIndex;
    });
    return out;
}

// Targets and selection as the main window sets them after the curves.
void decorate(CurveChartView &v, const QList<ChartCurve> &cs, double target)
{
    QList<QList<int>> ideal;
    QList<bool> qualifies;
    for (qsizetype i = 0; i < cs.size(); ++i) {
        ideal << QList<int>{0, 1, 2};
        qualifies << (i % 2 == 0);
    }
    v.setTargets(target, ideal, qualifies);
    v.setSelection(cs.at(1).profileIndex, cs.at(1).points.at(2));
}

QImage render(CurveChartView &v)
{
    // What the application's event loop does between two events: Qt Charts releases replaced axes with
    // deleteLater(), and their items stay in the scene until deferred deletes run.
    QCoreApplication::processEvents();
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    return v.grab().toImage();
}
} // namespace

class TestCurveChartView : public QObject
{
    Q_OBJECT
private:
    // Chart a goes from `before` to `after`; chart b draws `after` from scratch.
    void compareRefill(const QList<ChartCurve> &before, const QList<ChartCurve> &after, bool log,
                       int expectedRebuilds)
    {
        CurveChartView a(ChartMetric::Ntpot), b(ChartMetric::Ntpot);
        for (CurveChartView *v : {&a, &b}) {
            v->resize(900, 500);
            v->show();
            QVERIFY(QTest::qWaitForWindowExposed(v));
            v->setLogScale(log);
        }
        a.setCurves(before);
        decorate(a, before, 25);
        render(a);
        const int rebuilds = a.rebuildCount();
        a.setCurves(after);
        decorate(a, after, 30);
        b.setCurves(after);
        decorate(b, after, 30);
        QCOMPARE(a.rebuildCount() - rebuilds, expectedRebuilds);
        QCOMPARE(a.curves().size(), after.size());
        QCOMPARE(a.targetLine()->at(0).y(), 30.0);
        QCOMPARE(a.selectedPoint()->count(), 1);
        const QImage ia = render(a), ib = render(b);
        QCOMPARE(ia.size(), ib.size());
        // IQ_TEST_DUMP=1 keeps both images in the temp directory to compare them by eye.
        if (qEnvironmentVariableIsSet("IQ_TEST_DUMP")) {
            ia.save(QStringLiteral("%1/ccv_%2_a.png")
                        .arg(QDir::tempPath(), QLatin1String(QTest::currentTestFunction())));
            ib.save(QStringLiteral("%1/ccv_%2_b.png")
                        .arg(QDir::tempPath(), QLatin1String(QTest::currentTestFunction())));
        }
        QVERIFY2(ia == ib, "a refilled chart draws differently from one built anew");
    }

private Q_SLOTS:
    void refillSameCount() { compareRefill(curves(0, 17), curves(3, 17), false, 0); }
    void refillFewerCurves() { compareRefill(curves(0, 18), curves(5, 16), false, 0); }
    void refillFewCurvesWithPoints() { compareRefill(curves(0, 5), curves(2, 3), false, 0); }
    void moreCurvesBuildsAnew() { compareRefill(curves(0, 3), curves(0, 5), false, 1); }
    void logAxesNewExtentBuildsAnew() { compareRefill(curves(0, 6), curves(4, 6), true, 1); }
    void logAxesSameExtentRefills()
    {
        // Same first and last curve (the extent), another one in between.
        QList<ChartCurve> before = curves(0, 6), after = curves(0, 6);
        const ChartCurve &c = after.at(2);
        after[2] = testCurve(c.profileIndex, c.accelerator, c.color, 10 + 3 * c.profileIndex + 1.5);
        compareRefill(before, after, true, 0);
    }

    void hiddenChartBuildsWhenShown()
    {
        CurveChartView v(ChartMetric::Ttft);
        v.setCurves(curves(0, 4));
        QCOMPARE(v.curves().size(), 4);
        const int rebuilds = v.rebuildCount();
        v.setCurves(curves(1, 4));
        v.setTargets(100, QList<QList<int>>(4), QList<bool>(4, true));
        QCOMPARE(v.rebuildCount(), rebuilds); // nothing built while hidden
        QCOMPARE(v.curves().first().profileIndex, curves(1, 4).first().profileIndex);
        QVERIFY(v.targetLine()->isVisible()); // inspecting builds the pending curves, then the targets
        QCOMPARE(v.targetLine()->at(0).y(), 100.0);
        QVERIFY(v.mainSeries(3) != nullptr);
        QCOMPARE(v.mainSeries(4), nullptr);
    }
};

QTEST_MAIN(TestCurveChartView)
#include "tst_curvechartview.moc"
