// An import killed with SIGKILL half-way leaves the workspace as it was and
// usable: the staged `merit import` runs on a big generated file in a child
// process and is killed while it works.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <thread>

#include "import/importer.hpp"
#include "import/scratch_workspace.hpp"

namespace merit {
namespace {

using testing::ScratchWorkspace;

TEST(ImportKilled, LeavesTheWorkspaceUnchangedAndUsable) {
    ScratchWorkspace s;
    s.write("org_units.csv", "id,name\nB1,Branch\n");
    std::string customers = "id\n";
    for (int c = 0; c < 1000; ++c) customers += "C" + std::to_string(c) + "\n";
    s.write("customers.csv", customers);
    s.write("facts.csv", "entity,entity_id,metric,date,value\ncustomer,C1,deposit,2026-01-01,5\n");
    import_directory(s.ws(), s.dir(), {});
    const std::string before = s.dump("SELECT count(*), total(value) FROM facts");
    ASSERT_EQ(before, "1|5.0\n");
    s.close();

    // 1000 customers x 3 metrics x 365 days = 1,095,000 rows: seconds of work.
    const auto big = s.dir() / "big" / "facts.csv";
    std::filesystem::create_directories(big.parent_path());
    {
        std::ofstream out(big, std::ios::binary);
        out << "entity,entity_id,metric,date,value\n";
        const char* metrics[] = {"deposit", "loans", "fees"};
        for (const char* metric : metrics)
            for (int c = 0; c < 1000; ++c)
                for (int day = 0; day < 365; ++day) {
                    const int month = 1 + day / 31 % 12, dom = 1 + day % 28;
                    char line[96];
                    std::snprintf(line, sizeof line, "customer,C%d,%s,2025-%02d-%02d,%d.%02d\n", c, metric,
                                  month, dom, day * 7 + c, day % 100);
                    out << line;
                }
    }

    const std::string merit = std::string(MERIT_STAGE_DIR) + "/bin/merit";
    const pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
        const std::string ws = s.path().string(), file = big.string();
        execl(merit.c_str(), merit.c_str(), "import", ws.c_str(), file.c_str(), static_cast<char*>(nullptr));
        _exit(127);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(700));
    int status = 0;
    // Still working: the kill lands in the middle of the import.
    ASSERT_EQ(waitpid(child, &status, WNOHANG), 0) << "the import finished before it could be killed";
    ASSERT_EQ(kill(child, SIGKILL), 0);
    ASSERT_EQ(waitpid(child, &status, 0), child);
    ASSERT_TRUE(WIFSIGNALED(status));
    EXPECT_EQ(WTERMSIG(status), SIGKILL);

    s.reopen();
    EXPECT_EQ(s.dump("PRAGMA integrity_check"), "ok\n");
    EXPECT_EQ(s.dump("SELECT count(*), total(value) FROM facts"), before);
    // And the next import works.
    s.write("again/facts.csv", "entity,entity_id,metric,date,value\ncustomer,C2,deposit,2026-01-01,7\n");
    const auto result = import_files(s.ws(), {s.dir() / "again" / "facts.csv"}, {});
    ASSERT_EQ(result.size(), 1u);
    EXPECT_EQ(result[0].inserted, 1u);
    EXPECT_EQ(s.dump("SELECT count(*), total(value) FROM facts"), "2|12.0\n");
}

}  // namespace
}  // namespace merit
