// `iq catalog validate` and `iq catalog build`, run in-process through their command functions.

#include "catalog/catalogbuilder.h"
#include "catalog/catalogwriter.h"
#include "catalog/referencedata.h"
#include "cli/commands.h"

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace iq;
using namespace iq::cli;

namespace {

struct Run
{
    int code = -1;
    QString out;
    QString err;
};

Run run(int (*command)(const QStringList &, CliIo &), const QStringList &args)
{
    Run r;
    QTextStream out(&r.out);
    QTextStream err(&r.err);
    QBuffer in;
    in.open(QIODevice::ReadOnly);
    CliIo io{out, err, in, QProcessEnvironment::systemEnvironment()};
    r.code = command(args, io);
    out.flush();
    err.flush();
    return r;
}

void write(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(bytes);
}

const QString kReferenceDir = QStringLiteral(IQ_SOURCE_DIR "/resources/reference");

} // namespace

class TestCliCatalog : public QObject
{
    Q_OBJECT

private slots:
    void validateGoodFiles()
    {
        QTemporaryDir dir;
        const QString a = dir.filePath(QStringLiteral("a.json"));
        write(a, "{\"format\": \"iq-catalog\", \"version\": 1, \"useCases\": [{\"name\": \"u\", "
                 "\"inputLength\": 1, \"outputLength\": 2}]}");
        const Run r =
            run(catalogValidate, {a, QStringLiteral(IQ_SOURCE_DIR "/resources/catalog/reference.json")});
        QCOMPARE(r.err, QString());
        QCOMPARE(r.code, int(ExitOk));
        QCOMPARE(
            r.out,
            QStringLiteral(
                "2 file(s) valid: 14 accelerators, 39 machine types, 71 prices, 28 models, 1 model servers, "
                "8 use cases, 1 profiles (1 points); 0 warning(s)\n"));
    }

    void validateReportsEveryProblem()
    {
        QTemporaryDir dir;
        const QString bad = dir.filePath(QStringLiteral("bad.json"));
        write(bad, "{\"format\": \"iq-catalog\", \"version\": 1,\n"
                   "\"prices\": [{\"machineType\": \"m\", \"region\": \"r\", \"pricingModel\": \"weekly\", "
                   "\"usdPerHour\": 1}],\n"
                   "\"profiles\": [{\"model\": \"m\", \"modelServer\": \"s\", \"accelerator\": "
                   "\"nvidia-h900\", \"acceleratorCount\": 1,\n"
                   "  \"provenance\": {\"kind\": \"measured\"}, \"colour\": 1,\n"
                   "  \"columns\": [\"ttftMs.mean\"], \"points\": [[-3]]}]}\n");
        const QString empty = dir.filePath(QStringLiteral("empty.json"));
        write(empty, "");
        const Run r = run(catalogValidate, {bad, empty});
        QCOMPARE(r.code, int(ExitUsage));
        QCOMPARE(
            r.err,
            bad +
                QStringLiteral(":2: prices[0].pricingModel: unknown pricing model \"weekly\" (expected one "
                               "of: on-demand, spot, 1-year-cud, 3-years-cud)\n") +
                bad +
                QStringLiteral(":5: profiles[0].points[0][0] (ttftMs.mean): negative latency -3 (must be at "
                               "least 0)\n") +
                bad + QStringLiteral(":4: warning: profiles[0]: unknown field \"colour\" (ignored)\n") + bad +
                QStringLiteral(":3: warning: profiles[0].accelerator: unknown accelerator \"nvidia-h900\" "
                               "(not defined in this catalog or the embedded one)\n") +
                empty +
                QStringLiteral(": file is empty (expected a catalog: {\"format\": \"iq-catalog\", ...})\n"));
        QCOMPARE(r.out, QStringLiteral("3 error(s), 2 warning(s) in 2 file(s)\n"));
        const Run quiet = run(catalogValidate, {QStringLiteral("--quiet-warnings"), bad});
        QVERIFY(!quiet.err.contains(QLatin1String("warning")));
        QCOMPARE(quiet.code, int(ExitUsage));
    }

    void validateUsage()
    {
        const Run r = run(catalogValidate, {});
        QCOMPARE(r.code, int(ExitUsage));
        QVERIFY(!r.err.isEmpty());
        const Run missing = run(catalogValidate, {QStringLiteral("/nonexistent.json")});
        QCOMPARE(missing.code, int(ExitUsage));
        QVERIFY(missing.err.startsWith(QStringLiteral("/nonexistent.json: cannot open: ")));
    }

    void buildWritesTheCommittedCatalog()
    {
        QTemporaryDir dir;
        const Run r = run(catalogBuild,
                          {QStringLiteral("--reference-dir=") + kReferenceDir,
                           QStringLiteral("--output-dir=") + dir.path(), QStringLiteral("--skip-estimates")});
        QCOMPARE(r.code, int(ExitOk));
        const QString path = QDir(dir.path()).filePath(QStringLiteral("reference.json"));
        QCOMPARE(r.out,
                 QStringLiteral(
                     "wrote %1: 14 accelerators, 39 machine types, 71 prices, 28 models, 1 model servers, "
                     "7 use cases, 1 profiles (1 points)\n")
                     .arg(path));
        // The notes say what was left out of the reference facts and why.
        QVERIFY(r.err.contains(
            QLatin1String("accelerators.yaml:859: note: g4-standard-6: accelerator count \"1/8\"")));
        QFile built(path);
        QVERIFY(built.open(QIODevice::ReadOnly));
        QFile committed(QStringLiteral(IQ_SOURCE_DIR "/resources/catalog/reference.json"));
        QVERIFY(committed.open(QIODevice::ReadOnly));
        QVERIFY2(built.readAll() == committed.readAll(),
                 "resources/catalog/reference.json is stale: run `iq catalog build`");
        // From the facts compiled into the binary, the same bytes.
        QTemporaryDir dir2;
        QCOMPARE(run(catalogBuild,
                     {QStringLiteral("--output-dir=") + dir2.path(), QStringLiteral("--skip-estimates")})
                     .code,
                 int(ExitOk));
        QFile again(QDir(dir2.path()).filePath(QStringLiteral("reference.json")));
        QVERIFY(again.open(QIODevice::ReadOnly));
        built.seek(0);
        QCOMPARE(again.readAll(), built.readAll());
    }

    void buildDefaultOutputDirectory()
    {
        QTemporaryDir dir;
        const QString old = QDir::currentPath();
        QVERIFY(QDir::setCurrent(dir.path()));
        const Run none = run(catalogBuild, {QStringLiteral("--skip-estimates")});
        QCOMPARE(none.code, int(ExitUsage));
        QVERIFY(none.err.contains(QLatin1String("no --output-dir given")));
        QVERIFY(QDir().mkpath(QStringLiteral("resources/catalog")));
        const Run r = run(catalogBuild, {QStringLiteral("--skip-estimates")});
        QVERIFY(QDir::setCurrent(old));
        QCOMPARE(r.code, int(ExitOk));
        QVERIFY(QFile::exists(dir.filePath(QStringLiteral("resources/catalog/reference.json"))));
    }

    // The whole embedded catalog — reference.json and every estimated-*.json — equals a fresh build, so
    // a change to the reference facts, the estimator or its calibration cannot go in without rebuilding.
    void fullBuildEqualsCommittedCatalog()
    {
        QTemporaryDir dir;
        const Run r = run(catalogBuild, {QStringLiteral("--output-dir=") + dir.path()});
        QCOMPARE(r.code, int(ExitOk));
        const QDir built(dir.path());
        const QDir committed(QStringLiteral(IQ_SOURCE_DIR "/resources/catalog"));
        const QStringList builtFiles = built.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
        QCOMPARE(builtFiles, committed.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name));
        QVERIFY(builtFiles.size() >
                20); // one estimated file per model of the facts table, and reference.json
        for (const QString &name : builtFiles) {
            QFile a(built.filePath(name));
            QFile b(committed.filePath(name));
            QVERIFY(a.open(QIODevice::ReadOnly) && b.open(QIODevice::ReadOnly));
            QVERIFY2(
                a.readAll() == b.readAll(),
                qPrintable(QStringLiteral(
                               "resources/catalog/%1 is stale: run `iq catalog build` from the source tree")
                               .arg(name)));
        }
    }

    void buildRejectsBrokenFacts()
    {
        QTemporaryDir dir;
        write(dir.filePath(QStringLiteral("accelerators.yaml")), "accelerators: [\n");
        const Run r = run(catalogBuild, {QStringLiteral("--reference-dir=") + dir.path(),
                                         QStringLiteral("--output-dir=") + dir.path()});
        QCOMPARE(r.code, int(ExitUsage));
        QVERIFY(r.err.contains(dir.filePath(QStringLiteral("accelerators.yaml:"))));
        QVERIFY(r.err.contains(QLatin1String("nothing written")));
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("reference.json"))));
        const Run noDir = run(catalogBuild, {QStringLiteral("--reference-dir=/nonexistent"),
                                             QStringLiteral("--output-dir=") + dir.path()});
        QCOMPARE(noDir.code, int(ExitUsage));
    }
};

QTEST_GUILESS_MAIN(TestCliCatalog)
#include "tst_cli_catalog.moc"
