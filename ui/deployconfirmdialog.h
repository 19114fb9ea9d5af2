#pragma once
// The confirmation before a deploy or a dry run: names the kube context, the cluster and its API server,
// the namespace (and whether it exists), the kubeconfig, every object about to be applied, the token Secret
// and the accelerator quota reminder. Cancel is the default button: Enter never deploys by accident.

#include "deploy/deploypipeline.h"

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QListWidget;
class QPushButton;

namespace iq::gui {

class DeployConfirmDialog : public QDialog
{
    Q_OBJECT
public:
    explicit DeployConfirmDialog(QWidget *parent = nullptr);

    void setConfirmation(const deploy::DeployConfirmation &confirmation);

    // Test access: the rendered where-to text, the object list and the button that confirms.
    QString targetText() const;
    QStringList objectLines() const;
    QString quotaText() const;
    QPushButton *confirmButton() const { return m_confirm; }

private:
    QLabel *m_heading = nullptr;
    QLabel *m_target = nullptr;
    QListWidget *m_objects = nullptr;
    QLabel *m_quota = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QPushButton *m_confirm = nullptr;
};

} // namespace iq::gui
