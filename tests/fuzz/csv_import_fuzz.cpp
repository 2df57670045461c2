// libFuzzer target: one table's CSV bytes through the importer's parse and
// check (import_table_file), against a workspace holding the telecom sample so
// that references can resolve. The first byte picks the table (modulo the
// nine input tables); the rest is the file. Each input runs in a transaction
// that is never committed, so every input sees the same workspace.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <span>
#include <string>

#include "import/id_sets.hpp"
#include "import/importer.hpp"
#include "import/problem_list.hpp"
#include "import/table_import.hpp"
#include "import/table_specs.hpp"
#include "store/sqlite.hpp"
#include "store/workspace.hpp"

namespace {

struct Scratch {
    std::filesystem::path dir;
    std::filesystem::path file;
    merit::Workspace workspace;
};

std::filesystem::path scratch_dir() {
    const std::filesystem::path dir =
        std::filesystem::temp_directory_path() / ("merit-csv-fuzz-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    return dir;
}

Scratch& scratch() {
    static Scratch s = [] {
        const std::filesystem::path dir = scratch_dir();
        merit::Workspace workspace = merit::Workspace::create(dir / "fuzz.merit");
        merit::import_directory(workspace, std::filesystem::path(MERIT_SOURCE_DIR) / "config/samples/telecom",
                                merit::ImportOptions{});
        return Scratch{dir, dir / "input.csv", std::move(workspace)};
    }();
    return s;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size == 0) return 0;
    Scratch& s = scratch();
    const std::span<const merit::TableSpec> tables = merit::table_specs();
    const merit::TableSpec& table = tables[data[0] % tables.size()];
    {
        std::ofstream out(s.file, std::ios::binary | std::ios::trunc);
        out.write(reinterpret_cast<const char*>(data + 1), static_cast<std::streamsize>(size - 1));
    }
    sqlite3* db = s.workspace.db();
    merit::ImportOptions options;
    merit::ProblemList problems(options.max_errors);
    merit::IdSets ids(db);
    merit::ImportContext ctx{db, problems, ids, options};
    const merit::Transaction rolled_back(db);
    (void)merit::import_table_file(ctx, table, s.file);
    (void)problems.text();
    return 0;
}
