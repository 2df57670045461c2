// A workspace file as an older Merit left it: the migrations before the one
// that creates `table`, so a migration test holds whatever lands before it.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "store/schema.hpp"
#include "store/sqlite.hpp"
#include "store/workspace.hpp"

namespace merit::testing {

// The version (number of migrations applied) just before `CREATE TABLE table`.
inline int version_before_table(const std::string& table) {
    const auto migrations = schema_migrations();
    for (size_t v = 0; v < migrations.size(); ++v)
        if (migrations[v].sql.find("CREATE TABLE " + table + " (") != std::string_view::npos)
            return static_cast<int>(v);
    ADD_FAILURE() << "no migration creates " << table;
    return 0;
}

inline void create_old_workspace(const std::filesystem::path& file, int version) {
    sqlite3* raw = nullptr;
    ASSERT_EQ(sqlite3_open(file.c_str(), &raw), SQLITE_OK);
    Connection db(raw);
    Transaction tx(db.get());
    const auto migrations = schema_migrations();
    for (int v = 0; v < version; ++v) {
        exec(db.get(), migrations[static_cast<size_t>(v)].sql);
        if (migrations[static_cast<size_t>(v)].then) migrations[static_cast<size_t>(v)].then(db.get());
    }
    exec(db.get(), "PRAGMA user_version = " + std::to_string(version));
    tx.commit();
}

}  // namespace merit::testing
