#include "engine/workspace_verify.hpp"

#include <fmt/format.h>

#include <boost/json.hpp>
#include <charconv>
#include <map>

#include "common/errors.hpp"
#include "store/sqlite.hpp"

namespace merit {
namespace json = boost::json;
namespace {

// The log's last word on one run id: its latest `run` entry (a deleted
// draft's id may be logged again), and the `finalize` entry after it.
struct Logged {
    int64_t run_entry = 0;
    json::object run_detail;
    int64_t finalize_entry = 0;
    json::object finalize_detail;
    std::string finalize_reason;
};

json::object detail_object(const std::string& text) {
    boost::system::error_code ec;
    json::value v = json::parse(text, ec);
    return !ec && v.is_object() ? std::move(v.as_object()) : json::object{};
}

std::optional<int64_t> run_id_of(std::string_view object) {
    if (!object.starts_with("run:")) return std::nullopt;
    int64_t id = 0;
    const auto [end, ec] = std::from_chars(object.data() + 4, object.data() + object.size(), id);
    if (ec != std::errc{} || end != object.data() + object.size()) return std::nullopt;
    return id;
}

std::map<int64_t, Logged> logged_runs(sqlite3* db) {
    std::map<int64_t, Logged> out;
    Statement st(
        db,
        "SELECT id, action, object, detail, reason FROM audit_log WHERE object LIKE 'run:%' AND action IN "
        "('run', 'finalize', 'runs.delete') ORDER BY id");
    while (st.step()) {
        const auto run = run_id_of(st.text(2));
        if (!run) continue;
        const std::string action = st.text(1);
        if (action == "run")
            out[*run] = {st.integer(0), detail_object(st.text(3)), 0, {}, {}};
        else if (action == "runs.delete")
            out.erase(*run);
        else if (auto it = out.find(*run); it != out.end()) {
            it->second.finalize_entry = st.integer(0);
            it->second.finalize_detail = detail_object(st.text(3));
            it->second.finalize_reason = st.optional_text(4).value_or("");
        }
    }
    return out;
}

struct StoredRun {
    int64_t id = 0;
    std::string status, finalized_at;
    std::map<std::string, std::string> recorded;  // results_digest, record_digest, scheme_hash
    // What finalising wrote besides the time: finalized_by, finalize_reason, supersedes.
    std::map<std::string, std::string> finalized;
};

std::vector<StoredRun> stored_runs(sqlite3* db) {
    std::vector<StoredRun> out;
    Statement st(db,
                 "SELECT id, status, finalized_at, results_digest, record_digest, scheme_hash, finalized_by, "
                 "finalize_reason, supersedes FROM runs ORDER BY id");
    while (st.step())
        out.push_back({st.integer(0),
                       st.text(1),
                       st.optional_text(2).value_or(""),
                       {{"results_digest", st.optional_text(3).value_or("")},
                        {"record_digest", st.optional_text(4).value_or("")},
                        {"scheme_hash", st.text(5)}},
                       {{"finalized_by", st.optional_text(6).value_or("")},
                        {"finalize_reason", st.optional_text(7).value_or("")},
                        {"supersedes", st.is_null(8) ? "" : std::to_string(st.integer(8))}}});
    return out;
}

std::string text_of(const json::object& o, std::string_view key) {
    const auto* v = o.if_contains(key);
    return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

class RunLogCheck {
public:
    explicit RunLogCheck(std::vector<IntegrityProblem>& out) : out_(out) {}

    void against_run_entry(const StoredRun& run, const Logged& logged) {
        for (const auto& [column, value] : run.recorded) {
            const bool entry_has = logged.run_detail.contains(column);
            // A run entry written before record digests has none; a run whose
            // entry has one must still have it (clearing it would fall back
            // to the weaker old rule).
            if (!entry_has && (column != "record_digest" || value.empty())) continue;
            const std::string recorded = text_of(logged.run_detail, column);
            if (recorded != value)
                add(fmt::format("runs.{} (run {})", column, run.id), "log_mismatch",
                    fmt::format("{}, but its run entry (audit entry {}) recorded {}", shown(value),
                                logged.run_entry, shown(recorded)));
        }
    }

    void against_finalize_entry(const StoredRun& run, const Logged& logged) {
        const bool final = run.status == "final";
        if (final && !logged.finalize_entry)
            add(fmt::format("runs (run {})", run.id), "finalize_not_logged",
                "final, but the audit log has no finalize entry for it");
        else if (!final && logged.finalize_entry)
            add(fmt::format("runs.status (run {})", run.id), "log_mismatch",
                fmt::format("{}, but the audit log finalised it (audit entry {})", run.status,
                            logged.finalize_entry));
        else if (final && text_of(logged.finalize_detail, "finalized_at") != run.finalized_at)
            add(fmt::format("runs.finalized_at (run {})", run.id), "log_mismatch",
                fmt::format("{}, but its finalize entry (audit entry {}) recorded {}",
                            shown(run.finalized_at), logged.finalize_entry,
                            shown(text_of(logged.finalize_detail, "finalized_at"))));
        else if (final)
            against_finalize_fields(run, logged);
    }

    // Who, why and what it superseded, as the entry recorded them; an entry
    // written before these were kept (no finalized_by) has nothing to compare.
    void against_finalize_fields(const StoredRun& run, const Logged& logged) {
        if (!logged.finalize_detail.contains("finalized_by")) return;
        const auto* supersedes = logged.finalize_detail.if_contains("supersedes");
        const std::map<std::string, std::string> entry = {
            {"finalized_by", text_of(logged.finalize_detail, "finalized_by")},
            {"finalize_reason", logged.finalize_reason},
            {"supersedes",
             supersedes && supersedes->is_int64() ? std::to_string(supersedes->as_int64()) : ""}};
        for (const auto& [column, value] : run.finalized)
            if (entry.at(column) != value)
                add(fmt::format("runs.{} (run {})", column, run.id), "log_mismatch",
                    fmt::format("{}, but its finalize entry (audit entry {}) recorded {}", shown(value),
                                logged.finalize_entry, shown(entry.at(column))));
    }

    void add(std::string path, std::string code, std::string message) {
        out_.push_back({std::move(path), std::move(code), std::move(message)});
    }

private:
    static std::string shown(const std::string& s) { return s.empty() ? "none" : s; }
    std::vector<IntegrityProblem>& out_;
};

bool is_hash(std::string_view s) {
    return s.size() == 64 && s.find_first_not_of("0123456789abcdef") == std::string_view::npos;
}

}  // namespace

std::string AuditHead::text() const {
    return fmt::format("{}:{}", id, hash);
}

AuditHead audit_head(sqlite3* db) {
    Statement st(db, "SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1");
    if (!st.step()) return {};
    return {st.integer(0), st.text(1)};
}

ExpectedHead parse_expected_head(std::string_view text) {
    ExpectedHead out;
    std::string_view hash = text;
    if (const auto colon = text.find(':'); colon != std::string_view::npos) {
        int64_t id = 0;
        const auto [end, ec] = std::from_chars(text.data(), text.data() + colon, id);
        if (ec != std::errc{} || end != text.data() + colon || id < 1)
            throw UserError(fmt::format("--expect-head: '{}' is not ID:HASH (ID a positive entry number)",
                                        text.substr(0, 80)));
        out.id = id;
        hash = text.substr(colon + 1);
    }
    if (!is_hash(hash))
        throw UserError(fmt::format(
            "--expect-head: '{}' is not a head: give HASH or ID:HASH as `merit verify --head` prints it "
            "(64 lowercase hex digits)",
            text.substr(0, 80)));
    out.hash = std::string(hash);
    return out;
}

std::vector<IntegrityProblem> chain_problems(const AuditChainCheck& check) {
    std::vector<IntegrityProblem> out;
    for (const std::string& line : check.problems) {
        // "audit entry 7: ..." (audit_log.cpp)
        const auto colon = line.find(": ");
        const std::string where = colon == std::string::npos ? "audit_log" : line.substr(0, colon);
        const std::string entry = where.starts_with("audit entry ") ? where.substr(12) : "";
        out.push_back({entry.empty() ? "audit_log" : fmt::format("audit_log (entry {})", entry),
                       "chain_broken", colon == std::string::npos ? line : line.substr(colon + 2)});
    }
    return out;
}

RunsInLog check_runs_in_log(sqlite3* db) {
    RunsInLog out;
    std::map<int64_t, Logged> logged = logged_runs(db);
    RunLogCheck check(out.problems);
    for (const StoredRun& run : stored_runs(db)) {
        ++out.runs;
        if (run.status == "final") ++out.final_runs;
        const auto it = logged.find(run.id);
        if (it == logged.end()) {
            check.add(fmt::format("runs (run {})", run.id), "run_not_logged",
                      "the audit log has no run entry for it");
            continue;
        }
        check.against_run_entry(run, it->second);
        check.against_finalize_entry(run, it->second);
        logged.erase(it);
    }
    for (const auto& [id, gone] : logged)
        check.add(fmt::format("runs (run {})", id), "run_missing",
                  fmt::format("the audit log has its run entry (audit entry {}){}, but the run is gone",
                              gone.run_entry,
                              gone.finalize_entry
                                  ? fmt::format(" and finalize entry (audit entry {})", gone.finalize_entry)
                                  : ""));
    return out;
}

std::vector<IntegrityProblem> check_expected_head(sqlite3* db, const ExpectedHead& expected) {
    const std::string shown = expected.id ? fmt::format("{}:{}", *expected.id, expected.hash) : expected.hash;
    if (expected.id) {
        Statement st(db, "SELECT hash FROM audit_log WHERE id = ?1");
        st.bind(1, *expected.id);
        if (!st.step())
            return {
                {fmt::format("audit_log (entry {})", *expected.id), "head_not_found",
                 fmt::format("the log has no entry {}, so it does not extend the recorded head {}: it was "
                             "cut back",
                             *expected.id, shown)}};
        if (st.text(0) != expected.hash)
            return {{fmt::format("audit_log (entry {})", *expected.id), "head_not_found",
                     fmt::format("entry {} has hash {}, not the recorded head's {}: the log was rewritten "
                                 "at or before it",
                                 *expected.id, st.text(0), expected.hash)}};
        return {};
    }
    Statement st(db, "SELECT 1 FROM audit_log WHERE hash = ?1");
    st.bind(1, expected.hash);
    if (!st.step())
        return {{"audit_log", "head_not_found",
                 fmt::format("no entry has the recorded head's hash {}: the log was rewritten or cut back",
                             expected.hash)}};
    return {};
}

}  // namespace merit
