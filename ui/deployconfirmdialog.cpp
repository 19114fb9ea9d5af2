#include "deployconfirmdialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QStyle>
#include <QTextDocument>
#include <QVBoxLayout>

namespace iq::gui {

DeployConfirmDialog::DeployConfirmDialog(QWidget *parent)
    : QDialog(parent)
    , m_heading(new QLabel(this))
    , m_target(new QLabel(this))
    , m_objects(new QListWidget(this))
    , m_quota(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("deployConfirmDialog"));
    m_heading->setWordWrap(true);
    QFont bold = m_heading->font();
    bold.setBold(true);
    m_heading->setFont(bold);
    m_target->setTextFormat(Qt::RichText);
    m_target->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_target->setWordWrap(true);
    m_objects->setSelectionMode(QAbstractItemView::NoSelection);
    m_objects->setAccessibleName(tr("Objects to apply"));
    m_quota->setWordWrap(true);

    m_confirm = m_buttons->addButton(tr("Deploy"), QDialogButtonBox::AcceptRole);
    m_confirm->setAutoDefault(false);
    m_buttons->button(QDialogButtonBox::Cancel)->setDefault(true);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_heading);
    layout->addWidget(m_target);
    layout->addWidget(new QLabel(tr("Objects:"), this));
    layout->addWidget(m_objects, 1);
    layout->addWidget(m_quota);
    layout->addWidget(m_buttons);
    resize(560, 420);
}

void DeployConfirmDialog::setConfirmation(const deploy::DeployConfirmation &c)
{
    setWindowTitle(c.dryRunOnly ? tr("Server-side dry run") : tr("Deploy"));
    m_heading->setText(c.dryRunOnly
                           ? tr("Run a server-side dry run (kubectl apply --dry-run=server)? Nothing in the "
                                "cluster changes.")
                           : tr("Apply these objects to the cluster below?"));
    m_confirm->setText(c.dryRunOnly ? tr("Run dry run") : tr("Deploy"));

    const auto row = [](const QString &label, const QString &value) {
        return QStringLiteral("<tr><td style='padding-right:12px'>%1</td><td><b>%2</b></td></tr>")
            .arg(label.toHtmlEscaped(), value.toHtmlEscaped());
    };
    QString html = QStringLiteral("<table>");
    html += row(tr("Context"), c.target.context);
    html += row(tr("Cluster"), c.target.cluster);
    html += row(tr("API server"), c.target.server);
    html += row(tr("Namespace"),
                c.namespaceExists ? c.target.ns : tr("%1 (does not exist yet)").arg(c.target.ns));
    html += row(tr("Kubeconfig"), c.target.kubeconfig);
    html += QStringLiteral("</table>");
    m_target->setText(html);

    m_objects->clear();
    for (const QString &o : c.objects)
        m_objects->addItem(o);
    if (!c.secretName.isEmpty())
        m_objects->addItem(tr("Secret/%1 (Hugging Face token, created or updated)").arg(c.secretName));

    m_quota->setText(c.quotaReminder);
    m_quota->setVisible(!c.quotaReminder.isEmpty());
}

QString DeployConfirmDialog::targetText() const
{
    QTextDocument doc;
    doc.setHtml(m_target->text());
    return doc.toPlainText();
}

QStringList DeployConfirmDialog::objectLines() const
{
    QStringList lines;
    for (int i = 0; i < m_objects->count(); ++i)
        lines << m_objects->item(i)->text();
    return lines;
}

QString DeployConfirmDialog::quotaText() const
{
    return m_quota->isVisible() || !m_quota->text().isEmpty() ? m_quota->text() : QString();
}

} // namespace iq::gui
