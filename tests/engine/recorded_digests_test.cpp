// Every shipped scheme on its shipped sample, run exactly as `merit demo`
// runs them (the same sample sets, schemes and periods, in the same order),
// compared with the digests recorded in tests/engine/recorded_digests.json.
//
// Two digests per run: the engine's own results digest (runs.results_digest)
// and one over every stored result row, names, band reasons and trace lines
// included, so a refactor that only reworded an explanation is caught too.
//
// A rule change that is meant to change results is re-recorded with
//   MERIT_RECORD_DIGESTS=1 ctest --preset release -R RecordedDigests
// and the commit says why the digests moved.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <fmt/format.h>
#include <algorithm>
#include <boost/json.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "common/sha256.hpp"
#include "store/sqlite.hpp"
#include "support/merit_cli.hpp"

namespace {

namespace fs = std::filesystem;
namespace json = boost::json;

const fs::path kRecorded = fs::path(MERIT_SOURCE_DIR) / "tests/engine/recorded_digests.json";

struct RecordedRun {
    std::string set;
    std::string scheme;  // file name, e.g. banking.scheme.json
    std::string period;
    std::string results_digest;
    std::string rows_digest;

    std::string key() const { return set + " " + scheme + " " + period; }
};

std::string read_text(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

// One cell as text that tells NULL, numbers and text apart; reals exactly.
std::string cell(sqlite3_stmt* st, int column) {
    switch (sqlite3_column_type(st, column)) {
        case SQLITE_NULL:
            return "~";
        case SQLITE_INTEGER:
            return std::to_string(sqlite3_column_int64(st, column));
        case SQLITE_FLOAT:
            return fmt::format("{:.17g}", sqlite3_column_double(st, column));
        default:
            return fmt::format("'{}'", reinterpret_cast<const char*>(sqlite3_column_text(st, column)));
    }
}

// SHA-256 over every result row of the run (every column but run_id), sorted
// so that storage order does not matter.
std::string rows_digest(sqlite3* db, int64_t run_id) {
    std::vector<std::string> lines;
    for (const char* table : {"run_managers", "run_indicators", "run_dimensions", "run_adjustments",
                              "run_pay", "run_decisions", "run_trace", "run_state"}) {
        merit::Statement st(db, fmt::format("SELECT * FROM {} WHERE run_id = ?1", table));
        st.bind(1, run_id);
        while (st.step()) {
            std::string line = table;
            for (int c = 0; c < st.column_count(); ++c)
                if (std::string_view(sqlite3_column_name(st.raw(), c)) != "run_id")
                    line += "|" + cell(st.raw(), c);
            lines.push_back(std::move(line));
        }
    }
    std::sort(lines.begin(), lines.end());
    std::string text;
    for (const auto& l : lines) text += l + "\n";
    return merit::sha256_hex(text);
}

// Runs `merit demo` into `out` and reads back every run it made.
std::vector<RecordedRun> run_the_demo(const fs::path& out) {
    const fs::path listing = out / "demo.json";
    const auto status =
        // Warnings would go to stderr, kept apart from the JSON; run_merit's
        // own 2>&1 lands on `exit`.
        merit_test::run_merit(fmt::format("demo --out {} --json > {} 2> {}; exit $?", out.string(),
                                          listing.string(), (out / "demo.stderr").string()));
    EXPECT_EQ(status.status, 0) << status.text;
    // The shipped samples fit their schemes: no run warns (the postal fines'
    // data_leak, which no postal manager committed, counts 0 rightly).
    const std::string warnings = read_text(out / "demo.stderr");
    EXPECT_EQ(warnings.find("warning"), std::string::npos) << warnings;
    const json::object demo = json::parse(read_text(listing)).as_object();
    EXPECT_TRUE(demo.at("failures").as_array().empty()) << json::serialize(demo.at("failures"));
    EXPECT_TRUE(demo.at("skipped").as_array().empty()) << json::serialize(demo.at("skipped"));
    std::vector<RecordedRun> runs;
    for (const auto& v : demo.at("runs").as_array()) {
        const auto& r = v.as_object();
        RecordedRun run{std::string(r.at("set").as_string()),
                        fs::path(std::string(r.at("scheme_file").as_string())).filename().string(),
                        std::string(r.at("period").as_string()),
                        {},
                        {}};
        const int64_t id = r.at("run").to_number<int64_t>();
        sqlite3* db = nullptr;
        const auto ws = out / (run.set + ".merit");
        if (sqlite3_open_v2(ws.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK)
            throw std::runtime_error("cannot open " + ws.string());
        {
            merit::Statement st(db, "SELECT results_digest FROM runs WHERE id = ?1");
            st.bind(1, id);
            if (st.step()) run.results_digest = st.text(0);
        }
        run.rows_digest = rows_digest(db, id);
        sqlite3_close(db);
        runs.push_back(std::move(run));
    }
    return runs;
}

std::vector<RecordedRun> read_recorded() {
    std::vector<RecordedRun> runs;
    const json::value v = json::parse(read_text(kRecorded));
    for (const auto& item : v.at("runs").as_array()) {
        const auto& r = item.as_object();
        runs.push_back({std::string(r.at("set").as_string()), std::string(r.at("scheme").as_string()),
                        std::string(r.at("period").as_string()),
                        std::string(r.at("results_digest").as_string()),
                        std::string(r.at("rows_digest").as_string())});
    }
    return runs;
}

// One run per line, so a re-recording's diff shows which runs moved.
void write_recorded(const std::vector<RecordedRun>& runs) {
    std::ofstream out(kRecorded, std::ios::binary | std::ios::trunc);
    out << "{\n  \"how_to_re_record\": \"MERIT_RECORD_DIGESTS=1 ctest --preset release -R RecordedDigests "
           "(only for an intended rule change; the commit says why)\",\n  \"runs\": [\n";
    for (size_t i = 0; i < runs.size(); ++i) {
        const auto& r = runs[i];
        out << fmt::format(
            "    {{\"set\": \"{}\", \"scheme\": \"{}\", \"period\": \"{}\", \"results_digest\": \"{}\", "
            "\"rows_digest\": \"{}\"}}{}\n",
            r.set, r.scheme, r.period, r.results_digest, r.rows_digest, i + 1 < runs.size() ? "," : "");
    }
    out << "  ]\n}\n";
}

TEST(RecordedDigests, EveryShippedSchemeOnItsSampleGivesTheRecordedResults) {
    const fs::path out = fs::temp_directory_path() / ("merit-recorded-digests-" + std::to_string(::getpid()));
    fs::remove_all(out);
    fs::create_directories(out);
    const std::vector<RecordedRun> now = run_the_demo(out);
    fs::remove_all(out);
    ASSERT_FALSE(now.empty());

    if (const char* record = std::getenv("MERIT_RECORD_DIGESTS"); record && std::string(record) == "1") {
        write_recorded(now);
        GTEST_SKIP() << "recorded " << now.size() << " runs in " << kRecorded.string();
    }

    std::map<std::string, RecordedRun> recorded;
    for (auto& r : read_recorded()) recorded[r.key()] = r;
    for (const auto& run : now) {
        const auto it = recorded.find(run.key());
        if (it == recorded.end()) {
            ADD_FAILURE() << run.key() << ": no recorded digest (a new scheme, sample or period?)";
            continue;
        }
        EXPECT_EQ(run.results_digest, it->second.results_digest) << run.key() << ": results digest";
        EXPECT_EQ(run.rows_digest, it->second.rows_digest) << run.key() << ": stored rows";
        recorded.erase(it);
    }
    for (const auto& [key, r] : recorded)
        ADD_FAILURE() << key << ": recorded, but the demo no longer runs it";
}

}  // namespace
