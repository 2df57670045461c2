// One plugin id, one file, on the command line: a copy of merit_core.so
// under another name beside the original. An altered (untrusted) copy takes
// nothing away: the shipped scheme validates and runs. A byte-identical
// (trusted) copy is a conflict between two trusted files: neither loads,
// `merit plugins list` and `validate` name both, and the other plugins keep
// working.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "plugin_fixtures.hpp"

namespace merit {
namespace {

using test::TempDir;
using ::testing::HasSubstr;
using Result = test::CliResult;

size_t occurrences(const std::string& text, const std::string& needle) {
    size_t count = 0;
    for (size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++count;
    return count;
}

// The whole line of `text` that holds `needle` ("" when none does).
std::string line_with(const std::string& text, const std::string& needle) {
    const size_t at = text.find(needle);
    if (at == std::string::npos) return "";
    const size_t start = text.rfind('\n', at) == std::string::npos ? 0 : text.rfind('\n', at) + 1;
    return text.substr(start, text.find('\n', at) - start);
}

class IdConflict : public ::testing::Test {
protected:
    // core and banking trusted; `backup` (bytes) as plugins/merit_core_backup.so.
    void install(const std::string& backup) {
        const auto stage = std::filesystem::path(MERIT_STAGE_DIR) / "lib/merit/plugins";
        config_ =
            test::host_config_file(dir_.path(), {stage / "merit_core.so", stage / "merit_banking.so"}, "{}");
        test::write_file(dir_ / "plugins/merit_core_backup.so", backup);
    }
    std::string core_bytes() const {
        return test::read_file(std::filesystem::path(MERIT_STAGE_DIR) / "lib/merit/plugins/merit_core.so");
    }
    Result merit(const std::string& args) const {
        return test::run_staged_merit(dir_.path(), "--config " + config_.string() + " " + args);
    }
    std::string telecom() const { return std::string(MERIT_SOURCE_DIR) + "/config/telecom.scheme.json"; }

    TempDir dir_;
    std::filesystem::path config_;
};

TEST_F(IdConflict, AnUntrustedCopyClaimingCoreTakesNothingAway) {
    install(core_bytes() + "altered");  // another checksum: not on the allow-list
    const Result checked = merit("validate " + telecom());
    EXPECT_EQ(checked.status, 0) << checked.err;
    // The one warning: the copy is not loaded, for its checksum.
    EXPECT_THAT(checked.err,
                HasSubstr("merit: warning: plugin 'core' (merit_core_backup.so): not loaded: SHA-256"));
    EXPECT_EQ(occurrences(checked.err, "merit: warning: "), 1) << checked.err;
    // Commands that load no plugin say nothing about them.
    const auto ws = dir_ / "ws.merit";
    const Result created = merit("init " + ws.string());
    ASSERT_EQ(created.status, 0);
    EXPECT_EQ(occurrences(created.err, "warning"), 0) << created.err;
    const Result imported = merit("import " + ws.string() + " --dir " + std::string(MERIT_SOURCE_DIR) +
                                  "/config/samples/telecom");
    ASSERT_EQ(imported.status, 0);
    EXPECT_EQ(occurrences(imported.err, "warning"), 0) << imported.err;
    // A run needs plugins: the refusal once, as one line without a timestamp.
    const Result ran = merit("run " + ws.string() + " --scheme " + telecom() + " --period 2026-Q3");
    EXPECT_EQ(ran.status, 0) << ran.err;
    EXPECT_EQ(occurrences(ran.err, "merit_core_backup.so): not loaded"), 1) << ran.err;
    EXPECT_THAT(
        line_with(ran.err, "merit_core_backup.so"),
        ::testing::StartsWith("merit: warning: plugin 'core' (merit_core_backup.so): not loaded: SHA-256"));
    EXPECT_EQ(test::sql_value(ws, "SELECT count(*) FROM runs"), "1");
}

TEST_F(IdConflict, TwoTrustedFilesOfOneIdLoadNeitherAndTheListShowsTheConflict) {
    install(core_bytes());  // the same checksum: trusted too
    const std::string both =
        (dir_ / "plugins/merit_core.so").string() + ", " + (dir_ / "plugins/merit_core_backup.so").string();
    const std::string conflict = "plugin id 'core' is claimed by 2 trusted files (" + both + ")";
    const Result listed = merit("plugins list");
    EXPECT_EQ(listed.status, 0) << listed.err;
    EXPECT_THAT(listed.out, HasSubstr("  reason: plugin 'core' (merit_core.so): not loaded: " + conflict));
    EXPECT_THAT(listed.out,
                HasSubstr("  reason: plugin 'core' (merit_core_backup.so): not loaded: " + conflict));
    EXPECT_THAT(listed.out,
                HasSubstr("banking 1.0.0  vendor: Merit  API 1.1  trusted  loaded"));  // the rest work
    const Result checked = merit("validate " + telecom());
    EXPECT_EQ(checked.status, 1);
    EXPECT_THAT(checked.err,
                HasSubstr("plugins[0]: plugin 'core' is not loaded: plugin 'core' (merit_core.so): not "
                          "loaded: " +
                          conflict));
}

}  // namespace
}  // namespace merit
