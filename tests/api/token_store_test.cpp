// Tokens and passwords at rest: only hashes are stored, lifetimes are
// checked, and the migration that adds their tables takes an older workspace
// forward.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>

#include "api/passwords.hpp"
#include "api/token_store.hpp"
#include "common/errors.hpp"
#include "store/schema.hpp"
#include "store/sqlite.hpp"
#include "store/workspace.hpp"

namespace {

namespace fs = std::filesystem;

class ScratchWorkspace : public ::testing::Test {
protected:
    void SetUp() override {
        std::string pattern = (fs::temp_directory_path() / "merit-tokens.XXXXXX").string();
        ASSERT_TRUE(::mkdtemp(pattern.data()));
        dir_ = pattern;
    }
    void TearDown() override { fs::remove_all(dir_); }
    fs::path dir_;
};

// The token tables are the last migration: a workspace of the version
// before opens, migrates, and takes tokens.
TEST_F(ScratchWorkspace, MigratesThePreviousVersionToTokenTables) {
    const fs::path file = dir_ / "old.merit";
    {
        sqlite3* raw = nullptr;
        ASSERT_EQ(sqlite3_open(file.c_str(), &raw), SQLITE_OK);
        merit::Connection db(raw);
        merit::Transaction tx(db.get());
        const auto migrations = merit::schema_migrations();
        const size_t previous = migrations.size() - 1;
        for (size_t v = 0; v < previous; ++v) {
            merit::exec(db.get(), migrations[v].sql);
            if (migrations[v].then) migrations[v].then(db.get());
        }
        merit::exec(db.get(), "PRAGMA user_version = " + std::to_string(previous));
        tx.commit();
    }
    merit::Workspace ws = merit::Workspace::open(file);
    EXPECT_EQ(ws.schema_version(), merit::current_schema_version());
    const merit::api::IssuedToken token = merit::api::issue_token(ws.db(), "u1", std::chrono::hours(2), "ci");
    EXPECT_EQ(merit::api::token_user(ws.db(), token.token), "u1");
}

TEST_F(ScratchWorkspace, OnlyTheTokensHashIsStoredAndItExpires) {
    merit::Workspace ws = merit::Workspace::create(dir_ / "ws.merit");
    const auto token = merit::api::issue_token(ws.db(), "u1", std::chrono::minutes(1), "");
    EXPECT_EQ(token.token.rfind("mrt_", 0), 0u);
    EXPECT_EQ(token.token.size(), 47u);
    merit::Statement st(ws.db(), "SELECT count(*) FROM api_tokens WHERE token_hash = ?1 OR label = ?1");
    st.bind(1, token.token);
    st.step();
    EXPECT_EQ(st.integer(0), 0);  // the token itself is nowhere in the file
    EXPECT_FALSE(merit::api::token_user(ws.db(), token.token + "x"));
    EXPECT_FALSE(merit::api::token_user(ws.db(), "mrt_" + std::string(43, 'A')));
    merit::exec(ws.db(), "UPDATE api_tokens SET expires_at = '2000-01-01T00:00:00Z'");
    EXPECT_FALSE(merit::api::token_user(ws.db(), token.token));
}

TEST(TokenLifetime, ParsesDaysHoursMinutesAndRefusesTheRest) {
    EXPECT_EQ(merit::api::parse_lifetime("30d"), std::chrono::hours(24 * 30));
    EXPECT_EQ(merit::api::parse_lifetime("12h"), std::chrono::hours(12));
    EXPECT_EQ(merit::api::parse_lifetime("45m"), std::chrono::minutes(45));
    for (const char* bad : {"", "30", "d", "0d", "-1d", "3651d", "1w", "1.5d"})
        EXPECT_THROW(merit::api::parse_lifetime(bad), merit::UsageError) << bad;
}

TEST_F(ScratchWorkspace, PasswordsAreArgon2idHashesAndChecked) {
    merit::Workspace ws = merit::Workspace::create(dir_ / "ws.merit");
    EXPECT_THROW(merit::api::set_password(ws.db(), "u1", "short"), merit::UserError);
    merit::api::set_password(ws.db(), "u1", "a long enough secret");
    merit::Statement st(ws.db(), "SELECT hash FROM user_passwords WHERE user_id = 'u1'");
    ASSERT_TRUE(st.step());
    EXPECT_EQ(st.text(0).rfind("$argon2id$", 0), 0u);
    EXPECT_TRUE(merit::api::check_password(ws.db(), "u1", "a long enough secret"));
    EXPECT_FALSE(merit::api::check_password(ws.db(), "u1", "a long enough secreT"));
    EXPECT_FALSE(merit::api::check_password(ws.db(), "nobody", "a long enough secret"));
}

}  // namespace
