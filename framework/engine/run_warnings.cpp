#include "engine/run_warnings.hpp"

#include <fmt/format.h>

#include <map>

namespace merit {

std::vector<RunWarning> null_column_warnings(const Scheme& scheme, const RunResult& run) {
    const size_t managers = run.managers.size();
    if (managers == 0) return {};
    std::map<std::string, size_t> nulls;
    for (const IndicatorResult& x : run.indicators)
        if (!x.value) ++nulls[x.indicator];
    std::vector<RunWarning> out;
    for (const ColumnSpec* column : scheme.columns()) {
        const auto it = nulls.find(column->id);
        if (it == nulls.end()) continue;
        const size_t count = it->second;
        const std::string named = column->name.empty() ? fmt::format("'{}'", column->id)
                                                       : fmt::format("'{}' ({})", column->id, column->name);
        if (count >= managers) {
            out.push_back(
                {column->path, fmt::format("{} is null for every manager in scope ({} of {}): the data "
                                           "it reads may not be imported yet",
                                           named, count, managers)});
        } else if (static_cast<double>(count) > scheme.max_null_share * static_cast<double>(managers)) {
            out.push_back({column->path,
                           fmt::format("{} is null for {} of {} managers in scope ({:.0f}%), more than "
                                       "data_checks.max_null_share {}",
                                       named, count, managers, 100.0 * static_cast<double>(count) / managers,
                                       scheme.max_null_share)});
        }
    }
    return out;
}

std::vector<RunWarning> as_run_warnings(const std::vector<std::string>& lines) {
    std::vector<RunWarning> out;
    for (const std::string& line : lines) {
        const size_t colon = line.find(": ");
        if (colon == std::string::npos)
            out.push_back({"", line});
        else
            out.push_back({line.substr(0, colon), line.substr(colon + 2)});
    }
    return out;
}

std::string warning_line(const RunWarning& warning) {
    return warning.path.empty() ? warning.message : warning.path + ": " + warning.message;
}

}  // namespace merit
