#include "yamlhighlighter.h"

namespace iq::gui {

YamlHighlighter::YamlHighlighter(QTextDocument *document)
    : QSyntaxHighlighter(document)
    , m_keyRe(QStringLiteral(R"(^(\s*(?:-\s+)?)([^\s#'"][^:#]*|"[^"]*"|'[^']*'):(?=\s|$))"))
    , m_stringRe(QStringLiteral(R"("(?:[^"\\]|\\.)*"|'(?:[^']|'')*')"))
    , m_scalarRe(QStringLiteral(R"(:\s+(-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?|true|false|null|~)\s*$)"))
{
    setDark(false);
}

void YamlHighlighter::setDark(bool dark)
{
    m_comment.setForeground(dark ? QColor(0x8a, 0x9a, 0x8a) : QColor(0x5f, 0x7f, 0x5f));
    m_comment.setFontItalic(true);
    m_key.setForeground(dark ? QColor(0x82, 0xaa, 0xff) : QColor(0x1a, 0x4f, 0xa0));
    m_string.setForeground(dark ? QColor(0xe6, 0xb4, 0x73) : QColor(0xa3, 0x4a, 0x00));
    m_scalar.setForeground(dark ? QColor(0xc7, 0x92, 0xea) : QColor(0x7b, 0x1f, 0xa2));
    m_separator.setForeground(dark ? QColor(0xaa, 0xaa, 0xaa) : QColor(0x77, 0x77, 0x77));
    m_separator.setFontWeight(QFont::Bold);
    rehighlight();
}

void YamlHighlighter::highlightBlock(const QString &text)
{
    if (text.startsWith(QLatin1String("---"))) {
        setFormat(0, int(text.size()), m_separator);
        return;
    }
    // A comment starts at '#' at the line start or after whitespace, outside quotes.
    qsizetype commentAt = -1;
    QChar quote;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (!quote.isNull()) {
            if (c == quote)
                quote = QChar();
            continue;
        }
        if (c == QLatin1Char('"') || c == QLatin1Char('\'')) {
            quote = c;
        } else if (c == QLatin1Char('#') && (i == 0 || text.at(i - 1).isSpace())) {
            commentAt = i;
            break;
        }
    }
    const QString code = commentAt >= 0 ? text.left(commentAt) : text;
    const QRegularExpressionMatch key = m_keyRe.match(code);
    if (key.hasMatch())
        setFormat(int(key.capturedStart(2)), int(key.capturedLength(2)), m_key);
    auto it = m_stringRe.globalMatch(code, key.hasMatch() ? key.capturedEnd(0) : 0);
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        setFormat(int(m.capturedStart()), int(m.capturedLength()), m_string);
    }
    const QRegularExpressionMatch scalar = m_scalarRe.match(code);
    if (scalar.hasMatch())
        setFormat(int(scalar.capturedStart(1)), int(scalar.capturedLength(1)), m_scalar);
    if (commentAt >= 0)
        setFormat(int(commentAt), int(text.size() - commentAt), m_comment);
}

} // namespace iq::gui
