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

#include "data/workspace_data_services.hpp"
#include "period/period.hpp"
#include "plugin/component_instance.hpp"
#include "plugin/host_config.hpp"
#include "plugin/registry.hpp"
#include "plugin/services.hpp"
#include "store/sqlite.hpp"
#include "store/workspace.hpp"
#include "support/detail_services_over_db.hpp"
#include "support/host_fakes.hpp"

namespace tobacco_test {

// Data services answering SQL and event queries from the workspace. The
// tobacco plugin reads facts through SQL (it needs per-day assignment
// clipping) and events through event_aggregate.
class SqlDataServices : public merit_test::DetailServicesOverDb {
public:
    explicit SqlDataServices(sqlite3* db) : DetailServicesOverDb(db), db_(db) {}

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

using merit_test::Decision;
using merit_test::PayLine;
using RecordingTrace = merit_test::RecordingTrace;

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

// The managers evaluated by one call, over the days of `period`.
class TestScope : public merit_test::ManagerScope {
public:
    TestScope(std::vector<Member> members, const std::string& period)
        : ManagerScope(std::move(members), period, day(period, true), day(period, false)) {}
    const merit_scope& raw() const { return get(); }

private:
    static std::string day(const std::string& period, bool first) {
        const auto p = merit::Period::parse(period);
        return merit::format_date(first ? p.first_day() : p.last_day());
    }
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
        merit_test::OtherRunsOnly run(workspace_->db(), scope.raw(), &trace);
        merit::CallEnv env{data_.get(), &run, &trace};
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
        run.rows = scope.size();
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
