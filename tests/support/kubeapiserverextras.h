#pragma once
// Additions to the Kubernetes API test server (kubeapiserver.h) for the deploy tests: kubeconfigs with
// several contexts (one may point at a closed port), the core/v1 Event kind, and seeded pods and events that
// reproduce the causes of a stuck rollout (image pull errors, ephemeral-storage evictions).

#include "kubeapiserver.h"

#include <QList>
#include <QString>

namespace iqtest {

struct KubeconfigContext
{
    QString name;
    QString server; // URL
    QString ns;     // empty = none
};

// Writes a kubeconfig with these contexts (each with its own cluster and a user without credentials) and
// `current` as current-context (empty = none). True on success.
bool writeKubeconfig(const QString &path, const QList<KubeconfigContext> &contexts, const QString &current);

// A TCP port on 127.0.0.1 that nothing listens on (bound, then released).
quint16 closedLocalPort();

// Registers core/v1 Event ("events") so that `kubectl get events` works. Call before start().
void addEventResource(KubeApiServer &server);

// Seeds a Pending pod of a Deployment (labels from `selector` "k=v,...") and a Warning event about it.
// reason/message as a kubelet would report them: ("Failed", "Failed to pull image \"x\": ... ErrImagePull"),
// ("Evicted", "The node was low on resource: ephemeral-storage. ...").
void seedPodEvent(KubeApiServer &server, const QString &ns, const QString &podName, const QString &selector,
                  const QString &reason, const QString &message);

// Compares what arrived with the manifest documents `yaml`: every document's object must exist on the server
// with the same spec and labels, and every annotation it names with the same value (the server may add
// others, e.g. kubectl's last-applied-configuration). Returns one line per difference (empty when all
// match) and sets *compared to the number of documents compared.
QStringList differencesFromManifests(const KubeApiServer &server, const QString &yaml, int *compared);

// Seeds a Running, Ready pod `podName` (labels from `selector` "k=v,...") whose container "inference-server"
// exposes `containerPort` under the name `portName`: what `kubectl port-forward service/NAME` picks.
void seedRunningPod(KubeApiServer &server, const QString &ns, const QString &podName, const QString &selector,
                    const QString &portName, int containerPort);

} // namespace iqtest
