// Deductions for discipline lapses (纪律扣款). Each item is an event kind with
// a fine in yuan per occurrence (event quantity). Items marked waive_first
// are occasional working mistakes: the first one in the period is waived and
// handled by coaching instead (002 篇6: strict on work style, coaching on
// occasional mistakes). With limit_to_pay, the deductions never exceed what
// that earlier reward paid: an explicit line gives the excess back.
//   item = −to_fen(yuan × (occurrences − waived))
#include <algorithm>

#include "common.hpp"
#include "components.hpp"

namespace tobacco {

DisciplineDeductions::DisciplineDeductions(const merit::Value& params)
    : limit_to_pay_(params.get_string("limit_to_pay", "")) {
    const merit::Value items = params.require("items");
    if (!items.is_array() || items.size() == 0) items.fail("must be a non-empty array");
    for (size_t i = 0; i < items.size(); ++i) {
        const merit::Value item = items[i];
        Item it{item.require("kind").string(), item.get_string("label", ""), item.require("yuan").number(),
                item.get_bool("waive_first", false)};
        if (it.label.empty()) it.label = it.kind;
        if (it.yuan < 0) item["yuan"].fail("must not be negative (it is the fine per occurrence)");
        items_.push_back(std::move(it));
    }
}

void DisciplineDeductions::compute(merit::Context& ctx, const merit::Scope& scope) {
    const size_t n = scope.size();
    std::vector<int64_t> deducted(n, 0);
    for (const Item& item : items_) {
        const auto occurrences =
            ctx.events(scope, {.kind = item.kind, .measure = MERIT_EVENT_QUANTITY, .period = std::nullopt});
        for (size_t i = 0; i < n; ++i) {
            if (occurrences[i] <= 0) continue;
            const double waived = item.waive_first ? 1.0 : 0.0;
            const double charged = std::max(0.0, occurrences[i] - waived);
            if (charged == 0) {
                ctx.note(i, item.label + ": 1 occurrence, first waived for coaching: no deduction");
                continue;
            }
            const int64_t fen = -merit::to_fen(item.yuan * charged);
            deducted[i] += -fen;
            ctx.pay(i, item.kind, item.label, fen,
                    "−" + fixed(item.yuan) + " × " + fixed(charged, 0) + " (" + fixed(occurrences[i], 0) +
                        " occurrences" + (item.waive_first ? ", first waived for coaching" : "") +
                        ") = " + merit::format_yuan(fen));
        }
    }
    if (limit_to_pay_.empty()) return;
    const merit::Column paid = ctx.result("pay:" + limit_to_pay_, n);
    for (size_t i = 0; i < n; ++i) {
        const int64_t limit = paid.has(i) ? std::max<int64_t>(0, int64_t(paid.values[i])) : 0;
        if (deducted[i] <= limit) continue;
        const int64_t back = deducted[i] - limit;
        ctx.pay(i, "deduction_cap", "扣款以" + limit_to_pay_ + "为限", back,
                "deductions " + merit::format_yuan(deducted[i]) + " exceed " + limit_to_pay_ + " " +
                    merit::format_yuan(limit) + ": " + merit::format_yuan(back) + " given back");
    }
}

}  // namespace tobacco
