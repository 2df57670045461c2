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
#include "support/host_fakes.hpp"

namespace merit::core_test {

using merit_test::Cells;
using merit_test::Decision;
using merit_test::fill;
using merit_test::PayLine;
using FakeRun = merit_test::RecordingRun;
using FakeTrace = merit_test::RecordingTrace;

// The managers of one call, with their org units (default U1) and grades.
class Scope : public merit_test::ManagerScope {
public:
    Scope(std::vector<std::string> ids, std::vector<std::string> units = {},
          std::vector<std::string> grades = {}, std::string period = "2026-Q2",
          std::string first = "2026-04-01", std::string last = "2026-06-30")
        : ManagerScope(members(ids, std::move(units), std::move(grades), "U1"), std::move(period),
                       std::move(first), std::move(last)) {}
};

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
        std::vector<std::string> names;
        std::vector<const char*> ids;
        for (size_t i = 0; i < n; ++i) names.push_back("row" + std::to_string(i));
        for (const auto& name : names) ids.push_back(name.c_str());
        instance.score(input, ids.data(), out.data(), env());
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
