#include "store/protecting_triggers.hpp"

#include <fmt/format.h>

#include <map>
#include <memory>

#include "common/errors.hpp"
#include "store/data_history.hpp"
#include "store/input_tables.hpp"
#include "store/schema.hpp"
#include "store/sqlite.hpp"

namespace merit {
namespace {

constexpr std::string_view kRunRowTables[] = {"run_managers",    "run_indicators", "run_dimensions",
                                              "run_adjustments", "run_pay",        "run_decisions",
                                              "run_trace",       "run_state",      "run_warnings"};

void add(std::vector<ProtectingTrigger>& out, std::string name, std::string guards) {
    out.push_back({std::move(name), std::move(guards)});
}

void add_final_runs(std::vector<ProtectingTrigger>& out) {
    const std::string final_run = "keeps final runs read-only";
    add(out, "runs_final_update", final_run + ": refuses UPDATE of a final run");
    add(out, "runs_final_delete", final_run + ": refuses DELETE of a final run");
    add(out, "runs_final_replace_insert", final_run + ": refuses INSERT OR REPLACE over a final run");
    add(out, "runs_final_replace_update", final_run + ": refuses UPDATE OR REPLACE onto a final run's id");
    for (std::string_view table : kRunRowTables) {
        for (const char* op : {"update", "delete", "insert"})
            add(out, fmt::format("{}_final_{}", table, op),
                fmt::format("{}: refuses {} of {} rows of a final run", final_run, op, table));
        add(out, fmt::format("{}_final_update_into", table),
            fmt::format("{}: refuses moving {} rows into a final run", final_run, table));
    }
}

void add_logs(std::vector<ProtectingTrigger>& out) {
    add(out, "audit_log_no_update", "keeps the audit log append-only: refuses UPDATE");
    add(out, "audit_log_no_delete", "keeps the audit log append-only: refuses DELETE");
    add(out, "audit_log_append_at_end",
        "keeps the audit log append-only: refuses any insert but one right after the last entry");
    add(out, "data_versions_no_update", "keeps data versions append-only: refuses UPDATE");
    add(out, "data_versions_no_delete", "keeps data versions append-only: refuses DELETE");
    add(out, "data_versions_in_order", "keeps data versions append-only: a version must follow the last one");
    add(out, "data_version_counts_no_update", "keeps data version counts append-only: refuses UPDATE");
    add(out, "data_version_counts_no_delete", "keeps data version counts append-only: refuses DELETE");
    add(out, "data_version_fingerprints_no_update",
        "keeps each data version's input fingerprint as first computed: refuses UPDATE");
    add(out, "data_version_fingerprints_no_delete",
        "keeps each data version's input fingerprint as first computed: refuses DELETE");
}

void add_history(std::vector<ProtectingTrigger>& out) {
    for (const InputTable& table : input_tables()) {
        const std::string name(table.name);
        const std::string history = history_table(table.name);
        add(out, name + "_keep_replaced", "keeps every replaced " + name + " value in " + history);
        add(out, name + "_keep_retracted", "keeps every retracted " + name + " row in " + history);
        add(out, name + "_stamp_replaced", "stamps a changed " + name + " row with its data version");
        add(out, history + "_no_update", "keeps " + history + " append-only: refuses UPDATE");
        add(out, history + "_no_delete", "keeps " + history + " append-only: refuses DELETE");
    }
}

// Migration 13: the dated organisation's terms follow every change of a
// manager, whoever writes it.
void add_manager_terms(std::vector<ProtectingTrigger>& out) {
    add(out, "managers_term_inserted", "starts a new manager's term of grade, unit, role and status");
    add(out, "managers_term_changed",
        "starts a new term when a manager's grade, unit, role or status changes");
    add(out, "managers_terms_retracted", "retracts a retracted manager's terms");
}

void add_decisions(std::vector<ProtectingTrigger>& out) {
    add(out, "pay_approvals_released_update", "keeps released pay final: refuses UPDATE");
    add(out, "pay_approvals_no_delete", "refuses DELETE of a pay approval");
    add(out, "pay_votes_no_update", "refuses changing a pay approval vote");
    add(out, "pay_votes_no_delete", "refuses taking back a pay approval vote");
    add(out, "calibration_sessions_closed_update", "keeps a closed calibration session locked");
    add(out, "calibration_sessions_no_delete", "refuses DELETE of a calibration session");
    add(out, "calibration_members_closed", "refuses adding members to a closed calibration session");
    add(out, "calibration_members_no_delete", "refuses removing a calibration member");
    add(out, "calibration_lines_closed", "refuses calibration lines outside an open session");
    add(out, "calibration_lines_no_update", "refuses changing a calibration line");
    add(out, "calibration_lines_no_delete", "refuses DELETE of a calibration line");
    add(out, "dispute_events_no_update", "refuses changing a dispute's history");
    add(out, "dispute_events_no_delete", "refuses DELETE of a dispute's history");
    add(out, "disputes_no_delete", "refuses DELETE of a dispute");
}

struct MemoryDb {
    sqlite3* db = nullptr;
    MemoryDb() {
        if (sqlite3_open(":memory:", &db) != SQLITE_OK)
            throw std::runtime_error("cannot open an in-memory database");
    }
    ~MemoryDb() { sqlite3_close(db); }
    MemoryDb(const MemoryDb&) = delete;
    MemoryDb& operator=(const MemoryDb&) = delete;
};

std::map<std::string, std::string> triggers_of(sqlite3* db) {
    std::map<std::string, std::string> out;
    Statement st(db, "SELECT name, sql FROM sqlite_schema WHERE type = 'trigger'");
    while (st.step()) out[st.text(0)] = st.optional_text(1).value_or("");
    return out;
}

}  // namespace

std::vector<ProtectingTrigger> protecting_triggers() {
    std::vector<ProtectingTrigger> out;
    add_final_runs(out);
    add_logs(out);
    add_history(out);
    add_decisions(out);
    add_manager_terms(out);
    return out;
}

std::vector<std::pair<std::string, std::string>> schema_triggers() {
    MemoryDb fresh;
    Transaction tx(fresh.db);
    apply_migrations(fresh.db, 0);
    Statement st(fresh.db, "SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' ORDER BY rowid");
    std::vector<std::pair<std::string, std::string>> out;
    while (st.step()) out.emplace_back(st.text(0), st.text(1));
    return out;
}

std::vector<IntegrityProblem> check_protecting_triggers(sqlite3* db) {
    std::map<std::string, std::string> guards;
    for (auto& t : protecting_triggers()) guards[t.name] = std::move(t.guards);
    const auto present = triggers_of(db);
    std::vector<IntegrityProblem> out;
    for (const auto& [name, sql] : schema_triggers()) {
        const auto what = guards.find(name);
        const std::string role = what == guards.end() ? "a trigger of the schema" : what->second;
        const std::string path = fmt::format("sqlite_schema (trigger {})", name);
        const auto it = present.find(name);
        if (it == present.end())
            out.push_back({path, "trigger_missing", fmt::format("missing (it {})", role)});
        else if (it->second != sql)
            out.push_back({path, "trigger_altered", fmt::format("not the schema's text (it {})", role)});
    }
    return out;
}

}  // namespace merit
