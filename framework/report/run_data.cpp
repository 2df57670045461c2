#include "report/run_data.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "common/errors.hpp"
#include "engine/run_store.hpp"
#include "store/sqlite.hpp"

namespace merit::report {
namespace {

// run_indicators / run_dimensions store weights as the scheme writes them:
// percent (40 = 40 %). Reports work with fractions.
constexpr double kStoredWeightPercent = 100.0;

std::optional<int64_t> optional_integer(const Statement& s, int column) {
    if (s.is_null(column)) return std::nullopt;
    return s.integer(column);
}

std::string text_or_empty(const Statement& s, int column) {
    return s.is_null(column) ? std::string() : s.text(column);
}

// The run's row as the engine reads it (one definition of a run's standing).
RunHeader read_header(sqlite3* db, int64_t run_id) {
    const RunInfo info = load_run_info(db, run_id);
    RunHeader h;
    h.id = info.id;
    h.scheme_name = info.scheme_id;
    h.scheme_title = info.scheme_title;
    h.scheme_path = info.scheme_path;
    h.scheme_hash = info.scheme_hash;
    h.scheme_json = info.scheme_json;
    h.period = info.period;
    h.first_day = info.first_day;
    h.last_day = info.last_day;
    h.status = info.status;
    h.standing = info.standing();
    h.finalized_by = info.finalized_by.value_or("");
    h.finalize_reason = info.finalize_reason.value_or("");
    h.supersedes = info.supersedes;
    h.superseded_by = info.superseded_by;
    h.created_at = info.created_at;
    h.finalized_at = info.finalized_at.value_or("");
    h.input_fingerprint = info.input_fingerprint;
    h.plugins_json = info.plugins_json;
    h.results_digest = info.results_digest;
    h.manager_count = info.manager_count;
    return h;
}

std::vector<ManagerResult> read_managers(sqlite3* db, int64_t run_id) {
    Statement s(
        db,
        "SELECT m.manager_id, m.name, m.org_unit_id, COALESCE(o.name, m.org_unit_id), m.role, m.grade, "
        "m.status, m.grade_group, m.base_total, m.total, m.rating, m.band_index, m.band_reason, m.rank, "
        "m.rank_in_unit, m.vetoed, m.pay_fen, r.name, r.name_en "
        "FROM run_managers m LEFT JOIN org_units o ON o.id = m.org_unit_id "
        "LEFT JOIN roles r ON r.id = m.role "
        "WHERE m.run_id = ? ORDER BY m.rank IS NULL, m.rank, m.manager_id");
    s.bind(1, run_id);
    std::vector<ManagerResult> out;
    while (s.step()) {
        ManagerResult m;
        m.id = s.text(0);
        m.name = s.text(1);
        m.org_unit_id = s.text(2);
        m.org_unit_name = s.text(3);
        m.role = s.text(4);
        m.grade = text_or_empty(s, 5);
        m.status = text_or_empty(s, 6);
        m.grade_group = text_or_empty(s, 7);
        m.base_total = s.optional_real(8);
        m.total = s.optional_real(9);
        m.rating = text_or_empty(s, 10);
        m.band_index = optional_integer(s, 11);
        m.band_reason = text_or_empty(s, 12);
        m.rank = optional_integer(s, 13);
        m.rank_in_unit = optional_integer(s, 14);
        m.vetoed = s.integer(15) != 0;
        m.pay_fen = s.integer(16);
        m.role_name = text_or_empty(s, 17);
        m.role_name_en = text_or_empty(s, 18);
        out.push_back(std::move(m));
    }
    return out;
}

// Calls `row` for every line of a per-manager table with the manager it
// belongs to (lines of managers not in run_managers are ignored).
template <typename Fn>
void for_each_line(sqlite3* db, std::string_view sql, int64_t run_id,
                   std::map<std::string, ManagerResult*>& by_id, Fn row) {
    Statement s(db, sql);
    s.bind(1, run_id);
    while (s.step()) {
        const auto it = by_id.find(s.text(0));
        if (it != by_id.end()) row(*it->second, s);
    }
}

}  // namespace

std::optional<double> IndicatorLine::completion() const {
    if (stored_completion) return stored_completion;
    if (!value || !target || *target == 0) return std::nullopt;
    return *value / *target;
}

const DimensionLine* ManagerResult::dimension(const std::string& id) const {
    for (const auto& d : dimensions)
        if (d.dimension == id) return &d;
    return nullptr;
}

int64_t ManagerResult::pay_for(const std::string& reward, const std::string& code) const {
    int64_t sum = 0;
    for (const auto& p : pay)
        if (p.reward == reward && p.code == code) sum += p.amount_fen;
    return sum;
}

std::vector<PayColumn> RunData::pay_columns() const {
    // Ordered by the smallest seq each column has: the rewards' order.
    std::vector<std::pair<int64_t, PayColumn>> seen;
    std::set<std::pair<std::string, std::string>> keys;
    for (const auto& m : managers)
        for (const auto& p : m.pay) {
            if (keys.insert({p.reward, p.code}).second) {
                seen.push_back({p.seq, {p.reward, p.code, p.label}});
            } else {
                for (auto& [seq, column] : seen)
                    if (column.reward == p.reward && column.code == p.code) seq = std::min(seq, p.seq);
            }
        }
    std::stable_sort(seen.begin(), seen.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<PayColumn> out;
    for (auto& [seq, column] : seen) out.push_back(std::move(column));
    return out;
}

std::vector<std::pair<std::string, std::string>> RunData::org_units() const {
    std::vector<const ManagerResult*> by_id;
    for (const auto& m : managers) by_id.push_back(&m);
    std::sort(by_id.begin(), by_id.end(), [](const auto* a, const auto* b) { return a->id < b->id; });
    std::vector<std::pair<std::string, std::string>> out;
    std::set<std::string> seen;
    for (const auto* m : by_id)
        if (seen.insert(m->org_unit_id).second) out.emplace_back(m->org_unit_id, m->org_unit_name);
    return out;
}

RunData load_run(sqlite3* db, int64_t run_id) {
    RunData data;
    data.run = read_header(db, run_id);
    {
        Statement s(db, "SELECT path, message FROM run_warnings WHERE run_id = ? ORDER BY seq");
        s.bind(1, run_id);
        while (s.step())
            data.run.warnings.push_back(s.text(0).empty() ? s.text(1) : s.text(0) + ": " + s.text(1));
    }
    data.managers = read_managers(db, run_id);
    std::map<std::string, ManagerResult*> by_id;
    for (auto& m : data.managers) by_id[m.id] = &m;

    for_each_line(db,
                  "SELECT manager_id, seq, dimension, name, score, weight, contribution FROM run_dimensions "
                  "WHERE run_id = ? ORDER BY manager_id, seq",
                  run_id, by_id, [](ManagerResult& m, const Statement& s) {
                      DimensionLine d;
                      d.seq = s.integer(1);
                      d.dimension = s.text(2);
                      d.name = s.text(3);
                      d.score = s.optional_real(4);
                      d.weight = s.real(5) / kStoredWeightPercent;
                      d.contribution = s.optional_real(6);
                      m.dimensions.push_back(std::move(d));
                  });
    for_each_line(
        db,
        "SELECT manager_id, seq, kind, dimension, indicator, name, provider, scorer, value, target, score, "
        "dimension_weight, weight, contribution, unit, completion "
        "FROM run_indicators WHERE run_id = ? ORDER BY manager_id, seq",
        run_id, by_id, [](ManagerResult& m, const Statement& s) {
            IndicatorLine i;
            i.seq = s.integer(1);
            i.kind = s.text(2);
            i.dimension = s.text(3);
            i.indicator = s.text(4);
            i.name = s.text(5);
            i.provider = s.text(6);
            i.scorer = s.text(7);
            i.value = s.optional_real(8);
            i.target = s.optional_real(9);
            i.score = s.optional_real(10);
            i.dimension_weight = s.real(11) / kStoredWeightPercent;
            i.weight = s.real(12) / kStoredWeightPercent;
            i.contribution = s.optional_real(13);
            i.unit = text_or_empty(s, 14);
            i.stored_completion = s.optional_real(15);
            m.indicators.push_back(std::move(i));
        });
    for_each_line(
        db,
        "SELECT manager_id, seq, adjustment, kind, name, points, total_before, total_after, detail "
        "FROM run_adjustments WHERE run_id = ? ORDER BY manager_id, seq",
        run_id, by_id, [](ManagerResult& m, const Statement& s) {
            m.adjustments.push_back({s.integer(1), s.text(2), s.text(3), s.text(4), s.optional_real(5),
                                     s.optional_real(6), s.optional_real(7), s.text(8)});
        });
    for_each_line(db,
                  "SELECT manager_id, seq, reward, calculator, code, label, amount_fen, basis FROM run_pay "
                  "WHERE run_id = ? ORDER BY manager_id, seq",
                  run_id, by_id, [](ManagerResult& m, const Statement& s) {
                      m.pay.push_back({s.integer(1), s.text(2), s.text(3), s.text(4), s.text(5), s.integer(6),
                                       s.text(7)});
                  });
    for_each_line(
        db,
        "SELECT manager_id, seq, reward, calculator, kind, value, reason FROM run_decisions "
        "WHERE run_id = ? ORDER BY manager_id, seq",
        run_id, by_id, [](ManagerResult& m, const Statement& s) {
            m.decisions.push_back({s.integer(1), s.text(2), s.text(3), s.text(4), s.text(5), s.text(6)});
        });
    for_each_line(db,
                  "SELECT manager_id, seq, step, component, name, value, text FROM run_trace "
                  "WHERE run_id = ? ORDER BY manager_id, seq",
                  run_id, by_id, [](ManagerResult& m, const Statement& s) {
                      m.trace.push_back({s.integer(1), s.text(2), s.text(3), s.text(4), s.optional_real(5),
                                         s.optional_text(6)});
                  });
    for (auto& [manager_id, notes] : load_review_notes(db, run_id, data.run.period))
        if (const auto it = by_id.find(manager_id); it != by_id.end()) it->second->review = std::move(notes);
    return data;
}

}  // namespace merit::report
