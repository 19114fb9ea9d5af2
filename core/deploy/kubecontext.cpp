#include "kubecontext.h"

#include "manifest/kubenames.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace iq::deploy {

const KubeContextEntry *KubeConfigView::find(const QString &name) const
{
    for (const KubeContextEntry &c : contexts) {
        if (c.name == name)
            return &c;
    }
    return nullptr;
}

QStringList KubeConfigView::contextNames() const
{
    QStringList names;
    for (const KubeContextEntry &c : contexts)
        names.append(c.name);
    return names;
}

std::optional<KubeConfigView> parseKubeConfigView(const QByteArray &json, QString *error)
{
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &pe);
    if (pe.error != QJsonParseError::NoError || !doc.isObject()) {
        *error = QStringLiteral("kubectl config view: unexpected output (not a JSON object: %1)")
                     .arg(pe.errorString());
        return std::nullopt;
    }
    const QJsonObject root = doc.object();
    KubeConfigView view;
    view.currentContext = root.value(QStringLiteral("current-context")).toString();
    QHash<QString, QString> servers;
    for (const QJsonValue &v : root.value(QStringLiteral("clusters")).toArray()) {
        const QJsonObject c = v.toObject();
        servers.insert(
            c.value(QStringLiteral("name")).toString(),
            c.value(QStringLiteral("cluster")).toObject().value(QStringLiteral("server")).toString());
    }
    for (const QJsonValue &v : root.value(QStringLiteral("contexts")).toArray()) {
        const QJsonObject c = v.toObject();
        const QJsonObject ctx = c.value(QStringLiteral("context")).toObject();
        KubeContextEntry e;
        e.name = c.value(QStringLiteral("name")).toString();
        e.cluster = ctx.value(QStringLiteral("cluster")).toString();
        e.server = servers.value(e.cluster);
        e.ns = ctx.value(QStringLiteral("namespace")).toString();
        e.user = ctx.value(QStringLiteral("user")).toString();
        if (!e.name.isEmpty())
            view.contexts.append(e);
    }
    return view;
}

bool resolveTarget(const KubeConfigView &view, const QString &requestedContext,
                   const QString &requestedNamespace, KubeTarget *target, QString *error)
{
    const QString name = requestedContext.isEmpty() ? view.currentContext : requestedContext;
    const QString known = view.contexts.isEmpty()
                              ? QStringLiteral("the kubeconfig has no contexts")
                              : QStringLiteral("contexts: ") + view.contextNames().join(QStringLiteral(", "));
    if (name.isEmpty()) {
        *error = QStringLiteral(
                     "no current kube context (kubectl config current-context is not set); pick one with "
                     "--context or `kubectl config use-context` (%1)")
                     .arg(known);
        return false;
    }
    const KubeContextEntry *entry = view.find(name);
    if (!entry) {
        *error = QStringLiteral("the kube context \"%1\" is not in the kubeconfig (%2)").arg(name, known);
        return false;
    }
    if (entry->server.isEmpty()) {
        *error = QStringLiteral(
                     "the kube context \"%1\" names cluster \"%2\", which has no server in the kubeconfig")
                     .arg(name, entry->cluster);
        return false;
    }
    KubeTarget t = *target; // keep kubectl/kubeconfig set by the caller
    t.context = entry->name;
    t.cluster = entry->cluster;
    t.server = entry->server;
    t.user = entry->user;
    t.availableContexts = view.contextNames();
    t.namespaceFromContext = requestedNamespace.isEmpty();
    t.ns = !requestedNamespace.isEmpty() ? requestedNamespace
                                         : (entry->ns.isEmpty() ? QStringLiteral("default") : entry->ns);
    if (const QString e = manifest::checkDns1123Label(QStringLiteral("namespace"), t.ns); !e.isEmpty()) {
        *error = e;
        return false;
    }
    *target = t;
    return true;
}

QString kubeconfigInUse(const KubectlSettings &settings)
{
    if (!settings.kubeconfig.isEmpty())
        return settings.kubeconfig;
    const QString env = settings.environment.value(QStringLiteral("KUBECONFIG"));
    if (!env.isEmpty())
        return env;
    const QString home = settings.environment.value(QStringLiteral("HOME"), QDir::homePath());
    return home + QStringLiteral("/.kube/config");
}

KubeContextProbe::KubeContextProbe(KubectlSettings settings, QObject *parent)
    : QObject(parent)
    , m_settings(std::move(settings))
{
    m_settings.context.clear(); // read every context, not one
}

void KubeContextProbe::start()
{
    m_runner = new KubectlRunner(m_settings, this);
    m_runner->setUseRequestTimeout(false);
    m_runner->setTimeout(30000);
    connect(m_runner, &KubectlRunner::aboutToStart, this,
            [this](const QString &command) { emit output(QStringLiteral("$ %1\n").arg(command)); });
    connect(m_runner, &KubectlRunner::failed, this,
            [this](const QString &message) { emit failed(message, m_runner->failure().kind); });
    connect(m_runner, &KubectlRunner::finished, this, [this](int code) {
        if (code != 0) {
            emit failed(
                QStringLiteral("kubectl config view failed: %1").arg(m_runner->standardError().trimmed()),
                FailureKind::NoContext);
            return;
        }
        QString error;
        const std::optional<KubeConfigView> view = parseKubeConfigView(m_runner->standardOutput(), &error);
        if (!view) {
            emit failed(error, FailureKind::Other);
            return;
        }
        emit finished(*view);
    });
    m_runner->start(
        {QStringLiteral("config"), QStringLiteral("view"), QStringLiteral("-o"), QStringLiteral("json")});
}

void KubeContextProbe::cancel()
{
    if (m_runner)
        m_runner->cancel();
}

} // namespace iq::deploy
