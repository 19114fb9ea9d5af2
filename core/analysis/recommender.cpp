#include "analysis/recommender.h"

#include "analysis/curvesearch_p.h"

#include <QHash>
#include <QVersionNumber>

#include <algorithm>
#include <vector>

namespace iq {

namespace {

struct PointMetrics
{
    double m[detail::MetricCount]; // headline TTFT, NTPOT, ITL
    double key;                    // throughput used to rank candidates (see bestOperatingPoint)
};

struct ProfileInfo
{
    Inflection inflection;
    int machineId = -1;
    bool newestVersion = false;
    int offset = 0; // into Data::metrics
    int count = 0;
    int groupId = -1;                      // accelerator + instance type, for AchievableRange
    double minMetric[detail::MetricCount]; // over the curve; NaN when never measured
    double maxMetric[detail::MetricCount];
    double maxOutput = kUnknown;
};

// Newer first: position in the catalog's ModelServer::versions (newest first) when listed there, else
// numeric version order ("v0.8.5" > "v0.7.2"), else text order.
bool newerThan(const QString &a, const QString &b, const QStringList &listed)
{
    const qsizetype ia = listed.indexOf(a), ib = listed.indexOf(b);
    if (ia >= 0 || ib >= 0) {
        if (ia < 0)
            return false;
        if (ib < 0)
            return true;
        return ia < ib;
    }
    auto strip = [](const QString &v) { return v.startsWith(QLatin1Char('v')) ? v.mid(1) : v; };
    const QVersionNumber va = QVersionNumber::fromString(strip(a)), vb = QVersionNumber::fromString(strip(b));
    if (!va.isNull() && !vb.isNull() && va != vb)
        return va > vb;
    return a > b;
}

QString formatNumber(double v)
{
    return QString::number(v, 'f', std::abs(v) < 10 ? 1 : 0);
}

QString priceKey(const QString &region, const QString &pricingModel)
{
    return region + QLatin1Char('\n') + pricingModel;
}

} // namespace

struct Recommender::Data
{
    CatalogData catalog;
    std::vector<ProfileInfo> info;
    std::vector<PointMetrics> metrics;
    QHash<QString, QList<int>> byModel;
    QList<int> all;
    QHash<QString, int> machineIds;
    QHash<QString, std::vector<int>> priceByMachine; // priceKey -> machine id -> index into catalog.prices
    QHash<QString, int> groupIds;                    // accelerator + '\n' + instance type

    // Profiles passing the query's non-target filters; explains an empty answer.
    std::vector<int> match(const ProfileQuery &q, QStringList *explanations) const;
    // Ranges per accelerator + instance type group; rangeOfGroup maps a group id to its index in the result.
    QList<AchievableRange> ranges(const std::vector<int> &matched, std::vector<int> *rangeOfGroup) const;
};

std::vector<int> Recommender::Data::match(const ProfileQuery &q, QStringList *explanations) const
{
    const QList<int> *candidates = &all;
    static const QList<int> none;
    if (!q.model.isEmpty()) {
        const auto it = byModel.constFind(q.model);
        candidates = it == byModel.constEnd() ? &none : &it.value();
    }
    const bool allVersions = q.modelServerVersion == QLatin1String("all");
    const bool newestOnly = q.modelServerVersion.isEmpty();

    std::vector<int> matched;
    matched.reserve(size_t(candidates->size()));
    for (int i : *candidates) {
        const Profile &p = catalog.profiles.at(i);
        if (!q.modelServer.isEmpty() && p.modelServer != q.modelServer)
            continue;
        if (newestOnly ? !info[size_t(i)].newestVersion
                       : (!allVersions && p.modelServerVersion != q.modelServerVersion))
            continue;
        if (!q.instanceType.isEmpty() && p.instanceType != q.instanceType)
            continue;
        if (!q.useCase.isEmpty() && p.useCase != q.useCase)
            continue;
        if (!q.acceleratorTypes.isEmpty() && !q.acceleratorTypes.contains(p.accelerator))
            continue;
        matched.push_back(i);
    }

    // Nearest workload per configuration when target lengths are given.
    if (isKnown(q.targetInputLength) || isKnown(q.targetOutputLength)) {
        auto distance = [&](const Profile &p) {
            double dist = 0;
            if (isKnown(q.targetInputLength))
                dist += p.averageInputLength > 0
                            ? std::abs(std::log(p.averageInputLength / q.targetInputLength))
                            : std::numeric_limits<double>::infinity();
            if (isKnown(q.targetOutputLength))
                dist += p.averageOutputLength > 0
                            ? std::abs(std::log(p.averageOutputLength / q.targetOutputLength))
                            : std::numeric_limits<double>::infinity();
            return dist;
        };
        QHash<QString, int> bestOf;
        for (int i : matched) {
            const Profile &p = catalog.profiles.at(i);
            const QString key = p.model + QLatin1Char('\n') + p.modelServer + QLatin1Char('\n') +
                                p.modelServerVersion + QLatin1Char('\n') + p.accelerator + QLatin1Char('\n') +
                                p.instanceType + QLatin1Char('\n') + p.servingStack;
            auto it = bestOf.find(key);
            if (it == bestOf.end())
                bestOf.insert(key, i);
            else if (distance(p) < distance(catalog.profiles.at(it.value())))
                it.value() = i;
        }
        std::vector<int> kept;
        for (int i : matched) {
            const Profile &p = catalog.profiles.at(i);
            const QString key = p.model + QLatin1Char('\n') + p.modelServer + QLatin1Char('\n') +
                                p.modelServerVersion + QLatin1Char('\n') + p.accelerator + QLatin1Char('\n') +
                                p.instanceType + QLatin1Char('\n') + p.servingStack;
            if (bestOf.value(key) == i)
                kept.push_back(i);
        }
        matched.swap(kept);
    }

    if (matched.empty()) {
        QStringList filters;
        if (!q.model.isEmpty())
            filters << QStringLiteral("model %1").arg(q.model);
        if (!q.modelServer.isEmpty())
            filters << QStringLiteral("model server %1").arg(q.modelServer);
        if (!q.modelServerVersion.isEmpty() && !allVersions)
            filters << QStringLiteral("version %1").arg(q.modelServerVersion);
        if (!q.instanceType.isEmpty())
            filters << QStringLiteral("instance type %1").arg(q.instanceType);
        if (!q.acceleratorTypes.isEmpty())
            filters << QStringLiteral("accelerator %1").arg(q.acceleratorTypes.join(QStringLiteral(", ")));
        if (!q.useCase.isEmpty())
            filters << QStringLiteral("use case %1").arg(q.useCase);
        *explanations
            << (filters.isEmpty()
                    ? QStringLiteral("the catalog has no profiles")
                    : QStringLiteral("no profile matches %1").arg(filters.join(QStringLiteral(", "))));
    }
    return matched;
}

QList<AchievableRange> Recommender::Data::ranges(const std::vector<int> &matched,
                                                 std::vector<int> *rangeOfGroup) const
{
    // Achievable ranges per accelerator + instance type over every profile that passed the filters, in order
    // of first appearance; built from the per-profile ranges precomputed in the constructor.
    QList<AchievableRange> out;
    rangeOfGroup->assign(size_t(groupIds.size()), -1);
    for (int i : matched) {
        const ProfileInfo &pi = info[size_t(i)];
        int &g = (*rangeOfGroup)[size_t(pi.groupId)];
        if (g < 0) {
            const Profile &p = catalog.profiles.at(i);
            g = int(out.size());
            out.append(AchievableRange{p.accelerator, p.instanceType});
        }
        AchievableRange &ar = out[g];
        auto widen = [](double lo, double hi, double &rlo, double &rhi) {
            if (isKnown(lo) && !(rlo <= lo))
                rlo = lo;
            if (isKnown(hi) && !(rhi >= hi))
                rhi = hi;
        };
        widen(pi.minMetric[detail::Ttft], pi.maxMetric[detail::Ttft], ar.minTtftMs, ar.maxTtftMs);
        widen(pi.minMetric[detail::Ntpot], pi.maxMetric[detail::Ntpot], ar.minNtpotMs, ar.maxNtpotMs);
        widen(pi.minMetric[detail::Itl], pi.maxMetric[detail::Itl], ar.minItlMs, ar.maxItlMs);
        if (isKnown(pi.maxOutput) && !(ar.maxOutputTokensPerSecond >= pi.maxOutput))
            ar.maxOutputTokensPerSecond = pi.maxOutput;
    }
    return out;
}

QString validateQuery(const ProfileQuery &q)
{
    QString e = validateTargets(q.targets);
    if (!e.isEmpty())
        return e;
    if (!pricingModelNames().contains(q.pricingModel))
        return QStringLiteral("--pricing-model must be one of %1 (got \"%2\")")
            .arg(pricingModelNames().join(QStringLiteral(", ")), q.pricingModel);
    if (!(q.outputInputCostRatio > 0) || !std::isfinite(q.outputInputCostRatio))
        return QStringLiteral("--output-input-cost-ratio must be a number greater than 0 (got %1)")
            .arg(q.outputInputCostRatio);
    struct Positive
    {
        double v;
        const char *option;
    };
    for (const Positive &p : {Positive{q.targetInputLength, "--target-input-length"},
                              Positive{q.targetOutputLength, "--target-output-length"},
                              Positive{q.targetRequestsPerSecond, "--target-requests-per-second"},
                              Positive{q.targetOutputTokensPerSecond, "--target-output-tokens-per-second"}}) {
        if (isKnown(p.v) && (!(p.v > 0) || !std::isfinite(p.v)))
            return QStringLiteral("%1 must be a number greater than 0 (got %2)")
                .arg(QLatin1String(p.option))
                .arg(p.v);
    }
    return {};
}

Recommender::Recommender(const CatalogData &catalog)
    : d(std::make_unique<Data>())
{
    d->catalog = catalog;
    CatalogData &c = d->catalog;
    const int n = int(c.profiles.size());
    d->info.resize(size_t(n));
    size_t totalPoints = 0;
    for (const Profile &p : std::as_const(c.profiles))
        totalPoints += size_t(p.points.size());
    d->metrics.reserve(totalPoints);

    auto machineId = [&](const QString &name) {
        auto it = d->machineIds.constFind(name);
        if (it != d->machineIds.constEnd())
            return it.value();
        const int id = int(d->machineIds.size());
        d->machineIds.insert(name, id);
        return id;
    };

    for (int i = 0; i < n; ++i) {
        Profile &p = c.profiles[i];
        // Positions and inflection indices refer to points ordered by load.
        p.points = sortedByLoad(std::move(p.points));
        ProfileInfo &pi = d->info[size_t(i)];
        pi.inflection = findInflection(p.points);
        pi.machineId = machineId(p.instanceType);
        pi.offset = int(d->metrics.size());
        pi.count = int(p.points.size());
        bool allOut = true, allTotal = true;
        for (const BenchmarkPoint &pt : std::as_const(p.points)) {
            allOut = allOut && isKnown(pt.outputTokensPerSecond);
            allTotal = allTotal && isKnown(pt.totalTokensPerSecond);
        }
        for (int m = 0; m < detail::MetricCount; ++m)
            pi.minMetric[m] = pi.maxMetric[m] = kUnknown;
        for (const BenchmarkPoint &pt : std::as_const(p.points)) {
            PointMetrics pm{{pt.ttftMs.headline(), pt.ntpotMs.headline(), pt.itlMs.headline()},
                            allOut ? pt.outputTokensPerSecond
                                   : (allTotal ? pt.totalTokensPerSecond : kUnknown)};
            for (int m = 0; m < detail::MetricCount; ++m) {
                if (!isKnown(pm.m[m]))
                    continue;
                if (!(pi.minMetric[m] <= pm.m[m]))
                    pi.minMetric[m] = pm.m[m];
                if (!(pi.maxMetric[m] >= pm.m[m]))
                    pi.maxMetric[m] = pm.m[m];
            }
            if (isKnown(pt.outputTokensPerSecond) && !(pi.maxOutput >= pt.outputTokensPerSecond))
                pi.maxOutput = pt.outputTokensPerSecond;
            d->metrics.push_back(pm);
        }
        const QString group = p.accelerator + QLatin1Char('\n') + p.instanceType;
        const auto g = d->groupIds.constFind(group);
        pi.groupId = g != d->groupIds.constEnd() ? g.value() : int(d->groupIds.size());
        if (g == d->groupIds.constEnd())
            d->groupIds.insert(group, pi.groupId);
        d->byModel[p.model].append(i);
        d->all.append(i);
    }

    // Newest server version per (model, server, provenance kind). The kind is part of the key so that a
    // measurement of an older version is still shown beside the estimates of a newer one: each is the
    // newest of its kind, and the Source column tells them apart.
    QHash<QString, QStringList> listedVersions;
    for (const ModelServer &s : std::as_const(c.modelServers))
        listedVersions.insert(s.name, s.versions);
    auto versionKey = [](const Profile &p) -> QString {
        QString key = p.model;
        key += QLatin1Char('\n');
        key += p.modelServer;
        key += QLatin1Char('\n');
        key += provenanceKindName(p.provenance.kind);
        return key;
    };
    QHash<QString, QString> newest;
    for (const Profile &p : std::as_const(c.profiles)) {
        const QString key = versionKey(p);
        auto it = newest.find(key);
        if (it == newest.end())
            newest.insert(key, p.modelServerVersion);
        else if (newerThan(p.modelServerVersion, it.value(), listedVersions.value(p.modelServer)))
            it.value() = p.modelServerVersion;
    }
    for (int i = 0; i < n; ++i) {
        const Profile &p = c.profiles.at(i);
        d->info[size_t(i)].newestVersion = newest.value(versionKey(p)) == p.modelServerVersion;
    }

    for (int i = 0; i < int(c.prices.size()); ++i) {
        const Price &pr = c.prices.at(i);
        std::vector<int> &v = d->priceByMachine[priceKey(pr.region, pr.pricingModel)];
        const int id = machineId(pr.machineType);
        if (int(v.size()) <= id)
            v.resize(size_t(id) + 1, -1);
        v[size_t(id)] = i; // a duplicate key: the last listing wins, as in ProfileCatalog's index
    }
}

Recommender::~Recommender() = default;

QList<AchievableRange> Recommender::achievableRanges(const ProfileQuery &query) const
{
    QStringList ignored;
    std::vector<int> rangeOfGroup;
    return d->ranges(d->match(query, &ignored), &rangeOfGroup);
}

const CatalogData &Recommender::catalog() const
{
    return d->catalog;
}

const Inflection &Recommender::inflection(int profileIndex) const
{
    static const Inflection none;
    if (profileIndex < 0 || size_t(profileIndex) >= d->info.size())
        return none;
    return d->info[size_t(profileIndex)].inflection;
}

const Price *Recommender::price(const QString &machineType, const QString &region,
                                const QString &pricingModel) const
{
    const auto t = d->priceByMachine.constFind(priceKey(region, pricingModel));
    const auto m = d->machineIds.constFind(machineType);
    if (t == d->priceByMachine.constEnd() || m == d->machineIds.constEnd() || size_t(m.value()) >= t->size())
        return nullptr;
    const int idx = (*t)[size_t(m.value())];
    return idx < 0 ? nullptr : &d->catalog.prices.at(idx);
}

RecommendationResult Recommender::recommend(const ProfileQuery &q) const
{
    RecommendationResult result;
    result.error = validateQuery(q);
    if (!result.error.isEmpty())
        return result;
    const CatalogData &c = d->catalog;

    std::vector<int> matched = d->match(q, &result.unmetExplanations);
    result.matchedProfiles = int(matched.size());
    if (matched.empty())
        return result;

    const auto priceTable = d->priceByMachine.constFind(priceKey(q.region, q.pricingModel));
    const std::vector<int> *prices =
        priceTable == d->priceByMachine.constEnd() ? nullptr : &priceTable.value();
    const double targets[detail::MetricCount] = {q.targets.ttftMs, q.targets.ntpotMs, q.targets.itlMs};
    const bool latencyTargets = q.targets.anyLatency();

    std::vector<int> excluded;          // by a latency target
    std::vector<int> excludedByCost;    // met the latency targets, missed a cost target
    std::vector<double> costOfExcluded; // $/M output of those (NaN: price unknown)
    std::vector<Recommendation> rows;
    rows.reserve(matched.size());
    for (int i : matched) {
        const Profile &p = c.profiles.at(i);
        const ProfileInfo &pi = d->info[size_t(i)];
        Recommendation r;
        r.profileIndex = i;
        r.inflectionIndex = pi.inflection.index;
        if (!latencyTargets) {
            if (pi.inflection.index < 0)
                continue; // no usable point at all
            r.operatingPoint =
                OperatingPoint{p.points.at(pi.inflection.index), double(pi.inflection.index), true, true};
        } else {
            bool possible = pi.count > 0;
            for (int m = 0; m < detail::MetricCount && possible; ++m)
                possible = !isKnown(targets[m]) || pi.minMetric[m] <= targets[m];
            detail::CurveHit hit;
            if (possible) {
                const PointMetrics *pm = d->metrics.data() + pi.offset;
                hit = detail::highestMeeting(
                    pi.count, targets, [pm](int k, int m) { return pm[k].m[m]; },
                    [pm](int k) { return pm[k].key; });
            }
            if (hit.index < 0) {
                excluded.push_back(i);
                continue;
            }
            OperatingPoint &op = r.operatingPoint;
            op.point = hit.t > 0 ? interpolate(p.points.at(hit.index), p.points.at(hit.index + 1), hit.t)
                                 : p.points.at(hit.index);
            op.position = hit.index + hit.t;
            op.atInflection = op.position == double(pi.inflection.index);
            op.meetsTargets = true;
        }
        const int priceIdx =
            prices && size_t(pi.machineId) < prices->size() ? (*prices)[size_t(pi.machineId)] : -1;
        r.priceKnown = priceIdx >= 0 && isKnown(c.prices.at(priceIdx).usdPerHour);
        if (priceIdx >= 0)
            r.price = c.prices.at(priceIdx);
        r.cost = computePointCost(r.priceKnown ? r.price.usdPerHour : kUnknown, r.operatingPoint.point,
                                  p.averageInputLength, p.averageOutputLength, q.outputInputCostRatio);
        if (q.targets.anyCost()) {
            // Cost per token falls as throughput rises, so the highest-throughput point meeting the latency
            // targets is also the cheapest one: checking it decides the profile.
            const bool okOut = !isKnown(q.targets.maxCostPerMillionOutput) ||
                               r.cost.perMillionOutput <= q.targets.maxCostPerMillionOutput;
            const bool okIn = !isKnown(q.targets.maxCostPerMillionInput) ||
                              r.cost.perMillionInput <= q.targets.maxCostPerMillionInput;
            if (!okOut || !okIn) {
                excludedByCost.push_back(i);
                costOfExcluded.push_back(isKnown(q.targets.maxCostPerMillionOutput) ? r.cost.perMillionOutput
                                                                                    : r.cost.perMillionInput);
                continue;
            }
        }
        r.replicaPlan =
            planReplicas(r.operatingPoint.point, q.targetRequestsPerSecond, q.targetOutputTokensPerSecond);
        r.replicas = r.replicaPlan.replicas;
        rows.push_back(std::move(r));
    }

    // Sort small keys, then move the (large) rows into place once.
    struct SortKey
    {
        double cost;
        double throughput;
        int profileIndex;
        int row;
    };
    std::vector<SortKey> keys;
    keys.reserve(rows.size());
    for (size_t k = 0; k < rows.size(); ++k)
        keys.push_back({rows[k].cost.perMillionOutput, rows[k].operatingPoint.point.outputTokensPerSecond,
                        rows[k].profileIndex, int(k)});
    std::sort(keys.begin(), keys.end(), [](const SortKey &a, const SortKey &b) {
        if (isKnown(a.cost) != isKnown(b.cost))
            return isKnown(a.cost);
        if (isKnown(a.cost) && a.cost != b.cost)
            return a.cost < b.cost;
        if (isKnown(a.throughput) != isKnown(b.throughput))
            return isKnown(a.throughput);
        if (isKnown(a.throughput) && a.throughput != b.throughput)
            return a.throughput > b.throughput;
        return a.profileIndex < b.profileIndex;
    });
    result.rows.reserve(qsizetype(rows.size()));
    for (const SortKey &k : keys)
        result.rows.append(std::move(rows[size_t(k.row)]));

    if (excluded.empty() && excludedByCost.empty())
        return result;

    std::vector<int> rangeOfGroup;
    result.ranges = d->ranges(matched, &rangeOfGroup);
    auto rangeOf = [&](int profileIndex) {
        return rangeOfGroup[size_t(d->info[size_t(profileIndex)].groupId)];
    };
    QList<bool> groupHasRow(result.ranges.size(), false);
    for (const Recommendation &r : std::as_const(result.rows))
        groupHasRow[rangeOf(r.profileIndex)] = true;

    // Explain every group that lost all its profiles.
    struct MetricInfo
    {
        const char *name;
        const char *option;
        double target;
        double AchievableRange::*lo;
        double AchievableRange::*hi;
    };
    const MetricInfo infos[] = {
        {"TTFT", "--target-ttft-milliseconds", q.targets.ttftMs, &AchievableRange::minTtftMs,
         &AchievableRange::maxTtftMs},
        {"NTPOT", "--target-ntpot-milliseconds", q.targets.ntpotMs, &AchievableRange::minNtpotMs,
         &AchievableRange::maxNtpotMs},
        {"ITL", "--target-itl-milliseconds", q.targets.itlMs, &AchievableRange::minItlMs,
         &AchievableRange::maxItlMs},
    };
    QList<double> groupMinCost(result.ranges.size(), kUnknown);
    QList<bool> groupCostExcluded(result.ranges.size(), false);
    for (size_t k = 0; k < excludedByCost.size(); ++k) {
        const int g = rangeOf(excludedByCost[k]);
        groupCostExcluded[g] = true;
        double &m = groupMinCost[g];
        if (isKnown(costOfExcluded[k]) && !(m <= costOfExcluded[k]))
            m = costOfExcluded[k];
    }
    QList<bool> groupLatencyExcluded(result.ranges.size(), false);
    for (int i : excluded)
        groupLatencyExcluded[rangeOf(i)] = true;
    for (int g = 0; g < result.ranges.size(); ++g) {
        if (groupHasRow.at(g))
            continue;
        const AchievableRange &ar = result.ranges.at(g);
        const QString where = QStringLiteral("%1 (%2)").arg(ar.accelerator, ar.instanceType);
        bool explained = false;
        if (groupLatencyExcluded.at(g)) {
            for (const MetricInfo &mi : infos) {
                if (!isKnown(mi.target))
                    continue;
                const double lo = ar.*(mi.lo), hi = ar.*(mi.hi);
                if (!isKnown(lo)) {
                    result.unmetExplanations
                        << QStringLiteral("%1 is not measured on %2; drop %3 to see it")
                               .arg(QLatin1String(mi.name), where, QLatin1String(mi.option));
                    explained = true;
                } else if (mi.target < lo) {
                    result.unmetExplanations
                        << QStringLiteral(
                               "%1 on %2 ranges %3–%4 ms; choose a target in that range (%5 ms is below it)")
                               .arg(QLatin1String(mi.name), where, formatNumber(lo), formatNumber(hi),
                                    formatNumber(mi.target));
                    explained = true;
                }
            }
            if (!explained) {
                QStringList parts;
                for (const MetricInfo &mi : infos) {
                    if (isKnown(mi.target))
                        parts << QStringLiteral("%1 %2–%3 ms")
                                     .arg(QLatin1String(mi.name), formatNumber(ar.*(mi.lo)),
                                          formatNumber(ar.*(mi.hi)));
                }
                result.unmetExplanations
                    << QStringLiteral("no single load point on %1 meets every latency target "
                                      "together (ranges: %2)")
                           .arg(where, parts.join(QStringLiteral(", ")));
                explained = true;
            }
        }
        if (!explained && groupCostExcluded.at(g)) {
            const double m = groupMinCost.at(g);
            const bool outTarget = isKnown(q.targets.maxCostPerMillionOutput);
            const QString which = outTarget ? QStringLiteral("output") : QStringLiteral("input");
            const double target =
                outTarget ? q.targets.maxCostPerMillionOutput : q.targets.maxCostPerMillionInput;
            if (isKnown(m))
                result.unmetExplanations
                    << QStringLiteral("the lowest cost per million %1 tokens on %2 (%3) is $%4; "
                                      "the target is $%5")
                           .arg(which, where, q.pricingModel, QString::number(m, 'f', 3),
                                QString::number(target, 'f', 3));
            else
                result.unmetExplanations
                    << QStringLiteral("no %1 price for %2 in %3: a cost target cannot be checked")
                           .arg(q.pricingModel, ar.instanceType, q.region);
        }
    }
    return result;
}

} // namespace iq
