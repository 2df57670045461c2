// Test harness for the banking plugin: loads the staged plugin through the
// shipped config and its pins, exactly as the host does, and hands the
// components small fakes of the host services. Fact answers are keyed by what
// was asked (metric, aggregation, period, assignment role, shares), so a test
// also proves that a component asked for the right thing. SQL goes to an
// in-memory database built from the real workspace schema.
#pragma once

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <boost/json/parse.hpp>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "plugin/component_instance.hpp"
#include "plugin/host_config.hpp"
#include "plugin/registry.hpp"
#include "plugin/services.hpp"
#include "store/schema.hpp"

namespace merit::banking_test {

using Cells = std::map<std::string, double>;  // manager id -> value (absent = null)

// The managers of one call.
class Scope {
public:
    Scope(std::vector<std::string> ids, std::string period = "2026-Q1", std::string first = "2026-01-01",
          std::string last = "2026-03-31", std::vector<std::string> grades = {})
        : ids_(std::move(ids)), grades_(std::move(grades)), period_(period), first_(first), last_(last) {
        grades_.resize(ids_.size(), "");
        for (size_t i = 0; i < ids_.size(); ++i) {
            ids_ptr_.push_back(ids_[i].c_str());
            grade_ptr_.push_back(grades_[i].c_str());
            unit_ptr_.push_back("SUB1");
            role_ptr_.push_back("customer_manager");
            hired_ptr_.push_back("");
            status_ptr_.push_back("active");
        }
        raw_.struct_size = sizeof raw_;
        raw_.count = ids_.size();
        raw_.manager_ids = ids_ptr_.data();
        raw_.org_unit_ids = unit_ptr_.data();
        raw_.roles = role_ptr_.data();
        raw_.grades = grade_ptr_.data();
        raw_.hired_on = hired_ptr_.data();
        raw_.statuses = status_ptr_.data();
        raw_.period = period_.c_str();
        raw_.first_day = first_.c_str();
        raw_.last_day = last_.c_str();
    }
    Scope(const Scope&) = delete;
    const merit_scope& get() const { return raw_; }
    size_t size() const { return ids_.size(); }

private:
    std::vector<std::string> ids_, grades_;
    std::string period_, first_, last_;
    std::vector<const char*> ids_ptr_, grade_ptr_, unit_ptr_, role_ptr_, hired_ptr_, status_ptr_;
    merit_scope raw_{};
};

inline void fill(const merit_scope& scope, const Cells& cells, double* out, unsigned char* valid) {
    for (size_t i = 0; i < scope.count; ++i) {
        const auto found = cells.find(scope.manager_ids[i]);
        out[i] = found == cells.end() ? 0 : found->second;
        if (valid) valid[i] = found != cells.end();
    }
}

inline const char* agg_name(merit_aggregation a) {
    switch (a) {
        case MERIT_AGG_SUM:
            return "sum";
        case MERIT_AGG_END:
            return "end";
        case MERIT_AGG_DAILY_AVG:
            return "daily_avg";
        case MERIT_AGG_XUN_AVG:
            return "xun_avg";
        case MERIT_AGG_MAX_END:
            return "max_end";
        case MERIT_AGG_COUNT:
            return "count";
    }
    return "?";
}

// "metric|aggregation|period[|role][|whole]": role only when not the owners,
// "whole" only when shares are ignored.
inline std::string fact_key(const std::string& metric, const std::string& agg, const std::string& period,
                            const std::string& role = "", bool whole = false) {
    std::string key = metric + "|" + agg + "|" + period;
    if (!role.empty()) key += "|" + role;
    if (whole) key += "|whole";
    return key;
}

class FakeData : public DataServices {
public:
    std::map<std::string, Cells> facts;
    std::vector<std::string> asked;  // every fact key asked for, in order
    sqlite3* db = nullptr;

    FakeData() {
        sqlite3_open(":memory:", &db);
        for (std::string_view step : schema_migrations()) exec(std::string(step));
    }
    ~FakeData() override { sqlite3_close(db); }
    FakeData(const FakeData&) = delete;

    void exec(const std::string& sql) {
        char* error = nullptr;
        if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
            const std::string message = error ? error : "?";
            sqlite3_free(error);
            throw std::runtime_error("test SQL failed: " + message + " in " + sql);
        }
    }

    void fact_aggregate(const merit_scope& scope, const merit_fact_query& q, double* out,
                        unsigned char* valid) override {
        const std::string key =
            fact_key(q.metric, agg_name(q.aggregation), q.period ? q.period : scope.period,
                     q.assignment_role ? q.assignment_role : "", q.use_shares == 0);
        asked.push_back(key);
        const auto found = facts.find(key);
        if (found == facts.end()) throw std::runtime_error("the test has no facts for " + key);
        fill(scope, found->second, out, valid);
    }
    void event_aggregate(const merit_scope& scope, const merit_event_query&, double* out) override {
        fill(scope, {}, out, nullptr);
    }
    void target_values(const merit_scope& scope, const char*, const char*, double* out,
                       unsigned char* valid) override {
        fill(scope, {}, out, valid);
    }
    void rating_average(const merit_scope& scope, const char*, const char*, const char*, double* out,
                        unsigned char* valid) override {
        fill(scope, {}, out, valid);
    }
    void query(const char* sql, const merit_value* params, size_t count, merit_row_fn on_row,
               void* user) override {
        sqlite3_stmt* stmt = nullptr;
        if (sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr) != SQLITE_OK)
            throw std::runtime_error(std::string("bad SQL: ") + sqlite3_errmsg(db));
        for (size_t i = 0; i < count; ++i) {
            const int at = static_cast<int>(i + 1);
            if (params[i].kind == MERIT_VALUE_STRING)
                sqlite3_bind_text(stmt, at, params[i].string, -1, SQLITE_TRANSIENT);
            else if (params[i].kind == MERIT_VALUE_NUMBER)
                sqlite3_bind_double(stmt, at, params[i].number);
            else
                sqlite3_bind_null(stmt, at);
        }
        const int columns = sqlite3_column_count(stmt);
        std::vector<const char*> names(columns);
        for (int c = 0; c < columns; ++c) names[c] = sqlite3_column_name(stmt, c);
        while (sqlite3_step(stmt) == SQLITE_ROW) {
            std::vector<std::string> texts(columns);
            std::vector<merit_value> cells(columns);
            for (int c = 0; c < columns; ++c) {
                cells[c] = merit_value{};
                switch (sqlite3_column_type(stmt, c)) {
                    case SQLITE_NULL:
                        cells[c].kind = MERIT_VALUE_NULL;
                        break;
                    case SQLITE_INTEGER:
                    case SQLITE_FLOAT:
                        cells[c].kind = MERIT_VALUE_NUMBER;
                        cells[c].number = sqlite3_column_double(stmt, c);
                        break;
                    default:
                        texts[c] = reinterpret_cast<const char*>(sqlite3_column_text(stmt, c));
                        cells[c].kind = MERIT_VALUE_STRING;
                        cells[c].string = texts[c].c_str();
                }
            }
            if (on_row(user, columns, names.data(), cells.data())) break;
        }
        sqlite3_finalize(stmt);
    }
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

class FakeRun : public RunServices {
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
    // A new run that starts from what this one wrote.
    void next_run() {
        state_in = state_out;
        state_out.clear();
        pay.clear();
        decisions.clear();
    }
};

class FakeTrace : public TraceSink {
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
    bool noted(size_t row, const std::string& part) const {
        const auto found = notes.find(row);
        if (found == notes.end()) return false;
        for (const auto& n : found->second)
            if (n.find(part) != std::string::npos) return true;
        return false;
    }
    double at(const std::string& name, size_t row) const { return columns.at(name).at(row).value(); }
};

// The staged banking plugin, loaded through the shipped config and its pins.
class BankingPlugin : public ::testing::Test {
protected:
    BankingPlugin()
        : registry_(PluginRegistry::discover(
              HostConfig::load(std::filesystem::path(MERIT_STAGE_DIR) / "share/merit/config/merit.json"))) {}

    const Component& component(const std::string& id) {
        const Component* c = registry_.find(id);
        if (!c) throw std::runtime_error("no component " + id + " (is the banking plugin built and pinned?)");
        return *c;
    }
    CallEnv env() { return CallEnv{&data_, &run_, &trace_}; }

    std::vector<std::optional<double>> provide(const std::string& id, const std::string& params,
                                               const Scope& scope) {
        run_.scope = &scope.get();
        ComponentInstance instance(component(id), boost::json::parse(params), env());
        std::vector<double> out(scope.size(), -1);
        std::vector<unsigned char> valid(scope.size(), 0);
        instance.compute(scope.get(), out.data(), valid.data(), env());
        std::vector<std::optional<double>> result;
        for (size_t i = 0; i < scope.size(); ++i)
            result.push_back(valid[i] ? std::optional<double>(out[i]) : std::nullopt);
        return result;
    }

    void reward(const std::string& id, const std::string& params, const Scope& scope) {
        run_.scope = &scope.get();
        ComponentInstance instance(component(id), boost::json::parse(params), env());
        instance.reward(scope.get(), env());
    }

    std::string create_error(const std::string& id, const std::string& params) {
        try {
            ComponentInstance instance(component(id), boost::json::parse(params), env());
        } catch (const std::exception& e) {
            return e.what();
        }
        return "no error";
    }

    PluginRegistry registry_;
    FakeData data_;
    FakeRun run_;
    FakeTrace trace_;
};

}  // namespace merit::banking_test
