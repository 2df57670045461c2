// `merit report --format csv|json`: the run in long format, one row per
// manager × item, for other systems to load. The columns are documented in
// the README ("Reports"); `kind` and `item` are stable ids, `label` follows
// --lang.
#pragma once

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "report/report_model.hpp"

namespace merit::report {

struct LongRow {
    const ManagerResult* manager = nullptr;
    std::string kind;  // result | dimension | input | indicator | adjustment | pay | decision
    std::string item;
    std::string label;
    std::string dimension;  // an indicator's dimension
    std::string reward;     // a pay line's or decision's reward
    std::string component;  // the provider, calculator, or the adjustment's kind
    std::optional<double> value, target, completion, score, weight, contribution;
    std::optional<int64_t> amount_fen;
    std::string text;
    std::string detail;
};

// The column names, in CSV order.
const std::vector<std::string>& long_columns();
std::vector<LongRow> long_rows(const Report& report);

void write_csv(const Report& report, std::ostream& out);
void write_json(const Report& report, std::ostream& out);

}  // namespace merit::report
