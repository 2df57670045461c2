#include "engine/run_render.hpp"

#include <fmt/format.h>
#include <merit/money.hpp>

#include <algorithm>
#include <boost/json.hpp>
#include <cmath>
#include <map>
#include <set>

#include "common/csv.hpp"
#include "common/errors.hpp"
#include "common/json_text.hpp"
#include "engine/number_text.hpp"
#include "engine/run_warnings.hpp"
#include "engine/text_table.hpp"
#include "scheme/scheme_problem.hpp"

namespace merit {
namespace {

namespace json = boost::json;
using Align = TextTable::Align;

std::vector<const IndicatorResult*> rows_of(const RunResult& run, const std::string& manager_id) {
    std::vector<const IndicatorResult*> out;
    for (const auto& x : run.indicators)
        if (x.manager_id == manager_id) out.push_back(&x);
    return out;
}

json::value opt_json(const std::optional<double>& x) {
    return x ? json::value(*x) : json::value(nullptr);
}

}  // namespace

// A completion ratio as a percentage (1.05 -> "105%"), "-" when unknown.
std::string completion_text(const std::optional<double>& ratio) {
    return ratio ? number_text(*ratio * 100) + "%" : "-";
}

std::string distinct_labels(std::initializer_list<std::string_view> parts) {
    std::vector<std::string_view> seen;
    std::string out;
    for (const std::string_view part : parts) {
        if (part.empty() || std::find(seen.begin(), seen.end(), part) != seen.end()) continue;
        seen.push_back(part);
        if (!out.empty()) out += ' ';
        out += part;
    }
    return out;
}

std::string summary_table(const RunResult& run, size_t limit) {
    TextTable t(
        {"rank", "manager", "name", "org unit", "grade", "total", "rating", "unit rank", "pay (yuan)"},
        {Align::right, Align::left, Align::left, Align::left, Align::left, Align::right, Align::left,
         Align::right, Align::right});
    const size_t shown = limit ? std::min(limit, run.managers.size()) : run.managers.size();
    for (size_t i = 0; i < shown; ++i) {
        const ManagerResult& m = run.managers[i];
        t.add_row({std::to_string(m.rank), m.manager_id, m.name, m.org_unit_id,
                   m.grade.empty() ? "-" : m.grade, fmt::format("{:.2f}", m.total),
                   m.rating + (m.vetoed ? " *" : ""), std::to_string(m.rank_in_unit),
                   format_yuan(m.pay_fen)});
    }
    return t.render();
}

std::string summary_legend(const RunResult& run) {
    for (const auto& m : run.managers)
        if (m.vetoed) return "* a veto applied (see `merit explain`)\n";
    return "";
}

std::string standing_note(const RunInfo& run) {
    if (run.superseded_by)
        return fmt::format("run {} is superseded by run {}: run {} is the run that counts\n", run.id,
                           *run.superseded_by, *run.superseded_by);
    if (run.status != "final")
        return fmt::format("run {} is a draft (merit finalize makes it the record)\n", run.id);
    return "";
}

std::string run_summary(const RunResult& run) {
    std::map<int64_t, std::pair<std::string, size_t>> ratings;  // by band, best first
    size_t vetoed = 0;
    int64_t pay_fen = 0;
    for (const auto& m : run.managers) {
        auto& [label, count] = ratings[m.band_index];
        label = m.rating;
        ++count;
        vetoed += m.vetoed ? 1 : 0;
        if (__builtin_add_overflow(pay_fen, m.pay_fen, &pay_fen))
            throw UserError(fmt::format("run {}: the pay total overflows", run.info.id));
    }
    std::string counts;
    for (const auto& [band, rating] : ratings)
        counts += fmt::format("{}{} {}", counts.empty() ? "" : ", ", rating.first, rating.second);
    if (vetoed) counts += fmt::format("; {} vetoed", vetoed);
    return fmt::format("stored as run {}: {} {}, {} manager{}{}, pay {} yuan\n", run.info.id,
                       run.info.scheme_id, run.info.period, run.info.manager_count,
                       run.info.manager_count == 1 ? "" : "s", counts.empty() ? "" : " (" + counts + ")",
                       format_yuan(pay_fen));
}

std::string results_csv(const RunResult& run) {
    std::vector<std::string> indicator_ids;
    std::set<std::string> seen;
    for (const auto& x : run.indicators)
        if (seen.insert(x.indicator).second) indicator_ids.push_back(x.indicator);
    std::sort(indicator_ids.begin(), indicator_ids.end(), [&](const std::string& a, const std::string& b) {
        int sa = 0, sb = 0;
        for (const auto& x : run.indicators) {
            if (x.indicator == a) sa = x.seq;
            if (x.indicator == b) sb = x.seq;
        }
        return sa < sb;
    });
    std::string out =
        "rank,manager_id,name,org_unit_id,role,grade,grade_group,base_total,total,rating,band_index,rank_in_"
        "unit,"
        "vetoed,pay_fen,pay_yuan";
    for (const auto& id : indicator_ids) out += fmt::format(",{},score:{}", csv_field(id), csv_field(id));
    out += "\n";
    for (const auto& m : run.managers) {
        out += fmt::format("{},{},{},{},{},{},{},{:.17g},{:.17g},{},{},{},{},{},{}", m.rank,
                           csv_field(m.manager_id), csv_field(m.name), csv_field(m.org_unit_id),
                           csv_field(m.role), csv_field(m.grade), csv_field(m.grade_group), m.base_total,
                           m.total, csv_field(m.rating), m.band_index, m.rank_in_unit, m.vetoed ? 1 : 0,
                           m.pay_fen, format_yuan(m.pay_fen));
        std::map<std::string, const IndicatorResult*> by_id;
        for (const auto* x : rows_of(run, m.manager_id)) by_id[x->indicator] = x;
        for (const auto& id : indicator_ids) {
            const auto* x = by_id[id];
            out += fmt::format(",{},{}", x && x->value ? fmt::format("{}", *x->value) : "",
                               x && x->score ? fmt::format("{}", *x->score) : "");
        }
        out += "\n";
    }
    return out;
}

json::object manager_json(const RunResult& run, const ManagerResult& m) {
    json::object o{{"manager_id", m.manager_id},
                   {"name", m.name},
                   {"org_unit_id", m.org_unit_id},
                   {"role", m.role},
                   {"grade", m.grade},
                   {"grade_group", m.grade_group},
                   {"base_total", m.base_total},
                   {"total", m.total},
                   {"rating", m.rating},
                   {"band_index", m.band_index},
                   {"band_reason", m.band_reason},
                   {"rank", m.rank},
                   {"rank_in_unit", m.rank_in_unit},
                   {"vetoed", m.vetoed},
                   {"pay_fen", m.pay_fen}};
    json::array indicators;
    for (const auto* x : rows_of(run, m.manager_id))
        indicators.push_back(json::object{{"id", x->indicator},
                                          {"kind", x->kind},
                                          {"dimension", x->dimension},
                                          {"value", opt_json(x->value)},
                                          {"target", opt_json(x->target)},
                                          {"completion", opt_json(completion_of(*x))},
                                          {"score", opt_json(x->score)},
                                          {"dimension_weight", x->dimension_weight},
                                          {"weight", x->weight},
                                          {"contribution", x->contribution}});
    o["indicators"] = std::move(indicators);
    json::array adjustments;
    for (const auto& a : run.adjustments)
        if (a.manager_id == m.manager_id)
            adjustments.push_back(json::object{
                {"id", a.adjustment}, {"kind", a.kind}, {"points", a.points}, {"detail", a.detail}});
    o["adjustments"] = std::move(adjustments);
    json::array pay;
    for (const auto& p : run.pay)
        if (p.manager_id == m.manager_id)
            pay.push_back(json::object{{"reward", p.reward},
                                       {"code", p.code},
                                       {"label", p.label},
                                       {"amount_fen", p.amount_fen},
                                       {"basis", p.basis}});
    o["pay"] = std::move(pay);
    json::array decisions;
    for (const auto& d : run.decisions)
        if (d.manager_id == m.manager_id)
            decisions.push_back(json::object{
                {"reward", d.reward}, {"kind", d.kind}, {"value", d.value}, {"reason", d.reason}});
    o["decisions"] = std::move(decisions);
    return o;
}

namespace {

json::array warnings_json(const RunResult& run) {
    json::array out;
    for (const RunWarning& w : run.warnings) {
        const SchemeProblem p = split_problem(warning_line(w));
        out.push_back(json::object{{"path", w.path}, {"code", p.code}, {"message", w.message}});
    }
    return out;
}

}  // namespace

std::string results_json(const RunResult& run) {
    json::object root;
    root["run"] = run.info.id;
    root["scheme"] = run.info.scheme_id;
    root["period"] = run.info.period;
    root["status"] = run.info.standing();
    json::array managers;
    for (const auto& m : run.managers) managers.push_back(manager_json(run, m));
    root["managers"] = std::move(managers);
    root["warnings"] = warnings_json(run);
    return json_line(root);
}

json::object explain_json(const RunResult& run, const std::string& manager_id) {
    const ManagerResult* m = run.find_manager(manager_id);
    if (!m) throw UserError(fmt::format("run {}: manager '{}' is not in this run", run.info.id, manager_id));
    json::array dimensions;
    for (const auto& d : run.dimensions)
        if (d.manager_id == manager_id)
            dimensions.push_back(json::object{{"id", d.dimension},
                                              {"name", d.name},
                                              {"score", d.score},
                                              {"weight", d.weight},
                                              {"contribution", d.contribution}});
    json::array trace;
    for (const auto& t : run.trace)
        if (t.manager_id == manager_id)
            trace.push_back(json::object{{"step", t.step},
                                         {"component", t.component},
                                         {"name", t.name},
                                         {"value", opt_json(t.value)},
                                         {"text", t.text ? json::value(*t.text) : json::value(nullptr)}});
    return {{"run", run.info.id},
            {"scheme", run.info.scheme_id},
            {"period", run.info.period},
            {"status", run.info.standing()},
            {"manager", manager_json(run, *m)},
            {"dimensions", std::move(dimensions)},
            {"trace", std::move(trace)}};
}

namespace {

// "draft", "final", "final, supersedes 3", "superseded by 5".
std::string standing_text(const RunInfo& run) {
    if (run.superseded_by) return fmt::format("superseded by {}", *run.superseded_by);
    if (run.supersedes) return fmt::format("final, supersedes {}", *run.supersedes);
    return run.standing();
}

template <typename T>
json::value optional_json(const std::optional<T>& value) {
    return value ? json::value(*value) : json::value(nullptr);
}

}  // namespace

std::string runs_table(const std::vector<RunInfo>& runs) {
    if (runs.empty()) return "no runs yet\n";
    TextTable t(
        {"run", "scheme", "period", "status", "managers", "created (UTC)", "scheme hash"},
        {Align::right, Align::left, Align::left, Align::left, Align::right, Align::left, Align::left});
    for (const auto& r : runs)
        t.add_row({std::to_string(r.id), r.scheme_id, r.period,
                   standing_text(r) + (r.stale.value_or(false) ? " (stale)" : ""),
                   std::to_string(r.manager_count), r.created_at, r.scheme_hash.substr(0, 12)});
    return t.render();
}

std::string runs_json(const std::vector<RunInfo>& runs) {
    json::array out;
    for (const auto& r : runs)
        out.push_back(json::object{{"id", r.id},
                                   {"scheme", r.scheme_id},
                                   {"title", r.scheme_title},
                                   {"period", r.period},
                                   {"status", r.standing()},
                                   {"managers", r.manager_count},
                                   {"created_at", r.created_at},
                                   {"scheme_hash", r.scheme_hash},
                                   {"input_fingerprint", r.input_fingerprint},
                                   {"results_digest", r.results_digest},
                                   {"data_version", r.data_version ? json::value(*r.data_version) : nullptr},
                                   {"stale", r.stale ? json::value(*r.stale) : nullptr},
                                   {"finalized_by", optional_json(r.finalized_by)},
                                   {"finalize_reason", optional_json(r.finalize_reason)},
                                   {"supersedes", optional_json(r.supersedes)},
                                   {"superseded_by", optional_json(r.superseded_by)}});
    return json_line(out);
}

std::string explain_manager(const RunResult& run, const std::string& manager_id,
                            const std::string& role_name) {
    const ManagerResult* m = run.find_manager(manager_id);
    if (!m) throw UserError(fmt::format("run {}: manager '{}' is not in this run", run.info.id, manager_id));
    std::string out;
    out += fmt::format("run {} · scheme {}{} · period {} · {}\n", run.info.id, run.info.scheme_id,
                       run.info.scheme_title.empty() ? "" : " (" + run.info.scheme_title + ")",
                       run.info.period, standing_text(run.info));
    out += fmt::format(
        "manager {} {} · org unit {} · role {} · grade {}{}\n\n", m->manager_id, m->name, m->org_unit_id,
        role_name.empty() || role_name == m->role ? m->role : m->role + " (" + role_name + ")",
        m->grade.empty() ? "-" : m->grade,
        m->grade_group.empty() ? " (plain weights)" : " (weights of grade group " + m->grade_group + ")");
    // What the run warned about bears on every manager's figures.
    for (const RunWarning& w : run.warnings) out += fmt::format("warning: {}\n", warning_line(w));
    if (!run.warnings.empty()) out += "\n";

    const auto rows = rows_of(run, manager_id);
    // Traced inputs by step.
    std::map<std::string, std::vector<const TraceLine*>> trace;
    for (const auto& t : run.trace)
        if (t.manager_id == manager_id) trace[t.step].push_back(&t);
    auto trace_lines = [&](const std::string& step, const std::string& indent) {
        std::string s;
        for (const auto* t : trace[step]) {
            if (t->text)
                s += fmt::format("{}note ({}): {}\n", indent, t->component, *t->text);
            else
                s += fmt::format("{}{} = {} ({})\n", indent, t->name, number_or_dash(t->value), t->component);
        }
        return s;
    };

    bool any_input = false;
    for (const auto* x : rows) any_input = any_input || x->kind == "input";
    if (any_input) {
        out += "inputs (not weighted)\n";
        for (const auto* x : rows) {
            if (x->kind != "input") continue;
            out += fmt::format("  {} = {}{}  [{}]\n", distinct_labels({x->indicator, x->name}),
                               number_or_dash(x->value), x->unit.empty() ? "" : " " + x->unit, x->provider);
            out += trace_lines(x->indicator, "      ");
        }
        out += "\n";
    }

    out += "indicators (contribution = dimension weight % x weight % x score)\n";
    std::vector<std::string> parts;
    double sum = 0;
    for (const auto& d : run.dimensions) {
        if (d.manager_id != manager_id) continue;
        out += fmt::format("  dimension {}: weight {}%\n", distinct_labels({d.dimension, d.name}),
                           number_text(d.weight));
        TextTable t({"indicator", "name", "value", "target", "completion", "score", "weight", "contribution"},
                    {Align::left, Align::left, Align::right, Align::right, Align::right, Align::right,
                     Align::right, Align::right});
        for (const auto* x : rows) {
            if (x->kind != "indicator" || x->dimension != d.dimension) continue;
            t.add_row(
                {x->indicator, x->name, number_or_dash(x->value) + (x->unit.empty() ? "" : " " + x->unit),
                 number_or_dash(x->target), completion_text(completion_of(*x)), number_or_dash(x->score),
                 number_text(x->weight) + "%",
                 fmt::format("{}% x {}% x {} = {}", number_text(x->dimension_weight), number_text(x->weight),
                             number_or_dash(x->score), number_text(x->contribution))});
            parts.push_back(number_text(x->contribution));
            sum += x->contribution;
        }
        std::string table = t.render();
        for (size_t pos = 0; pos < table.size();) {
            const size_t end = table.find('\n', pos);
            out += "    " + table.substr(pos, end - pos + 1);
            pos = end + 1;
        }
        for (const auto* x : rows)
            if (x->kind == "indicator" && x->dimension == d.dimension && !trace[x->indicator].empty()) {
                out += fmt::format("    {} inputs ({} -> {}):\n", x->indicator, x->provider, x->scorer);
                out += trace_lines(x->indicator, "      ");
            }
        out += fmt::format("    dimension score {} x {}% = {}\n", number_text(d.score), number_text(d.weight),
                           number_text(d.contribution));
    }
    std::string sum_text;
    for (size_t i = 0; i < parts.size(); ++i) sum_text += (i ? " + " : "") + parts[i];
    out += fmt::format("\nsum of contributions: {} = {} (base total {})\n", sum_text.empty() ? "0" : sum_text,
                       number_text(sum), number_text(m->base_total));

    out += "\nadjustments\n";
    bool any_adjustment = false;
    for (const auto& a : run.adjustments) {
        if (a.manager_id != manager_id) continue;
        any_adjustment = true;
        const bool named = !a.name.empty() && a.name != a.adjustment && a.name != a.kind;
        out += fmt::format("  {}{}: {}; total {} -> {} ({})\n", distinct_labels({a.kind, a.adjustment}),
                           named ? " (" + a.name + ")" : "", a.detail, number_text(a.total_before),
                           number_text(a.total_after),
                           a.points == 0 ? "0 points" : number_text(a.points) + " points");
    }
    if (!any_adjustment) out += "  none\n";
    out += fmt::format("total: {}\n", number_text(m->total));
    out += fmt::format("rating: {} (band {}): {}\n", m->rating, m->band_index, m->band_reason);
    size_t unit_size = 0;
    for (const auto& other : run.managers) unit_size += other.org_unit_id == m->org_unit_id ? 1 : 0;
    out += fmt::format("rank: {} of {} overall; {} of {} in {}\n", m->rank, run.managers.size(),
                       m->rank_in_unit, unit_size, m->org_unit_id);

    out += "\npay\n";
    std::vector<std::string> amounts;
    int64_t pay_sum = 0;
    for (const auto& p : run.pay) {
        if (p.manager_id != manager_id) continue;
        out += fmt::format("  {} ({}): {} yuan — {}\n", distinct_labels({p.reward, p.code, p.label}),
                           p.calculator, format_yuan(p.amount_fen), p.basis);
        amounts.push_back(format_yuan(p.amount_fen));
        pay_sum += p.amount_fen;
    }
    if (amounts.empty()) out += "  none\n";
    std::string pay_text;
    // A negative line (a penalty) reads "a - b", not "a + -b".
    for (size_t i = 0; i < amounts.size(); ++i) {
        const bool negative = amounts[i].starts_with('-');
        if (i == 0)
            pay_text = amounts[i];
        else
            pay_text += negative ? " - " + amounts[i].substr(1) : " + " + amounts[i];
    }
    out += fmt::format("pay total: {} = {} yuan ({} fen; stored {} fen)\n", pay_text.empty() ? "0" : pay_text,
                       format_yuan(pay_sum), pay_sum, m->pay_fen);

    bool any_decision = false;
    for (const auto& d : run.decisions) {
        if (d.manager_id != manager_id) continue;
        if (!any_decision) out += "\ndecisions\n";
        any_decision = true;
        out += fmt::format("  {} -> {} ({}): {}\n", d.kind, d.value, d.reward, d.reason);
    }
    bool any_reward_trace = false;
    for (const auto& t : run.trace) {
        if (t.manager_id != manager_id) continue;
        bool is_column = false;
        for (const auto* x : rows) is_column = is_column || x->indicator == t.step;
        if (is_column) continue;
        if (!any_reward_trace) out += "\nreward inputs\n";
        any_reward_trace = true;
        out += t.text ? fmt::format("  {}: note: {}\n", t.step, *t.text)
                      : fmt::format("  {}: {} = {}\n", t.step, t.name, number_or_dash(t.value));
    }
    return out;
}

}  // namespace merit
