#include "report/svg_charts.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>

#include "common/text_width.hpp"
#include "report/html_text.hpp"

namespace merit::report {
namespace {

// Pixels per display column at the 12px chart font (CJK counts as 2).
constexpr double kPixelsPerColumn = 6.5;

double label_width(const std::vector<std::string>& labels) {
    size_t widest = 0;
    for (const auto& l : labels) widest = std::max(widest, display_width(l));
    return std::clamp(static_cast<double>(widest) * kPixelsPerColumn + 12.0, 48.0, 260.0);
}

std::string number_label(double v) {
    return std::fabs(v - std::round(v)) < 1e-9 ? fmt::format("{}", static_cast<long long>(std::llround(v)))
                                               : fmt::format("{:.1f}", v);
}

std::string svg_open(double width, double height, std::string_view title) {
    return fmt::format(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\" viewBox=\"0 0 {:.0f} "
        "{:.0f}\" "
        "width=\"{:.0f}\" height=\"{:.0f}\" aria-label=\"{}\"><title>{}</title>",
        width, height, width, height, html_escape(title), html_escape(title));
}

}  // namespace

std::string_view series_colour(size_t index) {
    static constexpr std::array<std::string_view, 8> kPalette = {"#2e7d32", "#7cb342", "#fbc02d", "#fb8c00",
                                                                 "#e53935", "#8e24aa", "#3949ab", "#00897b"};
    return kPalette[index % kPalette.size()];
}

std::string svg_columns(const std::vector<ColumnBar>& bars, std::string_view title) {
    const double left = 36, top = 16, plot_height = 160, bottom = 36, step = 52, bar_width = 40;
    const double width = left + step * static_cast<double>(bars.size()) + 12;
    const double height = top + plot_height + bottom;
    double max = 1;
    for (const auto& b : bars) max = std::max(max, b.value);
    std::string out = svg_open(width, height, title);
    // y axis with three gridlines
    for (int k = 0; k <= 2; ++k) {
        const double v = max * k / 2.0;
        const double y = top + plot_height - plot_height * v / max;
        out += fmt::format(
            "<line x1=\"{:.1f}\" y1=\"{:.1f}\" x2=\"{:.1f}\" y2=\"{:.1f}\" class=\"grid\"/>"
            "<text x=\"{:.1f}\" y=\"{:.1f}\" class=\"axis\" text-anchor=\"end\">{}</text>",
            left, y, width - 8, y, left - 4, y + 4, number_label(v));
    }
    for (size_t i = 0; i < bars.size(); ++i) {
        const auto& b = bars[i];
        const double x = left + step * static_cast<double>(i) + (step - bar_width) / 2;
        const double h = plot_height * b.value / max;
        const double y = top + plot_height - h;
        out += fmt::format(
            "<g><title>{}: {}</title><rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\" "
            "fill=\"#3f6fb5\"/>",
            html_escape(b.label), number_label(b.value), x, y, bar_width, h);
        if (b.value > 0)
            out += fmt::format(
                "<text x=\"{:.1f}\" y=\"{:.1f}\" class=\"value\" text-anchor=\"middle\">{}</text>",
                x + bar_width / 2, y - 3, number_label(b.value));
        out +=
            fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" class=\"axis\" text-anchor=\"middle\">{}</text></g>",
                        x + bar_width / 2, top + plot_height + 16, html_escape(b.label));
    }
    return out + "</svg>";
}

std::string svg_stacked_rows(const std::vector<std::string>& series, const std::vector<StackedRow>& rows,
                             std::string_view title) {
    std::vector<std::string> labels;
    for (const auto& r : rows) labels.push_back(r.label);
    const double left = label_width(labels), plot_width = 420, row_height = 24, legend_height = 26;
    const double width = left + plot_width + 60;
    const double height = legend_height + row_height * static_cast<double>(rows.size()) + 8;
    double max = 1;
    for (const auto& r : rows) {
        double sum = 0;
        for (const double v : r.values) sum += v;
        max = std::max(max, sum);
    }
    std::string out = svg_open(width, height, title);
    double legend_x = left;
    for (size_t s = 0; s < series.size(); ++s) {
        out += fmt::format(
            "<rect x=\"{:.1f}\" y=\"6\" width=\"12\" height=\"12\" fill=\"{}\"/>"
            "<text x=\"{:.1f}\" y=\"16\" class=\"axis\">{}</text>",
            legend_x, series_colour(s), legend_x + 16, html_escape(series[s]));
        legend_x += 16 + static_cast<double>(display_width(series[s])) * kPixelsPerColumn + 14;
    }
    for (size_t r = 0; r < rows.size(); ++r) {
        const double y = legend_height + row_height * static_cast<double>(r);
        out += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" class=\"axis\" text-anchor=\"end\">{}</text>",
                           left - 6, y + 15, html_escape(rows[r].label));
        double x = left, sum = 0;
        for (size_t s = 0; s < rows[r].values.size() && s < series.size(); ++s) {
            const double v = rows[r].values[s];
            sum += v;
            if (v <= 0) continue;
            const double w = plot_width * v / max;
            out += fmt::format(
                "<g><title>{} · {}: {}</title><rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" "
                "height=\"{:.1f}\" "
                "fill=\"{}\"/>",
                html_escape(rows[r].label), html_escape(series[s]), number_label(v), x, y + 3, w,
                row_height - 6, series_colour(s));
            if (w >= 18)
                out += fmt::format(
                    "<text x=\"{:.1f}\" y=\"{:.1f}\" class=\"inbar\" text-anchor=\"middle\">{}</text>",
                    x + w / 2, y + 16, number_label(v));
            out += "</g>";
            x += w;
        }
        out += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" class=\"value\">{}</text>", x + 4, y + 16,
                           number_label(sum));
    }
    return out + "</svg>";
}

std::string svg_horizontal_bars(const std::vector<HorizontalBar>& bars, double scale_max,
                                std::string_view title, std::string_view marker_note) {
    std::vector<std::string> labels;
    for (const auto& b : bars) labels.push_back(b.label);
    const double left = label_width(labels), plot_width = 300, row_height = 22;
    const double note_height = marker_note.empty() ? 0 : 18;
    const double width = left + plot_width + 56;
    const double height = note_height + row_height * static_cast<double>(bars.size()) + 6;
    const double max = scale_max > 0 ? scale_max : 1;
    std::string out = svg_open(width, height, title);
    if (!marker_note.empty())
        out += fmt::format(
            "<line x1=\"{:.1f}\" y1=\"4\" x2=\"{:.1f}\" y2=\"14\" class=\"marker\"/>"
            "<text x=\"{:.1f}\" y=\"13\" class=\"axis\">{}</text>",
            left, left, left + 6, html_escape(marker_note));
    for (size_t i = 0; i < bars.size(); ++i) {
        const auto& b = bars[i];
        const double y = note_height + row_height * static_cast<double>(i);
        out += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" class=\"axis\" text-anchor=\"end\">{}</text>",
                           left - 6, y + 15, html_escape(b.label));
        out += fmt::format(
            "<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\" class=\"track\"/>", left,
            y + 4, plot_width, row_height - 8);
        if (b.value) {
            const double w = plot_width * std::clamp(*b.value, 0.0, max) / max;
            out += fmt::format(
                "<g><title>{}: {:.2f}</title><rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" "
                "height=\"{:.1f}\" "
                "fill=\"#3f6fb5\"/></g><text x=\"{:.1f}\" y=\"{:.1f}\" class=\"value\">{:.2f}</text>",
                html_escape(b.label), *b.value, left, y + 4, w, row_height - 8, left + plot_width + 4, y + 15,
                *b.value);
        }
        if (b.marker) {
            const double x = left + plot_width * std::clamp(*b.marker, 0.0, max) / max;
            out += fmt::format(
                "<line x1=\"{:.1f}\" y1=\"{:.1f}\" x2=\"{:.1f}\" y2=\"{:.1f}\" class=\"marker\"/>", x, y + 1,
                x, y + row_height - 1);
        }
    }
    return out + "</svg>";
}

}  // namespace merit::report
