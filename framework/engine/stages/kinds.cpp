#include "engine/stages/kinds.hpp"

#include <fmt/format.h>

#include "common/errors.hpp"

namespace merit {

AdjustmentKind adjustment_kind(const AdjustmentSpec& a) {
    if (a.kind == "veto") return AdjustmentKind::veto;
    if (a.kind == "deduction") return AdjustmentKind::deduction;
    if (a.kind == "bonus") return AdjustmentKind::bonus;
    throw UserError(fmt::format("{}.kind: unknown adjustment kind '{}'", a.path, a.kind));
}

Comparison comparison(const std::string& op) {
    if (op == ">") return Comparison::greater;
    if (op == ">=") return Comparison::greater_or_equal;
    if (op == "<") return Comparison::less;
    if (op == "<=") return Comparison::less_or_equal;
    if (op == "==") return Comparison::equal;
    if (op == "!=") return Comparison::not_equal;
    throw UserError(fmt::format("unknown operator '{}'", op));
}

DistributionGroup distribution_group(const DistributionSpec& limit) {
    if (limit.per == "all") return DistributionGroup::all;
    if (limit.per == "org_unit") return DistributionGroup::org_unit;
    throw UserError(fmt::format("{}.per: '{}' is not org_unit or all", limit.path, limit.per));
}

bool holds(double value, Comparison op, double bound) {
    switch (op) {
        case Comparison::greater:
            return value > bound;
        case Comparison::greater_or_equal:
            return value >= bound;
        case Comparison::less:
            return value < bound;
        case Comparison::less_or_equal:
            return value <= bound;
        case Comparison::equal:
            return value == bound;
        case Comparison::not_equal:
            return value != bound;
    }
    return false;
}

}  // namespace merit
