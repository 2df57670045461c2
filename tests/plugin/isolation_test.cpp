// Process isolation ("isolation": "process" in merit.json): a component that
// crashes, hangs or exits becomes one error naming the plugin and the
// component while the host carries on; a well-behaved component gives the
// same columns, trace, pay, decisions, state and service errors as in the
// host's own process; and SQL stays read-only because the host runs it.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>
#include <sys/mman.h>

#include <boost/json/serialize.hpp>

#include <cmath>
#include <optional>
#include <sstream>

#include "common/errors.hpp"
#include "data/workspace_data_services.hpp"
#include "import/importer.hpp"
#include "import/scratch_workspace.hpp"
#include "plugin/component_instance.hpp"
#include "plugin_fixtures.hpp"
#include "support/detail_workspace.hpp"
#include "support/host_fakes.hpp"

namespace merit {
namespace {

using test::TestScope;
using ::testing::HasSubstr;

// One registry holding test_isolation, in the host's process or in a child.
class IsolationHost {
public:
    explicit IsolationHost(const std::string& isolation, double time_limit_seconds = 0,
                           uint64_t memory_limit_mb = PluginOptions{}.memory_limit_mb) {
        const auto plugin = test::test_plugin("isolation", "test_isolation");
        HostConfig config = test::config_trusting(dir_, {plugin});
        PluginOptions options;
        options.isolation = isolation;
        options.time_limit_seconds = time_limit_seconds;
        options.memory_limit_mb = memory_limit_mb;
        config.plugins["test_isolation"] = options;
        registry_.emplace(PluginRegistry::discover(config));
        const auto record = registry_->add(plugin);
        EXPECT_TRUE(record->loaded) << record->error;
    }

    const Component& component(const std::string& local_id) const {
        const Component* c = registry_->find("test_isolation." + local_id);
        if (!c) throw std::runtime_error("no component " + local_id);
        return *c;
    }

    // An indicator's column over `scope`, nullopt for null rows.
    std::vector<std::optional<double>> indicator(const std::string& local_id, const TestScope& scope,
                                                 const CallEnv& env = {},
                                                 const std::string& params = "{}") const {
        ComponentInstance instance(component(local_id), boost::json::parse(params), env);
        std::vector<double> out(scope.size(), -1.0);
        std::vector<unsigned char> valid(scope.size(), 0);
        instance.compute(scope.get(), out.data(), valid.data(), env);
        std::vector<std::optional<double>> column;
        for (size_t i = 0; i < out.size(); ++i)
            column.push_back(valid[i] ? std::optional(out[i]) : std::nullopt);
        return column;
    }

    // The one-line error of running `local_id`, or "no error".
    std::string indicator_error(const std::string& local_id, const CallEnv& env = {},
                                const std::string& params = "{}") const {
        try {
            indicator(local_id, TestScope({"m1", "m2", "m3"}), env, params);
        } catch (const UserError& e) {
            EXPECT_EQ(std::string(e.what()).find('\n'), std::string::npos);
            return e.what();
        }
        return "no error";
    }

private:
    test::TempDir dir_;
    std::optional<PluginRegistry> registry_;
};

TEST(Isolation, ASegfaultIsAnErrorNamingPluginAndComponentAndTheHostCarriesOn) {
    const IsolationHost host("process");
    EXPECT_EQ(host.indicator_error("segfault"),
              "plugin 'test_isolation' component test_isolation.segfault crashed (signal 11, SIGSEGV) "
              "during compute");
    // The host process is fine: a healthy component of the same plugin runs
    // in a fresh child (sales 4 + visits 1 = 5 for m1).
    test::FakeData data;
    data.facts["sales"] = {{"m1", 4.0}};
    data.events["visit"] = {{"m1", 1.0}};
    const auto column = host.indicator("everything", TestScope({"m1"}), CallEnv{&data, nullptr, nullptr});
    EXPECT_EQ(column, (std::vector<std::optional<double>>{5.0}));
    // And the crashing one fails the same way again, instead of once only.
    EXPECT_THAT(host.indicator_error("segfault"), HasSubstr("crashed (signal 11, SIGSEGV)"));
}

TEST(Isolation, ACrashWhileBeingCreatedIsReportedAsCreate) {
    const IsolationHost host("process");
    EXPECT_EQ(
        host.indicator_error("crashes_in_create"),
        "plugin 'test_isolation' component test_isolation.crashes_in_create crashed (signal 11, SIGSEGV) "
        "during create");
}

TEST(Isolation, AnEndlessLoopIsStoppedAtTheTimeLimit) {
    const IsolationHost host("process", 1);
    EXPECT_EQ(host.indicator_error("endless"),
              "plugin 'test_isolation' component test_isolation.endless exceeded its time limit of 1 s "
              "during compute and was stopped");
    // The next call runs in a fresh child: sales 4 + visits 0 = 4.
    test::FakeData data;
    data.facts["sales"] = {{"m1", 4.0}};
    EXPECT_EQ(host.indicator("everything", TestScope({"m1"}), CallEnv{&data, nullptr, nullptr}),
              (std::vector<std::optional<double>>{4.0}));
}

TEST(Isolation, AFractionalTimeLimitIsNamedAsGiven) {
    const IsolationHost host("process", 0.5);
    EXPECT_THAT(host.indicator_error("endless"), HasSubstr("exceeded its time limit of 0.5 s"));
}

TEST(Isolation, AnExitIsReportedWithItsStatus) {
    const IsolationHost host("process");
    EXPECT_EQ(host.indicator_error("exits"),
              "plugin 'test_isolation' component test_isolation.exits exited with status 3 during compute");
}

// sales: m1 100, m3 50.5 (m2 none); visits: m1 2, m2 7.
// everything = sales + visits where sales exist: m1 102, m2 null, m3 50.5.
TEST(Isolation, AnIndicatorGivesTheSameColumnTraceAndLogInBothModes) {
    for (const std::string mode : {"in_process", "process"}) {
        SCOPED_TRACE(mode);
        const IsolationHost host(mode);
        test::FakeData data;
        data.facts["sales"] = {{"m1", 100.0}, {"m3", 50.5}};
        data.events["visit"] = {{"m1", 2.0}, {"m2", 7.0}};
        merit_test::RecordingTrace trace;
        std::ostringstream log;
        auto logger = std::make_shared<spdlog::logger>("isolation-test",
                                                       std::make_shared<spdlog::sinks::ostream_sink_mt>(log));
        logger->set_level(spdlog::level::info);
        logger->set_pattern("%v");
        const auto previous = spdlog::default_logger();
        spdlog::set_default_logger(logger);
        const auto column =
            host.indicator("everything", TestScope({"m1", "m2", "m3"}), CallEnv{&data, nullptr, &trace});
        spdlog::set_default_logger(previous);

        EXPECT_EQ(column, (std::vector<std::optional<double>>{102.0, std::nullopt, 50.5}));
        EXPECT_EQ(data.fact_calls, 1);
        EXPECT_EQ(trace.columns.at("sales"), (std::vector<std::optional<double>>{100.0, std::nullopt, 50.5}));
        EXPECT_EQ(trace.columns.at("visits"), (std::vector<std::optional<double>>{2.0, 7.0, 0.0}));
        EXPECT_EQ(trace.notes.at(0), std::vector<std::string>{"first of 3 in 2026-07"});
        EXPECT_EQ(log.str(), "[test_isolation.everything] computed\n");
    }
}

// The memory limit is what the plugin may add to the address space it starts
// with: a fork of a host already bigger than the limit (a large run; ASan's
// shadow) still works. The sandbox's root has no /proc, so the child reads
// its starting size before entering it.
TEST(Isolation, AMemoryLimitBelowTheHostsOwnSizeStillLetsThePluginWork) {
    constexpr size_t kBallast = size_t{768} << 20;  // address space only, never touched
    void* ballast = ::mmap(nullptr, kBallast, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    ASSERT_NE(ballast, MAP_FAILED);
    const IsolationHost host("process", 0, 64);
    test::FakeData data;
    data.facts["sales"] = {{"m1", 100.0}, {"m3", 50.5}};
    data.events["visit"] = {{"m1", 2.0}, {"m2", 7.0}};
    const auto column =
        host.indicator("everything", TestScope({"m1", "m2", "m3"}), CallEnv{&data, nullptr, nullptr});
    EXPECT_EQ(column, (std::vector<std::optional<double>>{102.0, std::nullopt, 50.5}));
    ::munmap(ballast, kBallast);
}

TEST(Isolation, AServiceRefusalReadsTheSameInBothModes) {
    for (const std::string mode : {"in_process", "process"}) {
        SCOPED_TRACE(mode);
        const IsolationHost host(mode);
        test::FakeData no_sales;
        EXPECT_EQ(host.indicator_error("everything", CallEnv{&no_sales, nullptr, nullptr}),
                  "test_isolation.everything: compute: fact_aggregate: unknown metric sales");
        // No data services in this call at all.
        EXPECT_EQ(host.indicator_error("everything"),
                  "test_isolation.everything: compute: fact_aggregate: not available to "
                  "test_isolation.everything in this call");
    }
}

// values 10, null, 5 in units B1, B2, B1: halves give 5, 0 + 1 = 1, 2.5.
TEST(Isolation, AScorerGivesTheSameScoresInBothModes) {
    for (const std::string mode : {"in_process", "process"}) {
        SCOPED_TRACE(mode);
        const IsolationHost host(mode);
        ComponentInstance halves(host.component("halves"), boost::json::object{});
        const double values[] = {10, 0, 5};
        const unsigned char valid[] = {1, 0, 1};
        const char* groups[] = {"B1", "B2", "B1"};
        merit_score_input input{sizeof(merit_score_input), 3, values, valid, nullptr, nullptr, groups};
        double out[3] = {-1, -1, -1};
        const char* ids[] = {"M1", "M2", "M3"};
        halves.score(input, ids, out, {});
        EXPECT_EQ(out[0], 5.0);
        EXPECT_EQ(out[1], 1.0);
        EXPECT_EQ(out[2], 2.5);
    }
}

// totals 1.5, null, 2.25 yuan; m1 carried 7 fen from the previous run:
// m1 150 + 7 = 157 fen, m3 225 fen, m2 nothing; totals carried forward.
TEST(Isolation, ARewardPaysDecidesAndCarriesTheSameInBothModes) {
    for (const std::string mode : {"in_process", "process"}) {
        SCOPED_TRACE(mode);
        const IsolationHost host(mode);
        const TestScope scope({"m1", "m2", "m3"});
        merit_test::RecordingRun run;
        run.scope = &scope.get();
        run.columns["total"] = {{"m1", 1.5}, {"m3", 2.25}};
        run.texts["rating"] = {"A", "B", "C"};
        run.state_in["carried"] = {{"m1", 7.0}};
        merit_test::RecordingTrace trace;
        const CallEnv env{nullptr, &run, &trace};
        ComponentInstance pays(host.component("pays"), boost::json::object{}, env);
        pays.reward(scope.get(), env);

        EXPECT_EQ(run.fen(0, "bonus"), 157);
        EXPECT_EQ(run.fen(1, "bonus"), std::nullopt);
        EXPECT_EQ(run.fen(2, "bonus"), 225);
        EXPECT_EQ(run.basis(0, "bonus"), "total x 100 + carried");
        ASSERT_EQ(run.decisions.size(), 2u);
        EXPECT_EQ(run.decisions[0].value, "A");
        EXPECT_EQ(run.decisions[1].value, "C");
        EXPECT_EQ(run.state_out.at("carried"), (merit_test::Cells{{"m1", 1.5}, {"m3", 2.25}}));
        EXPECT_TRUE(trace.noted(0, "paid"));
        EXPECT_TRUE(trace.noted(2, "paid"));
        EXPECT_FALSE(trace.noted(1, "paid"));
    }
}

TEST(Isolation, HostConfigRejectsANegativeTimeLimit) {
    test::TempDir dir;
    test::write_file(dir / "merit.json",
                     R"({"plugins": {"acme": {"isolation": "process", "time_limit_seconds": -1}}})");
    try {
        HostConfig::load(dir / "merit.json");
        FAIL() << "accepted";
    } catch (const UserError& e) {
        EXPECT_EQ(std::string(e.what()),
                  (dir / "merit.json").string() +
                      ": plugins.acme.time_limit_seconds: must be a number of seconds, 0 or more");
    }
    test::write_file(dir / "merit.json",
                     R"({"plugins": {"acme": {"isolation": "process", "time_limit_seconds": 2.5}}})");
    const HostConfig config = HostConfig::load(dir / "merit.json");
    EXPECT_EQ(config.plugins.at("acme").isolation, "process");
    EXPECT_EQ(config.plugins.at("acme").time_limit_seconds, 2.5);
}

// The child's rlimits: whole numbers, defaults when absent.
TEST(Isolation, HostConfigReadsTheChildsLimits) {
    test::TempDir dir;
    test::write_file(dir / "merit.json", R"({"plugins": {"acme": {"isolation": "process"}}})");
    const PluginOptions defaults = HostConfig::load(dir / "merit.json").plugins.at("acme");
    EXPECT_EQ(defaults.memory_limit_mb, 1024u);
    EXPECT_EQ(defaults.cpu_limit_seconds, 600u);
    EXPECT_EQ(defaults.process_limit, 0u);
    EXPECT_EQ(defaults.file_size_limit_mb, 0u);
    test::write_file(dir / "merit.json",
                     R"({"plugins": {"acme": {"memory_limit_mb": 256, "cpu_limit_seconds": 5, )"
                     R"("process_limit": 2, "file_size_limit_mb": 1}}})");
    const PluginOptions set = HostConfig::load(dir / "merit.json").plugins.at("acme");
    EXPECT_EQ(set.memory_limit_mb, 256u);
    EXPECT_EQ(set.cpu_limit_seconds, 5u);
    EXPECT_EQ(set.process_limit, 2u);
    EXPECT_EQ(set.file_size_limit_mb, 1u);
    for (const char* bad : {"-1", "1.5", "\"64\"", "4294967297"}) {
        test::write_file(dir / "merit.json",
                         std::string(R"({"plugins": {"acme": {"memory_limit_mb": )") + bad + "}}}");
        try {
            HostConfig::load(dir / "merit.json");
            ADD_FAILURE() << "accepted " << bad;
        } catch (const UserError& e) {
            EXPECT_EQ(std::string(e.what()), (dir / "merit.json").string() +
                                                 ": plugins.acme.memory_limit_mb: must be a whole number "
                                                 "from 0 to 4294967296");
        }
    }
}

// Every way out of read-only SQL, tried by a plugin through the query
// service: refused with the same message whether the plugin runs in the
// host's process or in a child (the host runs the SQL either way), and the
// workspace is unchanged.
class IsolatedSql : public ::testing::Test {
protected:
    void SetUp() override {
        s.write("org_units.csv", "id,name\nB1,Branch\n");
        s.write("managers.csv", "id,name,org_unit_id\nM1,Wang,B1\nM2,Li,B1\nM3,Zhao,B1\n");
        import_directory(s.ws(), s.dir(), {});
    }
    std::string attempt(const IsolationHost& host, const std::string& sql) {
        boost::json::object params{{"sql", sql}};
        return host.indicator_error("sql", CallEnv{&services, nullptr, nullptr},
                                    boost::json::serialize(params));
    }
    testing::ScratchWorkspace s;
    WorkspaceDataServices services{s.ws()};
};

TEST_F(IsolatedSql, EveryAttemptIsRefusedInBothModes) {
    const auto outside = s.dir() / "outside.db";
    const std::string refused = "test_isolation.sql: compute: query: query refused: ";
    const std::vector<std::pair<std::string, std::string>> attempts = {
        {"INSERT INTO managers (id, name, org_unit_id) VALUES ('M9', 'X', 'B1')",
         refused + "writing to managers is not allowed"},
        {"UPDATE managers SET name = 'x'", refused + "writing to managers is not allowed"},
        {"DELETE FROM managers", refused + "writing to managers is not allowed"},
        {"DROP TABLE managers", refused + "changing the schema is not allowed"},
        {"ATTACH DATABASE '" + outside.string() + "' AS evil", refused + "ATTACH is not allowed"},
        {"SELECT load_extension('/tmp/evil.so')", refused + "the function load_extension() is not allowed"},
        // readfile/writefile come from the sqlite3 shell's fileio extension,
        // which the library does not carry (extensions cannot be loaded);
        // the authorizer's deny-list would refuse them too.
        {"SELECT readfile('/etc/passwd')",
         "test_isolation.sql: compute: query: query: no such function: readfile"},
        {"SELECT writefile('" + outside.string() + "', 'x')",
         "test_isolation.sql: compute: query: query: no such function: writefile"},
        {"VACUUM INTO '" + outside.string() + "'",
         "test_isolation.sql: compute: query: query: only reading is allowed"},
        {"PRAGMA user_version = 99",
         refused + "PRAGMA user_version is not allowed (only schema-describing pragmas are)"},
        {"PRAGMA writable_schema = 1",
         refused + "PRAGMA writable_schema is not allowed (only schema-describing pragmas are)"},
        {"BEGIN", refused + "transactions are not allowed"},
        {"SELECT 1; DELETE FROM managers",
         "test_isolation.sql: compute: query: query: only one SQL statement is allowed"},
    };
    const std::string version = s.dump("PRAGMA user_version");
    for (const std::string mode : {"in_process", "process"}) {
        SCOPED_TRACE(mode);
        const IsolationHost host(mode);
        for (const auto& [sql, message] : attempts) EXPECT_EQ(attempt(host, sql), message) << sql;
        // Reading still works: 3 managers -> every row gets 3.
        EXPECT_EQ(host.indicator("sql", TestScope({"m1", "m2"}), CallEnv{&services, nullptr, nullptr},
                                 R"({"sql": "SELECT id FROM merit_v1_managers"})"),
                  (std::vector<std::optional<double>>{3.0, 3.0}));
    }
    EXPECT_EQ(s.dump("SELECT id, name FROM managers ORDER BY id"), "M1|Wang\nM2|Li\nM3|Zhao\n");
    EXPECT_EQ(s.dump("PRAGMA user_version"), version);
    EXPECT_FALSE(std::filesystem::exists(outside));
}

}  // namespace
}  // namespace merit

namespace merit {
namespace {

// The 1.1 detail services through a plugin (test_isolation.detail), in the
// host's process and isolated: the same rows in the same order, and the
// same refusals; the child's hostile arguments stop it. The workspace and
// its figures are support/detail_workspace.hpp's.
class IsolatedDetail : public ::testing::Test {
protected:
    void SetUp() override { test::write_detail_workspace(s); }
    struct Outcome {
        std::vector<std::optional<double>> column;
        std::vector<std::string> notes;
    };
    Outcome run(const IsolationHost& host, const boost::json::object& params) {
        merit_test::RecordingTrace trace;
        Outcome out;
        out.column = host.indicator("detail", TestScope({"C1", "C2", "MM"}),
                                    CallEnv{&services, nullptr, &trace}, boost::json::serialize(params));
        if (trace.notes.count(0)) out.notes = trace.notes.at(0);
        return out;
    }
    std::string error(const IsolationHost& host, const boost::json::object& params) {
        return host.indicator_error("detail", CallEnv{&services, nullptr, nullptr},
                                    boost::json::serialize(params));
    }
    testing::ScratchWorkspace s;
    WorkspaceDataServices services{s.ws()};
};

TEST_F(IsolatedDetail, EveryServiceGivesTheSameRowsInBothModes) {
    for (const std::string mode : {"in_process", "process"}) {
        SCOPED_TRACE(mode);
        const IsolationHost host(mode);
        auto events = run(host, {{"service", "event_rows"}, {"kind", "phone"}, {"first", "2026-07-01"}});
        EXPECT_EQ(events.notes, (std::vector<std::string>{"C1 2026-07-01 ref= note= q=3 amount=-",
                                                          "C1 2026-07-01 ref=b note= q=2 amount=-",
                                                          "C1 2026-07-02 ref= note= q=1 amount=12.5"}));
        EXPECT_EQ(events.column, (std::vector<std::optional<double>>{3.0, 0.0, 0.0}));

        auto held = run(host, {{"service", "customer_holdings"},
                               {"metric", "complaint"},
                               {"first", "2026-07-01"},
                               {"last", "2026-07-31"}});
        EXPECT_EQ(held.notes,
                  (std::vector<std::string>{"C1 K1 owner 1 grocery 2026-07-01..2026-07-15 value=1 facts=1",
                                            "C1 K2 owner 0.6  2026-07-01..2026-07-31 value=3 facts=1",
                                            "C2 K1 owner 1 grocery 2026-07-16..2026-07-31 value=2 facts=1",
                                            "C2 K2 co_owner 0.4  2026-07-01..2026-07-31 value=3 facts=1"}));
        EXPECT_EQ(held.column, (std::vector<std::optional<double>>{2.0, 2.0, 0.0}));
        auto risk = run(host, {{"service", "customer_holdings"},
                               {"first", "2026-07-01"},
                               {"last", "2026-07-31"},
                               {"role", "risk"}});
        EXPECT_EQ(risk.notes, std::vector<std::string>{
                                  "C2 K3 risk 1 tobacconist 2026-07-01..2026-07-31 value=0 facts=0"});

        auto facts =
            run(host, {{"service", "customer_facts"}, {"metric", "complaint"}, {"last", "2026-07-15"}});
        EXPECT_EQ(facts.notes, (std::vector<std::string>{"K1 2026-07-10 1", "K3 2026-07-05 4"}));

        auto org = run(host, {{"service", "organisation"}, {"first", "2026-08-01"}});
        EXPECT_EQ(org.notes,
                  (std::vector<std::string>{
                      "unit D1 District 1 parent=R kind=district",
                      "unit D2 District 2 parent=R kind=district", "unit R Region parent= kind=region",
                      "manager C1 Chen D1 customer_manager grade= active hired=2026-07-15",
                      "manager C2 Du D2 customer_manager grade= left hired=",
                      "manager MM Ma R market_manager grade= active hired=2020-01-01"}));
        EXPECT_EQ(org.column, (std::vector<std::optional<double>>{1.0, 1.0, 1.0}));
    }
}

TEST_F(IsolatedDetail, ABadDayIsOneLineNamingTheComponentInBothModes) {
    for (const std::string mode : {"in_process", "process"}) {
        SCOPED_TRACE(mode);
        const IsolationHost host(mode);
        EXPECT_EQ(
            error(host, {{"service", "event_rows"}, {"kind", "phone"}, {"first", "2026-13-01"}}),
            "test_isolation.detail: compute: event_rows: first_day '2026-13-01' is not a date (YYYY-MM-DD)");
        EXPECT_EQ(
            error(host, {{"service", "customer_holdings"}, {"first", "2026-07-01"}}),
            "test_isolation.detail: compute: customer_holdings: last_day '' is not a date (YYYY-MM-DD)");
        EXPECT_EQ(error(host, {{"service", "organisation"}}),
                  "test_isolation.detail: compute: organisation: day '' is not a date (YYYY-MM-DD)");
        // The next call works: nothing was left behind.
        EXPECT_EQ(run(host, {{"service", "customer_facts"}, {"metric", "complaint"}, {"first", "2026-08-01"}})
                      .notes,
                  std::vector<std::string>{"K1 2026-08-01 5"});
    }
}

TEST_F(IsolatedDetail, AnOverlongArgumentStopsTheChildWithOneLine) {
    const IsolationHost host("process");
    const std::string kind(64 * 1024 + 1, 'x');
    EXPECT_THAT(
        error(host, {{"service", "event_rows"}, {"kind", kind}}),
        HasSubstr("test_isolation.detail passed a bad argument (event_rows: kind is longer than 65536 "
                  "bytes) and was stopped"));
}

}  // namespace
}  // namespace merit
