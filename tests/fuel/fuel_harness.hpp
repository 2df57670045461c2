// Test harness for the fuel plugin before (and beside) the engine: a real
// workspace file filled by SQL, small DataServices/RunServices/TraceSink
// fakes over it, and the fuel components loaded through the trusted
// PluginRegistry exactly as the host loads them.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <boost/json/parse.hpp>
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

namespace fuel_test {

// The fuel plugin as this build staged and pinned it.
inline merit::PluginRegistry& registry() {
    static merit::PluginRegistry reg = [] {
        merit::HostConfig config;
        config.plugin_dirs = {std::filesystem::path(MERIT_STAGE_DIR) / "lib/merit/plugins"};
        config.allow_lists = {std::filesystem::path(MERIT_STAGE_DIR) / "share/merit/config/trusted.d"};
        return merit::PluginRegistry::discover(config);
    }();
    return reg;
}

inline const merit::Component& component(const std::string& id) {
    const merit::Component* c = registry().find(id);
    if (!c) {
        std::string why;
        for (const auto& p : registry().plugins())
            if (!p->loaded) why += " " + p->path.filename().string() + ": " + p->error + ";";
        throw std::runtime_error(id + " not found;" + why);
    }
    return *c;
}

// Executes SQL on the workspace with bound parameters, handing rows on as
// merit_value cells (what the host's query service does).
inline void run_query(sqlite3* db, const char* sql, const merit_value* params, size_t count,
                      merit_row_fn on_row, void* user) {
    merit::Statement st(db, sql);
    for (size_t i = 0; i < count; ++i) {
        const int at = static_cast<int>(i + 1);
        if (params[i].kind == MERIT_VALUE_NUMBER)
            st.bind(at, params[i].number);
        else if (params[i].kind == MERIT_VALUE_STRING)
            st.bind(at, std::string_view(params[i].string));
        else
            st.bind_null(at);
    }
    const int columns = st.column_count();
    std::vector<std::string> names;
    for (int c = 0; c < columns; ++c) names.push_back(sqlite3_column_name(st.raw(), c));
    std::vector<const char*> name_ptrs;
    for (const auto& name : names) name_ptrs.push_back(name.c_str());
    while (st.step()) {
        std::vector<std::string> texts(columns);
        std::vector<merit_value> cells(columns);
        for (int c = 0; c < columns; ++c) {
            cells[c] = merit_value{};
            switch (sqlite3_column_type(st.raw(), c)) {
                case SQLITE_NULL:
                    cells[c].kind = MERIT_VALUE_NULL;
                    break;
                case SQLITE_INTEGER:
                case SQLITE_FLOAT:
                    cells[c].kind = MERIT_VALUE_NUMBER;
                    cells[c].number = st.real(c);
                    break;
                default:
                    texts[c] = st.text(c);
                    cells[c].kind = MERIT_VALUE_STRING;
                    cells[c].string = texts[c].c_str();
            }
        }
        if (on_row(user, columns, name_ptrs.data(), cells.data()) != 0) break;
    }
}

// Data services over the workspace, simplified but faithful for what the
// fuel components ask: flow sums of customer facts through assignments
// (owner/co_owner, validity dates, shares, segments), event sums, targets.
class FakeData : public merit_test::DetailServicesOverDb {
public:
    explicit FakeData(sqlite3* db) : DetailServicesOverDb(db), db_(db) {}

    void fact_aggregate(const merit_scope& scope, const merit_fact_query& q, double* out,
                        unsigned char* valid) override {
        if (q.aggregation != MERIT_AGG_SUM || q.source != MERIT_SOURCE_CUSTOMERS)
            throw std::runtime_error("FakeData: only customer flow sums");
        const auto [first, last] = bounds(scope, q.period);
        merit::Statement st(db_,
                            "SELECT SUM(f.value * CASE WHEN ?5 THEN a.share ELSE 1 END) FROM facts f "
                            "JOIN assignments a ON a.customer_id = f.entity_id AND f.date >= a.valid_from "
                            "AND (a.valid_to IS NULL OR f.date <= a.valid_to) "
                            "JOIN customers c ON c.id = f.entity_id "
                            "WHERE f.entity = 'customer' AND f.metric = ?1 AND f.date >= ?2 AND f.date <= ?3 "
                            "AND a.manager_id = ?4 AND a.role IN ('owner', 'co_owner') "
                            "AND (?6 IS NULL OR instr(',' || ?6 || ',', ',' || c.segment || ',') > 0)");
        for (size_t i = 0; i < scope.count; ++i) {
            st.reset();
            st.bind(1, std::string_view(q.metric)).bind(2, first).bind(3, last);
            st.bind(4, std::string_view(scope.manager_ids[i])).bind(5, q.use_shares ? 1 : 0);
            if (q.segment)
                st.bind(6, std::string_view(q.segment));
            else
                st.bind_null(6);
            st.step();
            valid[i] = st.is_null(0) ? 0 : 1;
            out[i] = st.is_null(0) ? 0 : st.real(0);
        }
    }
    void event_aggregate(const merit_scope& scope, const merit_event_query& q, double* out) override {
        const auto [first, last] = bounds(scope, q.period);
        const char* measure = q.measure == MERIT_EVENT_COUNT      ? "COUNT(*)"
                              : q.measure == MERIT_EVENT_QUANTITY ? "SUM(quantity)"
                                                                  : "SUM(amount)";
        merit::Statement st(db_, std::string("SELECT COALESCE(") + measure +
                                     ", 0) FROM events WHERE manager_id = ?1 AND date >= ?2 AND date <= ?3 "
                                     "AND (?4 IS NULL OR kind = ?4)");
        for (size_t i = 0; i < scope.count; ++i) {
            st.reset();
            st.bind(1, std::string_view(scope.manager_ids[i])).bind(2, first).bind(3, last);
            if (q.kind)
                st.bind(4, std::string_view(q.kind));
            else
                st.bind_null(4);
            st.step();
            out[i] = st.real(0);
        }
    }
    void target_values(const merit_scope& scope, const char* indicator, const char* period, double* out,
                       unsigned char* valid) override {
        merit::Statement st(
            db_, "SELECT value FROM targets WHERE manager_id = ?1 AND indicator = ?2 AND period = ?3");
        for (size_t i = 0; i < scope.count; ++i) {
            st.reset();
            st.bind(1, std::string_view(scope.manager_ids[i])).bind(2, std::string_view(indicator));
            st.bind(3, std::string_view(period ? period : scope.period));
            valid[i] = st.step() ? 1 : 0;
            out[i] = valid[i] ? st.real(0) : 0;
        }
    }
    void rating_average(const merit_scope&, const char*, const char*, const char*, double*,
                        unsigned char*) override {
        throw std::runtime_error("FakeData: ratings are not used by the fuel plugin");
    }
    void query(const char* sql, const merit_value* params, size_t count, merit_row_fn on_row,
               void* user) override {
        run_query(db_, sql, params, count, on_row, user);
    }

private:
    std::pair<std::string, std::string> bounds(const merit_scope& scope, const char* period) const {
        if (!period) return {scope.first_day, scope.last_day};
        const merit::Period p = merit::Period::parse(period);
        return {merit::format_date(p.first_day()), merit::format_date(p.last_day())};
    }
    sqlite3* db_;
};

struct Pay {
    std::string code, label;
    int64_t fen = 0;
    std::string basis;
};
struct Decision {
    std::string kind, value, reason;
};

// Run services: result columns the test sets, emitted pay and decisions
// collected per row, state read from `prior_state` and written to `state`.
class FakeRun : public merit::RunServices {
public:
    std::map<std::string, std::vector<std::optional<double>>> columns;
    std::map<std::string, std::vector<std::optional<double>>> prior_state;
    std::map<std::string, std::vector<std::optional<double>>> state;
    std::map<size_t, std::vector<Pay>> pay;
    std::map<size_t, std::vector<Decision>> decisions;

    void result_column(merit_context& ctx, const char* name, double* out, unsigned char* valid) override {
        const auto it = columns.find(name);
        if (it == columns.end()) throw std::runtime_error(std::string("no result column ") + name);
        copy(it->second, ctx.scope_count, out, valid);
    }
    void result_text(merit_context&, const char*, const char**) override {
        throw std::runtime_error("FakeRun: no text columns");
    }
    void emit_pay(merit_context&, size_t row, const char* code, const char* label, int64_t fen,
                  const char* basis) override {
        pay[row].push_back({code, label, fen, basis});
    }
    void emit_decision(merit_context&, size_t row, const char* kind, const char* value,
                       const char* reason) override {
        decisions[row].push_back({kind, value, reason});
    }
    void state_read(merit_context& ctx, const char* key, double* out, unsigned char* valid) override {
        const auto it = prior_state.find(key);
        if (it == prior_state.end()) {
            for (size_t i = 0; i < ctx.scope_count; ++i) valid[i] = 0, out[i] = 0;
            return;
        }
        copy(it->second, ctx.scope_count, out, valid);
    }
    void state_write(merit_context& ctx, const char* key, const double* values,
                     const unsigned char* valid) override {
        auto& column = state[key];
        column.assign(ctx.scope_count, std::nullopt);
        for (size_t i = 0; i < ctx.scope_count; ++i)
            if (!valid || valid[i]) column[i] = values[i];
    }
    // Other runs (plugin API 1.1) read from the harness's workspace, by the
    // host's own rule; set by reward().
    std::shared_ptr<merit::StoredRunReader> reader;
    std::shared_ptr<merit::OtherRunReads> reads;
    std::string run_latest(merit_context& ctx, const char* scheme, const char* day) override {
        return reads->latest(ctx, scheme, day);
    }
    void run_column(merit_context& ctx, const char* scheme, const char* period, const char* column,
                    const char* const* ids, size_t count, double* out, unsigned char* valid) override {
        reads->column(ctx, scheme, period, column, ids, count, out, valid);
    }
    void run_text(merit_context& ctx, const char* scheme, const char* period, const char* column,
                  const char* const* ids, size_t count, const char** out) override {
        reads->text(ctx, scheme, period, column, ids, count, out);
    }
    const Decision* decision(size_t row, const std::string& kind) const {
        const auto it = decisions.find(row);
        if (it == decisions.end()) return nullptr;
        for (const auto& d : it->second)
            if (d.kind == kind) return &d;
        return nullptr;
    }

private:
    static void copy(const std::vector<std::optional<double>>& column, size_t n, double* out,
                     unsigned char* valid) {
        for (size_t i = 0; i < n; ++i) {
            const bool has = i < column.size() && column[i].has_value();
            valid[i] = has ? 1 : 0;
            out[i] = has ? *column[i] : 0;
        }
    }
};

using FakeTrace = merit_test::RecordingTrace;

// A workspace in a temporary file plus the scope of its managers (by id).
class Fixture : public ::testing::Test {
protected:
    void SetUp() override {
        const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
        // The process id keeps apart the same test run at once from two
        // build trees on one machine (they share the temporary directory).
        path_ = std::filesystem::temp_directory_path() /
                (std::string("merit_fuel_") + info->test_suite_name() + "_" + info->name() + "_" +
                 std::to_string(::getpid()) + ".db");
        std::filesystem::remove(path_);
        ws_ = std::make_unique<merit::Workspace>(merit::Workspace::create(path_));
        merit::exec(db(), "INSERT INTO org_units(id, name, kind) VALUES ('R1', '苏南区域市场', 'district')");
    }
    void TearDown() override {
        ws_.reset();
        std::filesystem::remove(path_);
    }
    sqlite3* db() const { return ws_->db(); }
    void sql(const std::string& text) { merit::exec(db(), text); }

    void manager(const std::string& id, const std::string& grade, const std::string& hired_on,
                 const std::string& status = "active") {
        ids_.push_back(id);
        grades_.push_back(grade);
        hired_.push_back(hired_on);
        statuses_.push_back(status);
        sql("INSERT INTO managers(id, name, org_unit_id, grade, hired_on, status) VALUES ('" + id + "', '" +
            id + "', 'R1', " + (grade.empty() ? "NULL" : "'" + grade + "'") + ", " +
            (hired_on.empty() ? "NULL" : "'" + hired_on + "'") + ", '" + status + "')");
    }
    // A customer of `segment` owned by `manager` (share 1, open-ended).
    void customer(const std::string& id, const std::string& segment, const std::string& manager_id,
                  double share = 1.0) {
        sql("INSERT OR IGNORE INTO customers(id, name, segment, org_unit_id) VALUES ('" + id + "', '" + id +
            "', '" + segment + "', 'R1')");
        sql("INSERT INTO assignments(customer_id, manager_id, share) VALUES ('" + id + "', '" + manager_id +
            "', " + std::to_string(share) + ")");
    }
    void sale(const std::string& customer_id, const std::string& date, double tonnes) {
        sql("INSERT INTO facts(entity, entity_id, metric, date, value) VALUES ('customer', '" + customer_id +
            "', 'fuel_sales_t', '" + date + "', " + std::to_string(tonnes) + ")");
    }
    void event(const std::string& manager_id, const std::string& kind, const std::string& date,
               double quantity = 1, const std::string& note = "") {
        sql("INSERT INTO events(manager_id, kind, date, quantity, note) VALUES ('" + manager_id + "', '" +
            kind + "', '" + date + "', " + std::to_string(quantity) + ", '" + note + "')");
    }
    void target(const std::string& manager_id, const std::string& period, double tonnes) {
        sql("INSERT INTO targets(manager_id, indicator, period, value) VALUES ('" + manager_id +
            "', 'fuel_sales_t', '" + period + "', " + std::to_string(tonnes) + ")");
    }

    // The scope of every manager added so far, for `period`.
    const merit_scope& scope(const std::string& period) {
        const merit::Period p = merit::Period::parse(period);
        period_ = p.text();
        first_ = merit::format_date(p.first_day());
        last_ = merit::format_date(p.last_day());
        id_ptrs_.clear(), unit_ptrs_.clear(), role_ptrs_.clear(), grade_ptrs_.clear(), hired_ptrs_.clear(),
            status_ptrs_.clear();
        for (size_t i = 0; i < ids_.size(); ++i) {
            id_ptrs_.push_back(ids_[i].c_str());
            unit_ptrs_.push_back("R1");
            role_ptrs_.push_back("customer_manager");
            grade_ptrs_.push_back(grades_[i].c_str());
            hired_ptrs_.push_back(hired_[i].c_str());
            status_ptrs_.push_back(statuses_[i].c_str());
        }
        scope_ = merit_scope{sizeof(merit_scope), ids_.size(),        id_ptrs_.data(),    unit_ptrs_.data(),
                             role_ptrs_.data(),   grade_ptrs_.data(), hired_ptrs_.data(), status_ptrs_.data(),
                             period_.c_str(),     first_.c_str(),     last_.c_str()};
        return scope_;
    }

    // An indicator column for `period`.
    std::vector<std::optional<double>> indicator(const std::string& id, const std::string& params,
                                                 const std::string& period) {
        data_ = std::make_unique<FakeData>(db());
        const merit::CallEnv env{data_.get(), nullptr, &trace};
        merit::ComponentInstance instance(component(id), boost::json::parse(params), env);
        const merit_scope& s = scope(period);
        std::vector<double> out(s.count, -1);
        std::vector<unsigned char> valid(s.count, 0);
        instance.compute(s, out.data(), valid.data(), env);
        std::vector<std::optional<double>> column(s.count);
        for (size_t i = 0; i < s.count; ++i)
            if (valid[i]) column[i] = out[i];
        return column;
    }
    // Runs a reward calculator for `period`; results land in `run`.
    void reward(const std::string& id, const std::string& params, const std::string& period) {
        data_ = std::make_unique<FakeData>(db());
        run.reads.reset();
        run.reader = std::make_shared<merit::StoredRunReader>(db());
        run.reads = std::make_shared<merit::OtherRunReads>(*run.reader, ids_, nullptr);
        const merit::CallEnv env{data_.get(), &run, &trace};
        merit::ComponentInstance instance(component(id), boost::json::parse(params), env);
        instance.reward(scope(period), env);
    }
    size_t row(const std::string& id) const {
        for (size_t i = 0; i < ids_.size(); ++i)
            if (ids_[i] == id) return i;
        throw std::runtime_error("no manager " + id);
    }
    int64_t pay_fen(const std::string& id, const std::string& code) {
        for (const auto& line : run.pay[row(id)])
            if (line.code == code) return line.fen;
        throw std::runtime_error("no pay line " + code + " for " + id);
    }
    std::string basis(const std::string& id, const std::string& code) {
        for (const auto& line : run.pay[row(id)])
            if (line.code == code) return line.basis;
        return "";
    }

    FakeRun run;
    FakeTrace trace;

private:
    std::filesystem::path path_;
    std::unique_ptr<merit::Workspace> ws_;
    std::unique_ptr<FakeData> data_;
    std::vector<std::string> ids_, grades_, hired_, statuses_;
    std::vector<const char*> id_ptrs_, unit_ptrs_, role_ptrs_, grade_ptrs_, hired_ptrs_, status_ptrs_;
    std::string period_, first_, last_;
    merit_scope scope_{};
};

}  // namespace fuel_test
