// The embedded catalog as the program ships it: one estimated file per model plus reference.json, and the
// fast path that reads only the files of the models a query asks for.

#include "catalog/catalogbuilder.h"
#include "catalog/profilecatalog.h"

#include <QTest>

using namespace iq;

class TestCatalogEmbedded : public QObject
{
    Q_OBJECT

private slots:
    void fileNames()
    {
        QCOMPARE(estimatedCatalogFileName(QStringLiteral("meta-llama/Llama-3.1-8B-Instruct")),
                 QStringLiteral("estimated-meta-llama--llama-3.1-8b-instruct.json"));
        QCOMPARE(estimatedCatalogFileName(QStringLiteral("deepseek-ai/DeepSeek-R1 (x)")),
                 QStringLiteral("estimated-deepseek-ai--deepseek-r1--x-.json"));
    }

    void everyEstimatedFileHoldsItsOwnModel()
    {
        for (const QString &file : ProfileCatalog::catalogFilesIn(QStringLiteral(":/catalog"))) {
            if (!file.contains(QLatin1String("/estimated-")))
                continue;
            CatalogSources none;
            none.embedded = false;
            none.userDirectory = false;
            none.extraFiles = {file};
            QList<Diagnostic> errors;
            const ProfileCatalog c = ProfileCatalog::load(none, &errors);
            QVERIFY2(errors.isEmpty(), qPrintable(diagnosticsToString(errors)));
            QVERIFY(!c.data().profiles.isEmpty());
            for (const Profile &p : c.data().profiles) {
                QVERIFY2(file.endsWith(QLatin1Char('/') + estimatedCatalogFileName(p.model)),
                         qPrintable(file));
                QCOMPARE(p.provenance.kind, Provenance::Kind::Estimated);
            }
        }
    }

    void onlyModelsReadsOnlyTheirFiles()
    {
        CatalogSources s;
        s.userDirectory = false;
        s.onlyModels = {QStringLiteral("openai/gpt-oss-20b")};
        QList<Diagnostic> errors;
        const ProfileCatalog fast = ProfileCatalog::load(s, &errors);
        QVERIFY(errors.isEmpty());
        QCOMPARE(fast.sourceFiles(),
                 (QStringList{QStringLiteral(":/catalog/estimated-openai--gpt-oss-20b.json"),
                              QStringLiteral(":/catalog/reference.json")}));
        // The same profiles as a full load filtered by model.
        s.onlyModels.clear();
        const ProfileCatalog full = ProfileCatalog::load(s, &errors);
        QList<Profile> expected;
        for (const Profile &p : full.data().profiles) {
            if (p.model == QLatin1String("openai/gpt-oss-20b"))
                expected.append(p);
        }
        QVERIFY(expected.size() > 1); // estimated curves and the documentation's measured row
        QCOMPARE(fast.data().profiles.size(), expected.size());
        for (const Profile &p : expected)
            QVERIFY(fast.data().profiles.contains(p));
        QCOMPARE(fast.data().prices.size(), full.data().prices.size());
    }
};

QTEST_GUILESS_MAIN(TestCatalogEmbedded)
#include "tst_catalog_embedded.moc"
