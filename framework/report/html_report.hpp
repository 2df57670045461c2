// `merit report --format html --out FILE.html`: one self-contained page (its
// styles, charts and script inline) with the overview charts, the sortable
// ranking and every manager's statement, anchored by manager id.
#pragma once

#include <filesystem>
#include <string>

#include "report/report_model.hpp"

namespace merit::report {

std::string render_html(const Report& report);
// Writes the page to `file`.
void write_html(const Report& report, const std::filesystem::path& file);
// The anchor of a manager's statement: "manager-" and the id, percent-encoded
// outside A-Z a-z 0-9 - . _ ~, so `page.html#manager-M001` links to it
// whatever the ranking, and any id makes a valid fragment.
std::string statement_anchor(std::string_view manager_id);

}  // namespace merit::report
