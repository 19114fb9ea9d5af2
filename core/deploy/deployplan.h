#pragma once
// What a deploy will apply: the manifest documents read back from their text (generated or a saved
// set), the objects (kind/name) the confirmation names, the Deployment to wait for, the Service to reach,
// the Hugging Face token Secret the pods read, and the accelerators the quota reminder mentions.

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace iq::deploy {

struct ManifestObject
{
    QString apiVersion;
    QString kind;
    QString name;
    QString ns; // metadata.namespace; empty when the document has none
    QString display() const { return kind + QLatin1Char('/') + name; }
};

struct DeployPlan
{
    QString manifests; // the documents, YAML, as given to kubectl apply -f - (comments removed)
    QList<ManifestObject> objects;
    QString ns;             // the namespace every namespaced object is for
    QString deploymentName; // the Deployment `kubectl rollout status` waits for
    QString podSelector;    // its spec.selector.matchLabels as "k=v,k2=v2" (events, describe pod)
    QString serviceName;    // empty when there is no Service
    int servicePort = 0;    // the Service's first port
    QString servedModel;    // the model name the server answers to (--served-model-name, else --model)
    QString hfSecretName; // Secret the pods read the token from (secretKeyRef key hf_api_token); may be empty
    QString acceleratorLabel;    // nvidia-l4, tpu-v6e-slice; empty when the pods request none
    QString acceleratorResource; // nvidia.com/gpu, google.com/tpu
    int acceleratorsPerPod = 0;
    int replicas = 1;    // Deployment spec.replicas (or an HPA's minReplicas when larger)
    int maxReplicas = 1; // an HPA's maxReplicas, else replicas
};

// Reads a manifest set. Every document must have apiVersion, kind and metadata.name (a DNS-1123
// subdomain), exactly one Deployment is required, and the objects that name a namespace must name the same
// one (plan->ns; empty when none does). The text is kept as given. On failure returns false and *error names
// the source (`sourceName:line: what`).
bool parseDeployPlan(const QString &text, const QString &sourceName, DeployPlan *plan, QString *error);

// Checks that the plan can go to namespace `ns`: a DNS-1123 label, and every object's own namespace (when
// it names one) equal to it — kubectl refuses a mismatch, and a saved set is never rewritten silently.
bool checkTargetNamespace(const DeployPlan &plan, const QString &ns, QString *error);

// "Check your quota: 2 replicas x 4 nvidia-l4 = 8 nvidia-l4 (...)" — empty when no accelerator is requested.
QString quotaReminder(const DeployPlan &plan);

// The service endpoint inside the cluster and the port-forward command line for it (display only).
QString clusterEndpoint(const DeployPlan &plan);
QStringList portForwardArguments(const DeployPlan &plan,
                                 int localPort); // kubectl arguments, without "kubectl"

// An Opaque Secret `name` in `ns` holding hf_api_token = token, as JSON, for kubectl's standard input. The
// caller keeps the bytes in memory only.
QByteArray hfTokenSecretJson(const QString &name, const QString &ns, const QByteArray &token);
// A JSON merge patch that sets hf_api_token (kubectl patch --patch-file=/dev/stdin).
QByteArray hfTokenSecretPatch(const QByteArray &token);

// A token must be printable ASCII without whitespace (Hugging Face tokens are "hf_" + letters/digits).
// Surrounding whitespace (the newline after `read`, a trailing '\n' in HF_TOKEN) is trimmed first. On
// failure returns false and *error says why without repeating the token.
bool normaliseToken(QByteArray *token, QString *error);

} // namespace iq::deploy
