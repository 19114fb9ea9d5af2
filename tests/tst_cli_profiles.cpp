// The `iq profiles ...` commands, run as a user runs them: the built binary, its stdout, stderr and exit
// code. Expected numbers come from tests/data/cli/catalog.json and are computed by hand in the comments.

#include "testsupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTest>

using iqtest::runIq;

class TestCliProfiles : public QObject
{
    Q_OBJECT

private:
    QStringList withCatalog(QStringList args) const
    {
        args << QStringLiteral("--catalog=") + iqtest::testDataPath(QStringLiteral("cli/catalog.json"))
             << QStringLiteral("--no-user-catalog");
        return args;
    }
    static QStringList lines(const QString &text)
    {
        return text.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    }

private slots:
    void help()
    {
        const auto r = runIq({QStringLiteral("--help")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.outText().contains(QStringLiteral("iq profiles list")));
        QVERIFY(r.outText().contains(QStringLiteral("iq profiles benchmarks list")));
    }

    void unknownCommandSuggests()
    {
        const auto r = runIq({QStringLiteral("profiles"), QStringLiteral("lsit")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.errText().contains(QStringLiteral("did you mean `list`")), qPrintable(r.errText()));
    }

    void modelsListGcloudShape()
    {
        const auto r = runIq(
            withCatalog({QStringLiteral("profiles"), QStringLiteral("models"), QStringLiteral("list")}));
        QCOMPARE(r.exitCode, 0);
        const QStringList l = lines(r.outText());
        QVERIFY(l.size() >= 2);
        QCOMPARE(l.first(), QStringLiteral("Supported models:"));
        QVERIFY(l.contains(QStringLiteral("-  test-org/tiny-chat-1b")));
    }

    void modelServersAndVersions()
    {
        auto r =
            runIq(withCatalog({QStringLiteral("profiles"), QStringLiteral("model-servers"),
                               QStringLiteral("list"), QStringLiteral("--model=test-org/tiny-chat-1b")}));
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.outText(), QStringLiteral("Supported model servers:\n-  vllm\n"));
        r = runIq(withCatalog({QStringLiteral("profiles"), QStringLiteral("model-server-versions"),
                               QStringLiteral("list"), QStringLiteral("--model=test-org/tiny-chat-1b"),
                               QStringLiteral("--model-server=vllm")}));
        QCOMPARE(r.exitCode, 0);
        // Newest first, in the order of the catalog's modelServers entry.
        QCOMPARE(r.outText(), QStringLiteral("Supported model server versions:\n-  0.8.0\n-  0.7.2\n"));
    }

    void modelServersRequiresModel()
    {
        const auto r = runIq(withCatalog(
            {QStringLiteral("profiles"), QStringLiteral("model-servers"), QStringLiteral("list")}));
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.errText().contains(QStringLiteral("missing required flag --model")));
    }

    void listWithNtpotTargetInterpolates()
    {
        // L4 (0.8.0): NTPOT 30 lies between points 2 (25 ms) and 3 (35 ms): t = 0.5 ->
        //   out 256 + 0.5 x 256 = 384 tok/s, in 384 tok/s, TTFT 70, ITL 20 + 0.5 x 6 = 23, rate 3.
        //   spot $0.5/h: $/s = 1.388889e-4; denominator 384/4 + 384 = 480 -> $2.8935e-7/out token
        //   -> $0.289/M output, $0.072/M input.
        // H100: NTPOT 30 between points 3 (20) and 4 (45): t = 0.4 -> out 2000 + 0.4 x 1600 = 2640, in 2048 +
        //   0.4 x 1952 = 2828.8, TTFT 50 + 0.4 x 70 = 78, ITL 21. $4.424/h: 1.228889e-3 $/s;
        //   2828.8/4 + 2640 = 3347.2 -> 3.6714e-7 -> $0.367/M output, $0.092/M input.
        const auto r = runIq(withCatalog({QStringLiteral("profiles"), QStringLiteral("list"),
                                          QStringLiteral("--model=test-org/tiny-chat-1b"),
                                          QStringLiteral("--target-ntpot-milliseconds=30")}));
        QCOMPARE(r.exitCode, 0);
        const QStringList l = lines(r.outText());
        QCOMPARE(l.size(), 3);
        QVERIFY(l.at(0).startsWith(QStringLiteral("Instance Type  Accelerator")));
        const QStringList l4 = l.at(1).split(QRegularExpression(QStringLiteral("\\s{2,}")));
        QCOMPARE(l4.mid(0, 8),
                 (QStringList{QStringLiteral("g2-standard-8"), QStringLiteral("nvidia-l4"),
                              QStringLiteral("0.072"), QStringLiteral("0.289"), QStringLiteral("384"),
                              QStringLiteral("30"), QStringLiteral("70"), QStringLiteral("23")}));
        const QStringList h100 = l.at(2).split(QRegularExpression(QStringLiteral("\\s{2,}")));
        QCOMPARE(h100.mid(0, 8),
                 (QStringList{QStringLiteral("a3-highgpu-1g"), QStringLiteral("nvidia-h100-80gb"),
                              QStringLiteral("0.092"), QStringLiteral("0.367"), QStringLiteral("2640"),
                              QStringLiteral("30"), QStringLiteral("78"), QStringLiteral("21")}));
        QVERIFY(h100.last().startsWith(QStringLiteral("estimated (test-estimator 0, ±15%)")));
        QVERIFY(l4.last().startsWith(QStringLiteral("measured")));
    }

    void listJsonCarriesCostBasis()
    {
        const auto r = runIq(
            withCatalog({QStringLiteral("profiles"), QStringLiteral("list"),
                         QStringLiteral("--model=test-org/tiny-chat-1b"),
                         QStringLiteral("--target-ntpot-milliseconds=30"),
                         QStringLiteral("--instance-type=g2-standard-8"), QStringLiteral("--format=json")}));
        QCOMPARE(r.exitCode, 0);
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(r.out, &error);
        QCOMPARE(error.error, QJsonParseError::NoError);
        QCOMPARE(doc.array().size(), 1);
        const QJsonObject row = doc.array().at(0).toObject();
        QCOMPARE(row.value(QStringLiteral("instanceType")).toString(), QStringLiteral("g2-standard-8"));
        const QJsonObject cost = row.value(QStringLiteral("cost")).toObject();
        QCOMPARE(cost.value(QStringLiteral("usdPerHour")).toDouble(), 0.5);
        QCOMPARE(cost.value(QStringLiteral("usdPerMonth")).toDouble(), 365.0); // 0.5 x 730 h
        QCOMPARE(cost.value(QStringLiteral("inputTokensPerSecond")).toDouble(), 384.0);
        QVERIFY(qAbs(cost.value(QStringLiteral("costPerMillionOutputTokens")).toDouble() - 0.2893518518) <
                1e-9);
        const QJsonObject op = row.value(QStringLiteral("operatingPoint")).toObject();
        QCOMPARE(op.value(QStringLiteral("requestRate")).toDouble(), 3.0);
        QCOMPARE(op.value(QStringLiteral("position")).toDouble(), 1.5);
        QCOMPARE(row.value(QStringLiteral("provenance")).toObject().value(QStringLiteral("kind")).toString(),
                 QStringLiteral("measured"));
    }

    void showCostBasisAddsColumns()
    {
        const auto r = runIq(withCatalog({QStringLiteral("profiles"), QStringLiteral("list"),
                                          QStringLiteral("--model=test-org/tiny-chat-1b"),
                                          QStringLiteral("--target-ntpot-milliseconds=30"),
                                          QStringLiteral("--instance-type=g2-standard-8"),
                                          QStringLiteral("--show-cost-basis")}));
        QCOMPARE(r.exitCode, 0);
        const QStringList l = lines(r.outText());
        const QRegularExpression gap(QStringLiteral("\\s{2,}"));
        const QStringList header = l.at(0).split(gap);
        const QStringList row = l.at(1).split(gap);
        const qsizetype hour = header.indexOf(QStringLiteral("$/Hour"));
        QVERIFY(hour > 0);
        QCOMPARE(header.mid(hour, 3), (QStringList{QStringLiteral("$/Hour"), QStringLiteral("$/Month"),
                                                   QStringLiteral("Input Tokens/s")}));
        QCOMPARE(row.mid(hour, 3),
                 (QStringList{QStringLiteral("0.5"), QStringLiteral("365"), QStringLiteral("384")}));
    }

    void outputInputCostRatio()
    {
        // R = 8: L4 denominator 384/8 + 384 = 432 -> 1.388889e-4 / 432 = 3.2150e-7 -> $0.322/M out,
        // $0.040/M in (0.3215 / 8 = 0.04019).
        const auto r = runIq(withCatalog({QStringLiteral("profiles"), QStringLiteral("list"),
                                          QStringLiteral("--model=test-org/tiny-chat-1b"),
                                          QStringLiteral("--target-ntpot-milliseconds=30"),
                                          QStringLiteral("--instance-type=g2-standard-8"),
                                          QStringLiteral("--output-input-cost-ratio=8")}));
        QCOMPARE(r.exitCode, 0);
        const QStringList row = lines(r.outText()).at(1).split(QRegularExpression(QStringLiteral("\\s{2,}")));
        QCOMPARE(row.mid(2, 2), (QStringList{QStringLiteral("0.040"), QStringLiteral("0.322")}));
    }

    void pricingModelOnDemand()
    {
        // on-demand $1.0/h doubles the spot figures: $0.579/M out ($0.5787), $0.145/M in.
        const auto r = runIq(withCatalog({QStringLiteral("profiles"), QStringLiteral("list"),
                                          QStringLiteral("--model=test-org/tiny-chat-1b"),
                                          QStringLiteral("--target-ntpot-milliseconds=30"),
                                          QStringLiteral("--instance-type=g2-standard-8"),
                                          QStringLiteral("--pricing-model=on-demand")}));
        QCOMPARE(r.exitCode, 0);
        const QStringList row = lines(r.outText()).at(1).split(QRegularExpression(QStringLiteral("\\s{2,}")));
        QCOMPARE(row.mid(2, 2), (QStringList{QStringLiteral("0.145"), QStringLiteral("0.579")}));
    }

    void unreachableTargetExplainsRange()
    {
        const auto r = runIq(withCatalog({QStringLiteral("profiles"), QStringLiteral("list"),
                                          QStringLiteral("--model=test-org/tiny-chat-1b"),
                                          QStringLiteral("--target-ntpot-milliseconds=5")}));
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.isEmpty());
        QVERIFY2(r.errText().contains(QStringLiteral("NTPOT on nvidia-l4")), qPrintable(r.errText()));
        QVERIFY2(r.errText().contains(QStringLiteral("20–200 ms")), qPrintable(r.errText()));
        QVERIFY2(r.errText().contains(QStringLiteral("NTPOT on nvidia-h100-80gb")), qPrintable(r.errText()));
    }

    void versionDefaultsToLatest()
    {
        auto r = runIq(withCatalog({QStringLiteral("profiles"), QStringLiteral("list"),
                                    QStringLiteral("--model=test-org/tiny-chat-1b"),
                                    QStringLiteral("--format=csvprofile")}));
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(lines(r.outText()).size(), 3); // header + L4 0.8.0 + H100 0.8.0
        QVERIFY(!r.outText().contains(QStringLiteral("0.7.2")));
        r = runIq(withCatalog({QStringLiteral("profiles"), QStringLiteral("list"),
                               QStringLiteral("--model=test-org/tiny-chat-1b"),
                               QStringLiteral("--format=csvprofile"),
                               QStringLiteral("--model-server-version=all")}));
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(lines(r.outText()).size(), 4);
        QVERIFY(r.outText().contains(QStringLiteral("0.7.2")));
    }

    void benchmarksListHeaderByteForByte()
    {
        const auto r = runIq(withCatalog(
            {QStringLiteral("profiles"), QStringLiteral("benchmarks"), QStringLiteral("list"),
             QStringLiteral("--model=test-org/tiny-chat-1b"), QStringLiteral("--model-server=vllm")}));
        QCOMPARE(r.exitCode, 0);
        const QStringList l = r.outText().split(QLatin1Char('\n'));
        QCOMPARE(
            l.first(),
            QStringLiteral("Instance Type,Accelerator Type,Model Name,Model Server Name,Model Server Version,"
                           "Output Tokens/s,NTPOT (ms),TTFT (ms),ITL (ms),QPS,Cost/M Input Tokens,"
                           "Cost/M Output Tokens,Use Case,Average Input Length,Average Output Length,"
                           "Serving Stack,Serving Stack Version"));
        // 0.8.0 only: 4 H100 points + 5 L4 points, then the empty string after the last newline.
        QCOMPARE(l.size(), 1 + 9 + 1);
        // First L4 point: rate 1, 128 in / 128 out tok/s at $0.5/h: 1.388889e-4 / (32 + 128) = 8.6806e-7
        // -> $0.868/M out, $0.217/M in.
        QVERIFY2(l.contains(
                     QStringLiteral("g2-standard-8,nvidia-l4,test-org/tiny-chat-1b,vllm,0.8.0,128,20,50,18,1,"
                                    "0.217,0.868,Chatbot (ShareGPT),128,128,,")),
                 qPrintable(r.outText()));
    }

    void benchmarksListNeedsModelServer()
    {
        const auto r =
            runIq(withCatalog({QStringLiteral("profiles"), QStringLiteral("benchmarks"),
                               QStringLiteral("list"), QStringLiteral("--model=test-org/tiny-chat-1b")}));
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.errText().contains(QStringLiteral("--model-server")));
    }

    void acceleratorsListMaxNtpot()
    {
        const auto r =
            runIq(withCatalog({QStringLiteral("profiles"), QStringLiteral("accelerators"),
                               QStringLiteral("list"), QStringLiteral("--model=test-org/tiny-chat-1b"),
                               QStringLiteral("--max-ntpot-milliseconds=30")}));
        QCOMPARE(r.exitCode, 0);
        const QStringList l = lines(r.outText());
        QCOMPARE(l.size(), 3);
        QVERIFY(l.at(0).startsWith(QStringLiteral("ACCELERATOR_TYPE  MODEL_NAME")));
        QVERIFY(l.at(1).startsWith(QStringLiteral("nvidia-h100-80gb")));
        QVERIFY(l.at(1).contains(QStringLiteral("2640")));
        QVERIFY(l.at(2).startsWith(QStringLiteral("nvidia-l4")));
        QVERIFY(l.at(2).contains(QStringLiteral(" 384")));
    }

    void useCaseList()
    {
        const auto r = runIq({QStringLiteral("profiles"), QStringLiteral("use-case"), QStringLiteral("list"),
                              QStringLiteral("--format=table"), QStringLiteral("--no-user-catalog")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.outText().contains(QStringLiteral("Chatbot (ShareGPT)")), qPrintable(r.outText()));
        QVERIFY(r.outText().contains(QStringLiteral("Deep Research")));
    }

    void badInput_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("expected");
        const QString list = QStringLiteral("profiles list");
        QTest::newRow("unknown model")
            << QStringList{QStringLiteral("--model=test-org/tiny-chat-1")}
            << QStringLiteral("unknown model \"test-org/tiny-chat-1\" (--model); did you "
                              "mean test-org/tiny-chat-1b?");
        QTest::newRow("unknown server") << QStringList{QStringLiteral("--model=test-org/tiny-chat-1b"),
                                                       QStringLiteral("--model-server=vlm")}
                                        << QStringLiteral("unknown model server \"vlm\"");
        QTest::newRow("unknown accelerator") << QStringList{QStringLiteral("--model=test-org/tiny-chat-1b"),
                                                            QStringLiteral("--accelerator-type=nvidia-l5")}
                                             << QStringLiteral("did you mean nvidia-l4");
        QTest::newRow("unknown pricing model")
            << QStringList{QStringLiteral("--pricing-model=cheap")}
            << QStringLiteral("valid values: on-demand, spot, 1-year-cud, 3-years-cud");
        QTest::newRow("negative target") << QStringList{QStringLiteral("--target-ntpot-milliseconds=-5")}
                                         << QStringLiteral("--target-ntpot-milliseconds");
        QTest::newRow("not a number")
            << QStringList{QStringLiteral("--target-ttft-milliseconds=fast")}
            << QStringLiteral("--target-ttft-milliseconds: \"fast\" is not a number");
        QTest::newRow("absurd target") << QStringList{QStringLiteral("--target-ttft-milliseconds=1e12")}
                                       << QStringLiteral("--target-ttft-milliseconds");
        QTest::newRow("unknown flag")
            << QStringList{QStringLiteral("--modle=x")} << QStringLiteral("did you mean --model?");
        QTest::newRow("zero ratio") << QStringList{QStringLiteral("--output-input-cost-ratio=0")}
                                    << QStringLiteral("--output-input-cost-ratio");
    }

    void badInput()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, expected);
        const auto r =
            runIq(withCatalog(QStringList{QStringLiteral("profiles"), QStringLiteral("list")} + args));
        QVERIFY(!r.crashed);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.errText().contains(expected), qPrintable(r.errText()));
        QVERIFY(r.out.isEmpty());
    }

    void malformedCatalogNamesFileAndLine()
    {
        const QString broken = iqtest::testDataPath(QStringLiteral("cli/broken.json"));
        const auto r = runIq(
            {QStringLiteral("profiles"), QStringLiteral("list"), QStringLiteral("--catalog=") + broken});
        QVERIFY(!r.crashed);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.errText().contains(broken + QStringLiteral(":14:")), qPrintable(r.errText()));
    }

    void missingCatalogFile()
    {
        const auto r = runIq({QStringLiteral("profiles"), QStringLiteral("list"),
                              QStringLiteral("--catalog=/nonexistent/catalog.json")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.errText().contains(QStringLiteral("/nonexistent/catalog.json")), qPrintable(r.errText()));
    }

    void embeddedCatalogDocumentationRow()
    {
        // The documentation's example row (GIQ-INTERFACE.md): gpt-oss-20b on a3-highgpu-1g, 13335 output
        // tok/s, NTPOT 67 ms, TTFT 297 ms, measured.
        const auto r =
            runIq({QStringLiteral("profiles"), QStringLiteral("benchmarks"), QStringLiteral("list"),
                   QStringLiteral("--model=openai/gpt-oss-20b"), QStringLiteral("--model-server=vllm"),
                   QStringLiteral("--instance-type=a3-highgpu-1g"),
                   QStringLiteral("--model-server-version=gptoss"), QStringLiteral("--no-user-catalog")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.outText().contains(QStringLiteral(
                     "a3-highgpu-1g,nvidia-h100-80gb,openai/gpt-oss-20b,vllm,gptoss,13335,67,297,")),
                 qPrintable(r.outText()));
    }
};

QTEST_GUILESS_MAIN(TestCliProfiles)
#include "tst_cli_profiles.moc"
