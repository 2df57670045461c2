// Where `merit report --out OUT` writes, for every format: a report that is
// one file goes to the file named, and into a directory only when asked for
// one (OUT ends in '/' or is an existing directory), as DIR/run-<id>.<ext>.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string_view>

namespace merit::report {

// The file for run `run_id`'s report with `extension` ("xlsx", "html", ...).
// A directory asked for is created; a file's directory must exist.
std::filesystem::path report_file(const std::filesystem::path& out, int64_t run_id,
                                  std::string_view extension);

// Every report is written by `write` into a temporary file beside `file`
// (mode 0600: pay data is confidential), flushed to disk and renamed over
// `file`: a kill or a full disk leaves the previous report whole, never a
// truncated one. On failure the temporary file is removed and `file` untouched.
void replace_file(const std::filesystem::path& file,
                  const std::function<void(const std::filesystem::path& temp)>& write);

// Writes `text` to `file` through replace_file; throws UserError naming the file.
void write_report_text(const std::filesystem::path& file, std::string_view text);

}  // namespace merit::report
