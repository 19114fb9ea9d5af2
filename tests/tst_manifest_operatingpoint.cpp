// operatingPointSummary (core/manifest/operatingpointtext.h): the operating-point line of the manifests'
// comments, shared by `iq profiles manifests create` and iqstudio.

#include "manifest/operatingpointtext.h"

#include <QTest>

using namespace iq;
using namespace iq::manifest;

class TestManifestOperatingPoint : public QObject
{
    Q_OBJECT

private slots:
    void everyValue()
    {
        BenchmarkPoint p;
        p.outputTokensPerSecond = 1234.5; // round half away from zero: 1235
        p.requestRate = 4.567;            // round(456.7) / 100 = 4.57
        p.ntpotMs.mean = 60.4;            // 60
        p.ntpotMs.p50 = 99;               // not used: the mean is known
        p.ttftMs.p50 = 150.5;             // no mean: the median, 151
        p.itlMs.mean = 39.49;             // 39
        QCOMPARE(
            operatingPointSummary(p),
            QStringLiteral("1235 output tokens/s, 4.57 requests/s, NTPOT 60 ms, TTFT 151 ms, ITL 39 ms"));
    }

    void shortestNumbers()
    {
        BenchmarkPoint p;
        p.outputTokensPerSecond = 99.4; // 99
        p.requestRate = 4.5;            // "4.5", not "4.50"
        p.ntpotMs.mean = 2000000;       // "2e+06" is the shortest text that reads back as 2000000
        QCOMPARE(operatingPointSummary(p),
                 QStringLiteral("99 output tokens/s, 4.5 requests/s, NTPOT 2e+06 ms"));
    }

    void unknownValuesAreLeftOut()
    {
        BenchmarkPoint p;
        QCOMPARE(operatingPointSummary(p), QString());
        p.itlMs.p50 = 12;
        QCOMPARE(operatingPointSummary(p), QStringLiteral("ITL 12 ms"));
        p.requestRate = 0.004; // rounds to 0 but is known
        QCOMPARE(operatingPointSummary(p), QStringLiteral("0 requests/s, ITL 12 ms"));
    }
};

QTEST_GUILESS_MAIN(TestManifestOperatingPoint)
#include "tst_manifest_operatingpoint.moc"
