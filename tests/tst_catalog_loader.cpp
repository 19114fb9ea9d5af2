// The catalog loader and writer: round trips, and every kind of problem reported as file:line: message.

#include "catalog/catalogloader.h"
#include "catalog/catalogwriter.h"
#include "catalog/jsonreader.h"
#include "catalogtestutil.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <limits>

using namespace iq;

namespace {

CatalogLoadResult parse(const QByteArray &json, const CatalogLoadOptions &options = {})
{
    return parseCatalog(json, QStringLiteral("t.json"), options);
}

QStringList texts(const QList<Diagnostic> &list)
{
    QStringList out;
    for (const Diagnostic &d : list)
        out << d.toString();
    return out;
}

// A catalog with one profile whose points are given by the caller (lines 1-7 fixed, points from line 8).
QByteArray profileWithPoints(const QByteArray &columns, const QByteArray &points)
{
    return "{\"format\": \"iq-catalog\", \"version\": 1,\n"                                    // 1
           "\"profiles\": [\n"                                                                 // 2
           "  {\"model\": \"m\", \"modelServer\": \"vllm\", \"accelerator\": \"nvidia-l4\",\n" // 3
           "   \"acceleratorCount\": 1,\n"                                                     // 4
           "   \"provenance\": {\"kind\": \"measured\"},\n"                                    // 5
           "   \"columns\": " +
           columns +
           ",\n" // 6
           "   \"points\": [\n" +
           points + "]}]}\n"; // 7, 8...
}

CatalogData sampleCatalog()
{
    CatalogData d;
    d.name = QStringLiteral("sample \"quoted\" \\ name");
    d.description = QStringLiteral("Unicode: \u00e9\u4e2d \U0001F600, tab\tand newline\n and control \x01");
    Accelerator a;
    a.gkeLabel = QStringLiteral("nvidia-l4");
    a.displayName = QStringLiteral("NVIDIA L4");
    a.memoryGB = 24;
    a.memoryBandwidthGBps = 300;
    a.bf16Tflops = 121;
    a.fp8Tflops = 242.5;
    a.interconnect = QStringLiteral("PCIe Gen4");
    a.sources = {QStringLiteral("https://example.org/a"), QStringLiteral("b")};
    d.accelerators << a;
    Accelerator t;
    t.gkeLabel = QStringLiteral("tpu-v6e-slice");
    t.isTpu = true;
    t.memoryGB = 102.005;
    d.accelerators << t;
    MachineType m;
    m.name = QStringLiteral("g2-standard-48");
    m.accelerator = QStringLiteral("nvidia-l4");
    m.acceleratorCount = 4;
    m.vcpus = 48;
    m.memoryGB = 192;
    m.sources = {QStringLiteral("s")};
    d.machineTypes << m;
    MachineType tm;
    tm.name = QStringLiteral("ct6e-standard-4t");
    tm.accelerator = QStringLiteral("tpu-v6e-slice");
    tm.acceleratorCount = 4;
    tm.tpuTopology = QStringLiteral("2x2");
    d.machineTypes << tm;
    Price p;
    p.machineType = QStringLiteral("g2-standard-48");
    p.region = QStringLiteral("us-central1");
    p.pricingModel = QStringLiteral("spot");
    p.usdPerHour = 1.574;
    p.asOf = QStringLiteral("2025-03-06");
    p.source = QStringLiteral("src");
    d.prices << p;
    p.pricingModel = QStringLiteral("1-year-cud");
    p.usdPerHour = 0.1 + 0.2; // 0.30000000000000004: must survive the round trip exactly
    p.derived = true;
    p.note = QStringLiteral("n");
    d.prices << p;
    Model model;
    model.id = QStringLiteral("openai/gpt-oss-20b");
    model.family = QStringLiteral("gpt-oss");
    model.architecture = QStringLiteral("GptOssForCausalLM");
    model.parametersB = 20.91;
    model.activeParametersB = 3.61;
    model.weightsGB = 13.8;
    model.precision = QStringLiteral("mxfp4");
    model.maxContextLength = 131072;
    d.models << model;
    d.modelServers << ModelServer{QStringLiteral("vllm"),
                                  {QStringLiteral("v0.10.0"), QStringLiteral("gptoss")},
                                  QStringLiteral("vllm/vllm-openai")};
    d.useCases << UseCase{QStringLiteral("Chatbot (ShareGPT)"), 128, 128};
    Profile pr;
    pr.model = model.id;
    pr.modelServer = QStringLiteral("vllm");
    pr.modelServerVersion = QStringLiteral("gptoss");
    pr.accelerator = QStringLiteral("nvidia-l4");
    pr.acceleratorCount = 4;
    pr.instanceType = QStringLiteral("g2-standard-48");
    pr.useCase = QStringLiteral("Chatbot (ShareGPT)");
    pr.averageInputLength = 128;
    pr.averageOutputLength = 127.5;
    pr.precision = QStringLiteral("mxfp4");
    pr.provenance.kind = Provenance::Kind::Estimated;
    pr.provenance.source = QStringLiteral("iq estimator");
    pr.provenance.date = QStringLiteral("2026-11-25");
    pr.provenance.estimatorVersion = QStringLiteral("1");
    pr.provenance.errorBandPercent = 12.5;
    pr.provenance.note = QStringLiteral("note");
    for (int i = 0; i < 3; ++i) {
        BenchmarkPoint pt;
        pt.requestRate = 0.5 * (i + 1);
        pt.outputTokensPerSecond = 1234.5678 * (i + 1);
        pt.ttftMs.mean = 1e-7 + i;
        pt.ttftMs.p99 = 123456789.123 / 10; // < one day
        pt.ntpotMs.mean = i == 1 ? kUnknown : 67.0 / 3.0;
        pt.kvCacheUtilization = 0.25 * i;
        pr.points << pt;
    }
    d.profiles << pr;
    Profile bare = pr;
    bare.model = QStringLiteral("other/model");
    bare.points.clear();
    bare.provenance = Provenance{};
    bare.provenance.kind = Provenance::Kind::Imported;
    bare.provenance.file = QStringLiteral("bench.json");
    d.profiles << bare;
    return d;
}

} // namespace

class TestCatalogLoader : public QObject
{
    Q_OBJECT

private slots:
    void roundTrip()
    {
        const CatalogData d = sampleCatalog();
        const QByteArray bytes = serializeCatalog(d);
        const CatalogLoadResult r = parse(bytes);
        QVERIFY2(r.ok(), qPrintable(texts(r.errors).join(QLatin1Char('\n'))));
        QCOMPARE(r.warnings.size(), 0);
        QVERIFY(catalogtest::sameCatalog(r.data, d));
        // Deterministic: serializing the parsed data gives the same bytes.
        QCOMPARE(serializeCatalog(r.data), bytes);
        QCOMPARE(r.data.prices[1].usdPerHour, 0.1 + 0.2);
        QVERIFY(!isKnown(r.data.profiles[0].points[1].ntpotMs.mean));
        QVERIFY(!isKnown(r.data.profiles[0].points[0].itlMs.mean));
        QVERIFY(bytes.contains("\"columns\": [\"requestRate\", \"outputTokensPerSecond\", \"ttftMs.mean\", "
                               "\"ttftMs.p99\", \"ntpotMs.mean\", \"kvCacheUtilization\"]"));
        QVERIFY(bytes.contains("[1, 2469.1356, 1.0000001, 12345678.9123, null, 0.25]"));
        // "model" is the first member of every profile (the loader's skip path relies on it).
        QVERIFY(bytes.contains("\"profiles\": [\n    {\n      \"model\": "));
    }

    void writeFileAtomically()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("c.json"));
        QString error;
        QVERIFY(writeCatalogFile(path, sampleCatalog(), &error));
        const CatalogLoadResult r = loadCatalogFile(path);
        QVERIFY(r.ok());
        QVERIFY(catalogtest::sameCatalog(r.data, sampleCatalog()));
        QVERIFY(
            !writeCatalogFile(dir.filePath(QStringLiteral("missing/dir/c.json")), sampleCatalog(), &error));
        QVERIFY(error.startsWith(dir.filePath(QStringLiteral("missing/dir/c.json")) +
                                 QStringLiteral(": cannot write: ")));
    }

    void pointErrors_data()
    {
        QTest::addColumn<QByteArray>("columns");
        QTest::addColumn<QByteArray>("points");
        QTest::addColumn<QStringList>("errors");
        const QByteArray cols = "[\"requestRate\", \"outputTokensPerSecond\", \"ttftMs.mean\"]";
        QTest::newRow("string") << cols << QByteArray("[1, 10, 2],\n[2, 20, \"fast\"]\n")
                                << QStringList{
                                       QStringLiteral("t.json:9: profiles[0].points[1][2] (ttftMs.mean): "
                                                      "expected a number or null, got \"fast\"")};
        QTest::newRow("negative latency")
            << cols << QByteArray("[1, 10, -5]\n")
            << QStringList{QStringLiteral("t.json:8: profiles[0].points[0][2] (ttftMs.mean): negative "
                                          "latency -5 (must be at least 0)")};
        QTest::newRow("negative tokens/s")
            << cols << QByteArray("[1, -0.5, 5]\n")
            << QStringList{QStringLiteral("t.json:8: profiles[0].points[0][1] (outputTokensPerSecond): "
                                          "negative tokens/s -0.5 (must be at least 0)")};
        QTest::newRow("absurd tokens/s")
            << cols << QByteArray("[1, 5e9, 5]\n")
            << QStringList{QStringLiteral("t.json:8: profiles[0].points[0][1] (outputTokensPerSecond): "
                                          "tokens/s 5e9 is out of range (must be at most 1000000000)")};
        QTest::newRow("NaN") << cols << QByteArray("[1, NaN, 5]\n")
                             << QStringList{QStringLiteral(
                                    "t.json:8: profiles[0].points[0][1] (outputTokensPerSecond): expected a "
                                    "finite number, got NaN (write null for unknown)")};
        QTest::newRow("inf") << cols << QByteArray("[1, 2, -Infinity]\n")
                             << QStringList{QStringLiteral(
                                    "t.json:8: profiles[0].points[0][2] (ttftMs.mean): expected a finite "
                                    "number, got -Infinity (write null for unknown)")};
        QTest::newRow("huge") << cols << QByteArray("[1e999, 2, 3]\n")
                              << QStringList{QStringLiteral(
                                     "t.json:8: profiles[0].points[0][0] (requestRate): expected a finite "
                                     "number, got 1e999 (write null for unknown)")};
        QTest::newRow("fraction") << QByteArray("[\"kvCacheUtilization\"]") << QByteArray("[1.5]\n")
                                  << QStringList{QStringLiteral(
                                         "t.json:8: profiles[0].points[0][0] (kvCacheUtilization): fraction "
                                         "1.5 is out of range (must be at most 1)")};
        QTest::newRow("short row")
            << cols << QByteArray("[1, 2]\n")
            << QStringList{QStringLiteral(
                   "t.json:8: profiles[0].points[0]: expected 3 values (one per column), got 2")};
        QTest::newRow("long row")
            << cols << QByteArray("[1, 2, 3, 4]\n")
            << QStringList{QStringLiteral(
                   "t.json:8: profiles[0].points[0]: expected 3 values (one per column), got 4")};
        QTest::newRow("row not array")
            << cols << QByteArray("{\"requestRate\": 1}\n")
            << QStringList{QStringLiteral("t.json:8: profiles[0].points[0]: expected an array of numbers "
                                          "(one per column), got an object")};
        QTest::newRow("unknown column")
            << QByteArray("[\"requestRate\", \"ttft\"]") << QByteArray("[1, 2]\n")
            << QStringList{QStringLiteral(
                   "t.json:6: profiles[0].columns[1]: unknown column \"ttft\" (known: requestRate, "
                   "concurrency, inputTokensPerSecond, outputTokensPerSecond, totalTokensPerSecond, "
                   "ttftMs.mean, ttftMs.p50, ttftMs.p90, ttftMs.p99, tpotMs.mean, tpotMs.p50, tpotMs.p90, "
                   "tpotMs.p99, ntpotMs.mean, ntpotMs.p50, ntpotMs.p90, ntpotMs.p99, itlMs.mean, itlMs.p50, "
                   "itlMs.p90, itlMs.p99, e2eMs.mean, e2eMs.p50, e2eMs.p90, e2eMs.p99, queueSize, "
                   "runningBatchSize, kvCacheUtilization)")};
        QTest::newRow("duplicate column")
            << QByteArray("[\"requestRate\", \"requestRate\"]") << QByteArray("[1, 2]\n")
            << QStringList{
                   QStringLiteral("t.json:6: profiles[0].columns[1]: duplicate column \"requestRate\"")};
        QTest::newRow("every bad value reported")
            << cols << QByteArray("[1, -1, 2],\n[2, 3, true],\n[3, \"x\", -7]\n")
            << QStringList{QStringLiteral("t.json:8: profiles[0].points[0][1] (outputTokensPerSecond): "
                                          "negative tokens/s -1 (must be at least 0)"),
                           QStringLiteral("t.json:9: profiles[0].points[1][2] (ttftMs.mean): expected a "
                                          "number or null, got true"),
                           QStringLiteral("t.json:10: profiles[0].points[2][1] (outputTokensPerSecond): "
                                          "expected a number or null, got \"x\""),
                           QStringLiteral("t.json:10: profiles[0].points[2][2] (ttftMs.mean): negative "
                                          "latency -7 (must be at least 0)")};
    }
    void pointErrors()
    {
        QFETCH(QByteArray, columns);
        QFETCH(QByteArray, points);
        QFETCH(QStringList, errors);
        const CatalogLoadResult r = parse(profileWithPoints(columns, points));
        QCOMPARE(texts(r.errors), errors);
        QVERIFY(!r.ok());
    }

    void fieldErrors_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QStringList>("errors");
        QTest::addColumn<QStringList>("warnings");
        const QByteArray head = "{\"format\": \"iq-catalog\", \"version\": 1,\n";
        QTest::newRow("missing required")
            << head + "\"profiles\": [\n{\"model\": \"m\", \"modelServer\": \"vllm\",\n "
                      "\"acceleratorCount\": 1}\n]}"
            << QStringList{QStringLiteral("t.json:3: profiles[0]: missing required field \"accelerator\""),
                           QStringLiteral("t.json:3: profiles[0]: missing required field \"provenance\"")}
            << QStringList{};
        QTest::newRow("duplicate key")
            << head + "\"models\": [{\"id\": \"a\",\n\"id\": \"b\"}]}"
            << QStringList{QStringLiteral("t.json:3: models[0]: duplicate field \"id\"")} << QStringList{};
        QTest::newRow("unknown field warning")
            << head + "\"models\": [{\"id\": \"a\",\n\"colour\": [1, {\"x\": null}]}],\n\"extra\": 1}"
            << QStringList{}
            << QStringList{QStringLiteral("t.json:3: models[0]: unknown field \"colour\" (ignored)"),
                           QStringLiteral("t.json:4: catalog: unknown field \"extra\" (ignored)")};
        QTest::newRow("unknown pricing model")
            << head + "\"prices\": [\n{\"machineType\": \"g2-standard-4\", \"region\": \"us-central1\",\n "
                      "\"pricingModel\": \"weekly\", \"usdPerHour\": 1}]}"
            << QStringList{QStringLiteral(
                   "t.json:4: prices[0].pricingModel: unknown pricing model \"weekly\" (expected one of: "
                   "on-demand, spot, 1-year-cud, 3-years-cud)")}
            << QStringList{};
        QTest::newRow("negative price")
            << head + "\"prices\": [{\"machineType\": \"x\", \"region\": \"r\", \"pricingModel\": "
                      "\"spot\",\n \"usdPerHour\": -2}]}"
            << QStringList{QStringLiteral(
                   "t.json:3: prices[0].usdPerHour: negative price -2 (must be at least 0)")}
            << QStringList{};
        QTest::newRow("null price") << head + "\"prices\": [{\"machineType\": \"x\", \"region\": \"r\", "
                                              "\"pricingModel\": \"spot\",\n \"usdPerHour\": null}]}"
                                    << QStringList{QStringLiteral(
                                           "t.json:3: prices[0].usdPerHour: expected a number, got null")}
                                    << QStringList{};
        QTest::newRow("wrong types")
            << head + "\"models\": [{\"id\": 7, \"parametersB\": \"big\", \"maxContextLength\": "
                      "1.5,\n\"sources\": \"s\"}],\n\"useCases\": {}}"
            << QStringList{QStringLiteral("t.json:2: models[0].id: expected a string, got 7"),
                           QStringLiteral(
                               "t.json:2: models[0].parametersB: expected a number or null, got \"big\""),
                           QStringLiteral(
                               "t.json:2: models[0].maxContextLength: expected an integer, got 1.5"),
                           QStringLiteral(
                               "t.json:3: models[0].sources: expected an array of strings, got \"s\""),
                           QStringLiteral("t.json:4: useCases: expected an array, got an object")}
            << QStringList{};
        QTest::newRow("integer range")
            << head + "\"useCases\": [{\"name\": \"u\", \"inputLength\": 0, \"outputLength\": 3e9}]}"
            << QStringList{QStringLiteral(
                               "t.json:2: useCases[0].inputLength: 0 is too small (must be at least 1)"),
                           QStringLiteral("t.json:2: useCases[0].outputLength: 3e9 is out of range (must be "
                                          "at most 100000000)")}
            << QStringList{};
        QTest::newRow("empty key field")
            << head + "\"models\": [{\"id\": \"\"}]}"
            << QStringList{QStringLiteral("t.json:2: models[0].id: must not be empty")} << QStringList{};
        QTest::newRow("provenance kind")
            << head + "\"profiles\": [{\"model\": \"m\", \"modelServer\": \"s\", \"accelerator\": \"a\", "
                      "\"acceleratorCount\": 1,\n"
                      "\"provenance\": {\"kind\": \"guessed\"}}]}"
            << QStringList{QStringLiteral("t.json:3: profiles[0].provenance.kind: unknown provenance kind "
                                          "\"guessed\" (expected measured, estimated or imported)")}
            << QStringList{};
        QTest::newRow("unsorted points warning")
            << QByteArray(
                   profileWithPoints("[\"requestRate\", \"ttftMs.mean\"]", "[1, 5],\n[3, 6],\n[2, 7]\n"))
            << QStringList{}
            << QStringList{QStringLiteral("t.json:10: profiles[0].points[2]: points are not sorted by "
                                          "increasing load (requestRate 2 after 3)")};
        QTest::newRow("unknown accelerator warning")
            << head + "\"accelerators\": [{\"gkeLabel\": \"nvidia-l4\"}],\n\"profiles\": [{\"model\": \"m\", "
                      "\"modelServer\": \"s\",\n"
                      "\"accelerator\": \"nvidia-l5\", \"acceleratorCount\": 1, \"provenance\": {\"kind\": "
                      "\"measured\"}}]}"
            << QStringList{}
            << QStringList{QStringLiteral("t.json:4: profiles[0].accelerator: unknown accelerator "
                                          "\"nvidia-l5\" (not defined in this catalog or the embedded one)")};
        QTest::newRow("duplicate entry warning")
            << head + "\"models\": [{\"id\": \"a\"},\n{\"id\": \"a\"}]}" << QStringList{}
            << QStringList{QStringLiteral(
                   "t.json:3: models[1]: duplicate model \"a\" (also at line 2); the later one wins")};
        QTest::newRow("future version")
            << QByteArray("{\"format\": \"iq-catalog\",\n\"version\": 2,\n\"models\": [{\"id\": 5}]}")
            << QStringList{QStringLiteral(
                   "t.json:2: version: catalog format version 2 is newer than this program reads (version "
                   "1); update the program or write the catalog as version 1")}
            << QStringList{};
        QTest::newRow("not a catalog")
            << QByteArray("{\"format\": \"openapi\", \"version\": 1}")
            << QStringList{QStringLiteral(
                   "t.json:1: format: expected \"iq-catalog\", got \"openapi\" (not a catalog file?)")}
            << QStringList{};
        QTest::newRow("missing format and version")
            << QByteArray("{\"models\": []}")
            << QStringList{QStringLiteral("t.json:1: missing required field \"format\" (\"iq-catalog\")"),
                           QStringLiteral("t.json:1: missing required field \"version\" (1)")}
            << QStringList{};
        QTest::newRow("top level array")
            << QByteArray("\n[1, 2]")
            << QStringList{QStringLiteral(
                   "t.json:2: expected a catalog object at the top level, got an array")}
            << QStringList{};
        QTest::newRow("empty file")
            << QByteArray("")
            << QStringList{QStringLiteral(
                   "t.json: file is empty (expected a catalog: {\"format\": \"iq-catalog\", ...})")}
            << QStringList{};
        QTest::newRow("whitespace only")
            << QByteArray(" \n\n ")
            << QStringList{QStringLiteral(
                   "t.json: file is empty (expected a catalog: {\"format\": \"iq-catalog\", ...})")}
            << QStringList{};
        QTest::newRow("truncated") << head + "\"models\": [{\"id\": \"a\"\n"
                                   << QStringList{QStringLiteral(
                                          "t.json:3: unexpected end of file inside an object (missing '}')")}
                                   << QStringList{};
        QTest::newRow("truncated string")
            << head + "\"models\": [{\"id\": \"a"
            << QStringList{QStringLiteral("t.json:2: unexpected end of file inside a string (missing '\"')")}
            << QStringList{};
        QTest::newRow("trailing comma")
            << head + "\"models\": [\n{\"id\": \"a\",}]}"
            << QStringList{QStringLiteral("t.json:3: trailing comma before '}'")} << QStringList{};
        QTest::newRow("garbage after")
            << head + "\"models\": []}\nxyz"
            << QStringList{QStringLiteral("t.json:3: unexpected data after the catalog object")}
            << QStringList{};
        QTest::newRow("invalid utf-8")
            << head + "\n\"name\": \"caf\xc3\x28\"}"
            << QStringList{QStringLiteral("t.json:3: invalid UTF-8 in a string")} << QStringList{};
        QTest::newRow("overlong utf-8")
            << head + "\"name\": \"\xc0\xaf\"}"
            << QStringList{QStringLiteral("t.json:2: invalid UTF-8 in a string")} << QStringList{};
        QTest::newRow("binary garbage")
            << QByteArray("\x00\x01\xff\xfe", 4)
            << QStringList{QStringLiteral("t.json:1: unexpected byte 0x00, expected a value")}
            << QStringList{};
        QTest::newRow("raw newline in string")
            << head + "\"name\": \"a\nb\"}"
            << QStringList{QStringLiteral(
                   "t.json:2: line break inside a string (missing '\"'? write \\n for a line break)")}
            << QStringList{};
        QTest::newRow("lone surrogate")
            << head + "\"name\": \"\\ud800x\"}"
            << QStringList{QStringLiteral("t.json:2: invalid \\u escape in a string (unpaired surrogate)")}
            << QStringList{};
        QTest::newRow("leading zero")
            << head + "\"useCases\": [{\"name\": \"u\", \"inputLength\": 012, \"outputLength\": 1}]}"
            << QStringList{QStringLiteral("t.json:2: invalid number: leading zero")} << QStringList{};
        QTest::newRow("too deep") << head + "\"x\": " + QByteArray(300, '[') + QByteArray(300, ']') + "}"
                                  << QStringList{QStringLiteral("t.json:2: nesting deeper than 256 levels")}
                                  << QStringList{
                                         QStringLiteral("t.json:2: catalog: unknown field \"x\" (ignored)")};
    }
    void fieldErrors()
    {
        QFETCH(QByteArray, json);
        QFETCH(QStringList, errors);
        QFETCH(QStringList, warnings);
        const CatalogLoadResult r = parse(json);
        QCOMPARE(texts(r.errors), errors);
        QCOMPARE(texts(r.warnings), warnings);
    }

    void knownAcceleratorsFromOptions()
    {
        const QByteArray json =
            "{\"format\": \"iq-catalog\", \"version\": 1, \"profiles\": [{\"model\": \"m\", "
            "\"modelServer\": \"s\", \"accelerator\": \"nvidia-l4\", \"acceleratorCount\": 1, "
            "\"provenance\": {\"kind\": \"measured\"}}]}";
        // Nothing known at all: no warning (there is nothing to check against).
        QCOMPARE(parse(json).warnings.size(), 0);
        CatalogLoadOptions options;
        options.knownAccelerators = {QStringLiteral("nvidia-l4")};
        QCOMPARE(parse(json, options).warnings.size(), 0);
        options.knownAccelerators = {QStringLiteral("nvidia-h100-80gb")};
        QCOMPARE(
            texts(parse(json, options).warnings),
            QStringList{QStringLiteral("t.json:1: profiles[0].accelerator: unknown accelerator \"nvidia-l4\" "
                                       "(not defined in this catalog or the embedded one)")});
    }

    void errorCap()
    {
        QByteArray points;
        for (int i = 0; i < 150; ++i)
            points += QByteArray(i ? ",\n" : "") + "[" + QByteArray::number(i) + ", -1]";
        const CatalogLoadResult r =
            parse(profileWithPoints("[\"requestRate\", \"ttftMs.mean\"]", points + "\n"));
        QCOMPARE(r.errors.size(), kMaxCatalogErrors + 1);
        QCOMPARE(r.errors.first().toString(),
                 QStringLiteral("t.json:8: profiles[0].points[0][1] (ttftMs.mean): negative latency -1 (must "
                                "be at least 0)"));
        QCOMPARE(r.errors.last().toString(),
                 QStringLiteral("t.json:108: too many errors (more than 100), stopping"));
    }

    void pointsBeforeColumns()
    {
        const QByteArray json =
            "{\"format\": \"iq-catalog\", \"version\": 1, \"profiles\": [{\"model\": \"m\",\n"
            "\"points\": [[1, 2], [2, 3]],\n"
            "\"modelServer\": \"s\", \"accelerator\": \"a\", \"acceleratorCount\": 1,\n"
            "\"columns\": [\"requestRate\", \"e2eMs.p90\"], \"provenance\": {\"kind\": \"measured\"}},\n"
            "{\"model\": \"n\", \"modelServer\": \"s\", \"accelerator\": \"a\", \"acceleratorCount\": 1, "
            "\"provenance\": {\"kind\": \"measured\"},\n"
            "\"points\": [[1, 2]]}]}";
        const CatalogLoadResult r = parse(json);
        QCOMPARE(texts(r.errors),
                 QStringList{QStringLiteral("t.json:6: profiles[1].points: \"points\" needs \"columns\" (the "
                                            "name of each value in a point)")});
        QCOMPARE(r.data.profiles.size(), 2);
        QCOMPARE(r.data.profiles[0].points.size(), 2);
        QCOMPARE(r.data.profiles[0].points[1].requestRate, 2.0);
        QCOMPARE(r.data.profiles[0].points[1].e2eMs.p90, 3.0);
    }

    void numbers_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<double>("value");
        QTest::newRow("0.1") << QByteArray("0.1") << 0.1;
        QTest::newRow("max") << QByteArray("1.7976931348623157e308") << 1.7976931348623157e308;
        QTest::newRow("denormal") << QByteArray("4.9e-324") << 4.9e-324;
        QTest::newRow("30 digits") << QByteArray("123456789012345678901234567890")
                                   << 123456789012345678901234567890.0;
        QTest::newRow("0.1+0.2") << QByteArray("0.30000000000000004") << 0.30000000000000004;
        QTest::newRow("underflow") << QByteArray("1e-400") << 0.0;
        QTest::newRow("overflow") << QByteArray("-1e400") << -std::numeric_limits<double>::infinity();
        QTest::newRow("small") << QByteArray("0.000001") << 0.000001;
        QTest::newRow("E+") << QByteArray("1E+2") << 100.0;
        QTest::newRow("e-") << QByteArray("2.5e-3") << 0.0025;
        QTest::newRow("zero") << QByteArray("-0") << 0.0;
        QTest::newRow("19 digits") << QByteArray("1234567890123456789") << 1234567890123456789.0;
        QTest::newRow("long fraction")
            << QByteArray("3.14159265358979323846264338327950288") << 3.14159265358979323846264338327950288;
        QTest::newRow("leading zeros in fraction") << QByteArray("0.0000000000000000000000123") << 1.23e-23;
    }
    void numbers()
    {
        // Exact parsing: the fast path and the from_chars fallback must both round correctly.
        QFETCH(QByteArray, text);
        QFETCH(double, value);
        JsonReader reader(text);
        double v = 1;
        QVERIFY(reader.readNumber(&v));
        QCOMPARE(v, value);
        QVERIFY(reader.atEnd());
        QCOMPARE(reader.lastNumberText(), QString::fromLatin1(text));
    }

    void numberFormatting()
    {
        QByteArray out;
        for (double v : {0.1, 1.0 / 3.0, 1e21, 5e-324, 123456.789, 13335.0, -2.5})
            appendJsonNumber(&out, v), out += ' ';
        appendJsonNumber(&out, kUnknown);
        QCOMPARE(out, QByteArray("0.1 0.3333333333333333 1e+21 5e-324 123456.789 13335 -2.5 null"));
    }

    void onlyModels()
    {
        // Profiles of other models are skipped unread: even a broken one gives no error.
        const QByteArray json = "{\"format\": \"iq-catalog\", \"version\": 1, \"profiles\": [\n"
                                "{\"model\": \"a\", \"modelServer\": \"s\", \"accelerator\": \"x\", "
                                "\"acceleratorCount\": 1, \"provenance\": {\"kind\": \"measured\"}},\n"
                                "{\"model\": \"b\", \"modelServer\": 5, \"points\": [[\"}\", \"]\", {\"q\": "
                                "[1]}]], \"acceleratorCount\": -1},\n"
                                "{\"modelServer\": \"s\", \"model\": \"b\", \"accelerator\": \"x\", "
                                "\"acceleratorCount\": 1, \"provenance\": {\"kind\": \"measured\"}},\n"
                                "{\"model\": \"a\", \"modelServer\": \"t\", \"accelerator\": \"x\", "
                                "\"acceleratorCount\": 2, \"provenance\": {\"kind\": \"measured\"}}\n"
                                "], \"models\": [{\"id\": \"a\"}, {\"id\": \"b\"}]}";
        CatalogLoadOptions options;
        options.onlyModels = {QStringLiteral("a")};
        const CatalogLoadResult r = parse(json, options);
        QCOMPARE(texts(r.errors), QStringList{});
        QCOMPARE(r.data.profiles.size(), 2);
        QCOMPARE(r.data.profiles[0].modelServer, QStringLiteral("s"));
        QCOMPARE(r.data.profiles[1].acceleratorCount, 2);
        QCOMPARE(r.data.models.size(), 2); // other sections are complete
        // Without the filter the broken profile is reported.
        const CatalogLoadResult all = parse(json);
        QCOMPARE(
            texts(all.errors),
            (QStringList{QStringLiteral("t.json:3: profiles[1].modelServer: expected a string, got 5"),
                         QStringLiteral(
                             "t.json:3: profiles[1].acceleratorCount: -1 is too small (must be at least 1)"),
                         QStringLiteral("t.json:3: profiles[1]: missing required field \"accelerator\""),
                         QStringLiteral("t.json:3: profiles[1]: missing required field \"provenance\""),
                         QStringLiteral("t.json:3: profiles[1].points: \"points\" needs \"columns\" (the "
                                        "name of each value in a point)")}));
        // A skipped profile that is cut off is still a syntax error.
        const CatalogLoadResult cut = parse(
            "{\"format\": \"iq-catalog\", \"version\": 1, \"profiles\": [\n{\"model\": \"b\", \"x\": [1, 2\n",
            options);
        QCOMPARE(texts(cut.errors),
                 QStringList{QStringLiteral("t.json:3: unexpected end of file (missing ']')")});
    }

    void missingFile()
    {
        const CatalogLoadResult r = loadCatalogFile(QStringLiteral("/nonexistent/c.json"));
        QCOMPARE(r.errors.size(), 1);
        QVERIFY(r.errors[0].toString().startsWith(QStringLiteral("/nonexistent/c.json: cannot open: ")));
    }

    void parallelEqualsSerial()
    {
        // Over 8 MB the second half of "profiles" is parsed on another thread; results and messages must be
        // exactly those of one thread, including duplicates across the halves and errors in the second half.
        CatalogData d;
        d.accelerators << Accelerator{};
        d.accelerators[0].gkeLabel = QStringLiteral("nvidia-l4");
        const auto &columns = pointColumns();
        for (int i = 0; i < 4000; ++i) {
            Profile p;
            p.model = QStringLiteral("org/model-%1").arg(i % 10);
            p.modelServer = QStringLiteral("vllm");
            p.modelServerVersion = QStringLiteral("v%1").arg(i / 10);
            p.accelerator = QStringLiteral("nvidia-l4");
            p.acceleratorCount = 1;
            p.provenance.kind = Provenance::Kind::Estimated;
            for (int k = 0; k < 8; ++k) {
                BenchmarkPoint pt;
                for (int c = 0; c < 26; ++c)
                    columns[c].ref(pt) = (i * 7 + k * 13 + c) % 1000 / 8.0;
                pt.requestRate = k + 1;
                p.points << pt;
            }
            d.profiles << p;
        }
        d.profiles << d.profiles[5]; // a duplicate of a first-half profile, at the end
        d.profiles.last().accelerator = QStringLiteral("nvidia-l4");
        d.profiles[3500].accelerator = QStringLiteral("nvidia-l9"); // unknown, second half
        const QByteArray clean = serializeCatalog(d);
        QVERIFY(clean.size() > 8 * 1024 * 1024);
        QByteArray broken = clean;
        const qsizetype at = broken.indexOf("\"v380\"");
        QVERIFY(at > broken.size() / 2);
        broken.replace(broken.indexOf("[1, ", at), 4, "[-1, "); // requestRate -1 in profile 3800-ish
        for (const QByteArray &bytes : {clean, broken}) {
            CatalogLoadOptions serial;
            serial.parallel = false;
            const CatalogLoadResult one = parse(bytes, serial);
            const CatalogLoadResult two = parse(bytes);
            QCOMPARE(texts(two.errors), texts(one.errors));
            QCOMPARE(texts(two.warnings), texts(one.warnings));
            QVERIFY(catalogtest::sameCatalog(two.data, one.data));
            QCOMPARE(one.warnings.size(), 2);
            QVERIFY(one.warnings[0].message.startsWith(QStringLiteral("profiles[4000]: duplicate profile")));
            QVERIFY(one.warnings[1].message.startsWith(
                QStringLiteral("profiles[3500].accelerator: unknown accelerator \"nvidia-l9\"")));
            QCOMPARE(one.errors.size(), bytes == clean ? 0 : 1);
            CatalogLoadOptions only;
            only.onlyModels = {QStringLiteral("org/model-3")};
            const CatalogLoadResult filtered = parse(bytes, only);
            QCOMPARE(filtered.data.profiles.size(), 400);
            only.parallel = false;
            QVERIFY(catalogtest::sameCatalog(parse(bytes, only).data, filtered.data));
        }
        QVERIFY(catalogtest::sameCatalog(parse(clean).data, d));
    }

    void documentationExample()
    {
        // docs/catalog-format.md, "Complete example": must load cleanly.
        QFile f(QStringLiteral(IQ_SOURCE_DIR "/docs/catalog-format.md"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray doc = f.readAll();
        const qsizetype section = doc.indexOf("## Complete example");
        QVERIFY(section > 0);
        const qsizetype begin = doc.indexOf("```json\n", section) + 8;
        const qsizetype end = doc.indexOf("```", begin);
        QVERIFY(begin > 8 && end > begin);
        const CatalogLoadResult r = parse(doc.mid(begin, end - begin));
        QCOMPARE(texts(r.errors), QStringList{});
        QCOMPARE(texts(r.warnings), QStringList{});
        QCOMPARE(r.data.profiles.size(), 1);
        QCOMPARE(r.data.profiles[0].points[0].outputTokensPerSecond, 13335.0);
        QCOMPARE(r.data.prices[0].usdPerHour, 4.424);
    }

    void diagnosticText()
    {
        QCOMPARE((Diagnostic{QStringLiteral("f.json"), 3, QStringLiteral("bad")}).toString(),
                 QStringLiteral("f.json:3: bad"));
        QCOMPARE((Diagnostic{QStringLiteral("f.json"), 0, QStringLiteral("bad")}).toString(),
                 QStringLiteral("f.json: bad"));
    }
};

QTEST_GUILESS_MAIN(TestCatalogLoader)
#include "tst_catalog_loader.moc"
