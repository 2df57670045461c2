// Test harness for the core plugin: loads the staged plugin through the
// registry exactly as the host does, and hands components small fakes of the
// host services whose data each test sets by hand.
#pragma once

#include <gtest/gtest.h>

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

namespace merit::core_test {

using Cells = std::map<std::string, double>;  // manager id -> value (absent = null)

// The managers of one call, with their org units and grades.
class Scope {
public:
    Scope(std::vector<std::string> ids, std::vector<std::string> units = {},
          std::vector<std::string> grades = {}, std::string period = "2026-Q2",
          std::string first = "2026-04-01", std::string last = "2026-06-30")
        : ids_(std::move(ids)),
          units_(std::move(units)),
          grades_(std::move(grades)),
          period_(std::move(period)),
          first_(std::move(first)),
          last_(std::move(last)) {
        units_.resize(ids_.size(), "U1");
        grades_.resize(ids_.size(), "");
        for (size_t i = 0; i < ids_.size(); ++i) {
            id_ptr_.push_back(ids_[i].c_str());
            unit_ptr_.push_back(units_[i].c_str());
            grade_ptr_.push_back(grades_[i].c_str());
            role_ptr_.push_back("customer_manager");
            hired_ptr_.push_back("");
            status_ptr_.push_back("active");
        }
        raw_.struct_size = sizeof raw_;
        raw_.count = ids_.size();
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
    Scope(const Scope&) = delete;
    const merit_scope& get() const { return raw_; }
    size_t size() const { return ids_.size(); }
    const std::vector<std::string>& ids() const { return ids_; }

private:
    std::vector<std::string> ids_, units_, grades_;
    std::string period_, first_, last_;
    std::vector<const char*> id_ptr_, unit_ptr_, grade_ptr_, role_ptr_, hired_ptr_, status_ptr_;
    merit_scope raw_{};
};

inline void fill(const merit_scope& scope, const Cells& cells, double* out, unsigned char* valid) {
    for (size_t i = 0; i < scope.count; ++i) {
        const auto found = cells.find(scope.manager_ids[i]);
        out[i] = found == cells.end() ? 0 : found->second;
        if (valid) valid[i] = found != cells.end();
    }
}

// Data services over hand-set tables. Keys name what was asked, so a test
// also proves the component asked for the right thing.
class FakeData : public DataServices {
public:
    std::map<std::string, Cells> facts;                               // "metric|aggregation|period|segment"
    std::map<std::string, Cells> events;                              // "kind|measure"
    std::map<std::string, Cells> targets;                             // "indicator|period"
    std::map<std::string, Cells> ratings;                             // "role|item"
    std::vector<std::pair<std::string, std::optional<double>>> rows;  // answer to any query
    std::string last_sql;
    std::vector<std::string> last_params;

    void fact_aggregate(const merit_scope& scope, const merit_fact_query& q, double* out,
                        unsigned char* valid) override {
        const std::string key = std::string(q.metric) + "|" + std::to_string(q.aggregation) + "|" +
                                (q.period ? q.period : scope.period) + "|" + (q.segment ? q.segment : "");
        fill(scope, facts.at(key), out, valid);
    }
    void event_aggregate(const merit_scope& scope, const merit_event_query& q, double* out) override {
        const auto found = events.find(std::string(q.kind ? q.kind : "*") + "|" + std::to_string(q.measure));
        fill(scope, found == events.end() ? Cells{} : found->second, out, nullptr);
    }
    void target_values(const merit_scope& scope, const char* indicator, const char* period, double* out,
                       unsigned char* valid) override {
        fill(scope, targets.at(std::string(indicator) + "|" + (period ? period : scope.period)), out, valid);
    }
    void rating_average(const merit_scope& scope, const char* role, const char* item, const char*,
                        double* out, unsigned char* valid) override {
        const auto found = ratings.find(std::string(role ? role : "*") + "|" + (item ? item : "*"));
        fill(scope, found == ratings.end() ? Cells{} : found->second, out, valid);
    }
    void query(const char* sql, const merit_value* params, size_t count, merit_row_fn on_row,
               void* user) override {
        last_sql = sql;
        last_params.clear();
        for (size_t i = 0; i < count; ++i) last_params.emplace_back(params[i].string ? params[i].string : "");
        const char* names[] = {"manager_id", "value"};
        for (const auto& [id, value] : rows) {
            merit_value cells[2] = {};
            cells[0].kind = MERIT_VALUE_STRING;
            cells[0].string = id.c_str();
            cells[1].kind = value ? MERIT_VALUE_NUMBER : MERIT_VALUE_NULL;
            cells[1].number = value.value_or(0);
            if (on_row(user, 2, names, cells)) break;
        }
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

// Run services: result columns set by hand; pay, decisions and state caught.
class FakeRun : public RunServices {
public:
    std::map<std::string, Cells> columns;
    std::map<std::string, std::vector<std::string>> texts;
    std::map<std::string, Cells> state_in;   // what "earlier runs" wrote
    std::map<std::string, Cells> state_out;  // what this run writes
    std::vector<PayLine> pay;
    std::vector<Decision> decisions;
    const merit_scope* scope = nullptr;  // to name rows in state_out

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
    int64_t total_fen(size_t row) const {
        int64_t sum = 0;
        for (const auto& line : pay)
            if (line.row == row) sum += line.fen;
        return sum;
    }
};

class FakeTrace : public TraceSink {
public:
    std::map<std::string, std::vector<std::optional<double>>> columns;
    std::map<size_t, std::vector<std::string>> notes;
    size_t rows = 0;
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
};

// The staged core plugin, loaded through the shipped config and its pins.
class CorePlugin : public ::testing::Test {
protected:
    CorePlugin()
        : registry_(PluginRegistry::discover(
              HostConfig::load(std::filesystem::path(MERIT_STAGE_DIR) / "share/merit/config/merit.json"))) {}

    const Component& component(const std::string& id) {
        const Component* c = registry_.find(id);
        if (!c) throw std::runtime_error("core plugin does not offer " + id);
        return *c;
    }
    CallEnv env() { return CallEnv{&data_, &run_, &trace_}; }

    // Provider output as optionals (nullopt = null).
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

    // Scores of values (nullopt = null), with optional targets and groups.
    std::vector<double> score(const std::string& id, const std::string& params,
                              const std::vector<std::optional<double>>& values,
                              const std::vector<std::optional<double>>& targets = {},
                              const std::vector<std::string>& groups = {}) {
        const size_t n = values.size();
        std::vector<double> v(n, 0), t(n, 0), out(n, -1);
        std::vector<unsigned char> vv(n, 0), tv(n, 0);
        for (size_t i = 0; i < n; ++i) {
            vv[i] = values[i].has_value();
            v[i] = values[i].value_or(0);
            if (!targets.empty()) {
                tv[i] = targets[i].has_value();
                t[i] = targets[i].value_or(0);
            }
        }
        std::vector<const char*> g;
        for (const auto& s : groups) g.push_back(s.c_str());
        merit_score_input input{sizeof(merit_score_input),
                                n,
                                v.data(),
                                vv.data(),
                                targets.empty() ? nullptr : t.data(),
                                targets.empty() ? nullptr : tv.data(),
                                groups.empty() ? nullptr : g.data()};
        ComponentInstance instance(component(id), boost::json::parse(params), env());
        instance.score(input, out.data(), env());
        return out;
    }

    void reward(const std::string& id, const std::string& params, const Scope& scope) {
        run_.scope = &scope.get();
        ComponentInstance instance(component(id), boost::json::parse(params), env());
        instance.reward(scope.get(), env());
    }

    // The error text of creating `id` with `params`.
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

}  // namespace merit::core_test
