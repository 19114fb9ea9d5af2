#pragma once
// What the `iq` commands that answer a profile query share: the catalog, the query read from the flags and
// checked against the catalog's names, and the Recommender with its answer. `profiles list` and
// `profiles benchmarks list` build it all with one call (open); commands with flags of their own use the
// steps (load, recommend).

#include "analysis/recommender.h"
#include "argparser.h"
#include "catalog/profilecatalog.h"
#include "cliio.h"

#include <memory>
#include <optional>

namespace iq::cli {

// The query flags of `profiles list` and `profiles benchmarks list` (--model, --model-server,
// --model-server-version, --instance-type, --accelerator-type, --pricing-model, --region,
// --output-input-cost-ratio, --use-case) and the catalog flags.
void addQueryFlags(ArgParser &parser, bool modelRequired);

// Ids of the models with profiles, sorted. When `catalog` was loaded for one model only (the fast path) and
// `requested` is not there, the whole catalog is read so the error can name the valid models.
QStringList modelsWithProfiles(const ProfileCatalog &catalog, const ArgParser &parser, CliIo &io,
                               const QString &requested);

class QuerySession
{
public:
    // For commands with addQueryFlags: loads the catalog (only the --model's profiles when the model is
    // required or given), reads the query flags over `query` (whose targets and lengths the caller has
    // set), checks every name against the catalog, validates the query and runs the Recommender.
    // Returns -1 to go on, else the exit code (the error is printed).
    int open(const ArgParser &parser, CliIo &io, const ProfileQuery &query, bool modelRequired);

    // The steps. load: the catalog flags' catalog (clicommon's loadCatalog). recommend: validates `query`
    // and runs the Recommender on the loaded catalog. Both return -1 to go on, else the exit code.
    int load(const ArgParser &parser, CliIo &io, const QStringList &onlyModels);
    int recommend(const ProfileQuery &query, CliIo &io);

    // Valid after load.
    const ProfileCatalog &catalog() const { return *m_catalog; }
    // Valid after recommend (or open).
    const ProfileQuery &query() const { return m_query; }
    const Recommender &recommender() const { return *m_recommender; }
    const RecommendationResult &result() const { return m_result; }
    const CatalogData &data() const { return m_recommender->catalog(); } // what result()'s indexes index

private:
    std::optional<ProfileCatalog> m_catalog;
    ProfileQuery m_query;
    std::unique_ptr<const Recommender> m_recommender;
    RecommendationResult m_result;
};

} // namespace iq::cli
