#include "querysession.h"

#include "catalog/catalognames.h"
#include "clicommon.h"

namespace iq::cli {

namespace {

// Reads the query flags into `q`, checking every name against the catalog, narrowing as the flags narrow.
// Returns -1 to go on, else the exit code.
int readQuery(const ArgParser &parser, const ProfileCatalog &catalog, CliIo &io, ProfileQuery *q)
{
    q->model = parser.value(QStringLiteral("model"));
    q->modelServer = parser.value(QStringLiteral("model-server"));
    q->modelServerVersion = parser.value(QStringLiteral("model-server-version"));
    q->instanceType = parser.value(QStringLiteral("instance-type"));
    q->useCase = parser.value(QStringLiteral("use-case"));
    q->acceleratorTypes = parser.values(QStringLiteral("accelerator-type"));
    q->pricingModel = parser.value(QStringLiteral("pricing-model"));
    q->region = parser.value(QStringLiteral("region"));

    QString error;
    if (!parser.doubleValue(QStringLiteral("output-input-cost-ratio"), kDefaultOutputInputCostRatio,
                            &q->outputInputCostRatio, &error))
        return fail(io, ExitUsage, error);

    const CatalogNames names(catalog);
    const QStringList models = modelsWithProfiles(catalog, parser, io, q->model);
    if (!q->model.isEmpty() &&
        !checkName(QStringLiteral("model"), QStringLiteral("model"), q->model, models, io))
        return ExitUsage;
    if (!q->modelServer.isEmpty() &&
        !checkName(QStringLiteral("model server"), QStringLiteral("model-server"), q->modelServer,
                   names.modelServers(q->model), io))
        return ExitUsage;
    if (!q->modelServerVersion.isEmpty() && q->modelServerVersion != QLatin1String("all") &&
        !checkName(QStringLiteral("model server version"), QStringLiteral("model-server-version"),
                   q->modelServerVersion, names.modelServerVersions(q->model, q->modelServer), io))
        return ExitUsage;
    if (!q->instanceType.isEmpty() &&
        !checkName(QStringLiteral("instance type"), QStringLiteral("instance-type"), q->instanceType,
                   names.instanceTypes(q->model, q->modelServer), io))
        return ExitUsage;
    const QStringList accelerators = names.accelerators(q->model, q->modelServer);
    for (const QString &a : std::as_const(q->acceleratorTypes)) {
        if (!checkName(QStringLiteral("accelerator type"), QStringLiteral("accelerator-type"), a,
                       accelerators, io))
            return ExitUsage;
    }
    if (!q->useCase.isEmpty()) {
        // The profiles' use cases first, then the catalog's others (a use case may have no profile yet).
        QStringList all = names.useCases(q->model, q->modelServer);
        for (const UseCase &u : catalog.data().useCases) {
            if (!all.contains(u.name))
                all.append(u.name);
        }
        if (!checkName(QStringLiteral("use case"), QStringLiteral("use-case"), q->useCase, all, io))
            return ExitUsage;
    }
    const QStringList regions = names.regions();
    if (!regions.isEmpty() &&
        !checkName(QStringLiteral("region"), QStringLiteral("region"), q->region, regions, io))
        return ExitUsage;
    return -1;
}

} // namespace

void addQueryFlags(ArgParser &parser, bool modelRequired)
{
    FlagSpec model = requiredFlag(QStringLiteral("model"), QStringLiteral("MODEL"),
                                  QStringLiteral("the model (Hugging Face id)"));
    model.required = modelRequired;
    parser.addFlag(model);
    parser.addValueFlag(QStringLiteral("model-server"), QStringLiteral("SERVER"),
                        QStringLiteral("the model server"));
    parser.addValueFlag(QStringLiteral("model-server-version"), QStringLiteral("VERSION"),
                        QStringLiteral("a model server version, or \"all\"; default: the latest"));
    parser.addValueFlag(QStringLiteral("instance-type"), QStringLiteral("MACHINE_TYPE"),
                        QStringLiteral("only profiles on this machine type"));
    FlagSpec accel = requiredFlag(QStringLiteral("accelerator-type"), QStringLiteral("ACCELERATOR"),
                                  QStringLiteral("only profiles on this accelerator (repeatable)"));
    accel.required = false;
    accel.repeatable = true;
    parser.addFlag(accel);
    parser.addValueFlag(QStringLiteral("pricing-model"), QStringLiteral("MODEL"),
                        QStringLiteral("pricing model for token costs"), QStringLiteral("spot"),
                        pricingModelNames());
    parser.addValueFlag(QStringLiteral("region"), QStringLiteral("REGION"),
                        QStringLiteral("region of the machine prices"), QStringLiteral("us-central1"));
    parser.addValueFlag(QStringLiteral("output-input-cost-ratio"), QStringLiteral("R"),
                        QStringLiteral("how many times an output token costs an input token"),
                        QStringLiteral("4"));
    parser.addValueFlag(QStringLiteral("use-case"), QStringLiteral("USE_CASE"),
                        QStringLiteral("only profiles of this use case (see `iq profiles use-case list`)"));
    addCatalogFlags(parser);
}

QStringList modelsWithProfiles(const ProfileCatalog &catalog, const ArgParser &parser, CliIo &io,
                               const QString &requested)
{
    QStringList models = CatalogNames(catalog).models();
    if (!requested.isEmpty() && !models.contains(requested)) {
        if (const auto all = loadCatalog(parser, io))
            models = CatalogNames(*all).models();
    }
    return models;
}

int QuerySession::open(const ArgParser &parser, CliIo &io, const ProfileQuery &query, bool modelRequired)
{
    const QString model = parser.value(QStringLiteral("model"));
    if (const int code =
            load(parser, io, modelRequired || !model.isEmpty() ? QStringList{model} : QStringList());
        code >= 0)
        return code;
    ProfileQuery q = query;
    if (const int code = readQuery(parser, *m_catalog, io, &q); code >= 0)
        return code;
    return recommend(q, io);
}

int QuerySession::load(const ArgParser &parser, CliIo &io, const QStringList &onlyModels)
{
    m_catalog = loadCatalog(parser, io, onlyModels);
    return m_catalog ? -1 : int(ExitUsage);
}

int QuerySession::recommend(const ProfileQuery &query, CliIo &io)
{
    m_query = query;
    if (const QString error = validateQuery(m_query); !error.isEmpty())
        return fail(io, ExitUsage, error);
    m_recommender = std::make_unique<const Recommender>(m_catalog->data());
    m_result = m_recommender->recommend(m_query);
    if (!m_result.error.isEmpty())
        return fail(io, ExitUsage, m_result.error);
    return -1;
}

} // namespace iq::cli
