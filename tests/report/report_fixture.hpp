// A fresh workspace holding the hand-made run of fixture_run.sql.
#pragma once

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <unistd.h>

#include "store/sqlite.hpp"
#include "store/workspace.hpp"

namespace merit::test {

class FixtureWorkspace {
public:
    FixtureWorkspace() : dir_(make_dir()), ws_(Workspace::create(dir_ / "ws.merit")) {
        std::ifstream in(std::filesystem::path(MERIT_SOURCE_DIR) / "tests/report/fixture_run.sql");
        std::stringstream sql;
        sql << in.rdbuf();
        exec(ws_.db(), sql.str());
    }
    ~FixtureWorkspace() {
        std::error_code ec;
        std::filesystem::remove_all(dir_, ec);
    }
    FixtureWorkspace(const FixtureWorkspace&) = delete;
    FixtureWorkspace& operator=(const FixtureWorkspace&) = delete;

    sqlite3* db() const { return ws_.db(); }
    const std::filesystem::path& dir() const { return dir_; }

private:
    static std::filesystem::path make_dir() {
        static int counter = 0;
        const auto dir =
            std::filesystem::temp_directory_path() /
            ("merit-report-test-" + std::to_string(::getpid()) + "-" + std::to_string(++counter));
        std::filesystem::remove_all(dir);
        std::filesystem::create_directories(dir);
        return dir;
    }
    std::filesystem::path dir_;
    Workspace ws_;
};

}  // namespace merit::test
