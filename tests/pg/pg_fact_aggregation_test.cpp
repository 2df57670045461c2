// fact_aggregate pushed down to PostgreSQL gives what the in-memory columns
// give (issue 20 point 2): the July data of the data service tests (a
// mid-month reassignment, shares, a risk role, gaps between balances,
// manager facts), the shipped banking sample and bench/gen's generated bank,
// each copied into a throwaway cluster and compared manager by manager for
// every metric, aggregation, source, role and segment filter, shares on and
// off, and several periods.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "common/errors.hpp"
#include "data/fact_aggregator.hpp"
#include "data/july_data.hpp"
#include "import/importer.hpp"
#include "import/scratch_workspace.hpp"
#include "pg/pg_connection.hpp"
#include "pg/pg_contract_schema.hpp"
#include "pg/pg_fact_aggregation.hpp"
#include "store/sqlite.hpp"
#include "support/pg_cluster.hpp"

namespace merit {
namespace {

using testing::ScratchWorkspace;

// The scope a run would pass: every manager in id order, plus one id the
// data does not know.
class Scope {
public:
    Scope(sqlite3* db, std::string period) : period_(std::move(period)) {
        Statement stmt(db, "SELECT id FROM managers ORDER BY id");
        while (stmt.step()) ids_.push_back(stmt.text(0));
        ids_.push_back("NOT-A-MANAGER");
        for (const std::string& id : ids_) pointers_.push_back(id.c_str());
        raw_ = merit_scope{sizeof(merit_scope),
                           pointers_.size(),
                           pointers_.data(),
                           nullptr,
                           nullptr,
                           nullptr,
                           nullptr,
                           nullptr,
                           period_.c_str(),
                           nullptr,
                           nullptr};
    }
    const merit_scope& raw() const { return raw_; }
    const std::string& id(size_t row) const { return ids_[row]; }

private:
    std::string period_;
    std::vector<std::string> ids_;
    std::vector<const char*> pointers_;
    merit_scope raw_{};
};

struct Column {
    std::vector<double> values;
    std::vector<unsigned char> valid;
};

Column run(FactAggregator& aggregator, const merit_scope& scope, const merit_fact_query& query) {
    Column out{std::vector<double>(scope.count, -1.0), std::vector<unsigned char>(scope.count, 2)};
    aggregator.aggregate(scope, query, out.values.data(), out.valid.data());
    return out;
}

struct Variant {
    const char* name;
    merit_fact_source source;
    const char* role;
    const char* segment;
};

struct Comparison {
    size_t queries = 0;
    size_t values = 0;
    size_t valid_values = 0;
    size_t nonzero_values = 0;
    double worst_relative = 0;
    double columns_seconds = 0;  // the SQLite columns, facts cached after a metric's first query
    double server_seconds = 0;   // the pushed-down statements, round trips included
};

double seconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// Compares both backends on every combination, counting into `tally`; stops
// at the first difference.
void compare_everything(sqlite3* db, PgConnection& pg, const std::vector<std::string>& periods,
                        const std::vector<Variant>& variants, Comparison& tally) {
    std::vector<std::string> metrics;
    {
        Statement stmt(db, "SELECT metric FROM metrics ORDER BY metric");
        while (stmt.step()) metrics.push_back(stmt.text(0));
    }
    FactColumnCache cache;
    SqliteFactAggregator columns(db, cache);
    PgFactAggregator server(pg);
    const merit_aggregation aggregations[] = {MERIT_AGG_SUM,     MERIT_AGG_END,     MERIT_AGG_DAILY_AVG,
                                              MERIT_AGG_XUN_AVG, MERIT_AGG_MAX_END, MERIT_AGG_COUNT};
    for (const std::string& period : periods) {
        const Scope scope(db, period);
        for (const std::string& metric : metrics)
            for (merit_aggregation aggregation : aggregations)
                for (const Variant& variant : variants)
                    for (int shares : {0, 1}) {
                        const merit_fact_query query{
                            sizeof(merit_fact_query), metric.c_str(), aggregation, variant.source, nullptr,
                            variant.segment,          variant.role,   shares};
                        auto start = std::chrono::steady_clock::now();
                        const Column expected = run(columns, scope.raw(), query);
                        tally.columns_seconds += seconds_since(start);
                        start = std::chrono::steady_clock::now();
                        const Column actual = run(server, scope.raw(), query);
                        tally.server_seconds += seconds_since(start);
                        ++tally.queries;
                        for (size_t i = 0; i < scope.raw().count; ++i) {
                            const std::string where =
                                fmt::format("{} {} agg {} {} shares {} manager {}", period, metric,
                                            static_cast<int>(aggregation), variant.name, shares, scope.id(i));
                            ++tally.values;
                            ASSERT_EQ(actual.valid[i], expected.valid[i]) << where;
                            const double a = actual.values[i], e = expected.values[i];
                            const double scale = std::max(std::fabs(a), std::fabs(e));
                            if (expected.valid[i]) ++tally.valid_values;
                            if (scale == 0) {
                                ASSERT_EQ(a, e) << where;
                                continue;
                            }
                            ++tally.nonzero_values;
                            const double relative = std::fabs(a - e) / scale;
                            tally.worst_relative = std::max(tally.worst_relative, relative);
                            ASSERT_LE(relative, 1e-9) << where << ": postgresql " << a << ", sqlite " << e;
                        }
                    }
    }
}

const std::vector<Variant> kVariants = {
    {"customers", MERIT_SOURCE_CUSTOMERS, nullptr, nullptr},
    {"manager", MERIT_SOURCE_MANAGER, nullptr, nullptr},
    {"both", MERIT_SOURCE_BOTH, nullptr, nullptr},
    {"role risk", MERIT_SOURCE_CUSTOMERS, "risk", nullptr},
    {"role co_owner", MERIT_SOURCE_CUSTOMERS, "co_owner", nullptr},
    {"segments", MERIT_SOURCE_CUSTOMERS, nullptr, " vip, corporate ,"},
    {"segment and both", MERIT_SOURCE_BOTH, nullptr, "retail"},
};

void report(const char* data, const Comparison& tally) {
    std::printf(
        "%s: %zu queries, %zu manager values (%zu valid, %zu non-zero) equal; worst relative "
        "difference %.3g; columns %.2f s, postgresql %.2f s\n",
        data, tally.queries, tally.values, tally.valid_values, tally.nonzero_values, tally.worst_relative,
        tally.columns_seconds, tally.server_seconds);
}

class PgFactAggregation : public testing::PgClusterTest {
protected:
    // A database of its own, the contract tables, and the workspace's rows.
    PgConnection& load(const std::string& database, ScratchWorkspace& s) {
        cluster().create_database(database);
        pg_.emplace(cluster().url(database, "merit"));
        create_contract_tables(*pg_);
        copy_contract_tables(s.ws().db(), *pg_);
        return *pg_;
    }
    std::optional<PgConnection> pg_;
};

TEST_F(PgFactAggregation, JulyDataMatchesTheColumns) {
    ScratchWorkspace s;
    testing::write_july_data(s);
    PgConnection& pg = load("july", s);
    // July holds the mid-month reassignment of C1; the quarter and the range
    // start inside months, so 旬 are clipped and MAX_END looks back at
    // April to June month ends.
    Comparison tally;
    compare_everything(s.ws().db(), pg,
                       {"2026-07", "2026-Q3", "2026-07-05..2026-07-18", "2026-06", "2026-05-20..2026-07-16"},
                       kVariants, tally);
    report("july", tally);
    EXPECT_GT(tally.nonzero_values, 300u);
}

TEST_F(PgFactAggregation, RepeatedBookingsOfADayMatchTheColumns) {
    // The July data, then flows booked several times on one day (issue 21's
    // repeats): C1's loans twice on 10 July and three times on 31 July, a
    // customer fee and a manager fee twice on one day. Read as a balance a
    // flow holds its day's total on both sides, whatever the bookings' order.
    ScratchWorkspace s;
    testing::write_july_data(s);
    const auto repeats = s.write("again/facts.csv",
                                 "entity,entity_id,metric,date,value\n"
                                 "customer,C1,loans,2026-07-10,1000\n"
                                 "customer,C1,loans,2026-07-10,250\n"
                                 "customer,C1,loans,2026-07-31,7\n"
                                 "customer,C1,loans,2026-07-31,8\n"
                                 "customer,C1,loans,2026-07-31,9\n"
                                 "customer,C2,fee,2026-07-02,10\n"
                                 "customer,C2,fee,2026-07-02,5\n"
                                 "manager,M1,fee,2026-07-05,3\n"
                                 "manager,M1,fee,2026-07-05,1\n");
    import_files(s.ws(), {repeats}, {});
    ASSERT_EQ(s.dump("SELECT count(*) FROM facts WHERE occurrence > 1"), "5\n");
    PgConnection& pg = load("repeats", s);
    Comparison tally;
    compare_everything(s.ws().db(), pg, {"2026-07", "2026-Q3", "2026-08", "2026-07-05..2026-07-18"},
                       kVariants, tally);
    report("repeats", tally);
    EXPECT_GT(tally.nonzero_values, 300u);
}

TEST_F(PgFactAggregation, BankingSampleMatchesTheColumns) {
    ScratchWorkspace s;
    import_directory(s.ws(), std::string(MERIT_SOURCE_DIR) + "/config/samples/banking", {});
    PgConnection& pg = load("banking", s);
    // 2026-Q1 holds assignments starting in January and ending on 31 March;
    // the range crosses the 31 March / 1 April reassignments mid-period.
    Comparison tally;
    compare_everything(s.ws().db(), pg, {"2026-Q1", "2026-03-16..2026-04-15"}, kVariants, tally);
    report("banking sample", tally);
    EXPECT_GT(tally.nonzero_values, 10000u);
}

TEST_F(PgFactAggregation, GeneratedBankMatchesTheColumns) {
    // bench/gen's bank: 50 managers, 2,000 customers, deposits every few
    // days, customers moving between managers inside the assessed quarters.
    ScratchWorkspace s;
    const std::string command = fmt::format(
        "{}/bin/merit_bench_gen --out {} --managers 50 --customers 2000 "
        "--quarters 2 > /dev/null",
        MERIT_STAGE_DIR, (s.dir() / "bank").string());
    ASSERT_EQ(std::system(command.c_str()), 0) << command;
    import_directory(s.ws(), s.dir() / "bank", {});
    PgConnection& pg = load("generated", s);
    Comparison tally;
    compare_everything(s.ws().db(), pg, {"2026-Q3", "2026-08-10..2026-09-20"},
                       {kVariants[0], kVariants[2], kVariants[4], kVariants[5]}, tally);
    report("generated bank", tally);
    EXPECT_GT(tally.nonzero_values, 20000u);
}

TEST_F(PgFactAggregation, CopiesTheContractAndRefusesBadQueriesAlike) {
    ScratchWorkspace s;
    testing::write_july_data(s);
    PgConnection& pg = load("contract", s);

    // Every contract table arrives whole; open ends stay NULL, dates are dates.
    for (const std::string& table : contract_table_names()) {
        Statement count(s.ws().db(), fmt::format("SELECT count(*) FROM {}", table));
        ASSERT_TRUE(count.step());
        EXPECT_EQ(pg.exec("SELECT count(*) FROM " + table).int64(0, 0), count.integer(0)) << table;
    }
    EXPECT_EQ(pg.exec("SELECT count(*) FROM merit_v1_assignments WHERE valid_to IS NULL").int64(0, 0), 7);
    EXPECT_EQ(
        pg.exec("SELECT valid_to FROM assignments WHERE customer_id = 'C1' AND manager_id = 'M1'").text(0, 0),
        "2026-07-15");
    EXPECT_EQ(pg.exec("SELECT pg_typeof(date)::text FROM facts LIMIT 1").text(0, 0), "date");
    // Text compares bytes, as on SQLite, whatever the database's locale.
    EXPECT_EQ(pg.exec("SELECT count(*) FROM information_schema.columns WHERE table_schema = 'merit' AND "
                      "data_type = 'text' AND collation_name IS DISTINCT FROM 'C'")
                  .int64(0, 0),
              0);
    // Copying again replaces the rows instead of adding to them.
    copy_contract_tables(s.ws().db(), pg);
    EXPECT_EQ(pg.exec("SELECT count(*) FROM facts").int64(0, 0), 14);

    // A value the server's types would not hold as the same value stops the
    // copy, and the rows copied before stay as they were (one transaction).
    exec(s.ws().db(),
         "INSERT INTO facts (entity, metric, entity_id, date, value) "
         "VALUES ('customer', 'deposit', 'C9', '2026-7-1', 1)");
    try {
        copy_contract_tables(s.ws().db(), pg);
        ADD_FAILURE() << "a malformed date was copied";
    } catch (const UserError& e) {
        EXPECT_STREQ(e.what(),
                     "postgresql: the workspace's facts.date holds '2026-7-1', a date (YYYY-MM-DD) expected "
                     "(copying facts)");
    }
    EXPECT_EQ(pg.exec("SELECT count(*) FROM facts").int64(0, 0), 14);
    EXPECT_EQ(pg.exec("SELECT count(*) FROM customers").int64(0, 0), 3);
    exec(s.ws().db(), "DELETE FROM facts WHERE entity_id = 'C9'");

    // The same refusals, with the same messages, on both sides.
    FactColumnCache cache;
    SqliteFactAggregator columns(s.ws().db(), cache);
    PgFactAggregator server(pg);
    const Scope scope(s.ws().db(), "2026-07");
    auto error_of = [&](FactAggregator& aggregator, const merit_fact_query& query) {
        try {
            run(aggregator, scope.raw(), query);
        } catch (const UserError& e) {
            return std::string(e.what());
        }
        return std::string("no error");
    };
    // Unknown enum values within the enums' range (UBSan refuses others).
    const std::vector<merit_fact_query> bad = {
        {sizeof(merit_fact_query), "deposit", static_cast<merit_aggregation>(7), MERIT_SOURCE_CUSTOMERS,
         nullptr, nullptr, nullptr, 0},
        {sizeof(merit_fact_query), "deposit", MERIT_AGG_SUM, static_cast<merit_fact_source>(3), nullptr,
         nullptr, nullptr, 0},
        {sizeof(merit_fact_query), "", MERIT_AGG_SUM, MERIT_SOURCE_CUSTOMERS, nullptr, nullptr, nullptr, 0},
        {sizeof(merit_fact_query), "deposit", MERIT_AGG_SUM, MERIT_SOURCE_CUSTOMERS, "2026-13", nullptr,
         nullptr, 0},
        {sizeof(merit_fact_query), "deposit", MERIT_AGG_SUM, MERIT_SOURCE_CUSTOMERS, nullptr, " , ", nullptr,
         0},
    };
    for (const merit_fact_query& query : bad) {
        const std::string expected = error_of(columns, query);
        EXPECT_NE(expected, "no error");
        EXPECT_EQ(error_of(server, query), expected);
    }
    // A metric nobody has: no values, the same as the columns.
    const merit_fact_query unknown{sizeof(merit_fact_query),
                                   "no_such_metric",
                                   MERIT_AGG_COUNT,
                                   MERIT_SOURCE_BOTH,
                                   nullptr,
                                   nullptr,
                                   nullptr,
                                   1};
    EXPECT_EQ(run(server, scope.raw(), unknown).valid, run(columns, scope.raw(), unknown).valid);
}

TEST_F(PgFactAggregation, EachCallIsOneSetBasedStatement) {
    ScratchWorkspace s;
    testing::write_july_data(s);
    PgConnection& pg = load("plans", s);
    const Scope scope(s.ws().db(), "2026-Q3");
    for (merit_aggregation aggregation : {MERIT_AGG_SUM, MERIT_AGG_END, MERIT_AGG_DAILY_AVG,
                                          MERIT_AGG_XUN_AVG, MERIT_AGG_MAX_END, MERIT_AGG_COUNT}) {
        const merit_fact_query query{
            sizeof(merit_fact_query), "deposit", aggregation, MERIT_SOURCE_BOTH, nullptr, "vip", nullptr, 1};
        const PgQuery statement = fact_aggregate_query(scope.raw(), query);
        // One statement, the whole scope in one array parameter.
        EXPECT_EQ(statement.sql.find(';'), std::string::npos);
        EXPECT_EQ(statement.params.front(), pg_text_array({"M1", "M2", "M3", "M4", "NOT-A-MANAGER"}));
        const PgResult plan = pg.exec_params("EXPLAIN " + statement.sql, statement.params);
        std::string text;
        for (int r = 0; r < plan.rows(); ++r) text += std::string(plan.text(r, 0)) + '\n';
        // Grouped once by manager at the top, and no subquery the executor
        // re-runs per row (a SubPlan): a join of sets, not a loop.
        EXPECT_NE(text.substr(0, text.find('\n')).find("Aggregate"), std::string::npos) << text;
        EXPECT_EQ(text.find("SubPlan"), std::string::npos) << text;
        if (aggregation != MERIT_AGG_SUM && aggregation != MERIT_AGG_COUNT) {
            EXPECT_NE(text.find("WindowAgg"), std::string::npos) << text;
        }
    }
}

}  // namespace
}  // namespace merit
