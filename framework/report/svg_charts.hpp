// Small inline SVG charts for the HTML report: drawn on the host, so the page
// needs no script or network to show them and prints as it looks.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace merit::report {

struct ColumnBar {
    std::string label;
    double value = 0;
};
// Vertical bars (a histogram when the labels are bins).
std::string svg_columns(const std::vector<ColumnBar>& bars, std::string_view title);

struct StackedRow {
    std::string label;
    std::vector<double> values;  // one per series
};
// One horizontal bar per row, split into the series, with a legend.
std::string svg_stacked_rows(const std::vector<std::string>& series, const std::vector<StackedRow>& rows,
                             std::string_view title);

struct HorizontalBar {
    std::string label;
    std::optional<double> value;
    std::optional<double> marker;  // a tick drawn across the bar (e.g. the unit's average)
};
// Horizontal bars on a 0..scale_max axis; `marker_note` explains the tick.
std::string svg_horizontal_bars(const std::vector<HorizontalBar>& bars, double scale_max,
                                std::string_view title, std::string_view marker_note = {});

// The colour of series `index` (ratings use it best first).
std::string_view series_colour(size_t index);

}  // namespace merit::report
