// Request length workloads: the ShareGPT distribution reproduces METRICS.md, fixed lengths, use cases and
// dataset files (with file:line errors).

#include "estimator/lengthdistribution.h"

#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <cmath>
#include <vector>

using namespace iq;

namespace {

// Nearest-rank quantile of sorted values.
double quantileOf(const std::vector<int> &sorted, double q)
{
    const size_t idx = std::min(sorted.size() - 1, size_t(std::ceil(q * double(sorted.size()))) - 1);
    return sorted[idx];
}

QString writeFile(const QTemporaryDir &dir, const QString &name, const QByteArray &content)
{
    const QString path = dir.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return {};
    f.write(content);
    return path;
}

} // namespace

class TestLengths : public QObject
{
    Q_OBJECT

private slots:
    void rngIsDeterministicAndInRange()
    {
        Rng a(7), b(7), c(8);
        bool differs = false;
        for (int i = 0; i < 1000; ++i) {
            const double x = a.uniform01();
            QCOMPARE(x, b.uniform01());
            differs = differs || x != c.uniform01();
            QVERIFY(x >= 0.0 && x < 1.0);
        }
        QVERIFY(differs);
        // std::mt19937_64 is fully specified: the 10000th output of a default-seeded engine is
        // 9981545732273789042 (C++ standard [rand.predef]); our engine with seed 5489 is the same engine.
        Rng std5489(5489);
        std::uint64_t v = 0;
        for (int i = 0; i < 10000; ++i)
            v = std5489.next();
        QCOMPARE(v, std::uint64_t(9981545732273789042ULL));
        // uniformInt covers its range evenly: 60000 draws of 6 values, each within 5% of 10000.
        Rng r(1);
        int counts[6] = {};
        for (int i = 0; i < 60000; ++i)
            ++counts[r.uniformInt(6)];
        for (int k : counts)
            QVERIFY2(std::abs(k - 10000) < 500, qPrintable(QString::number(k)));
        // exponential(rate) has mean 1/rate: 100000 draws at rate 4 -> 0.25 within 2%.
        double sum = 0;
        for (int i = 0; i < 100000; ++i)
            sum += r.exponential(4.0);
        QVERIFY(std::abs(sum / 100000 / 0.25 - 1) < 0.02);
    }

    // 200,000 samples reproduce the METRICS.md table: median/P90/P99 within 3%, mean within 2%, min and
    // max exact bounds.
    void shareGptReproducesTable()
    {
        const LengthDistribution d = LengthDistribution::shareGpt();
        QCOMPARE(d.kind(), LengthDistribution::Kind::ShareGpt);
        QVERIFY(std::abs(d.meanInput() - 226) < 0.01); // the construction solves the mean exactly
        QVERIFY(std::abs(d.meanOutput() - 195) < 0.01);
        Rng rng(42);
        const int n = 200000;
        std::vector<int> in, out;
        in.reserve(n);
        out.reserve(n);
        double sumIn = 0, sumOut = 0;
        for (int i = 0; i < n; ++i) {
            const RequestLengths r = d.sample(rng);
            in.push_back(r.input);
            out.push_back(r.output);
            sumIn += r.input;
            sumOut += r.output;
        }
        std::sort(in.begin(), in.end());
        std::sort(out.begin(), out.end());
        struct Row
        {
            const char *name;
            const std::vector<int> &v;
            double sum, min, p50, mean, p90, p99, max;
        };
        // METRICS.md: input min 4, median 108, mean 226, P90 635, P99 887, max 1024;
        //             output min 1, median 132, mean 195, P90 488, P99 778, max 1024.
        const Row rows[] = {{"input", in, sumIn, 4, 108, 226, 635, 887, 1024},
                            {"output", out, sumOut, 1, 132, 195, 488, 778, 1024}};
        for (const Row &r : rows) {
            const double mean = r.sum / n;
            const double p50 = quantileOf(r.v, 0.5), p90 = quantileOf(r.v, 0.9), p99 = quantileOf(r.v, 0.99);
            qInfo("%s: min %d median %.0f mean %.1f P90 %.0f P99 %.0f max %d", r.name, r.v.front(), p50, mean,
                  p90, p99, r.v.back());
            QVERIFY(r.v.front() >= r.min && r.v.back() <= r.max);
            QVERIFY2(std::abs(p50 / r.p50 - 1) < 0.03, r.name);
            QVERIFY2(std::abs(p90 / r.p90 - 1) < 0.03, r.name);
            QVERIFY2(std::abs(p99 / r.p99 - 1) < 0.03, r.name);
            QVERIFY2(std::abs(mean / r.mean - 1) < 0.02, r.name);
        }
        // The inverse CDF passes through the table's quantiles exactly.
        QCOMPARE(LengthDistribution::shareGptInputQuantile(0.0), 4.0);
        QVERIFY(std::abs(LengthDistribution::shareGptInputQuantile(0.5) - 108) < 1e-9);
        QVERIFY(std::abs(LengthDistribution::shareGptOutputQuantile(0.9) - 488) < 1e-9);
        QVERIFY(std::abs(LengthDistribution::shareGptOutputQuantile(1.0) - 1024) < 1e-9);
    }

    void samplingIsReproducible()
    {
        const LengthDistribution d = LengthDistribution::shareGpt();
        Rng a(99), b(99);
        for (int i = 0; i < 1000; ++i) {
            const RequestLengths x = d.sample(a), y = d.sample(b);
            QCOMPARE(x.input, y.input);
            QCOMPARE(x.output, y.output);
        }
    }

    void fixedLengths()
    {
        const LengthDistribution d = LengthDistribution::fixed(1000, 200);
        Rng rng(1);
        for (int i = 0; i < 10; ++i) {
            const RequestLengths r = d.sample(rng);
            QCOMPARE(r.input, 1000);
            QCOMPARE(r.output, 200);
        }
        QCOMPARE(d.meanInput(), 1000.0);
        QCOMPARE(d.meanOutput(), 200.0);
        QCOMPARE(d.description(), QStringLiteral("fixed 1000 input / 200 output tokens"));
    }

    void useCases()
    {
        const QList<UseCaseWorkload> all = LengthDistribution::useCases();
        QCOMPARE(all.size(), 7); // GIQ-INTERFACE.md lists seven
        QString error;
        auto chat = LengthDistribution::fromUseCase(QStringLiteral("chatbot"), &error);
        QVERIFY(chat);
        QCOMPARE(chat->kind(), LengthDistribution::Kind::ShareGpt);
        auto code = LengthDistribution::fromUseCase(QStringLiteral("code completion"), &error);
        QVERIFY(code);
        QCOMPARE(code->meanInput(), 512.0); // "Code Completion ~512/32"
        QCOMPARE(code->meanOutput(), 32.0);
        auto research = LengthDistribution::fromUseCase(QStringLiteral("Deep Research"), &error);
        QVERIFY(research);
        QCOMPARE(research->meanOutput(), 4096.0);
        // resources/reference/use-cases.yaml: Advanced Customer Support 9000 / 256 (GIQ "~9k/256").
        auto support = LengthDistribution::fromUseCase(QStringLiteral("advanced customer support"), &error);
        QVERIFY(support);
        QCOMPARE(support->meanInput(), 9000.0);
        QCOMPARE(support->meanOutput(), 256.0);
        QCOMPARE(all.first().source, QStringLiteral("resources/reference/use-cases.yaml"));
        QVERIFY(!LengthDistribution::fromUseCase(QStringLiteral("Poetry"), &error));
        QVERIFY2(error.startsWith(QStringLiteral("unknown use case \"Poetry\"; known: Chatbot (ShareGPT), ")),
                 qPrintable(error));
    }

    void datasetCsvAndJsonl()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QString error;
        // With a header (columns found by name, extra columns ignored), a comment and a blank line.
        QString path = writeFile(dir, QStringLiteral("a.csv"),
                                 "# my traffic\nid,output_tokens,input_tokens\n1,10,100\n\n2,30,300\n");
        auto d = LengthDistribution::fromDataset(path, &error);
        QVERIFY2(d, qPrintable(error));
        QCOMPARE(d->kind(), LengthDistribution::Kind::Dataset);
        QCOMPARE(d->meanInput(), 200.0); // (100 + 300) / 2
        QCOMPARE(d->meanOutput(), 20.0); // (10 + 30) / 2
        QCOMPARE(d->maxInput(), 300);
        Rng rng(3);
        for (int i = 0; i < 100; ++i) {
            const RequestLengths r = d->sample(rng);
            QVERIFY((r.input == 100 && r.output == 10) || (r.input == 300 && r.output == 30));
        }
        // Without a header: input,output.
        path = writeFile(dir, QStringLiteral("b.csv"), "5,7\n9,11\n");
        d = LengthDistribution::fromDataset(path, &error);
        QVERIFY2(d, qPrintable(error));
        QCOMPARE(d->meanInput(), 7.0);
        QCOMPARE(d->meanOutput(), 9.0);
        // Spreadsheet export: byte order mark, CRLF line ends, quoted header cells.
        path =
            writeFile(dir, QStringLiteral("x.csv"), "\xEF\xBB\xBF\"prompt_len\",\"output_len\"\r\n4,6\r\n");
        d = LengthDistribution::fromDataset(path, &error);
        QVERIFY2(d, qPrintable(error));
        QCOMPARE(d->meanInput(), 4.0);
        QCOMPARE(d->meanOutput(), 6.0);
        // JSONL with alternative names.
        path = writeFile(dir, QStringLiteral("c.jsonl"),
                         "{\"prompt_tokens\": 50, \"completion_tokens\": 5}\n{\"input_tokens\": 150, "
                         "\"output_tokens\": 15}\n");
        d = LengthDistribution::fromDataset(path, &error);
        QVERIFY2(d, qPrintable(error));
        QCOMPARE(d->meanInput(), 100.0);
        QCOMPARE(d->meanOutput(), 10.0);
        QVERIFY(d->description().contains(QStringLiteral("2 requests")));
    }

    void datasetErrors_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("expected"); // after "<path>"
        QTest::newRow("bad number") << QStringLiteral("e.csv") << QByteArray("input,output\n1,2\n3,x\n")
                                    << QStringLiteral(":3: output token count \"x\" is not an integer");
        QTest::newRow("zero") << QStringLiteral("e.csv") << QByteArray("0,5\n")
                              << QStringLiteral(":1: input token count \"0\" is not an integer in 1..");
        QTest::newRow("columns") << QStringLiteral("e.csv") << QByteArray("1,2\n3,4,5\n")
                                 << QStringLiteral(":2: expected 2 columns, found 3");
        QTest::newRow("header") << QStringLiteral("e.csv") << QByteArray("a,b\n1,2\n")
                                << QStringLiteral(":1: header must name an input column");
        QTest::newRow("empty") << QStringLiteral("e.csv") << QByteArray("# nothing\n")
                               << QStringLiteral(": no requests");
        QTest::newRow("json syntax") << QStringLiteral("e.jsonl")
                                     << QByteArray("{\"input\": 1, \"output\": 2}\n{oops\n")
                                     << QStringLiteral(":2: not a JSON object");
        QTest::newRow("json missing") << QStringLiteral("e.jsonl") << QByteArray("{\"input\": 1}\n")
                                      << QStringLiteral(":1: missing field output_tokens or output");
        QTest::newRow("json type") << QStringLiteral("e.jsonl")
                                   << QByteArray("{\"input\": \"1\", \"output\": 2}\n")
                                   << QStringLiteral(":1: field input must be an integer");
    }
    void datasetErrors()
    {
        QFETCH(QString, name);
        QFETCH(QByteArray, content);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const QString path = writeFile(dir, name, content);
        QString error;
        QVERIFY(!LengthDistribution::fromDataset(path, &error));
        QVERIFY2(error.startsWith(path + expected), qPrintable(error));
        QVERIFY(!LengthDistribution::fromDataset(dir.filePath(QStringLiteral("missing.csv")), &error));
        QVERIFY2(error.contains(QStringLiteral("missing.csv: cannot open")), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestLengths)
#include "tst_estimator_lengths.moc"
