#include "engine/run_diff.hpp"

#include <fmt/format.h>
#include <merit/money.hpp>

#include <cmath>
#include <map>
#include <set>

#include "engine/number_text.hpp"
#include "engine/run_render.hpp"

namespace merit {
namespace {

namespace json = boost::json;

bool differs(double a, double b) {
    return std::abs(a - b) > 1e-9;
}
bool differs(const std::optional<double>& a, const std::optional<double>& b) {
    if (a.has_value() != b.has_value()) return true;
    return a && differs(*a, *b);
}

json::value number_or_null(const std::optional<double>& x) {
    return x ? json::value(*x) : json::value(nullptr);
}

const IndicatorResult* find_row(const RunResult& run, const std::string& manager_id, const std::string& id) {
    for (const auto& x : run.indicators)
        if (x.manager_id == manager_id && x.indicator == id) return &x;
    return nullptr;
}

std::vector<const IndicatorResult*> rows_of(const RunResult& run, const std::string& manager_id) {
    std::vector<const IndicatorResult*> out;
    for (const auto& x : run.indicators)
        if (x.manager_id == manager_id) out.push_back(&x);
    return out;
}

void indicator_causes(const RunResult& a, const RunResult& b, const std::string& id,
                      std::vector<DiffCause>& out) {
    for (const auto* xb : rows_of(b, id)) {
        const IndicatorResult* xa = find_row(a, id, xb->indicator);
        auto cause = [&](std::string field, json::value from, json::value to) {
            out.push_back(
                {"indicator", xb->indicator, xb->name, std::move(field), std::move(from), std::move(to)});
        };
        if (!xa) {
            cause("presence", false, true);
            continue;
        }
        if (differs(xa->value, xb->value))
            cause("value", number_or_null(xa->value), number_or_null(xb->value));
        if (differs(xa->score, xb->score))
            cause("score", number_or_null(xa->score), number_or_null(xb->score));
        if (differs(xa->dimension_weight, xb->dimension_weight))
            cause("dimension_weight", xa->dimension_weight, xb->dimension_weight);
        if (differs(xa->weight, xb->weight)) cause("weight", xa->weight, xb->weight);
        if (differs(xa->contribution, xb->contribution))
            cause("contribution", xa->contribution, xb->contribution);
    }
    for (const auto* xa : rows_of(a, id))
        if (!find_row(b, id, xa->indicator))
            out.push_back({"indicator", xa->indicator, xa->name, "presence", true, false});
}

void adjustment_causes(const RunResult& a, const RunResult& b, const std::string& id,
                       std::vector<DiffCause>& out) {
    auto points_of = [&](const RunResult& r) {
        std::map<std::string, double> points;
        for (const auto& adj : r.adjustments)
            if (adj.manager_id == id) points[adj.adjustment] += adj.points;
        return points;
    };
    const auto pa = points_of(a), pb = points_of(b);
    std::set<std::string> ids;
    for (const auto& [k, v] : pa) ids.insert(k);
    for (const auto& [k, v] : pb) ids.insert(k);
    for (const auto& k : ids) {
        const auto ia = pa.find(k), ib = pb.find(k);
        if (ia != pa.end() && ib != pb.end() && !differs(ia->second, ib->second)) continue;
        out.push_back({"adjustment", k, "", "points",
                       ia == pa.end() ? json::value(nullptr) : json::value(ia->second),
                       ib == pb.end() ? json::value(nullptr) : json::value(ib->second)});
    }
}

std::string number_shown(const json::value& v) {
    return v.is_null() ? "-" : number_text(v.to_number<double>());
}

// "sales 销售完成率: weight 40% -> 60%, contribution 19 -> 28.5 (+9.5)".
std::string indicator_line(const std::vector<const DiffCause*>& causes, int64_t b_run) {
    const DiffCause& first = *causes.front();
    if (first.field == "presence")
        return fmt::format("    {}: {} run {}\n", first.id, first.to.as_bool() ? "new in" : "not in", b_run);
    std::string line;
    for (const DiffCause* c : causes) {
        if (!line.empty()) line += ", ";
        if (c->field == "value" || c->field == "score")
            line += fmt::format("{} {} -> {}", c->field, number_shown(c->from), number_shown(c->to));
        else if (c->field == "dimension_weight" || c->field == "weight")
            line += fmt::format("{} {}% -> {}%", c->field == "weight" ? "weight" : "dimension weight",
                                number_shown(c->from), number_shown(c->to));
        else
            line += fmt::format("contribution {} -> {} ({:+.4g})", number_shown(c->from), number_shown(c->to),
                                c->to.to_number<double>() - c->from.to_number<double>());
    }
    return fmt::format("    {}: {}\n", distinct_labels({first.id, first.name}), line);
}

// What the organisation says about the manager in each run: a promotion, a
// move to another unit, a change of role or status.
void manager_causes(const ManagerResult& a, const ManagerResult& b, std::vector<DiffCause>& out) {
    const std::pair<const char*, std::string ManagerResult::*> fields[] = {
        {"grade", &ManagerResult::grade},
        {"org_unit_id", &ManagerResult::org_unit_id},
        {"role", &ManagerResult::role},
        {"status", &ManagerResult::status}};
    for (const auto& [field, member] : fields)
        if (a.*member != b.*member)
            out.push_back({"manager", "", "", field, json::value(a.*member), json::value(b.*member)});
}

std::string causes_text(const ManagerChange& m, int64_t b_run) {
    std::string out;
    for (size_t i = 0; i < m.causes.size();) {
        const DiffCause& c = m.causes[i];
        if (c.kind == "indicator") {
            std::vector<const DiffCause*> same;  // one line per indicator
            while (i < m.causes.size() && m.causes[i].kind == "indicator" && m.causes[i].id == c.id &&
                   (same.empty() || c.field != "presence"))
                same.push_back(&m.causes[i++]);
            out += indicator_line(same, b_run);
            continue;
        }
        auto points = [](const json::value& v) {
            return v.is_null() ? std::string("not applied") : number_text(v.to_number<double>()) + " points";
        };
        if (c.kind == "manager")
            out += fmt::format("    {}: {} -> {}\n", c.field == "org_unit_id" ? "org unit" : c.field,
                               c.from.as_string().c_str(), c.to.as_string().c_str());
        else if (c.kind == "adjustment")
            out += fmt::format("    adjustment {}: {} -> {}\n", c.id, points(c.from), points(c.to));
        else
            out += fmt::format("    band: {} -> {}\n", c.from.as_string().c_str(), c.to.as_string().c_str());
        ++i;
    }
    if (out.empty() && m.a->total == m.b->total)
        out = "    no score of this manager moved: the others' did (rank) or a reward's inputs did (pay)\n";
    return out;
}

std::string change_text(const RunDiff& d, const ManagerChange& m) {
    if (m.only_in) return fmt::format("\n{} {}: only in run {}\n", m.manager_id, m.name, *m.only_in);
    const ManagerResult& a = *m.a;
    const ManagerResult& b = *m.b;
    std::string out = fmt::format("\n{} {} ({})\n", m.manager_id, m.name, m.org_unit_id);
    if (a.rating != b.rating) out += fmt::format("  rating: {} -> {}\n", a.rating, b.rating);
    if (a.rank != b.rank) out += fmt::format("  rank: {} -> {}\n", a.rank, b.rank);
    if (a.pay_fen != b.pay_fen)
        out += fmt::format("  pay: {} -> {} yuan ({:+} fen)\n", format_yuan(a.pay_fen),
                           format_yuan(b.pay_fen), b.pay_fen - a.pay_fen);
    out += fmt::format("  total: {} -> {}\n", number_text(a.total), number_text(b.total));
    return out + "  because:\n" + causes_text(m, d.b->info.id);
}

json::object side_json(const RunResult& r) {
    return {{"run", r.info.id}, {"scheme", r.info.scheme_id}, {"period", r.info.period}};
}

template <class T>
json::object from_to(const ManagerResult* a, const ManagerResult* b, T ManagerResult::*field) {
    return {{"from", a ? json::value(a->*field) : json::value(nullptr)},
            {"to", b ? json::value(b->*field) : json::value(nullptr)}};
}

}  // namespace

RunDiff diff_of(const RunResult& a, const RunResult& b) {
    RunDiff d;
    d.a = &a;
    d.b = &b;
    d.scheme_changed = a.info.scheme_hash != b.info.scheme_hash;
    d.input_changed = a.info.input_fingerprint != b.info.input_fingerprint;
    std::set<std::string> ids;
    for (const auto& m : a.managers) ids.insert(m.manager_id);
    for (const auto& m : b.managers) ids.insert(m.manager_id);
    for (const auto& id : ids) {
        ManagerChange m;
        m.a = a.find_manager(id);
        m.b = b.find_manager(id);
        const ManagerResult& any = m.a ? *m.a : *m.b;
        m.manager_id = id;
        m.name = any.name;
        m.org_unit_id = any.org_unit_id;
        if (!m.a || !m.b) {
            m.only_in = m.a ? a.info.id : b.info.id;
        } else {
            if (m.a->rating == m.b->rating && m.a->rank == m.b->rank && m.a->pay_fen == m.b->pay_fen)
                continue;
            manager_causes(*m.a, *m.b, m.causes);
            indicator_causes(a, b, id, m.causes);
            adjustment_causes(a, b, id, m.causes);
            if (m.a->band_reason != m.b->band_reason && m.a->rating != m.b->rating)
                m.causes.push_back(
                    {"band", "", "", "reason", json::value(m.a->band_reason), json::value(m.b->band_reason)});
        }
        d.managers.push_back(std::move(m));
    }
    return d;
}

std::string diff_runs(const RunResult& a, const RunResult& b) {
    const RunDiff d = diff_of(a, b);
    std::string out = fmt::format("run {} ({} {}) -> run {} ({} {})\n", a.info.id, a.info.scheme_id,
                                  a.info.period, b.info.id, b.info.scheme_id, b.info.period);
    out += fmt::format("scheme: {}\n", d.scheme_changed ? "changed" : "same");
    out += fmt::format("input data: {}\n", d.input_changed ? "changed" : "same");
    out += fmt::format("{} manager{} changed rating, rank or pay\n", d.managers.size(),
                       d.managers.size() == 1 ? "" : "s");
    for (const auto& m : d.managers) out += change_text(d, m);
    return out;
}

json::object diff_json(const RunResult& a, const RunResult& b) {
    const RunDiff d = diff_of(a, b);
    json::array managers;
    for (const auto& m : d.managers) {
        json::array causes;
        for (const auto& c : m.causes)
            causes.push_back(json::object{
                {"kind", c.kind}, {"id", c.id}, {"field", c.field}, {"from", c.from}, {"to", c.to}});
        managers.push_back(
            json::object{{"manager_id", m.manager_id},
                         {"name", m.name},
                         {"org_unit_id", m.org_unit_id},
                         {"only_in", m.only_in ? json::value(*m.only_in) : json::value(nullptr)},
                         {"rating", from_to(m.a, m.b, &ManagerResult::rating)},
                         {"rank", from_to(m.a, m.b, &ManagerResult::rank)},
                         {"total", from_to(m.a, m.b, &ManagerResult::total)},
                         {"pay_fen", from_to(m.a, m.b, &ManagerResult::pay_fen)},
                         {"causes", std::move(causes)}});
    }
    return {{"from", side_json(a)},
            {"to", side_json(b)},
            {"scheme_changed", d.scheme_changed},
            {"input_changed", d.input_changed},
            {"managers", std::move(managers)}};
}

}  // namespace merit
