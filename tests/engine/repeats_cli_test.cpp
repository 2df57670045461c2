// Issue 21 point 6 end to end: repeated rows of a day are bookings that a
// run adds up. M1's customer C1 has three fee bookings on 1 July without a
// ref (100, 100, 25.5) and M1 two complaints on 2 July; M2's C2 one fee of
// 40 and M2 one complaint. core.fact_aggregate (sum) gives M1 100 + 100 +
// 25.5 = 225.5 and M2 40; core.event_count gives M1 2 and M2 1. After the
// compliance department withdraws one of M1's complaints (--replace-period
// with the day's one remaining row) M1 has 1.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>

#include "support/merit_cli.hpp"

namespace {

namespace fs = std::filesystem;
namespace json = boost::json;

void write(const fs::path& file, const std::string& text) {
    fs::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary) << text;
}

// manager -> indicator -> value of a `merit run --json`.
std::map<std::string, std::map<std::string, double>> values_of(const std::string& output) {
    const json::object run = json::parse(output.substr(output.find('{'))).as_object();
    std::map<std::string, std::map<std::string, double>> out;
    for (const auto& m : run.at("managers").as_array())
        for (const auto& x : m.at("indicators").as_array())
            out[std::string(m.at("manager_id").as_string())][std::string(x.at("id").as_string())] =
                x.at("value").to_number<double>();
    return out;
}

TEST(RepeatsCli, ARunAddsUpEveryRepeatedBookingAndCountsEveryRepeatedEvent) {
    std::string pattern = (fs::temp_directory_path() / "merit-repeats.XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    const fs::path dir = pattern;
    const fs::path data = dir / "data";
    write(data / "org_units.csv", "id,name\nB1,Branch\n");
    write(data / "managers.csv", "id,name,org_unit_id\nM1,王,B1\nM2,李,B1\n");
    write(data / "customers.csv", "id,segment\nC1,vip\nC2,mass\n");
    write(data / "assignments.csv", "customer_id,manager_id\nC1,M1\nC2,M2\n");
    write(data / "metrics.csv", "metric,kind\nfee,flow\n");
    write(
        data / "facts.csv",
        "entity,entity_id,metric,date,value\ncustomer,C1,fee,2026-07-01,100\ncustomer,C1,fee,2026-07-01,100\n"
        "customer,C1,fee,2026-07-01,25.5\ncustomer,C2,fee,2026-07-03,40\n");
    write(data / "events.csv",
          "manager_id,kind,date\nM1,complaint,2026-07-02\nM1,complaint,2026-07-02\n"
          "M2,complaint,2026-07-05\n");
    write(dir / "s.json", R"json({"scheme": "fees", "period_type": "month", "plugins": ["core"],
      "inputs": [{"id": "complaints", "provider": "core.event_count", "params": {"kind": "complaint"}}],
      "dimensions": [{"id": "d", "weight": 100, "indicators": [
        {"id": "fees", "weight": 100, "provider": "core.fact_aggregate", "params": {"metric": "fee"},
         "scorer": "core.rank_percentile"}]}],
      "bands": [{"label": "合格", "min": 0}]})json");
    const std::string ws = (dir / "ws.merit").string();
    const std::string run =
        "run " + ws + " --scheme " + (dir / "s.json").string() + " --period 2026-07 --json";
    ASSERT_EQ(merit_test::run_merit("init " + ws).status, 0);
    const auto imported = merit_test::run_merit("import " + ws + " --dir " + data.string());
    ASSERT_EQ(imported.status, 0) << imported.text;
    EXPECT_NE(imported.text.find("facts: 4 inserted"), std::string::npos) << imported.text;

    const auto first = merit_test::run_merit(run);
    ASSERT_EQ(first.status, 0) << first.text;
    auto v = values_of(first.text);
    EXPECT_DOUBLE_EQ(v["M1"]["fees"], 225.5);
    EXPECT_DOUBLE_EQ(v["M2"]["fees"], 40);
    EXPECT_DOUBLE_EQ(v["M1"]["complaints"], 2);
    EXPECT_DOUBLE_EQ(v["M2"]["complaints"], 1);

    write(dir / "fixed/events.csv",
          "manager_id,kind,date\nM1,complaint,2026-07-02\nM2,complaint,2026-07-05\n");
    const auto fixed = merit_test::run_merit("import " + ws + " " + (dir / "fixed/events.csv").string() +
                                             " --replace-period 2026-07");
    ASSERT_EQ(fixed.status, 0) << fixed.text;
    EXPECT_NE(fixed.text.find("events: 0 inserted, 0 updated, 1 retracted, 2 unchanged"), std::string::npos)
        << fixed.text;
    const auto second = merit_test::run_merit(run);
    ASSERT_EQ(second.status, 0) << second.text;
    v = values_of(second.text);
    EXPECT_DOUBLE_EQ(v["M1"]["complaints"], 1);
    EXPECT_DOUBLE_EQ(v["M1"]["fees"], 225.5);
    std::error_code ec;
    fs::remove_all(dir, ec);
}

}  // namespace
