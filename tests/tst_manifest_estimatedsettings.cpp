// applyEstimatedMemoryPlan (core/manifest/estimatedserversettings.h): the estimator's memory plan turned into
// server settings, as both `iq profiles manifests create` and iqstudio's manifest pane apply it. The cases
// where it must leave the request alone are checked exactly. Where it applies a plan, the KV-cache capacity
// is taken from planMemory (it depends on the activation model); everything else is worked out by hand from
// resources/estimator/models.yaml (Llama 3.1 8B) and accelerators.yaml (L4: 24 GB).

#include "catalog/profilecatalog.h"
#include "estimator/memorymodel.h"
#include "estimator/modelfacts.h"
#include "manifest/estimatedserversettings.h"

#include <QTest>

using namespace iq;
using namespace iq::manifest;

namespace {

const QString kLlama8b = QStringLiteral("meta-llama/Llama-3.1-8B-Instruct");
const QString kLlama70b = QStringLiteral("meta-llama/Llama-3.1-70B-Instruct");

Profile profile(const QString &model, const QString &server, const QString &accelerator, int count)
{
    Profile p;
    p.model = model;
    p.modelServer = server;
    p.modelServerVersion = QStringLiteral("0.8.5");
    p.accelerator = accelerator;
    p.acceleratorCount = count;
    return p;
}

bool untouched(const ManifestRequest &r)
{
    const ManifestRequest fresh;
    return r.maxModelLength == fresh.maxModelLength && !isKnown(r.gpuMemoryUtilization) &&
           r.maxNumSeqs == fresh.maxNumSeqs && r.notes.isEmpty();
}

} // namespace

class TestManifestEstimatedSettings : public QObject
{
    Q_OBJECT

    ProfileCatalog m_catalog; // the embedded catalog's accelerators (no profiles needed)
    ModelFactsResult m_facts;

    // planMemory's KV-cache capacity (tokens) for one replica of `model` on one L4 with vLLM's defaults.
    qint64 kvCacheTokens(const QString &model, const QString &precision)
    {
        const Accelerator &l4 = *m_catalog.accelerator(QStringLiteral("nvidia-l4"));
        ServerConfig server;
        QString error;
        if (!defaultServerConfig(QStringLiteral("vllm"), l4, 1, &server, &error))
            return -1;
        return planMemory(*findModel(m_facts.models, model), precision, l4, 1, server).kvCacheTokens;
    }

private slots:
    void initTestCase()
    {
        CatalogSources sources;
        sources.userDirectory = false;
        sources.onlyModels = {QStringLiteral("\x01no-profiles")};
        QList<Diagnostic> errors;
        m_catalog = ProfileCatalog::load(sources, &errors);
        QVERIFY(errors.isEmpty());
        QVERIFY(m_catalog.accelerator(QStringLiteral("nvidia-l4")));
        m_facts = loadModelFacts();
        QVERIFY2(m_facts.errors.isEmpty(), qPrintable(m_facts.errors.join(QLatin1Char('\n'))));
        QVERIFY(findModel(m_facts.models, kLlama8b));
        QVERIFY(findModel(m_facts.models, kLlama70b));
    }

    void appliesThePlan()
    {
        // Llama 3.1 8B in bf16 on one L4 with vLLM (memory fraction 0.9, 1 GB runtime overhead):
        //   weights 8.03e9 x 2 bytes = 16.06 GB ("16.1" in the note);
        //   KV cache per token 2 (K, V) x 32 layers x 8 KV heads x 128 x 2 bytes = 131072 bytes;
        //   so at most (24 x 0.9 - 16.06 - 1) GB / 131072 bytes = 34637 tokens, less the activations.
        // The 131072-token context does not fit: the length is the capacity rounded down to 1024s.
        const Profile p = profile(kLlama8b, QStringLiteral("vllm"), QStringLiteral("nvidia-l4"), 1);
        const qint64 tokens = kvCacheTokens(kLlama8b, QStringLiteral("bf16"));
        QVERIFY2(tokens > 1024 && tokens <= 34637, qPrintable(QString::number(tokens)));
        ManifestRequest r;
        QStringList notes;
        QVERIFY(applyEstimatedMemoryPlan(m_catalog, p, m_facts.models, &r, &notes));
        QVERIFY(notes.isEmpty());
        QCOMPARE(r.maxModelLength, int(tokens / 1024 * 1024));
        QCOMPARE(r.gpuMemoryUtilization, 0.9);
        QCOMPARE(r.maxNumSeqs, 0); // the batch cap is not this function's
        QCOMPARE(
            r.notes,
            QStringList{
                QStringLiteral("Max model length %1: the KV cache holds %2 tokens per replica (iq estimator "
                               "memory plan: 24 GB per chip x 0.9 memory fraction, 16.1 GB of weights); the "
                               "model's 131072-token context does not fit, and the server refuses to start "
                               "when it does not.")
                    .arg(r.maxModelLength)
                    .arg(tokens)});
    }

    void profilePrecisionWins()
    {
        // fp8: linear weights 1 byte, embeddings and lm_head (128256 x 4096 x 2 = 1050673152 parameters)
        // stay 2 bytes: (8.03e9 - 1050673152) + 1050673152 x 2 = 9080673152 bytes ("9.1" GB). At most
        // (21.6 - 9.080673152 - 1) GB / 131072 bytes = 87886 tokens.
        Profile p = profile(kLlama8b, QStringLiteral("vllm"), QStringLiteral("nvidia-l4"), 1);
        p.precision = QStringLiteral("fp8");
        const qint64 tokens = kvCacheTokens(kLlama8b, QStringLiteral("fp8"));
        QVERIFY2(tokens > kvCacheTokens(kLlama8b, QStringLiteral("bf16")) && tokens <= 87886,
                 qPrintable(QString::number(tokens)));
        ManifestRequest r;
        QVERIFY(applyEstimatedMemoryPlan(m_catalog, p, m_facts.models, &r));
        QCOMPARE(r.maxModelLength, int(tokens / 1024 * 1024));
        QCOMPARE(r.notes.size(), 1);
        QVERIFY2(r.notes.first().contains(QLatin1String("x 0.9 memory fraction, 9.1 GB of weights)")),
                 qPrintable(r.notes.first()));
    }

    void silentlyLeavesRequest_data()
    {
        QTest::addColumn<QString>("server");
        QTest::addColumn<QString>("accelerator");
        QTest::newRow("accelerator not in the catalog")
            << QStringLiteral("vllm") << QStringLiteral("nvidia-x999");
        // vllm-tpu does not run on a GPU: no default configuration, nothing to say in the manifest.
        QTest::newRow("server not on this accelerator")
            << QStringLiteral("vllm-tpu") << QStringLiteral("nvidia-l4");
    }

    void silentlyLeavesRequest()
    {
        QFETCH(QString, server);
        QFETCH(QString, accelerator);
        ManifestRequest r;
        QStringList notes;
        QVERIFY(!applyEstimatedMemoryPlan(m_catalog, profile(kLlama8b, server, accelerator, 1),
                                          m_facts.models, &r, &notes));
        QVERIFY(untouched(r));
        QCOMPARE(notes, QStringList());
    }

    void modelWithoutFactsIsNoted()
    {
        ManifestRequest r;
        QStringList notes;
        const Profile p =
            profile(QStringLiteral("org/no-facts"), QStringLiteral("vllm"), QStringLiteral("nvidia-l4"), 1);
        QVERIFY(!applyEstimatedMemoryPlan(m_catalog, p, m_facts.models, &r, &notes));
        QVERIFY(untouched(r));
        QCOMPARE(notes, QStringList{QStringLiteral(
                            "no architecture facts for org/no-facts: max model length left to the server")});
        // The same with an empty model table; and notes may be left out.
        notes.clear();
        QVERIFY(!applyEstimatedMemoryPlan(
            m_catalog, profile(kLlama8b, QStringLiteral("vllm"), QStringLiteral("nvidia-l4"), 1), {}, &r,
            &notes));
        QCOMPARE(notes.size(), 1);
        QVERIFY(!applyEstimatedMemoryPlan(m_catalog, p, m_facts.models, &r));
        QVERIFY(untouched(r));
    }

    void infeasiblePlanIsNoted()
    {
        // Llama 3.1 70B in bf16 (about 141 GB of weights) cannot fit one 24 GB L4.
        const Profile p = profile(kLlama70b, QStringLiteral("vllm"), QStringLiteral("nvidia-l4"), 1);
        const ModelArchitecture *arch = findModel(m_facts.models, kLlama70b);
        ServerConfig server;
        QString error;
        QVERIFY(
            defaultServerConfig(p.modelServer, *m_catalog.accelerator(p.accelerator), 1, &server, &error));
        const MemoryPlan plan =
            planMemory(*arch, arch->nativePrecision, *m_catalog.accelerator(p.accelerator), 1, server);
        QVERIFY(!plan.feasible);
        QVERIFY(!plan.reason.isEmpty());
        ManifestRequest r;
        QStringList notes;
        QVERIFY(!applyEstimatedMemoryPlan(m_catalog, p, m_facts.models, &r, &notes));
        QVERIFY(untouched(r));
        QCOMPARE(notes, QStringList{QStringLiteral("memory plan: ") + plan.reason});
    }
};

QTEST_GUILESS_MAIN(TestManifestEstimatedSettings)
#include "tst_manifest_estimatedsettings.moc"
