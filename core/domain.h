#pragma once
// Domain value types shared by the catalog, the analysis functions, the estimator, the CLI and the GUI.
// Plain structs: copyable, comparable, no QObject. Unknown numbers are NaN (see iq::isKnown), never 0,
// because 0 ms or 0 tokens/s are real values that must not be confused with "not measured".

#include <QList>
#include <QString>
#include <QStringList>

#include <cmath>
#include <limits>

namespace iq {

inline constexpr double kUnknown = std::numeric_limits<double>::quiet_NaN();
inline bool isKnown(double v)
{
    return !std::isnan(v);
}
// Equality for numbers that may be unknown: two unknowns are the same value (NaN != NaN otherwise).
inline bool sameNumber(double a, double b)
{
    return a == b || (std::isnan(a) && std::isnan(b));
}

// Where a number comes from. Every profile carries one; the CLI and GUI show it.
struct Provenance
{
    enum class Kind { Measured, Estimated, Imported };
    Kind kind = Kind::Measured;
    QString source;                     // citation: URL or document name (measured), tool name (imported)
    QString date;                       // ISO date of the measurement / estimate / import
    QString estimatorVersion;           // Estimated only
    double errorBandPercent = kUnknown; // Estimated only: calibration error band (median APE, %)
    QString file;                       // Imported only: the file the data came from
    QString note;                       // free text (load conditions, caveats)

    friend bool operator==(const Provenance &a, const Provenance &b)
    {
        return a.kind == b.kind && a.source == b.source && a.date == b.date &&
               a.estimatorVersion == b.estimatorVersion &&
               sameNumber(a.errorBandPercent, b.errorBandPercent) && a.file == b.file && a.note == b.note;
    }
};

QString provenanceKindName(Provenance::Kind kind); // "measured", "estimated", "imported"
bool parseProvenanceKind(const QString &name, Provenance::Kind *kind);

// Summary statistics of one latency metric over the requests of a load point, in milliseconds.
struct LatencyStats
{
    double mean = kUnknown;
    double p50 = kUnknown;
    double p90 = kUnknown;
    double p99 = kUnknown;

    // The value targets and tables use: the mean when known, else the median (GIQ reports means).
    double headline() const { return isKnown(mean) ? mean : p50; }
    friend bool operator==(const LatencyStats &a, const LatencyStats &b)
    {
        return sameNumber(a.mean, b.mean) && sameNumber(a.p50, b.p50) && sameNumber(a.p90, b.p90) &&
               sameNumber(a.p99, b.p99);
    }
};

// One load point of a latency-throughput curve (definitions: resources/reference/METRICS.md).
struct BenchmarkPoint
{
    double requestRate = kUnknown; // requests/s offered (QPS)
    double concurrency = kUnknown; // fixed concurrency, or mean requests in flight
    double inputTokensPerSecond = kUnknown;
    double outputTokensPerSecond = kUnknown;
    double totalTokensPerSecond = kUnknown;
    LatencyStats ttftMs;                  // time to first token
    LatencyStats tpotMs;                  // (E2E - TTFT) / (output tokens - 1)
    LatencyStats ntpotMs;                 // E2E / output tokens
    LatencyStats itlMs;                   // gaps between streamed tokens, pooled over requests
    LatencyStats e2eMs;                   // request latency
    double queueSize = kUnknown;          // mean requests waiting (vllm:num_requests_waiting)
    double runningBatchSize = kUnknown;   // mean requests running (vllm:num_requests_running)
    double kvCacheUtilization = kUnknown; // 0..1

    friend bool operator==(const BenchmarkPoint &a, const BenchmarkPoint &b)
    {
        return sameNumber(a.requestRate, b.requestRate) && sameNumber(a.concurrency, b.concurrency) &&
               sameNumber(a.inputTokensPerSecond, b.inputTokensPerSecond) &&
               sameNumber(a.outputTokensPerSecond, b.outputTokensPerSecond) &&
               sameNumber(a.totalTokensPerSecond, b.totalTokensPerSecond) && a.ttftMs == b.ttftMs &&
               a.tpotMs == b.tpotMs && a.ntpotMs == b.ntpotMs && a.itlMs == b.itlMs && a.e2eMs == b.e2eMs &&
               sameNumber(a.queueSize, b.queueSize) && sameNumber(a.runningBatchSize, b.runningBatchSize) &&
               sameNumber(a.kvCacheUtilization, b.kvCacheUtilization);
    }
};

struct Accelerator
{
    QString gkeLabel;    // cloud.google.com/gke-accelerator or gke-tpu-accelerator value
    QString displayName; // "NVIDIA L4"
    bool isTpu = false;
    double memoryGB = kUnknown; // per chip, 1e9 bytes
    double memoryBandwidthGBps = kUnknown;
    double bf16Tflops = kUnknown;       // dense
    double fp8Tflops = kUnknown;        // dense
    double int8Tops = kUnknown;         // dense
    double fp4Tflops = kUnknown;        // dense
    double interconnectGBps = kUnknown; // per direction, per chip
    QString interconnect;               // human description
    QStringList sources;

    friend bool operator==(const Accelerator &a, const Accelerator &b)
    {
        return a.gkeLabel == b.gkeLabel && a.displayName == b.displayName && a.isTpu == b.isTpu &&
               sameNumber(a.memoryGB, b.memoryGB) &&
               sameNumber(a.memoryBandwidthGBps, b.memoryBandwidthGBps) &&
               sameNumber(a.bf16Tflops, b.bf16Tflops) && sameNumber(a.fp8Tflops, b.fp8Tflops) &&
               sameNumber(a.int8Tops, b.int8Tops) && sameNumber(a.fp4Tflops, b.fp4Tflops) &&
               sameNumber(a.interconnectGBps, b.interconnectGBps) && a.interconnect == b.interconnect &&
               a.sources == b.sources;
    }
};

struct MachineType
{
    QString name;        // "g2-standard-48"
    QString accelerator; // Accelerator::gkeLabel
    int acceleratorCount = 0;
    QString tpuTopology; // "2x4" for TPU slices, empty for GPUs
    int vcpus = 0;
    double memoryGB = kUnknown;
    QStringList sources;

    friend bool operator==(const MachineType &a, const MachineType &b)
    {
        return a.name == b.name && a.accelerator == b.accelerator &&
               a.acceleratorCount == b.acceleratorCount && a.tpuTopology == b.tpuTopology &&
               a.vcpus == b.vcpus && sameNumber(a.memoryGB, b.memoryGB) && a.sources == b.sources;
    }
};

// Pricing models as gcloud names them.
inline const QStringList &pricingModelNames()
{
    static const QStringList names{QStringLiteral("on-demand"), QStringLiteral("spot"),
                                   QStringLiteral("1-year-cud"), QStringLiteral("3-years-cud")};
    return names;
}

// A list price for one machine type, region and pricing model.
struct Price
{
    QString machineType;
    QString region;               // "us-central1"
    QString pricingModel;         // one of pricingModelNames()
    double usdPerHour = kUnknown; // per machine (all its accelerators)
    QString asOf;                 // ISO date of the price list
    QString source;               // citation
    bool derived = false;         // true when computed (e.g. per-chip TPU price x chips), not listed
    QString note;

    friend bool operator==(const Price &a, const Price &b)
    {
        return a.machineType == b.machineType && a.region == b.region && a.pricingModel == b.pricingModel &&
               sameNumber(a.usdPerHour, b.usdPerHour) && a.asOf == b.asOf && a.source == b.source &&
               a.derived == b.derived && a.note == b.note;
    }
};

struct Model
{
    QString id;                          // Hugging Face id, "meta-llama/Llama-3.1-8B-Instruct"
    QString family;                      // "Llama 3.1"
    QString architecture;                // "LlamaForCausalLM"
    double parametersB = kUnknown;       // total, billions
    double activeParametersB = kUnknown; // per token (MoE), billions
    double weightsGB = kUnknown;         // checkpoint weights at its native precision
    QString precision;                   // native checkpoint precision: "bf16", "fp8", "mxfp4"
    int maxContextLength = 0;
    QStringList sources;

    friend bool operator==(const Model &a, const Model &b)
    {
        return a.id == b.id && a.family == b.family && a.architecture == b.architecture &&
               sameNumber(a.parametersB, b.parametersB) &&
               sameNumber(a.activeParametersB, b.activeParametersB) && sameNumber(a.weightsGB, b.weightsGB) &&
               a.precision == b.precision && a.maxContextLength == b.maxContextLength &&
               a.sources == b.sources;
    }
};

struct ModelServer
{
    QString name;         // "vllm", "sglang", "tgi", "vllm-tpu", "jetstream"
    QStringList versions; // newest first
    QString image;        // container image repository

    friend bool operator==(const ModelServer &, const ModelServer &) = default;
};

struct UseCase
{
    QString name;         // "Chatbot (ShareGPT)"
    int inputLength = 0;  // average input tokens
    int outputLength = 0; // average output tokens

    friend bool operator==(const UseCase &, const UseCase &) = default;
};

// One serving configuration and its latency-throughput curve, points sorted by increasing load.
struct Profile
{
    QString model;
    QString modelServer;
    QString modelServerVersion;
    QString accelerator; // Accelerator::gkeLabel
    int acceleratorCount = 0;
    QString instanceType; // MachineType::name
    QString tpuTopology;
    QString useCase; // UseCase::name
    double averageInputLength = kUnknown;
    double averageOutputLength = kUnknown;
    QString servingStack; // e.g. "llm-d"; empty for a plain model server
    QString servingStackVersion;
    QString precision; // weights precision the profile was run with
    Provenance provenance;
    QList<BenchmarkPoint> points;

    friend bool operator==(const Profile &a, const Profile &b)
    {
        return a.model == b.model && a.modelServer == b.modelServer &&
               a.modelServerVersion == b.modelServerVersion && a.accelerator == b.accelerator &&
               a.acceleratorCount == b.acceleratorCount && a.instanceType == b.instanceType &&
               a.tpuTopology == b.tpuTopology && a.useCase == b.useCase &&
               sameNumber(a.averageInputLength, b.averageInputLength) &&
               sameNumber(a.averageOutputLength, b.averageOutputLength) && a.servingStack == b.servingStack &&
               a.servingStackVersion == b.servingStackVersion && a.precision == b.precision &&
               a.provenance == b.provenance && a.points == b.points;
    }
};

// Everything a catalog file holds. Several of these overlay each other (embedded < user dir < --catalog).
struct CatalogData
{
    QString name; // human name of the catalog
    QString description;
    QList<Accelerator> accelerators;
    QList<MachineType> machineTypes;
    QList<Price> prices;
    QList<Model> models;
    QList<ModelServer> modelServers;
    QList<UseCase> useCases;
    QList<Profile> profiles;
};

} // namespace iq
