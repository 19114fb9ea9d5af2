#include "kubefailure.h"

#include <QRegularExpression>

namespace iq::deploy {

namespace {

bool has(const QString &text, const char *needle)
{
    return text.contains(QLatin1String(needle), Qt::CaseInsensitive);
}

QString serverName(const KubeCallContext &call)
{
    if (call.server.isEmpty())
        return call.contextName.isEmpty()
                   ? QStringLiteral("the cluster")
                   : QStringLiteral("the cluster of context \"%1\"").arg(call.contextName);
    return QStringLiteral("the API server %1%2")
        .arg(call.server, call.contextName.isEmpty()
                              ? QString()
                              : QStringLiteral(" (context \"%1\")").arg(call.contextName));
}

QString firstMatch(const QString &text, const QRegularExpression &re, int group = 1)
{
    const QRegularExpressionMatch m = re.match(text);
    return m.hasMatch() ? m.captured(group) : QString();
}

// "error when creating" -> create, "error when retrieving current configuration" -> get, ...
QString verbFromKubectl(const QString &text)
{
    static const QRegularExpression userCannot(QStringLiteral("cannot (\\w+) resource"));
    if (const QString v = firstMatch(text, userCannot); !v.isEmpty())
        return v;
    if (has(text, "error when creating"))
        return QStringLiteral("create");
    if (has(text, "error when retrieving current configuration"))
        return QStringLiteral("get");
    if (has(text, "error when applying patch") || has(text, "error when patching"))
        return QStringLiteral("patch");
    if (has(text, "error when deleting"))
        return QStringLiteral("delete");
    return {};
}

QString resourceFromKubectl(const QString &text)
{
    static const QRegularExpression userCannot(QStringLiteral("cannot \\w+ resource \"([^\"]+)\""));
    if (const QString r = firstMatch(text, userCannot); !r.isEmpty())
        return r;
    // error when retrieving current configuration of:\nResource: "apps/v1, Resource=deployments", ...
    static const QRegularExpression resourceLine(QStringLiteral("Resource=([a-z0-9.-]+)"));
    if (const QString r = firstMatch(text, resourceLine); !r.isEmpty())
        return r;
    // deployments.apps "name" is forbidden
    static const QRegularExpression objForbidden(QStringLiteral("([a-z0-9.-]+) \"[^\"]*\" is forbidden"));
    if (const QString r = firstMatch(text, objForbidden); !r.isEmpty())
        return r;
    // A request path in the message (proxies and some servers quote it): .../namespaces/NS/PLURAL[/NAME]
    static const QRegularExpression path(
        QStringLiteral("/apis?/[^\\s]*?/namespaces/[a-z0-9-]+/([a-z0-9.-]+)"));
    return firstMatch(text, path);
}

} // namespace

QString failureKindName(FailureKind kind)
{
    switch (kind) {
    case FailureKind::None:
        return QStringLiteral("none");
    case FailureKind::KubectlMissing:
        return QStringLiteral("kubectl-missing");
    case FailureKind::NoContext:
        return QStringLiteral("no-context");
    case FailureKind::Unreachable:
        return QStringLiteral("unreachable");
    case FailureKind::Unauthorized:
        return QStringLiteral("unauthorized");
    case FailureKind::Forbidden:
        return QStringLiteral("forbidden");
    case FailureKind::Invalid:
        return QStringLiteral("invalid");
    case FailureKind::NotFound:
        return QStringLiteral("not-found");
    case FailureKind::ServerError:
        return QStringLiteral("server-error");
    case FailureKind::RolloutTimeout:
        return QStringLiteral("rollout-timeout");
    case FailureKind::ImagePull:
        return QStringLiteral("image-pull");
    case FailureKind::EphemeralStorage:
        return QStringLiteral("ephemeral-storage");
    case FailureKind::Unschedulable:
        return QStringLiteral("unschedulable");
    case FailureKind::CrashLoop:
        return QStringLiteral("crash-loop");
    case FailureKind::Cancelled:
        return QStringLiteral("cancelled");
    case FailureKind::TimedOut:
        return QStringLiteral("timed-out");
    case FailureKind::Crashed:
        return QStringLiteral("crashed");
    case FailureKind::Other:
        return QStringLiteral("other");
    }
    return QStringLiteral("other");
}

KubeFailure classifyKubectlError(int exitCode, const QString &stderrText, const KubeCallContext &call)
{
    KubeFailure f;
    f.detail = stderrText.trimmed();
    const QString &t = stderrText;
    if (has(t, "current-context is not set") || has(t, "no context exists") ||
        (has(t, "context \"") && has(t, "does not exist"))) {
        f.kind = FailureKind::NoContext;
        f.message =
            has(t, "current-context is not set")
                ? QStringLiteral("No current kube context: the kubeconfig has no current-context. Pick a "
                                 "context (kubectl config use-context NAME, or --context).")
                : QStringLiteral("The kube context \"%1\" does not exist in the kubeconfig.")
                      .arg(call.contextName);
        return f;
    }
    if (has(t, "(Unauthorized)") || has(t, "You must be logged in") || has(t, "Unauthorized")) {
        f.kind = FailureKind::Unauthorized;
        f.message =
            QStringLiteral("Unauthorised: %1 rejected the credentials of the kube context (HTTP 401). "
                           "Refresh them (for GKE: gcloud container clusters get-credentials).")
                .arg(serverName(call));
        return f;
    }
    if (has(t, "(Forbidden)") || has(t, "is forbidden") || has(t, "forbidden:")) {
        f.kind = FailureKind::Forbidden;
        QString verb = verbFromKubectl(t);
        if (verb.isEmpty())
            verb = call.verb;
        QString resource = resourceFromKubectl(t);
        if (resource.isEmpty())
            resource = call.resource;
        f.message =
            QStringLiteral("Forbidden: the kube context's user may not %1 %2%3 (HTTP 403, RBAC). Ask a "
                           "cluster admin for a Role that allows it, or use another context.")
                .arg(verb.isEmpty() ? QStringLiteral("access") : verb,
                     resource.isEmpty() ? QStringLiteral("the resource") : resource,
                     call.ns.isEmpty() ? QString() : QStringLiteral(" in namespace \"%1\"").arg(call.ns));
        return f;
    }
    if (has(t, "connection refused") || has(t, "Unable to connect to the server") || has(t, "no such host") ||
        has(t, "i/o timeout") || has(t, "dial tcp") || has(t, "TLS handshake") || has(t, "x509:") ||
        has(t, "context deadline exceeded") || has(t, "Client.Timeout exceeded") ||
        has(t, "was refused - did you specify") || has(t, "connection reset by peer") ||
        has(t, "network is unreachable")) {
        f.kind = FailureKind::Unreachable;
        f.message =
            QStringLiteral("Cluster unreachable: kubectl could not talk to %1. Check the network/VPN, that "
                           "the cluster exists, and the context's server address.")
                .arg(serverName(call));
        return f;
    }
    if (has(t, "no matches for kind") || has(t, "resource mapping not found")) {
        f.kind = FailureKind::Invalid;
        static const QRegularExpression kindRe(
            QStringLiteral("no matches for kind \"([^\"]+)\" in version \"([^\"]+)\""));
        const QRegularExpressionMatch m = kindRe.match(t);
        f.message =
            QStringLiteral("%1 does not serve the kind %2: its CustomResourceDefinition is not installed "
                           "(PodMonitoring needs Google Cloud Managed Service for Prometheus; ServiceMonitor "
                           "needs the Prometheus Operator).")
                .arg(serverName(call), m.hasMatch()
                                           ? QStringLiteral("%1 (%2)").arg(m.captured(1), m.captured(2))
                                           : QStringLiteral("of a manifest"));
        f.message[0] = f.message.at(0).toUpper();
        return f;
    }
    if (has(t, "(NotFound)") || has(t, " not found")) {
        f.kind = FailureKind::NotFound;
        static const QRegularExpression nsMissing(QStringLiteral("namespaces \"([^\"]+)\" not found"));
        if (const QString ns = firstMatch(t, nsMissing); !ns.isEmpty())
            f.message =
                QStringLiteral("The namespace \"%1\" does not exist on %2.").arg(ns, serverName(call));
        else
            f.message = QStringLiteral("Not found on %1.").arg(serverName(call));
        return f;
    }
    if (has(t, "is invalid") || has(t, "(Invalid)") || has(t, "(BadRequest)") || has(t, "error validating") ||
        has(t, "ValidationError") || has(t, "strict decoding error") || has(t, "unknown field") ||
        has(t, "error parsing") || has(t, "cannot be handled as") || has(t, "error converting YAML")) {
        f.kind = FailureKind::Invalid;
        static const QRegularExpression objectInvalid(QStringLiteral("The (\\w+) \"([^\"]+)\" is invalid"));
        const QRegularExpressionMatch m = objectInvalid.match(t);
        f.message = m.hasMatch()
                        ? QStringLiteral("The API server rejected %1/%2: it is invalid (validation).")
                              .arg(m.captured(1), m.captured(2))
                        : QStringLiteral("A manifest was rejected by validation.");
        return f;
    }
    if (has(t, "(InternalError)") || has(t, "an error on the server") || has(t, "(ServiceUnavailable)") ||
        has(t, "Internal Server Error") || has(t, "(InternalServerError)")) {
        f.kind = FailureKind::ServerError;
        f.message =
            QStringLiteral("%1 answered with a server error (HTTP 5xx). Try again; if it persists, check "
                           "the control plane's health.")
                .arg(serverName(call));
        f.message[0] = f.message.at(0).toUpper();
        return f;
    }
    if (has(t, "timed out waiting for the condition") || has(t, "exceeded its progress deadline")) {
        f.kind = FailureKind::RolloutTimeout;
        f.message = QStringLiteral("The rollout did not finish in time.");
        return f;
    }
    f.kind = FailureKind::Other;
    f.message = QStringLiteral("kubectl failed with exit code %1.").arg(exitCode);
    return f;
}

KubeFailure diagnoseRollout(const QString &text, const QString &deploymentName)
{
    KubeFailure f;
    f.detail = text.trimmed();
    if (has(text, "ephemeral-storage") || (has(text, "Evicted") && has(text, "ephemeral"))) {
        f.kind = FailureKind::EphemeralStorage;
        f.message =
            QStringLiteral("Pods of %1 were evicted for ephemeral storage: the model download does not fit "
                           "the node's boot disk. Keep the Hugging Face cache in memory (HF_HOME=/dev/shm "
                           "with a larger /dev/shm emptyDir), load the weights from a bucket, or use nodes "
                           "with a larger boot disk.")
                .arg(deploymentName);
        return f;
    }
    if (has(text, "ErrImagePull") || has(text, "ImagePullBackOff") || has(text, "Failed to pull image") ||
        has(text, "InvalidImageName")) {
        static const QRegularExpression image(QStringLiteral("(?:Failed to pull image|image) \"([^\"]+)\""));
        const QString name = firstMatch(text, image);
        f.kind = FailureKind::ImagePull;
        f.message =
            QStringLiteral("The nodes cannot pull the container image%1 (ErrImagePull/ImagePullBackOff). "
                           "Check the image name and tag, and that the nodes can reach the registry.")
                .arg(name.isEmpty() ? QString() : QStringLiteral(" \"%1\"").arg(name));
        return f;
    }
    if (has(text, "FailedScheduling") || has(text, "Insufficient nvidia.com/gpu") ||
        has(text, "Insufficient google.com/tpu") || has(text, "didn't match Pod's node affinity/selector")) {
        f.kind = FailureKind::Unschedulable;
        f.message =
            QStringLiteral("The pods of %1 cannot be scheduled: no node offers the requested accelerator "
                           "or resources. Check the node pools, the accelerator quota and autoscaling.")
                .arg(deploymentName);
        return f;
    }
    if (has(text, "CrashLoopBackOff") || has(text, "Back-off restarting failed container")) {
        f.kind = FailureKind::CrashLoop;
        f.message =
            QStringLiteral("The model server container of %1 keeps exiting (CrashLoopBackOff); see its logs: "
                           "kubectl logs deployment/%1.")
                .arg(deploymentName);
        return f;
    }
    return f;
}

} // namespace iq::deploy
