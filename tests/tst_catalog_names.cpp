// CatalogNames: the distinct names a catalog's profiles use, narrowed by model and model server, on a small
// hand-built catalog whose expected lists are written out in full (order included).

#include "catalog/catalognames.h"
#include "catalog/profilecatalog.h"

#include <QTest>

using namespace iq;

namespace {

Profile profile(const char *model, const char *server, const char *version, const char *accelerator,
                const char *instance, const char *useCase)
{
    Profile p;
    p.model = QString::fromLatin1(model);
    p.modelServer = QString::fromLatin1(server);
    p.modelServerVersion = QString::fromLatin1(version);
    p.accelerator = QString::fromLatin1(accelerator);
    p.acceleratorCount = 1;
    p.instanceType = QString::fromLatin1(instance);
    p.useCase = QString::fromLatin1(useCase);
    return p;
}

Price price(const char *machine, const char *region)
{
    Price p;
    p.machineType = QString::fromLatin1(machine);
    p.region = QString::fromLatin1(region);
    p.pricingModel = QStringLiteral("spot");
    p.usdPerHour = 1;
    return p;
}

QStringList list(std::initializer_list<const char *> names)
{
    QStringList out;
    for (const char *n : names)
        out << QString::fromLatin1(n);
    return out;
}

// Profiles are added out of order, with repeats, so that sorting and de-duplication both show.
CatalogData sample()
{
    CatalogData d;
    Model noProfiles;
    noProfiles.id = QStringLiteral("org/no-profiles");
    d.models << noProfiles;
    ModelServer vllm;
    vllm.name = QStringLiteral("vllm");
    // Newest first as the catalog orders them; "0.8.5" repeated (listed once); "0.6.0" has no profile.
    vllm.versions = list({"0.10.0", "0.8.5", "0.8.5", "0.6.0"});
    d.modelServers << vllm;

    d.profiles << profile("org/beta", "vllm", "0.8.5", "nvidia-l4", "g2-standard-8", "Chatbot")
               << profile("org/beta", "vllm", "0.10.0", "nvidia-h100-80gb", "a3-highgpu-1g", "Chatbot")
               << profile("org/beta", "vllm", "0.7.0", "nvidia-l4", "g2-standard-24", "Summarization")
               << profile("org/beta", "vllm", "0.11.0-rc", "nvidia-l4", "g2-standard-8", "Chatbot")
               << profile("org/beta", "sglang", "0.4.1", "nvidia-a100-80gb", "a2-ultragpu-1g", "Code")
               << profile("org/beta", "sglang", "0.4.10", "nvidia-l4", "g2-standard-8", "Chatbot")
               // Upper case sorts before lower case (UTF-16 code units).
               << profile("Org/Alpha", "vllm", "0.8.5", "tpu-v6e-slice", "ct6e-standard-4t", "Chatbot")
               << profile("Org/Alpha", "tgi", "3.0.0", "nvidia-l4", "g2-standard-8", "Chatbot")
               << profile("org/beta", "vllm", "0.8.5", "nvidia-l4", "g2-standard-8", "Chatbot");
    // Serving stacks: two with versions, one without, one repeated; plain servers have none.
    d.profiles[0].servingStack = QStringLiteral("llm-d");
    d.profiles[0].servingStackVersion = QStringLiteral("0.2");
    d.profiles[1].servingStack = QStringLiteral("llm-d");
    d.profiles[1].servingStackVersion = QStringLiteral("0.10");
    d.profiles[4].servingStack = QStringLiteral("dynamo");
    d.profiles[8].servingStack = QStringLiteral("llm-d");
    d.profiles[8].servingStackVersion = QStringLiteral("0.2");

    d.prices << price("g2-standard-8", "us-east1") << price("g2-standard-8", "europe-west4")
             << price("a3-highgpu-1g", "us-central1") << price("g2-standard-24", "us-east1");
    return d;
}

} // namespace

class TestCatalogNames : public QObject
{
    Q_OBJECT

    const ProfileCatalog m_catalog = ProfileCatalog::fromData({sample()});
    const CatalogNames m_names{m_catalog};

private slots:
    void models()
    {
        // Only models with profiles: org/no-profiles is a catalog model without any.
        QCOMPARE(m_names.models(), list({"Org/Alpha", "org/beta"}));
    }

    void modelServers()
    {
        QCOMPARE(m_names.modelServers(QStringLiteral("org/beta")), list({"sglang", "vllm"}));
        QCOMPARE(m_names.modelServers(QStringLiteral("Org/Alpha")), list({"tgi", "vllm"}));
        QCOMPARE(m_names.modelServers(), list({"sglang", "tgi", "vllm"})); // any model
        QCOMPARE(m_names.modelServers(QStringLiteral("org/no-profiles")), QStringList());
        QCOMPARE(m_names.modelServers(QStringLiteral("org/unknown")), QStringList());
    }

    void modelServerVersions()
    {
        // Sorted by name, not by number: "0.10.0" < "0.11.0-rc" < "0.7.0" < "0.8.5".
        QCOMPARE(m_names.modelServerVersions(QStringLiteral("org/beta"), QStringLiteral("vllm")),
                 list({"0.10.0", "0.11.0-rc", "0.7.0", "0.8.5"}));
        QCOMPARE(m_names.modelServerVersions(QStringLiteral("org/beta"), QStringLiteral("sglang")),
                 list({"0.4.1", "0.4.10"}));
        // Any server of one model; one server of any model; everything.
        QCOMPARE(m_names.modelServerVersions(QStringLiteral("org/beta")),
                 list({"0.10.0", "0.11.0-rc", "0.4.1", "0.4.10", "0.7.0", "0.8.5"}));
        QCOMPARE(m_names.modelServerVersions({}, QStringLiteral("vllm")),
                 list({"0.10.0", "0.11.0-rc", "0.7.0", "0.8.5"}));
        QCOMPARE(m_names.modelServerVersions(),
                 list({"0.10.0", "0.11.0-rc", "0.4.1", "0.4.10", "0.7.0", "0.8.5", "3.0.0"}));
        QCOMPARE(m_names.modelServerVersions(QStringLiteral("Org/Alpha"), QStringLiteral("sglang")),
                 QStringList());
        QCOMPARE(m_names.modelServerVersions(QStringLiteral("org/no-profiles"), QStringLiteral("vllm")),
                 QStringList());
    }

    void modelServerVersionsNewestFirst()
    {
        // The catalog entry's order for the versions it lists ("0.6.0" has no profile, "0.8.5" is listed
        // twice there but once here), then the others descending by name: "0.7.0" > "0.11.0-rc".
        QCOMPARE(m_names.modelServerVersionsNewestFirst(QStringLiteral("org/beta"), QStringLiteral("vllm")),
                 list({"0.10.0", "0.8.5", "0.7.0", "0.11.0-rc"}));
        QCOMPARE(m_names.modelServerVersionsNewestFirst(QStringLiteral("Org/Alpha"), QStringLiteral("vllm")),
                 list({"0.8.5"}));
        // No catalog entry for sglang: descending by name.
        QCOMPARE(m_names.modelServerVersionsNewestFirst(QStringLiteral("org/beta"), QStringLiteral("sglang")),
                 list({"0.4.10", "0.4.1"}));
        QCOMPARE(
            m_names.modelServerVersionsNewestFirst(QStringLiteral("org/no-profiles"), QStringLiteral("vllm")),
            QStringList());
    }

    void accelerators()
    {
        QCOMPARE(m_names.accelerators(QStringLiteral("org/beta")),
                 list({"nvidia-a100-80gb", "nvidia-h100-80gb", "nvidia-l4"}));
        QCOMPARE(m_names.accelerators(QStringLiteral("org/beta"), QStringLiteral("vllm")),
                 list({"nvidia-h100-80gb", "nvidia-l4"}));
        QCOMPARE(m_names.accelerators(QStringLiteral("Org/Alpha"), QStringLiteral("vllm")),
                 list({"tpu-v6e-slice"}));
        QCOMPARE(m_names.accelerators(),
                 list({"nvidia-a100-80gb", "nvidia-h100-80gb", "nvidia-l4", "tpu-v6e-slice"}));
        QCOMPARE(m_names.accelerators(QStringLiteral("org/no-profiles")), QStringList());
    }

    void instanceTypes()
    {
        QCOMPARE(m_names.instanceTypes(QStringLiteral("org/beta"), QStringLiteral("vllm")),
                 list({"a3-highgpu-1g", "g2-standard-24", "g2-standard-8"}));
        QCOMPARE(m_names.instanceTypes(QStringLiteral("Org/Alpha")),
                 list({"ct6e-standard-4t", "g2-standard-8"}));
        QCOMPARE(m_names.instanceTypes(QStringLiteral("org/no-profiles")), QStringList());
    }

    void useCases()
    {
        QCOMPARE(m_names.useCases(QStringLiteral("org/beta")), list({"Chatbot", "Code", "Summarization"}));
        QCOMPARE(m_names.useCases(QStringLiteral("org/beta"), QStringLiteral("sglang")),
                 list({"Chatbot", "Code"}));
        QCOMPARE(m_names.useCases(QStringLiteral("Org/Alpha")), list({"Chatbot"}));
        QCOMPARE(m_names.useCases(QStringLiteral("org/no-profiles")), QStringList());
    }

    void servingStacks()
    {
        // "STACK VERSION", sorted as text ("llm-d 0.10" < "llm-d 0.2"); "dynamo" has no version.
        QCOMPARE(m_names.servingStacks(), list({"dynamo", "llm-d 0.10", "llm-d 0.2"}));
        QCOMPARE(m_names.servingStacks(QStringLiteral("org/beta"), QStringLiteral("vllm")),
                 list({"llm-d 0.10", "llm-d 0.2"}));
        QCOMPARE(m_names.servingStacks({}, QStringLiteral("sglang")), list({"dynamo"}));
        QCOMPARE(m_names.servingStacks(QStringLiteral("Org/Alpha")), QStringList()); // plain servers only
        QCOMPARE(m_names.servingStacks(QStringLiteral("org/no-profiles")), QStringList());
    }

    void regions() { QCOMPARE(m_names.regions(), list({"europe-west4", "us-central1", "us-east1"})); }

    void firstSeenOrder()
    {
        // The same names in the order the profiles (prices for regions) first use them.
        const CatalogNames names(m_catalog, CatalogNames::Order::FirstSeen);
        QCOMPARE(names.models(), list({"org/beta", "Org/Alpha"}));
        QCOMPARE(names.modelServers(), list({"vllm", "sglang", "tgi"}));
        QCOMPARE(names.modelServers(QStringLiteral("Org/Alpha")), list({"vllm", "tgi"}));
        QCOMPARE(names.modelServerVersions(QStringLiteral("org/beta")),
                 list({"0.8.5", "0.10.0", "0.7.0", "0.11.0-rc", "0.4.1", "0.4.10"}));
        // The catalog entry's order first, then the others as first seen ("0.7.0" before "0.11.0-rc").
        QCOMPARE(names.modelServerVersionsNewestFirst(QStringLiteral("org/beta"), QStringLiteral("vllm")),
                 list({"0.10.0", "0.8.5", "0.7.0", "0.11.0-rc"}));
        // No catalog entry for sglang: as first seen, where Sorted gives "0.4.10", "0.4.1".
        QCOMPARE(names.modelServerVersionsNewestFirst(QStringLiteral("org/beta"), QStringLiteral("sglang")),
                 list({"0.4.1", "0.4.10"}));
        QCOMPARE(names.accelerators(QStringLiteral("org/beta")),
                 list({"nvidia-l4", "nvidia-h100-80gb", "nvidia-a100-80gb"}));
        QCOMPARE(names.instanceTypes(QStringLiteral("org/beta"), QStringLiteral("vllm")),
                 list({"g2-standard-8", "a3-highgpu-1g", "g2-standard-24"}));
        QCOMPARE(names.useCases(QStringLiteral("org/beta")), list({"Chatbot", "Summarization", "Code"}));
        QCOMPARE(names.servingStacks(), list({"llm-d 0.2", "llm-d 0.10", "dynamo"}));
        QCOMPARE(names.regions(), list({"us-east1", "europe-west4", "us-central1"}));
        QCOMPARE(names.useCases(QStringLiteral("org/no-profiles")), QStringList());
    }

    void emptyCatalog()
    {
        const ProfileCatalog empty;
        const CatalogNames names(empty);
        QCOMPARE(names.models(), QStringList());
        QCOMPARE(names.modelServers(), QStringList());
        QCOMPARE(names.modelServerVersionsNewestFirst(QStringLiteral("m"), QStringLiteral("vllm")),
                 QStringList());
        QCOMPARE(names.servingStacks(), QStringList());
        QCOMPARE(names.regions(), QStringList());
    }
};

QTEST_GUILESS_MAIN(TestCatalogNames)
#include "tst_catalog_names.moc"
