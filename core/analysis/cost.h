#pragma once
// Equivalent token costs of a replica (GKE Inference Quickstart formula,
// resources/reference/GIQ-INTERFACE.md):
//   $/output token = ($/hour / 3600) / (input tok/s / R + output tok/s)
//   $/input token  = $/output token / R
// R = output-to-input cost ratio (default 4). These compare with hosted APIs; the bill is per machine-hour,
// so $/hour and $/month (730 h, the average month: 8760 h / 12) are reported too.

#include "domain.h"

namespace iq {

inline constexpr double kHoursPerMonth = 730.0; // 365 d x 24 h / 12
inline constexpr double kDefaultOutputInputCostRatio = 4.0;

struct Cost
{
    double perMillionInput = kUnknown;      // USD per 1e6 input tokens
    double perMillionOutput = kUnknown;     // USD per 1e6 output tokens
    double usdPerHour = kUnknown;           // per replica (machine)
    double usdPerMonth = kUnknown;          // usdPerHour x 730
    double inputTokensPerSecond = kUnknown; // the input rate the cost used
    bool inputTokensDerived =
        false; // input rate derived from average lengths (see deriveInputTokensPerSecond)

    friend bool operator==(const Cost &, const Cost &) = default;
};

// Unknown inputs (NaN), a non-positive denominator or ratio give unknown per-token costs; $/hour and
// $/month are still filled when usdPerHour is known. An unknown input rate makes the token costs unknown
// (it is not taken as 0): use computePointCost, which derives it from average lengths when it can.
Cost computeCost(double usdPerHour, double inputTokensPerSecond, double outputTokensPerSecond,
                 double outputInputCostRatio = kDefaultOutputInputCostRatio);

// input tok/s = output tok/s x averageInputLength / averageOutputLength: every request contributes its
// prompt and its completion at the same request rate. NaN when any input is unknown or the output length
// is not positive.
double deriveInputTokensPerSecond(double outputTokensPerSecond, double averageInputLength,
                                  double averageOutputLength);

// computeCost for a point of a profile: uses the point's input tok/s, or derives it from the profile's
// average lengths (setting inputTokensDerived) when the point has none.
Cost computePointCost(double usdPerHour, const BenchmarkPoint &point, double averageInputLength,
                      double averageOutputLength, double outputInputCostRatio = kDefaultOutputInputCostRatio);

} // namespace iq
