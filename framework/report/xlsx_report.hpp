// `merit report --format xlsx`: the workbook HR departments work in.
// Sheets: overview (one row per manager), statements (every line of every
// manager), the scheme's parameters, and the run's metadata. Numbers are
// stored as numbers with formats; text is always stored as text, never as a
// formula, whatever it starts with.
#pragma once

#include <filesystem>

#include "report/report_model.hpp"

namespace merit::report {

// Throws UserError naming the file when it cannot be written.
void write_xlsx(const Report& report, const std::filesystem::path& file);

}  // namespace merit::report
