// The data contract for people (issue 21 point 7): every input table, its
// columns with type, whether required, key, default and allowed values or
// the table a value must name, and an example from a shipped sample, as
// Markdown — rendered from the same specs the importer checks with, so it
// cannot drift from what `merit import` accepts.
#pragma once

#include <filesystem>
#include <string>

namespace merit {

// `samples` is the shipped config/samples directory (its banking set gives
// the examples; a table without a sample file has none).
std::string csv_reference_markdown(const std::filesystem::path& samples);

}  // namespace merit
