// The `query` service: reads with bound parameters work; every attempt to
// write, attach, change settings, load code or run two statements is refused
// and the workspace is unchanged.
#include <gtest/gtest.h>

#include "data/contract_views.hpp"
#include "data/workspace_data_services.hpp"
#include "import/importer.hpp"
#include "import/scratch_workspace.hpp"
#include "store/schema.hpp"

namespace merit {
namespace {

using testing::ScratchWorkspace;

class ReadOnlyQuery : public ::testing::Test {
protected:
    void SetUp() override {
        s.write("org_units.csv", "id,name\nB1,Branch\n");
        s.write("managers.csv",
                "id,name,org_unit_id,grade\nM1,Wang,B1,senior\nM2,Li,B1,\nM3,Zhao,B1,junior\n");
        import_directory(s.ws(), s.dir(), {});
    }

    // Rows as "name=value;..." lines.
    std::string run(const std::string& sql, std::vector<merit_value> params = {}) {
        std::string out;
        services.query(sql.c_str(), params.data(), params.size(), &collect, &out);
        return out;
    }

    static int collect(void* user, size_t count, const char* const* names, const merit_value* cells) {
        auto& out = *static_cast<std::string*>(user);
        for (size_t c = 0; c < count; ++c) {
            out += std::string(c ? ";" : "") + names[c] + "=";
            switch (cells[c].kind) {
                case MERIT_VALUE_NULL:
                    out += "null";
                    break;
                case MERIT_VALUE_NUMBER:
                    out += std::to_string(cells[c].number);
                    break;
                default:
                    out += cells[c].string;
            }
        }
        out += "\n";
        return 0;
    }

    std::string refusal(const std::string& sql) {
        try {
            run(sql);
        } catch (const UserError& e) {
            return e.what();
        }
        return "(accepted)";
    }

    static merit_value text(const char* value) {
        merit_value v{};
        v.kind = MERIT_VALUE_STRING;
        v.string = value;
        return v;
    }
    static merit_value number(double value) {
        merit_value v{};
        v.kind = MERIT_VALUE_NUMBER;
        v.number = value;
        return v;
    }

    ScratchWorkspace s;
    WorkspaceDataServices services{s.ws()};
};

TEST_F(ReadOnlyQuery, ReadsWithBoundParameters) {
    EXPECT_EQ(run("SELECT id, grade FROM merit_v1_managers WHERE org_unit_id = ?1 ORDER BY id LIMIT ?2",
                  {text("B1"), number(2)}),
              "id=M1;grade=senior\nid=M2;grade=null\n");
    EXPECT_EQ(run("SELECT count(*) AS n FROM merit_v1_managers"), "n=3.000000\n");
    // A trailing semicolon and comment are still one statement.
    EXPECT_EQ(run("SELECT 1 AS one; -- done"), "one=1.000000\n");
    // Schema-describing pragmas are reads.
    EXPECT_NE(run("PRAGMA table_info(managers)").find("name=grade"), std::string::npos);
}

TEST_F(ReadOnlyQuery, CallbackStopsTheQuery) {
    int rows = 0;
    auto stop_after_one = [](void* user, size_t, const char* const*, const merit_value*) -> int {
        ++*static_cast<int*>(user);
        return 1;
    };
    services.query("SELECT id FROM merit_v1_managers", nullptr, 0, stop_after_one, &rows);
    EXPECT_EQ(rows, 1);
}

TEST_F(ReadOnlyQuery, RefusesEverythingButReading) {
    EXPECT_EQ(refusal("INSERT INTO managers (id, name, org_unit_id) VALUES ('M9', 'X', 'B1')"),
              "query refused: writing to managers is not allowed");
    EXPECT_EQ(refusal("UPDATE managers SET grade = 'x'"),
              "query refused: writing to managers is not allowed");
    EXPECT_EQ(refusal("DELETE FROM managers"), "query refused: writing to managers is not allowed");
    EXPECT_EQ(refusal("DROP TABLE managers"), "query refused: changing the schema is not allowed");
    EXPECT_EQ(refusal("CREATE TABLE x (a)"), "query refused: changing the schema is not allowed");
    EXPECT_EQ(refusal("CREATE TEMP TABLE x (a)"), "query refused: changing the schema is not allowed");
    EXPECT_EQ(refusal("CREATE VIEW v AS SELECT 1"), "query refused: changing the schema is not allowed");
    EXPECT_EQ(refusal("ATTACH DATABASE '/tmp/merit-attack.db' AS evil"),
              "query refused: ATTACH is not allowed");
    EXPECT_EQ(refusal("DETACH DATABASE main"), "query refused: DETACH is not allowed");
    EXPECT_EQ(refusal("PRAGMA journal_mode = DELETE"),
              "query refused: PRAGMA journal_mode is not allowed (only schema-describing pragmas are)");
    EXPECT_EQ(refusal("PRAGMA user_version = 99"),
              "query refused: PRAGMA user_version is not allowed (only schema-describing pragmas are)");
    EXPECT_EQ(refusal("SELECT load_extension('/tmp/evil.so')"),
              "query refused: the function load_extension() is not allowed");
    EXPECT_EQ(refusal("BEGIN"), "query refused: transactions are not allowed");
    EXPECT_EQ(refusal("SELECT 1; DELETE FROM managers"), "query: only one SQL statement is allowed");
    EXPECT_EQ(refusal("SELECT 1; SELECT 2"), "query: only one SQL statement is allowed");
    EXPECT_EQ(refusal("   "), "query: the SQL holds no statement");
    EXPECT_EQ(refusal("SELEC 1"), "query: near \"SELEC\": syntax error");
    // The workspace is as it was.
    EXPECT_EQ(s.dump("SELECT id, grade FROM managers ORDER BY id"), "M1|senior\nM2|∅\nM3|junior\n");
    EXPECT_EQ(s.dump("PRAGMA user_version"), std::to_string(current_schema_version()) + "\n");
    EXPECT_FALSE(std::filesystem::exists("/tmp/merit-attack.db"));
}

// Plugin SQL sees the published contract (the merit_v1_* views), never
// Merit's own tables: a vendor's rule keeps working when storage changes,
// and pay, audit and history stay out of a plugin's reach.
TEST_F(ReadOnlyQuery, ReadsOnlyTheContractViews) {
    const std::string outside =
        " is not part of the data contract: read the merit_v1_* views (PLUGINS.md, "
        "\"SQL views\")";
    for (const char* table :
         {"managers", "runs", "run_pay", "audit_log", "facts_history", "users", "settings"})
        EXPECT_EQ(refusal(std::string("SELECT * FROM ") + table),
                  std::string("query refused: ") + table + outside)
            << table;
    EXPECT_EQ(refusal("SELECT count(*) FROM run_managers"), "query refused: run_managers" + outside);
    // count(*) over a view reaches SQLite's authorizer as a column-less read
    // of the view's table; that row count is all the contract table shows.
    EXPECT_EQ(run("SELECT count(*) AS n FROM managers"), "n=3.000000\n");
    EXPECT_EQ(refusal("SELECT m.id FROM merit_v1_managers m JOIN runs r ON r.id = 1"),
              "query refused: runs" + outside);
    // A CTE borrowing a view's name reads only that view's own table.
    EXPECT_EQ(
        refusal("WITH merit_v1_managers AS (SELECT * FROM run_managers) SELECT * FROM merit_v1_managers"),
        "query refused: run_managers" + outside);
    EXPECT_EQ(refusal("SELECT (SELECT count(*) FROM sqlite_schema)"),
              "query refused: sqlite_schema" + outside);
    // What the contract offers: every view, CTEs over them, schema pragmas.
    EXPECT_EQ(run("WITH u AS (SELECT org_unit_id FROM merit_v1_managers) SELECT count(*) AS n FROM u"),
              "n=3.000000\n");
    EXPECT_NE(run("PRAGMA table_info(merit_v1_assignments)").find("name=valid_to"), std::string::npos);
    EXPECT_NE(refusal("SELECT * FROM pragma_table_info('runs')"), "(accepted)");
    for (const auto& view : contract_views())
        EXPECT_EQ(refusal("SELECT * FROM " + std::string(view.name) + " LIMIT 0"), "(accepted)") << view.name;
}

TEST_F(ReadOnlyQuery, ParameterProblems) {
    std::vector<merit_value> two = {text("a"), text("b")};
    std::string sink;
    EXPECT_THROW(services.query("SELECT ?1", two.data(), two.size(), &collect, &sink), UserError);
    merit_value array{};
    array.kind = MERIT_VALUE_ARRAY;
    EXPECT_THROW(services.query("SELECT ?1", &array, 1, &collect, &sink), UserError);
}

}  // namespace
}  // namespace merit
