// Recommender speed on a synthetic catalog of 10,000 profiles x 30 points (50 models, 2 server versions,
// 4 machine types). Target: one recommend() with latency targets <= 2 ms (median). Run with -median 5.
#include "analysis/recommender.h"

#include <QTest>

#include <cmath>

using namespace iq;

namespace {

constexpr int kProfiles = 10000;
constexpr int kPoints = 30;
constexpr int kModels = 50;

CatalogData syntheticCatalog()
{
    struct Machine
    {
        const char *name;
        const char *accel;
        double spot; // resources/reference/prices.yaml, us-central1 spot
        double speed;
    };
    const Machine machines[] = {{"g2-standard-48", "nvidia-l4", 1.574, 1},
                                {"a2-highgpu-1g", "nvidia-tesla-a100", 1.293, 2.5},
                                {"a2-ultragpu-1g", "nvidia-a100-80gb", 2.027, 3},
                                {"a3-highgpu-1g", "nvidia-h100-80gb", 4.424, 5}};
    CatalogData c;
    c.modelServers = {
        ModelServer{QStringLiteral("vllm"), {QStringLiteral("v0.8.0"), QStringLiteral("v0.7.2")}, {}}};
    for (const Machine &m : machines) {
        Price p;
        p.machineType = QLatin1String(m.name);
        p.region = QStringLiteral("us-central1");
        p.pricingModel = QStringLiteral("spot");
        p.usdPerHour = m.spot;
        c.prices.append(p);
    }
    c.profiles.reserve(kProfiles);
    for (int i = 0; i < kProfiles; ++i) {
        const Machine &m = machines[i % 4];
        Profile p;
        p.model = QStringLiteral("org/model-%1").arg(i % kModels);
        p.modelServer = QStringLiteral("vllm");
        p.modelServerVersion = (i / kModels) % 2 ? QStringLiteral("v0.7.2") : QStringLiteral("v0.8.0");
        p.accelerator = QLatin1String(m.accel);
        p.instanceType = QLatin1String(m.name);
        p.useCase = QStringLiteral("Chatbot (ShareGPT)");
        p.averageInputLength = 128;
        p.averageOutputLength = 128;
        // Saturating curve: capacity varies per profile; latency grows as load nears capacity (M/M/1-like
        // 1 / (1 - rho), capped).
        const double capacity = m.speed * (5 + (i % 17));
        for (int k = 0; k < kPoints; ++k) {
            const double rate = (k + 1) * capacity / 20.0;
            const double served = std::min(rate, capacity);
            const double rho = std::min(rate / capacity, 0.98);
            BenchmarkPoint pt;
            pt.requestRate = rate;
            pt.outputTokensPerSecond = served * 128;
            pt.inputTokensPerSecond = served * 128;
            pt.ttftMs.mean = 40 / m.speed / (1 - rho);
            pt.ntpotMs.mean = 60 / m.speed / (1 - rho);
            pt.itlMs.mean = 30 / m.speed / (1 - rho);
            pt.queueSize = rho * 10;
            pt.runningBatchSize = rho * 64;
            p.points.append(pt);
        }
        c.profiles.append(std::move(p));
    }
    return c;
}

} // namespace

class BenchAnalysisRecommend : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { m_catalog = syntheticCatalog(); }
    void construct();
    void recommendModelWithTargets();
    void recommendModelNoTargets();
    void recommendAllModelsWithTargets();

private:
    CatalogData m_catalog;
};

void BenchAnalysisRecommend::construct()
{
    QBENCHMARK
    {
        Recommender r(m_catalog);
        QVERIFY(r.inflection(0).index >= 0);
    }
}

void BenchAnalysisRecommend::recommendModelWithTargets()
{
    const Recommender r(m_catalog);
    ProfileQuery q;
    q.model = QStringLiteral("org/model-7");
    q.targets.ntpotMs = 40;
    q.targets.ttftMs = 30;
    RecommendationResult res;
    QBENCHMARK
    {
        res = r.recommend(q);
    }
    QVERIFY(!res.rows.isEmpty());
}

void BenchAnalysisRecommend::recommendModelNoTargets()
{
    const Recommender r(m_catalog);
    ProfileQuery q;
    q.model = QStringLiteral("org/model-7");
    RecommendationResult res;
    QBENCHMARK
    {
        res = r.recommend(q);
    }
    QVERIFY(!res.rows.isEmpty());
}

void BenchAnalysisRecommend::recommendAllModelsWithTargets()
{
    const Recommender r(m_catalog);
    ProfileQuery q;
    q.modelServerVersion = QStringLiteral("all");
    q.targets.ntpotMs = 40;
    q.targets.ttftMs = 30;
    RecommendationResult res;
    QBENCHMARK
    {
        res = r.recommend(q);
    }
}

QTEST_GUILESS_MAIN(BenchAnalysisRecommend)
#include "bench_analysis_recommend.moc"
