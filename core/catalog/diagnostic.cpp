#include "diagnostic.h"

namespace iq {

QString Diagnostic::toString() const
{
    QString s;
    if (!file.isEmpty()) {
        s += file;
        if (line > 0)
            s += QLatin1Char(':') + QString::number(line);
        s += QStringLiteral(": ");
    } else if (line > 0) {
        s += QStringLiteral("line ") + QString::number(line) + QStringLiteral(": ");
    }
    return s + message;
}

QString diagnosticsToString(const QList<Diagnostic> &diagnostics)
{
    QString s;
    for (const Diagnostic &d : diagnostics)
        s += d.toString() + QLatin1Char('\n');
    return s;
}

} // namespace iq
