#include "report/html_report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>

#include "report/html_assets.hpp"
#include "report/html_text.hpp"
#include "report/report_files.hpp"
#include "report/svg_charts.hpp"

namespace merit::report {
namespace {

// Totals are binned in 10-point steps; a scheme whose scorers cap above 100
// gets one more bin for everything over 100.
std::vector<ColumnBar> total_histogram(const Report& r) {
    std::vector<ColumnBar> bins;
    for (int b = 0; b < 10; ++b) bins.push_back({fmt::format("{}–{}", b * 10, b * 10 + 10), 0});
    bool over = false;
    for (const auto& m : r.data.managers)
        if (m.total > 100) over = true;
    if (over) bins.push_back({">100", 0});
    for (const auto& m : r.data.managers) {
        const double t = m.total;
        const size_t bin = t > 100 ? 10 : static_cast<size_t>(std::clamp(std::floor(t / 10), 0.0, 9.0));
        bins[bin].value += 1;
    }
    return bins;
}

// The rating labels in band order (the scheme's, then any other stored one).
std::vector<std::string> rating_series(const Report& r) {
    std::vector<std::string> series = r.scheme.bands;
    for (const auto& m : r.data.managers) {
        const std::string label = m.rating.empty() ? std::string(r.text().unrated) : m.rating;
        if (std::find(series.begin(), series.end(), label) == series.end()) series.push_back(label);
    }
    return series;
}

size_t rating_index(const Report& r, const std::vector<std::string>& series, const ManagerResult& m) {
    const std::string label = m.rating.empty() ? std::string(r.text().unrated) : m.rating;
    return static_cast<size_t>(std::find(series.begin(), series.end(), label) - series.begin());
}

// Average of each dimension's score per org unit, keyed [unit][dimension].
std::map<std::string, std::map<std::string, double>> unit_dimension_averages(const Report& r) {
    std::map<std::string, std::map<std::string, std::pair<double, int>>> sums;
    for (const auto& m : r.data.managers)
        for (const auto& d : m.dimensions) {
            auto& s = sums[m.org_unit_id][d.dimension];
            s.first += d.score;
            s.second += 1;
        }
    std::map<std::string, std::map<std::string, double>> out;
    for (const auto& [unit, dims] : sums)
        for (const auto& [dim, s] : dims) out[unit][dim] = s.first / s.second;
    return out;
}

double score_scale(const Report& r) {
    double max = 100;
    for (const auto& m : r.data.managers)
        for (const auto& d : m.dimensions) max = std::max(max, d.score);
    return max;
}

std::string rating_badge(const Report& r, const std::vector<std::string>& series, const ManagerResult& m) {
    const std::string label = m.rating.empty() ? std::string(r.text().unrated) : m.rating;
    return fmt::format("<span class=\"rating\" style=\"background:{}\">{}</span>",
                       series_colour(rating_index(r, series, m)), html_escape(label));
}

std::string num_cell(const std::string& shown, const std::optional<double>& sort_value) {
    return fmt::format("<td class=\"num\" data-v=\"{}\">{}</td>",
                       sort_value ? fmt::format("{}", *sort_value) : "", html_escape(shown));
}

std::string text_cell(const std::string& text) {
    return "<td>" + html_escape(text) + "</td>";
}

std::string th(std::string_view text, bool numeric) {
    return fmt::format("<th{}>{}</th>", numeric ? " class=\"num\" data-type=\"num\"" : "", html_escape(text));
}

void render_overview_charts(const Report& r, std::string& out) {
    const auto& t = r.text();
    out += fmt::format(
        "<section class=\"block\" id=\"distribution\"><h2>{}</h2><p class=\"hint\">{}</p>{}</section>\n",
        html_escape(t.histogram), html_escape(t.score_distribution_note),
        svg_columns(total_histogram(r), t.histogram));

    const auto series = rating_series(r);
    std::vector<StackedRow> rows;
    for (const auto& [unit_id, unit_name] : r.data.org_units()) {
        StackedRow row{unit_name, std::vector<double>(series.size(), 0.0)};
        for (const auto& m : r.data.managers)
            if (m.org_unit_id == unit_id) row.values[rating_index(r, series, m)] += 1;
        rows.push_back(std::move(row));
    }
    out += fmt::format("<section class=\"block\" id=\"ratings\"><h2>{}</h2>{}</section>\n",
                       html_escape(t.ratings_by_unit), svg_stacked_rows(series, rows, t.ratings_by_unit));

    const auto averages = unit_dimension_averages(r);
    const double scale = score_scale(r);
    out += fmt::format("<section class=\"block\" id=\"dimensions\"><h2>{}</h2><div class=\"grid2\">",
                       html_escape(t.dimension_by_unit));
    for (const auto& dim : r.dimension_ids) {
        std::vector<HorizontalBar> bars;
        for (const auto& [unit_id, unit_name] : r.data.org_units()) {
            HorizontalBar bar{unit_name, std::nullopt, std::nullopt};
            if (const auto u = averages.find(unit_id); u != averages.end())
                if (const auto d = u->second.find(dim); d != u->second.end()) bar.value = d->second;
            bars.push_back(std::move(bar));
        }
        const std::string label = r.dimension_label(dim);
        out += fmt::format("<figure><h3>{}</h3>{}</figure>", html_escape(label),
                           svg_horizontal_bars(bars, scale, label + " · " + std::string(t.average)));
    }
    out += "</div></section>\n";
}

// What the marks in the ranking mean: every mark on the page has its legend.
std::string ranking_legend(const Report& r) {
    const auto& t = r.text();
    std::string legend = html_escape(t.sort_hint);
    const bool any_veto = std::any_of(r.data.managers.begin(), r.data.managers.end(),
                                      [](const ManagerResult& m) { return m.vetoed; });
    if (any_veto) legend += " · <span class=\"veto\">" + html_escape(t.veto_mark) + "</span>";
    return legend;
}

void render_ranking(const Report& r, std::string& out) {
    const auto& t = r.text();
    const auto series = rating_series(r);
    out += fmt::format(
        "<section class=\"block\" id=\"ranking\"><h2>{}</h2><p class=\"hint legend\">{}</p>"
        "<div class=\"ranking-wrap\"><table class=\"sortable\"><thead><tr>",
        html_escape(t.ranking), ranking_legend(r));
    out += th(t.rank, true) + th(t.manager, false) + th(t.manager_id, false) + th(t.org_unit, false) +
           th(t.grade, false);
    for (const auto& d : r.dimension_ids) out += th(r.dimension_label(d), true);
    out += th(t.total, true) + th(t.rating, false) + th(t.rank_in_unit, true) + th(t.pay_total, true);
    out += "</tr></thead><tbody>\n";
    for (const auto& m : r.data.managers) {
        out += "<tr>";
        out += num_cell(std::to_string(m.rank), static_cast<double>(m.rank));
        out += fmt::format("<td data-v=\"{}\"><a href=\"#{}\">{}</a></td>", html_escape(m.name),
                           statement_anchor(m.manager_id), html_escape(m.name));
        out += text_cell(m.manager_id) + text_cell(m.org_unit_name) + text_cell(m.grade);
        for (const auto& d : r.dimension_ids) {
            const auto* line = m.dimension(d);
            const auto score = line ? std::optional<double>(line->score) : std::nullopt;
            out += num_cell(fixed2(score), score);
        }
        out += num_cell(fixed2(m.total), m.total);
        out += fmt::format("<td data-v=\"{}\">{}{}</td>", m.band_index, rating_badge(r, series, m),
                           m.vetoed ? " <span class=\"veto\">✕</span>" : "");
        out += num_cell(std::to_string(m.rank_in_unit), static_cast<double>(m.rank_in_unit));
        out += num_cell(yuan_grouped(m.pay_fen), static_cast<double>(m.pay_fen));
        out += "</tr>\n";
    }
    out += "</tbody></table></div></section>\n";
}

std::string_view plan_kind_label(const ReportText& t, const std::string& kind) {
    if (kind == "improvement") return t.plan_improvement;
    if (kind == "development") return t.plan_development;
    return kind;
}

// The review's comment, interview notes, plan and calibration lines.
void render_review_notes(const Report& r, const ReviewNotes& notes, std::string& out) {
    if (notes.empty()) return;
    const auto& t = r.text();
    out += fmt::format("<section class=\"review\"><h4>{}</h4>", html_escape(t.review));
    if (!notes.supervisor_comment.empty())
        out += fmt::format("<p><strong>{}</strong>: {}</p>", html_escape(t.supervisor_comment),
                           html_escape(notes.supervisor_comment));
    if (!notes.interview_notes.empty())
        out += fmt::format("<p><strong>{}</strong>: {}</p>", html_escape(t.interview_notes),
                           html_escape(notes.interview_notes));
    if (!notes.plans.empty()) {
        out += "<table><thead><tr>" + th(t.plan, false) + th(t.item, false) + th(t.due, false) +
               "</tr></thead><tbody>";
        for (const auto& p : notes.plans)
            out += "<tr>" + text_cell(std::string(plan_kind_label(t, p.kind))) + text_cell(p.text) +
                   text_cell(p.due) + "</tr>";
        out += "</tbody></table>";
    }
    if (!notes.calibration.empty()) {
        out += "<table><thead><tr>" + th(t.calibration, false) + th(t.from_to, false) + th(t.by, false) +
               th(t.reason, false) + "</tr></thead><tbody>";
        for (const auto& c : notes.calibration)
            out += "<tr>" +
                   text_cell(std::string(c.kind == "total" ? t.calibration_total : t.calibration_rating)) +
                   text_cell(c.from + " → " + c.to) + text_cell(c.by + " · " + c.at) + text_cell(c.reason) +
                   "</tr>";
        out += "</tbody></table>";
    }
    out += "</section>";
}

void render_statement(const Report& r, size_t index,
                      const std::map<std::string, std::map<std::string, double>>& avg, double scale,
                      std::string& out) {
    const auto& t = r.text();
    const auto& m = r.data.managers[index];
    const auto series = rating_series(r);
    out += fmt::format("<article class=\"statement\" id=\"{}\"><h3>{} <span class=\"muted\">{}</span></h3>",
                       statement_anchor(m.manager_id), html_escape(m.name), html_escape(m.manager_id));
    out += fmt::format("<p class=\"summary\">{} · {} · {}{}", html_escape(m.org_unit_name),
                       html_escape(r.role_label(m)),
                       m.grade.empty() ? "" : html_escape(t.grade) + " " + html_escape(m.grade) + " · ",
                       html_escape(t.total));
    out += fmt::format(" <strong>{}</strong> {}", html_escape(fixed2(m.total)), rating_badge(r, series, m));
    out += fmt::format(" · {} {}", html_escape(t.rank), m.rank);
    out += fmt::format(" · {} {}", html_escape(t.rank_in_unit), m.rank_in_unit);
    if (!m.band_reason.empty())
        out += fmt::format(" <span class=\"muted\">({})</span>", html_escape(m.band_reason));
    if (m.vetoed) out += fmt::format(" · <span class=\"veto\">{}</span>", html_escape(t.vetoed));
    out += fmt::format(" · {} <strong>{}</strong></p>", html_escape(t.pay_total), yuan_grouped(m.pay_fen));

    std::vector<HorizontalBar> bars;
    const auto unit_avg = avg.find(m.org_unit_id);
    for (const auto& d : m.dimensions) {
        HorizontalBar bar{r.dimension_label(d), d.score, std::nullopt};
        if (unit_avg != avg.end())
            if (const auto a = unit_avg->second.find(d.dimension); a != unit_avg->second.end())
                bar.marker = a->second;
        bars.push_back(std::move(bar));
    }
    if (!bars.empty())
        out += svg_horizontal_bars(bars, scale, m.name + " · " + std::string(t.kind_dimension),
                                   std::string(t.org_unit) + " " + std::string(t.average));

    if (!m.indicators.empty()) {
        out += "<table><thead><tr>" + th(t.dimension, false) + th(t.kind_indicator, false) +
               th(t.value, true) + th(t.target, true) + th(t.completion, true) + th(t.score, true) +
               th(t.weight, true) + th(t.contribution, true) + "</tr></thead><tbody>";
        for (const auto& i : m.indicators) {
            const std::string unit = !i.unit.empty() && i.unit != "%" ? " " + i.unit : "";
            const std::string dimension =
                i.kind == "input" ? std::string(t.kind_input) : r.dimension_label(i.dimension);
            out += "<tr>" + text_cell(dimension) + text_cell(r.indicator_label(i)) +
                   num_cell(i.value ? display_number(i.value) + unit : "", i.value) +
                   num_cell(display_number(i.target), i.target) +
                   num_cell(percent1(completion_of(i)), completion_of(i)) +
                   num_cell(fixed2(i.score), i.score) +
                   (i.kind == "input"
                        ? std::string("<td></td><td></td>")
                        : num_cell(percent1(weight_fraction(i.weight)), weight_fraction(i.weight)) +
                              num_cell(fixed2(i.contribution), i.contribution)) +
                   "</tr>";
        }
        out += "</tbody></table>";
    }
    if (!m.adjustments.empty()) {
        out += "<table><thead><tr>" + th(t.kind_adjustment, false) + th(t.value, true) + th(t.basis, false) +
               "</tr></thead><tbody>";
        for (const auto& a : m.adjustments)
            out += "<tr>" + text_cell(r.adjustment_label(a)) + num_cell(fixed2(a.points), a.points) +
                   text_cell(a.detail) + "</tr>";
        out += "</tbody></table>";
    }
    if (!m.pay.empty()) {
        out += "<table><thead><tr>" + th(t.kind_pay, false) + th(t.amount, true) + th(t.basis, false) +
               "</tr></thead><tbody>";
        for (const auto& p : m.pay)
            out += "<tr>" + text_cell(r.pay_label(p.reward, p.code, p.label)) +
                   num_cell(yuan_grouped(p.amount_fen), static_cast<double>(p.amount_fen)) +
                   text_cell(p.basis) + "</tr>";
        out += fmt::format("<tr><th>{}</th><td class=\"num\"><strong>{}</strong></td><td></td></tr>",
                           html_escape(t.pay_total), yuan_grouped(m.pay_fen));
        out += "</tbody></table>";
    }
    if (!m.decisions.empty()) {
        out += "<table><thead><tr>" + th(t.kind_decision, false) + th(t.value, false) + th(t.basis, false) +
               "</tr></thead><tbody>";
        for (const auto& d : m.decisions)
            out += "<tr>" + text_cell(r.decision_label(d.reward, d.kind)) + text_cell(d.value) +
                   text_cell(d.reason) + "</tr>";
        out += "</tbody></table>";
    }
    render_review_notes(r, m.review, out);
    if (!m.trace.empty()) {
        out += fmt::format("<details><summary>{} ({})</summary><table><thead><tr>", html_escape(t.trace),
                           m.trace.size());
        out += th("#", true) + th(t.component, false) + th(t.item, false) + th(t.value, true) +
               th(t.basis, false) + "</tr></thead><tbody>";
        for (const auto& line : m.trace)
            out += "<tr>" + num_cell(std::to_string(line.seq), static_cast<double>(line.seq)) +
                   text_cell(line.component) + text_cell(line.name) +
                   num_cell(display_number(line.value), line.value) + text_cell(line.text.value_or("")) +
                   "</tr>";
        out += "</tbody></table></details>";
    }
    out += fmt::format("<p class=\"top-link\"><a href=\"#ranking\">{}</a></p></article>\n",
                       html_escape(t.back_to_top));
}

// The run's standing above everything else: a draft or a superseded run
// must not be mistaken for the record.
void render_standing(const Report& r, std::string& out) {
    const auto& run = r.data.run;
    std::string details;
    const std::string finalized_by = run.finalized_by.value_or("");
    const std::string finalize_reason = run.finalize_reason.value_or("");
    if (!finalized_by.empty())
        details +=
            fmt::format("<span>{}: {}</span>", html_escape(r.text().finalized_by), html_escape(finalized_by));
    if (!finalize_reason.empty())
        details += fmt::format("<span>{}: {}</span>", html_escape(r.text().finalize_reason),
                               html_escape(finalize_reason));
    if (run.supersedes)
        details += fmt::format("<span>{}: {}</span>", html_escape(r.text().supersedes), *run.supersedes);
    out += fmt::format(
        "<p class=\"standing standing-{}\" id=\"standing\" role=\"status\"><strong>{}</strong> {}{}</p>\n",
        run.standing(), html_escape(r.standing_label()), html_escape(r.standing_notice()), details);
    const auto& warnings = r.data.warnings;
    if (warnings.empty()) return;
    out += fmt::format("<section class=\"warnings\" id=\"warnings\"><h2>{}</h2><ul>",
                       html_escape(r.text().data_warnings));
    for (const auto& w : warnings) out += "<li>" + html_escape(warning_line(w)) + "</li>";
    out += "</ul></section>\n";
}

}  // namespace

std::string render_html(const Report& r) {
    const auto& t = r.text();
    const auto& run = r.data.run;
    std::string out;
    out += fmt::format(
        "<!DOCTYPE html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\">"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        "<meta name=\"generator\" content=\"Merit\"><title>{}</title><style>{}</style></head>\n<body>\n",
        r.lang == Lang::zh ? "zh-CN" : "en", html_escape(r.title()), html_stylesheet());
    out += fmt::format(
        "<header class=\"page\"><h1>{}</h1><p>{} {} ({} – {}) · {} {} · {} {} · {} {}</p></header>\n",
        html_escape(r.scheme.title_label(r.lang)), html_escape(t.period), html_escape(run.period),
        html_escape(run.first_day), html_escape(run.last_day), html_escape(t.run_id), run.id,
        html_escape(t.managers), r.data.managers.size(), html_escape(t.created_at),
        html_escape(run.created_at));
    render_standing(r, out);
    out += fmt::format(
        "<nav><a href=\"#distribution\">{}</a><a href=\"#ratings\">{}</a><a href=\"#dimensions\">{}</a>"
        "<a href=\"#ranking\">{}</a><a href=\"#statements\">{}</a></nav>\n<main>\n",
        html_escape(t.histogram), html_escape(t.ratings_by_unit), html_escape(t.dimension_by_unit),
        html_escape(t.ranking), html_escape(t.statements));
    render_overview_charts(r, out);
    render_ranking(r, out);
    const auto averages = unit_dimension_averages(r);
    const double scale = score_scale(r);
    out += fmt::format("<section class=\"block\" id=\"statements\"><h2>{}</h2>\n", html_escape(t.statements));
    for (size_t i = 0; i < r.data.managers.size(); ++i) render_statement(r, i, averages, scale, out);
    out += "</section>\n</main>\n";
    out += fmt::format("<footer>{} · {} {} · {} {}</footer>\n", html_escape(t.generated_by),
                       html_escape(t.scheme_hash), html_escape(run.scheme_hash), html_escape(t.scheme_id),
                       html_escape(run.scheme_id));
    out += fmt::format("<script>{}</script>\n</body></html>\n", html_script());
    return out;
}

void write_html(const Report& report, const std::filesystem::path& file) {
    write_report_text(file, render_html(report));
}

std::string statement_anchor(std::string_view manager_id) {
    std::string out = "manager-";
    for (const char c : manager_id) {
        const auto byte = static_cast<unsigned char>(c);
        if (std::isalnum(byte) || c == '-' || c == '.' || c == '_' || c == '~')
            out += c;
        else
            out += fmt::format("%{:02X}", byte);
    }
    return out;
}

}  // namespace merit::report
