#include "report/report_model.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "engine/run_lifecycle.hpp"

namespace merit::report {
namespace {

bool is_ascii(const std::string& text) {
    return std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

}  // namespace

std::string Report::pay_label(const std::string& code, const std::string& stored_label) const {
    if (lang == Lang::zh || (is_ascii(stored_label) && !stored_label.empty())) return stored_label;
    return readable_id(code);
}

std::string Report::indicator_label(const IndicatorLine& line) const {
    if (lang == Lang::zh && !line.name.empty()) return line.name;
    return scheme.indicator_label(line.indicator, lang);
}

std::string Report::dimension_label(const DimensionLine& line) const {
    if (lang == Lang::zh && !line.name.empty()) return line.name;
    return scheme.dimension_label(line.dimension, lang);
}

std::string Report::adjustment_label(const AdjustmentLine& line) const {
    if (lang == Lang::zh && !line.name.empty()) return line.name;
    return scheme.adjustment_label(line.adjustment, lang);
}

std::string Report::title() const {
    return fmt::format("{} · {} · #{}", scheme.title_label(lang), data.run.period, data.run.id);
}

std::string Report::standing_label() const {
    return std::string(merit::standing_label(data.run.standing, lang == Lang::zh));
}

std::string Report::standing_notice() const {
    const auto& t = text();
    if (data.run.standing == "superseded")
        return fmt::format(fmt::runtime(t.superseded_notice), data.run.superseded_by.value_or(0));
    if (data.run.standing == "final") return std::string(t.final_notice);
    return std::string(t.draft_notice);
}

Report build_report(RunData data, Lang lang) {
    Report r;
    r.scheme = parse_scheme_labels(data.run.scheme_json, fmt::format("run {}", data.run.id));
    r.lang = lang;
    r.data = std::move(data);
    for (const auto& d : r.scheme.dimensions) r.dimension_ids.push_back(d.item.id);
    for (const auto& m : r.data.managers)
        for (const auto& d : m.dimensions)
            if (std::find(r.dimension_ids.begin(), r.dimension_ids.end(), d.dimension) ==
                r.dimension_ids.end())
                r.dimension_ids.push_back(d.dimension);
    r.pay_columns = r.data.pay_columns();
    return r;
}

Report load_report(sqlite3* db, int64_t run_id, Lang lang) {
    return build_report(load_run(db, run_id), lang);
}

}  // namespace merit::report
