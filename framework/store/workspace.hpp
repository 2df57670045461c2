// A workspace: one SQLite file holding the organisation, the input data and
// every evaluation run. Opening it migrates the schema forward.
#pragma once

#include <sqlite3.h>

#include <filesystem>
#include <memory>

namespace merit {

class Workspace {
public:
    // `merit init`: creates a new workspace; refuses to overwrite a file.
    static Workspace create(const std::filesystem::path& path);
    // Opens an existing workspace, migrating an older schema forward. A
    // workspace written by a newer Merit is refused with both versions named.
    static Workspace open(const std::filesystem::path& path);

    sqlite3* db() const { return db_.get(); }
    const std::filesystem::path& path() const { return path_; }
    int schema_version() const;

private:
    Workspace(std::filesystem::path path, sqlite3* db);
    struct Closer {
        void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
    };
    std::filesystem::path path_;
    std::unique_ptr<sqlite3, Closer> db_;
};

}  // namespace merit
