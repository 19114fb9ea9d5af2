#pragma once
// A small in-memory Kubernetes API server for tests: plain HTTP/1.1 on 127.0.0.1, no authentication, enough
// of the API for the real `kubectl` (v1.32) to discover resources and create, get, list, patch, replace and
// delete objects. It runs on its own thread, so a test may block on a kubectl process while it answers.
//
// What it serves (see docs/manifests.md, "Kubernetes API test server"):
//   GET  /version, /api, /apis, /api/v1, /apis/GROUP/VERSION        discovery (legacy format; kubectl
//        falls back to it when the aggregated-discovery Accept type is not honoured)
//   GET  /openapi/v2, /openapi/v3                                   404: run kubectl with --validate=false
//   GET  .../[namespaces/NS/]PLURAL[/NAME]                          get one object or a List
//   POST .../[namespaces/NS/]PLURAL                                 create (409 if it exists)
//   PUT  .../NAME                                                   replace
//   PATCH .../NAME   application/merge-patch+json                   RFC 7386
//                    application/strategic-merge-patch+json         merge patch + lists merged by key
//                                                                   (name, containerPort, mountPath, ...),
//                                                                   $patch/$setElementOrder/$retainKeys
//                                                                   honoured or ignored (subset)
//                    application/apply-patch+yaml                   server-side apply, approximated as
//                                                                   create-or-merge (no field ownership)
//                    application/json-patch+json                    add/replace/remove
//   DELETE .../NAME                                                 remove; answers a Status
//   GET  ...?watch=true                                              watch: a chunked stream of
//        {"type":"ADDED|MODIFIED|DELETED","object":...} lines for objects changed after resourceVersion,
//        filtered by namespace, fieldSelector metadata.name=NAME and labelSelector; closed after
//        timeoutSeconds (at most 600). kubectl rollout status / wait use it.
//   GET|POST .../namespaces/NS/pods/NAME/portforward                 `kubectl port-forward`
//   (kubeportforward.h):
//        the WebSocket tunnel (SPDY/3.1 in binary messages, kubectl's default) or, when that upgrade is
//        refused, plain SPDY/3.1; each forwarded connection goes to 127.0.0.1:<port set with
//        setPortForwardTarget()>. Without any target the subresource answers 404.
// Objects get metadata.uid, resourceVersion, creationTimestamp and generation; status is left alone except
// for the deployments-available hook.

#include <QJsonObject>
#include <QJsonValue>
#include <QMutex>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>
#include <QTcpSocket>

#include <yaml-cpp/yaml.h>

class QThread;
class QTcpServer;

namespace iqtest {

class KubeApiServer : public QObject
{
    Q_OBJECT

public:
    struct Resource
    {
        QString group;   // "" for the core group
        QString version; // "v1"
        QString kind;    // "Deployment"
        QString plural;  // "deployments"
        bool namespaced = true;
    };

    // Knows the core kinds (Namespace, Service, Secret, ConfigMap, Pod, ServiceAccount), apps/v1 Deployment,
    // autoscaling/v2 HorizontalPodAutoscaler, monitoring.googleapis.com/v1 PodMonitoring and
    // monitoring.coreos.com/v1 ServiceMonitor; add more with addResource() before start().
    explicit KubeApiServer(QObject *parent = nullptr);
    ~KubeApiServer() override;

    void addResource(const Resource &resource);

    // Listens on 127.0.0.1 (port 0 = any free port). False with errorString() on failure.
    bool start(quint16 port = 0);
    void stop();
    quint16 port() const { return m_port; }
    QString url() const;
    QString errorString() const { return m_error; }

    // Writes a kubeconfig (server url(), no auth) to `path`; true on success.
    bool writeKubeconfig(const QString &path) const;

    // Stored objects, as JSON. apiVersion "apps/v1" or "v1"; ns empty for cluster-scoped kinds.
    QJsonObject object(const QString &apiVersion, const QString &kind, const QString &ns,
                       const QString &name) const;
    QList<QJsonObject> objects() const;
    void putObject(const QJsonObject &object); // seed (create or replace) without a request; watchers see it
    void clearObjects();

    // "METHOD PATH?QUERY Content-Type" per request, in arrival order.
    QStringList requestLog() const;
    void clearRequestLog();

    // Hook: when on, every created/updated Deployment reports all its replicas updated, ready and available
    // (status.observedGeneration = generation, condition Available=True). Turning it on also updates the
    // stored Deployments (watchers get MODIFIED events), so a running `kubectl rollout status` completes.
    void setDeploymentsAvailable(bool on);

    // Fault injection: answer `status` (403 Forbidden, 500 InternalError, ...) with a Status body to requests
    // whose method equals `method` (empty = any) and whose path contains `pathPart` (empty = any).
    // status 0 clears it.
    void setFailure(int status, const QString &method = {}, const QString &pathPart = {});

    // Port-forward: a connection that `kubectl port-forward` opens to container port `containerPort` of pod
    // `pod` (empty = any pod) is relayed to 127.0.0.1:localPort. The pod must exist (kubectl also wants it
    // Running and, for service/NAME, matching the Service's selector).
    void setPortForwardTarget(const QString &pod, int containerPort, quint16 localPort);
    // Off: the WebSocket upgrade is refused with 400, as by a server without the tunnel, so kubectl falls
    // back to SPDY/3.1. On by default.
    void setPortForwardWebSockets(bool on);
    // What the port-forward sessions did, in order: "upgrade websocket NS/POD", "SYN_STREAM 1
    // streamtype=error port=8000 requestid=0", "connect ...", "forward requestid=0 done: ...", "session for
    // NS/POD closed: ...".
    QStringList portForwardLog() const;
    // Upgraded port-forward connections still open.
    int openPortForwardSessions() const;

    // One open watch stream (used by the server; public so helpers can match events against it).
    struct Watcher
    {
        QPointer<QTcpSocket> socket;
        QString group;
        QString plural;
        QString ns;       // empty = every namespace
        QString name;     // from fieldSelector metadata.name=NAME; empty = any
        QString selector; // labelSelector
    };
    // YAML (as kubectl reads it: YAML 1.1-ish core resolution) to JSON: quoted scalars are strings; plain
    // true/false, null/~, integers and floats become JSON booleans, nulls and numbers.
    static QJsonValue yamlToJson(const YAML::Node &node);

private:
    friend class KubeApiConnection;
    struct Reply
    {
        int status = 200;
        QByteArray body;
        QByteArray contentType = "application/json";
        // A watch: the connection switches to a chunked event stream (startWatch) instead of `body`.
        bool watch = false;
        Watcher watcher;
        qint64 sinceResourceVersion = 0;
        int timeoutSeconds = 0;
        // "NS/POD": the connection upgrades to a port-forward session (startPortForward) instead of `body`.
        QString portForwardPod;
    };
    // Server thread only.
    void startWatch(QTcpSocket *socket, const Reply &reply);
    void startPortForward(QTcpSocket *socket, const QByteArray &method,
                          const QList<QPair<QByteArray, QByteArray>> &headers, const QByteArray &leftover,
                          const QString &pod);
    void deliver(const QString &type, const QJsonObject &object);
    // Any thread, m_mutex held: queues `deliver` on the server thread.
    void notify(const QString &type, const QJsonObject &object);
    const Resource *resourceOf(const QJsonObject &object) const;
    Reply handle(const QByteArray &method, const QByteArray &target, const QByteArray &contentType,
                 const QByteArray &body);
    Reply handleResource(const QByteArray &method, const Resource &res, const QString &ns,
                         const QString &name, const QByteArray &contentType, const QByteArray &body,
                         const QString &query);
    Reply discovery(const QString &path) const;
    void applyHooks(QJsonObject &object) const;
    QString key(const Resource &res, const QString &ns, const QString &name) const;

    mutable QMutex m_mutex;
    QList<Resource> m_resources;
    QMap<QString, QJsonObject> m_objects; // key: group/plural/ns/name
    QStringList m_log;
    qint64 m_resourceVersion = 1000;
    bool m_deploymentsAvailable = false;
    int m_failStatus = 0;
    QString m_failMethod;
    QString m_failPath;
    QMap<QString, quint16> m_forwardTargets; // "POD/PORT" ("/PORT" = any pod) -> local port
    bool m_forwardWebSockets = true;
    QStringList m_forwardLog;
    int m_forwardSessions = 0;

    QList<Watcher> m_watchers; // server thread only

    QThread *m_thread = nullptr;
    QTcpServer *m_server = nullptr;
    quint16 m_port = 0;
    QString m_error;
};

} // namespace iqtest
