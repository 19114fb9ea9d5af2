#include "analysis/cost.h"

namespace iq {

Cost computeCost(double usdPerHour, double inputTokensPerSecond, double outputTokensPerSecond,
                 double outputInputCostRatio)
{
    Cost c;
    c.usdPerHour = usdPerHour;
    c.usdPerMonth = isKnown(usdPerHour) ? usdPerHour * kHoursPerMonth : kUnknown;
    c.inputTokensPerSecond = inputTokensPerSecond;
    if (!isKnown(usdPerHour) || !isKnown(inputTokensPerSecond) || !isKnown(outputTokensPerSecond) ||
        !(outputInputCostRatio > 0) || !std::isfinite(outputInputCostRatio))
        return c;
    // Output-token-equivalents per second: an input token is worth 1/R of an output token.
    const double denominator = inputTokensPerSecond / outputInputCostRatio + outputTokensPerSecond;
    if (!(denominator > 0) || !std::isfinite(denominator))
        return c;
    const double perOutputToken = (usdPerHour / 3600.0) / denominator;
    c.perMillionOutput = perOutputToken * 1e6;
    c.perMillionInput = perOutputToken / outputInputCostRatio * 1e6;
    return c;
}

double deriveInputTokensPerSecond(double outputTokensPerSecond, double averageInputLength,
                                  double averageOutputLength)
{
    if (!isKnown(outputTokensPerSecond) || !isKnown(averageInputLength) || !(averageOutputLength > 0))
        return kUnknown;
    return outputTokensPerSecond * averageInputLength / averageOutputLength;
}

Cost computePointCost(double usdPerHour, const BenchmarkPoint &point, double averageInputLength,
                      double averageOutputLength, double outputInputCostRatio)
{
    if (isKnown(point.inputTokensPerSecond))
        return computeCost(usdPerHour, point.inputTokensPerSecond, point.outputTokensPerSecond,
                           outputInputCostRatio);
    const double derived =
        deriveInputTokensPerSecond(point.outputTokensPerSecond, averageInputLength, averageOutputLength);
    Cost c = computeCost(usdPerHour, derived, point.outputTokensPerSecond, outputInputCostRatio);
    c.inputTokensDerived = isKnown(derived);
    return c;
}

} // namespace iq
