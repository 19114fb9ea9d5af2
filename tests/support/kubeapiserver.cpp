#include "kubeapiserver.h"
#include "kubeportforward.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMutexLocker>
#include <QRegularExpression>
#include <QSaveFile>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>
#include <QTimer>
#include <QUuid>

#include <memory>

namespace iqtest {

namespace {

QByteArray json(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 400:
        return "Bad Request";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 409:
        return "Conflict";
    case 415:
        return "Unsupported Media Type";
    case 422:
        return "Unprocessable Entity";
    case 500:
        return "Internal Server Error";
    default:
        return "Status";
    }
}

QString statusReason(int status)
{
    switch (status) {
    case 400:
        return QStringLiteral("BadRequest");
    case 403:
        return QStringLiteral("Forbidden");
    case 404:
        return QStringLiteral("NotFound");
    case 405:
        return QStringLiteral("MethodNotAllowed");
    case 409:
        return QStringLiteral("AlreadyExists");
    case 415:
        return QStringLiteral("UnsupportedMediaType");
    case 422:
        return QStringLiteral("Invalid");
    case 500:
        return QStringLiteral("InternalError");
    default:
        return QStringLiteral("Unknown");
    }
}

QJsonObject statusObject(int code, const QString &message, const QString &name = {}, const QString &kind = {})
{
    QJsonObject s{
        {QStringLiteral("kind"), QStringLiteral("Status")},
        {QStringLiteral("apiVersion"), QStringLiteral("v1")},
        {QStringLiteral("metadata"), QJsonObject()},
        {QStringLiteral("status"), code < 300 ? QStringLiteral("Success") : QStringLiteral("Failure")},
        {QStringLiteral("message"), message},
        {QStringLiteral("code"), code}};
    if (code >= 300)
        s.insert(QStringLiteral("reason"), statusReason(code));
    if (!name.isEmpty() || !kind.isEmpty())
        s.insert(QStringLiteral("details"),
                 QJsonObject{{QStringLiteral("name"), name}, {QStringLiteral("kind"), kind}});
    return s;
}

QString groupVersion(const KubeApiServer::Resource &r)
{
    return r.group.isEmpty() ? r.version : r.group + QLatin1Char('/') + r.version;
}

// RFC 7386 JSON merge patch.
QJsonValue mergePatch(const QJsonValue &target, const QJsonValue &patch)
{
    if (!patch.isObject())
        return patch;
    QJsonObject result = target.isObject() ? target.toObject() : QJsonObject();
    const QJsonObject p = patch.toObject();
    for (auto it = p.begin(); it != p.end(); ++it) {
        if (it.value().isNull())
            result.remove(it.key());
        else
            result.insert(it.key(), mergePatch(result.value(it.key()), it.value()));
    }
    return result;
}

QString mergeKeyOf(const QJsonObject &element)
{
    static const QStringList keys{QStringLiteral("name"),       QStringLiteral("containerPort"),
                                  QStringLiteral("port"),       QStringLiteral("mountPath"),
                                  QStringLiteral("devicePath"), QStringLiteral("type"),
                                  QStringLiteral("ip")};
    for (const QString &k : keys) {
        if (element.contains(k))
            return k;
    }
    return {};
}

// Strategic merge patch, the subset kubectl's client-side apply produces for built-in kinds.
QJsonValue strategicMerge(const QJsonValue &target, const QJsonValue &patch)
{
    if (!patch.isObject())
        return patch;
    const QJsonObject p = patch.toObject();
    if (p.value(QStringLiteral("$patch")).toString() == QLatin1String("replace")) {
        QJsonObject copy = p;
        copy.remove(QStringLiteral("$patch"));
        return copy;
    }
    QJsonObject result = target.isObject() ? target.toObject() : QJsonObject();
    for (auto it = p.begin(); it != p.end(); ++it) {
        const QString k = it.key();
        if (k == QLatin1String("$patch") || k.startsWith(QLatin1String("$setElementOrder/")) ||
            k == QLatin1String("$retainKeys"))
            continue;
        if (k.startsWith(QLatin1String("$deleteFromPrimitiveList/"))) {
            const QString field = k.mid(k.indexOf(QLatin1Char('/')) + 1);
            QJsonArray list = result.value(field).toArray();
            for (const QJsonValue &v : it.value().toArray()) {
                for (qsizetype i = list.size() - 1; i >= 0; --i) {
                    if (list.at(i) == v)
                        list.removeAt(i);
                }
            }
            result.insert(field, list);
            continue;
        }
        const QJsonValue v = it.value();
        if (v.isNull()) {
            result.remove(k);
        } else if (v.isArray() && result.value(k).isArray() && !v.toArray().isEmpty() &&
                   v.toArray().first().isObject() && !mergeKeyOf(v.toArray().first().toObject()).isEmpty()) {
            QJsonArray list = result.value(k).toArray();
            for (const QJsonValue &element : v.toArray()) {
                const QJsonObject e = element.toObject();
                const QString mk = mergeKeyOf(e);
                qsizetype found = -1;
                for (qsizetype i = 0; i < list.size(); ++i) {
                    if (list.at(i).toObject().value(mk) == e.value(mk))
                        found = i;
                }
                if (e.value(QStringLiteral("$patch")).toString() == QLatin1String("delete")) {
                    if (found >= 0)
                        list.removeAt(found);
                } else if (found >= 0) {
                    list.replace(found, strategicMerge(list.at(found), e));
                } else {
                    list.append(strategicMerge(QJsonObject(), e));
                }
            }
            result.insert(k, list);
        } else {
            result.insert(k, strategicMerge(result.value(k), v));
        }
    }
    return result;
}

// JSON patch (RFC 6902): add, replace, remove.
bool jsonPatch(QJsonValue &doc, const QJsonArray &ops, QString *error)
{
    std::function<bool(QJsonValue &, QStringList, const QString &, const QJsonValue &)> apply =
        [&](QJsonValue &node, QStringList path, const QString &op, const QJsonValue &value) -> bool {
        const QString head = path.takeFirst();
        if (node.isObject()) {
            QJsonObject o = node.toObject();
            if (path.isEmpty()) {
                if (op == QLatin1String("remove")) {
                    if (!o.contains(head))
                        return false;
                    o.remove(head);
                } else {
                    o.insert(head, value);
                }
            } else {
                QJsonValue child = o.value(head);
                if (!apply(child, path, op, value))
                    return false;
                o.insert(head, child);
            }
            node = o;
            return true;
        }
        if (node.isArray()) {
            QJsonArray a = node.toArray();
            const qsizetype index = head == QLatin1String("-") ? a.size() : head.toLongLong();
            if (index < 0 || index > a.size())
                return false;
            if (path.isEmpty()) {
                if (op == QLatin1String("remove") && index < a.size())
                    a.removeAt(index);
                else if (op == QLatin1String("add"))
                    a.insert(index, value);
                else if (index < a.size())
                    a.replace(index, value);
                else
                    return false;
            } else {
                QJsonValue child = a.at(index);
                if (!apply(child, path, op, value))
                    return false;
                a.replace(index, child);
            }
            node = a;
            return true;
        }
        return false;
    };
    for (const QJsonValue &opValue : ops) {
        const QJsonObject op = opValue.toObject();
        const QString name = op.value(QStringLiteral("op")).toString();
        QStringList path = op.value(QStringLiteral("path")).toString().split(QLatin1Char('/'));
        if (path.isEmpty() || !path.first().isEmpty() || path.size() < 2 ||
            (name != QLatin1String("add") && name != QLatin1String("replace") &&
             name != QLatin1String("remove"))) {
            *error = QStringLiteral("unsupported JSON patch operation %1").arg(QString::fromUtf8(json(op)));
            return false;
        }
        path.removeFirst();
        for (QString &p : path)
            p.replace(QStringLiteral("~1"), QStringLiteral("/"))
                .replace(QStringLiteral("~0"), QStringLiteral("~"));
        if (!apply(doc, path, name, op.value(QStringLiteral("value")))) {
            *error = QStringLiteral("JSON patch path %1 not found")
                         .arg(op.value(QStringLiteral("path")).toString());
            return false;
        }
    }
    return true;
}

bool matchesSelector(const QJsonObject &object, const QString &selector)
{
    if (selector.isEmpty())
        return true;
    const QJsonObject labels =
        object.value(QStringLiteral("metadata")).toObject().value(QStringLiteral("labels")).toObject();
    for (const QString &term : selector.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const bool negate = term.contains(QStringLiteral("!="));
        const QStringList kv = term.split(negate ? QStringLiteral("!=") : QStringLiteral("="));
        if (kv.size() == 1) {
            if (!labels.contains(kv.first().trimmed()))
                return false;
            continue;
        }
        const QString k = kv.first().trimmed();
        const QString v = kv.last().trimmed();
        const bool equal = labels.value(k).toString() == v && labels.contains(k);
        if (equal == negate)
            return false;
    }
    return true;
}

QString queryValue(const QString &query, const QString &name)
{
    for (const QString &pair : query.split(QLatin1Char('&'), Qt::SkipEmptyParts)) {
        const qsizetype eq = pair.indexOf(QLatin1Char('='));
        const QString k = eq < 0 ? pair : pair.left(eq);
        if (k == name)
            return eq < 0 ? QString()
                          : QUrl::fromPercentEncoding(pair.mid(eq + 1).toUtf8().replace('+', ' '));
    }
    return {};
}

} // namespace

// One client connection: parses HTTP/1.1 requests (Content-Length or chunked bodies, keep-alive).
class KubeApiConnection : public QObject
{
public:
    KubeApiConnection(KubeApiServer *server, QTcpSocket *socket)
        : QObject(socket)
        , m_server(server)
        , m_socket(socket)
    {
        connect(socket, &QTcpSocket::readyRead, this, &KubeApiConnection::onReadyRead);
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    }

private:
    void onReadyRead()
    {
        if (m_upgraded) // a port-forward session reads the socket now
            return;
        if (m_streaming) { // a watch stream: the client sends nothing more on it
            m_socket->readAll();
            return;
        }
        m_buffer += m_socket->readAll();
        while (processOne()) {
        }
    }

    // True when a whole request was consumed and answered.
    bool processOne()
    {
        const qsizetype headerEnd = m_buffer.indexOf("\r\n\r\n");
        if (headerEnd < 0)
            return false;
        const QList<QByteArray> lines = m_buffer.left(headerEnd).split('\n');
        const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
        QByteArray contentType;
        qint64 contentLength = 0;
        bool chunked = false;
        bool close = false;
        QList<QPair<QByteArray, QByteArray>> headers;
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QByteArray line = lines.at(i).trimmed();
            const qsizetype colon = line.indexOf(':');
            if (colon < 0)
                continue;
            const QByteArray name = line.left(colon).trimmed().toLower();
            const QByteArray value = line.mid(colon + 1).trimmed();
            headers.append({name, value});
            if (name == "content-type")
                contentType = value;
            else if (name == "content-length")
                contentLength = value.toLongLong();
            else if (name == "transfer-encoding" && value.toLower().contains("chunked"))
                chunked = true;
            else if (name == "connection" && value.toLower() == "close")
                close = true;
        }
        const qsizetype bodyStart = headerEnd + 4;
        QByteArray body;
        qsizetype consumed = 0;
        if (chunked) {
            qsizetype pos = bodyStart;
            for (;;) {
                const qsizetype eol = m_buffer.indexOf("\r\n", pos);
                if (eol < 0)
                    return false;
                bool ok = false;
                const qint64 size =
                    m_buffer.mid(pos, eol - pos).split(';').first().trimmed().toLongLong(&ok, 16);
                if (!ok)
                    return fail();
                if (m_buffer.size() < eol + 2 + size + 2)
                    return false;
                if (size == 0) {
                    // Skip trailers up to the blank line.
                    const qsizetype end = m_buffer.indexOf("\r\n", eol + 2);
                    if (end < 0)
                        return false;
                    consumed = end + 2;
                    break;
                }
                body += m_buffer.mid(eol + 2, size);
                pos = eol + 2 + size + 2;
            }
        } else {
            if (m_buffer.size() < bodyStart + contentLength)
                return false;
            body = m_buffer.mid(bodyStart, contentLength);
            consumed = bodyStart + contentLength;
        }
        m_buffer.remove(0, consumed);
        if (requestLine.size() < 2)
            return fail();
        const KubeApiServer::Reply reply =
            m_server->handle(requestLine.at(0), requestLine.at(1), contentType, body);
        if (!reply.portForwardPod.isEmpty()) {
            m_upgraded = true;
            disconnect(m_socket, &QTcpSocket::readyRead, this, nullptr);
            m_server->startPortForward(m_socket, requestLine.at(0), headers, m_buffer, reply.portForwardPod);
            m_buffer.clear();
            return false;
        }
        if (reply.watch) {
            m_socket->write(
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n"
                "Cache-Control: no-cache, private\r\n\r\n");
            m_server->startWatch(m_socket, reply);
            m_streaming = true;
            m_buffer.clear();
            return false;
        }
        QByteArray out =
            "HTTP/1.1 " + QByteArray::number(reply.status) + ' ' + reasonPhrase(reply.status) + "\r\n";
        out += "Content-Type: " + reply.contentType + "\r\n";
        out += "Content-Length: " + QByteArray::number(reply.body.size()) + "\r\n";
        out += "Cache-Control: no-cache, private\r\n";
        if (close)
            out += "Connection: close\r\n";
        out += "\r\n" + reply.body;
        m_socket->write(out);
        if (close) {
            m_socket->disconnectFromHost();
            return false;
        }
        return true;
    }

    bool fail()
    {
        m_socket->write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        m_socket->disconnectFromHost();
        m_buffer.clear();
        return false;
    }

    KubeApiServer *m_server;
    QTcpSocket *m_socket;
    QByteArray m_buffer;
    bool m_streaming = false;
    bool m_upgraded = false;
};

KubeApiServer::KubeApiServer(QObject *parent)
    : QObject(parent)
{
    const QList<Resource> defaults{
        {QString(), QStringLiteral("v1"), QStringLiteral("Namespace"), QStringLiteral("namespaces"), false},
        {QString(), QStringLiteral("v1"), QStringLiteral("Service"), QStringLiteral("services"), true},
        {QString(), QStringLiteral("v1"), QStringLiteral("Secret"), QStringLiteral("secrets"), true},
        {QString(), QStringLiteral("v1"), QStringLiteral("ConfigMap"), QStringLiteral("configmaps"), true},
        {QString(), QStringLiteral("v1"), QStringLiteral("Pod"), QStringLiteral("pods"), true},
        {QString(), QStringLiteral("v1"), QStringLiteral("ServiceAccount"), QStringLiteral("serviceaccounts"),
         true},
        {QStringLiteral("apps"), QStringLiteral("v1"), QStringLiteral("Deployment"),
         QStringLiteral("deployments"), true},
        {QStringLiteral("autoscaling"), QStringLiteral("v2"), QStringLiteral("HorizontalPodAutoscaler"),
         QStringLiteral("horizontalpodautoscalers"), true},
        {QStringLiteral("monitoring.googleapis.com"), QStringLiteral("v1"), QStringLiteral("PodMonitoring"),
         QStringLiteral("podmonitorings"), true},
        {QStringLiteral("monitoring.coreos.com"), QStringLiteral("v1"), QStringLiteral("ServiceMonitor"),
         QStringLiteral("servicemonitors"), true},
    };
    m_resources = defaults;
}

KubeApiServer::~KubeApiServer()
{
    stop();
}

void KubeApiServer::addResource(const Resource &resource)
{
    QMutexLocker lock(&m_mutex);
    m_resources << resource;
}

bool KubeApiServer::start(quint16 port)
{
    if (m_thread)
        return true;
    m_thread = new QThread;
    m_thread->setObjectName(QStringLiteral("KubeApiServer"));
    m_server = new QTcpServer;
    m_server->moveToThread(m_thread);
    m_thread->start();
    bool ok = false;
    QMetaObject::invokeMethod(
        m_server,
        [this, port, &ok] {
            ok = m_server->listen(QHostAddress::LocalHost, port);
            if (!ok) {
                m_error = m_server->errorString();
                return;
            }
            m_port = m_server->serverPort();
            connect(m_server, &QTcpServer::newConnection, m_server, [this] {
                while (QTcpSocket *socket = m_server->nextPendingConnection())
                    new KubeApiConnection(this, socket);
            });
        },
        Qt::BlockingQueuedConnection);
    if (!ok)
        stop();
    return ok;
}

void KubeApiServer::stop()
{
    if (!m_thread)
        return;
    QMetaObject::invokeMethod(
        m_server,
        [this] {
            m_server->close();
            m_watchers.clear();
            delete m_server; // deletes the connections (children of their sockets, which are its children)
            m_server = nullptr;
        },
        Qt::BlockingQueuedConnection);
    m_thread->quit();
    m_thread->wait();
    delete m_thread;
    m_thread = nullptr;
}

QString KubeApiServer::url() const
{
    return QStringLiteral("http://127.0.0.1:%1").arg(m_port);
}

bool KubeApiServer::writeKubeconfig(const QString &path) const
{
    const QString config = QStringLiteral("apiVersion: v1\n"
                                          "kind: Config\n"
                                          "clusters:\n"
                                          "- name: test\n"
                                          "  cluster:\n"
                                          "    server: %1\n"
                                          "users:\n"
                                          "- name: test\n"
                                          "  user: {}\n"
                                          "contexts:\n"
                                          "- name: test\n"
                                          "  context:\n"
                                          "    cluster: test\n"
                                          "    user: test\n"
                                          "current-context: test\n")
                               .arg(url());
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return false;
    f.write(config.toUtf8());
    return f.commit();
}

QString KubeApiServer::key(const Resource &res, const QString &ns, const QString &name) const
{
    return res.group + QLatin1Char('/') + res.plural + QLatin1Char('/') + (res.namespaced ? ns : QString()) +
           QLatin1Char('/') + name;
}

QJsonObject KubeApiServer::object(const QString &apiVersion, const QString &kind, const QString &ns,
                                  const QString &name) const
{
    QMutexLocker lock(&m_mutex);
    for (const Resource &r : m_resources) {
        if (groupVersion(r) == apiVersion && r.kind == kind)
            return m_objects.value(key(r, ns, name));
    }
    return {};
}

QList<QJsonObject> KubeApiServer::objects() const
{
    QMutexLocker lock(&m_mutex);
    return m_objects.values();
}

void KubeApiServer::putObject(const QJsonObject &object)
{
    QMutexLocker lock(&m_mutex);
    const QString apiVersion = object.value(QStringLiteral("apiVersion")).toString();
    const QString kind = object.value(QStringLiteral("kind")).toString();
    const QJsonObject meta = object.value(QStringLiteral("metadata")).toObject();
    for (const Resource &r : m_resources) {
        if (groupVersion(r) == apiVersion && r.kind == kind) {
            const QString k = key(r, meta.value(QStringLiteral("namespace")).toString(),
                                  meta.value(QStringLiteral("name")).toString());
            const bool existed = m_objects.contains(k);
            QJsonObject stored = object;
            QJsonObject m = meta;
            m.insert(QStringLiteral("resourceVersion"), QString::number(++m_resourceVersion));
            stored.insert(QStringLiteral("metadata"), m);
            applyHooks(stored);
            m_objects.insert(k, stored);
            notify(existed ? QStringLiteral("MODIFIED") : QStringLiteral("ADDED"), stored);
            return;
        }
    }
}

void KubeApiServer::clearObjects()
{
    QMutexLocker lock(&m_mutex);
    m_objects.clear();
}

QStringList KubeApiServer::requestLog() const
{
    QMutexLocker lock(&m_mutex);
    return m_log;
}

void KubeApiServer::clearRequestLog()
{
    QMutexLocker lock(&m_mutex);
    m_log.clear();
}

void KubeApiServer::setDeploymentsAvailable(bool on)
{
    QMutexLocker lock(&m_mutex);
    m_deploymentsAvailable = on;
    if (!on)
        return;
    for (auto it = m_objects.begin(); it != m_objects.end(); ++it) {
        if (it->value(QStringLiteral("kind")).toString() != QLatin1String("Deployment"))
            continue;
        applyHooks(*it);
        QJsonObject meta = it->value(QStringLiteral("metadata")).toObject();
        meta.insert(QStringLiteral("resourceVersion"), QString::number(++m_resourceVersion));
        it->insert(QStringLiteral("metadata"), meta);
        notify(QStringLiteral("MODIFIED"), *it);
    }
}

void KubeApiServer::setFailure(int status, const QString &method, const QString &pathPart)
{
    QMutexLocker lock(&m_mutex);
    m_failStatus = status;
    m_failMethod = method;
    m_failPath = pathPart;
}

void KubeApiServer::setPortForwardTarget(const QString &pod, int containerPort, quint16 localPort)
{
    QMutexLocker lock(&m_mutex);
    m_forwardTargets.insert(pod + QLatin1Char('/') + QString::number(containerPort), localPort);
}

void KubeApiServer::setPortForwardWebSockets(bool on)
{
    QMutexLocker lock(&m_mutex);
    m_forwardWebSockets = on;
}

QStringList KubeApiServer::portForwardLog() const
{
    QMutexLocker lock(&m_mutex);
    return m_forwardLog;
}

int KubeApiServer::openPortForwardSessions() const
{
    QMutexLocker lock(&m_mutex);
    return m_forwardSessions;
}

void KubeApiServer::startPortForward(QTcpSocket *socket, const QByteArray &method,
                                     const QList<QPair<QByteArray, QByteArray>> &headers,
                                     const QByteArray &leftover, const QString &pod)
{
    bool webSockets = true;
    {
        QMutexLocker lock(&m_mutex);
        webSockets = m_forwardWebSockets;
    }
    const QString podName = pod.section(QLatin1Char('/'), 1);
    auto resolve = [this, podName](int containerPort) -> quint16 {
        QMutexLocker lock(&m_mutex);
        const QString port = QLatin1Char('/') + QString::number(containerPort);
        return m_forwardTargets.value(podName + port, m_forwardTargets.value(port, 0));
    };
    auto log = [this](const QString &line) {
        QMutexLocker lock(&m_mutex);
        m_forwardLog << line;
    };
    KubePortForwardSession *session =
        KubePortForwardSession::upgrade(socket, method, headers, leftover, webSockets, pod, resolve, log);
    if (!session)
        return;
    QMutexLocker lock(&m_mutex);
    ++m_forwardSessions;
    connect(session, &QObject::destroyed, m_server, [this] {
        QMutexLocker l(&m_mutex);
        --m_forwardSessions;
    });
}

void KubeApiServer::applyHooks(QJsonObject &object) const
{
    if (!m_deploymentsAvailable ||
        object.value(QStringLiteral("kind")).toString() != QLatin1String("Deployment"))
        return;
    const QJsonObject spec = object.value(QStringLiteral("spec")).toObject();
    const int replicas =
        spec.contains(QStringLiteral("replicas")) ? spec.value(QStringLiteral("replicas")).toInt() : 1;
    const qint64 generation =
        object.value(QStringLiteral("metadata")).toObject().value(QStringLiteral("generation")).toInteger(1);
    const QString now = QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
    QJsonObject status{
        {QStringLiteral("observedGeneration"), generation},
        {QStringLiteral("replicas"), replicas},
        {QStringLiteral("updatedReplicas"), replicas},
        {QStringLiteral("readyReplicas"), replicas},
        {QStringLiteral("availableReplicas"), replicas},
        {QStringLiteral("conditions"),
         QJsonArray{QJsonObject{{QStringLiteral("type"), QStringLiteral("Available")},
                                {QStringLiteral("status"), QStringLiteral("True")},
                                {QStringLiteral("reason"), QStringLiteral("MinimumReplicasAvailable")},
                                {QStringLiteral("lastUpdateTime"), now},
                                {QStringLiteral("lastTransitionTime"), now}},
                    QJsonObject{{QStringLiteral("type"), QStringLiteral("Progressing")},
                                {QStringLiteral("status"), QStringLiteral("True")},
                                {QStringLiteral("reason"), QStringLiteral("NewReplicaSetAvailable")},
                                {QStringLiteral("lastUpdateTime"), now},
                                {QStringLiteral("lastTransitionTime"), now}}}}};
    object.insert(QStringLiteral("status"), status);
}

KubeApiServer::Reply KubeApiServer::discovery(const QString &path) const
{
    Reply reply;
    if (path == QLatin1String("/version")) {
        reply.body = json(QJsonObject{{QStringLiteral("major"), QStringLiteral("1")},
                                      {QStringLiteral("minor"), QStringLiteral("32")},
                                      {QStringLiteral("gitVersion"), QStringLiteral("v1.32.0-iqtest")},
                                      {QStringLiteral("platform"), QStringLiteral("linux/amd64")}});
        return reply;
    }
    if (path == QLatin1String("/api")) {
        reply.body = json(
            QJsonObject{{QStringLiteral("kind"), QStringLiteral("APIVersions")},
                        {QStringLiteral("versions"), QJsonArray{QStringLiteral("v1")}},
                        {QStringLiteral("serverAddressByClientCIDRs"),
                         QJsonArray{QJsonObject{{QStringLiteral("clientCIDR"), QStringLiteral("0.0.0.0/0")},
                                                {QStringLiteral("serverAddress"),
                                                 QStringLiteral("127.0.0.1:%1").arg(m_port)}}}}});
        return reply;
    }
    if (path == QLatin1String("/apis")) {
        QMap<QString, QStringList> groups;
        QStringList order;
        for (const Resource &r : m_resources) {
            if (r.group.isEmpty())
                continue;
            if (!groups.contains(r.group))
                order << r.group;
            if (!groups[r.group].contains(r.version))
                groups[r.group] << r.version;
        }
        QJsonArray list;
        for (const QString &g : order) {
            QJsonArray versions;
            for (const QString &v : groups.value(g))
                versions.append(
                    QJsonObject{{QStringLiteral("groupVersion"), QString(g + QLatin1Char('/') + v)},
                                {QStringLiteral("version"), v}});
            list.append(QJsonObject{{QStringLiteral("name"), g},
                                    {QStringLiteral("versions"), versions},
                                    {QStringLiteral("preferredVersion"), versions.first()}});
        }
        reply.body = json(QJsonObject{{QStringLiteral("kind"), QStringLiteral("APIGroupList")},
                                      {QStringLiteral("apiVersion"), QStringLiteral("v1")},
                                      {QStringLiteral("groups"), list}});
        return reply;
    }
    QString gv;
    if (path == QLatin1String("/api/v1"))
        gv = QStringLiteral("v1");
    else if (path.startsWith(QLatin1String("/apis/")) && path.count(QLatin1Char('/')) == 3)
        gv = path.mid(6);
    QJsonArray resources;
    for (const Resource &r : m_resources) {
        if (groupVersion(r) != gv)
            continue;
        resources.append(QJsonObject{
            {QStringLiteral("name"), r.plural},
            {QStringLiteral("singularName"), r.kind.toLower()},
            {QStringLiteral("namespaced"), r.namespaced},
            {QStringLiteral("kind"), r.kind},
            {QStringLiteral("verbs"),
             QJsonArray{QStringLiteral("create"), QStringLiteral("delete"), QStringLiteral("get"),
                        QStringLiteral("list"), QStringLiteral("patch"), QStringLiteral("update")}}});
    }
    if (gv.isEmpty() || resources.isEmpty()) {
        reply.status = 404;
        reply.body =
            json(statusObject(404, QStringLiteral("the server could not find the requested resource")));
        return reply;
    }
    reply.body = json(QJsonObject{{QStringLiteral("kind"), QStringLiteral("APIResourceList")},
                                  {QStringLiteral("apiVersion"), QStringLiteral("v1")},
                                  {QStringLiteral("groupVersion"), gv},
                                  {QStringLiteral("resources"), resources}});
    return reply;
}

KubeApiServer::Reply KubeApiServer::handle(const QByteArray &method, const QByteArray &target,
                                           const QByteArray &contentType, const QByteArray &body)
{
    QMutexLocker lock(&m_mutex);
    const QString t = QString::fromUtf8(target);
    const qsizetype q = t.indexOf(QLatin1Char('?'));
    const QString path = q < 0 ? t : t.left(q);
    const QString query = q < 0 ? QString() : t.mid(q + 1);
    m_log << QStringLiteral("%1 %2 %3")
                 .arg(QString::fromUtf8(method), t, QString::fromUtf8(contentType))
                 .trimmed();

    if (m_failStatus != 0 && (m_failMethod.isEmpty() || m_failMethod == QString::fromUtf8(method)) &&
        (m_failPath.isEmpty() || path.contains(m_failPath))) {
        Reply r;
        r.status = m_failStatus;
        r.body = json(statusObject(m_failStatus, QStringLiteral("injected failure %1 for %2 %3")
                                                     .arg(m_failStatus)
                                                     .arg(QString::fromUtf8(method), path)));
        return r;
    }
    if (path.startsWith(QLatin1String("/openapi/"))) {
        Reply r;
        r.status = 404;
        r.body =
            json(statusObject(404, QStringLiteral("OpenAPI documents are not served; use --validate=false")));
        return r;
    }
    if (method == "GET" && (path == QLatin1String("/version") || path == QLatin1String("/api") ||
                            path == QLatin1String("/apis") || path == QLatin1String("/api/v1") ||
                            (path.startsWith(QLatin1String("/apis/")) && path.count(QLatin1Char('/')) == 3)))
        return discovery(path);

    // Resource paths.
    QStringList segs = path.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    QString group;
    QString version;
    if (segs.value(0) == QLatin1String("api") && segs.size() >= 3) {
        version = segs.at(1);
        segs = segs.mid(2);
    } else if (segs.value(0) == QLatin1String("apis") && segs.size() >= 4) {
        group = segs.at(1);
        version = segs.at(2);
        segs = segs.mid(3);
    } else {
        Reply r;
        r.status = 404;
        r.body = json(statusObject(404, QStringLiteral("the server could not find the requested resource")));
        return r;
    }
    QString ns;
    if (segs.size() >= 3 && segs.at(0) == QLatin1String("namespaces")) {
        ns = segs.at(1);
        segs = segs.mid(2);
    }
    const QString plural = segs.value(0);
    const QString name = segs.value(1);
    for (const Resource &res : std::as_const(m_resources)) {
        if (res.group == group && res.version == version && res.plural == plural) {
            if (segs.size() == 3 && res.plural == QLatin1String("pods") &&
                segs.at(2) == QLatin1String("portforward") && !m_forwardTargets.isEmpty()) {
                Reply r;
                if (!m_objects.contains(key(res, ns, name))) {
                    r.status = 404;
                    r.body = json(statusObject(404, QStringLiteral("pods \"%1\" not found").arg(name), name,
                                               res.plural));
                } else if (method != "GET" && method != "POST") {
                    r.status = 405;
                    r.body = json(statusObject(405, QStringLiteral("portforward needs GET or POST")));
                } else {
                    r.status = 101;
                    r.portForwardPod = ns + QLatin1Char('/') + name;
                }
                return r;
            }
            if (segs.size() > 2) {
                Reply r;
                r.status = 404;
                r.body = json(
                    statusObject(404, QStringLiteral("subresource %1 is not supported").arg(segs.at(2))));
                return r;
            }
            return handleResource(method, res, ns, name, contentType, body, query);
        }
    }
    Reply r;
    r.status = 404;
    r.body = json(statusObject(404, QStringLiteral("the server could not find the requested resource")));
    return r;
}

const KubeApiServer::Resource *KubeApiServer::resourceOf(const QJsonObject &object) const
{
    const QString apiVersion = object.value(QStringLiteral("apiVersion")).toString();
    const QString kind = object.value(QStringLiteral("kind")).toString();
    for (const Resource &r : m_resources) {
        if (groupVersion(r) == apiVersion && r.kind == kind)
            return &r;
    }
    return nullptr;
}

namespace {

bool watcherMatches(const KubeApiServer::Watcher &w, const QString &group, const QString &plural,
                    const QJsonObject &object)
{
    const QJsonObject meta = object.value(QStringLiteral("metadata")).toObject();
    return w.group == group && w.plural == plural &&
           (w.ns.isEmpty() || meta.value(QStringLiteral("namespace")).toString() == w.ns) &&
           (w.name.isEmpty() || meta.value(QStringLiteral("name")).toString() == w.name) &&
           matchesSelector(object, w.selector);
}

void writeEvent(QTcpSocket *socket, const QString &type, const QJsonObject &object)
{
    const QByteArray data =
        json(QJsonObject{{QStringLiteral("type"), type}, {QStringLiteral("object"), object}}) + '\n';
    socket->write(QByteArray::number(data.size(), 16) + "\r\n" + data + "\r\n");
}

} // namespace

void KubeApiServer::startWatch(QTcpSocket *socket, const Reply &reply)
{
    Watcher w = reply.watcher;
    w.socket = socket;
    {
        QMutexLocker lock(&m_mutex);
        // Objects changed after the resource version the client listed at (all of them for 0).
        for (const QJsonObject &object : std::as_const(m_objects)) {
            const qint64 rv = object.value(QStringLiteral("metadata"))
                                  .toObject()
                                  .value(QStringLiteral("resourceVersion"))
                                  .toString()
                                  .toLongLong();
            if (rv > reply.sinceResourceVersion && watcherMatches(w, w.group, w.plural, object))
                writeEvent(socket, QStringLiteral("ADDED"), object);
        }
        m_watchers << w;
    }
    const int timeout = reply.timeoutSeconds > 0 ? qMin(reply.timeoutSeconds, 600) : 600;
    QTimer::singleShot(timeout * 1000, socket, [socket] {
        socket->write("0\r\n\r\n"); // end of the stream; the client lists or watches again
        socket->disconnectFromHost();
    });
}

void KubeApiServer::notify(const QString &type, const QJsonObject &object)
{
    if (!m_server)
        return;
    // Sockets live on the server thread; callers may be on any thread (and hold m_mutex).
    QMetaObject::invokeMethod(
        m_server, [this, type, object] { deliver(type, object); }, Qt::QueuedConnection);
}

void KubeApiServer::deliver(const QString &type, const QJsonObject &object)
{
    QMutexLocker lock(&m_mutex);
    const Resource *res = resourceOf(object);
    if (!res)
        return;
    for (qsizetype i = m_watchers.size() - 1; i >= 0; --i) {
        const Watcher &w = m_watchers.at(i);
        if (!w.socket || w.socket->state() != QAbstractSocket::ConnectedState) {
            m_watchers.removeAt(i);
            continue;
        }
        if (watcherMatches(w, res->group, res->plural, object))
            writeEvent(w.socket, type, object);
    }
}

QJsonValue KubeApiServer::yamlToJson(const YAML::Node &node)
{
    switch (node.Type()) {
    case YAML::NodeType::Map: {
        QJsonObject o;
        for (auto it = node.begin(); it != node.end(); ++it)
            o.insert(QString::fromStdString(it->first.Scalar()), yamlToJson(it->second));
        return o;
    }
    case YAML::NodeType::Sequence: {
        QJsonArray a;
        for (const YAML::Node &n : node)
            a.append(yamlToJson(n));
        return a;
    }
    case YAML::NodeType::Scalar: {
        const QString s = QString::fromStdString(node.Scalar());
        if (node.Tag() != "?")
            return s; // quoted or explicitly tagged: a string
        static const QRegularExpression boolTrue(
            QStringLiteral("^(y|Y|yes|Yes|YES|on|On|ON|true|True|TRUE)$"));
        static const QRegularExpression boolFalse(
            QStringLiteral("^(n|N|no|No|NO|off|Off|OFF|false|False|FALSE)$"));
        static const QRegularExpression nullWord(QStringLiteral("^(~|null|Null|NULL)$"));
        static const QRegularExpression integer(QStringLiteral("^[-+]?[0-9]+$"));
        static const QRegularExpression real(
            QStringLiteral("^[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?$"));
        if (boolTrue.match(s).hasMatch())
            return true;
        if (boolFalse.match(s).hasMatch())
            return false;
        if (nullWord.match(s).hasMatch())
            return QJsonValue::Null;
        if (integer.match(s).hasMatch())
            return s.toLongLong();
        if (real.match(s).hasMatch())
            return s.toDouble();
        return s;
    }
    case YAML::NodeType::Null:
    case YAML::NodeType::Undefined:
        break;
    }
    return QJsonValue::Null;
}

KubeApiServer::Reply KubeApiServer::handleResource(const QByteArray &method, const Resource &res,
                                                   const QString &ns, const QString &name,
                                                   const QByteArray &contentType, const QByteArray &body,
                                                   const QString &query)
{
    Reply reply;
    auto error = [&](int code, const QString &message) {
        reply.status = code;
        reply.body = json(statusObject(code, message, name, res.plural));
        return reply;
    };
    const bool dryRun = queryValue(query, QStringLiteral("dryRun")) == QLatin1String("All");
    const QString k = key(res, ns, name);
    const QString gv = groupVersion(res);

    auto finish = [&](QJsonObject object, bool created, const QJsonObject &previous) {
        QJsonObject meta = object.value(QStringLiteral("metadata")).toObject();
        meta.insert(QStringLiteral("name"), name.isEmpty() ? meta.value(QStringLiteral("name")) : name);
        if (res.namespaced)
            meta.insert(QStringLiteral("namespace"), ns);
        const QJsonObject prevMeta = previous.value(QStringLiteral("metadata")).toObject();
        if (created) {
            meta.insert(QStringLiteral("uid"), QUuid::createUuid().toString(QUuid::WithoutBraces));
            meta.insert(QStringLiteral("creationTimestamp"),
                        QDateTime::currentDateTimeUtc().toString(Qt::ISODate));
            meta.insert(QStringLiteral("generation"), 1);
        } else {
            for (const char *f : {"uid", "creationTimestamp", "generation"})
                meta.insert(QLatin1String(f), prevMeta.value(QLatin1String(f)));
            if (object.value(QStringLiteral("spec")) != previous.value(QStringLiteral("spec")))
                meta.insert(QStringLiteral("generation"),
                            prevMeta.value(QStringLiteral("generation")).toInteger() + 1);
            if (!object.contains(QStringLiteral("status")) && previous.contains(QStringLiteral("status")))
                object.insert(QStringLiteral("status"), previous.value(QStringLiteral("status")));
        }
        meta.insert(QStringLiteral("resourceVersion"), QString::number(++m_resourceVersion));
        object.insert(QStringLiteral("metadata"), meta);
        object.insert(QStringLiteral("apiVersion"), gv);
        object.insert(QStringLiteral("kind"), res.kind);
        applyHooks(object);
        const QString storeKey = key(res, ns, meta.value(QStringLiteral("name")).toString());
        if (!dryRun) {
            m_objects.insert(storeKey, object);
            notify(created ? QStringLiteral("ADDED") : QStringLiteral("MODIFIED"), object);
        }
        reply.status = created ? 201 : 200;
        reply.body = json(object);
        return reply;
    };

    if (method == "GET") {
        const QString fieldSelector = queryValue(query, QStringLiteral("fieldSelector"));
        QString nameFilter;
        for (const QString &term : fieldSelector.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            if (term.startsWith(QLatin1String("metadata.name=")))
                nameFilter = term.mid(14);
            else if (!term.startsWith(QLatin1String("metadata.namespace=")))
                return error(400, QStringLiteral("field selector %1 is not supported").arg(term));
        }
        if (queryValue(query, QStringLiteral("watch")) == QLatin1String("true") ||
            queryValue(query, QStringLiteral("watch")) == QLatin1String("1")) {
            reply.watch = true;
            reply.watcher = Watcher{nullptr,
                                    res.group,
                                    res.plural,
                                    ns,
                                    name.isEmpty() ? nameFilter : name,
                                    queryValue(query, QStringLiteral("labelSelector"))};
            reply.sinceResourceVersion = queryValue(query, QStringLiteral("resourceVersion")).toLongLong();
            reply.timeoutSeconds = queryValue(query, QStringLiteral("timeoutSeconds")).toInt();
            return reply;
        }
        if (!name.isEmpty()) {
            if (!m_objects.contains(k))
                return error(404, QStringLiteral("%1 \"%2\" not found").arg(res.plural, name));
            reply.body = json(m_objects.value(k));
            return reply;
        }
        const QString selector = queryValue(query, QStringLiteral("labelSelector"));
        const QString prefix = res.group + QLatin1Char('/') + res.plural + QLatin1Char('/');
        QJsonArray items;
        for (auto it = m_objects.cbegin(); it != m_objects.cend(); ++it) {
            if (!it.key().startsWith(prefix))
                continue;
            const QString objectNs = it->value(QStringLiteral("metadata"))
                                         .toObject()
                                         .value(QStringLiteral("namespace"))
                                         .toString();
            if (!ns.isEmpty() && objectNs != ns)
                continue;
            if (!nameFilter.isEmpty() &&
                it->value(QStringLiteral("metadata")).toObject().value(QStringLiteral("name")).toString() !=
                    nameFilter)
                continue;
            if (matchesSelector(*it, selector))
                items.append(*it);
        }
        reply.body =
            json(QJsonObject{{QStringLiteral("kind"), QString(res.kind + QStringLiteral("List"))},
                             {QStringLiteral("apiVersion"), gv},
                             {QStringLiteral("metadata"), QJsonObject{{QStringLiteral("resourceVersion"),
                                                                       QString::number(m_resourceVersion)}}},
                             {QStringLiteral("items"), items}});
        return reply;
    }
    if (method == "DELETE") {
        if (name.isEmpty())
            return error(405, QStringLiteral("collection delete is not supported"));
        if (!m_objects.contains(k))
            return error(404, QStringLiteral("%1 \"%2\" not found").arg(res.plural, name));
        if (!dryRun)
            notify(QStringLiteral("DELETED"), m_objects.take(k));
        reply.body = json(statusObject(200, QString(), name, res.plural));
        return reply;
    }

    QJsonParseError parseError{};
    if (method == "POST" || method == "PUT") {
        const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
        if (!doc.isObject())
            return error(400, QStringLiteral("body is not a JSON object: %1").arg(parseError.errorString()));
        QJsonObject object = doc.object();
        const QJsonObject meta = object.value(QStringLiteral("metadata")).toObject();
        const QString objectName = meta.value(QStringLiteral("name")).toString();
        const QString objectNs = meta.value(QStringLiteral("namespace")).toString();
        if (object.value(QStringLiteral("kind")).toString() != res.kind ||
            object.value(QStringLiteral("apiVersion")).toString() != gv)
            return error(400, QStringLiteral("kind/apiVersion %1 %2 do not match the URL (%3 %4)")
                                  .arg(object.value(QStringLiteral("apiVersion")).toString(),
                                       object.value(QStringLiteral("kind")).toString(), gv, res.kind));
        if (res.namespaced && !objectNs.isEmpty() && objectNs != ns)
            return error(
                400, QStringLiteral("the namespace of the object (%1) does not match the namespace on the "
                                    "request (%2)")
                         .arg(objectNs, ns));
        if (objectName.isEmpty())
            return error(422, QStringLiteral("metadata.name: Required value"));
        if (method == "POST") {
            if (!name.isEmpty())
                return error(405, QStringLiteral("POST to a named object"));
            const QString createKey = key(res, ns, objectName);
            if (m_objects.contains(createKey)) {
                reply.status = 409;
                reply.body = json(
                    statusObject(409, QStringLiteral("%1 \"%2\" already exists").arg(res.plural, objectName),
                                 objectName, res.plural));
                return reply;
            }
            QJsonObject fresh = object;
            fresh.remove(QStringLiteral("status"));
            QJsonObject m = meta;
            m.insert(QStringLiteral("name"), objectName);
            fresh.insert(QStringLiteral("metadata"), m);
            return finish(fresh, true, {});
        }
        if (objectName != name)
            return error(400,
                         QStringLiteral("the name of the object (%1) does not match the name on the URL (%2)")
                             .arg(objectName, name));
        if (!m_objects.contains(k))
            return error(404, QStringLiteral("%1 \"%2\" not found").arg(res.plural, name));
        return finish(object, false, m_objects.value(k));
    }
    if (method == "PATCH") {
        if (name.isEmpty())
            return error(405, QStringLiteral("PATCH needs an object name"));
        const QByteArray type = contentType.split(';').first().trimmed();
        const bool exists = m_objects.contains(k);
        const QJsonObject current = m_objects.value(k);
        QJsonValue patched;
        if (type == "application/apply-patch+yaml") {
            YAML::Node node;
            try {
                node = YAML::Load(body.toStdString());
            } catch (const YAML::Exception &e) {
                return error(400,
                             QStringLiteral("apply patch is not YAML: %1").arg(QString::fromUtf8(e.what())));
            }
            const QJsonValue applied = yamlToJson(node);
            if (!applied.isObject())
                return error(400, QStringLiteral("apply patch is not an object"));
            if (!exists) {
                QJsonObject fresh = applied.toObject();
                if (fresh.value(QStringLiteral("metadata"))
                        .toObject()
                        .value(QStringLiteral("name"))
                        .toString() != name)
                    return error(400,
                                 QStringLiteral("the name of the object does not match the name on the URL"));
                fresh.remove(QStringLiteral("status"));
                return finish(fresh, true, {});
            }
            patched = mergePatch(current, applied);
        } else {
            if (!exists)
                return error(404, QStringLiteral("%1 \"%2\" not found").arg(res.plural, name));
            const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
            if (doc.isNull())
                return error(400, QStringLiteral("patch is not JSON: %1").arg(parseError.errorString()));
            if (type == "application/merge-patch+json") {
                patched = mergePatch(current, doc.object());
            } else if (type == "application/strategic-merge-patch+json") {
                patched = strategicMerge(current, doc.object());
            } else if (type == "application/json-patch+json") {
                patched = current;
                QString message;
                if (!jsonPatch(patched, doc.array(), &message))
                    return error(422, message);
            } else {
                return error(415, QStringLiteral("unsupported patch type %1").arg(QString::fromUtf8(type)));
            }
        }
        return finish(patched.toObject(), false, current);
    }
    return error(405, QStringLiteral("method %1 is not supported").arg(QString::fromUtf8(method)));
}

} // namespace iqtest
