#include "manifestgenerator.h"

#include "kubenames.h"
#include "nodesizing.h"
#include "yamlwriter.h"

#include <QDate>
#include <QRegularExpression>

#include <cmath>

namespace iq::manifest {

namespace {

const QString kPort = QStringLiteral("8000");
constexpr int kPortNumber = 8000;
constexpr double kGiB = 1073741824.0;
// Models of 90 GiB or more keep the Hugging Face cache in memory (GIQ-INTERFACE.md: node boot disk is
// 100 GiB with 10% reserved, so a bigger download is evicted for ephemeral storage).
constexpr double kHfHomeInMemoryGiB = 90.0;
// Labels and annotations under our own domain.
std::string ours(const char *key)
{
    return std::string("iqstudio.dev/") + key;
}

struct ServerSpec
{
    QString name;
    QString image;
    bool tpu = false;
    bool tagWithV = true; // image tags carry a leading "v"
    QStringList command;
    QString queueMetric; // requests waiting
    QString batchMetric; // requests running
};

const QList<ServerSpec> &servers()
{
    static const QList<ServerSpec> list{
        {QStringLiteral("vllm"),
         QStringLiteral("vllm/vllm-openai"),
         false,
         true,
         {QStringLiteral("python3"), QStringLiteral("-m"),
          QStringLiteral("vllm.entrypoints.openai.api_server")},
         QStringLiteral("vllm:num_requests_waiting"),
         QStringLiteral("vllm:num_requests_running")},
        {QStringLiteral("vllm-tpu"),
         QStringLiteral("vllm/vllm-tpu"),
         true,
         true,
         {QStringLiteral("python3"), QStringLiteral("-m"),
          QStringLiteral("vllm.entrypoints.openai.api_server")},
         QStringLiteral("vllm:num_requests_waiting"),
         QStringLiteral("vllm:num_requests_running")},
        {QStringLiteral("sglang"),
         QStringLiteral("lmsysorg/sglang"),
         false,
         true,
         {QStringLiteral("python3"), QStringLiteral("-m"), QStringLiteral("sglang.launch_server")},
         QStringLiteral("sglang:num_queue_reqs"),
         QStringLiteral("sglang:num_running_reqs")},
        {QStringLiteral("tgi"),
         QStringLiteral("ghcr.io/huggingface/text-generation-inference"),
         false,
         false,
         {},
         QStringLiteral("tgi_queue_size"),
         QStringLiteral("tgi_batch_current_size")},
    };
    return list;
}

QString formatNumber(double v)
{
    return QString::number(v, 'g', 6);
}

// A Kubernetes quantity with at most milli precision: 3 -> "3", 12.5 -> "12500m".
QString quantity(double v)
{
    const auto millis = static_cast<qint64>(std::llround(v * 1000.0));
    if (millis % 1000 == 0)
        return QString::number(millis / 1000);
    return QString::number(millis) + QLatin1Char('m');
}

QString containsControl(const QString &s)
{
    for (const QChar c : s) {
        if (c.unicode() < 0x20 || c.unicode() == 0x7f)
            return QStringLiteral("control character");
    }
    return {};
}

// Comment lines: every embedded line break starts a new comment line, so free text cannot leave the comment.
void addComment(QStringList &lines, const QString &text)
{
    if (!text.contains(QLatin1Char('\n')) && !text.contains(QLatin1Char('\r'))) {
        lines << text;
        return;
    }
    static const QRegularExpression lineBreak(QStringLiteral("\r\n|\r|\n"));
    const QStringList parts = text.split(lineBreak);
    for (const QString &part : parts)
        lines << part;
}

QString provenanceText(const Provenance &p)
{
    QString text = provenanceKindName(p.kind);
    QStringList details;
    switch (p.kind) {
    case Provenance::Kind::Measured:
        if (!p.source.isEmpty())
            details << p.source;
        break;
    case Provenance::Kind::Estimated:
        details << (p.estimatorVersion.isEmpty() ? QStringLiteral("iq estimator")
                                                 : QStringLiteral("iq estimator %1").arg(p.estimatorVersion));
        if (isKnown(p.errorBandPercent))
            details << QStringLiteral("calibration error band +/-%1%").arg(formatNumber(p.errorBandPercent));
        break;
    case Provenance::Kind::Imported:
        if (!p.source.isEmpty())
            details << p.source;
        if (!p.file.isEmpty())
            details << p.file;
        break;
    }
    if (!p.date.isEmpty())
        details << p.date;
    if (!details.isEmpty())
        text += QStringLiteral(" (") + details.join(QStringLiteral(", ")) + QLatin1Char(')');
    return text;
}

YAML::Node envVar(const QString &name, const QString &value)
{
    YAML::Node n;
    n["name"] = str(name);
    n["value"] = str(value);
    return n;
}

YAML::Node secretEnv(const QString &name, const QString &secret, const QString &key)
{
    YAML::Node n;
    n["name"] = str(name);
    n["valueFrom"]["secretKeyRef"]["name"] = str(secret);
    n["valueFrom"]["secretKeyRef"]["key"] = str(key);
    return n;
}

YAML::Node httpProbe(int period, int failureThreshold, int timeout)
{
    YAML::Node n;
    n["httpGet"]["path"] = str("/health");
    n["httpGet"]["port"] = num(kPortNumber);
    n["periodSeconds"] = num(period);
    n["timeoutSeconds"] = num(timeout);
    n["failureThreshold"] = num(failureThreshold);
    return n;
}

YAML::Node metadata(const QString &name, const QString &ns, const YAML::Node &labels)
{
    YAML::Node n;
    n["name"] = str(name);
    n["namespace"] = str(ns);
    n["labels"] = YAML::Clone(labels);
    return n;
}

struct Context
{
    const ManifestRequest &req;
    const ServerSpec &server;
    QString name;
    QString tag;
    BucketUri bucket;
    bool useBucket = false;
    bool hfHomeInMemory = false;
    double weightsGiB = 0;
    int startupSeconds = 0;
    qint64 cpuMillis = 0; // 0 = no request
    qint64 memoryMiB = 0; // 0 = no request
    QString generatedOn;
    QString version;
    QStringList warnings;
};

QString modelArgValue(const Context &c)
{
    return c.useBucket ? QStringLiteral("/models") : c.req.model;
}

QStringList serverArgs(const Context &c)
{
    const ManifestRequest &r = c.req;
    QStringList args;
    const QString model = modelArgValue(c);
    if (c.server.name == QLatin1String("tgi")) {
        args << QStringLiteral("--model-id=") + model;
        args << QStringLiteral("--num-shard=%1").arg(r.acceleratorCount);
        if (r.maxModelLength > 0)
            args << QStringLiteral("--max-total-tokens=%1").arg(r.maxModelLength);
        if (isKnown(r.gpuMemoryUtilization))
            args << QStringLiteral("--cuda-memory-fraction=") + formatNumber(r.gpuMemoryUtilization);
        args << QStringLiteral("--port=") + kPort;
        return args;
    }
    if (c.server.name == QLatin1String("sglang")) {
        args << QStringLiteral("--model-path=") + model;
        if (c.useBucket)
            args << QStringLiteral("--served-model-name=") + r.model;
        args << QStringLiteral("--tp=%1").arg(r.acceleratorCount);
        if (r.maxModelLength > 0)
            args << QStringLiteral("--context-length=%1").arg(r.maxModelLength);
        if (isKnown(r.gpuMemoryUtilization))
            args << QStringLiteral("--mem-fraction-static=") + formatNumber(r.gpuMemoryUtilization);
        if (r.maxNumSeqs > 0)
            args << QStringLiteral("--max-running-requests=%1").arg(r.maxNumSeqs);
        args << QStringLiteral("--enable-metrics") << QStringLiteral("--host=0.0.0.0")
             << QStringLiteral("--port=") + kPort;
        return args;
    }
    // vLLM (GPU and TPU).
    args << QStringLiteral("--model=") + model;
    if (c.useBucket)
        args << QStringLiteral("--served-model-name=") + r.model;
    args << QStringLiteral("--tensor-parallel-size=%1").arg(r.acceleratorCount);
    if (r.maxModelLength > 0)
        args << QStringLiteral("--max-model-len=%1").arg(r.maxModelLength);
    if (isKnown(r.gpuMemoryUtilization))
        args << QStringLiteral("--gpu-memory-utilization=") + formatNumber(r.gpuMemoryUtilization);
    if (r.maxNumSeqs > 0)
        args << QStringLiteral("--max-num-seqs=%1").arg(r.maxNumSeqs);
    args << QStringLiteral("--host=0.0.0.0") << QStringLiteral("--port=") + kPort;
    return args;
}

YAML::Node commonLabels(const Context &c)
{
    YAML::Node labels;
    labels["app"] = str(c.name);
    labels["app.kubernetes.io/name"] = str(c.name);
    labels["app.kubernetes.io/component"] = str("model-server");
    labels[ours("model-server")] = str(toLabelValue(c.server.name));
    labels[ours("model")] = str(toLabelValue(c.req.model));
    labels[ours("accelerator")] = str(toLabelValue(c.req.accelerator));
    return labels;
}

YAML::Node deployment(const Context &c, const YAML::Node &labels)
{
    const ManifestRequest &r = c.req;
    const bool gke = r.target == Target::Gke;
    YAML::Node d;
    d["apiVersion"] = str("apps/v1");
    d["kind"] = str("Deployment");
    d["metadata"] = metadata(c.name, r.ns, labels);
    YAML::Node annotations;
    annotations[ours("version")] = str(c.version);
    annotations[ours("generated-on")] = str(c.generatedOn);
    annotations[ours("profile")] =
        str(QStringLiteral("%1; %2 %3; %4 x %5%6")
                .arg(r.model, c.server.name, c.tag)
                .arg(r.acceleratorCount)
                .arg(r.accelerator,
                     r.instanceType.isEmpty() ? QString() : QStringLiteral(" on ") + r.instanceType));
    annotations[ours("profile-provenance")] = str(provenanceText(r.provenance));
    if (!r.useCase.isEmpty())
        annotations[ours("use-case")] = str(r.useCase);
    if (!r.operatingPoint.isEmpty())
        annotations[ours("operating-point")] = str(r.operatingPoint);
    d["metadata"]["annotations"] = annotations;

    YAML::Node spec;
    if (!r.hpa) // with an HPA the replica count is the HPA's; a replicas field would fight it on every apply
        spec["replicas"] = num(r.replicas);
    spec["selector"]["matchLabels"]["app"] = str(c.name);

    YAML::Node podMeta;
    podMeta["labels"] = YAML::Clone(labels);
    if (c.useBucket) {
        YAML::Node pa;
        pa["gke-gcsfuse/volumes"] = str("true");
        // "0" = no limit: the sidecar may use what the file cache and parallel downloads need.
        pa["gke-gcsfuse/cpu-limit"] = str("0");
        pa["gke-gcsfuse/memory-limit"] = str("0");
        pa["gke-gcsfuse/ephemeral-storage-limit"] = str("0");
        podMeta["annotations"] = pa;
    }
    spec["template"]["metadata"] = podMeta;

    YAML::Node pod;
    if (c.useBucket || r.serviceAccount != QLatin1String("default"))
        pod["serviceAccountName"] = str(r.serviceAccount);
    YAML::Node container;
    container["name"] = str("inference-server");
    container["image"] = str(c.server.image + QLatin1Char(':') + c.tag);
    if (!c.server.command.isEmpty()) {
        YAML::Node cmd(YAML::NodeType::Sequence);
        for (const QString &part : c.server.command)
            cmd.push_back(str(part));
        container["command"] = cmd;
    }
    YAML::Node args(YAML::NodeType::Sequence);
    for (const QString &a : serverArgs(c))
        args.push_back(str(a));
    container["args"] = args;

    YAML::Node env(YAML::NodeType::Sequence);
    if (!c.useBucket) {
        env.push_back(
            secretEnv(QStringLiteral("HUGGING_FACE_HUB_TOKEN"), r.hfSecret, QStringLiteral("hf_api_token")));
        env.push_back(secretEnv(QStringLiteral("HF_TOKEN"), r.hfSecret, QStringLiteral("hf_api_token")));
    }
    if (c.hfHomeInMemory)
        env.push_back(envVar(QStringLiteral("HF_HOME"), QStringLiteral("/dev/shm/hf_cache")));
    if (r.isTpu)
        env.push_back(envVar(QStringLiteral("VLLM_XLA_CACHE_PATH"), QStringLiteral("/xla-cache")));
    if (env.size() > 0)
        container["env"] = env;

    YAML::Node port;
    port["name"] = str("http");
    port["containerPort"] = num(kPortNumber);
    container["ports"].push_back(port);

    const QString acceleratorResource =
        r.isTpu ? QStringLiteral("google.com/tpu") : QStringLiteral("nvidia.com/gpu");
    YAML::Node resources;
    resources["requests"][acceleratorResource.toStdString()] = str(QString::number(r.acceleratorCount));
    resources["limits"][acceleratorResource.toStdString()] = str(QString::number(r.acceleratorCount));
    if (c.cpuMillis > 0)
        resources["requests"]["cpu"] = str(QString::number(c.cpuMillis) + QLatin1Char('m'));
    if (c.memoryMiB > 0) {
        // Memory limit = request: the pod never relies on memory the scheduler did not give it. No CPU limit:
        // throttling the tokenizer/scheduler threads only adds latency.
        resources["requests"]["memory"] = str(QString::number(c.memoryMiB) + QStringLiteral("Mi"));
        resources["limits"]["memory"] = str(QString::number(c.memoryMiB) + QStringLiteral("Mi"));
    }
    if (!c.useBucket && !c.hfHomeInMemory) {
        // The download lands in the container's writable layer: make the scheduler account for it.
        const auto gi = static_cast<qint64>(std::ceil(c.weightsGiB));
        resources["requests"]["ephemeral-storage"] = str(QString::number(gi) + QStringLiteral("Gi"));
    }
    container["resources"] = resources;

    const int failures = (c.startupSeconds + kStartupProbePeriodSeconds - 1) / kStartupProbePeriodSeconds;
    container["startupProbe"] = httpProbe(kStartupProbePeriodSeconds, failures, 5);
    container["readinessProbe"] = httpProbe(5, 3, 5);
    container["livenessProbe"] = httpProbe(10, 6, 5);

    YAML::Node mounts(YAML::NodeType::Sequence);
    YAML::Node volumes(YAML::NodeType::Sequence);
    {
        YAML::Node m;
        m["name"] = str("dshm");
        m["mountPath"] = str("/dev/shm");
        mounts.push_back(m);
        YAML::Node v;
        v["name"] = str("dshm");
        v["emptyDir"]["medium"] = str("Memory");
        volumes.push_back(v);
    }
    if (r.isTpu) {
        YAML::Node m;
        m["name"] = str("xla-cache");
        m["mountPath"] = str("/xla-cache");
        mounts.push_back(m);
        YAML::Node v;
        v["name"] = str("xla-cache");
        v["emptyDir"] = YAML::Node(YAML::NodeType::Map);
        volumes.push_back(v);
    }
    if (c.useBucket) {
        YAML::Node m;
        m["name"] = str("model-bucket");
        m["mountPath"] = str("/models");
        m["readOnly"] = boolean(true);
        mounts.push_back(m);
        QStringList options{QStringLiteral("implicit-dirs"),
                            QStringLiteral("file-cache:enable-parallel-downloads:true"),
                            QStringLiteral("file-cache:parallel-downloads-per-file:100"),
                            QStringLiteral("file-cache:max-parallel-downloads:-1"),
                            QStringLiteral("file-cache:download-chunk-size-mb:10"),
                            QStringLiteral("file-cache:max-size-mb:-1")};
        if (!c.bucket.dir.isEmpty())
            options << QStringLiteral("only-dir:") + c.bucket.dir;
        YAML::Node v;
        v["name"] = str("model-bucket");
        v["csi"]["driver"] = str("gcsfuse.csi.storage.gke.io");
        v["csi"]["readOnly"] = boolean(true);
        v["csi"]["volumeAttributes"]["bucketName"] = str(c.bucket.bucket);
        v["csi"]["volumeAttributes"]["mountOptions"] = str(options.join(QLatin1Char(',')));
        v["csi"]["volumeAttributes"]["fileCacheForRangeRead"] = str("true");
        volumes.push_back(v);
        // The FUSE file cache lives in memory (the boot disk is too small for large checkpoints).
        YAML::Node cache;
        cache["name"] = str("gke-gcsfuse-cache");
        cache["emptyDir"]["medium"] = str("Memory");
        volumes.push_back(cache);
    }
    container["volumeMounts"] = mounts;
    pod["containers"].push_back(container);
    pod["volumes"] = volumes;

    if (gke) {
        YAML::Node selector;
        if (r.isTpu) {
            selector["cloud.google.com/gke-tpu-accelerator"] = str(r.accelerator);
            selector["cloud.google.com/gke-tpu-topology"] = str(r.tpuTopology);
        } else {
            selector["cloud.google.com/gke-accelerator"] = str(r.accelerator);
        }
        // No node.kubernetes.io/instance-type selector: Autopilot does not schedule on it, and the CPU/memory
        // requests (sized for the machine type) already keep the pod off smaller machines.
        pod["nodeSelector"] = selector;
    } else {
        // GPU nodes are commonly tainted nvidia.com/gpu (NVIDIA GPU Operator, most managed clusters).
        YAML::Node t;
        t["key"] = str("nvidia.com/gpu");
        t["operator"] = str("Exists");
        t["effect"] = str("NoSchedule");
        pod["tolerations"].push_back(t);
    }
    spec["template"]["spec"] = pod;
    d["spec"] = spec;
    return d;
}

YAML::Node service(const Context &c, const YAML::Node &labels)
{
    YAML::Node s;
    s["apiVersion"] = str("v1");
    s["kind"] = str("Service");
    s["metadata"] = metadata(c.name + QStringLiteral("-service"), c.req.ns, labels);
    s["spec"]["type"] = str("ClusterIP");
    s["spec"]["selector"]["app"] = str(c.name);
    YAML::Node port;
    port["name"] = str("http");
    port["protocol"] = str("TCP");
    port["port"] = num(kPortNumber);
    port["targetPort"] = num(kPortNumber);
    s["spec"]["ports"].push_back(port);
    return s;
}

YAML::Node monitoring(const Context &c, const YAML::Node &labels)
{
    YAML::Node m;
    YAML::Node endpoint;
    if (c.req.target == Target::Gke) {
        m["apiVersion"] = str("monitoring.googleapis.com/v1");
        m["kind"] = str("PodMonitoring");
        endpoint["port"] = num(kPortNumber);
    } else {
        m["apiVersion"] = str("monitoring.coreos.com/v1");
        m["kind"] = str("ServiceMonitor");
        endpoint["port"] = str("http");
    }
    endpoint["path"] = str("/metrics");
    endpoint["interval"] = str("15s");
    m["metadata"] = metadata(c.name + QStringLiteral("-monitoring"), c.req.ns, labels);
    m["spec"]["selector"]["matchLabels"]["app"] = str(c.name);
    m["spec"]["endpoints"].push_back(endpoint);
    return m;
}

QString hpaMetricName(const Context &c, const HpaSpec &hpa)
{
    const QString raw =
        hpa.signal == HpaSpec::Signal::QueueSize ? c.server.queueMetric : c.server.batchMetric;
    if (c.req.target == Target::Gke)
        return QStringLiteral("prometheus.googleapis.com|%1|gauge").arg(raw);
    // prometheus-adapter exposes it under a name without ':' (rule in the comments).
    return QString(raw).replace(QLatin1Char(':'), QLatin1Char('_'));
}

YAML::Node hpaDocument(const Context &c, const YAML::Node &labels, const HpaSpec &hpa)
{
    YAML::Node h;
    h["apiVersion"] = str("autoscaling/v2");
    h["kind"] = str("HorizontalPodAutoscaler");
    h["metadata"] = metadata(c.name + QStringLiteral("-hpa"), c.req.ns, labels);
    h["spec"]["scaleTargetRef"]["apiVersion"] = str("apps/v1");
    h["spec"]["scaleTargetRef"]["kind"] = str("Deployment");
    h["spec"]["scaleTargetRef"]["name"] = str(c.name);
    h["spec"]["minReplicas"] = num(hpa.minReplicas);
    h["spec"]["maxReplicas"] = num(hpa.maxReplicas);
    YAML::Node metric;
    metric["type"] = str("Pods");
    metric["pods"]["metric"]["name"] = str(hpaMetricName(c, hpa));
    metric["pods"]["target"]["type"] = str("AverageValue");
    metric["pods"]["target"]["averageValue"] = str(quantity(hpa.averageValue));
    h["spec"]["metrics"].push_back(metric);
    h["spec"]["behavior"]["scaleDown"]["stabilizationWindowSeconds"] = num(300);
    return h;
}

QStringList comments(const Context &c)
{
    const ManifestRequest &r = c.req;
    const bool gke = r.target == Target::Gke;
    const bool estimated = r.provenance.kind == Provenance::Kind::Estimated;
    const QString validated = estimated ? QStringLiteral("estimated") : QStringLiteral("validated");
    QStringList l;
    addComment(l, QStringLiteral("Generated on %1 using:").arg(c.generatedOn));
    addComment(l, QStringLiteral("  iq (Inference Quickstart Studio) %1").arg(c.version));
    addComment(l, QStringLiteral("  Profile: %1, %2 %3, %4 x %5%6%7")
                      .arg(r.model, c.server.name, c.tag)
                      .arg(r.acceleratorCount)
                      .arg(r.accelerator,
                           r.instanceType.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(r.instanceType),
                           r.tpuTopology.isEmpty() ? QString()
                                                   : QStringLiteral(", topology %1").arg(r.tpuTopology)));
    if (!r.useCase.isEmpty())
        addComment(l, QStringLiteral("  Use case: %1").arg(r.useCase));
    addComment(l, QStringLiteral("  Profile data: %1").arg(provenanceText(r.provenance)));
    if (estimated)
        addComment(l, QStringLiteral(
                          "  The numbers are estimated, not measured on a cluster: load-test before relying "
                          "on them."));
    addComment(l, r.clusterVersion.isEmpty()
                      ? QStringLiteral("  GKE cluster version: not recorded with the profile")
                      : QStringLiteral("  GKE cluster %1 (%2)").arg(r.clusterVersion, validated));
    if (!r.isTpu) {
        if (r.gpuDriverVersion.isEmpty())
            addComment(l, QStringLiteral("  GPU driver: not recorded with the profile"));
        else
            addComment(l, QStringLiteral("  %1 GPU driver for node version %2 (%3)")
                              .arg(r.gpuDriverVersion,
                                   r.nodeVersion.isEmpty() ? QStringLiteral("(not recorded)") : r.nodeVersion,
                                   validated));
    }
    addComment(l, QStringLiteral("  Model server %1 %2 (%3)").arg(c.server.name, c.tag, validated));
    if (!r.operatingPoint.isEmpty())
        addComment(l, QStringLiteral("  Operating point: %1").arg(r.operatingPoint));
    l << QString();

    if (r.hpa) {
        addComment(l, QStringLiteral("Autoscaling: %1 from %2 to %3 replicas on %4 (average %5 per pod).")
                          .arg(r.hpa->signal == HpaSpec::Signal::QueueSize ? QStringLiteral("queue size")
                                                                           : QStringLiteral("batch size"))
                          .arg(r.hpa->minReplicas)
                          .arg(r.hpa->maxReplicas)
                          .arg(hpaMetricName(c, *r.hpa), quantity(r.hpa->averageValue)));
        if (!r.hpa->rationale.isEmpty())
            addComment(l, QStringLiteral("  ") + r.hpa->rationale);
    } else {
        addComment(l, QStringLiteral("No HorizontalPodAutoscaler: %1")
                          .arg(r.hpaOmittedReason.isEmpty() ? QStringLiteral("no latency target was given.")
                                                            : r.hpaOmittedReason));
        addComment(l, QStringLiteral("  Replicas: %1 (fixed).").arg(r.replicas));
    }
    l << QString();

    addComment(
        l, QStringLiteral("Sizing: requests are the node's allocatable CPU/memory (GKE reservation rule) "
                          "minus an allowance of %1m CPU / %2 MiB for system DaemonSets; the startup probe "
                          "allows %3 s (base %4 s + %5 GB of weights at an assumed %6 GB/s).")
               .arg(kDaemonSetCpuMillis)
               .arg(kDaemonSetMemoryMiB)
               .arg(c.startupSeconds)
               .arg(r.isTpu ? kTpuStartupBaseSeconds : kGpuStartupBaseSeconds)
               .arg(formatNumber(r.modelWeightsGB), formatNumber(kAssumedLoadRateGBps)));
    if (c.hfHomeInMemory)
        addComment(l, QStringLiteral(
                          "HF_HOME=/dev/shm/hf_cache: the %1 GiB checkpoint is downloaded to memory because "
                          "a GKE node's 100 GiB boot disk (10% reserved) cannot hold it; the memory "
                          "request covers it.")
                          .arg(QString::number(c.weightsGiB, 'f', 1)));
    for (const QString &n : r.notes)
        addComment(l, n);
    for (const QString &w : c.warnings)
        addComment(l, QStringLiteral("Warning: ") + w);
    l << QString();

    int step = 1;
    auto heading = [&](const QString &text) {
        addComment(l, QStringLiteral("%1. %2").arg(step++).arg(text));
    };
    if (!c.useBucket) {
        heading(QStringLiteral("Create the Hugging Face token secret (the token stays off the command line; "
                               "printf is a shell builtin):"));
        addComment(l, QStringLiteral("   read -rs HF_TOKEN"));
        addComment(l, QStringLiteral("   printf '%s' \"$HF_TOKEN\" | kubectl create secret generic %1 "
                                     "--from-file=hf_api_token=/dev/stdin -n %2")
                          .arg(r.hfSecret, r.ns));
    } else {
        heading(QStringLiteral(
            "Let the pod's Kubernetes service account read the model bucket (Workload Identity "
            "Federation for GKE must be enabled):"));
        addComment(l,
                   QStringLiteral("   gcloud storage buckets add-iam-policy-binding gs://%1 "
                                  "--member=principal://iam.googleapis.com/projects/PROJECT_NUMBER/locations/"
                                  "global/workloadIdentityPools/PROJECT_ID.svc.id.goog/subject/ns/%2/sa/%3 "
                                  "--role=roles/storage.objectViewer")
                       .arg(c.bucket.bucket, r.ns, r.serviceAccount));
        if (r.serviceAccount != QLatin1String("default"))
            addComment(
                l, QStringLiteral("   kubectl create serviceaccount %1 -n %2").arg(r.serviceAccount, r.ns));
        addComment(l, QStringLiteral("   gcloud container clusters update CLUSTER_NAME --location=LOCATION "
                                     "--update-addons=GcsFuseCsiDriver=ENABLED"));
        addComment(
            l,
            QStringLiteral("   gs://%1%2 must be the directory holding config.json, or the server treats "
                           "the path as a Hub id and fails.")
                .arg(c.bucket.bucket, c.bucket.dir.isEmpty() ? QString() : QLatin1Char('/') + c.bucket.dir));
    }
    if (gke) {
        heading(
            QStringLiteral("Enable Google Cloud Managed Service for Prometheus%1 and automatic application "
                           "monitoring:")
                .arg(r.isTpu ? QString() : QStringLiteral(", DCGM metrics")));
        addComment(l, QStringLiteral("   gcloud container clusters update CLUSTER_NAME --location=LOCATION "
                                     "--enable-managed-prometheus%1")
                          .arg(r.isTpu ? QString() : QStringLiteral(" --monitoring=SYSTEM,DCGM")));
        addComment(l, QStringLiteral("   gcloud container clusters update CLUSTER_NAME --location=LOCATION "
                                     "--auto-monitoring-scope=ALL"));
        if (r.hpa) {
            heading(QStringLiteral("Deploy the Custom Metrics Stackdriver Adapter (the HPA reads Prometheus "
                                   "metrics through it) and let it read Cloud Monitoring:"));
            addComment(
                l, QStringLiteral("   kubectl apply -f https://raw.githubusercontent.com/GoogleCloudPlatform/"
                                  "k8s-stackdriver/master/custom-metrics-stackdriver-adapter/deploy/"
                                  "production/adapter_new_resource_model.yaml"));
            addComment(
                l, QStringLiteral("   gcloud projects add-iam-policy-binding projects/PROJECT_ID "
                                  "--role=roles/monitoring.viewer "
                                  "--member=principal://iam.googleapis.com/projects/PROJECT_NUMBER/locations/"
                                  "global/workloadIdentityPools/PROJECT_ID.svc.id.goog/subject/ns/"
                                  "custom-metrics/sa/custom-metrics-stackdriver-adapter"));
        }
    } else {
        heading(QStringLiteral(
            "Install the Prometheus Operator (the ServiceMonitor is its resource) and the NVIDIA "
            "device plugin or GPU Operator; make your Prometheus select this ServiceMonitor "
            "(e.g. its serviceMonitorSelector labels)."));
        if (r.hpa) {
            heading(QStringLiteral("Expose the metric to the HPA with prometheus-adapter, rule:"));
            const QString raw =
                r.hpa->signal == HpaSpec::Signal::QueueSize ? c.server.queueMetric : c.server.batchMetric;
            addComment(l, QStringLiteral("   - seriesQuery: '%1{namespace!=\"\",pod!=\"\"}'").arg(raw));
            addComment(l,
                       QStringLiteral("     resources: {overrides: {namespace: {resource: namespace}, pod: "
                                      "{resource: pod}}}"));
            addComment(
                l,
                QStringLiteral("     name: {matches: \"^(.*)$\", as: \"%1\"}").arg(hpaMetricName(c, *r.hpa)));
            addComment(l, QStringLiteral("     metricsQuery: 'sum(<<.Series>>{<<.LabelMatchers>>}) by "
                                         "(<<.GroupBy>>)'"));
        }
    }
    if (r.isTpu) {
        heading(
            QStringLiteral("TPU compilation cache: VLLM_XLA_CACHE_PATH=/xla-cache is a per-pod volume, so a "
                           "restarted container skips recompilation. If you point it at shared storage "
                           "(e.g. a bucket), scale to one replica first and wait until it is Ready so the "
                           "cache is written once, then scale up; or remove the variable."));
    }
    heading(QStringLiteral("Apply the manifests (save them with --output=manifest --output-path=FILE):"));
    addComment(l, QStringLiteral("   kubectl apply -f FILE"));
    addComment(l, QStringLiteral("   kubectl rollout status deployment/%1 -n %2 --timeout=%3s")
                      .arg(c.name, r.ns)
                      .arg(c.startupSeconds));
    heading(QStringLiteral("Forward the port and send a first request (endpoint in the cluster: "
                           "http://%1-service.%2.svc:8000/):")
                .arg(c.name, r.ns));
    addComment(
        l, QStringLiteral("   kubectl port-forward service/%1-service 8000:8000 -n %2").arg(c.name, r.ns));
    addComment(
        l, QStringLiteral("   curl http://127.0.0.1:8000/v1/completions -H 'Content-Type: application/json' "
                          "-d '{\"model\": \"%1\", \"prompt\": \"San Francisco is a\", \"max_tokens\": 64, "
                          "\"temperature\": 0}'")
               .arg(r.model));
    return l;
}

QString validate(const ManifestRequest &r, const ServerSpec **server)
{
    static const QRegularExpression modelId(
        QStringLiteral("^[A-Za-z0-9][A-Za-z0-9._-]*(/[A-Za-z0-9._-]+)?$"));
    if (!modelId.match(r.model).hasMatch())
        return QStringLiteral(
                   "model \"%1\" is not a Hugging Face model id (ORGANIZATION/NAME of letters, digits, "
                   "'.', '_' and '-')")
            .arg(QString(r.model).replace(QLatin1Char('\n'), QStringLiteral("\\n")));
    *server = nullptr;
    for (const ServerSpec &s : servers()) {
        if (s.name == r.modelServer)
            *server = &s;
    }
    if (!*server) {
        QStringList names;
        for (const ServerSpec &s : servers())
            names << s.name;
        return QStringLiteral("model server \"%1\" has no manifest template; supported: %2")
            .arg(containsControl(r.modelServer).isEmpty() ? r.modelServer : QStringLiteral("(invalid)"),
                 names.join(QStringLiteral(", ")));
    }
    if (r.modelServerVersion.isEmpty())
        return QStringLiteral("model server version is empty");
    if (const QString e = checkImageTag(QStringLiteral("model server version"), r.modelServerVersion);
        !e.isEmpty())
        return e;
    if ((*server)->tpu != r.isTpu)
        return r.isTpu ? QStringLiteral("model server \"%1\" does not run on TPU %2; use vllm-tpu")
                             .arg(r.modelServer, r.accelerator)
                       : QStringLiteral("model server \"%1\" runs on TPUs only, but %2 is a GPU")
                             .arg(r.modelServer, r.accelerator);
    if (const QString e = checkLabelValue(QStringLiteral("accelerator type"), r.accelerator);
        !e.isEmpty() || r.accelerator.isEmpty())
        return e.isEmpty() ? QStringLiteral("accelerator type is empty") : e;
    if (r.acceleratorCount < 1)
        return QStringLiteral("accelerator count %1 must be at least 1").arg(r.acceleratorCount);
    if (!r.instanceType.isEmpty()) {
        if (const QString e = checkLabelValue(QStringLiteral("instance type"), r.instanceType); !e.isEmpty())
            return e;
    }
    if (r.isTpu) {
        static const QRegularExpression topology(QStringLiteral("^[1-9][0-9]*(x[1-9][0-9]*){1,2}$"));
        if (!topology.match(r.tpuTopology).hasMatch())
            return QStringLiteral("TPU topology \"%1\" must look like 2x4 or 2x2x1")
                .arg(containsControl(r.tpuTopology).isEmpty() ? r.tpuTopology : QStringLiteral("(invalid)"));
        if (r.target != Target::Gke)
            return QStringLiteral("TPU %1 can only be targeted with --target=gke").arg(r.accelerator);
    }
    if (!isKnown(r.modelWeightsGB) || r.modelWeightsGB <= 0)
        return QStringLiteral(
                   "the weights size of %1 is unknown; it sizes the startup probe and decides where the "
                   "download goes")
            .arg(r.model);
    if (r.maxModelLength < 0)
        return QStringLiteral("max model length %1 must not be negative").arg(r.maxModelLength);
    if (r.maxNumSeqs < 0)
        return QStringLiteral("max running sequences %1 must not be negative").arg(r.maxNumSeqs);
    if (isKnown(r.gpuMemoryUtilization) && !(r.gpuMemoryUtilization > 0 && r.gpuMemoryUtilization <= 1))
        return QStringLiteral("GPU memory utilization %1 must be in (0, 1]").arg(r.gpuMemoryUtilization);
    if (!r.name.isEmpty()) {
        if (const QString e = checkDns1035Label(QStringLiteral("--name"), r.name, kMaxWorkloadNameLength);
            !e.isEmpty())
            return e + QStringLiteral(" (the Service is named NAME-service, a DNS-1035 label of at most 63)");
    }
    if (const QString e = checkDns1123Label(QStringLiteral("--namespace"), r.ns); !e.isEmpty())
        return e;
    if (const QString e = checkDns1123Subdomain(QStringLiteral("--hf-secret"), r.hfSecret); !e.isEmpty())
        return e;
    if (const QString e = checkDns1123Subdomain(QStringLiteral("service account"), r.serviceAccount);
        !e.isEmpty())
        return e;
    if (!r.modelBucketUri.isEmpty()) {
        if (const QString e = parseBucketUri(r.modelBucketUri, nullptr); !e.isEmpty())
            return e;
    }
    if (r.replicas < 1)
        return QStringLiteral("--replicas %1 must be at least 1").arg(r.replicas);
    if (r.hpa) {
        if (!isKnown(r.hpa->averageValue) || r.hpa->averageValue <= 0 || !std::isfinite(r.hpa->averageValue))
            return QStringLiteral("HPA target value %1 must be a positive number").arg(r.hpa->averageValue);
        if (r.hpa->minReplicas < 1 || r.hpa->maxReplicas < r.hpa->minReplicas)
            return QStringLiteral("HPA replicas %1..%2: need 1 <= min <= max")
                .arg(r.hpa->minReplicas)
                .arg(r.hpa->maxReplicas);
    }
    static const QRegularExpression isoDate(QStringLiteral("^\\d{4}-\\d{2}-\\d{2}$"));
    if (!r.generatedOn.isEmpty() && !isoDate.match(r.generatedOn).hasMatch())
        return QStringLiteral("generation date \"%1\" must be an ISO date (YYYY-MM-DD)")
            .arg(containsControl(r.generatedOn).isEmpty() ? r.generatedOn : QStringLiteral("(invalid)"));
    return {};
}

} // namespace

bool parseTarget(const QString &name, Target *target)
{
    if (name == QLatin1String("gke"))
        *target = Target::Gke;
    else if (name == QLatin1String("kubernetes"))
        *target = Target::Kubernetes;
    else
        return false;
    return true;
}

bool parseOutputMode(const QString &name, OutputMode *mode)
{
    if (name == QLatin1String("manifest"))
        *mode = OutputMode::Manifest;
    else if (name == QLatin1String("comments"))
        *mode = OutputMode::Comments;
    else if (name == QLatin1String("all"))
        *mode = OutputMode::All;
    else
        return false;
    return true;
}

bool hpaSignalFromMetric(const QString &metric, HpaSpec::Signal *signal)
{
    if (metric == QLatin1String("vllm:num_requests_waiting"))
        *signal = HpaSpec::Signal::QueueSize;
    else if (metric == QLatin1String("vllm:num_requests_running"))
        *signal = HpaSpec::Signal::BatchSize;
    else
        return false;
    return true;
}

QString ManifestSet::text(OutputMode mode) const
{
    QString out;
    if (mode != OutputMode::Comments) {
        for (const YAML::Node &doc : documents)
            out += writeYaml(doc) + QStringLiteral("\n---\n");
    }
    if (mode != OutputMode::Manifest) {
        for (const QString &line : comments)
            out += line.isEmpty() ? QStringLiteral("#\n") : QStringLiteral("# ") + line + QLatin1Char('\n');
    }
    return out;
}

ManifestResult generateManifests(const ManifestRequest &request)
{
    ManifestResult result;
    const ServerSpec *server = nullptr;
    result.error = validate(request, &server);
    if (!result.error.isEmpty())
        return result;

    Context c{request, *server, {}, {}, {}, false, false, 0, 0, 0, 0, {}, {}, {}};
    c.name = request.name.isEmpty() ? deriveWorkloadName(request.modelServer, request.model) : request.name;
    c.tag = request.modelServerVersion;
    if (server->tagWithV && c.tag.front().isDigit())
        c.tag.prepend(QLatin1Char('v'));
    else if (!server->tagWithV && c.tag.size() > 1 && c.tag.front() == QLatin1Char('v') &&
             c.tag.at(1).isDigit())
        c.tag.remove(0, 1);
    c.useBucket = !request.modelBucketUri.isEmpty();
    if (c.useBucket)
        parseBucketUri(request.modelBucketUri, &c.bucket);
    c.weightsGiB = request.modelWeightsGB * 1e9 / kGiB;
    c.hfHomeInMemory = !c.useBucket && c.weightsGiB >= kHfHomeInMemoryGiB;
    c.startupSeconds = startupBudgetSeconds(request.modelWeightsGB, request.isTpu);
    c.generatedOn =
        request.generatedOn.isEmpty() ? QDate::currentDate().toString(Qt::ISODate) : request.generatedOn;
    if (request.generatedOn.isEmpty())
        c.generatedOn = QDateTime::currentDateTimeUtc().date().toString(Qt::ISODate);
    c.version = request.generatorVersion.isEmpty() ? QStringLiteral(IQ_VERSION) : request.generatorVersion;

    if (request.machineVcpus > 0) {
        c.cpuMillis = gkeAllocatableCpuMillis(request.machineVcpus) - kDaemonSetCpuMillis -
                      (c.useBucket ? kGcsFuseSidecarCpuMillis : 0);
        if (c.cpuMillis < 1000) {
            result.error =
                QStringLiteral("machine type %1 has %2 vCPUs; after the system reservation too little "
                               "CPU is left for the model server")
                    .arg(request.instanceType)
                    .arg(request.machineVcpus);
            return result;
        }
    }
    if (isKnown(request.machineMemoryGiB) && request.machineMemoryGiB > 0) {
        const auto cacheMiB = c.useBucket ? static_cast<qint64>(std::ceil(c.weightsGiB * 1024.0)) : 0;
        c.memoryMiB = gkeAllocatableMemoryMiB(request.machineMemoryGiB) - kDaemonSetMemoryMiB -
                      (c.useBucket ? kGcsFuseSidecarMemoryMiB : 0) - cacheMiB;
        const auto inMemoryMiB = c.hfHomeInMemory ? static_cast<qint64>(std::ceil(c.weightsGiB * 1024.0)) : 0;
        if (c.memoryMiB <= inMemoryMiB) {
            result.error =
                QStringLiteral(
                    "the %1 GiB checkpoint of %2 must be held in memory (%3), but machine type %4 leaves "
                    "only %5 MiB for the pod")
                    .arg(QString::number(c.weightsGiB, 'f', 1), request.model,
                         c.useBucket ? QStringLiteral("Cloud Storage FUSE file cache")
                                     : QStringLiteral("HF_HOME=/dev/shm/hf_cache"),
                         request.instanceType)
                    .arg(c.memoryMiB + cacheMiB);
            return result;
        }
    }
    if (request.machineVcpus <= 0 || !isKnown(request.machineMemoryGiB))
        c.warnings << QStringLiteral(
                          "machine type %1 has no known vCPU/memory figures: CPU and memory requests are "
                          "left out; add them before relying on scheduling.")
                          .arg(request.instanceType.isEmpty() ? QStringLiteral("(unknown)")
                                                              : request.instanceType);
    if (server->name == QLatin1String("tgi") && request.maxNumSeqs > 0)
        c.warnings << QStringLiteral(
                          "TGI has no per-replica cap on running sequences; the recommended %1 is not "
                          "passed (TGI batches by token budget).")
                          .arg(request.maxNumSeqs);

    const YAML::Node labels = commonLabels(c);
    ManifestSet &set = result.set;
    set.name = c.name;
    set.ns = request.ns;
    set.documents << deployment(c, labels) << service(c, labels) << monitoring(c, labels);
    if (request.hpa)
        set.documents << hpaDocument(c, labels, *request.hpa);
    set.comments = comments(c);
    set.warnings = c.warnings;
    result.ok = true;
    return result;
}

} // namespace iq::manifest
