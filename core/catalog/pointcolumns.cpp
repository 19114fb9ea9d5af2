#include "pointcolumns.h"

namespace iq {

double PointColumn::maximum() const
{
    switch (unit) {
    case Unit::RequestRate:
        return 1e7; // requests/s
    case Unit::Count:
        return 1e7; // requests in flight / waiting
    case Unit::TokensPerSecond:
        return 1e9;
    case Unit::Milliseconds:
        return 86'400'000; // one day
    case Unit::Fraction:
        return 1;
    }
    return 0;
}

QString PointColumn::unitName() const
{
    switch (unit) {
    case Unit::RequestRate:
        return QStringLiteral("request rate");
    case Unit::Count:
        return QStringLiteral("count");
    case Unit::TokensPerSecond:
        return QStringLiteral("tokens/s");
    case Unit::Milliseconds:
        return QStringLiteral("latency");
    case Unit::Fraction:
        return QStringLiteral("fraction");
    }
    return {};
}

const QList<PointColumn> &pointColumns()
{
    using U = PointColumn::Unit;
    using P = BenchmarkPoint;
    using L = LatencyStats;
    static const QList<PointColumn> columns = [] {
        QList<PointColumn> c;
        auto plain = [&](std::string_view name, U unit, double P::*m) {
            c.append({name, unit, m, nullptr, nullptr});
        };
        auto latency = [&](std::string_view mean, std::string_view p50, std::string_view p90,
                           std::string_view p99, L P::*m) {
            c.append({mean, U::Milliseconds, nullptr, m, &L::mean});
            c.append({p50, U::Milliseconds, nullptr, m, &L::p50});
            c.append({p90, U::Milliseconds, nullptr, m, &L::p90});
            c.append({p99, U::Milliseconds, nullptr, m, &L::p99});
        };
        plain("requestRate", U::RequestRate, &P::requestRate);
        plain("concurrency", U::Count, &P::concurrency);
        plain("inputTokensPerSecond", U::TokensPerSecond, &P::inputTokensPerSecond);
        plain("outputTokensPerSecond", U::TokensPerSecond, &P::outputTokensPerSecond);
        plain("totalTokensPerSecond", U::TokensPerSecond, &P::totalTokensPerSecond);
        latency("ttftMs.mean", "ttftMs.p50", "ttftMs.p90", "ttftMs.p99", &P::ttftMs);
        latency("tpotMs.mean", "tpotMs.p50", "tpotMs.p90", "tpotMs.p99", &P::tpotMs);
        latency("ntpotMs.mean", "ntpotMs.p50", "ntpotMs.p90", "ntpotMs.p99", &P::ntpotMs);
        latency("itlMs.mean", "itlMs.p50", "itlMs.p90", "itlMs.p99", &P::itlMs);
        latency("e2eMs.mean", "e2eMs.p50", "e2eMs.p90", "e2eMs.p99", &P::e2eMs);
        plain("queueSize", U::Count, &P::queueSize);
        plain("runningBatchSize", U::Count, &P::runningBatchSize);
        plain("kvCacheUtilization", U::Fraction, &P::kvCacheUtilization);
        return c;
    }();
    return columns;
}

int pointColumnIndex(std::string_view name)
{
    const auto &columns = pointColumns();
    for (int i = 0; i < columns.size(); ++i) {
        if (columns[i].name == name)
            return i;
    }
    return -1;
}

} // namespace iq
