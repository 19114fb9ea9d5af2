#pragma once
// The profile query behind both `iq profiles list` and the GUI's profile table.
// Semantics (GIQ-INTERFACE.md "Recommendation semantics"): without latency targets every matching profile
// is reported at its inflection point; with targets at the highest throughput meeting every target, and
// profiles that cannot meet them are dropped, with the achievable ranges explained.

#include "analysis/cost.h"
#include "analysis/inflection.h"
#include "analysis/operatingpoint.h"
#include "analysis/replicas.h"
#include "analysis/targets.h"
#include "domain.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <memory>

namespace iq {

struct ProfileQuery
{
    QString model;       // exact id; empty = every model
    QString modelServer; // empty = every server
    // "" = the newest version of each (model, model server) only, as gcloud's --model-server-version
    // defaults to the latest; "all" = every version; otherwise that exact version.
    QString modelServerVersion;
    QString instanceType;         // empty = every machine type
    QString useCase;              // exact UseCase::name; empty = every use case
    QStringList acceleratorTypes; // GKE labels; empty = every accelerator
    // When either is set, each configuration (model, server, version, accelerator, instance type) keeps
    // only its profile with the nearest workload: min |ln(in/targetIn)| + |ln(out/targetOut)|.
    double targetInputLength = kUnknown;
    double targetOutputLength = kUnknown;
    QString pricingModel = QStringLiteral("spot"); // one of pricingModelNames()
    QString region = QStringLiteral("us-central1");
    double outputInputCostRatio = kDefaultOutputInputCostRatio;
    LatencyTargets targets;
    double targetRequestsPerSecond = kUnknown; // load to size replicas for
    double targetOutputTokensPerSecond = kUnknown;
};

struct Recommendation
{
    int profileIndex = -1; // into CatalogData::profiles
    OperatingPoint operatingPoint;
    int inflectionIndex = -1;
    Cost cost; // token costs unknown when the price is unknown
    bool priceKnown = false;
    Price price;             // the price used (empty when unknown)
    int replicas = 0;        // for the target load, 0 if none given
    ReplicaPlan replicaPlan; // details behind `replicas`
};

struct AchievableRange
{
    QString accelerator;
    QString instanceType;
    double minTtftMs = kUnknown, maxTtftMs = kUnknown;
    double minNtpotMs = kUnknown, maxNtpotMs = kUnknown;
    double minItlMs = kUnknown, maxItlMs = kUnknown;
    double maxOutputTokensPerSecond = kUnknown;
};

struct RecommendationResult
{
    QList<Recommendation> rows;
    QList<AchievableRange> ranges; // per accelerator + instance type, filled when targets exclude profiles
    QStringList unmetExplanations; // e.g. "NTPOT on nvidia-l4 (g2-standard-48) ranges 38–410 ms; ..."
    QString error;                 // non-empty when the query itself is invalid (bad target, pricing model)
    int matchedProfiles = 0;       // profiles passing the non-target filters
};

class Recommender
{
public:
    explicit Recommender(const CatalogData &catalog); // keeps a copy; precomputes inflections and indexes
    ~Recommender();
    Recommender(const Recommender &) = delete;
    Recommender &operator=(const Recommender &) = delete;

    // Rows sorted by cost per million output tokens ascending (unknown last), ties by output tokens/s desc.
    // Thread-safe: const, no caches.
    RecommendationResult recommend(const ProfileQuery &query) const;

    // Performance ranges per accelerator + instance type over the profiles passing the query's filters
    // (targets, prices and loads ignored): what `accelerators list` shows and what targets can ask for.
    QList<AchievableRange> achievableRanges(const ProfileQuery &query) const;

    const CatalogData &catalog() const;
    const Inflection &inflection(int profileIndex) const; // precomputed findInflection of that profile
    // Price of a machine type, or nullptr when the catalog has none for that region and pricing model.
    const Price *price(const QString &machineType, const QString &region, const QString &pricingModel) const;

private:
    struct Data;
    std::unique_ptr<Data> d;
};

// Empty when the query is usable, else a message naming the option (targets, pricing model, cost ratio,
// load).
QString validateQuery(const ProfileQuery &query);

} // namespace iq
