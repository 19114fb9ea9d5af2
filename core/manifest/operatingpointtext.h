#pragma once
// The one line a manifest's comments give for what the chosen profile promises at its operating point
// (ManifestRequest::operatingPoint), worded the same by `iq profiles manifests create` and iqstudio.

#include "domain.h"

#include <QString>

namespace iq::manifest {

// "1000 output tokens/s, 8 requests/s, NTPOT 60 ms, TTFT 150 ms, ITL 40 ms": throughput and latencies
// (headline statistic) rounded to whole numbers, the request rate to two decimals, numbers in their shortest
// form ("4.5", not "4.50"); unknown values are left out. Callers add why this point was chosen.
QString operatingPointSummary(const BenchmarkPoint &point);

} // namespace iq::manifest
