// Where `merit report --out OUT` writes, for every format: a report that is
// one file goes to the file named, and into a directory only when asked for
// one (OUT ends in '/' or is an existing directory), as DIR/run-<id>.<ext>.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string_view>

namespace merit::report {

// The file for run `run_id`'s report with `extension` ("xlsx", "html", ...).
// A directory asked for is created; a file's directory must exist.
std::filesystem::path report_file(const std::filesystem::path& out, int64_t run_id,
                                  std::string_view extension);

// Writes `text` to `file` (replacing it); throws UserError naming the file.
void write_report_text(const std::filesystem::path& file, std::string_view text);

}  // namespace merit::report
