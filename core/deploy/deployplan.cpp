#include "deployplan.h"

#include "manifest/kubenames.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include <yaml-cpp/yaml.h>

namespace iq::deploy {

namespace {

// Safe nested lookup: yaml-cpp throws when indexing a missing or non-map node; this returns a Null node.
YAML::Node atPath(const YAML::Node &node, const char *const *begin, const char *const *end)
{
    if (begin == end)
        return node;
    if (!node || !node.IsMap())
        return YAML::Node();
    const YAML::Node next = node[*begin];
    if (!next)
        return YAML::Node();
    return atPath(next, begin + 1, end);
}

YAML::Node at(const YAML::Node &node, std::initializer_list<const char *> keys)
{
    return atPath(node, keys.begin(), keys.end());
}

QString scalar(const YAML::Node &node)
{
    if (!node || !node.IsScalar())
        return {};
    return QString::fromStdString(node.Scalar());
}

int intScalar(const YAML::Node &node, int fallback)
{
    bool ok = false;
    const int v = scalar(node).toInt(&ok);
    return ok ? v : fallback;
}

QString where(const QString &source, const YAML::Node &node)
{
    return QStringLiteral("%1:%2").arg(source).arg(node.Mark().line + 1);
}

// The Deployment's secret for hf_api_token: the first env secretKeyRef with that key.
QString tokenSecretName(const YAML::Node &deployment)
{
    const YAML::Node containers = at(deployment, {"spec", "template", "spec", "containers"});
    if (!containers || !containers.IsSequence())
        return {};
    for (const YAML::Node &c : containers) {
        const YAML::Node env = at(c, {"env"});
        if (!env || !env.IsSequence())
            continue;
        for (const YAML::Node &e : env) {
            const YAML::Node ref = at(e, {"valueFrom", "secretKeyRef"});
            if (ref && ref.IsMap() && scalar(at(ref, {"key"})) == QLatin1String("hf_api_token"))
                return scalar(at(ref, {"name"}));
        }
    }
    return {};
}

// The name requests must use: vLLM/SGLang --served-model-name, else --model / --model-path / --model-id
// unless it is a local path.
QString servedModel(const YAML::Node &deployment)
{
    const YAML::Node containers = at(deployment, {"spec", "template", "spec", "containers"});
    if (!containers || !containers.IsSequence())
        return {};
    QString model;
    for (const YAML::Node &c : containers) {
        const YAML::Node args = at(c, {"args"});
        if (!args || !args.IsSequence())
            continue;
        for (std::size_t i = 0; i < args.size(); ++i) {
            const QString a = scalar(args[i]);
            const QString next = i + 1 < args.size() ? scalar(args[i + 1]) : QString();
            for (const char *flag : {"--served-model-name", "--model", "--model-path", "--model-id"}) {
                const QString f = QString::fromLatin1(flag);
                QString v;
                if (a.startsWith(f + QLatin1Char('=')))
                    v = a.mid(f.size() + 1);
                else if (a == f)
                    v = next;
                if (v.isEmpty())
                    continue;
                if (f == QLatin1String("--served-model-name"))
                    return v;
                if (model.isEmpty() && !v.startsWith(QLatin1Char('/')))
                    model = v;
            }
        }
    }
    return model;
}

void readAccelerators(const YAML::Node &deployment, DeployPlan *plan)
{
    const YAML::Node podSpec = at(deployment, {"spec", "template", "spec"});
    const YAML::Node selector = at(podSpec, {"nodeSelector"});
    if (selector && selector.IsMap()) {
        for (const char *key : {"cloud.google.com/gke-accelerator", "cloud.google.com/gke-tpu-accelerator"}) {
            if (const QString v = scalar(at(selector, {key})); !v.isEmpty())
                plan->acceleratorLabel = v;
        }
    }
    const YAML::Node containers = at(podSpec, {"containers"});
    if (!containers || !containers.IsSequence())
        return;
    for (const YAML::Node &c : containers) {
        const YAML::Node limits = at(c, {"resources", "limits"});
        if (!limits || !limits.IsMap())
            continue;
        for (const char *res : {"nvidia.com/gpu", "google.com/tpu"}) {
            const int n = intScalar(at(limits, {res}), 0);
            if (n > 0) {
                plan->acceleratorResource = QString::fromLatin1(res);
                plan->acceleratorsPerPod += n;
            }
        }
    }
}

} // namespace

namespace {

bool parsePlan(const QString &text, const QString &sourceName, DeployPlan *plan, QString *error);

} // namespace

bool parseDeployPlan(const QString &text, const QString &sourceName, DeployPlan *plan, QString *error)
{
    try {
        return parsePlan(text, sourceName, plan, error);
    } catch (const YAML::Exception &e) {
        // Structure yaml-cpp refuses to index (a scalar where a map is expected, ...): never a crash.
        *error = QStringLiteral("%1:%2: unexpected structure: %3")
                     .arg(sourceName)
                     .arg(e.mark.line + 1)
                     .arg(QString::fromStdString(e.msg));
        return false;
    }
}

namespace {

bool parsePlan(const QString &text, const QString &sourceName, DeployPlan *plan, QString *error)
{
    DeployPlan result;
    result.manifests = text;
    std::vector<YAML::Node> docs;
    try {
        docs = YAML::LoadAll(text.toStdString());
    } catch (const YAML::Exception &e) {
        *error = QStringLiteral("%1:%2: not valid YAML: %3")
                     .arg(sourceName)
                     .arg(e.mark.line + 1)
                     .arg(QString::fromStdString(e.msg));
        return false;
    }
    static const QRegularExpression kindRe(QStringLiteral("^[A-Z][A-Za-z0-9]{0,62}$"));
    int hpaMin = 0;
    int hpaMax = 0;
    for (const YAML::Node &doc : docs) {
        if (!doc || doc.IsNull())
            continue; // an empty document (e.g. the trailing comment block)
        if (!doc.IsMap()) {
            *error = QStringLiteral("%1: a document is not a mapping (a Kubernetes object)")
                         .arg(where(sourceName, doc));
            return false;
        }
        ManifestObject obj;
        obj.apiVersion = scalar(at(doc, {"apiVersion"}));
        obj.kind = scalar(at(doc, {"kind"}));
        obj.name = scalar(at(doc, {"metadata", "name"}));
        obj.ns = scalar(at(doc, {"metadata", "namespace"}));
        if (obj.apiVersion.isEmpty() || obj.kind.isEmpty()) {
            *error = QStringLiteral("%1: object without apiVersion or kind").arg(where(sourceName, doc));
            return false;
        }
        if (!kindRe.match(obj.kind).hasMatch()) {
            *error = QStringLiteral("%1: kind \"%2\" is not a Kubernetes kind name")
                         .arg(where(sourceName, doc), obj.kind);
            return false;
        }
        if (const QString e = manifest::checkDns1123Subdomain(obj.kind + QStringLiteral(" name"), obj.name);
            !e.isEmpty()) {
            *error = QStringLiteral("%1: %2").arg(where(sourceName, doc), e);
            return false;
        }
        if (!obj.ns.isEmpty()) {
            if (const QString e = manifest::checkDns1123Label(QStringLiteral("namespace"), obj.ns);
                !e.isEmpty()) {
                *error = QStringLiteral("%1: %2").arg(where(sourceName, doc), e);
                return false;
            }
            if (!result.ns.isEmpty() && result.ns != obj.ns) {
                *error =
                    QStringLiteral("%1: %2 is for namespace \"%3\" but an earlier object is for \"%4\"; a "
                                   "deploy goes to one namespace")
                        .arg(where(sourceName, doc), obj.display(), obj.ns, result.ns);
                return false;
            }
            result.ns = obj.ns;
        }
        if (obj.kind == QLatin1String("Deployment")) {
            if (!result.deploymentName.isEmpty()) {
                *error = QStringLiteral("%1: a second Deployment (%2); a deploy waits for exactly one")
                             .arg(where(sourceName, doc), obj.name);
                return false;
            }
            result.deploymentName = obj.name;
            result.replicas = intScalar(at(doc, {"spec", "replicas"}), 1);
            QStringList selector;
            const YAML::Node labels = at(doc, {"spec", "selector", "matchLabels"});
            if (labels && labels.IsMap()) {
                for (auto it = labels.begin(); it != labels.end(); ++it)
                    selector.append(QString::fromStdString(it->first.Scalar()) + QLatin1Char('=') +
                                    scalar(it->second));
            }
            result.podSelector = selector.join(QLatin1Char(','));
            result.hfSecretName = tokenSecretName(doc);
            result.servedModel = servedModel(doc);
            readAccelerators(doc, &result);
        } else if (obj.kind == QLatin1String("Service") && result.serviceName.isEmpty()) {
            result.serviceName = obj.name;
            const YAML::Node ports = at(doc, {"spec", "ports"});
            if (ports && ports.IsSequence() && ports.size() > 0)
                result.servicePort = intScalar(at(ports[0], {"port"}), 0);
        } else if (obj.kind == QLatin1String("HorizontalPodAutoscaler")) {
            hpaMin = intScalar(at(doc, {"spec", "minReplicas"}), 1);
            hpaMax = intScalar(at(doc, {"spec", "maxReplicas"}), 0);
        }
        result.objects.append(obj);
    }
    if (result.objects.isEmpty()) {
        *error = QStringLiteral("%1: no Kubernetes objects").arg(sourceName);
        return false;
    }
    if (result.deploymentName.isEmpty()) {
        *error = QStringLiteral("%1: no Deployment to roll out").arg(sourceName);
        return false;
    }
    if (hpaMin > result.replicas)
        result.replicas = hpaMin;
    result.maxReplicas = std::max(result.replicas, hpaMax);
    *plan = result;
    return true;
}

} // namespace

bool checkTargetNamespace(const DeployPlan &plan, const QString &ns, QString *error)
{
    if (const QString e = manifest::checkDns1123Label(QStringLiteral("namespace"), ns); !e.isEmpty()) {
        *error = e;
        return false;
    }
    for (const ManifestObject &o : plan.objects) {
        if (!o.ns.isEmpty() && o.ns != ns) {
            *error =
                QStringLiteral("%1 is for namespace \"%2\", not the target namespace \"%3\"; regenerate the "
                               "manifests with --namespace=%3 or deploy to \"%2\"")
                    .arg(o.display(), o.ns, ns);
            return false;
        }
    }
    return true;
}

QString quotaReminder(const DeployPlan &plan)
{
    if (plan.acceleratorsPerPod <= 0)
        return {};
    const QString what = plan.acceleratorLabel.isEmpty() ? plan.acceleratorResource : plan.acceleratorLabel;
    const QString family = plan.acceleratorResource == QLatin1String("google.com/tpu")
                               ? QStringLiteral("TPU")
                               : QStringLiteral("GPU");
    QString text = QStringLiteral("Accelerator quota: %1 replica(s) x %2 %3 = %4 %3")
                       .arg(plan.replicas)
                       .arg(plan.acceleratorsPerPod)
                       .arg(what)
                       .arg(plan.replicas * plan.acceleratorsPerPod);
    if (plan.maxReplicas > plan.replicas)
        text += QStringLiteral(" (up to %1 when the autoscaler reaches %2 replicas)")
                    .arg(plan.maxReplicas * plan.acceleratorsPerPod)
                    .arg(plan.maxReplicas);
    text +=
        QStringLiteral(". Check that the project has this %1 quota in the cluster's region and that a node "
                       "pool offers it; without it the pods stay Pending.")
            .arg(family);
    return text;
}

QString clusterEndpoint(const DeployPlan &plan)
{
    if (plan.serviceName.isEmpty() || plan.servicePort <= 0)
        return {};
    return QStringLiteral("http://%1.%2.svc:%3/").arg(plan.serviceName, plan.ns).arg(plan.servicePort);
}

QStringList portForwardArguments(const DeployPlan &plan, int localPort)
{
    if (plan.serviceName.isEmpty() || plan.servicePort <= 0)
        return {};
    return {QStringLiteral("port-forward"), QStringLiteral("service/") + plan.serviceName,
            QStringLiteral("%1:%2").arg(localPort).arg(plan.servicePort), QStringLiteral("-n"), plan.ns};
}

QByteArray hfTokenSecretJson(const QString &name, const QString &ns, const QByteArray &token)
{
    QJsonObject meta{{QStringLiteral("name"), name}, {QStringLiteral("namespace"), ns}};
    meta.insert(QStringLiteral("labels"),
                QJsonObject{{QStringLiteral("app.kubernetes.io/managed-by"), QStringLiteral("iqstudio")}});
    const QJsonObject secret{
        {QStringLiteral("apiVersion"), QStringLiteral("v1")},
        {QStringLiteral("kind"), QStringLiteral("Secret")},
        {QStringLiteral("type"), QStringLiteral("Opaque")},
        {QStringLiteral("metadata"), meta},
        {QStringLiteral("data"),
         QJsonObject{{QStringLiteral("hf_api_token"), QString::fromLatin1(token.toBase64())}}},
    };
    return QJsonDocument(secret).toJson(QJsonDocument::Compact);
}

QByteArray hfTokenSecretPatch(const QByteArray &token)
{
    const QJsonObject patch{{QStringLiteral("data"), QJsonObject{{QStringLiteral("hf_api_token"),
                                                                  QString::fromLatin1(token.toBase64())}}}};
    return QJsonDocument(patch).toJson(QJsonDocument::Compact);
}

bool normaliseToken(QByteArray *token, QString *error)
{
    const QByteArray t = token->trimmed();
    if (t.isEmpty()) {
        *error = QStringLiteral("the Hugging Face token is empty");
        return false;
    }
    if (t.size() > 4096) {
        *error =
            QStringLiteral("the Hugging Face token is %1 bytes long; tokens are short strings").arg(t.size());
        return false;
    }
    for (const char c : t) {
        const auto u = static_cast<unsigned char>(c);
        if (u <= 0x20 || u >= 0x7f) {
            *error = QStringLiteral("the Hugging Face token contains whitespace, a control or a non-ASCII "
                                    "character (only one line, the token itself, is expected)");
            return false;
        }
    }
    *token = t;
    return true;
}

} // namespace iq::deploy
