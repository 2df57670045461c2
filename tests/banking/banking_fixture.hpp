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

#include "data/workspace_data_services.hpp"
#include "plugin/component_instance.hpp"
#include "plugin/host_config.hpp"
#include "plugin/registry.hpp"
#include "plugin/services.hpp"
#include "store/schema.hpp"
#include "support/host_fakes.hpp"

namespace merit::banking_test {

using merit_test::Cells;
using merit_test::Decision;
using merit_test::fill;
using merit_test::PayLine;
using FakeRun = merit_test::RecordingRun;
using FakeTrace = merit_test::RecordingTrace;

// The managers of one call, all in SUB1.
class Scope : public merit_test::ManagerScope {
public:
    Scope(std::vector<std::string> ids, std::string period = "2026-Q1", std::string first = "2026-01-01",
          std::string last = "2026-03-31", std::vector<std::string> grades = {})
        : ManagerScope(members(ids, {}, std::move(grades), "SUB1"), std::move(period), std::move(first),
                       std::move(last)) {}
};

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
        apply_migrations(db, 0);
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
    // The host's own implementation over the test's database (plugin API 1.1).
    void customer_values(const char* metric, const char* day, merit_customer_value_fn on_value,
                         void* user) override {
        WorkspaceDataServices::customer_values_of(db, metric, day, on_value, user);
    }
    void customer_holdings(const char* metric, const char* first_day, const char* last_day,
                           const char* assignment_role, merit_holding_fn on_holding, void* user) override {
        WorkspaceDataServices::customer_holdings_of(db, metric, first_day, last_day, assignment_role,
                                                    on_holding, user);
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
