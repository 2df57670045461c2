// The fact columns a run read, kept by the facts' version (issue 24) and
// read back by the next run of the same facts: the stored form parses back
// to the same columns, a damaged one is never used, and a change of facts
// is never answered with columns of the facts before it.
#include <gtest/gtest.h>

#include "data/stored_fact_columns.hpp"
#include "data/workspace_data_services.hpp"
#include "import/importer.hpp"
#include "import/scratch_workspace.hpp"
#include "store/sqlite.hpp"

namespace merit {
namespace {

using testing::ScratchWorkspace;

FactColumns two_customers() {
    FactColumns columns;
    columns.ids = {"C1", "C10", "C2"};
    columns.begin = {0, 2, 3, 5};
    columns.facts = {{100, 1.5}, {131, -2.25}, {100, 1e15}, {90, 0.1}, {91, 0.2}};
    return columns;
}

bool same(const FactColumns& a, const FactColumns& b) {
    if (a.ids != b.ids || a.begin != b.begin || a.facts.size() != b.facts.size()) return false;
    for (size_t i = 0; i < a.facts.size(); ++i)
        if (a.facts[i].day != b.facts[i].day || a.facts[i].value != b.facts[i].value) return false;
    return true;
}

TEST(StoredFactColumns, TheStoredFormParsesBackToTheSameColumns) {
    const std::string bytes = serialize_fact_columns(two_customers());
    // 4 + 16 header, 3 x 8 lengths, 7 bytes of ids, 5 x 12 facts.
    EXPECT_EQ(bytes.size(), 4u + 16 + 24 + 7 + 60);
    const auto parsed = parse_fact_columns(bytes);
    ASSERT_TRUE(parsed);
    EXPECT_TRUE(same(*parsed, two_customers()));
    EXPECT_TRUE(parse_fact_columns(serialize_fact_columns(FactColumns{{}, {0}, {}})));
}

TEST(StoredFactColumns, ADamagedFormIsNotUsed) {
    const std::string good = serialize_fact_columns(two_customers());
    EXPECT_FALSE(parse_fact_columns(""));
    EXPECT_FALSE(parse_fact_columns("MFC2" + good.substr(4)));          // another format
    EXPECT_FALSE(parse_fact_columns(good.substr(0, good.size() - 1)));  // cut short
    EXPECT_FALSE(parse_fact_columns(good + "x"));                       // trailing bytes
    std::string huge = good;
    huge[4 + 8 + 5] = '\x7f';  // a fact count of about 2^47: refused before allocating
    EXPECT_FALSE(parse_fact_columns(huge));
    FactColumns unordered = two_customers();
    std::swap(unordered.ids[0], unordered.ids[2]);  // C2 before C1
    EXPECT_FALSE(parse_fact_columns(serialize_fact_columns(unordered)));
    FactColumns undated = two_customers();
    std::swap(undated.facts[0], undated.facts[1]);  // C1's days out of order
    EXPECT_FALSE(parse_fact_columns(serialize_fact_columns(undated)));
}

class KeptFactColumns : public ::testing::Test {
protected:
    void SetUp() override {
        import({{"org_units.csv", "id,name\nB1,Branch\n"},
                {"managers.csv", "id,name,org_unit_id\nM1,Wang,B1\n"},
                {"customers.csv", "id\nC1\nC2\n"},
                {"assignments.csv", "customer_id,manager_id\nC1,M1\nC2,M1\n"},
                { "facts.csv",
                  "entity,entity_id,metric,date,value\ncustomer,C1,deposit,2026-07-01,100\n"
                  "customer,C2,deposit,2026-07-02,5\n" }});  // version 1
    }
    void import(const std::vector<std::pair<std::string, std::string>>& files) {
        const std::string sub = "v" + std::to_string(++imports_) + "/";
        std::vector<std::filesystem::path> paths;
        for (const auto& [name, text] : files) paths.push_back(s.write(sub + name, text));
        import_files(s.ws(), paths, {});
    }
    // What a run does: read the columns, then keep those read from the table.
    FactColumns read_as_a_run() {
        WorkspaceDataServices services(s.ws());
        merit_fact_query q{};
        q.struct_size = sizeof q;
        q.metric = "deposit";
        q.aggregation = MERIT_AGG_SUM;
        q.source = MERIT_SOURCE_CUSTOMERS;
        q.period = "2026-07";
        const char* ids[] = {"M1"};
        merit_scope scope{};
        scope.struct_size = sizeof scope;
        scope.count = 1;
        scope.manager_ids = ids;
        double out = 0;
        unsigned char valid = 0;
        services.fact_aggregate(scope, q, &out, &valid);
        Transaction tx(s.ws().db());
        services.keep_fact_columns_read(s.ws().db());
        tx.commit();
        return load_fact_columns(s.ws().db(), "customer", "deposit");
    }
    std::string kept() { return s.dump("SELECT entity, metric, facts_version FROM kept_fact_columns"); }

    ScratchWorkspace s;
    int imports_ = 0;
};

TEST_F(KeptFactColumns, TheNextRunOfTheSameFactsReadsThemBack) {
    EXPECT_EQ(kept(), "");
    const FactColumns first = read_as_a_run();
    EXPECT_EQ(kept(), "customer|deposit|1\n");
    EXPECT_FALSE(first.from_table);  // kept by the run, read back
    EXPECT_EQ(first.facts_version, 1);
    EXPECT_TRUE(same(first, read_fact_columns(s.ws().db(), "customer", "deposit")));
    // Version 2 changes no fact: its facts' version is still 1.
    import({{ "customers.csv", "id,segment\nC1,vip\nC2,\n" }});
    EXPECT_EQ(facts_version(s.ws().db()), 1);
    EXPECT_FALSE(load_fact_columns(s.ws().db(), "customer", "deposit").from_table);
}

TEST_F(KeptFactColumns, ChangedFactsAreReadFromTheTableAndReplaceTheOldColumns) {
    read_as_a_run();
    import(
        {{ "facts.csv",
           "entity,entity_id,metric,date,value\ncustomer,C1,deposit,2026-07-01,300\n" }});  // 2
    EXPECT_EQ(facts_version(s.ws().db()), 2);
    const FactColumns changed = load_fact_columns(s.ws().db(), "customer", "deposit");
    EXPECT_TRUE(changed.from_table);
    EXPECT_EQ(changed.facts[0].value, 300);
    read_as_a_run();
    EXPECT_EQ(kept(), "customer|deposit|2\n");  // version 1's columns dropped
}

TEST_F(KeptFactColumns, DamagedKeptColumnsAreNotUsed) {
    read_as_a_run();
    exec(s.ws().db(), "UPDATE kept_fact_columns SET columns = x'00'");
    const FactColumns read = load_fact_columns(s.ws().db(), "customer", "deposit");
    EXPECT_TRUE(read.from_table);
    EXPECT_EQ(read.facts[0].value, 100);
}

}  // namespace
}  // namespace merit
