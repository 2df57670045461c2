// Issue 21 point 6, "repeats are data, not errors": a flow fact or an event
// may repeat within a day. A `ref` identifies a row when given (and is then
// its key); without one the day's rows are a multiset, numbered by their
// order in the file (occurrence 1, 2 ...), so importing the same file again
// changes nothing and --replace-period corrects them. A stock fact (a
// balance) stays one value per entity, metric and day. Sums and counts over
// repeats are checked against figures worked out by hand.
#include <gtest/gtest.h>

#include "data/workspace_data_services.hpp"
#include "import/importer.hpp"
#include "import/scratch_workspace.hpp"
#include "store/schema.hpp"
#include "support/old_workspace.hpp"

namespace merit {
namespace {

using testing::ScratchWorkspace;

constexpr const char* kFactsHeader = "entity,entity_id,metric,date,value\n";

class Repeats : public ::testing::Test {
protected:
    void SetUp() override {
        // C1 is M1's customer all the time; fee is a flow, deposit a stock.
        import({{"org_units.csv", "id,name\nB1,Branch\n"},
                {"managers.csv", "id,name,org_unit_id\nM1,Wang,B1\nM2,Li,B1\n"},
                {"customers.csv", "id,segment\nC1,vip\n"},
                {"assignments.csv", "customer_id,manager_id\nC1,M1\n"},
                { "metrics.csv",
                  "metric,kind\nfee,flow\ndeposit,stock\n" }});
    }

    // Imports the files (names relative to a fresh subdirectory) and
    // returns one summary line per table: "facts 3 0 0 1" (inserted,
    // updated, retracted, unchanged).
    std::string import(const std::vector<std::pair<std::string, std::string>>& files,
                       ImportOptions options = {}) {
        const std::string sub = "v" + std::to_string(++imports_) + "/";
        std::vector<std::filesystem::path> paths;
        for (const auto& [name, text] : files) paths.push_back(s.write(sub + name, text));
        std::string out;
        for (const TableSummary& t : import_files(s.ws(), paths, options))
            out += t.table + " " + std::to_string(t.inserted) + " " + std::to_string(t.updated) + " " +
                   std::to_string(t.retracted) + " " + std::to_string(t.unchanged) + "\n";
        return out;
    }

    // The problems of an import that must fail, directory names removed.
    std::string problems(const std::string& name, const std::string& text, ImportOptions options = {}) {
        try {
            import({{ name, text }}, options);
        } catch (const ImportError& e) {
            std::string message = e.what();
            const std::string prefix = s.dir().string() + "/v" + std::to_string(imports_) + "/";
            for (size_t at; (at = message.find(prefix)) != std::string::npos;)
                message.erase(at, prefix.size());
            return message;
        }
        return "";
    }

    // M1's and M2's July figure of `metric`.
    std::vector<double> july(const char* metric, merit_aggregation aggregation) {
        merit_fact_query q{};
        q.struct_size = sizeof q;
        q.metric = metric;
        q.aggregation = aggregation;
        q.source = MERIT_SOURCE_CUSTOMERS;
        std::vector<double> out(2, -1);
        std::vector<unsigned char> valid(2, 9);
        WorkspaceDataServices(s.ws()).fact_aggregate(scope, q, out.data(), valid.data());
        return out;
    }

    std::vector<double> july_events(const char* kind, merit_event_measure measure) {
        merit_event_query q{};
        q.struct_size = sizeof q;
        q.kind = kind;
        q.measure = measure;
        std::vector<double> out(2, -1);
        WorkspaceDataServices(s.ws()).event_aggregate(scope, q, out.data());
        return out;
    }

    ScratchWorkspace s;
    int imports_ = 0;
    const char* ids[2] = {"M1", "M2"};
    merit_scope scope{
        sizeof(merit_scope), 2,           ids, nullptr, nullptr, nullptr, nullptr, nullptr, "2026-07",
        "2026-07-01",        "2026-07-31"};
};

TEST_F(Repeats, TwoIdenticalFlowRowsWithoutRefAreTwoBookings) {
    // Three fee bookings on 1 July (100, 100 and 25.5) and one on 2 July (10):
    // M1's July fees are 100 + 100 + 25.5 + 10 = 235.5, from 4 rows.
    const std::string facts = std::string(kFactsHeader) +
                              "customer,C1,fee,2026-07-01,100\n"
                              "customer,C1,fee,2026-07-01,100\n"
                              "customer,C1,fee,2026-07-01,25.5\n"
                              "customer,C1,fee,2026-07-02,10\n";
    EXPECT_EQ(import({{"facts.csv", facts}}), "facts 4 0 0 0\n");
    EXPECT_EQ(s.dump("SELECT date, ref, occurrence, value FROM facts ORDER BY date, occurrence"),
              "2026-07-01||1|100.0\n2026-07-01||2|100.0\n2026-07-01||3|25.5\n2026-07-02||1|10.0\n");
    EXPECT_EQ(july("fee", MERIT_AGG_SUM), (std::vector<double>{235.5, 0}));
    EXPECT_EQ(july("fee", MERIT_AGG_COUNT), (std::vector<double>{4, 0}));

    // The same file again is the same bookings, not four more: 235.5 stays.
    EXPECT_EQ(import({{"facts.csv", facts}}), "facts 0 0 0 4\n");
    EXPECT_EQ(july("fee", MERIT_AGG_SUM), (std::vector<double>{235.5, 0}));

    // A file with a fourth booking on 1 July (7) adds it as occurrence 4:
    // 235.5 + 7 = 242.5. The contract view shows each booking with its ref.
    EXPECT_EQ(import({{"facts.csv", facts + "customer,C1,fee,2026-07-01,7\n"}}), "facts 1 0 0 4\n");
    EXPECT_EQ(july("fee", MERIT_AGG_SUM), (std::vector<double>{242.5, 0}));
    EXPECT_EQ(
        s.dump("SELECT count(*), sum(value), count(DISTINCT ref) FROM merit_v1_facts WHERE metric = 'fee'"),
        "5|242.5|1\n");
}

TEST_F(Repeats, ARefNamesOneRowAndALaterImportWithItCorrectsIt) {
    // Two bookings of 100 told apart by their transaction ids: 200.
    EXPECT_EQ(import({{"facts.csv",
                       "entity,entity_id,metric,date,value,ref\n"
                       "customer,C1,fee,2026-07-01,100,T1\n"
                       "customer,C1,fee,2026-07-01,100,T2\n"}}),
              "facts 2 0 0 0\n");
    EXPECT_EQ(july("fee", MERIT_AGG_SUM), (std::vector<double>{200, 0}));
    // One file giving T1 twice is refused, naming both lines, whatever the values.
    EXPECT_EQ(
        problems("facts.csv",
                 "entity,entity_id,metric,date,value,ref\n"
                 "customer,C1,fee,2026-07-01,100,T1\n"
                 "customer,C1,fee,2026-07-02,5,T3\n"
                 "customer,C1,fee,2026-07-01,100,T1\n"),
        "facts.csv:4: ref: ref 'T1' is on facts.csv:2 too: a ref names one row (a later import with the "
        "same ref corrects it)");
    EXPECT_EQ(july("fee", MERIT_AGG_SUM), (std::vector<double>{200, 0})) << "nothing was imported";
    // A later file with T1 at 120 corrects that booking: 120 + 100 = 220.
    EXPECT_EQ(import({{"facts.csv",
                       "entity,entity_id,metric,date,value,ref\ncustomer,C1,fee,2026-07-01,120,T1\n"}}),
              "facts 0 1 0 0\n");
    EXPECT_EQ(july("fee", MERIT_AGG_SUM), (std::vector<double>{220, 0}));
    EXPECT_EQ(s.dump("SELECT ref, value, valid_to_version FROM facts_history"), "T1|100.0|3\n");
}

TEST_F(Repeats, AStockIsOneValuePerDay) {
    // The same balance stated twice is one balance (stored once, the repeat
    // counted unchanged); the end-of-July balance is 5000, not 10000.
    EXPECT_EQ(import({{"facts.csv", std::string(kFactsHeader) + "customer,C1,deposit,2026-07-01,5000\n"
                                                                "customer,C1,deposit,2026-07-01,5000\n"}}),
              "facts 1 0 0 1\n");
    EXPECT_EQ(july("deposit", MERIT_AGG_END), (std::vector<double>{5000, 0}));
    // Another value on the same day is refused naming both lines, and so is
    // a ref on a balance; a metric metrics.csv does not declare is a stock.
    EXPECT_EQ(problems("facts.csv", std::string(kFactsHeader) + "customer,C1,deposit,2026-07-02,5000\n"
                                                                "customer,C1,deposit,2026-07-02,5200\n"),
              "facts.csv:3: value: 'deposit' is a stock in metrics.csv: one value per customer, metric and "
              "day, but facts.csv:2 has 5000 and this row 5200");
    EXPECT_EQ(problems("facts.csv",
                       "entity,entity_id,metric,date,value,ref\ncustomer,C1,deposit,2026-07-02,1,R1\n"),
              "facts.csv:2: ref: 'deposit' is a stock in metrics.csv: one value per entity and day, so its "
              "facts have no ref (a ref names one booking of a flow)");
    EXPECT_EQ(
        problems("facts.csv", std::string(kFactsHeader) + "customer,C1,aum,2026-07-02,1\n"
                                                          "customer,C1,aum,2026-07-02,2\n"),
        "facts.csv:3: value: 'aum' is not in metrics.csv, so it is read as a stock (kind flow would let "
        "its rows add up): one value per customer, metric and day, but facts.csv:2 has 1 and this row 2");
    EXPECT_EQ(s.dump("SELECT count(*) FROM facts"), "1\n");
}

TEST_F(Repeats, AFlowWithRepeatsDoesNotBecomeAStock) {
    // Two fee bookings on 1 July. metrics.csv turning fee into a stock would
    // leave two balances on one day: refused, and nothing changes. A flow
    // with one row a day may become a stock.
    EXPECT_EQ(import({{"facts.csv", std::string(kFactsHeader) + "customer,C1,fee,2026-07-01,100\n"
                                                                "customer,C1,fee,2026-07-01,25\n"
                                                                "customer,C1,fee,2026-07-02,10\n"}}),
              "facts 3 0 0 0\n");
    EXPECT_EQ(
        problems("metrics.csv", "metric,kind\nfee,stock\ndeposit,stock\n"),
        "metrics.csv: kind: 'fee' is now a stock in metrics.csv (one value per entity and day), but "
        "the workspace has flow facts of it that repeat within a day (customer C1 on 2026-07-01: 2 "
        "rows): keep it a flow, or first correct those facts to one a day (merit import --replace-period)");
    EXPECT_EQ(s.dump("SELECT metric, kind FROM metrics ORDER BY metric"), "deposit|stock\nfee|flow\n");
    // Retracting fee (a replacing import without it) would make it a stock too.
    ImportOptions replace;
    replace.replace = true;
    EXPECT_EQ(problems("metrics.csv", "metric,kind\ndeposit,stock\n", replace),
              "metrics.csv: kind: 'fee' is no longer in metrics.csv, so it is read as a stock (one value per "
              "entity and day), but the workspace has flow facts of it that repeat within a day (customer C1 "
              "on 2026-07-01: 2 rows): keep it a flow, or first correct those facts to one a day (merit "
              "import --replace-period)");
    // July corrected first (one booking of 125 on 1 July: one updated, one
    // retracted, one unchanged), it may.
    ImportOptions july_again;
    july_again.replace_period = "2026-07";
    EXPECT_EQ(import({{"facts.csv", std::string(kFactsHeader) + "customer,C1,fee,2026-07-01,125\n"
                                                                "customer,C1,fee,2026-07-02,10\n"}},
                     july_again),
              "facts 0 1 1 1\n");
    EXPECT_EQ(import({{"metrics.csv", "metric,kind\nfee,stock\ndeposit,stock\n"}}), "metrics 0 1 0 1\n");
    // The balance from 2 July on is 10.
    EXPECT_EQ(july("fee", MERIT_AGG_END), (std::vector<double>{10, 0}));
}

TEST_F(Repeats, AFlowReadAsABalanceHoldsTheDaysTotal) {
    // Bookings of 100 and 25 on 1 July, 10 on 2 July. Read as a balance,
    // 1 July holds 125 (not whichever row came last) and 2 to 31 July hold
    // 10: the July daily average is (125 + 30 * 10) / 31 = 425 / 31, the
    // end-of-July balance 10.
    EXPECT_EQ(import({{"facts.csv", std::string(kFactsHeader) + "customer,C1,fee,2026-07-01,100\n"
                                                                "customer,C1,fee,2026-07-01,25\n"
                                                                "customer,C1,fee,2026-07-02,10\n"}}),
              "facts 3 0 0 0\n");
    EXPECT_DOUBLE_EQ(july("fee", MERIT_AGG_DAILY_AVG)[0], 425.0 / 31);
    EXPECT_EQ(july("fee", MERIT_AGG_END), (std::vector<double>{10, 0}));
    // With the last two bookings on 31 July instead, the end balance is their total.
    EXPECT_EQ(import({{"facts.csv", std::string(kFactsHeader) + "customer,C1,fee,2026-07-31,7\n"
                                                                "customer,C1,fee,2026-07-31,8\n"}}),
              "facts 2 0 0 0\n");
    EXPECT_EQ(july("fee", MERIT_AGG_END), (std::vector<double>{15, 0}));
}

TEST_F(Repeats, EventsWithoutRefAreAMultisetThatCountsEachRow) {
    // M1: two complaints on 2 July without ref, and two visits V1, V2 with
    // quantity 2 and 3; M2: one complaint. July complaints: M1 2, M2 1;
    // every kind: M1 4, M2 1; visit quantity: M1 2 + 3 = 5.
    const std::string events =
        "manager_id,kind,date,ref,quantity\n"
        "M1,complaint,2026-07-02,,\n"
        "M1,complaint,2026-07-02,,\n"
        "M1,visit,2026-07-02,V1,2\n"
        "M1,visit,2026-07-02,V2,3\n"
        "M2,complaint,2026-07-02,,\n";
    EXPECT_EQ(import({{"events.csv", events}}), "events 5 0 0 0\n");
    EXPECT_EQ(july_events("complaint", MERIT_EVENT_COUNT), (std::vector<double>{2, 1}));
    EXPECT_EQ(july_events(nullptr, MERIT_EVENT_COUNT), (std::vector<double>{4, 1}));
    EXPECT_EQ(july_events("visit", MERIT_EVENT_QUANTITY), (std::vector<double>{5, 0}));
    EXPECT_EQ(import({{"events.csv", events}}), "events 0 0 0 5\n");
    EXPECT_EQ(july_events("complaint", MERIT_EVENT_COUNT), (std::vector<double>{2, 1}));
    EXPECT_EQ(
        problems("events.csv", "manager_id,kind,date,ref\nM1,visit,2026-07-03,V9\nM1,visit,2026-07-03,V9\n"),
        "events.csv:3: ref: ref 'V9' is on events.csv:2 too: a ref names one row (a later import with the "
        "same ref corrects it)");
}

TEST_F(Repeats, ReplacePeriodReplacesAMultiset) {
    // July: fees 100, 100, 25.5 on 1 July and 10 on 2 July (235.5).
    ASSERT_EQ(import({{"facts.csv", std::string(kFactsHeader) + "customer,C1,fee,2026-07-01,100\n"
                                                                "customer,C1,fee,2026-07-01,100\n"
                                                                "customer,C1,fee,2026-07-01,25.5\n"
                                                                "customer,C1,fee,2026-07-02,10\n"}}),
              "facts 4 0 0 0\n");
    // The corrected export has 100 and 40 on 1 July and still 10 on 2 July:
    // occurrence 1 unchanged, 2 updated (100 -> 40), 3 retracted, 2 July
    // unchanged; July's fees are 100 + 40 + 10 = 150.
    ImportOptions replace;
    replace.replace_period = "2026-07";
    EXPECT_EQ(import({{"facts.csv", std::string(kFactsHeader) + "customer,C1,fee,2026-07-01,100\n"
                                                                "customer,C1,fee,2026-07-01,40\n"
                                                                "customer,C1,fee,2026-07-02,10\n"}},
                     replace),
              "facts 0 1 1 2\n");
    EXPECT_EQ(july("fee", MERIT_AGG_SUM), (std::vector<double>{150, 0}));
    // Nothing is lost: the replaced and the retracted booking are history.
    EXPECT_EQ(s.dump("SELECT occurrence, value FROM facts_history ORDER BY occurrence"), "2|100.0\n3|25.5\n");
}

TEST(RepeatsMigration, AnOlderWorkspaceKeepsEveryRowAndItsHistory) {
    // Schema version 19: facts keyed without ref, one value replaced once.
    ScratchWorkspace s;
    const auto file = s.dir() / "old.merit";
    testing::create_old_workspace(file, testing::version_before_table("facts_v20"));
    {
        sqlite3* raw = nullptr;
        ASSERT_EQ(sqlite3_open(file.c_str(), &raw), SQLITE_OK);
        Connection db(raw);
        exec(db.get(),
             "INSERT INTO data_versions (seq, at, actor, role, action) VALUES (1, 't', 'hr', 'operator', "
             "'import'), (2, 't', 'hr', 'operator', 'import'); "
             "INSERT INTO org_units (id, name) VALUES ('B1', 'b'); "
             "INSERT INTO managers (id, name, org_unit_id) VALUES ('M1', 'm', 'B1'); "
             "INSERT INTO facts (entity, metric, entity_id, date, value, valid_from_version) VALUES "
             "('manager', 'fee', 'M1', '2026-07-01', 100, 1); "
             "UPDATE facts SET value = 120, valid_from_version = 2; "
             "INSERT INTO events (manager_id, kind, date, ref, note, valid_from_version) VALUES "
             "('M1', 'visit', '2026-07-02', '', 'a', 2), ('M1', 'visit', '2026-07-02', 'V2', 'b', 2)");
    }
    Workspace ws = Workspace::open(file);
    EXPECT_EQ(ws.schema_version(), current_schema_version());
    auto dump = [&](const std::string& sql) {
        Statement st(ws.db(), sql);
        std::string out;
        while (st.step()) {
            for (int c = 0; c < st.column_count(); ++c) out += (c ? "|" : "") + st.text(c);
            out += "\n";
        }
        return out;
    };
    // Every row is occurrence 1 of its key, a fact's ref is ''; the value
    // replaced before the migration is still history, and the views show ref.
    EXPECT_EQ(dump("SELECT ref, occurrence, value, valid_from_version FROM facts"), "|1|120.0|2\n");
    EXPECT_EQ(dump("SELECT ref, occurrence, value, valid_from_version, valid_to_version FROM facts_history"),
              "|1|100.0|1|2\n");
    EXPECT_EQ(dump("SELECT ref, occurrence, note FROM events ORDER BY ref"), "|1|a\nV2|1|b\n");
    EXPECT_EQ(dump("SELECT * FROM merit_v1_facts"), "manager|fee|M1|2026-07-01|120.0|\n");
    // The rebuilt tables keep their history triggers: a third version's
    // change sends the replaced value to history.
    exec(ws.db(),
         "INSERT INTO data_versions (seq, at, actor, role, action) VALUES (3, 't', 'hr', 'operator', 'x')");
    exec(ws.db(), "UPDATE facts SET value = 130");
    EXPECT_EQ(dump("SELECT value, valid_from_version, valid_to_version FROM facts_history ORDER BY "
                   "valid_to_version"),
              "100.0|1|2\n120.0|2|3\n");
    EXPECT_EQ(dump("SELECT valid_from_version FROM facts"), "3\n");
    EXPECT_THROW(exec(ws.db(), "DELETE FROM facts_history"), std::exception);
}

}  // namespace
}  // namespace merit
