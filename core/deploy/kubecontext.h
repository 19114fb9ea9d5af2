#pragma once
// The cluster a deploy goes to: the kubeconfig's contexts (read with `kubectl config view -o json`, which
// redacts credentials; never --raw), the current one, and the target chosen from them (context, cluster,
// server, namespace). KUBECONFIG is honoured because kubectl itself reads it from the environment given.

#include "kubectlrunner.h"

#include <QList>
#include <QObject>
#include <QString>

#include <optional>

namespace iq::deploy {

struct KubeContextEntry
{
    QString name;
    QString cluster;
    QString server; // the cluster's API server URL
    QString ns;     // the context's namespace; empty = "default"
    QString user;
};

struct KubeConfigView
{
    QString currentContext; // empty when none is set
    QList<KubeContextEntry> contexts;
    const KubeContextEntry *find(const QString &name) const;
    QStringList contextNames() const;
};

// Parses `kubectl config view -o json`. nullopt and *error on malformed output.
std::optional<KubeConfigView> parseKubeConfigView(const QByteArray &json, QString *error);

// Where a deploy goes. Shown in the pane at all times and in the confirmation.
struct KubeTarget
{
    QString kubectl;    // program path
    QString kubeconfig; // the file(s) used: --kubeconfig, else $KUBECONFIG, else ~/.kube/config
    QString context;
    QString cluster;
    QString server;
    QString ns;
    bool namespaceFromContext = false; // true when ns came from the context (or "default"), not a choice
    QString user;
    QStringList availableContexts;
};

// The target for `requestedContext` (empty = current) and `requestedNamespace` (empty = the context's, else
// "default"). False with a message when there is no current context, the context is unknown (the message
// lists the known ones) or the namespace is not a DNS-1123 label.
bool resolveTarget(const KubeConfigView &view, const QString &requestedContext,
                   const QString &requestedNamespace, KubeTarget *target, QString *error);

// The kubeconfig description for display (see KubeTarget::kubeconfig).
QString kubeconfigInUse(const KubectlSettings &settings);

// Reads the kubeconfig asynchronously: finished(view) or failed(message, failure kind).
class KubeContextProbe : public QObject
{
    Q_OBJECT
public:
    explicit KubeContextProbe(KubectlSettings settings, QObject *parent = nullptr);
    void start();
    void cancel();
    KubectlRunner *runner() const { return m_runner; } // null before start()

signals:
    void output(const QString &text); // the command line of the kubectl call (its JSON output is not shown)
    void finished(const iq::deploy::KubeConfigView &view);
    void failed(const QString &message, iq::deploy::FailureKind kind);

private:
    KubectlSettings m_settings;
    KubectlRunner *m_runner = nullptr;
};

} // namespace iq::deploy
