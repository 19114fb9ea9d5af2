// iq profiles manifests create: picks the recommended profile for the flags (catalog + recommender), turns
// its operating point into a ManifestRequest and prints or writes the manifests (core/manifest).

#include "clicommon.h"
#include "commands.h"
#include "outputvalue.h"
#include "querysession.h"

#include "analysis/recommender.h"
#include "analysis/replicas.h"
#include "catalog/catalognames.h"
#include "estimator/modelfacts.h"
#include "manifest/estimatedserversettings.h"
#include "manifest/kubenames.h"
#include "manifest/manifestgenerator.h"
#include "manifest/operatingpointtext.h"
#include "manifest/serversettings.h"

#include <QDateTime>
#include <QSaveFile>

#include <algorithm>
#include <cmath>

namespace iq::cli {

namespace {

using manifest::ManifestRequest;

bool readDouble(const ArgParser &parser, const QString &flag, double *out, CliIo &io)
{
    QString error;
    if (!parser.doubleValue(flag, kUnknown, out, &error)) {
        fail(io, ExitUsage, error);
        return false;
    }
    return true;
}

QString operatingPointText(const Recommendation &rec, bool targets)
{
    return manifest::operatingPointSummary(rec.operatingPoint.point) +
           (targets && rec.operatingPoint.meetsTargets
                ? QStringLiteral(" (highest throughput meeting the targets)")
                : QStringLiteral(" (inflection point)"));
}

} // namespace

int profilesManifestsCreate(const QStringList &args, CliIo &io)
{
    ArgParser parser(
        QStringLiteral("iq profiles manifests create"),
        QStringLiteral("Generates Kubernetes manifests (Deployment, Service, PodMonitoring, HPA) for the "
                       "recommended profile of a model, model server and accelerator."));
    auto required = [](const char *name, const char *valueName, const char *help) {
        FlagSpec f;
        f.name = QString::fromLatin1(name);
        f.valueName = QString::fromLatin1(valueName);
        f.help = QString::fromLatin1(help);
        f.required = true;
        return f;
    };
    const FlagSpec model = required("model", "MODEL", "the model (Hugging Face id)");
    parser.addFlag(model);
    const FlagSpec server = required("model-server", "SERVER", "the model server");
    parser.addFlag(server);
    const FlagSpec accel =
        required("accelerator-type", "ACCELERATOR", "the accelerator (GKE label, e.g. nvidia-l4)");
    parser.addFlag(accel);
    parser.addValueFlag(QStringLiteral("model-server-version"), QStringLiteral("VERSION"),
                        QStringLiteral("model server version; default: the latest"));
    parser.addValueFlag(QStringLiteral("target-ntpot-milliseconds"), QStringLiteral("MS"),
                        QStringLiteral("target normalized time per output token; enables the HPA"));
    parser.addValueFlag(QStringLiteral("target-ttft-milliseconds"), QStringLiteral("MS"),
                        QStringLiteral("target time to first token; enables the HPA"));
    parser.addValueFlag(QStringLiteral("target-itl-milliseconds"), QStringLiteral("MS"),
                        QStringLiteral("target inter-token latency; enables the HPA"));
    parser.addValueFlag(QStringLiteral("target-requests-per-second"), QStringLiteral("QPS"),
                        QStringLiteral("expected peak load: sizes the HPA's maxReplicas"));
    parser.addValueFlag(QStringLiteral("namespace"), QStringLiteral("NAMESPACE"),
                        QStringLiteral("Kubernetes namespace"), QStringLiteral("default"));
    parser.addValueFlag(QStringLiteral("output"), QStringLiteral("OUTPUT"),
                        QStringLiteral("manifest (YAML only, no comments), comments, or all"),
                        QStringLiteral("all"),
                        {QStringLiteral("manifest"), QStringLiteral("comments"), QStringLiteral("all")});
    parser.addValueFlag(QStringLiteral("output-path"), QStringLiteral("FILE"),
                        QStringLiteral("write to FILE (atomically) instead of standard output"));
    parser.addValueFlag(
        QStringLiteral("model-bucket-uri"), QStringLiteral("gs://BUCKET[/DIR]"),
        QStringLiteral("load the model from Cloud Storage (the directory holding config.json)"));
    parser.addValueFlag(QStringLiteral("use-case"), QStringLiteral("USE_CASE"),
                        QStringLiteral("profile use case"));
    parser.addValueFlag(QStringLiteral("instance-type"), QStringLiteral("MACHINE_TYPE"),
                        QStringLiteral("only profiles on this machine type"));
    parser.addValueFlag(QStringLiteral("accelerator-count"), QStringLiteral("N"),
                        QStringLiteral("only profiles with N accelerators per replica"));
    parser.addValueFlag(QStringLiteral("replicas"), QStringLiteral("N"),
                        QStringLiteral("replicas without an HPA"), QStringLiteral("1"));
    parser.addValueFlag(QStringLiteral("pricing-model"), QStringLiteral("MODEL"),
                        QStringLiteral("pricing model that ranks the profiles"), QStringLiteral("spot"),
                        pricingModelNames());
    parser.addValueFlag(QStringLiteral("region"), QStringLiteral("REGION"),
                        QStringLiteral("region of the prices"), QStringLiteral("us-central1"));
    parser.addValueFlag(QStringLiteral("target"), QStringLiteral("TARGET"),
                        QStringLiteral("gke, or kubernetes (ServiceMonitor, no GKE node labels)"),
                        QStringLiteral("gke"), {QStringLiteral("gke"), QStringLiteral("kubernetes")});
    parser.addValueFlag(
        QStringLiteral("name"), QStringLiteral("NAME"),
        QStringLiteral("workload name; default: SERVER-MODEL, e.g. vllm-llama-3-1-8b-instruct"));
    parser.addValueFlag(QStringLiteral("hf-secret"), QStringLiteral("SECRET"),
                        QStringLiteral("Secret holding the Hugging Face token (key hf_api_token)"),
                        QStringLiteral("hf-secret"));
    parser.addValueFlag(QStringLiteral("service-account"), QStringLiteral("KSA"),
                        QStringLiteral("Kubernetes service account of the pod (bucket access)"),
                        QStringLiteral("default"));
    addCatalogFlags(parser);
    if (const int code = parseOrExit(parser, args, io); code >= 0)
        return code;

    ManifestRequest req;
    req.ns = parser.value(QStringLiteral("namespace"));
    req.name = parser.value(QStringLiteral("name"));
    req.hfSecret = parser.value(QStringLiteral("hf-secret"));
    req.serviceAccount = parser.value(QStringLiteral("service-account"));
    req.modelBucketUri = parser.value(QStringLiteral("model-bucket-uri"));
    manifest::parseTarget(parser.value(QStringLiteral("target")), &req.target);
    manifest::OutputMode mode = manifest::OutputMode::All;
    manifest::parseOutputMode(parser.value(QStringLiteral("output")), &mode);
    // Placement flags are checked before the catalog is read, so a typo fails fast.
    if (const QString e = manifest::checkDns1123Label(QStringLiteral("--namespace"), req.ns); !e.isEmpty())
        return fail(io, ExitUsage, e);
    if (!req.name.isEmpty()) {
        if (const QString e = manifest::checkDns1035Label(QStringLiteral("--name"), req.name,
                                                          manifest::kMaxWorkloadNameLength);
            !e.isEmpty())
            return fail(io, ExitUsage,
                        e + QStringLiteral(" (the Service is named NAME-service, at most 63)"));
    }
    if (const QString e = manifest::checkDns1123Subdomain(QStringLiteral("--hf-secret"), req.hfSecret);
        !e.isEmpty())
        return fail(io, ExitUsage, e);
    if (const QString e =
            manifest::checkDns1123Subdomain(QStringLiteral("--service-account"), req.serviceAccount);
        !e.isEmpty())
        return fail(io, ExitUsage, e);
    if (!req.modelBucketUri.isEmpty()) {
        if (const QString e = manifest::parseBucketUri(req.modelBucketUri, nullptr); !e.isEmpty())
            return fail(io, ExitUsage, e);
    }

    ProfileQuery q;
    q.model = parser.value(QStringLiteral("model"));
    q.modelServer = parser.value(QStringLiteral("model-server"));
    q.modelServerVersion = parser.value(QStringLiteral("model-server-version"));
    q.instanceType = parser.value(QStringLiteral("instance-type"));
    q.useCase = parser.value(QStringLiteral("use-case"));
    q.acceleratorTypes = {parser.value(QStringLiteral("accelerator-type"))};
    q.pricingModel = parser.value(QStringLiteral("pricing-model"));
    q.region = parser.value(QStringLiteral("region"));
    if (!readDouble(parser, QStringLiteral("target-ntpot-milliseconds"), &q.targets.ntpotMs, io) ||
        !readDouble(parser, QStringLiteral("target-ttft-milliseconds"), &q.targets.ttftMs, io) ||
        !readDouble(parser, QStringLiteral("target-itl-milliseconds"), &q.targets.itlMs, io) ||
        !readDouble(parser, QStringLiteral("target-requests-per-second"), &q.targetRequestsPerSecond, io))
        return ExitUsage;
    if (const QString e = validateTargets(q.targets); !e.isEmpty())
        return fail(io, ExitUsage, e);
    if (isKnown(q.targetRequestsPerSecond) && !(q.targetRequestsPerSecond > 0))
        return fail(io, ExitUsage,
                    QStringLiteral("--target-requests-per-second must be greater than 0 (got %1)")
                        .arg(formatNumber(q.targetRequestsPerSecond)));
    QString error;
    int acceleratorCount = 0;
    if (!parser.intValue(QStringLiteral("accelerator-count"), 0, &acceleratorCount, &error) ||
        !parser.intValue(QStringLiteral("replicas"), 1, &req.replicas, &error))
        return fail(io, ExitUsage, error);
    if (parser.isSet(QStringLiteral("accelerator-count")) && acceleratorCount < 1)
        return fail(io, ExitUsage,
                    QStringLiteral("--accelerator-count must be at least 1 (got %1)").arg(acceleratorCount));
    if (req.replicas < 1)
        return fail(io, ExitUsage,
                    QStringLiteral("--replicas must be at least 1 (got %1)").arg(req.replicas));

    QuerySession session;
    if (const int code = session.load(parser, io, {q.model}); code >= 0)
        return code;
    const ProfileCatalog &catalog = session.catalog();
    const CatalogData &data = catalog.data();
    // Model and server are required, so the lists are narrowed to both (an empty --model or --model-server
    // fails its own check before any list that it narrows is used).
    const CatalogNames names(catalog);
    // An unknown model is listed against every model with profiles (only its own file was read above).
    if (!checkName(QStringLiteral("model"), QStringLiteral("model"), q.model,
                   modelsWithProfiles(catalog, parser, io, q.model), io) ||
        !checkName(QStringLiteral("model server"), QStringLiteral("model-server"), q.modelServer,
                   names.modelServers(q.model), io) ||
        !checkName(QStringLiteral("accelerator type"), QStringLiteral("accelerator-type"),
                   q.acceleratorTypes.first(), names.accelerators(q.model, q.modelServer), io))
        return ExitUsage;
    if (!q.modelServerVersion.isEmpty() &&
        !checkName(QStringLiteral("model server version"), QStringLiteral("model-server-version"),
                   q.modelServerVersion, names.modelServerVersions(q.model, q.modelServer), io))
        return ExitUsage;
    if (!q.useCase.isEmpty() && !checkName(QStringLiteral("use case"), QStringLiteral("use-case"), q.useCase,
                                           names.useCases(q.model, q.modelServer), io))
        return ExitUsage;
    if (!q.instanceType.isEmpty() &&
        !checkName(QStringLiteral("instance type"), QStringLiteral("instance-type"), q.instanceType,
                   names.instanceTypes(q.model, q.modelServer), io))
        return ExitUsage;
    if (const int code = session.recommend(q, io); code >= 0)
        return code;

    const Recommender &recommender = session.recommender();
    auto pick = [&](const RecommendationResult &result) -> const Recommendation * {
        for (const Recommendation &r : result.rows) {
            if (acceleratorCount == 0 ||
                data.profiles.at(r.profileIndex).acceleratorCount == acceleratorCount)
                return &r;
        }
        return nullptr;
    };
    const RecommendationResult &result = session.result();
    const Recommendation *rec = pick(result);
    const bool latencyTarget = q.targets.anyLatency();
    RecommendationResult fallback;
    if (!rec && latencyTarget) {
        // Targets out of reach: still give the manifests at the inflection point, without an HPA, and say
        // why.
        req.hpaOmittedReason =
            QStringLiteral("the latency targets cannot be met by any %1 profile of %2 on %3. ")
                .arg(q.modelServer, q.model, q.acceleratorTypes.first()) +
            result.unmetExplanations.join(QStringLiteral(" "));
        io.err << "warning: " << req.hpaOmittedReason << '\n';
        ProfileQuery relaxed = q;
        relaxed.targets = {};
        fallback = recommender.recommend(relaxed);
        rec = pick(fallback);
    }
    if (!rec)
        return fail(
            io, ExitUsage,
            QStringLiteral("no profile of %1 with %2 on %3%4 matches these flags")
                .arg(q.model, q.modelServer, q.acceleratorTypes.first(),
                     acceleratorCount > 0 ? QStringLiteral(" x %1").arg(acceleratorCount) : QString()));

    const Profile &profile = data.profiles.at(rec->profileIndex);
    req.model = profile.model;
    req.modelServer = profile.modelServer;
    req.modelServerVersion = profile.modelServerVersion;
    req.accelerator = profile.accelerator;
    req.acceleratorCount = profile.acceleratorCount;
    req.instanceType = profile.instanceType;
    req.tpuTopology = profile.tpuTopology;
    req.useCase = profile.useCase;
    req.provenance = profile.provenance;
    req.operatingPoint = operatingPointText(*rec, latencyTarget && req.hpaOmittedReason.isEmpty());
    if (const Accelerator *a = catalog.accelerator(profile.accelerator))
        req.isTpu = a->isTpu;
    else
        req.isTpu = profile.accelerator.startsWith(QLatin1String("tpu"));
    if (const MachineType *m = catalog.machineType(profile.instanceType)) {
        req.machineVcpus = m->vcpus;
        req.machineMemoryGiB = m->memoryGB; // GCE lists machine memory in GB that are GiB
    }
    if (const Model *m = catalog.model(profile.model))
        req.modelWeightsGB = m->weightsGB;
    QStringList notes;
    manifest::applyEstimatedMemoryPlan(catalog, profile, loadModelFacts().models, &req, &notes);

    if (latencyTarget && req.hpaOmittedReason.isEmpty()) {
        const int planned = rec->replicas > 0 ? rec->replicas : req.replicas;
        const HpaRecommendation h = recommendHpa(rec->operatingPoint.point, q.targets, planned);
        manifest::applyHpaRecommendation(&req, h, rec->operatingPoint.point.runningBatchSize,
                                         isKnown(q.targetRequestsPerSecond));
    } else if (!latencyTarget) {
        req.hpaOmittedReason = QStringLiteral("no latency target was given (--target-ntpot-milliseconds, "
                                              "--target-ttft-milliseconds or --target-itl-milliseconds).");
    }

    // Reproducible output (https://reproducible-builds.org/specs/source-date-epoch/): the date comes from
    // SOURCE_DATE_EPOCH when it is set.
    if (const QString epoch = io.env.value(QStringLiteral("SOURCE_DATE_EPOCH")); !epoch.isEmpty()) {
        bool ok = false;
        const qint64 seconds = epoch.toLongLong(&ok);
        if (!ok || seconds < 0)
            return fail(
                io, ExitUsage,
                QStringLiteral("SOURCE_DATE_EPOCH \"%1\" is not a number of seconds").arg(epoch.left(40)));
        req.generatedOn = QDateTime::fromSecsSinceEpoch(seconds, Qt::UTC).date().toString(Qt::ISODate);
    }
    const manifest::ManifestResult generated = manifest::generateManifests(req);
    if (!generated.ok)
        return fail(io, ExitUsage, generated.error);
    for (const QString &w : generated.set.warnings)
        io.err << "warning: " << w << '\n';
    for (const QString &n : std::as_const(notes))
        io.err << "note: " << n << '\n';
    io.err.flush();
    const QString text = generated.set.text(mode);

    const QString path = parser.value(QStringLiteral("output-path"));
    if (path.isEmpty()) {
        io.out << text;
        io.out.flush();
        return ExitOk;
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return fail(io, ExitFailure, QStringLiteral("%1: cannot write: %2").arg(path, file.errorString()));
    file.write(text.toUtf8());
    if (!file.commit())
        return fail(io, ExitFailure, QStringLiteral("%1: cannot write: %2").arg(path, file.errorString()));
    io.err << "Wrote " << generated.set.documents.size() << " manifests to " << path << '\n';
    io.err.flush();
    return ExitOk;
}

} // namespace iq::cli
