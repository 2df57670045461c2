// The scheme's kinds and operators as enums, read once per run from the
// scheme's text (validated already) instead of compared as strings for
// every manager.
#pragma once

#include <string>

#include "scheme/scheme.hpp"

namespace merit {

enum class AdjustmentKind { veto, deduction, bonus };
enum class Comparison { greater, greater_or_equal, less, less_or_equal, equal, not_equal };
enum class DistributionGroup { org_unit, all };

// Each throws UserError for a text the scheme validator would refuse.
AdjustmentKind adjustment_kind(const AdjustmentSpec& adjustment);
Comparison comparison(const std::string& op);
DistributionGroup distribution_group(const DistributionSpec& limit);

bool holds(double value, Comparison op, double bound);

}  // namespace merit
