// What components reach during a run besides the data: the columns computed
// so far, pay and decision lines, carried state, and trace lines. One object
// per component call, so parallel calls never share mutable state; the
// engine merges their output in scheme order afterwards (deterministic).
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "engine/other_run_reads.hpp"
#include "engine/run_result.hpp"
#include "plugin/services.hpp"

namespace merit {

struct NumericColumn {
    std::vector<double> values;
    std::vector<unsigned char> valid;
};

// The run's result columns by SCHEMES.md name; written by the engine between
// steps, read by components.
struct ResultColumns {
    std::map<std::string, NumericColumn> numeric;
    std::vector<std::string> rating;  // band labels; empty until banded
};

// Reads carried state: (reward id, key) -> value per manager id.
using StateReader =
    std::function<std::map<std::string, double>(const std::string& reward, const std::string& key)>;

class StepServices : public RunServices {
public:
    // `reward_id` empty: a provider step (pay, decisions and state refused).
    StepServices(const ResultColumns& columns, const std::vector<std::string>& manager_ids, std::string step,
                 std::string reward_id, StateReader state_reader);

    void result_column(merit_context& ctx, const char* name, double* out, unsigned char* valid) override;
    void result_text(merit_context& ctx, const char* name, const char** out) override;
    void emit_pay(merit_context& ctx, size_t row, const char* code, const char* label, int64_t amount_fen,
                  const char* basis) override;
    void emit_decision(merit_context& ctx, size_t row, const char* kind, const char* value,
                       const char* reason) override;
    void state_read(merit_context& ctx, const char* key, double* out, unsigned char* valid) override;
    void state_write(merit_context& ctx, const char* key, const double* values,
                     const unsigned char* valid) override;
    std::string run_latest(merit_context& ctx, const char* scheme, const char* on_or_before) override;
    void run_column(merit_context& ctx, const char* scheme, const char* period, const char* column,
                    const char* const* ids, size_t count, double* out, unsigned char* valid) override;
    void run_text(merit_context& ctx, const char* scheme, const char* period, const char* column,
                  const char* const* ids, size_t count, const char** out) override;

    // Other runs read through run_latest / run_column / run_text, and the
    // trace each read is recorded in (the reading run's provenance: stored,
    // digested and shown by explain with the call's other trace lines).
    void set_stored_runs(StoredRunReader* runs, TraceSink* trace) {
        if (runs) other_runs_.emplace(*runs, manager_ids_, trace);
    }

    // Pay emitted by earlier rewards, so that pay:<reward> and pay_total
    // include them.
    void set_earlier_pay(const std::vector<PayLine>* earlier) { earlier_pay_ = earlier; }
    // A gated reward sees a subset of the run's managers: row k of this call
    // (manager_ids[k]) is row (*rows)[k] of the result columns.
    void set_rows(const std::vector<size_t>* rows) { rows_ = rows; }

    // The first pay line the host refused (value_checks.hpp); fails the reward.
    std::string refusal;
    std::vector<PayLine> pay;
    std::vector<DecisionLine> decisions;
    std::vector<StateRow> state;
    std::set<std::string> state_keys;  // every key read or written

private:
    size_t column_row(size_t row) const { return rows_ ? (*rows_)[row] : row; }
    void require_reward(const merit_context& ctx, const char* service) const;
    void check_row(size_t row) const;
    const ResultColumns& columns_;
    const std::vector<std::string>& manager_ids_;
    std::string step_;
    std::string reward_id_;
    StateReader state_reader_;
    const std::vector<PayLine>* earlier_pay_ = nullptr;
    const std::vector<size_t>* rows_ = nullptr;
    std::optional<OtherRunReads> other_runs_;
};

// Collects one call's trace columns and notes.
class StepTrace : public TraceSink {
public:
    void column(merit_context& ctx, const char* name, const double* values,
                const unsigned char* valid) override;
    void note(merit_context& ctx, size_t row, const char* text) override;

    struct Entry {
        std::string component;
        std::string name;
        std::vector<double> values;        // a column ...
        std::vector<unsigned char> valid;  // ...
        size_t row = 0;                    // ... or a note for one row
        std::string text;
        bool is_note = false;
    };
    std::vector<Entry> entries;
};

}  // namespace merit
