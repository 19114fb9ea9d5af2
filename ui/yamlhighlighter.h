#pragma once
// Syntax highlighting for the manifest preview: comments, keys, strings, numbers/booleans, document
// separators. Colours follow the palette (light or dark).

#include <QRegularExpression>
#include <QSyntaxHighlighter>
#include <QTextCharFormat>

namespace iq::gui {

class YamlHighlighter : public QSyntaxHighlighter
{
    Q_OBJECT
public:
    explicit YamlHighlighter(QTextDocument *document);
    void setDark(bool dark);

protected:
    void highlightBlock(const QString &text) override;

private:
    QTextCharFormat m_comment, m_key, m_string, m_scalar, m_separator;
    QRegularExpression m_keyRe, m_stringRe, m_scalarRe;
};

} // namespace iq::gui
