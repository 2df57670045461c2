// Test harness for the tobacco components: a small real workspace (SQLite,
// the host schema), data services over it, and recording fakes of the run
// services and trace sink. Components are loaded from the staged, pinned
// plugin exactly as the host loads them.
#pragma once

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <boost/json.hpp>

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "period/period.hpp"
#include "plugin/component_instance.hpp"
#include "plugin/host_config.hpp"
#include "plugin/registry.hpp"
#include "plugin/services.hpp"
#include "store/sqlite.hpp"
#include "store/workspace.hpp"

namespace tobacco_test {

// Data services answering SQL and event queries from the workspace. The
// tobacco plugin reads facts through SQL (it needs per-day assignment
// clipping) and events through event_aggregate.
class SqlDataServices : public merit::DataServices {
public:
    explicit SqlDataServices(sqlite3* db) : db_(db) {}

    void fact_aggregate(const merit_scope&, const merit_fact_query&, double*, unsigned char*) override {
        throw std::runtime_error("fact_aggregate is not used by the tobacco components");
    }
    void target_values(const merit_scope&, const char*, const char*, double*, unsigned char*) override {
        throw std::runtime_error("target_values is not used by the tobacco components");
    }
    void rating_average(const merit_scope&, const char*, const char*, const char*, double*,
                        unsigned char*) override {
        throw std::runtime_error("rating_average is not used by the tobacco components");
    }

    void event_aggregate(const merit_scope& scope, const merit_event_query& q, double* out) override {
        std::string first = scope.first_day, last = scope.last_day;
        if (q.period) {
            const auto p = merit::Period::parse(q.period);
            first = merit::format_date(p.first_day());
            last = merit::format_date(p.last_day());
        }
        const char* measure = q.measure == MERIT_EVENT_COUNT      ? "count(*)"
                              : q.measure == MERIT_EVENT_QUANTITY ? "sum(quantity)"
                                                                  : "sum(coalesce(amount, 0))";
        merit::Statement st(db_, std::string("SELECT manager_id, ") + measure +
                                     " FROM events WHERE (?1 IS NULL OR kind = ?1) AND date BETWEEN ?2 AND ?3"
                                     " GROUP BY manager_id");
        if (q.kind)
            st.bind(1, q.kind);
        else
            st.bind_null(1);
        st.bind(2, first).bind(3, last);
        std::map<std::string, double> by_manager;
        while (st.step()) by_manager[st.text(0)] = st.real(1);
        for (size_t i = 0; i < scope.count; ++i) {
            const auto it = by_manager.find(scope.manager_ids[i]);
            out[i] = it == by_manager.end() ? 0.0 : it->second;
        }
        ++event_calls;
    }

    void query(const char* sql, const merit_value* params, size_t count, merit_row_fn on_row,
               void* user) override {
        merit::Statement st(db_, sql);
        for (size_t i = 0; i < count; ++i) {
            const int at = int(i) + 1;
            if (params[i].kind == MERIT_VALUE_NUMBER)
                st.bind(at, params[i].number);
            else if (params[i].kind == MERIT_VALUE_STRING)
                st.bind(at, params[i].string);
            else
                st.bind_null(at);
        }
        const int columns = st.column_count();
        std::vector<const char*> names(columns);
        for (int c = 0; c < columns; ++c) names[c] = sqlite3_column_name(st.raw(), c);
        std::vector<std::string> texts(columns);
        std::vector<merit_value> cells(columns);
        while (st.step()) {
            for (int c = 0; c < columns; ++c) {
                cells[c] = merit_value{};
                const int type = sqlite3_column_type(st.raw(), c);
                if (type == SQLITE_NULL) {
                    cells[c].kind = MERIT_VALUE_NULL;
                } else if (type == SQLITE_INTEGER || type == SQLITE_FLOAT) {
                    cells[c].kind = MERIT_VALUE_NUMBER;
                    cells[c].number = st.real(c);
                } else {
                    texts[c] = st.text(c);
                    cells[c].kind = MERIT_VALUE_STRING;
                    cells[c].string = texts[c].c_str();
                }
            }
            if (on_row(user, size_t(columns), names.data(), cells.data()) != 0) break;
        }
        ++query_calls;
    }

    int query_calls = 0;
    int event_calls = 0;

private:
    sqlite3* db_;
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

// Run services of one reward call: result columns given by the test,
// pay lines, decisions and state recorded.
class RecordingRun : public merit::RunServices {
public:
    std::map<std::string, std::vector<std::optional<double>>> columns;
    std::map<std::string, std::vector<std::optional<double>>> state_in;
    std::map<std::string, std::vector<std::optional<double>>> state_out;
    std::vector<PayLine> pay;
    std::vector<Decision> decisions;

    void result_column(merit_context&, const char* name, double* out, unsigned char* valid) override {
        std::string key = name;
        if (key.rfind("pay:", 0) == 0 && !columns.count(key)) {  // fen emitted so far by that reward
            for (size_t i = 0; i < rows; ++i) {
                out[i] = 0, valid[i] = 1;
                for (const auto& p : pay)
                    if (p.row == i && p.code == key.substr(4)) out[i] += double(p.fen);
            }
            return;
        }
        const auto it = columns.find(key);
        if (it == columns.end()) throw std::runtime_error("no result column '" + key + "'");
        for (size_t i = 0; i < rows; ++i) {
            valid[i] = it->second[i].has_value();
            out[i] = it->second[i].value_or(0);
        }
    }
    void result_text(merit_context&, const char* name, const char**) override {
        throw std::runtime_error(std::string("no text column ") + name);
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
        const auto it = state_in.find(key);
        for (size_t i = 0; i < rows; ++i) {
            const bool has = it != state_in.end() && it->second[i].has_value();
            valid[i] = has;
            out[i] = has ? *it->second[i] : 0;
        }
    }
    void state_write(merit_context&, const char* key, const double* values,
                     const unsigned char* valid) override {
        auto& column = state_out[key];
        column.assign(rows, std::nullopt);
        for (size_t i = 0; i < rows; ++i)
            if (valid[i]) column[i] = values[i];
    }
    size_t rows = 0;
};

// Trace lines of one call.
class RecordingTrace : public merit::TraceSink {
public:
    std::map<std::string, std::vector<std::optional<double>>> columns;
    std::map<size_t, std::vector<std::string>> notes;
    size_t rows = 0;

    void column(merit_context&, const char* name, const double* values, const unsigned char* valid) override {
        auto& c = columns[name];
        c.assign(rows, std::nullopt);
        for (size_t i = 0; i < rows; ++i)
            if (!valid || valid[i]) c[i] = values[i];
    }
    void note(merit_context&, size_t row, const char* text) override { notes[row].push_back(text); }

    // True when some note of `row` contains `text`.
    bool noted(size_t row, const std::string& text) const {
        const auto it = notes.find(row);
        if (it == notes.end()) return false;
        for (const auto& n : it->second)
            if (n.find(text) != std::string::npos) return true;
        return false;
    }
};

// The managers evaluated by one call, and the C view of them.
class TestScope {
public:
    struct Member {
        std::string id, unit, role, grade;
    };
    TestScope(std::vector<Member> members, std::string period)
        : members_(std::move(members)), period_(period) {
        const auto p = merit::Period::parse(period_);
        first_ = merit::format_date(p.first_day());
        last_ = merit::format_date(p.last_day());
        for (const auto& m : members_) {
            ids_.push_back(m.id.c_str());
            units_.push_back(m.unit.c_str());
            roles_.push_back(m.role.c_str());
            grades_.push_back(m.grade.c_str());
            hired_.push_back("");
            statuses_.push_back("active");
        }
        scope_.struct_size = sizeof scope_;
        scope_.count = members_.size();
        scope_.manager_ids = ids_.data();
        scope_.org_unit_ids = units_.data();
        scope_.roles = roles_.data();
        scope_.grades = grades_.data();
        scope_.hired_on = hired_.data();
        scope_.statuses = statuses_.data();
        scope_.period = period_.c_str();
        scope_.first_day = first_.c_str();
        scope_.last_day = last_.c_str();
    }
    TestScope(const TestScope&) = delete;
    const merit_scope& raw() const { return scope_; }
    size_t size() const { return members_.size(); }

private:
    std::vector<Member> members_;
    std::string period_, first_, last_;
    std::vector<const char*> ids_, units_, roles_, grades_, hired_, statuses_;
    merit_scope scope_{};
};

// A fresh workspace file per test, the tobacco plugin loaded from the stage.
class TobaccoTest : public ::testing::Test {
protected:
    void SetUp() override {
        const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
        dir_ = std::filesystem::temp_directory_path() /
               ("merit-tobacco-" + std::string(info->test_suite_name()) + "-" + info->name() + "-" +
                std::to_string(::getpid()));
        std::filesystem::remove_all(dir_);
        std::filesystem::create_directories(dir_);
        workspace_.emplace(merit::Workspace::create(dir_ / "ws.merit"));
        data_ = std::make_unique<SqlDataServices>(workspace_->db());
        merit::HostConfig config;
        config.plugin_dirs = {std::filesystem::path(MERIT_STAGE_DIR) / "lib/merit/plugins"};
        config.allow_lists = {std::filesystem::path(MERIT_STAGE_DIR) / "share/merit/config/trusted.d"};
        registry_.emplace(merit::PluginRegistry::discover(config));
    }
    void TearDown() override {
        data_.reset();
        workspace_.reset();
        std::filesystem::remove_all(dir_);
    }

    void sql(const std::string& text) { merit::exec(workspace_->db(), text); }

    const merit::Component& component(const std::string& id) {
        const merit::Component* c = registry_->find(id);
        if (!c) throw std::runtime_error("component " + id + " not loaded");
        return *c;
    }

    // Runs an indicator provider; returns its column (nullopt = no value).
    std::vector<std::optional<double>> indicator(const std::string& id, const std::string& params_json,
                                                 const TestScope& scope, RecordingTrace& trace) {
        trace.rows = scope.size();
        merit::CallEnv env{data_.get(), nullptr, &trace};
        merit::ComponentInstance instance(component(id), boost::json::parse(params_json), env);
        std::vector<double> out(scope.size(), -1);
        std::vector<unsigned char> valid(scope.size(), 0);
        instance.compute(scope.raw(), out.data(), valid.data(), env);
        std::vector<std::optional<double>> column(scope.size());
        for (size_t i = 0; i < scope.size(); ++i)
            if (valid[i]) column[i] = out[i];
        return column;
    }

    void reward(const std::string& id, const std::string& params_json, const TestScope& scope,
                RecordingRun& run, RecordingTrace& trace) {
        run.rows = trace.rows = scope.size();
        merit::CallEnv env{data_.get(), &run, &trace};
        merit::ComponentInstance instance(component(id), boost::json::parse(params_json), env);
        instance.reward(scope.raw(), env);
    }

    // The error text of creating a component with bad parameters.
    std::string create_error(const std::string& id, const std::string& params_json) {
        try {
            merit::ComponentInstance instance(component(id), boost::json::parse(params_json), {});
        } catch (const std::exception& e) {
            return e.what();
        }
        return "";
    }

    std::filesystem::path dir_;
    std::optional<merit::Workspace> workspace_;
    std::unique_ptr<SqlDataServices> data_;
    std::optional<merit::PluginRegistry> registry_;
};

}  // namespace tobacco_test
