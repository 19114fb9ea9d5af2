#pragma once
// Kubernetes manifests for one serving configuration: Deployment, Service, PodMonitoring (GKE) or
// ServiceMonitor (plain Kubernetes), and an HPA when a latency target is given and achievable.
// Built as yaml-cpp trees (no text templates); text() writes them with every typed-in value quoted safely.
// Conventions and sizing rules: docs/manifests.md.

#include "domain.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

#include <yaml-cpp/yaml.h>

namespace iq::manifest {

enum class Target { Gke, Kubernetes };
enum class OutputMode { Manifest, Comments, All };

// "gke" / "kubernetes"; "manifest" / "comments" / "all". Return false on an unknown name.
bool parseTarget(const QString &name, Target *target);
bool parseOutputMode(const QString &name, OutputMode *mode);

struct HpaSpec
{
    enum class Signal { QueueSize, BatchSize }; // requests waiting / requests running, per replica
    Signal signal = Signal::QueueSize;
    double averageValue = kUnknown; // AverageValue target per pod (> 0)
    int minReplicas = 1;
    int maxReplicas = 1;
    QString rationale; // shown in the comments
};

// "vllm:num_requests_waiting" -> QueueSize, "vllm:num_requests_running" -> BatchSize (the names
// core/analysis/replicas.h uses); false for anything else.
bool hpaSignalFromMetric(const QString &metric, HpaSpec::Signal *signal);

struct ManifestRequest
{
    // The serving configuration (a profile and its operating point).
    QString model;              // Hugging Face id, "meta-llama/Llama-3.1-8B-Instruct"
    QString modelServer;        // "vllm", "vllm-tpu", "sglang", "tgi"
    QString modelServerVersion; // image tag; "0.8.5" is written "v0.8.5" for servers whose tags carry a v
    QString accelerator;        // GKE label, "nvidia-l4", "tpu-v6e-slice"
    bool isTpu = false;
    int acceleratorCount = 1;           // per replica = tensor parallel size
    QString instanceType;               // "g2-standard-8"; empty = unknown (no instance-type selector)
    QString tpuTopology;                // "2x4"; required for TPUs
    int machineVcpus = 0;               // 0 = unknown: no CPU request
    double machineMemoryGiB = kUnknown; // GCE machine memory (GCE's "GB" are GiB); unknown: no memory request
    double modelWeightsGB = kUnknown;   // checkpoint size, 1e9 bytes (required)
    QString useCase;                    // for the comments
    // Server settings from the recommendation; 0 / NaN leave the server default.
    int maxModelLength = 0;
    double gpuMemoryUtilization = kUnknown; // (0, 1]
    int maxNumSeqs = 0;
    // Placement and naming.
    QString name; // empty: deriveWorkloadName(modelServer, model)
    QString ns = QStringLiteral("default");
    QString hfSecret = QStringLiteral("hf-secret");
    QString serviceAccount = QStringLiteral("default"); // the KSA the pod runs as (bucket IAM binding)
    QString modelBucketUri; // gs://BUCKET[/DIR]; empty = download from the Hugging Face Hub
    Target target = Target::Gke;
    int replicas = 1; // without HPA
    std::optional<HpaSpec> hpa;
    QString hpaOmittedReason; // why there is no HPA (e.g. target not achievable, with the achievable range)
    // Provenance and versions the profile was validated or estimated with (empty = not recorded).
    Provenance provenance;
    QString clusterVersion;
    QString gpuDriverVersion;
    QString nodeVersion;
    QString operatingPoint;   // one line: what the recommendation promises (throughput, latencies)
    QStringList notes;        // why server settings have their values; one comment paragraph each
    QString generatedOn;      // ISO date; empty = today (UTC). Tests inject it.
    QString generatorVersion; // empty = this build's version
};

struct ManifestSet
{
    QString name; // workload name actually used
    QString ns;
    QList<YAML::Node> documents; // Deployment, Service, PodMonitoring/ServiceMonitor, [HPA]
    QStringList comments;        // lines without the "# " prefix
    QStringList warnings;        // notes the caller should show (also in the comments)

    // GIQ shape: each manifest followed by a line "---", then the comment lines prefixed "# ".
    // Manifest: no comment at all. Comments: only the comment lines.
    QString text(OutputMode mode = OutputMode::All) const;
};

struct ManifestResult
{
    bool ok = false;
    QString error; // one message naming the input and the rule (exit 2 in the CLI)
    ManifestSet set;
};

ManifestResult generateManifests(const ManifestRequest &request);

} // namespace iq::manifest
