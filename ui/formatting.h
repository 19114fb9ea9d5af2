#pragma once
// Number formatting shared by the table, the chart read-outs and the summary. Unknown (NaN) shows as an
// em dash, never as 0.

#include "domain.h"

#include <QCoreApplication>
#include <QString>

namespace iq::gui {

class Formatting
{
    Q_DECLARE_TR_FUNCTIONS(iq::gui::Formatting)
public:
    static QString unknown();                            // "—"
    static QString milliseconds(double ms);              // "1,234 ms", "12.3 ms"
    static QString number(double v, int decimals);       // locale grouping
    static QString tokensPerSecond(double v);            // "13,335 tok/s"
    static QString usd(double v);                        // "$0.035", "$4.42", "$1,234"
    static QString usdPerHour(double v);                 // "$4.42/h"
    static QString requestsPerSecond(double v);          // "12.5 req/s"
    static QString provenanceBadge(const Provenance &p); // "measured", "estimated ±15%", "imported"
    static QString provenanceKind(Provenance::Kind kind);
};

} // namespace iq::gui
