// Reports are written beside their target and renamed into place: a killed
// or failing write leaves the previous report whole, and reports are 0600.
#include "report/report_files.hpp"

#include <gtest/gtest.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <iterator>

#include "common/errors.hpp"
#include "report/html_report.hpp"
#include "report/report_fixture.hpp"
#include "report/xlsx_report.hpp"

namespace merit::report {
namespace {

namespace fs = std::filesystem;

struct ScratchDir {
    ScratchDir() {
        std::string pattern = (fs::temp_directory_path() / "merit-report-files-XXXXXX").string();
        if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
        path = pattern;
    }
    ~ScratchDir() {
        std::error_code ignored;
        fs::remove_all(path, ignored);
    }
    size_t entries() const { return static_cast<size_t>(std::distance(fs::directory_iterator(path), {})); }
    fs::path path;
};

std::string bytes_of(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

constexpr auto kOwnerOnly = fs::perms::owner_read | fs::perms::owner_write;

TEST(ReportFiles, AReportIsOwnerOnlyWhateverTheUmask) {
    ScratchDir dir;
    const mode_t previous = ::umask(0);
    test::FixtureWorkspace ws;
    const Report report = load_report(ws.db(), 1, Lang::zh);
    write_html(report, dir.path / "run.html");
    write_xlsx(report, dir.path / "run.xlsx");
    write_report_text(dir.path / "run.csv", "a,b\n");
    ::umask(previous);
    for (const char* name : {"run.html", "run.xlsx", "run.csv"})
        EXPECT_EQ(fs::status(dir.path / name).permissions(), kOwnerOnly) << name;
    EXPECT_EQ(dir.entries(), 3u);  // no temporary file left behind
}

TEST(ReportFiles, AFailedWriteLeavesThePreviousReportAndNoTemporaryFile) {
    ScratchDir dir;
    const fs::path file = dir.path / "run-1.html";
    write_report_text(file, "<p>the good report</p>\n");
    EXPECT_THROW(replace_file(file,
                              [](const fs::path& temp) {
                                  std::ofstream(temp, std::ios::binary) << "<p>half a rep";
                                  throw UserError("disk full");
                              }),
                 UserError);
    EXPECT_EQ(bytes_of(file), "<p>the good report</p>\n");
    EXPECT_EQ(dir.entries(), 1u);
}

TEST(ReportFiles, AProcessKilledMidWriteLeavesThePreviousReportIntact) {
    ScratchDir dir;
    const fs::path file = dir.path / "run-1.csv";
    write_report_text(file, "manager,score\nM01,91.5\n");
    const pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
        // SIGKILL half-way through writing the new report: no handler runs.
        replace_file(file, [](const fs::path& temp) {
            std::ofstream out(temp, std::ios::binary);
            out << "manager,score\nM0" << std::flush;
            ::raise(SIGKILL);
        });
        ::_exit(0);
    }
    int status = 0;
    ASSERT_EQ(::waitpid(child, &status, 0), child);
    ASSERT_TRUE(WIFSIGNALED(status));
    EXPECT_EQ(bytes_of(file), "manager,score\nM01,91.5\n");
    // The new report, written afterwards, replaces it whole.
    write_report_text(file, "manager,score\nM01,92\n");
    EXPECT_EQ(bytes_of(file), "manager,score\nM01,92\n");
}

TEST(ReportFiles, AnUnwritableDirectoryIsNamedAndNothingIsWritten) {
    ScratchDir dir;
    const fs::path file = dir.path / "missing" / "run-1.csv";
    try {
        write_report_text(file, "x");
        FAIL();
    } catch (const UserError& e) {
        EXPECT_EQ(std::string(e.what()).rfind(file.string() + ": cannot write: ", 0), 0u) << e.what();
    }
}

}  // namespace
}  // namespace merit::report
