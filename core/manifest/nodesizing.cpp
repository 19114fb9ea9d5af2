#include "nodesizing.h"

#include <algorithm>
#include <cmath>

namespace iq::manifest {

qint64 gkeAllocatableCpuMillis(int vcpus)
{
    if (vcpus <= 0)
        return 0;
    // Reserved millicores: 6% of core 1 = 60, 1% of core 2 = 10, 0.5% of cores 3-4 = 5 each,
    // 0.25% of each core above 4 = 2.5 each.
    const double cores = vcpus;
    double reserved = 60.0 * std::min(cores, 1.0);
    reserved += 10.0 * std::clamp(cores - 1.0, 0.0, 1.0);
    reserved += 5.0 * std::clamp(cores - 2.0, 0.0, 2.0);
    reserved += 2.5 * std::max(cores - 4.0, 0.0);
    return static_cast<qint64>(std::floor(cores * 1000.0 - reserved));
}

qint64 gkeAllocatableMemoryMiB(double machineMemoryGiB)
{
    if (!(machineMemoryGiB > 0))
        return 0;
    const double gib = machineMemoryGiB;
    double reservedGiB = 0;
    if (gib < 1.0) {
        reservedGiB = 255.0 / 1024.0;
    } else {
        reservedGiB += 0.25 * std::min(gib, 4.0);
        reservedGiB += 0.20 * std::clamp(gib - 4.0, 0.0, 4.0);
        reservedGiB += 0.10 * std::clamp(gib - 8.0, 0.0, 8.0);
        reservedGiB += 0.06 * std::clamp(gib - 16.0, 0.0, 112.0);
        reservedGiB += 0.02 * std::max(gib - 128.0, 0.0);
    }
    const double evictionMiB = 100.0;
    return static_cast<qint64>(std::floor(gib * 1024.0 - reservedGiB * 1024.0 - evictionMiB));
}

int startupBudgetSeconds(double weightsGB, bool isTpu)
{
    const double base = isTpu ? kTpuStartupBaseSeconds : kGpuStartupBaseSeconds;
    const double load = weightsGB > 0 ? weightsGB / kAssumedLoadRateGBps : 0.0;
    return static_cast<int>(std::ceil(base + load));
}

} // namespace iq::manifest
