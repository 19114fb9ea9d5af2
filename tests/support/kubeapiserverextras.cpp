#include "kubeapiserverextras.h"

#include <QDateTime>
#include <QJsonArray>
#include <QSaveFile>
#include <QTcpServer>

namespace iqtest {

bool writeKubeconfig(const QString &path, const QList<KubeconfigContext> &contexts, const QString &current)
{
    QString clusters;
    QString users;
    QString ctxs;
    for (const KubeconfigContext &c : contexts) {
        clusters += QStringLiteral("- name: %1-cluster\n  cluster:\n    server: %2\n").arg(c.name, c.server);
        users += QStringLiteral("- name: %1-user\n  user: {}\n").arg(c.name);
        ctxs += QStringLiteral("- name: %1\n  context:\n    cluster: %1-cluster\n    user: %1-user\n")
                    .arg(c.name);
        if (!c.ns.isEmpty())
            ctxs += QStringLiteral("    namespace: %1\n").arg(c.ns);
    }
    QString text = QStringLiteral("apiVersion: v1\nkind: Config\nclusters:\n") + clusters +
                   QStringLiteral("users:\n") + users + QStringLiteral("contexts:\n") + ctxs;
    if (!current.isEmpty())
        text += QStringLiteral("current-context: %1\n").arg(current);
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return false;
    f.write(text.toUtf8());
    return f.commit();
}

quint16 closedLocalPort()
{
    QTcpServer s;
    if (!s.listen(QHostAddress::LocalHost, 0))
        return 1;
    const quint16 port = s.serverPort();
    s.close();
    return port;
}

void addEventResource(KubeApiServer &server)
{
    server.addResource(
        {QString(), QStringLiteral("v1"), QStringLiteral("Event"), QStringLiteral("events"), true});
}

namespace {
QJsonObject labelsOf(const QString &selector)
{
    QJsonObject labels;
    for (const QString &kv : selector.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const qsizetype eq = kv.indexOf(QLatin1Char('='));
        labels.insert(kv.left(eq), kv.mid(eq + 1));
    }
    return labels;
}
} // namespace

QStringList differencesFromManifests(const KubeApiServer &server, const QString &yaml, int *compared)
{
    QStringList differences;
    *compared = 0;
    for (const YAML::Node &doc : YAML::LoadAll(yaml.toStdString())) {
        if (!doc || doc.IsNull())
            continue;
        const QJsonObject want = KubeApiServer::yamlToJson(doc).toObject();
        const QJsonObject meta = want.value(QStringLiteral("metadata")).toObject();
        const QString kind = want.value(QStringLiteral("kind")).toString();
        const QString name = meta.value(QStringLiteral("name")).toString();
        const QJsonObject got = server.object(want.value(QStringLiteral("apiVersion")).toString(), kind,
                                              meta.value(QStringLiteral("namespace")).toString(), name);
        ++*compared;
        if (got.isEmpty()) {
            differences << QStringLiteral("%1/%2 did not arrive").arg(kind, name);
            continue;
        }
        const QJsonObject gotMeta = got.value(QStringLiteral("metadata")).toObject();
        if (got.value(QStringLiteral("spec")) != want.value(QStringLiteral("spec")))
            differences << QStringLiteral("%1/%2: spec differs").arg(kind, name);
        if (gotMeta.value(QStringLiteral("labels")) != meta.value(QStringLiteral("labels")))
            differences << QStringLiteral("%1/%2: labels differ").arg(kind, name);
        const QJsonObject wantAnnotations = meta.value(QStringLiteral("annotations")).toObject();
        const QJsonObject gotAnnotations = gotMeta.value(QStringLiteral("annotations")).toObject();
        for (auto it = wantAnnotations.begin(); it != wantAnnotations.end(); ++it)
            if (gotAnnotations.value(it.key()) != it.value())
                differences << QStringLiteral("%1/%2: annotation %3 differs").arg(kind, name, it.key());
    }
    return differences;
}

void seedRunningPod(KubeApiServer &server, const QString &ns, const QString &podName, const QString &selector,
                    const QString &portName, int containerPort)
{
    server.putObject(QJsonObject{
        {QStringLiteral("apiVersion"), QStringLiteral("v1")},
        {QStringLiteral("kind"), QStringLiteral("Pod")},
        {QStringLiteral("metadata"), QJsonObject{{QStringLiteral("name"), podName},
                                                 {QStringLiteral("namespace"), ns},
                                                 {QStringLiteral("labels"), labelsOf(selector)}}},
        {QStringLiteral("spec"),
         QJsonObject{{QStringLiteral("containers"),
                      QJsonArray{QJsonObject{
                          {QStringLiteral("name"), QStringLiteral("inference-server")},
                          {QStringLiteral("ports"),
                           QJsonArray{QJsonObject{{QStringLiteral("name"), portName},
                                                  {QStringLiteral("containerPort"), containerPort}}}}}}}}},
        {QStringLiteral("status"),
         QJsonObject{{QStringLiteral("phase"), QStringLiteral("Running")},
                     {QStringLiteral("conditions"),
                      QJsonArray{QJsonObject{{QStringLiteral("type"), QStringLiteral("Ready")},
                                             {QStringLiteral("status"), QStringLiteral("True")}}}}}}});
}

void seedPodEvent(KubeApiServer &server, const QString &ns, const QString &podName, const QString &selector,
                  const QString &reason, const QString &message)
{
    const QJsonObject labels = labelsOf(selector);
    const QString now = QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
    const QJsonObject pod{
        {QStringLiteral("apiVersion"), QStringLiteral("v1")},
        {QStringLiteral("kind"), QStringLiteral("Pod")},
        {QStringLiteral("metadata"), QJsonObject{{QStringLiteral("name"), podName},
                                                 {QStringLiteral("namespace"), ns},
                                                 {QStringLiteral("labels"), labels}}},
        {QStringLiteral("spec"),
         QJsonObject{{QStringLiteral("containers"),
                      QJsonArray{QJsonObject{
                          {QStringLiteral("name"), QStringLiteral("inference-server")},
                          {QStringLiteral("image"), QStringLiteral("vllm/vllm-openai:v0.8.5")}}}}}},
        {QStringLiteral("status"), QJsonObject{{QStringLiteral("phase"), QStringLiteral("Pending")},
                                               {QStringLiteral("reason"), reason},
                                               {QStringLiteral("message"), message}}},
    };
    server.putObject(pod);
    const QJsonObject event{
        {QStringLiteral("apiVersion"), QStringLiteral("v1")},
        {QStringLiteral("kind"), QStringLiteral("Event")},
        {QStringLiteral("metadata"),
         QJsonObject{{QStringLiteral("name"), QString(podName + QStringLiteral(".event1"))},
                     {QStringLiteral("namespace"), ns}}},
        {QStringLiteral("involvedObject"), QJsonObject{{QStringLiteral("kind"), QStringLiteral("Pod")},
                                                       {QStringLiteral("name"), podName},
                                                       {QStringLiteral("namespace"), ns}}},
        {QStringLiteral("type"), QStringLiteral("Warning")},
        {QStringLiteral("reason"), reason},
        {QStringLiteral("message"), message},
        {QStringLiteral("count"), 3},
        {QStringLiteral("firstTimestamp"), now},
        {QStringLiteral("lastTimestamp"), now},
        {QStringLiteral("source"), QJsonObject{{QStringLiteral("component"), QStringLiteral("kubelet")}}},
    };
    server.putObject(event);
}

} // namespace iqtest
