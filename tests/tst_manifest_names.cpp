// Kubernetes name rules, derived names, bucket URIs and the GKE allocatable arithmetic
// (core/manifest/kubenames.h, core/manifest/nodesizing.h).

#include "manifest/kubenames.h"
#include "manifest/nodesizing.h"

#include <QtTest>

using namespace iq::manifest;

class TestManifestNames : public QObject
{
    Q_OBJECT

private slots:
    void derivedNames_data()
    {
        QTest::addColumn<QString>("server");
        QTest::addColumn<QString>("model");
        QTest::addColumn<QString>("expected");
        QTest::newRow("llama") << "vllm"
                               << "meta-llama/Llama-3.1-8B-Instruct"
                               << "vllm-llama-3-1-8b-instruct";
        QTest::newRow("gemma") << "sglang"
                               << "google/gemma-2-27b-it"
                               << "sglang-gemma-2-27b-it";
        QTest::newRow("tpu server") << "vllm-tpu"
                                    << "Qwen/Qwen3-32B"
                                    << "vllm-tpu-qwen3-32b";
        QTest::newRow("runs collapse") << "vllm"
                                       << "org/A__B..C--D"
                                       << "vllm-a-b-c-d";
        QTest::newRow("no org") << "tgi"
                                << "gpt2"
                                << "tgi-gpt2";
        QTest::newRow("digit start") << ""
                                     << "org/7b"
                                     << "m-7b";
        QTest::newRow("empty") << ""
                               << ""
                               << "model";
    }

    void derivedNames()
    {
        QFETCH(QString, server);
        QFETCH(QString, model);
        QFETCH(QString, expected);
        const QString name = deriveWorkloadName(server, model);
        QCOMPARE(name, expected);
        QVERIFY(checkDns1035Label(QStringLiteral("name"), name, kMaxWorkloadNameLength).isEmpty());
    }

    void longNamesGetAHash()
    {
        const QString a =
            deriveWorkloadName(QStringLiteral("vllm"),
                               QStringLiteral("org/a-very-long-model-name-that-goes-on-and-on-for-ever-v1"));
        const QString b =
            deriveWorkloadName(QStringLiteral("vllm"),
                               QStringLiteral("org/a-very-long-model-name-that-goes-on-and-on-for-ever-v2"));
        QVERIFY(a.size() <= kMaxWorkloadNameLength && a.size() >= kMaxWorkloadNameLength - 2);
        QVERIFY(a != b);                  // distinct long inputs stay distinct
        QCOMPARE(a.left(40), b.left(40)); // same readable prefix ...
        QVERIFY(a.contains(QRegularExpression(QStringLiteral("-[0-9a-f]{6}$")))); // ... + 6 hex digits
        QCOMPARE(a, deriveWorkloadName(
                        QStringLiteral("vllm"),
                        QStringLiteral("org/a-very-long-model-name-that-goes-on-and-on-for-ever-v1")));
        QVERIFY(checkDns1035Label(QStringLiteral("name"), a, kMaxWorkloadNameLength).isEmpty());
    }

    void labelValues()
    {
        QCOMPARE(toLabelValue(QStringLiteral("meta-llama/Llama-3.1-8B-Instruct")),
                 QStringLiteral("meta-llama-Llama-3.1-8B-Instruct"));
        QCOMPARE(toLabelValue(QStringLiteral("/x/")), QStringLiteral("x"));
        const QString longValue = toLabelValue(QString(100, QLatin1Char('a')));
        QCOMPARE(longValue.size(), 63);
        QVERIFY(checkLabelValue(QStringLiteral("v"), longValue).isEmpty());
        QVERIFY(!checkLabelValue(QStringLiteral("v"), QStringLiteral("a/b")).isEmpty());
        QVERIFY(!checkLabelValue(QStringLiteral("v"), QStringLiteral("-a")).isEmpty());
        QVERIFY(checkLabelValue(QStringLiteral("v"), QString()).isEmpty()); // empty label values are valid
    }

    void dnsRules()
    {
        QVERIFY(checkDns1123Label(QStringLiteral("ns"), QStringLiteral("default")).isEmpty());
        QVERIFY(checkDns1123Label(QStringLiteral("ns"), QStringLiteral("0-team")).isEmpty());
        QVERIFY(checkDns1123Label(QStringLiteral("ns"), QString(63, QLatin1Char('a'))).isEmpty());
        QVERIFY(!checkDns1123Label(QStringLiteral("ns"), QString(64, QLatin1Char('a'))).isEmpty());
        QVERIFY(!checkDns1123Label(QStringLiteral("ns"), QStringLiteral("a-")).isEmpty());
        QVERIFY(!checkDns1123Label(QStringLiteral("ns"), QStringLiteral("a.b")).isEmpty());
        QVERIFY(!checkDns1123Label(QStringLiteral("ns"), QString()).isEmpty());
        QVERIFY(!checkDns1035Label(QStringLiteral("name"), QStringLiteral("0-team")).isEmpty());
        QVERIFY(checkDns1123Subdomain(QStringLiteral("secret"), QStringLiteral("hf.secret-1")).isEmpty());
        QVERIFY(!checkDns1123Subdomain(QStringLiteral("secret"), QStringLiteral("hf..secret")).isEmpty());
        QVERIFY(!checkDns1123Subdomain(QStringLiteral("secret"), QStringLiteral("HF")).isEmpty());
        // Messages name the input and show control characters escaped.
        QCOMPARE(checkDns1123Label(QStringLiteral("--namespace"), QStringLiteral("a\tb")),
                 QStringLiteral(
                     "--namespace \"a\\x09b\" may contain only lowercase letters, digits and '-' (DNS-1123 "
                     "label)"));
    }

    void bucketUris()
    {
        BucketUri b;
        QVERIFY(parseBucketUri(QStringLiteral("gs://my-models"), &b).isEmpty());
        QCOMPARE(b.bucket, QStringLiteral("my-models"));
        QCOMPARE(b.dir, QString());
        QVERIFY(parseBucketUri(QStringLiteral("gs://my.models_1/org/model/"), &b).isEmpty());
        QCOMPARE(b.bucket, QStringLiteral("my.models_1"));
        QCOMPARE(b.dir, QStringLiteral("org/model"));
        for (const char *bad :
             {"my-models", "gs://", "gs://ab", "gs://-ab", "gs://Ab1", "gs://192.168.1.1", "gs://googmodels",
              "gs://a b", "gs://abc//x", "gs://abc/./x", "gs://abc/x\ny", "gs://abc/x,y"})
            QVERIFY2(!parseBucketUri(QString::fromLatin1(bad), nullptr).isEmpty(), bad);
        QVERIFY(!parseBucketUri(QStringLiteral("gs://") + QString(64, QLatin1Char('a')), nullptr).isEmpty());
        QVERIFY(parseBucketUri(QStringLiteral("gs://") + QString(63, QLatin1Char('a')), nullptr).isEmpty());
    }

    void imageTags()
    {
        QVERIFY(checkImageTag(QStringLiteral("v"), QStringLiteral("v0.8.5")).isEmpty());
        QVERIFY(checkImageTag(QStringLiteral("v"), QStringLiteral("gptoss")).isEmpty());
        QVERIFY(!checkImageTag(QStringLiteral("v"), QStringLiteral(".hidden")).isEmpty());
        QVERIFY(!checkImageTag(QStringLiteral("v"), QStringLiteral("a:b")).isEmpty());
        QVERIFY(!checkImageTag(QStringLiteral("v"), QString(129, QLatin1Char('a'))).isEmpty());
    }

    void gkeAllocatable()
    {
        // CPU reservation in millicores: 60 (core 1) + 10 (core 2) + 5 + 5 (cores 3-4) + 2.5 per core
        // above 4.
        QCOMPARE(gkeAllocatableCpuMillis(1), 940);    // 1000 - 60
        QCOMPARE(gkeAllocatableCpuMillis(2), 1930);   // 2000 - 70
        QCOMPARE(gkeAllocatableCpuMillis(4), 3920);   // 4000 - 80
        QCOMPARE(gkeAllocatableCpuMillis(8), 7910);   // 8000 - 80 - 4 x 2.5
        QCOMPARE(gkeAllocatableCpuMillis(48), 47810); // 48000 - 80 - 44 x 2.5 = 47810
        QCOMPARE(gkeAllocatableCpuMillis(0), 0);
        // Memory in MiB: 15 GiB = 1 + 0.8 + 0.7 = 2.5 GiB reserved = 2560 MiB; 15360 - 2560 - 100 = 12700.
        QCOMPARE(gkeAllocatableMemoryMiB(15), 12700);
        // 32 GiB: 1 + 0.8 + 0.8 + 0.96 = 3.56 GiB = 3645.44 MiB; 32768 - 3645.44 - 100 = 29022.56 -> 29022.
        QCOMPARE(gkeAllocatableMemoryMiB(32), 29022);
        // 192 GiB: 1 + 0.8 + 0.8 + 6.72 + 1.28 = 10.6 GiB = 10854.4 MiB; 196608 - 10854.4 - 100 = 185653.6.
        QCOMPARE(gkeAllocatableMemoryMiB(192), 185653);
        // 0.5 GiB: 255 MiB reserved; 512 - 255 - 100 = 157.
        QCOMPARE(gkeAllocatableMemoryMiB(0.5), 157);
    }

    void startupBudget()
    {
        QCOMPARE(startupBudgetSeconds(16.1, false), 761);   // 600 + 161
        QCOMPARE(startupBudgetSeconds(16.1, true), 1361);   // 1200 + 161
        QCOMPARE(startupBudgetSeconds(141.1, false), 2011); // 600 + 1411
    }
};

QTEST_GUILESS_MAIN(TestManifestNames)
#include "tst_manifest_names.moc"
