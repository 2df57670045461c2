// A stored run with its scheme's labels, ready for any report format: lines
// in the scheme's order, pay columns, labels in the chosen language.
#pragma once

#include <sqlite3.h>

#include <map>
#include <string>
#include <vector>

#include "report/report_text.hpp"
#include "report/run_data.hpp"
#include "report/scheme_labels.hpp"

namespace merit::report {

struct Report {
    RunData data;
    SchemeLabels scheme;
    Lang lang = Lang::zh;
    // The scheme's dimensions, then any the run stored that the scheme does not name.
    std::vector<std::string> dimension_ids;
    std::vector<PayColumn> pay_columns;

    const ReportText& text() const { return report_text(lang); }
    std::string dimension_label(const std::string& id) const { return scheme.dimension_label(id, lang); }
    // In Chinese the name the run stored, else the scheme's; in English the id made readable.
    std::string indicator_label(const IndicatorResult& line) const;
    std::string dimension_label(const DimensionResult& line) const;
    std::string adjustment_label(const AdjustmentResult& line) const;
    // A pay line's and a decision's label: its reward's name in the language
    // (SchemeLabels::reward_label); for a reward with several pay codes (or
    // decision kinds) in the run, followed by " · " and the calculator's
    // label (the code, made readable in English when the label is not ASCII).
    std::string pay_label(const std::string& reward, const std::string& code,
                          const std::string& stored_label) const;
    std::string decision_label(const std::string& reward, const std::string& kind) const;
    // Per reward: how many distinct pay codes and decision kinds the run has.
    std::map<std::string, size_t> pay_codes_of, decision_kinds_of;
    // The manager's role: its roles.csv name in the language, else the
    // built-in role's, else the id (made readable in English).
    std::string role_label(const ManagerResult& m) const;
    std::string title() const;
    // 草稿 / 已定稿 / 已被取代 (DRAFT / FINAL / SUPERSEDED), and the sentence a
    // page shows with it ("run 5 is the run that counts").
    std::string standing_label() const;
    std::string standing_notice() const;
};

Report build_report(RunData data, Lang lang);
Report load_report(sqlite3* db, int64_t run_id, Lang lang);

}  // namespace merit::report
