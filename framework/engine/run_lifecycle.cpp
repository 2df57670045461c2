#include "engine/run_lifecycle.hpp"

#include <fmt/format.h>

#include <array>
#include <boost/json.hpp>

#include "access/authorize.hpp"
#include "access/text_input.hpp"
#include "common/errors.hpp"
#include "engine/run_store.hpp"
#include "store/actor.hpp"
#include "store/audit_log.hpp"
#include "store/sqlite.hpp"

namespace merit {
namespace {

namespace json = boost::json;

// A reason is a sentence or a short paragraph an auditor reads later.
constexpr TextRule kReasonRule{.required = true, .multiline = true, .max_bytes = 2000};

// Every table that holds a run's rows; deleting a draft empties them first.
constexpr std::array kRunRowTables = {"run_managers",    "run_indicators", "run_dimensions",
                                      "run_adjustments", "run_pay",        "run_decisions",
                                      "run_trace",       "run_state",      "run_warnings"};

// What else may refer to a run, and how to name it when it does.
struct Reference {
    const char* sql;    // ?1: the run; the first column names the referrer
    const char* label;  // "{}" takes that column
};
constexpr std::array kReferences = {
    Reference{"SELECT id FROM calibration_sessions WHERE run_id = ?1 OR result_run_id = ?1",
              "calibration session {}"},
    Reference{"SELECT run_id FROM pay_approvals WHERE run_id = ?1", "the pay approval of run {}"},
    Reference{"SELECT id FROM disputes WHERE run_id = ?1 OR correction_run = ?1", "dispute {}"},
    Reference{"SELECT manager_id || '/' || period FROM reviews WHERE run_id = ?1", "review {}"},
};

// Refuses an empty or blank reason, then checks it as text people typed.
void check_reason(int64_t run_id, std::string_view reason) {
    const std::string field = fmt::format("run {}: --reason", run_id);
    if (reason.find_first_not_of(" \t\r\n") == std::string_view::npos)
        throw UserError(field + ": must not be empty");
    check_text(field, reason, kReasonRule);
}

std::string scheme_and_period(const RunInfo& run) {
    return fmt::format("scheme {} {}", run.scheme_id, run.period);
}

// The superseded run: a final run of the same scheme and period that still
// counts, and is not this one.
void check_superseded(const RunInfo& run, const RunInfo& old) {
    const std::string where = fmt::format("run {}: --supersedes {}", run.id, old.id);
    if (old.id == run.id) throw UserError(where + ": a run cannot supersede itself");
    if (old.scheme_id != run.scheme_id || old.period != run.period)
        throw UserError(fmt::format("{}: that run is of {}, this one of {}", where, scheme_and_period(old),
                                    scheme_and_period(run)));
    if (old.status != "final")
        throw UserError(where +
                        ": that run is a draft; only a final run is superseded (a draft may be "
                        "deleted: merit runs delete)");
    if (old.superseded_by)
        throw UserError(
            fmt::format("{}: that run is already superseded by run {}", where, *old.superseded_by));
}

void check_one_record(sqlite3* db, const RunInfo& run, const FinalizeRequest& request) {
    if (request.supersedes) {
        check_superseded(run, load_run_info(db, *request.supersedes));
        return;
    }
    if (const auto counting = counting_run(db, run.scheme_id, run.period))
        throw UserError(fmt::format(
            "run {}: run {} is already final for {}; make this one final with --supersedes {} and a "
            "--reason saying why it replaces it",
            run.id, *counting, scheme_and_period(run), *counting));
}

void refuse_referenced(sqlite3* db, int64_t run_id) {
    for (const auto& reference : kReferences) {
        Statement st(db, reference.sql);
        st.bind(1, run_id);
        if (st.step())
            throw UserError(fmt::format("run {}: {} refers to it; a draft in use is kept", run_id,
                                        fmt::format(fmt::runtime(reference.label), st.text(0))));
    }
}

}  // namespace

std::string RunInfo::standing() const {
    if (status != "final") return "draft";
    return superseded_by ? "superseded" : "final";
}

std::string counts_sql(std::string_view alias) {
    return fmt::format(
        "({0}.status = 'final' AND NOT EXISTS (SELECT 1 FROM runs successor WHERE successor.supersedes = "
        "{0}.id AND successor.status = 'final'))",
        alias);
}

std::optional<int64_t> counting_run(sqlite3* db, std::string_view scheme_id, std::string_view period) {
    Statement st(db, "SELECT id FROM runs WHERE scheme_name = ?1 AND period = ?2 AND " + counts_sql("runs") +
                         " ORDER BY id DESC LIMIT 1");
    st.bind(1, scheme_id);
    st.bind(2, period);
    if (!st.step()) return std::nullopt;
    return st.integer(0);
}

void finalize_run(sqlite3* db, int64_t run_id, const FinalizeRequest& request) {
    Transaction tx(db);
    require(db, current_actor(), "finalize", run_object(run_id));
    const RunInfo run = load_run_info(db, run_id);
    if (run.status == "final") throw UserError(fmt::format("run {}: already final", run_id));
    check_reason(run_id, request.reason);
    check_one_record(db, run, request);
    const std::string at = utc_timestamp();
    const std::string by = current_actor().id;
    Statement st(
        db,
        "UPDATE runs SET status = 'final', finalized_at = ?2, finalized_by = ?3, finalize_reason = ?4, "
        "supersedes = ?5 WHERE id = ?1");
    st.bind(1, run_id);
    st.bind(2, at);
    st.bind(3, by);
    st.bind(4, request.reason);
    if (request.supersedes)
        st.bind(5, *request.supersedes);
    else
        st.bind_null(5);
    st.run();
    json::object detail{{"finalized_at", at}, {"finalized_by", by}};
    if (request.supersedes) detail["supersedes"] = *request.supersedes;
    append_audit(db, {.action = "finalize",
                      .object = fmt::format("run:{}", run_id),
                      .detail = json::serialize(detail),
                      .reason = request.reason});
    tx.commit();
}

void delete_run(sqlite3* db, int64_t run_id, std::string_view reason) {
    Transaction tx(db);
    require(db, current_actor(), "runs.delete", run_object(run_id));
    const RunInfo run = load_run_info(db, run_id);
    if (run.status == "final")
        throw UserError(
            fmt::format("run {}: final; a final run is never deleted (a later run may supersede "
                        "it: merit finalize --supersedes {})",
                        run_id, run_id));
    if (!reason.empty()) check_reason(run_id, reason);
    refuse_referenced(db, run_id);
    for (const char* table : kRunRowTables) {
        Statement st(db, fmt::format("DELETE FROM {} WHERE run_id = ?1", table));
        st.bind(1, run_id);
        st.run();
    }
    Statement st(db, "DELETE FROM runs WHERE id = ?1");
    st.bind(1, run_id);
    st.run();
    append_audit(db, {.action = "runs.delete",
                      .object = fmt::format("run:{}", run_id),
                      .detail = json::serialize(json::object{{"scheme", run.scheme_id},
                                                             {"period", run.period},
                                                             {"managers", run.manager_count},
                                                             {"results_digest", run.results_digest},
                                                             {"record_digest", run.record_digest}}),
                      .reason = std::string(reason)});
    tx.commit();
}

std::string_view standing_label(std::string_view standing, bool chinese) {
    if (standing == "final") return chinese ? "已定稿" : "FINAL";
    if (standing == "superseded") return chinese ? "已被取代" : "SUPERSEDED";
    return chinese ? "草稿" : "DRAFT";
}

void require_not_superseded(const RunInfo& run, std::string_view what) {
    if (run.superseded_by)
        throw UserError(fmt::format("run {}: superseded by run {}; {} run {}, the run that counts", run.id,
                                    *run.superseded_by, what, *run.superseded_by));
}

}  // namespace merit
