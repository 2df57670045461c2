// The correction of issue 15, end to end on the telecom sample: TL05's
// violation of 2026-05-14 vetoes him in 2026-Q2. HR withdraws it: the
// events file without that line, imported with --replace-period 2026-Q2,
// lifts the veto on the next run, and `merit data show` still has the
// withdrawn event, before and after.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "support/merit_cli.hpp"

namespace {

namespace fs = std::filesystem;
namespace json = boost::json;

struct TempDir {
    TempDir() {
        std::string pattern = (fs::temp_directory_path() / "merit-correction.XXXXXX").string();
        if (!::mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
        path = pattern;
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
    fs::path path;
};

merit_test::CliOutput merit(const std::string& args) {
    return merit_test::run_merit(args);
}

json::object manager_of(const std::string& run_json, const std::string& id) {
    const auto run = json::parse(run_json.substr(run_json.find('{'))).as_object();
    for (const auto& m : run.at("managers").as_array())
        if (m.at("manager_id").as_string() == id) return m.as_object();
    throw std::runtime_error("no manager " + id);
}

TEST(CorrectionCli, AWithdrawnViolationLiftsTheVetoAndStaysInHistory) {
    TempDir dir;
    const std::string source = MERIT_SOURCE_DIR;
    const std::string ws = (dir.path / "ws.merit").string();
    const std::string scheme = source + "/config/telecom.scheme.json";
    ASSERT_EQ(merit("init " + ws).status, 0);
    const auto imported = merit("import " + ws + " --dir " + source + "/config/samples/telecom");
    ASSERT_EQ(imported.status, 0) << imported.text;
    const auto before = merit("run " + ws + " --scheme " + scheme + " --period 2026-Q2 --json");
    ASSERT_EQ(before.status, 0) << before.text;
    EXPECT_TRUE(manager_of(before.text, "TL05").at("vetoed").as_bool());

    // events.csv without the violation line (every other line as shipped).
    std::ifstream in(source + "/config/samples/telecom/events.csv");
    std::ostringstream kept;
    std::string line;
    size_t dropped = 0;
    while (std::getline(in, line)) {
        if (line.rfind("TL05,violation,2026-05-14,", 0) == 0) {
            ++dropped;
            continue;
        }
        kept << line << '\n';
    }
    ASSERT_EQ(dropped, 1u);
    const fs::path fixed = dir.path / "events.csv";
    std::ofstream(fixed) << kept.str();

    // A plain re-import retracts nothing: the file does not say it is the whole truth.
    const auto plain = merit("import " + ws + " " + fixed.string());
    ASSERT_EQ(plain.status, 0) << plain.text;
    EXPECT_NE(plain.text.find("events: 0 inserted, 0 updated, 0 retracted, "), std::string::npos)
        << plain.text;
    const auto corrected = merit("import " + ws + " " + fixed.string() + " --replace-period 2026-Q2");
    ASSERT_EQ(corrected.status, 0) << corrected.text;
    EXPECT_NE(corrected.text.find("events: 0 inserted, 0 updated, 1 retracted, "), std::string::npos)
        << corrected.text;
    EXPECT_NE(corrected.text.find("data version 3"), std::string::npos) << corrected.text;

    const auto after = merit("run " + ws + " --scheme " + scheme + " --period 2026-Q2 --json");
    ASSERT_EQ(after.status, 0) << after.text;
    EXPECT_FALSE(manager_of(after.text, "TL05").at("vetoed").as_bool());

    const auto shown = merit("data show " + ws + " --version 3 --json");
    ASSERT_EQ(shown.status, 0) << shown.text;
    const auto changes =
        json::parse(shown.text.substr(shown.text.find('{'))).as_object().at("changes").as_array();
    ASSERT_EQ(changes.size(), 1u);
    const auto& events = changes[0].as_object();
    EXPECT_EQ(events.at("table").as_string(), "events");
    EXPECT_EQ(events.at("retracted").as_int64(), 1);
    const auto& row = events.at("rows").as_array()[0].as_object();
    EXPECT_EQ(row.at("change").as_string(), "retracted");
    EXPECT_EQ(row.at("before").as_object().at("note").as_string(), "违规承诺资费");
    EXPECT_TRUE(row.at("after").is_null());
    // The first run still says what it computed: runs are never rewritten.
    EXPECT_NE(merit("runs " + ws).text.find("2026-Q2"), std::string::npos);
}

}  // namespace
