#pragma once
// Why a kubectl call failed, in words a user can act on. kubectl exits 1 for nearly every error, so the
// kind is read from its standard error (the API server's Status reason as kubectl prints it).

#include <QString>
#include <QStringList>

namespace iq::deploy {

enum class FailureKind {
    None,
    KubectlMissing,   // the program could not be started
    NoContext,        // no current context / the named context does not exist
    Unreachable,      // connection refused, DNS, TLS, timeout talking to the API server
    Unauthorized,     // 401: the credentials were rejected
    Forbidden,        // 403: RBAC denies the verb on the resource
    Invalid,          // the API server or kubectl's validation rejected a manifest
    NotFound,         // a namespace or object does not exist
    ServerError,      // 5xx
    RolloutTimeout,   // rollout status gave up waiting
    ImagePull,        // ErrImagePull / ImagePullBackOff seen in the pod events
    EphemeralStorage, // pods evicted for ephemeral storage
    Unschedulable,    // FailedScheduling: no node with the accelerator / quota
    CrashLoop,        // the container keeps exiting
    Cancelled,
    TimedOut, // our own watchdog stopped kubectl
    Crashed,
    Other,
};

QString failureKindName(FailureKind kind); // "unreachable", "forbidden", ...

struct KubeFailure
{
    FailureKind kind = FailureKind::None;
    QString message; // one or two sentences; names the context/server/verb/resource when known
    QString detail;  // kubectl's own output (already redacted), shown under the message
};

// What the failing call was about, so that messages can name it.
struct KubeCallContext
{
    QString contextName;
    QString server;
    QString ns;
    QString verb;     // "create", "patch", "get", ... (what the step asked the API server to do)
    QString resource; // "deployments", "secrets", ... when the step is about one resource
};

// Classifies kubectl's standard error after a non-zero exit.
KubeFailure classifyKubectlError(int exitCode, const QString &stderrText, const KubeCallContext &call);

// Reads pod events / `kubectl describe pod` output for the known causes of a stuck rollout (image pull,
// ephemeral-storage eviction, unschedulable, crash loop). kind None when nothing known was found.
KubeFailure diagnoseRollout(const QString &eventsAndDescribe, const QString &deploymentName);

} // namespace iq::deploy
