#include "report/report_model.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "engine/run_lifecycle.hpp"
#include "import/builtin_roles.hpp"

namespace merit::report {
namespace {

bool is_ascii(const std::string& text) {
    return std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

}  // namespace

std::string Report::pay_label(const std::string& reward, const std::string& code,
                              const std::string& stored_label) const {
    const std::string name = scheme.reward_label(reward, lang);
    const auto codes = pay_codes_of.find(reward);
    if (codes == pay_codes_of.end() || codes->second <= 1) return name;
    if (lang == Lang::zh) return name + " · " + (stored_label.empty() ? code : stored_label);
    return name + " · " +
           (is_ascii(stored_label) && !stored_label.empty() ? stored_label : readable_id(code));
}

std::string Report::decision_label(const std::string& reward, const std::string& kind) const {
    const std::string name = scheme.reward_label(reward, lang);
    const auto kinds = decision_kinds_of.find(reward);
    if (kinds == decision_kinds_of.end() || kinds->second <= 1) return name;
    return name + " · " + (lang == Lang::en ? readable_id(kind) : kind);
}

std::string Report::role_label(const ManagerResult& m) const {
    const std::string& declared = lang == Lang::zh ? m.role_name : m.role_name_en;
    if (!declared.empty()) return declared;
    for (const BuiltinRole& role : builtin_roles())
        if (role.id == m.role) return std::string(lang == Lang::zh ? role.name : role.name_en);
    return lang == Lang::en ? readable_id(m.role) : m.role;
}

std::string Report::indicator_label(const IndicatorResult& line) const {
    if (lang == Lang::zh && !line.name.empty()) return line.name;
    return scheme.indicator_label(line.indicator, lang);
}

std::string Report::dimension_label(const DimensionResult& line) const {
    if (lang == Lang::zh && !line.name.empty()) return line.name;
    return scheme.dimension_label(line.dimension, lang);
}

std::string Report::adjustment_label(const AdjustmentResult& line) const {
    if (lang == Lang::zh && !line.name.empty()) return line.name;
    return scheme.adjustment_label(line.adjustment, lang);
}

std::string Report::title() const {
    return fmt::format("{} · {} · #{}", scheme.title_label(lang), data.run.period, data.run.id);
}

std::string Report::standing_label() const {
    return std::string(merit::standing_label(data.run.standing(), lang == Lang::zh));
}

std::string Report::standing_notice() const {
    const auto& t = text();
    if (data.run.standing() == "superseded")
        return fmt::format(fmt::runtime(t.superseded_notice), data.run.superseded_by.value_or(0));
    if (data.run.standing() == "final") return std::string(t.final_notice);
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
    for (const auto& column : r.pay_columns) ++r.pay_codes_of[column.reward];
    std::set<std::pair<std::string, std::string>> kinds;
    for (const auto& m : r.data.managers)
        for (const auto& d : m.decisions)
            if (kinds.insert({d.reward, d.kind}).second) ++r.decision_kinds_of[d.reward];
    return r;
}

Report load_report(sqlite3* db, int64_t run_id, Lang lang) {
    return build_report(load_run(db, run_id), lang);
}

}  // namespace merit::report
