// The data contract for people (issue 21 point 7): every input table, its
// columns with type, whether required, key, default and allowed values or
// the table a value must name, and an example from a shipped sample, as
// Markdown — rendered from the same specs the importer checks with, so it
// cannot drift from what `merit import` accepts.
#pragma once

#include <filesystem>
#include <string>

namespace merit {

// `samples` is the shipped config/samples directory: each table's example
// comes from the first sample set (by name) that has its file; a table no
// set has gets none.
std::string csv_reference_markdown(const std::filesystem::path& samples);

}  // namespace merit
