#include "report/long_format.hpp"

#include <fmt/format.h>

#include <boost/json.hpp>
#include <merit/money.hpp>

#include "common/csv.hpp"
#include "common/json_text.hpp"

namespace merit::report {
namespace {

namespace json = boost::json;

std::optional<double> as_double(const std::optional<int64_t>& v) {
    if (!v) return std::nullopt;
    return static_cast<double>(*v);
}

LongRow start_row(const ManagerResult& m, std::string kind, std::string item, std::string label) {
    LongRow line;
    line.manager = &m;
    line.kind = std::move(kind);
    line.item = std::move(item);
    line.label = std::move(label);
    return line;
}

void add_result_rows(const Report& r, const ManagerResult& m, std::vector<LongRow>& out) {
    const auto& t = r.text();
    auto row = [&](std::string item, std::string_view label) {
        return start_row(m, "result", std::move(item), std::string(label));
    };
    LongRow base_total = row("base_total", t.base_total);
    base_total.value = m.base_total;
    out.push_back(base_total);
    LongRow total = row("total", t.total);
    total.value = m.total;
    out.push_back(total);
    LongRow rating = row("rating", t.rating);
    rating.value = as_double(m.band_index);
    rating.text = m.rating;
    rating.detail = m.band_reason;
    out.push_back(rating);
    LongRow rank = row("rank", t.rank);
    rank.value = as_double(m.rank);
    out.push_back(rank);
    LongRow rank_in_unit = row("rank_in_unit", t.rank_in_unit);
    rank_in_unit.value = as_double(m.rank_in_unit);
    out.push_back(rank_in_unit);
    LongRow vetoed = row("vetoed", t.vetoed);
    vetoed.value = m.vetoed ? 1.0 : 0.0;
    out.push_back(vetoed);
    LongRow pay = row("pay_total", t.pay_total);
    pay.amount_fen = m.pay_fen;
    out.push_back(pay);
}

std::string number_text(const std::optional<double>& v) {
    return v ? fmt::format("{}", *v) : std::string();
}

json::value json_number(const std::optional<double>& v) {
    return v ? json::value(*v) : json::value(nullptr);
}

}  // namespace

const std::vector<std::string>& long_columns() {
    static const std::vector<std::string> columns = {
        "run_id",     "scheme",      "period", "status",     "manager_id", "manager",   "org_unit_id",
        "org_unit",   "grade",       "kind",   "item",       "label",      "dimension", "reward",
        "component",  "value",       "target", "completion", "score",      "weight",    "contribution",
        "amount_fen", "amount_yuan", "text",   "detail"};
    return columns;
}

std::vector<LongRow> long_rows(const Report& r) {
    std::vector<LongRow> out;
    for (const auto& m : r.data.managers) {
        add_result_rows(r, m, out);
        for (const auto& d : m.dimensions) {
            LongRow line = start_row(m, "dimension", d.dimension, r.dimension_label(d));
            line.score = d.score;
            line.weight = weight_fraction(d.weight);
            line.contribution = d.contribution;
            out.push_back(std::move(line));
        }
        for (const auto& i : m.indicators) {
            LongRow line = start_row(m, i.kind, i.indicator, r.indicator_label(i));
            line.dimension = i.dimension;
            line.component = i.provider;
            line.value = i.value;
            line.target = i.target;
            line.completion = completion_of(i);
            line.score = i.score;
            line.weight = weight_fraction(i.weight);
            line.contribution = i.contribution;
            out.push_back(std::move(line));
        }
        for (const auto& a : m.adjustments) {
            LongRow line = start_row(m, "adjustment", a.adjustment, r.adjustment_label(a));
            line.component = a.kind;
            line.value = a.points;
            line.detail = a.detail;
            out.push_back(std::move(line));
        }
        for (const auto& p : m.pay) {
            LongRow line = start_row(m, "pay", p.code, r.pay_label(p.reward, p.code, p.label));
            line.component = p.calculator;
            line.reward = p.reward;
            line.amount_fen = p.amount_fen;
            line.detail = p.basis;
            out.push_back(std::move(line));
        }
        for (const auto& d : m.decisions) {
            LongRow line = start_row(m, "decision", d.kind, r.decision_label(d.reward, d.kind));
            line.component = d.calculator;
            line.reward = d.reward;
            line.text = d.value;
            line.detail = d.reason;
            out.push_back(std::move(line));
        }
    }
    return out;
}

void write_csv(const Report& r, std::ostream& out) {
    const auto& columns = long_columns();
    out << csv_row(columns);
    const auto& run = r.data.run;
    for (const auto& row : long_rows(r)) {
        const auto& m = *row.manager;
        const std::vector<std::string> fields = {
            std::to_string(run.id),
            run.scheme_id,
            run.period,
            run.standing(),
            m.manager_id,
            m.name,
            m.org_unit_id,
            m.org_unit_name,
            m.grade,
            row.kind,
            row.item,
            row.label,
            row.dimension,
            row.reward,
            row.component,
            number_text(row.value),
            number_text(row.target),
            number_text(row.completion),
            number_text(row.score),
            number_text(row.weight),
            number_text(row.contribution),
            row.amount_fen ? std::to_string(*row.amount_fen) : std::string(),
            row.amount_fen ? format_yuan(*row.amount_fen) : std::string(),
            row.text,
            row.detail};
        out << csv_row(fields);
    }
}

void write_json(const Report& r, std::ostream& out) {
    const auto& run = r.data.run;
    json::object root;
    root["format"] = "merit-report-long";
    root["version"] = 1;
    json::object meta;
    meta["id"] = run.id;
    meta["scheme"] = run.scheme_id;
    meta["title"] = r.scheme.title;
    meta["period"] = run.period;
    meta["first_day"] = run.first_day;
    meta["last_day"] = run.last_day;
    meta["scheme_hash"] = run.scheme_hash;
    meta["status"] = run.standing();
    meta["superseded_by"] = run.superseded_by ? json::value(*run.superseded_by) : json::value(nullptr);
    meta["created_at"] = run.created_at;
    meta["manager_count"] = run.manager_count;
    root["run"] = meta;
    json::array rows;
    for (const auto& row : long_rows(r)) {
        const auto& m = *row.manager;
        json::object o;
        o["manager_id"] = m.manager_id;
        o["manager"] = m.name;
        o["org_unit_id"] = m.org_unit_id;
        o["org_unit"] = m.org_unit_name;
        o["grade"] = m.grade;
        o["kind"] = row.kind;
        o["item"] = row.item;
        o["label"] = row.label;
        o["dimension"] = row.dimension;
        o["reward"] = row.reward;
        o["component"] = row.component;
        o["value"] = json_number(row.value);
        o["target"] = json_number(row.target);
        o["completion"] = json_number(row.completion);
        o["score"] = json_number(row.score);
        o["weight"] = json_number(row.weight);
        o["contribution"] = json_number(row.contribution);
        o["amount_fen"] = row.amount_fen ? json::value(*row.amount_fen) : json::value(nullptr);
        o["amount_yuan"] = row.amount_fen ? json::value(format_yuan(*row.amount_fen)) : json::value(nullptr);
        o["text"] = row.text;
        o["detail"] = row.detail;
        rows.push_back(std::move(o));
    }
    root["rows"] = std::move(rows);
    out << json_line(root);
}

}  // namespace merit::report
