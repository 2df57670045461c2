// `merit report --format html --out DIR`: one self-contained index.html with
// the overview charts, the sortable ranking and every manager's statement.
#pragma once

#include <filesystem>
#include <string>

#include "report/report_model.hpp"

namespace merit::report {

std::string render_html(const Report& report);
// Creates DIR if needed and writes DIR/index.html; returns that path.
std::filesystem::path write_html(const Report& report, const std::filesystem::path& dir);

}  // namespace merit::report
