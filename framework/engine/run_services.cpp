#include "engine/run_services.hpp"

#include <fmt/format.h>

#include <cmath>
#include <stdexcept>

#include "period/period.hpp"
#include "plugin/value_checks.hpp"

namespace merit {

StepServices::StepServices(const ResultColumns& columns, const std::vector<std::string>& manager_ids,
                           std::string step, std::string reward_id, StateReader state_reader)
    : columns_(columns),
      manager_ids_(manager_ids),
      step_(std::move(step)),
      reward_id_(std::move(reward_id)),
      state_reader_(std::move(state_reader)) {}

void StepServices::require_reward(const merit_context& ctx, const char* service) const {
    if (reward_id_.empty())
        throw std::runtime_error(fmt::format("{} is only available to reward calculators, not to {} ({})",
                                             service, ctx.component_id, step_));
}

void StepServices::check_row(size_t row) const {
    if (row >= manager_ids_.size())
        throw std::runtime_error(
            fmt::format("row {} is outside the scope of {} managers", row, manager_ids_.size()));
}

void StepServices::result_column(merit_context&, const char* name, double* out, unsigned char* valid) {
    // An empty scope (a gate that admits nobody) has nothing to write: a
    // vector's data() is then NULL, which is no attack.
    if (!out && !manager_ids_.empty()) throw std::runtime_error("out is NULL");
    const std::string n = name ? name : "";
    const size_t count = manager_ids_.size();
    const bool pay_column = n == "pay_total" || n.rfind("pay:", 0) == 0;
    if (pay_column && !reward_id_.empty()) {
        // Fen emitted so far: by earlier rewards and by this one.
        const std::string reward = n == "pay_total" ? "" : n.substr(4);
        std::map<std::string, size_t> row_of;
        for (size_t i = 0; i < count; ++i) row_of[manager_ids_[i]] = i;
        std::vector<int64_t> sums(count, 0);
        auto add = [&](const std::vector<PayLine>& lines) {
            for (const auto& line : lines) {
                if (!reward.empty() && line.reward != reward) continue;
                const auto row = row_of.find(line.manager_id);
                if (row == row_of.end()) continue;  // a manager this gated reward does not see
                auto& sum = sums[row->second];
                sum = add_fen(sum, line.amount_fen, line.manager_id);
            }
        };
        if (earlier_pay_) add(*earlier_pay_);
        add(pay);
        for (size_t i = 0; i < count; ++i) {
            out[i] = static_cast<double>(sums[i]);
            if (valid) valid[i] = 1;
        }
        return;
    }
    const auto it = columns_.numeric.find(n);
    if (it == columns_.numeric.end()) {
        if (reward_id_.empty())
            throw std::runtime_error(fmt::format(
                "result column '{}' is not available to {}: only inputs and indicators computed earlier are "
                "(name it in depends_on)",
                n, step_));
        throw std::runtime_error(fmt::format("unknown result column '{}'", n));
    }
    for (size_t i = 0; i < count; ++i) {
        const size_t row = column_row(i);
        out[i] = it->second.valid[row] ? it->second.values[row] : 0.0;
        if (valid) valid[i] = it->second.valid[row];
    }
}

void StepServices::result_text(merit_context&, const char* name, const char** out) {
    // An empty scope (a gate that admits nobody) has nothing to write: a
    // vector's data() is then NULL, which is no attack.
    if (!out && !manager_ids_.empty()) throw std::runtime_error("out is NULL");
    const std::string n = name ? name : "";
    if (n != "rating") throw std::runtime_error(fmt::format("unknown text column '{}' (known: rating)", n));
    if (columns_.rating.empty()) throw std::runtime_error("'rating' is not available before banding");
    for (size_t i = 0; i < manager_ids_.size(); ++i) out[i] = columns_.rating[column_row(i)].c_str();
}

void StepServices::emit_pay(merit_context& ctx, size_t row, const char* code, const char* label,
                            int64_t amount_fen, const char* basis) {
    require_reward(ctx, "emit_pay");
    check_row(row);
    try {
        check_pay_line(manager_ids_[row], amount_fen);
    } catch (const std::exception& e) {
        if (refusal.empty()) refusal = fmt::format("{}: compute: {}", ctx.component_id, e.what());
        throw;
    }
    PayLine line;
    line.manager_id = manager_ids_[row];
    line.reward = reward_id_;
    line.calculator = ctx.component_id;
    line.code = code ? code : "";
    line.label = label ? label : "";
    line.amount_fen = amount_fen;
    line.basis = basis ? basis : "";
    pay.push_back(std::move(line));
}

void StepServices::emit_decision(merit_context& ctx, size_t row, const char* kind, const char* value,
                                 const char* reason) {
    require_reward(ctx, "emit_decision");
    check_row(row);
    DecisionLine line;
    line.manager_id = manager_ids_[row];
    line.reward = reward_id_;
    line.calculator = ctx.component_id;
    line.kind = kind ? kind : "";
    line.value = value ? value : "";
    line.reason = reason ? reason : "";
    decisions.push_back(std::move(line));
}

void StepServices::state_read(merit_context& ctx, const char* key, double* out, unsigned char* valid) {
    require_reward(ctx, "state_read");
    // An empty scope (a gate that admits nobody) has nothing to write: a
    // vector's data() is then NULL, which is no attack.
    if (!out && !manager_ids_.empty()) throw std::runtime_error("out is NULL");
    state_keys.insert(key ? key : "");
    const auto values = state_reader_(reward_id_, key ? key : "");
    for (size_t i = 0; i < manager_ids_.size(); ++i) {
        const auto it = values.find(manager_ids_[i]);
        out[i] = it == values.end() ? 0.0 : it->second;
        if (valid) valid[i] = it == values.end() ? 0 : 1;
    }
}

void StepServices::state_write(merit_context& ctx, const char* key, const double* values,
                               const unsigned char* valid) {
    require_reward(ctx, "state_write");
    const std::string k = key ? key : "";
    if (k.empty()) throw std::runtime_error("state key must not be empty");
    if (!values) throw std::runtime_error("values is NULL");
    // Carried into the next run: a NaN or infinity would poison it.
    for (size_t i = 0; i < manager_ids_.size(); ++i)
        if ((!valid || valid[i]) && !std::isfinite(values[i]))
            throw std::runtime_error(fmt::format("value of row {} is not a finite number", i));
    state_keys.insert(k);
    std::erase_if(state, [&](const StateRow& r) { return r.key == k; });  // the last write of a key wins
    for (size_t i = 0; i < manager_ids_.size(); ++i)
        if (!valid || valid[i]) state.push_back({reward_id_, k, manager_ids_[i], values[i]});
}

std::string StepServices::run_latest(merit_context& ctx, const char* scheme, const char* on_or_before) {
    if (!other_runs_) throw std::runtime_error("run_latest is not available in this call");
    return other_runs_->latest(ctx, scheme, on_or_before);
}

void StepServices::run_column(merit_context& ctx, const char* scheme, const char* period, const char* column,
                              const char* const* ids, size_t count, double* out, unsigned char* valid) {
    if (!other_runs_) throw std::runtime_error("run_column is not available in this call");
    other_runs_->column(ctx, scheme, period, column, ids, count, out, valid);
}

void StepServices::run_text(merit_context& ctx, const char* scheme, const char* period, const char* column,
                            const char* const* ids, size_t count, const char** out) {
    if (!other_runs_) throw std::runtime_error("run_text is not available in this call");
    other_runs_->text(ctx, scheme, period, column, ids, count, out);
}

void StepTrace::column(merit_context& ctx, const char* name, const double* values,
                       const unsigned char* valid) {
    Entry e;
    e.component = ctx.component_id;
    e.name = name;
    e.values.assign(values, values + ctx.scope_count);
    e.valid = valid ? std::vector<unsigned char>(valid, valid + ctx.scope_count)
                    : std::vector<unsigned char>(ctx.scope_count, 1);
    entries.push_back(std::move(e));
}

void StepTrace::note(merit_context& ctx, size_t row, const char* text) {
    if (row >= ctx.scope_count)
        throw std::runtime_error(
            fmt::format("trace_note row {} is outside the scope of {}", row, ctx.scope_count));
    Entry e;
    e.component = ctx.component_id;
    e.name = "note";
    e.row = row;
    e.text = text;
    e.is_note = true;
    entries.push_back(std::move(e));
}

}  // namespace merit
