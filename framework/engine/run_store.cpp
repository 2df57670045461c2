#include "engine/run_store.hpp"

#include <fmt/format.h>

#include <boost/json.hpp>

#include <future>
#include <type_traits>

#include "access/authorize.hpp"
#include "common/errors.hpp"
#include "engine/record_digest.hpp"
#include "engine/run_lifecycle.hpp"
#include "store/audit_log.hpp"
#include "store/data_version_fingerprints.hpp"
#include "store/sqlite.hpp"

namespace merit {
namespace {

// Statement::bind has string_view and optional<string> overloads, which a
// std::string matches equally well; this picks string_view.
struct Binder {
    Statement& st;
    template <typename T>
    Binder& bind(int index, const T& value) {
        if constexpr (std::is_same_v<T, std::string>)
            st.bind(index, std::string_view(value));
        else
            st.bind(index, value);
        return *this;
    }
};

void bind_optional(Statement& st, int index, const std::optional<double>& v) {
    if (v)
        Binder{st}.bind(index, *v);
    else
        st.bind_null(index);
}

void insert_info(sqlite3* db, RunInfo& info) {
    Statement st(
        db,
        "INSERT INTO runs (scheme_name, scheme_title, scheme_path, scheme_hash, scheme_json, period, "
        "first_day, last_day, status, created_at, input_fingerprint, plugins_json, timings_json, "
        "manager_count, results_digest, data_version, record_digest) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, "
        "'complete', ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)");
    Binder{st}
        .bind(1, info.scheme_id)
        .bind(2, info.scheme_title)
        .bind(3, info.scheme_path)
        .bind(4, info.scheme_hash)
        .bind(5, info.scheme_json)
        .bind(6, info.period)
        .bind(7, info.first_day)
        .bind(8, info.last_day)
        .bind(9, info.created_at)
        .bind(10, info.input_fingerprint)
        .bind(11, info.plugins_json)
        .bind(12, info.timings_json)
        .bind(13, info.manager_count)
        .bind(14, info.results_digest)
        .bind(16, info.record_digest);
    if (info.data_version)
        st.bind(15, *info.data_version);
    else
        st.bind_null(15);
    st.run();
    info.id = sqlite3_last_insert_rowid(db);
    info.status = "complete";
}

void insert_rows(sqlite3* db, const RunResult& r) {
    const int64_t id = r.info.id;
    {
        Statement st(
            db,
            "INSERT INTO run_managers VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, "
            "?15, ?16, ?17)");
        for (const auto& m : r.managers) {
            st.reset();
            Binder{st}
                .bind(1, id)
                .bind(2, m.manager_id)
                .bind(3, m.name)
                .bind(4, m.org_unit_id)
                .bind(5, m.role);
            Binder{st}
                .bind(6, m.grade)
                .bind(7, m.status)
                .bind(8, m.grade_group)
                .bind(9, m.base_total)
                .bind(10, m.total);
            Binder{st}.bind(11, m.rating).bind(12, m.band_index).bind(13, m.band_reason).bind(14, m.rank);
            Binder{st}.bind(15, m.rank_in_unit).bind(16, m.vetoed ? 1 : 0).bind(17, m.pay_fen);
            st.run();
        }
    }
    {
        Statement st(
            db,
            "INSERT INTO run_indicators VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, "
            "?15, ?16, ?17)");
        for (const auto& x : r.indicators) {
            st.reset();
            Binder{st}
                .bind(1, id)
                .bind(2, x.manager_id)
                .bind(3, x.seq)
                .bind(4, x.kind)
                .bind(5, x.indicator)
                .bind(6, x.name);
            Binder{st}.bind(7, x.dimension).bind(8, x.provider).bind(9, x.scorer);
            bind_optional(st, 10, x.value);
            bind_optional(st, 11, x.target);
            bind_optional(st, 12, x.score);
            Binder{st}
                .bind(13, x.dimension_weight)
                .bind(14, x.weight)
                .bind(15, x.contribution)
                .bind(16, x.unit);
            bind_optional(st, 17, x.completion);
            st.run();
        }
    }
    {
        Statement st(db, "INSERT INTO run_dimensions VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
        for (const auto& d : r.dimensions) {
            st.reset();
            Binder{st}.bind(1, id).bind(2, d.manager_id).bind(3, d.seq).bind(4, d.dimension).bind(5, d.name);
            Binder{st}.bind(6, d.score).bind(7, d.weight).bind(8, d.contribution);
            st.run();
        }
    }
    {
        Statement st(db, "INSERT INTO run_adjustments VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
        for (const auto& a : r.adjustments) {
            st.reset();
            Binder{st}.bind(1, id).bind(2, a.manager_id).bind(3, a.seq).bind(4, a.adjustment).bind(5, a.kind);
            Binder{st}
                .bind(6, a.name)
                .bind(7, a.points)
                .bind(8, a.total_before)
                .bind(9, a.total_after)
                .bind(10, a.detail);
            st.run();
        }
    }
    {
        Statement st(db, "INSERT INTO run_pay VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
        for (const auto& p : r.pay) {
            st.reset();
            Binder{st}
                .bind(1, id)
                .bind(2, p.manager_id)
                .bind(3, p.seq)
                .bind(4, p.reward)
                .bind(5, p.calculator);
            Binder{st}.bind(6, p.code).bind(7, p.label).bind(8, p.amount_fen).bind(9, p.basis);
            st.run();
        }
    }
    {
        Statement st(db, "INSERT INTO run_decisions VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
        for (const auto& d : r.decisions) {
            st.reset();
            Binder{st}
                .bind(1, id)
                .bind(2, d.manager_id)
                .bind(3, d.seq)
                .bind(4, d.reward)
                .bind(5, d.calculator);
            Binder{st}.bind(6, d.kind).bind(7, d.value).bind(8, d.reason);
            st.run();
        }
    }
    {
        Statement st(db, "INSERT INTO run_trace VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
        for (const auto& t : r.trace) {
            st.reset();
            Binder{st}
                .bind(1, id)
                .bind(2, t.manager_id)
                .bind(3, t.seq)
                .bind(4, t.step)
                .bind(5, t.component)
                .bind(6, t.name);
            bind_optional(st, 7, t.value);
            Binder{st}.bind(8, t.text);
            st.run();
        }
    }
    {
        Statement st(db, "INSERT INTO run_warnings (run_id, seq, path, message) VALUES (?1, ?2, ?3, ?4)");
        for (size_t i = 0; i < r.warnings.size(); ++i) {
            st.reset();
            Binder{st}.bind(1, id).bind(2, static_cast<int64_t>(i)).bind(3, r.warnings[i].path);
            Binder{st}.bind(4, r.warnings[i].message);
            st.run();
        }
    }
    {
        Statement st(db, "INSERT INTO run_state VALUES (?1, ?2, ?3, ?4, ?5)");
        for (const auto& s : r.state) {
            st.reset();
            Binder{st}.bind(1, id).bind(2, s.reward).bind(3, s.key).bind(4, s.manager_id).bind(5, s.value);
            st.run();
        }
    }
}

RunInfo read_info(const Statement& st) {
    RunInfo info;
    info.id = st.integer(0);
    info.scheme_id = st.text(1);
    info.scheme_title = st.text(2);
    info.scheme_path = st.optional_text(3).value_or("");
    info.scheme_hash = st.text(4);
    info.scheme_json = st.text(5);
    info.period = st.text(6);
    info.first_day = st.text(7);
    info.last_day = st.text(8);
    info.status = st.text(9);
    info.created_at = st.text(10);
    info.finalized_at = st.optional_text(11);
    info.input_fingerprint = st.text(12);
    info.plugins_json = st.text(13);
    info.timings_json = st.text(14);
    info.manager_count = st.integer(15);
    info.results_digest = st.optional_text(16).value_or("");
    if (!st.is_null(17)) info.data_version = st.integer(17);
    info.record_digest = st.optional_text(18).value_or("");
    info.finalized_by = st.optional_text(19);
    info.finalize_reason = st.optional_text(20);
    if (!st.is_null(21)) info.supersedes = st.integer(21);
    if (!st.is_null(22)) info.superseded_by = st.integer(22);
    return info;
}

constexpr const char* kInfoColumns =
    "id, scheme_name, scheme_title, scheme_path, scheme_hash, scheme_json, period, first_day, last_day, "
    "status, "
    "created_at, finalized_at, input_fingerprint, plugins_json, timings_json, manager_count, results_digest, "
    "data_version, record_digest, finalized_by, finalize_reason, supersedes, "
    "(SELECT successor.id FROM runs successor WHERE successor.supersedes = runs.id AND "
    "successor.status = 'final')";

}  // namespace

const ManagerResult* RunResult::find_manager(const std::string& id) const {
    for (const auto& m : managers)
        if (m.manager_id == id) return &m;
    return nullptr;
}

int64_t save_run(sqlite3* db, RunResult& result) {
    Transaction tx(db);
    insert_run(db, result);
    tx.commit();
    return result.info.id;
}

int64_t insert_run(sqlite3* db, RunResult& result) {
    // The record digest covers the creation time, so that is fixed first.
    if (result.info.created_at.empty()) result.info.created_at = utc_timestamp();
    // It hashes every row stored, formatted and sorted: seconds at bank
    // scale, so it is computed on a second thread while the rows are written
    // (both only read the rows; insert_info sets the id and status, which it
    // does not cover), and the runs row gets it once both are done.
    std::future<std::string> digest =
        std::async(std::launch::async, [&result] { return record_digest(result); });
    insert_info(db, result.info);
    insert_rows(db, result);
    result.info.record_digest = digest.get();
    {
        Statement st(db, "UPDATE runs SET record_digest = ?1 WHERE id = ?2");
        Binder{st}.bind(1, result.info.record_digest).bind(2, result.info.id);
        st.run();
    }
    if (result.info.data_version)
        keep_input_fingerprint(db, *result.info.data_version, result.info.input_fingerprint);
    append_audit(db, {.action = "run",
                      .object = fmt::format("run:{}", result.info.id),
                      .detail = boost::json::serialize(
                          boost::json::object{{"scheme", result.info.scheme_id},
                                              {"scheme_hash", result.info.scheme_hash},
                                              {"period", result.info.period},
                                              {"managers", result.info.manager_count},
                                              {"results_digest", result.info.results_digest},
                                              {"record_digest", result.info.record_digest}})});
    return result.info.id;
}

RunInfo load_run_info(sqlite3* db, int64_t run_id) {
    Statement st(db, fmt::format("SELECT {} FROM runs WHERE id = ?1", kInfoColumns));
    Binder{st}.bind(1, run_id);
    if (!st.step()) throw UserError(fmt::format("run {}: no such run in this workspace", run_id));
    return read_info(st);
}

RunResult load_run(sqlite3* db, int64_t run_id, const std::optional<std::string>& only_manager) {
    RunResult r;
    // The row queries read the whole run, or one manager's rows through the
    // primary keys' (run_id, manager_id) prefix.
    const std::string of_manager = only_manager ? " AND manager_id = ?2" : "";
    auto bind_run = [&](Statement& st) {
        Binder{st}.bind(1, run_id);
        if (only_manager) st.bind(2, *only_manager);
    };
    r.info = load_run_info(db, run_id);
    {
        Statement st(
            db,
            "SELECT manager_id, name, org_unit_id, role, grade, status, grade_group, base_total, total, "
            "band_index, rating, band_reason, rank, rank_in_unit, vetoed, pay_fen FROM run_managers "
            "WHERE run_id = ?1" +
                of_manager + " ORDER BY rank, manager_id");
        bind_run(st);
        while (st.step()) {
            ManagerResult m;
            m.manager_id = st.text(0);
            m.name = st.text(1);
            m.org_unit_id = st.text(2);
            m.role = st.text(3);
            m.grade = st.optional_text(4).value_or("");
            m.status = st.text(5);
            m.grade_group = st.text(6);
            m.base_total = st.real(7);
            m.total = st.real(8);
            m.band_index = static_cast<int>(st.integer(9));
            m.rating = st.text(10);
            m.band_reason = st.text(11);
            m.rank = static_cast<int>(st.integer(12));
            m.rank_in_unit = static_cast<int>(st.integer(13));
            m.vetoed = st.integer(14) != 0;
            m.pay_fen = st.integer(15);
            r.managers.push_back(std::move(m));
        }
    }
    {
        Statement st(
            db,
            "SELECT manager_id, seq, kind, indicator, name, dimension, provider, scorer, value, target, "
            "score, dimension_weight, weight, contribution, unit, completion FROM run_indicators WHERE "
            "run_id = ?1" +
                of_manager + " ORDER BY manager_id, seq");
        bind_run(st);
        while (st.step()) {
            IndicatorResult x;
            x.manager_id = st.text(0);
            x.seq = static_cast<int>(st.integer(1));
            x.kind = st.text(2);
            x.indicator = st.text(3);
            x.name = st.text(4);
            x.dimension = st.text(5);
            x.provider = st.text(6);
            x.scorer = st.text(7);
            x.value = st.optional_real(8);
            x.target = st.optional_real(9);
            x.score = st.optional_real(10);
            x.dimension_weight = st.real(11);
            x.weight = st.real(12);
            x.contribution = st.real(13);
            x.unit = st.text(14);
            x.completion = st.optional_real(15);
            r.indicators.push_back(std::move(x));
        }
    }
    {
        Statement st(
            db,
            "SELECT manager_id, seq, dimension, name, score, weight, contribution FROM run_dimensions "
            "WHERE run_id = ?1" +
                of_manager + " ORDER BY manager_id, seq");
        bind_run(st);
        while (st.step())
            r.dimensions.push_back({st.text(0), static_cast<int>(st.integer(1)), st.text(2), st.text(3),
                                    st.real(4), st.real(5), st.real(6)});
    }
    {
        Statement st(
            db,
            "SELECT manager_id, seq, adjustment, kind, name, points, total_before, total_after, detail "
            "FROM run_adjustments WHERE run_id = ?1" +
                of_manager + " ORDER BY manager_id, seq");
        bind_run(st);
        while (st.step())
            r.adjustments.push_back({st.text(0), static_cast<int>(st.integer(1)), st.text(2), st.text(3),
                                     st.text(4), st.real(5), st.real(6), st.real(7), st.text(8)});
    }
    {
        Statement st(
            db,
            "SELECT manager_id, seq, reward, calculator, code, label, amount_fen, basis FROM run_pay "
            "WHERE run_id = ?1" +
                of_manager + " ORDER BY manager_id, seq");
        bind_run(st);
        while (st.step())
            r.pay.push_back({st.text(0), static_cast<int>(st.integer(1)), st.text(2), st.text(3), st.text(4),
                             st.text(5), st.integer(6), st.text(7)});
    }
    {
        Statement st(db,
                     "SELECT manager_id, seq, reward, calculator, kind, value, reason FROM run_decisions "
                     "WHERE run_id = ?1" +
                         of_manager + " ORDER BY manager_id, seq");
        bind_run(st);
        while (st.step())
            r.decisions.push_back({st.text(0), static_cast<int>(st.integer(1)), st.text(2), st.text(3),
                                   st.text(4), st.text(5), st.text(6)});
    }
    {
        Statement st(
            db,
            "SELECT manager_id, seq, step, component, name, value, text FROM run_trace WHERE run_id = ?1" +
                of_manager + " ORDER BY manager_id, seq");
        bind_run(st);
        while (st.step())
            r.trace.push_back({st.text(0), static_cast<int>(st.integer(1)), st.text(2), st.text(3),
                               st.text(4), st.optional_real(5), st.optional_text(6)});
    }
    {
        Statement st(db, "SELECT reward, key, manager_id, value FROM run_state WHERE run_id = ?1" +
                             of_manager + " ORDER BY reward, key, manager_id");
        bind_run(st);
        while (st.step()) r.state.push_back({st.text(0), st.text(1), st.text(2), st.real(3)});
    }
    {
        Statement st(db, "SELECT path, message FROM run_warnings WHERE run_id = ?1 ORDER BY seq");
        Binder{st}.bind(1, run_id);
        while (st.step()) r.warnings.push_back({st.text(0), st.text(1)});
    }
    return r;
}

std::vector<RunInfo> list_runs(sqlite3* db) {
    std::vector<RunInfo> out;
    Statement st(db, fmt::format("SELECT {} FROM runs ORDER BY id", kInfoColumns));
    while (st.step()) out.push_back(read_info(st));
    return out;
}

CarriedState read_carried_state(sqlite3* db, const std::string& scheme_id, const std::string& before_day,
                                const std::string& reward, const std::string& key) {
    CarriedState out;
    Statement find(db,
                   "SELECT id FROM runs WHERE scheme_name = ?1 AND first_day < ?2 "
                   "ORDER BY first_day DESC, last_day DESC, " +
                       counts_sql("runs") + " DESC, id DESC LIMIT 1");
    Binder{find}.bind(1, scheme_id).bind(2, before_day);
    if (!find.step()) return out;
    out.from_run = find.integer(0);
    Statement st(db,
                 "SELECT manager_id, value FROM run_state WHERE run_id = ?1 AND reward = ?2 AND key = ?3");
    Binder{st}.bind(1, out.from_run).bind(2, reward).bind(3, key);
    while (st.step()) out.values[st.text(0)] = st.real(1);
    return out;
}

}  // namespace merit
