#include "operatingpointtext.h"

#include <QStringList>

#include <charconv>
#include <cmath>

namespace iq::manifest {

namespace {

QString shortest(double v)
{
    char buf[64];
    const auto res = std::to_chars(buf, buf + sizeof buf, v);
    return QString::fromLatin1(buf, res.ptr - buf);
}

} // namespace

QString operatingPointSummary(const BenchmarkPoint &point)
{
    QStringList parts;
    if (isKnown(point.outputTokensPerSecond))
        parts << QStringLiteral("%1 output tokens/s").arg(shortest(std::round(point.outputTokensPerSecond)));
    if (isKnown(point.requestRate))
        parts << QStringLiteral("%1 requests/s").arg(shortest(std::round(point.requestRate * 100) / 100));
    for (const auto &[name, stats] : {std::pair{"NTPOT", point.ntpotMs}, std::pair{"TTFT", point.ttftMs},
                                      std::pair{"ITL", point.itlMs}}) {
        if (isKnown(stats.headline()))
            parts << QStringLiteral("%1 %2 ms")
                         .arg(QLatin1String(name), shortest(std::round(stats.headline())));
    }
    return parts.join(QStringLiteral(", "));
}

} // namespace iq::manifest
