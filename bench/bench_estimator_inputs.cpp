// Speed of the estimator's input layer: reading a config.json, loading the model table and the calibration
// points, and sampling ShareGPT request lengths. Run with `-median 5`.

#include "estimator/calibrationpoints.h"
#include "estimator/hfconfig.h"
#include "estimator/lengthdistribution.h"
#include "estimator/modelfacts.h"

#include <QFile>
#include <QtTest>

using namespace iq;

class BenchInputs : public QObject
{
    Q_OBJECT

private slots:
    void readHfConfigDeepSeek()
    {
        QFile f(QStringLiteral(IQ_SOURCE_DIR "/tests/data/hfconfig/deepseek-v3.json"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray json = f.readAll();
        QBENCHMARK
        {
            const HfConfigResult r = readHfConfig(json, QStringLiteral("config.json"));
            QVERIFY(r.ok());
        }
    }
    void loadModelTable()
    {
        QBENCHMARK
        {
            const ModelFactsResult r = loadModelFacts();
            QCOMPARE(r.models.size(), 28);
        }
    }
    void loadCalibration()
    {
        QBENCHMARK
        {
            const QList<CalibrationPoint> p = loadCalibrationPoints();
            QVERIFY(!p.isEmpty());
        }
    }
    void sampleShareGpt100k()
    {
        const LengthDistribution d = LengthDistribution::shareGpt();
        QBENCHMARK
        {
            Rng rng(1);
            long long sum = 0;
            for (int i = 0; i < 100000; ++i)
                sum += d.sample(rng).input;
            QVERIFY(sum > 0);
        }
    }
};

QTEST_GUILESS_MAIN(BenchInputs)
#include "bench_estimator_inputs.moc"
