// Recommender: filters, version default, sorting, costs at the operating point, replicas, unmet targets.
#include "analysis/recommender.h"

#include <QTest>

using namespace iq;

namespace {

const QString kChat = QStringLiteral("Chatbot (ShareGPT)");
const QString kCode = QStringLiteral("Code Completion");
const QString kL4 = QStringLiteral("nvidia-l4");
const QString kH100 = QStringLiteral("nvidia-h100-80gb");
const QString kG2 = QStringLiteral("g2-standard-48");
const QString kA3 = QStringLiteral("a3-highgpu-1g");

// Rates 1..6; throughput x s, latency x l. Knee: y=(out-100)/315, x=(r-1)/5; y-x max at r=4 (0.352) ->
// index 3.
QList<BenchmarkPoint> curve(double s, double l)
{
    const double out[] = {100, 200, 300, 400, 410, 415};
    const double ntpot[] = {20, 22, 25, 30, 60, 90};
    const double ttft[] = {50, 55, 60, 70, 200, 400};
    const double itl[] = {15, 16, 18, 20, 40, 60};
    const double queue[] = {0.1, 0.2, 0.5, 1.2, 8, 20};
    const double batch[] = {2, 4, 7, 11, 14, 15};
    QList<BenchmarkPoint> c;
    for (int i = 0; i < 6; ++i) {
        BenchmarkPoint p;
        p.requestRate = i + 1;
        p.outputTokensPerSecond = out[i] * s;
        p.inputTokensPerSecond = out[i] * s; // equal input and output lengths
        p.ntpotMs.mean = ntpot[i] * l;
        p.ttftMs.mean = ttft[i] * l;
        p.itlMs.mean = itl[i] * l;
        p.queueSize = queue[i];
        p.runningBatchSize = batch[i];
        c.append(p);
    }
    return c;
}

Profile profile(const QString &model, const QString &server, const QString &version, const QString &accel,
                const QString &machine, const QString &useCase, double in, double out, double s, double l)
{
    Profile p;
    p.model = model;
    p.modelServer = server;
    p.modelServerVersion = version;
    p.accelerator = accel;
    p.instanceType = machine;
    p.useCase = useCase;
    p.averageInputLength = in;
    p.averageOutputLength = out;
    p.points = curve(s, l);
    return p;
}

Price price(const QString &machine, const QString &model, double usd)
{
    Price p;
    p.machineType = machine;
    p.region = QStringLiteral("us-central1");
    p.pricingModel = model;
    p.usdPerHour = usd;
    p.asOf = QStringLiteral("2025-03-06");
    return p;
}

// Prices from resources/reference/prices.yaml (2025-03-06, us-central1).
CatalogData catalog()
{
    const QString a = QStringLiteral("m/a"), b = QStringLiteral("m/b"), vllm = QStringLiteral("vllm"),
                  sglang = QStringLiteral("sglang"), v8 = QStringLiteral("v0.8.0"),
                  v7 = QStringLiteral("v0.7.2");
    CatalogData c;
    c.modelServers = {ModelServer{vllm, {v8, v7}, {}}};
    c.profiles = {
        profile(a, vllm, v8, kL4, kG2, kChat, 128, 128, 1, 1),                                // 0
        profile(a, vllm, v7, kL4, kG2, kChat, 128, 128, 0.9, 1.1),                            // 1
        profile(a, vllm, v8, kH100, kA3, kChat, 128, 128, 5, 0.5),                            // 2
        profile(a, sglang, QStringLiteral("v0.4.10"), kH100, kA3, kChat, 128, 128, 5.5, 0.5), // 3
        profile(b, vllm, v8, kL4, kG2, kChat, 128, 128, 0.5, 2),                              // 4
        profile(a, vllm, v8, kH100, kA3, kCode, 512, 32, 4, 0.4),                             // 5
        profile(a, sglang, QStringLiteral("v0.4.9"), kH100, kA3, kChat, 128, 128, 5, 0.5),  // 6: older sglang
        profile(a, vllm, v8, kL4, QStringLiteral("g2-standard-96"), kChat, 128, 128, 2, 1), // 7: no price
    };
    c.prices = {price(kG2, QStringLiteral("spot"), 1.574), price(kG2, QStringLiteral("on-demand"), 4.002),
                price(kA3, QStringLiteral("spot"), 4.424), price(kA3, QStringLiteral("on-demand"), 11.061)};
    return c;
}

QList<int> indices(const RecommendationResult &r)
{
    QList<int> v;
    for (const Recommendation &x : r.rows)
        v.append(x.profileIndex);
    return v;
}

} // namespace

Q_DECLARE_METATYPE(iq::ProfileQuery)

class TestAnalysisRecommender : public QObject
{
    Q_OBJECT
private slots:
    void filters_data();
    void filters();
    void costAtInflection();
    void pricingModel();
    void targetsInterpolate();
    void unmetTargetsExplained();
    void itlNotMeasured();
    void costTarget();
    void replicas();
    void invalidQuery();
    void achievableRanges();
    void unsortedProfileCurve();
};

void TestAnalysisRecommender::filters_data()
{
    QTest::addColumn<ProfileQuery>("query");
    QTest::addColumn<QList<int>>("rows"); // in result order

    // Order: $/M out ascending. At the knee (index 3) with in = out: denominator = out/4 + out = 1.25 out.
    //   0: L4 spot 1.574, out 400 -> 1.574e6/3600/500 = 0.8744;  1: v0.7.2 out 360 -> 0.9716
    //   2: H100 4.424, out 2000 -> 4.424e6/3600/2500 = 0.4916; 3: sglang out 2200 -> 0.4469
    //   4: m/b out 200 -> 1.749; 5: code out 1600 -> 0.6144; 6: out 2000 -> 0.4916 (tie with 2: same
    //   throughput, profile index order); 7: no price -> last.
    ProfileQuery q;
    QTest::newRow("everything, newest versions") << q << QList<int>{3, 2, 5, 0, 4, 7};
    q.modelServerVersion = QStringLiteral("all");
    QTest::newRow("all versions") << q << QList<int>{3, 2, 6, 5, 0, 1, 4, 7};
    q = ProfileQuery{};
    q.model = QStringLiteral("m/a");
    QTest::newRow("model") << q << QList<int>{3, 2, 5, 0, 7};
    q.modelServer = QStringLiteral("vllm");
    QTest::newRow("model + server") << q << QList<int>{2, 5, 0, 7};
    q.modelServerVersion = QStringLiteral("v0.7.2");
    QTest::newRow("exact version") << q << QList<int>{1};
    q.modelServerVersion.clear();
    q.acceleratorTypes = {kL4};
    QTest::newRow("accelerator") << q << QList<int>{0, 7};
    q.instanceType = kG2;
    QTest::newRow("instance type") << q << QList<int>{0};
    q = ProfileQuery{};
    q.useCase = kCode;
    QTest::newRow("use case") << q << QList<int>{5};
    q = ProfileQuery{};
    q.model = QStringLiteral("m/a");
    q.modelServer = QStringLiteral("vllm");
    q.acceleratorTypes = {kH100};
    // Target lengths 500/40: code (512/32) distance |ln(512/500)| + |ln(32/40)| = 0.024 + 0.223 = 0.247 beats
    // chat (128/128) |ln(128/500)| + |ln(128/40)| = 1.363 + 1.163; same configuration -> only profile 5.
    q.targetInputLength = 500;
    q.targetOutputLength = 40;
    QTest::newRow("nearest workload") << q << QList<int>{5};
    q = ProfileQuery{};
    q.model = QStringLiteral("no/such-model");
    QTest::newRow("unknown model") << q << QList<int>{};
}

void TestAnalysisRecommender::filters()
{
    QFETCH(ProfileQuery, query);
    QFETCH(QList<int>, rows);
    const Recommender r(catalog());
    const RecommendationResult res = r.recommend(query);
    QVERIFY2(res.error.isEmpty(), qPrintable(res.error));
    QCOMPARE(indices(res), rows);
    QCOMPARE(res.matchedProfiles, int(rows.size()));
    if (rows.isEmpty()) {
        QCOMPARE(res.unmetExplanations.size(), 1);
        QVERIFY(res.unmetExplanations.at(0).contains(QStringLiteral("no/such-model")));
    }
}

void TestAnalysisRecommender::costAtInflection()
{
    const Recommender r(catalog());
    ProfileQuery q;
    q.model = QStringLiteral("m/a");
    q.acceleratorTypes = {kL4};
    q.instanceType = kG2;
    const RecommendationResult res = r.recommend(q);
    QCOMPARE(res.rows.size(), 1);
    const Recommendation &row = res.rows.at(0);
    QCOMPARE(row.inflectionIndex, 3);
    QCOMPARE(row.operatingPoint.position, 3.0);
    QVERIFY(row.operatingPoint.atInflection);
    QCOMPARE(row.operatingPoint.point.outputTokensPerSecond, 400.0);
    QVERIFY(row.priceKnown);
    QCOMPARE(row.price.usdPerHour, 1.574);
    // 1.574 $/h, 400 in + 400 out tok/s, R=4: 1.574 / 3600 / (100 + 400) x 1e6 = 0.874444...; / 4 =
    // 0.218611...
    QCOMPARE(row.cost.perMillionOutput, 1.574e6 / 1.8e6);
    QCOMPARE(row.cost.perMillionInput, 1.574e6 / 1.8e6 / 4);
    QCOMPARE(row.cost.usdPerMonth, 1.574 * 730);
    QCOMPARE(row.replicas, 0);
    QVERIFY(res.ranges.isEmpty());
    QVERIFY(res.unmetExplanations.isEmpty());
    QCOMPARE(r.inflection(0).index, 3);
    QVERIFY(r.price(kG2, QStringLiteral("us-central1"), QStringLiteral("spot")));
    QVERIFY(!r.price(kG2, QStringLiteral("europe-west4"), QStringLiteral("spot")));
}

void TestAnalysisRecommender::pricingModel()
{
    const Recommender r(catalog());
    ProfileQuery q;
    q.model = QStringLiteral("m/a");
    q.acceleratorTypes = {kL4};
    q.instanceType = kG2;
    q.pricingModel = QStringLiteral("on-demand");
    q.outputInputCostRatio = 1;
    const RecommendationResult res = r.recommend(q);
    QCOMPARE(res.rows.size(), 1);
    // 4.002 $/h, R=1: 4.002 / 3600 / (400 + 400) x 1e6 = 4.002e6 / 2.88e6 = 1.389583...; input the same.
    QCOMPARE(res.rows.at(0).cost.perMillionOutput, 4.002e6 / 2.88e6);
    QCOMPARE(res.rows.at(0).cost.perMillionInput, 4.002e6 / 2.88e6);
    // No 1-year CUD price in the catalog: row kept, cost unknown.
    q.pricingModel = QStringLiteral("1-year-cud");
    const RecommendationResult cud = r.recommend(q);
    QCOMPARE(cud.rows.size(), 1);
    QVERIFY(!cud.rows.at(0).priceKnown);
    QVERIFY(!isKnown(cud.rows.at(0).cost.perMillionOutput));
}

void TestAnalysisRecommender::targetsInterpolate()
{
    const Recommender r(catalog());
    ProfileQuery q;
    q.model = QStringLiteral("m/a");
    q.modelServer = QStringLiteral("vllm");
    q.acceleratorTypes = {kL4};
    q.instanceType = kG2;
    q.targets.ntpotMs = 45;
    const RecommendationResult res = r.recommend(q);
    QCOMPARE(res.rows.size(), 1);
    const OperatingPoint &op = res.rows.at(0).operatingPoint;
    // NTPOT 30 at index 3 meets, 60 at index 4 misses: t = (45-30)/(60-30) = 0.5 -> position 3.5, out 405,
    // rate 4.5, TTFT 135. Cost: 1.574 / 3600 / (405/4 + 405) x 1e6 = 1.574e6 / 1822500 = 0.863649...
    QCOMPARE(op.position, 3.5);
    QCOMPARE(op.point.outputTokensPerSecond, 405.0);
    QCOMPARE(op.point.requestRate, 4.5);
    QCOMPARE(op.point.ttftMs.mean, 135.0);
    QVERIFY(!op.atInflection);
    QCOMPARE(res.rows.at(0).cost.perMillionOutput, 1.574e6 / 1822500);
    // Same result as the list-based function.
    const std::optional<OperatingPoint> ref =
        bestOperatingPoint(r.catalog().profiles.at(0).points, q.targets, 3);
    QVERIFY(ref.has_value());
    QCOMPARE(ref->position, op.position);
}

void TestAnalysisRecommender::unmetTargetsExplained()
{
    const Recommender r(catalog());
    ProfileQuery q;
    q.model = QStringLiteral("m/a");
    q.modelServer = QStringLiteral("vllm");
    q.targets.ntpotMs = 15;
    // L4 profile 0 NTPOT 20..90 misses 15; profile 7 (g2-standard-96, same curve) too. H100 profiles 2 and 5
    // (x0.5, x0.4) reach 10 and 8 ms: both kept.
    const RecommendationResult res = r.recommend(q);
    QCOMPARE(indices(res), (QList<int>{2, 5}));
    QCOMPARE(res.ranges.size(), 3); // every matched group: L4/g2-48, H100/a3, L4/g2-96
    const AchievableRange &l4 = res.ranges.at(0);
    QCOMPARE(l4.accelerator, kL4);
    QCOMPARE(l4.instanceType, kG2);
    QCOMPARE(l4.minNtpotMs, 20.0);
    QCOMPARE(l4.maxNtpotMs, 90.0);
    QCOMPARE(l4.minTtftMs, 50.0);
    QCOMPARE(l4.maxTtftMs, 400.0);
    QCOMPARE(l4.maxOutputTokensPerSecond, 415.0);
    // H100 group spans profiles 2 (NTPOT 10..45) and 5 (8..36).
    QCOMPARE(res.ranges.at(1).minNtpotMs, 8.0);
    QCOMPARE(res.ranges.at(1).maxNtpotMs, 45.0);
    QCOMPARE(
        res.unmetExplanations,
        (QStringList{QStringLiteral("NTPOT on nvidia-l4 (g2-standard-48) ranges 20–90 ms; choose a target "
                                    "in that range (15 ms is below it)"),
                     QStringLiteral("NTPOT on nvidia-l4 (g2-standard-96) ranges 20–90 ms; choose a target "
                                    "in that range (15 ms is below it)")}));

    // Too tight for everything: empty table but every range explained.
    q.targets.ntpotMs = 5;
    const RecommendationResult none = r.recommend(q);
    QVERIFY(none.rows.isEmpty());
    QCOMPARE(none.unmetExplanations.size(), 3);
    QCOMPARE(
        none.unmetExplanations.at(1),
        QStringLiteral("NTPOT on nvidia-h100-80gb (a3-highgpu-1g) ranges 8.0–45 ms; choose a target in that "
                       "range (5.0 ms is below it)"));

    // Each target reachable alone, not together: make profile 2's NTPOT 12 at point 0 (TTFT 25) and 11 at
    // point 1 (TTFT 27.5). TTFT <= 26 holds only at point 0, NTPOT <= 11.5 only at point 1.
    CatalogData c = catalog();
    c.profiles[2].points[0].ntpotMs.mean = 12;
    c.profiles[2].points[1].ntpotMs.mean = 11;
    const Recommender r2(c);
    q = ProfileQuery{};
    q.model = QStringLiteral("m/a");
    q.modelServer = QStringLiteral("vllm");
    q.acceleratorTypes = {kH100};
    q.useCase = kChat;
    q.targets.ttftMs = 26;
    QCOMPARE(indices(r2.recommend(q)), QList<int>{2});
    q.targets.ntpotMs = 11.5;
    const RecommendationResult together = r2.recommend(q);
    QVERIFY(together.rows.isEmpty());
    QCOMPARE(
        together.unmetExplanations,
        QStringList{QStringLiteral("no single load point on nvidia-h100-80gb (a3-highgpu-1g) meets every "
                                   "latency target together (ranges: TTFT 25–200 ms, NTPOT 11–45 ms)")});
}

void TestAnalysisRecommender::itlNotMeasured()
{
    CatalogData c = catalog();
    for (BenchmarkPoint &p : c.profiles[0].points)
        p.itlMs = LatencyStats{};
    const Recommender r(c);
    ProfileQuery q;
    q.model = QStringLiteral("m/a");
    q.modelServer = QStringLiteral("vllm");
    q.instanceType = kG2;
    q.targets.itlMs = 1000;
    const RecommendationResult res = r.recommend(q);
    QVERIFY(res.rows.isEmpty());
    QCOMPARE(res.unmetExplanations,
             QStringList{QStringLiteral("ITL is not measured on nvidia-l4 (g2-standard-48); drop "
                                        "--target-itl-milliseconds to see it")});
}

void TestAnalysisRecommender::costTarget()
{
    const Recommender r(catalog());
    ProfileQuery q;
    q.model = QStringLiteral("m/a");
    q.modelServer = QStringLiteral("vllm");
    // At the knee: H100 chat 0.4916, code 0.6144, L4 0.8744, g2-standard-96 no price. Target 0.6 keeps
    // only 2.
    q.targets.maxCostPerMillionOutput = 0.6;
    const RecommendationResult res = r.recommend(q);
    QCOMPARE(indices(res), QList<int>{2});
    QCOMPARE(res.unmetExplanations,
             (QStringList{
                 QStringLiteral("the lowest cost per million output tokens on nvidia-l4 (g2-standard-48) "
                                "(spot) is $0.874; the target is $0.600"),
                 QStringLiteral("no spot price for g2-standard-96 in us-central1: a cost target cannot be "
                                "checked")}));
    // Input cost target: 0.4916 / 4 = 0.1229 for profile 2, 0.6144 / 4 = 0.1536 for 5.
    q.targets = LatencyTargets{};
    q.targets.maxCostPerMillionInput = 0.15;
    QCOMPARE(indices(r.recommend(q)), QList<int>{2});
}

void TestAnalysisRecommender::replicas()
{
    const Recommender r(catalog());
    ProfileQuery q;
    q.model = QStringLiteral("m/a");
    q.modelServer = QStringLiteral("vllm");
    q.instanceType = kG2;
    q.targetRequestsPerSecond = 20;
    // Knee at 4 req/s; planned at 4 x 0.9 = 3.6 per replica; 20 / 3.6 = 5.56 -> 6.
    RecommendationResult res = r.recommend(q);
    QCOMPARE(res.rows.size(), 1);
    QCOMPARE(res.rows.at(0).replicas, 6);
    q.targetRequestsPerSecond = kUnknown;
    q.targetOutputTokensPerSecond = 1800;
    // 400 x 0.9 = 360 tok/s per replica; 1800 / 360 = 5.
    res = r.recommend(q);
    QCOMPARE(res.rows.at(0).replicas, 5);
    QCOMPARE(res.rows.at(0).replicaPlan.unit, QStringLiteral("output tokens/s"));
}

void TestAnalysisRecommender::invalidQuery()
{
    const Recommender r(catalog());
    ProfileQuery q;
    q.pricingModel = QStringLiteral("free");
    QVERIFY(r.recommend(q).error.contains(QStringLiteral("--pricing-model")));
    q = ProfileQuery{};
    q.targets.ttftMs = -1;
    QVERIFY(r.recommend(q).error.contains(QStringLiteral("--target-ttft-milliseconds")));
    q = ProfileQuery{};
    q.targetRequestsPerSecond = 0;
    QVERIFY(r.recommend(q).error.contains(QStringLiteral("--target-requests-per-second")));
    q = ProfileQuery{};
    q.outputInputCostRatio = 0;
    QVERIFY(r.recommend(q).error.contains(QStringLiteral("cost-ratio")));
    // Empty catalog: no crash, explained.
    const Recommender empty{CatalogData{}};
    const RecommendationResult e = empty.recommend(ProfileQuery{});
    QVERIFY(e.rows.isEmpty());
    QCOMPARE(e.unmetExplanations, QStringList{QStringLiteral("the catalog has no profiles")});
}

void TestAnalysisRecommender::achievableRanges()
{
    const Recommender r(catalog());
    ProfileQuery q;
    q.model = QStringLiteral("m/a");
    q.modelServer = QStringLiteral("vllm");
    q.targets.ntpotMs = 1; // ignored by achievableRanges
    QList<AchievableRange> ranges = r.achievableRanges(q);
    QCOMPARE(ranges.size(), 3);
    QCOMPARE(ranges.at(0).instanceType, kG2);
    QCOMPARE(ranges.at(0).minNtpotMs, 20.0); // newest version only: profile 0
    QCOMPARE(ranges.at(0).maxNtpotMs, 90.0);
    QCOMPARE(ranges.at(0).minItlMs, 15.0);
    QCOMPARE(ranges.at(0).maxItlMs, 60.0);
    // All versions add profile 1 (latency x1.1): NTPOT up to 99, throughput x0.9 does not raise the max 415.
    q.modelServerVersion = QStringLiteral("all");
    ranges = r.achievableRanges(q);
    QCOMPARE(ranges.at(0).minNtpotMs, 20.0);
    QCOMPARE(ranges.at(0).maxNtpotMs, 99.0);
    QCOMPARE(ranges.at(0).maxOutputTokensPerSecond, 415.0);
    // H100 chat x5 and code x4: max output 415 x 5 = 2075.
    QCOMPARE(ranges.at(1).accelerator, kH100);
    QCOMPARE(ranges.at(1).maxOutputTokensPerSecond, 2075.0);
}

void TestAnalysisRecommender::unsortedProfileCurve()
{
    CatalogData c = catalog();
    std::reverse(c.profiles[0].points.begin(), c.profiles[0].points.end());
    const Recommender r(c);
    QCOMPARE(r.inflection(0).index, 3); // the Recommender's copy is sorted by load
    QCOMPARE(r.catalog().profiles.at(0).points.at(0).requestRate, 1.0);
}

QTEST_GUILESS_MAIN(TestAnalysisRecommender)
#include "tst_analysis_recommender.moc"
