// Shared fakes of the host for plugin tests: the managers of one call as a
// merit_scope, recording run services keyed by manager id, and a recording
// trace sink.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "engine/other_run_reads.hpp"
#include "plugin/services.hpp"

namespace merit_test {

using Cells = std::map<std::string, double>;  // manager id -> value (absent = null)

// Copies `cells` into the rows of `scope` (valid = present).
inline void fill(const merit_scope& scope, const Cells& cells, double* out, unsigned char* valid) {
    for (size_t i = 0; i < scope.count; ++i) {
        const auto found = cells.find(scope.manager_ids[i]);
        out[i] = found == cells.end() ? 0 : found->second;
        if (valid) valid[i] = found != cells.end();
    }
}

// The managers of one call, and the C view of them.
class ManagerScope {
public:
    struct Member {
        std::string id, unit, role, grade;
    };
    ManagerScope(std::vector<Member> members, std::string period, std::string first, std::string last)
        : members_(std::move(members)),
          period_(std::move(period)),
          first_(std::move(first)),
          last_(std::move(last)) {
        for (const auto& m : members_) {
            ids_.push_back(m.id);
            id_ptr_.push_back(m.id.c_str());
            unit_ptr_.push_back(m.unit.c_str());
            role_ptr_.push_back(m.role.c_str());
            grade_ptr_.push_back(m.grade.c_str());
            hired_ptr_.push_back("");
            status_ptr_.push_back("active");
        }
        raw_.struct_size = sizeof raw_;
        raw_.count = members_.size();
        raw_.manager_ids = id_ptr_.data();
        raw_.org_unit_ids = unit_ptr_.data();
        raw_.roles = role_ptr_.data();
        raw_.grades = grade_ptr_.data();
        raw_.hired_on = hired_ptr_.data();
        raw_.statuses = status_ptr_.data();
        raw_.period = period_.c_str();
        raw_.first_day = first_.c_str();
        raw_.last_day = last_.c_str();
    }
    ManagerScope(const ManagerScope&) = delete;
    const merit_scope& get() const { return raw_; }
    size_t size() const { return members_.size(); }
    const std::vector<std::string>& ids() const { return ids_; }

    // Members with the given ids, all in `unit` with `role`; units and grades
    // may be shorter than ids (the rest get `unit` and no grade).
    static std::vector<Member> members(const std::vector<std::string>& ids, std::vector<std::string> units,
                                       std::vector<std::string> grades, const std::string& unit,
                                       const std::string& role = "customer_manager") {
        units.resize(ids.size(), unit);
        grades.resize(ids.size(), "");
        std::vector<Member> out;
        for (size_t i = 0; i < ids.size(); ++i) out.push_back({ids[i], units[i], role, grades[i]});
        return out;
    }

private:
    std::vector<Member> members_;
    std::string period_, first_, last_;
    std::vector<std::string> ids_;
    std::vector<const char*> id_ptr_, unit_ptr_, role_ptr_, grade_ptr_, hired_ptr_, status_ptr_;
    merit_scope raw_{};
};

struct PayLine {
    size_t row;
    std::string code, label;
    int64_t fen;
    std::string basis;
};
struct Decision {
    size_t row;
    std::string kind, value, reason;
};

// Run services keyed by manager id: result columns and texts set by the
// test; pay, decisions and state caught. `scope` names the rows.
class RecordingRun : public merit::RunServices {
public:
    std::map<std::string, Cells> columns;
    std::map<std::string, std::vector<std::string>> texts;
    std::map<std::string, Cells> state_in;   // what the latest earlier run wrote
    std::map<std::string, Cells> state_out;  // what this run writes
    std::vector<PayLine> pay;
    std::vector<Decision> decisions;
    const merit_scope* scope = nullptr;

    void result_column(merit_context&, const char* name, double* out, unsigned char* valid) override {
        const auto found = columns.find(name);
        if (found == columns.end())
            throw std::runtime_error(std::string("unknown result column '") + name + "'");
        fill(*scope, found->second, out, valid);
    }
    void result_text(merit_context&, const char* name, const char** out) override {
        const auto& text = texts.at(name);
        for (size_t i = 0; i < text.size(); ++i) out[i] = text[i].c_str();
    }
    void emit_pay(merit_context&, size_t row, const char* code, const char* label, int64_t fen,
                  const char* basis) override {
        pay.push_back({row, code, label, fen, basis});
    }
    void emit_decision(merit_context&, size_t row, const char* kind, const char* value,
                       const char* reason) override {
        decisions.push_back({row, kind, value, reason});
    }
    void state_read(merit_context&, const char* key, double* out, unsigned char* valid) override {
        const auto found = state_in.find(key);
        fill(*scope, found == state_in.end() ? Cells{} : found->second, out, valid);
    }
    void state_write(merit_context&, const char* key, const double* values,
                     const unsigned char* valid) override {
        Cells& cells = state_out[key];
        for (size_t i = 0; i < scope->count; ++i)
            if (!valid || valid[i]) cells[scope->manager_ids[i]] = values[i];
    }
    // Fen of one pay code for one row (0 when absent); nullopt when never emitted.
    std::optional<int64_t> fen(size_t row, const std::string& code) const {
        std::optional<int64_t> sum;
        for (const auto& line : pay)
            if (line.row == row && line.code == code) sum = sum.value_or(0) + line.fen;
        return sum;
    }
    std::string basis(size_t row, const std::string& code) const {
        for (const auto& line : pay)
            if (line.row == row && line.code == code) return line.basis;
        return "";
    }
    int64_t total_fen(size_t row) const {
        int64_t sum = 0;
        for (const auto& line : pay)
            if (line.row == row) sum += line.fen;
        return sum;
    }
    // A new run that starts from what this one wrote.
    void next_run() {
        state_in = state_out;
        state_out.clear();
        pay.clear();
        decisions.clear();
    }
};

// Trace columns (nullopt = null) and notes of one call.
class RecordingTrace : public merit::TraceSink {
public:
    std::map<std::string, std::vector<std::optional<double>>> columns;
    std::map<size_t, std::vector<std::string>> notes;

    void column(merit_context& ctx, const char* name, const double* values,
                const unsigned char* valid) override {
        auto& column = columns[name];
        column.clear();
        for (size_t i = 0; i < ctx.scope_count; ++i)
            column.push_back(!valid || valid[i] ? std::optional<double>(values[i]) : std::nullopt);
    }
    void note(merit_context&, size_t row, const char* text) override { notes[row].push_back(text); }
    // True when some note of `row` contains `part`.
    bool noted(size_t row, const std::string& part) const {
        const auto found = notes.find(row);
        if (found == notes.end()) return false;
        for (const auto& n : found->second)
            if (n.find(part) != std::string::npos) return true;
        return false;
    }
    double at(const std::string& name, size_t row) const { return columns.at(name).at(row).value(); }
};

// Run services of an indicator call that reads other runs of a workspace
// (plugin API 1.1), with the host's own rule and trace records; every other
// run service is refused as in a provider step.
class OtherRunsOnly : public merit::RunServices {
public:
    OtherRunsOnly(sqlite3* db, const merit_scope& scope, merit::TraceSink* trace) : reader_(db) {
        for (size_t i = 0; i < scope.count; ++i) ids_.emplace_back(scope.manager_ids[i]);
        reads_.emplace(reader_, ids_, trace);
    }
    void result_column(merit_context&, const char*, double*, unsigned char*) override { refuse(); }
    void result_text(merit_context&, const char*, const char**) override { refuse(); }
    void emit_pay(merit_context&, size_t, const char*, const char*, int64_t, const char*) override {
        refuse();
    }
    void emit_decision(merit_context&, size_t, const char*, const char*, const char*) override { refuse(); }
    void state_read(merit_context&, const char*, double*, unsigned char*) override { refuse(); }
    void state_write(merit_context&, const char*, const double*, const unsigned char*) override { refuse(); }
    std::string run_latest(merit_context& ctx, const char* scheme, const char* day) override {
        return reads_->latest(ctx, scheme, day);
    }
    void run_column(merit_context& ctx, const char* scheme, const char* period, const char* column,
                    const char* const* ids, size_t count, double* out, unsigned char* valid) override {
        reads_->column(ctx, scheme, period, column, ids, count, out, valid);
    }
    void run_text(merit_context& ctx, const char* scheme, const char* period, const char* column,
                  const char* const* ids, size_t count, const char** out) override {
        reads_->text(ctx, scheme, period, column, ids, count, out);
    }

private:
    [[noreturn]] static void refuse() {
        throw std::runtime_error("not available to an indicator in this test");
    }
    merit::StoredRunReader reader_;
    std::vector<std::string> ids_;
    std::optional<merit::OtherRunReads> reads_;
};

}  // namespace merit_test
