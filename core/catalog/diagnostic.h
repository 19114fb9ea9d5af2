#pragma once
// A problem found in an input file, reported as "file:line: message".

#include <QList>
#include <QString>

namespace iq {

struct Diagnostic
{
    QString file;
    int line = 0; // 1-based; 0 = the whole file / no line
    QString message;

    // "file:line: message"; no ":line" when line is 0, no "file:" when file is empty.
    QString toString() const;

    friend bool operator==(const Diagnostic &, const Diagnostic &) = default;
};

// One diagnostic per line, each via toString().
QString diagnosticsToString(const QList<Diagnostic> &diagnostics);

} // namespace iq
