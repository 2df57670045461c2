// What reports need from a run's scheme JSON (config/SCHEMES.md): the names
// of dimensions, indicators, adjustments and rewards in the scheme's order,
// the rating bands, and every parameter the scheme sets.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace merit::report {

enum class Lang { zh, en };

// "zh" or "en"; throws UsageError otherwise.
Lang parse_lang(std::string_view text);

struct NamedItem {
    std::string id;
    std::string name;     // as written in the scheme (usually Chinese); may be empty
    std::string name_en;  // the scheme's English name ("name_en"); may be empty
    std::string unit;     // indicators only
    std::string kind;     // adjustments: veto | deduction
};

struct DimensionInfo {
    NamedItem item;
    double weight = 0;  // percent, as in the scheme
    std::vector<NamedItem> indicators;
};

// One leaf of the scheme JSON: its path, the name of the nearest enclosing
// item that has one, and its value (a number when the JSON holds a number).
struct ParameterRow {
    std::string path;
    std::string owner;
    std::string key;
    std::optional<double> number;
    std::string text;
};

struct SchemeLabels {
    std::string id;
    std::string title;
    std::string period_type;
    std::vector<DimensionInfo> dimensions;
    std::vector<NamedItem> inputs;
    std::vector<NamedItem> adjustments;
    std::vector<NamedItem> rewards;
    std::vector<std::string> bands;  // best first
    std::vector<ParameterRow> parameters;

    // The label shown for an id: the scheme's name in Chinese; in English its
    // name_en, else a readable form of the id ("sales_completion" -> "Sales
    // completion").
    // Unknown ids are shown as they are.
    std::string dimension_label(const std::string& id, Lang lang) const;
    std::string indicator_label(const std::string& id, Lang lang) const;
    std::string adjustment_label(const std::string& id, Lang lang) const;
    std::string reward_label(const std::string& id, Lang lang) const;
    std::string title_label(Lang lang) const;
    const NamedItem* find_indicator(const std::string& id) const;
    // Position of an id in the scheme's order (dimensions, then indicators
    // across dimensions); ids the scheme does not name sort last.
    size_t dimension_order(const std::string& id) const;
    size_t indicator_order(const std::string& id) const;
};

// Tolerant by design: the run already passed validation when it was stored,
// so missing optional parts give empty lists; text that is not JSON at all
// throws UserError naming the run.
SchemeLabels parse_scheme_labels(std::string_view scheme_json, const std::string& origin);

// "sales_completion" -> "Sales completion".
std::string readable_id(std::string_view id);

}  // namespace merit::report
