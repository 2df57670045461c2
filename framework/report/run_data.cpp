#include "report/run_data.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "engine/run_store.hpp"
#include "store/sqlite.hpp"

namespace merit::report {
namespace {

// id -> name of a small naming table (org_units, roles), read once per report.
std::map<std::string, std::pair<std::string, std::string>> names_of(sqlite3* db, const char* sql) {
    std::map<std::string, std::pair<std::string, std::string>> out;
    Statement s(db, sql);
    while (s.step()) out[s.text(0)] = {s.text(1), s.optional_text(2).value_or("")};
    return out;
}

// Moves each line of the run to its manager (lines of managers not in
// run_managers are dropped); the engine read them in (manager_id, seq) order.
template <typename Line>
void deal(std::vector<Line>& lines, std::map<std::string, ManagerResult*>& by_id,
          std::vector<Line> ManagerResult::*member) {
    for (auto& line : lines)
        if (const auto it = by_id.find(line.manager_id); it != by_id.end())
            (it->second->*member).push_back(std::move(line));
    lines.clear();
}

}  // namespace

const DimensionResult* ManagerResult::dimension(const std::string& id) const {
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
                    if (column.reward == p.reward && column.code == p.code) seq = std::min<int64_t>(seq, p.seq);
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
    std::sort(by_id.begin(), by_id.end(),
              [](const auto* a, const auto* b) { return a->manager_id < b->manager_id; });
    std::vector<std::pair<std::string, std::string>> out;
    std::set<std::string> seen;
    for (const auto* m : by_id)
        if (seen.insert(m->org_unit_id).second) out.emplace_back(m->org_unit_id, m->org_unit_name);
    return out;
}

RunData load_run(sqlite3* db, int64_t run_id) {
    merit::RunResult stored = merit::load_run(db, run_id);
    RunData data;
    data.run = std::move(stored.info);
    data.warnings = std::move(stored.warnings);
    const auto units = names_of(db, "SELECT id, name, NULL FROM org_units");
    const auto roles = names_of(db, "SELECT id, name, name_en FROM roles");
    std::map<std::string, ManagerResult*> by_id;
    data.managers.reserve(stored.managers.size());
    for (auto& row : stored.managers) {
        ManagerResult m;
        static_cast<merit::ManagerResult&>(m) = std::move(row);
        const auto unit = units.find(m.org_unit_id);
        m.org_unit_name = unit == units.end() ? m.org_unit_id : unit->second.first;
        if (const auto role = roles.find(m.role); role != roles.end())
            std::tie(m.role_name, m.role_name_en) = role->second;
        data.managers.push_back(std::move(m));
    }
    for (auto& m : data.managers) by_id[m.manager_id] = &m;
    deal(stored.dimensions, by_id, &ManagerResult::dimensions);
    deal(stored.indicators, by_id, &ManagerResult::indicators);
    deal(stored.adjustments, by_id, &ManagerResult::adjustments);
    deal(stored.pay, by_id, &ManagerResult::pay);
    deal(stored.decisions, by_id, &ManagerResult::decisions);
    deal(stored.trace, by_id, &ManagerResult::trace);
    for (auto& [manager_id, notes] : load_review_notes(db, run_id, data.run.period))
        if (const auto it = by_id.find(manager_id); it != by_id.end()) it->second->review = std::move(notes);
    return data;
}

}  // namespace merit::report
