#include "manifestpane.h"

#include "yamlhighlighter.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QFileDialog>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextDocument>
#include <QVBoxLayout>

namespace iq::gui {

ManifestPane::ManifestPane(QWidget *parent)
    : QWidget(parent)
    , m_namespace(new QLineEdit(this))
    , m_name(new QLineEdit(this))
    , m_bucket(new QLineEdit(this))
    , m_hpa(new QCheckBox(tr("Horizontal Pod Autoscaler"), this))
    , m_editor(new QPlainTextEdit(this))
    , m_status(new QLabel(this))
    , m_copy(new QPushButton(tr("&Copy"), this))
    , m_export(new QPushButton(tr("E&xport…"), this))
    , m_deploy(new QPushButton(tr("&Deploy…"), this))
{
    m_namespace->setText(QStringLiteral("default"));
    m_namespace->setPlaceholderText(QStringLiteral("default"));
    m_name->setPlaceholderText(tr("derived from server and model"));
    m_bucket->setPlaceholderText(tr("gs://bucket/dir (empty: Hugging Face Hub)"));
    m_hpa->setChecked(true);
    m_hpa->setToolTip(tr("Add an autoscaler on the queue or batch size the operating point implies"));

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setContentsMargins(0, 0, 0, 0);
    form->addRow(tr("&Namespace:"), m_namespace);
    form->addRow(tr("Na&me:"), m_name);
    form->addRow(tr("Model &bucket:"), m_bucket);
    form->addRow(QString(), m_hpa);

    m_editor->setReadOnly(true);
    m_editor->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_editor->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_editor->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_editor->setAccessibleName(tr("Manifest preview"));
    m_highlighter = new YamlHighlighter(m_editor->document());
    m_highlighter->setDark(palette().color(QPalette::Base).lightness() < 128);

    m_status->setWordWrap(true);
    m_status->setVisible(false);

    m_deploy->setEnabled(false);
    m_deploy->setToolTip(tr("Deploy these manifests to the cluster of your kube context (opens the Deploy "
                            "tab and asks before anything changes)"));

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_copy);
    buttons->addWidget(m_export);
    buttons->addStretch(1);
    buttons->addWidget(m_deploy);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(form);
    layout->addWidget(m_status);
    layout->addWidget(m_editor, 1);
    layout->addLayout(buttons);

    for (QLineEdit *e : {m_namespace, m_name, m_bucket})
        connect(e, &QLineEdit::editingFinished, this, &ManifestPane::optionsChanged);
    connect(m_hpa, &QCheckBox::toggled, this, &ManifestPane::optionsChanged);
    connect(m_copy, &QPushButton::clicked, this, &ManifestPane::copyToClipboard);
    connect(m_export, &QPushButton::clicked, this, &ManifestPane::exportWithDialog);
}

ManifestOptions ManifestPane::options() const
{
    ManifestOptions o;
    o.ns = m_namespace->text().trimmed();
    o.name = m_name->text().trimmed();
    o.modelBucketUri = m_bucket->text().trimmed();
    o.hpa = m_hpa->isChecked();
    return o;
}

void ManifestPane::setOptions(const ManifestOptions &options)
{
    m_namespace->setText(options.ns);
    m_name->setText(options.name);
    m_bucket->setText(options.modelBucketUri);
    m_hpa->setChecked(options.hpa);
}

void ManifestPane::setManifests(const QString &yaml, const QStringList &warnings)
{
    replaceText(yaml);
    m_status->setText(warnings.join(QLatin1Char('\n')));
    m_status->setVisible(!warnings.isEmpty());
    m_copy->setEnabled(!yaml.isEmpty());
    m_export->setEnabled(!yaml.isEmpty());
    m_deploy->setEnabled(!yaml.isEmpty());
}

void ManifestPane::setMessage(const QString &message)
{
    m_editor->clear();
    m_status->setText(message);
    m_status->setVisible(!message.isEmpty());
    m_copy->setEnabled(false);
    m_export->setEnabled(false);
    m_deploy->setEnabled(false);
}

void ManifestPane::replaceText(const QString &text)
{
    // Replaces only the lines that differ (a slider step changes a few numbers), so the highlighter and
    // the layout redo those blocks instead of the whole document, and the scroll position stays.
    const QString old = m_editor->toPlainText();
    if (old == text)
        return;
    const QStringList a = old.split(QLatin1Char('\n'));
    const QStringList b = text.split(QLatin1Char('\n'));
    if (old.isEmpty() || std::abs(int(a.size()) - int(b.size())) > 20) {
        m_editor->setPlainText(text);
        return;
    }
    qsizetype prefix = 0;
    while (prefix < a.size() && prefix < b.size() && a.at(prefix) == b.at(prefix))
        ++prefix;
    qsizetype suffix = 0;
    while (suffix < a.size() - prefix && suffix < b.size() - prefix &&
           a.at(a.size() - 1 - suffix) == b.at(b.size() - 1 - suffix))
        ++suffix;
    QTextDocument *doc = m_editor->document();
    QTextCursor cursor(doc);
    cursor.beginEditBlock();
    const QTextBlock first = doc->findBlockByNumber(int(prefix));
    const QTextBlock last = doc->findBlockByNumber(int(a.size() - 1 - suffix));
    const QStringList middle = b.mid(prefix, b.size() - prefix - suffix);
    if (first.isValid() && last.isValid() && last.blockNumber() >= first.blockNumber()) {
        cursor.setPosition(first.position());
        cursor.setPosition(last.position() + last.length() - 1, QTextCursor::KeepAnchor);
        cursor.insertText(middle.join(QLatin1Char('\n')));
    } else if (first.isValid()) { // pure insertion before block `prefix`
        cursor.setPosition(first.position());
        cursor.insertText(middle.join(QLatin1Char('\n')) + QLatin1Char('\n'));
    } else { // pure insertion at the end
        cursor.movePosition(QTextCursor::End);
        cursor.insertText(QLatin1Char('\n') + middle.join(QLatin1Char('\n')));
    }
    cursor.endEditBlock();
    if (m_editor->toPlainText() != text) // any case the edit did not reproduce exactly
        m_editor->setPlainText(text);
}

QString ManifestPane::text() const
{
    return m_editor->toPlainText();
}

void ManifestPane::copyToClipboard()
{
    QApplication::clipboard()->setText(text());
}

bool ManifestPane::exportTo(const QString &path, QString *error) const
{
    QSaveFile file(path);
    const QByteArray bytes = text().toUtf8();
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        if (error)
            *error = tr("%1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

void ManifestPane::exportWithDialog()
{
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export Manifests"), QStringLiteral("manifests.yaml"), tr("YAML files (*.yaml *.yml)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!exportTo(path, &error))
        QMessageBox::warning(this, tr("Export Manifests"), error);
}

void ManifestPane::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && m_highlighter)
        m_highlighter->setDark(palette().color(QPalette::Base).lightness() < 128);
}

} // namespace iq::gui
