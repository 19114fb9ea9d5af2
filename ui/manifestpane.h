#pragma once
// The YAML preview: read-only, highlighted manifests for the selected profile, with options (namespace,
// name, model bucket, HPA), Copy, Export… (atomic save) and Deploy.

#include "manifestrequestbuilder.h"

#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace iq::gui {

class YamlHighlighter;

class ManifestPane : public QWidget
{
    Q_OBJECT
public:
    explicit ManifestPane(QWidget *parent = nullptr);

    ManifestOptions options() const;
    void setOptions(const ManifestOptions &options);

    // The manifests text (may be empty with a message explaining why, e.g. no selection or a generator
    // error).
    void setManifests(const QString &yaml, const QStringList &warnings);
    void setMessage(const QString &message);
    QString text() const;

    // Atomic save; false with *error naming the file.
    bool exportTo(const QString &path, QString *error) const;

    QPlainTextEdit *editor() const { return m_editor; }
    QPushButton *deployButton() const { return m_deploy; }

public Q_SLOTS:
    void copyToClipboard();
    void exportWithDialog();

Q_SIGNALS:
    void optionsChanged();

protected:
    void changeEvent(QEvent *event) override;

private:
    void replaceText(const QString &text);

    QLineEdit *m_namespace = nullptr;
    QLineEdit *m_name = nullptr;
    QLineEdit *m_bucket = nullptr;
    QCheckBox *m_hpa = nullptr;
    QPlainTextEdit *m_editor = nullptr;
    QLabel *m_status = nullptr;
    QPushButton *m_copy = nullptr;
    QPushButton *m_export = nullptr;
    QPushButton *m_deploy = nullptr;
    YamlHighlighter *m_highlighter = nullptr;
};

} // namespace iq::gui
