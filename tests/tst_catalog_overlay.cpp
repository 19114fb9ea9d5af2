// ProfileCatalog: embedded < user directory < --catalog files, later entries replacing earlier ones by key.

#include "catalog/catalogwriter.h"
#include "catalog/profilecatalog.h"

#include <QDir>
#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace iq;

namespace {

Profile profile(const QString &model, const QString &version, double tokensPerSecond)
{
    Profile p;
    p.model = model;
    p.modelServer = QStringLiteral("vllm");
    p.modelServerVersion = version;
    p.accelerator = QStringLiteral("nvidia-h100-80gb");
    p.acceleratorCount = 1;
    p.instanceType = QStringLiteral("a3-highgpu-1g");
    p.useCase = QStringLiteral("Chatbot (ShareGPT)");
    p.provenance.kind = Provenance::Kind::Imported;
    p.provenance.file = QStringLiteral("x.json");
    BenchmarkPoint pt;
    pt.outputTokensPerSecond = tokensPerSecond;
    p.points << pt;
    return p;
}

Price spot(double usd)
{
    Price p;
    p.machineType = QStringLiteral("a3-highgpu-1g");
    p.region = QStringLiteral("us-central1");
    p.pricingModel = QStringLiteral("spot");
    p.usdPerHour = usd;
    p.asOf = QStringLiteral("2026-01-01");
    p.source = QStringLiteral("my negotiated price");
    return p;
}

void write(const QString &path, const CatalogData &d)
{
    QString error;
    QVERIFY2(writeCatalogFile(path, d, &error), qPrintable(error));
}

} // namespace

class TestCatalogOverlay : public QObject
{
    Q_OBJECT

    QTemporaryDir m_xdg;
    QString m_userDir;

private slots:
    void initTestCase()
    {
        QVERIFY(m_xdg.isValid());
        qputenv("XDG_DATA_HOME", m_xdg.path().toLocal8Bit());
        m_userDir = ProfileCatalog::userCatalogDirectory();
        QCOMPARE(m_userDir, m_xdg.path() + QStringLiteral("/iqstudio/catalog"));
        QVERIFY(QDir().mkpath(m_userDir));
    }

    void cleanup()
    {
        QDir(m_userDir).removeRecursively();
        QDir().mkpath(m_userDir);
    }

    // The embedded catalog: the estimated-*.json files (one per model) then reference.json, by file name.
    static QStringList embeddedFiles()
    {
        const QStringList files = ProfileCatalog::catalogFilesIn(QStringLiteral(":/catalog"));
        for (qsizetype i = 0; i + 1 < files.size(); ++i) {
            if (!files.at(i).startsWith(QLatin1String(":/catalog/estimated-")))
                return {};
        }
        return files;
    }

    void embeddedOnly()
    {
        QList<Diagnostic> errors;
        QList<Diagnostic> warnings;
        const ProfileCatalog c = ProfileCatalog::load({}, &errors, &warnings);
        QCOMPARE(errors.size(), 0);
        QCOMPARE(warnings.size(), 0);
        QCOMPARE(c.sourceFiles(), embeddedFiles());
        QCOMPARE(c.sourceFiles().last(), QStringLiteral(":/catalog/reference.json"));
        QVERIFY(
            c.price(QStringLiteral("a3-highgpu-1g"), QStringLiteral("us-central1"), QStringLiteral("spot")));
        QCOMPARE(
            c.price(QStringLiteral("a3-highgpu-1g"), QStringLiteral("us-central1"), QStringLiteral("spot"))
                ->usdPerHour,
            4.424);
        QVERIFY(c.model(QStringLiteral("openai/gpt-oss-20b")));
        QVERIFY(!c.model(QStringLiteral("openai/gpt-oss"))); // exact lookups only
        QVERIFY(!c.model(QStringLiteral("OPENAI/gpt-oss-20b")));
        QCOMPARE(c.accelerator(QStringLiteral("nvidia-l4"))->memoryGB, 24.0);
        QCOMPARE(c.machineType(QStringLiteral("g2-standard-48"))->acceleratorCount, 4);
        QCOMPARE(c.useCase(QStringLiteral("Code Completion"))->outputLength, 32);
        // reference.json (the measured row) overlays the estimated files: its version comes first.
        QCOMPARE(c.modelServer(QStringLiteral("vllm"))->versions,
                 (QStringList{QStringLiteral("gptoss"), QStringLiteral("v0.11.0")}));
        QVERIFY(c.modelServer(QStringLiteral("sglang")));
        const QStringList ids = c.modelIds();
        QVERIFY(std::is_sorted(ids.begin(), ids.end()));
        QCOMPARE(ids.size(), c.data().models.size());
    }

    void precedence()
    {
        // user directory: two files, applied by file name (a.json before b.json)
        CatalogData a;
        a.prices << spot(1.0);
        a.profiles << profile(QStringLiteral("openai/gpt-oss-20b"), QStringLiteral("gptoss"), 100);
        a.modelServers << ModelServer{
            QStringLiteral("vllm"), {QStringLiteral("v0.11.0")}, QStringLiteral("img-a")};
        write(m_userDir + QStringLiteral("/b.json"), a);
        CatalogData first;
        first.prices << spot(0.5);
        write(m_userDir + QStringLiteral("/a.json"), first);
        QFile notJson(m_userDir + QStringLiteral("/readme.txt"));
        QVERIFY(notJson.open(QIODevice::WriteOnly));

        QList<Diagnostic> errors;
        ProfileCatalog c = ProfileCatalog::load({}, &errors);
        QCOMPARE(errors.size(), 0);
        QCOMPARE(c.sourceFiles(), (embeddedFiles() + QStringList{m_userDir + QStringLiteral("/a.json"),
                                                                 m_userDir + QStringLiteral("/b.json")}));
        QCOMPARE(
            c.price(QStringLiteral("a3-highgpu-1g"), QStringLiteral("us-central1"), QStringLiteral("spot"))
                ->usdPerHour,
            1.0);
        // other prices of the embedded catalog are untouched
        QCOMPARE(c.price(QStringLiteral("a3-highgpu-1g"), QStringLiteral("us-central1"),
                         QStringLiteral("on-demand"))
                     ->usdPerHour,
                 11.061);
        // the measured embedded profile (same key) is replaced by the user's, in place
        const qsizetype embeddedProfiles =
            ProfileCatalog::load(CatalogSources{true, false, {}, {}}, nullptr).data().profiles.size();
        QCOMPARE(c.data().profiles.size(), embeddedProfiles);
        const Profile *measured = nullptr;
        for (const Profile &p : c.data().profiles) {
            if (p.modelServerVersion == QLatin1String("gptoss"))
                measured = &p;
        }
        QVERIFY(measured);
        QCOMPARE(measured->points[0].outputTokensPerSecond, 100.0);
        QCOMPARE(measured->provenance.kind, Provenance::Kind::Imported);
        // model server versions are merged: the later layer's first
        QCOMPARE(c.modelServer(QStringLiteral("vllm"))->versions,
                 (QStringList{QStringLiteral("v0.11.0"), QStringLiteral("gptoss")}));
        QCOMPARE(c.modelServer(QStringLiteral("vllm"))->image, QStringLiteral("img-a"));

        // --catalog files come last, in the order given
        QTemporaryDir extra;
        CatalogData x1;
        x1.prices << spot(2.0);
        x1.profiles << profile(QStringLiteral("openai/gpt-oss-20b"), QStringLiteral("v9.9.9-test"),
                               200); // new key
        CatalogData x2;
        x2.prices << spot(3.0);
        write(extra.filePath(QStringLiteral("z.json")), x1);
        write(extra.filePath(QStringLiteral("a.json")), x2);
        CatalogSources sources;
        sources.extraFiles = {extra.filePath(QStringLiteral("z.json")),
                              extra.filePath(QStringLiteral("a.json"))};
        c = ProfileCatalog::load(sources, &errors);
        QCOMPARE(errors.size(), 0);
        QCOMPARE(
            c.price(QStringLiteral("a3-highgpu-1g"), QStringLiteral("us-central1"), QStringLiteral("spot"))
                ->usdPerHour,
            3.0);
        QCOMPARE(c.data().profiles.size(), embeddedProfiles + 1);
        QCOMPARE(c.sourceFiles().size(), embeddedFiles().size() + 4);
        QCOMPARE(c.sourceFiles().last(), extra.filePath(QStringLiteral("a.json")));

        // switching layers off
        sources.userDirectory = false;
        sources.embedded = false;
        c = ProfileCatalog::load(sources, &errors);
        QCOMPARE(c.data().profiles.size(), 1);
        QCOMPARE(c.data().models.size(), 0);
        QCOMPARE(
            c.price(QStringLiteral("a3-highgpu-1g"), QStringLiteral("us-central1"), QStringLiteral("spot"))
                ->usdPerHour,
            3.0);
        QVERIFY(!c.price(QStringLiteral("a3-highgpu-1g"), QStringLiteral("us-central1"),
                         QStringLiteral("on-demand")));
    }

    void brokenFileIsReportedAndSkipped()
    {
        QFile f(m_userDir + QStringLiteral("/broken.json"));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{\"format\": \"iq-catalog\", \"version\": 1,\n\"prices\": [{\"machineType\": "
                "\"a3-highgpu-1g\", \"region\": \"us-central1\",\n"
                "\"pricingModel\": \"spot\", \"usdPerHour\": -1}]}");
        f.close();
        QList<Diagnostic> errors;
        const ProfileCatalog c = ProfileCatalog::load({}, &errors);
        QCOMPARE(errors.size(), 1);
        QCOMPARE(errors[0].toString(),
                 m_userDir +
                     QStringLiteral(
                         "/broken.json:3: prices[0].usdPerHour: negative price -1 (must be at least 0)"));
        // the broken file is not overlaid at all
        QCOMPARE(
            c.price(QStringLiteral("a3-highgpu-1g"), QStringLiteral("us-central1"), QStringLiteral("spot"))
                ->usdPerHour,
            4.424);
        QCOMPARE(c.sourceFiles(), embeddedFiles());
        // a missing --catalog file is an error too
        CatalogSources s;
        s.userDirectory = false;
        s.extraFiles = {QStringLiteral("/nonexistent.json")};
        errors.clear();
        ProfileCatalog::load(s, &errors);
        QCOMPARE(errors.size(), 1);
        QVERIFY(errors[0].toString().startsWith(QStringLiteral("/nonexistent.json: cannot open: ")));
    }

    void warningsAboutEarlierLayers()
    {
        // A user profile on an accelerator the embedded catalog defines: no warning; an unknown one: warning.
        CatalogData d;
        Profile p = profile(QStringLiteral("m"), QStringLiteral("v"), 1);
        d.profiles << p;
        p.accelerator = QStringLiteral("nvidia-h900");
        d.profiles << p;
        write(m_userDir + QStringLiteral("/p.json"), d);
        QList<Diagnostic> errors;
        QList<Diagnostic> warnings;
        ProfileCatalog::load({}, &errors, &warnings);
        QCOMPARE(errors.size(), 0);
        QCOMPARE(warnings.size(), 1);
        QCOMPARE(warnings[0].toString(),
                 m_userDir +
                     QStringLiteral("/p.json:23: profiles[1].accelerator: unknown accelerator "
                                    "\"nvidia-h900\" (not defined in this catalog or the embedded one)"));
    }

    void onlyModels()
    {
        CatalogData d;
        d.profiles << profile(QStringLiteral("a/one"), QStringLiteral("v"), 1)
                   << profile(QStringLiteral("b/two"), QStringLiteral("v"), 2);
        write(m_userDir + QStringLiteral("/p.json"), d);
        CatalogSources s;
        s.onlyModels = {QStringLiteral("b/two")};
        QList<Diagnostic> errors;
        const ProfileCatalog c = ProfileCatalog::load(s, &errors);
        QCOMPARE(errors.size(), 0);
        QCOMPARE(c.data().profiles.size(), 1);
        QCOMPARE(c.data().profiles[0].model, QStringLiteral("b/two"));
        QVERIFY(c.model(QStringLiteral("openai/gpt-oss-20b"))); // models are not filtered
    }

    void fromData()
    {
        CatalogData base;
        base.models << Model{QStringLiteral("x"), QStringLiteral("f1"), {}, 1, 1, 1, {}, 0, {}};
        base.useCases << UseCase{QStringLiteral("u"), 1, 2};
        CatalogData over;
        over.models << Model{QStringLiteral("x"), QStringLiteral("f2"), {}, 2, 2, 2, {}, 0, {}};
        over.models << Model{QStringLiteral("a"), QStringLiteral("f3"), {}, 3, 3, 3, {}, 0, {}};
        const ProfileCatalog c = ProfileCatalog::fromData({base, over});
        QCOMPARE(c.model(QStringLiteral("x"))->family, QStringLiteral("f2"));
        QCOMPARE(c.data().models[0].id, QStringLiteral("x")); // replaced in place
        QCOMPARE(c.modelIds(), (QStringList{QStringLiteral("a"), QStringLiteral("x")}));
        QCOMPARE(c.useCase(QStringLiteral("u"))->outputLength, 2);
    }
};

QTEST_GUILESS_MAIN(TestCatalogOverlay)
#include "tst_catalog_overlay.moc"
