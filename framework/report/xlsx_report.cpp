#include "report/xlsx_report.hpp"

#include <fmt/format.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <boost/json.hpp>
#include <cmath>
#include <map>
#include <memory>

#include "common/errors.hpp"
#include "common/text_width.hpp"
#include "report/report_files.hpp"

namespace merit::report {
namespace {

namespace json = boost::json;

// Excel refuses cells longer than this many characters.
constexpr size_t kMaxCellBytes = 32000;

struct Formats {
    lxw_format* header;
    lxw_format* text;
    lxw_format* bold;
    lxw_format* score;
    lxw_format* score_bold;
    lxw_format* yuan;
    lxw_format* yuan_bold;
    lxw_format* percent;
    lxw_format* integer;
    lxw_format* whole;   // "#,##0"
    lxw_format* number;  // "#,##0.####": would show a whole number as "85." (the point stays)

    // The format that shows `value` as it reads: 0 as "0", 85 as "85", 0.5 as "0.5".
    lxw_format* plain(std::optional<double> value) const {
        return value && std::round(*value) == std::round(*value * 1e4) / 1e4 ? whole : number;
    }
};

Formats make_formats(lxw_workbook* wb) {
    auto make = [wb](const char* num_format, bool bold) {
        lxw_format* f = workbook_add_format(wb);
        if (num_format) format_set_num_format(f, num_format);
        if (bold) format_set_bold(f);
        return f;
    };
    Formats f{};
    f.header = make(nullptr, true);
    format_set_bg_color(f.header, 0xDDE5F0);
    format_set_bottom(f.header, LXW_BORDER_THIN);
    f.text = nullptr;
    f.bold = make(nullptr, true);
    f.score = make("0.00", false);
    f.score_bold = make("0.00", true);
    f.yuan = make("#,##0.00", false);
    f.yuan_bold = make("#,##0.00", true);
    f.percent = make("0.0%", false);
    f.integer = make("0", false);
    f.whole = make("#,##0", false);
    f.number = make("#,##0.####", false);
    return f;
}

// Writes cells and remembers how wide each column's content is.
class Sheet {
public:
    Sheet(lxw_workbook* wb, std::string_view name)
        : ws_(workbook_add_worksheet(wb, std::string(name).c_str())) {
        if (!ws_) throw UserError(fmt::format("cannot add worksheet {}", name));
    }

    // Always a string cell: text that starts with = + - @ is not a formula.
    void text(lxw_row_t row, lxw_col_t col, std::string_view value, lxw_format* format = nullptr) {
        const std::string cell(utf8_prefix(value, kMaxCellBytes));
        if (cell.empty()) return;
        worksheet_write_string(ws_, row, col, cell.c_str(), format);
        fit(col, display_width(cell));
    }
    void number(lxw_row_t row, lxw_col_t col, std::optional<double> value, lxw_format* format,
                size_t shown_width = 10) {
        if (!value) return;
        worksheet_write_number(ws_, row, col, *value, format);
        fit(col, shown_width);
    }
    void header(lxw_row_t row, const std::vector<std::string>& titles, lxw_format* format) {
        for (size_t c = 0; c < titles.size(); ++c) text(row, static_cast<lxw_col_t>(c), titles[c], format);
    }
    // Freezes the header row (and `columns` key columns), filters, sizes.
    void finish(lxw_row_t header_row, lxw_col_t columns, lxw_row_t last_row, lxw_col_t last_col) {
        worksheet_freeze_panes(ws_, header_row + 1, columns);
        if (last_row > header_row) worksheet_autofilter(ws_, header_row, 0, last_row, last_col);
        for (const auto& [col, width] : widths_) {
            // +2 for the filter button; long free text is capped and wraps in Excel's view.
            const double w = std::clamp(static_cast<double>(width) + 2.0, 6.0, 60.0);
            worksheet_set_column(ws_, col, col, w, nullptr);
        }
    }
    lxw_worksheet* raw() { return ws_; }

private:
    void fit(lxw_col_t col, size_t width) {
        auto& w = widths_[col];
        w = std::max(w, width);
    }
    lxw_worksheet* ws_;
    std::map<lxw_col_t, size_t> widths_;
};

std::optional<double> yuan(int64_t fen) {
    return static_cast<double>(fen) / 100.0;
}
std::optional<double> as_double(const std::optional<int64_t>& v) {
    return v ? std::optional<double>(static_cast<double>(*v)) : std::nullopt;
}

void write_overview(const Report& r, lxw_workbook* wb, const Formats& f) {
    const auto& t = r.text();
    Sheet s(wb, t.overview);
    std::vector<std::string> titles = {std::string(t.rank),    std::string(t.manager_id),
                                       std::string(t.manager), std::string(t.org_unit),
                                       std::string(t.role),    std::string(t.grade)};
    for (const auto& d : r.dimension_ids) titles.push_back(r.dimension_label(d));
    for (const auto text : {t.base_total, t.total, t.rating, t.rank_in_unit, t.vetoed})
        titles.emplace_back(text);
    for (const auto& p : r.pay_columns)
        titles.push_back(r.pay_label(p.reward, p.code, p.label) + " (" + std::string(t.amount) + ")");
    titles.emplace_back(t.pay_total);
    s.header(0, titles, f.header);

    lxw_row_t row = 1;
    for (const auto& m : r.data.managers) {
        lxw_col_t c = 0;
        s.number(row, c++, as_double(m.rank), f.integer, 4);
        s.text(row, c++, m.manager_id);
        s.text(row, c++, m.name);
        s.text(row, c++, m.org_unit_name);
        s.text(row, c++, r.role_label(m));
        s.text(row, c++, m.grade);
        for (const auto& d : r.dimension_ids) {
            const auto* line = m.dimension(d);
            s.number(row, c++, line ? std::optional<double>(line->score) : std::nullopt, f.score, 6);
        }
        s.number(row, c++, m.base_total, f.score, 6);
        s.number(row, c++, m.total, f.score_bold, 6);
        s.text(row, c++, m.rating.empty() ? std::string(t.unrated) : m.rating);
        s.number(row, c++, as_double(m.rank_in_unit), f.integer, 4);
        s.text(row, c++, m.vetoed ? t.yes : t.no);
        for (const auto& p : r.pay_columns) s.number(row, c++, yuan(m.pay_for(p.reward, p.code)), f.yuan, 12);
        s.number(row, c++, yuan(m.pay_fen), f.yuan_bold, 12);
        ++row;
    }
    s.finish(0, 3, row - 1, static_cast<lxw_col_t>(titles.size() - 1));
}

// Columns of the statements sheet.
enum StatementColumn : lxw_col_t {
    kId,
    kName,
    kKind,
    kItem,
    kDimension,
    kValue,
    kTarget,
    kCompletion,
    kScore,
    kWeight,
    kContribution,
    kAmount,
    kDetail,
    kColumnCount
};

// The review's comment, interview notes, plan items and calibration lines,
// as lines of the manager's statement.
template <typename Start>
void write_review_rows(const ReportText& t, const ReviewNotes& notes, const Start& start, Sheet& s,
                       lxw_row_t& row) {
    if (!notes.supervisor_comment.empty()) {
        start(t.kind_comment, std::string(t.supervisor_comment));
        s.text(row++, kDetail, notes.supervisor_comment);
    }
    if (!notes.interview_notes.empty()) {
        start(t.kind_comment, std::string(t.interview_notes));
        s.text(row++, kDetail, notes.interview_notes);
    }
    for (const auto& p : notes.plans) {
        start(t.kind_plan, std::string(p.kind == "improvement" ? t.plan_improvement : t.plan_development));
        s.text(row, kValue, p.due);
        s.text(row++, kDetail, p.text);
    }
    for (const auto& c : notes.calibration) {
        start(t.kind_calibration,
              std::string(c.kind == "total" ? t.calibration_total : t.calibration_rating));
        s.text(row, kValue, c.from + " → " + c.to);
        s.text(row++, kDetail, fmt::format("{} ({} · {})", c.reason, c.by, c.at));
    }
}

void write_statements(const Report& r, lxw_workbook* wb, const Formats& f) {
    const auto& t = r.text();
    Sheet s(wb, t.statements);
    s.header(0,
             {std::string(t.manager_id), std::string(t.manager), std::string(t.kind), std::string(t.item),
              std::string(t.dimension), std::string(t.value), std::string(t.target),
              std::string(t.completion), std::string(t.score), std::string(t.weight),
              std::string(t.contribution), std::string(t.amount), std::string(t.basis)},
             f.header);
    lxw_row_t row = 1;
    for (const auto& m : r.data.managers) {
        auto start = [&](std::string_view kind, const std::string& item, lxw_format* format = nullptr) {
            s.text(row, kId, m.manager_id, format);
            s.text(row, kName, m.name, format);
            s.text(row, kKind, kind, format);
            s.text(row, kItem, item, format);
        };
        start(t.kind_result, std::string(t.total), f.bold);
        s.number(row, kScore, m.total, f.score_bold);
        s.number(row, kAmount, yuan(m.pay_fen), f.yuan_bold, 12);
        std::string summary = fmt::format("{} {}", t.rating, m.rating.empty() ? t.unrated : m.rating);
        if (!m.band_reason.empty()) summary += fmt::format(" ({})", m.band_reason);
        summary += fmt::format(" · {} {}", t.rank, m.rank);
        if (m.vetoed) summary += fmt::format(" · {}", t.vetoed);
        s.text(row++, kDetail, summary, f.bold);
        for (const auto& d : m.dimensions) {
            start(t.kind_dimension, r.dimension_label(d));
            s.number(row, kScore, d.score, f.score);
            s.number(row, kWeight, weight_fraction(d.weight), f.percent);
            s.number(row++, kContribution, d.contribution, f.score);
        }
        for (const auto& i : m.indicators) {
            start(i.kind == "input" ? t.kind_input : t.kind_indicator, r.indicator_label(i));
            if (!i.dimension.empty()) s.text(row, kDimension, r.dimension_label(i.dimension));
            s.number(row, kValue, i.value, f.plain(i.value), 12);
            s.number(row, kTarget, i.target, f.plain(i.target), 12);
            s.number(row, kCompletion, completion_of(i), f.percent);
            s.number(row, kScore, i.score, f.score);
            if (i.kind != "input") {
                s.number(row, kWeight, weight_fraction(i.weight), f.percent);
                s.number(row, kContribution, i.contribution, f.score);
            }
            ++row;
        }
        for (const auto& a : m.adjustments) {
            start(t.kind_adjustment, r.adjustment_label(a));
            s.number(row, kValue, a.points, f.score);
            s.text(row++, kDetail, a.detail);
        }
        for (const auto& p : m.pay) {
            start(t.kind_pay, r.pay_label(p.reward, p.code, p.label));
            s.number(row, kAmount, yuan(p.amount_fen), f.yuan, 12);
            s.text(row++, kDetail, p.basis);
        }
        for (const auto& d : m.decisions) {
            start(t.kind_decision, r.decision_label(d.reward, d.kind));
            s.text(row, kValue, d.value);
            s.text(row++, kDetail, d.reason);
        }
        write_review_rows(t, m.review, start, s, row);
    }
    s.finish(0, 2, row - 1, kColumnCount - 1);
}

void write_parameters(const Report& r, lxw_workbook* wb, const Formats& f) {
    const auto& t = r.text();
    Sheet s(wb, t.parameters);
    s.header(0, {std::string(t.path), std::string(t.owner), std::string(t.key), std::string(t.value)},
             f.header);
    lxw_row_t row = 1;
    for (const auto& p : r.scheme.parameters) {
        s.text(row, 0, p.path);
        s.text(row, 1, p.owner);
        s.text(row, 2, p.key);
        if (p.number)
            s.number(row, 3, p.number, f.plain(p.number), p.text.size());
        else
            s.text(row, 3, p.text);
        ++row;
    }
    s.finish(0, 1, row - 1, 3);
}

// plugins_json is whatever the engine recorded: each plugin on its own row,
// an object's members as "key=value".
std::vector<std::string> plugin_lines(const std::string& plugins_json) {
    std::vector<std::string> out;
    boost::system::error_code ec;
    const json::value v = json::parse(plugins_json, ec);
    if (ec) return {plugins_json};
    auto describe = [](const json::value& item) {
        if (!item.is_object()) return json::serialize(item);
        std::string line;
        for (const auto& member : item.get_object()) {
            if (!line.empty()) line += "  ";
            line += std::string(member.key()) + "=" +
                    (member.value().is_string() ? std::string(member.value().get_string())
                                                : json::serialize(member.value()));
        }
        return line;
    };
    if (v.is_array()) {
        for (const auto& item : v.get_array()) out.push_back(describe(item));
    } else if (v.is_object()) {
        for (const auto& member : v.get_object())
            out.push_back(std::string(member.key()) + ": " + describe(member.value()));
    } else {
        out.push_back(json::serialize(v));
    }
    return out;
}

void write_run_info(const Report& r, lxw_workbook* wb, const Formats& f) {
    const auto& t = r.text();
    const auto& run = r.data.run;
    Sheet s(wb, t.run_info);
    s.header(0, {std::string(t.field), std::string(t.value)}, f.header);
    lxw_row_t row = 1;
    auto field = [&](std::string_view name, const std::string& value) {
        s.text(row, 0, name, f.bold);
        s.text(row++, 1, value);
    };
    s.text(row, 0, t.run_id, f.bold);
    s.number(row++, 1, static_cast<double>(run.id), f.integer);
    field(t.scheme_id, run.scheme_id);
    field(t.scheme_title, r.scheme.title);
    field(t.scheme_file, run.scheme_path);
    field(t.scheme_hash, run.scheme_hash);
    field(t.period, run.period);
    field(t.first_day, run.first_day);
    field(t.last_day, run.last_day);
    field(t.status, r.standing_label() + " · " + r.standing_notice());
    field(t.created_at, run.created_at);
    field(t.finalized_at, run.finalized_at.value_or(""));
    field(t.finalized_by, run.finalized_by.value_or(""));
    field(t.finalize_reason, run.finalize_reason.value_or(""));
    if (run.supersedes) field(t.supersedes, std::to_string(*run.supersedes));
    if (run.superseded_by) field(t.superseded_by, std::to_string(*run.superseded_by));
    field(t.input_fingerprint, run.input_fingerprint);
    field(t.results_digest, run.results_digest);
    s.text(row, 0, t.manager_count, f.bold);
    s.number(row++, 1, static_cast<double>(run.manager_count), f.integer);
    for (const auto& line : plugin_lines(run.plugins_json)) field(t.plugins, line);
    for (const auto& warning : r.data.warnings) field(t.data_warnings, warning_line(warning));
    s.finish(0, 1, row - 1, 1);
}

}  // namespace

namespace {

// Written to `temp`; errors name `file`, the report the user asked for.
void write_workbook(const Report& report, const std::filesystem::path& temp,
                    const std::filesystem::path& file) {
    // constant_memory off: the statements sheet is written row by row anyway,
    // and the default mode lets us set column widths after the data.
    lxw_workbook* wb = workbook_new(temp.string().c_str());
    if (!wb) throw UserError(fmt::format("{}: cannot create workbook", file.string()));
    lxw_doc_properties properties{};
    const std::string title = report.title();
    properties.title = const_cast<char*>(title.c_str());
    properties.author = const_cast<char*>("Merit");
    // Where a spreadsheet shows a file's subject, the run's standing is seen first.
    const std::string subject = report.standing_label();
    properties.subject = const_cast<char*>(subject.c_str());
    workbook_set_properties(wb, &properties);
    try {
        const Formats formats = make_formats(wb);
        write_overview(report, wb, formats);
        write_statements(report, wb, formats);
        write_parameters(report, wb, formats);
        write_run_info(report, wb, formats);
    } catch (...) {
        workbook_close(wb);
        throw;
    }
    if (const lxw_error rc = workbook_close(wb); rc != LXW_NO_ERROR)
        throw UserError(fmt::format("{}: cannot write workbook: {}", file.string(), lxw_strerror(rc)));
}

}  // namespace

void write_xlsx(const Report& report, const std::filesystem::path& file) {
    replace_file(file, [&](const std::filesystem::path& temp) { write_workbook(report, temp, file); });
}

}  // namespace merit::report
