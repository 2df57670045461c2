// The data contract holds for what Merit ships: no plugin or scheme SQL
// names one of Merit's own tables (only the merit_v1_* views), and none uses
// SQLite-only syntax a PostgreSQL backend could not run.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "data/contract_views.hpp"

namespace merit {
namespace {

std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

// The text of every string literal of a file, one per line: where SQL lives
// in a plugin's C++ and in a scheme's JSON (C++ code such as std::max stays
// out of the scan).
std::string string_literals(const std::string& text) {
    static const std::regex literal(R"re("((?:[^"\\\n]|\\.)*)")re");
    std::string out;
    for (auto it = std::sregex_iterator(text.begin(), text.end(), literal); it != std::sregex_iterator();
         ++it)
        out += (*it)[1].str() + "\n";
    return out;
}

// Every shipped plugin source and scheme file.
std::vector<std::filesystem::path> shipped_sql_sources() {
    std::vector<std::filesystem::path> out;
    const std::filesystem::path root(MERIT_SOURCE_DIR);
    for (const auto& entry : std::filesystem::recursive_directory_iterator(root / "plugins"))
        if (entry.path().extension() == ".cpp") out.push_back(entry.path());
    for (const auto& entry : std::filesystem::directory_iterator(root / "config"))
        if (entry.path().string().ends_with(".scheme.json")) out.push_back(entry.path());
    return out;
}

TEST(ShippedSql, NamesOnlyTheContractViews) {
    // FROM / JOIN followed by a table name, inside SQL string literals.
    const std::regex table_reference(R"re(\b(?:FROM|JOIN)\s+([A-Za-z_][A-Za-z0-9_]*))re");
    size_t references = 0;
    for (const auto& file : shipped_sql_sources()) {
        const std::string text = string_literals(read_file(file));
        for (auto it = std::sregex_iterator(text.begin(), text.end(), table_reference);
             it != std::sregex_iterator(); ++it) {
            const std::string table = (*it)[1];
            ++references;
            bool is_view = false;
            for (const auto& view : contract_views()) is_view = is_view || view.name == table;
            EXPECT_TRUE(is_view) << file.string() << ": SQL reads '" << table
                                 << "', which is not a contract view";
        }
    }
    // The scan found the shipped SQL at all: banking's books and the telecom
    // scheme's core.sql (the rest reads services).
    EXPECT_GE(references, 2u);
}

// Rules read through the typed and detail services (plugin API 1.1); only
// the generic vendor-SQL component core.sql and banking's books (the
// holders on a day in key order, cheaper on the view than through
// customer_holdings, and a customer's first assignment of any role, which
// no service gives) call the query service. A new ctx.query elsewhere needs a reason here.
TEST(ShippedSql, OnlyTheGenericComponentsCallTheQueryService) {
    const std::filesystem::path root(MERIT_SOURCE_DIR);
    const std::set<std::string> allowed = {"plugins/core/sql_indicator.cpp", "plugins/banking/portfolio.cpp"};
    std::set<std::string> found;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(root / "plugins")) {
        const auto ext = entry.path().extension();
        if (ext != ".cpp" && ext != ".hpp") continue;
        if (read_file(entry.path()).find(".query(") != std::string::npos)
            found.insert(std::filesystem::relative(entry.path(), root).string());
    }
    for (const auto& file : found) EXPECT_TRUE(allowed.count(file)) << file << " calls the query service";
    EXPECT_TRUE(found.count("plugins/banking/portfolio.cpp"));
}

TEST(ShippedSql, UsesNoSqliteOnlySyntax) {
    // Two-argument max/min (scalar in SQLite only), an empty-string test of
    // an open end (the views give NULL), and a bare column beside max().
    const std::regex two_argument(R"re(\b(?:max|min)\s*\([^()\n]*,)re", std::regex::icase);
    const std::regex empty_end(R"re(valid_to\s*=\s*'')re");
    const std::regex bare_max(R"re(SELECT\s+\w+,\s*\w+,\s*max\()re", std::regex::icase);
    for (const auto& file : shipped_sql_sources()) {
        const std::string text = string_literals(read_file(file));
        EXPECT_FALSE(std::regex_search(text, two_argument)) << file.string() << ": two-argument max/min";
        EXPECT_FALSE(std::regex_search(text, empty_end)) << file.string() << ": valid_to = ''";
        EXPECT_FALSE(std::regex_search(text, bare_max)) << file.string() << ": a bare column beside max()";
    }
}

}  // namespace
}  // namespace merit
