#include "formatting.h"

#include <QLocale>

#include <cmath>

namespace iq::gui {

QString Formatting::unknown()
{
    return QStringLiteral("—");
}

QString Formatting::number(double v, int decimals)
{
    if (!isKnown(v))
        return unknown();
    return QLocale().toString(v, 'f', decimals);
}

QString Formatting::milliseconds(double ms)
{
    if (!isKnown(ms))
        return unknown();
    return tr("%1 ms").arg(number(ms, std::abs(ms) < 10 ? 2 : (std::abs(ms) < 100 ? 1 : 0)));
}

QString Formatting::tokensPerSecond(double v)
{
    if (!isKnown(v))
        return unknown();
    return tr("%1 tok/s").arg(number(v, std::abs(v) < 100 ? 1 : 0));
}

QString Formatting::usd(double v)
{
    if (!isKnown(v))
        return unknown();
    const double a = std::abs(v);
    const int decimals = a >= 100 ? 0 : (a >= 1 ? 2 : (a >= 0.01 ? 3 : 4));
    return QStringLiteral("$") + number(v, decimals);
}

QString Formatting::usdPerHour(double v)
{
    if (!isKnown(v))
        return unknown();
    return tr("%1/h").arg(usd(v));
}

QString Formatting::requestsPerSecond(double v)
{
    if (!isKnown(v))
        return unknown();
    return tr("%1 req/s").arg(number(v, std::abs(v) < 10 ? 2 : 1));
}

QString Formatting::provenanceKind(Provenance::Kind kind)
{
    switch (kind) {
    case Provenance::Kind::Measured:
        return tr("measured");
    case Provenance::Kind::Estimated:
        return tr("estimated");
    case Provenance::Kind::Imported:
        return tr("imported");
    }
    return QString();
}

QString Formatting::provenanceBadge(const Provenance &p)
{
    if (p.kind == Provenance::Kind::Estimated && isKnown(p.errorBandPercent))
        return tr("estimated ±%1%").arg(number(p.errorBandPercent, 0));
    return provenanceKind(p.kind);
}

} // namespace iq::gui
