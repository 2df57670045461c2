// The libpq wrapper against a throwaway server (tests/support/pg_cluster.hpp):
// results read defensively, COPY, transactions, and connection errors of
// one line that never show a password.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "common/errors.hpp"
#include "pg/pg_connection.hpp"
#include "support/pg_cluster.hpp"

namespace merit {
namespace {

using testing::PgCluster;

class PgConnectionTest : public testing::PgClusterTest {};

std::string error_of(const std::function<void()>& action) {
    try {
        action();
    } catch (const UserError& e) {
        return e.what();
    }
    return "no error";
}

TEST_F(PgConnectionTest, ReadsCopiesAndRollsBack) {
    cluster().create_database("wrapper");
    PgConnection db(cluster().url("wrapper", "ws"));
    db.exec("CREATE SCHEMA ws");
    db.exec("CREATE TABLE t (id text PRIMARY KEY, n bigint, x double precision, d date, note text)");

    // COPY in chunks that cut rows in the middle.
    const std::vector<std::string> chunks = {"a\t1\t0.1\t2026-07-01\tx\\ty\nb\t",
                                             "2\t\\N\t2026-07-02\t\\N\n"};
    size_t next = 0;
    const int64_t copied = db.copy_in("COPY t (id, n, x, d, note) FROM STDIN", [&](std::string& chunk) {
        if (next == chunks.size()) return false;
        chunk = chunks[next++];
        return true;
    });
    EXPECT_EQ(copied, 2);

    PgResult rows = db.exec_params("SELECT id, n, x, d, note FROM t WHERE id >= $1 ORDER BY id", {"a"});
    rows.expect_columns(5);
    ASSERT_EQ(rows.rows(), 2);
    EXPECT_EQ(rows.text(0, 0), "a");
    EXPECT_EQ(rows.int64(0, 1), 1);
    EXPECT_EQ(rows.real(0, 2), 0.1);
    EXPECT_EQ(rows.text(0, 3), "2026-07-01");
    EXPECT_EQ(rows.text(0, 4), "x\ty");
    EXPECT_TRUE(rows.is_null(1, 2));
    EXPECT_EQ(rows.optional_text(1, 4), std::nullopt);
    // Hostile values: NULL, text where a number belongs, out of range.
    EXPECT_EQ(
        error_of([&] { rows.real(1, 2); }),
        "postgresql: column x of row 2 is NULL, a number expected (SELECT id, n, x, d, note FROM t WHERE id "
        "...)");
    EXPECT_EQ(error_of([&] { rows.int64(0, 0); }),
              "postgresql: column id of row 1 is 'a', an integer expected (SELECT id, n, x, d, note FROM t "
              "WHERE id ...)");
    EXPECT_NE(error_of([&] { rows.text(2, 0); }).find("no row 2 column 0"), std::string::npos);
    EXPECT_NE(error_of([&] { rows.expect_columns(3); }).find("5 columns, 3 expected"), std::string::npos);

    // A statement's error: the primary message and the statement's first words.
    EXPECT_EQ(
        error_of([&] { db.exec("INSERT INTO t (id) VALUES ('a')"); }),
        "postgresql: duplicate key value violates unique constraint \"t_pkey\" (INSERT INTO t (id) VALUES "
        "('a'))");

    // A failed COPY row leaves nothing behind; an exception of ours aborts it.
    EXPECT_NE(error_of([&] {
                  bool sent = false;
                  db.copy_in("COPY t (id, n) FROM STDIN", [&](std::string& chunk) {
                      chunk = "c\tnot-a-number\n";
                      return !std::exchange(sent, true);
                  });
              }).find("invalid input syntax for type bigint"),
              std::string::npos);
    EXPECT_THROW(db.copy_in("COPY t (id) FROM STDIN",
                            [&](std::string&) -> bool { throw std::runtime_error("source failed"); }),
                 std::runtime_error);
    EXPECT_EQ(db.exec("SELECT count(*) FROM t").int64(0, 0), 2);

    {
        PgTransaction transaction(db);
        db.exec("DELETE FROM t");
    }  // not committed: rolled back
    EXPECT_EQ(db.exec("SELECT count(*) FROM t").int64(0, 0), 2);
    {
        PgTransaction transaction(db);
        EXPECT_EQ(db.exec("SHOW transaction_isolation").text(0, 0), "repeatable read");
        db.exec("DELETE FROM t WHERE id = 'b'");
        transaction.commit();
    }
    EXPECT_EQ(db.exec("SELECT count(*) FROM t").int64(0, 0), 1);
}

TEST_F(PgConnectionTest, WrongCredentialsGiveOneLineWithoutThePassword) {
    {
        PgConnection admin(cluster().url("postgres"));
        admin.exec(fmt::format("CREATE ROLE {} LOGIN PASSWORD 'right-secret'", PgCluster::kPasswordUser));
    }
    const std::string base =
        fmt::format("postgresql://{}:{{}}@127.0.0.1:{}/{{}}", PgCluster::kPasswordUser, cluster().port());
    // The right password works, through the URL and through PGPASSWORD.
    EXPECT_EQ(PgConnection(fmt::format(fmt::runtime(base), "right-secret", "postgres"))
                  .exec("SELECT 1")
                  .int64(0, 0),
              1);
    setenv("PGPASSWORD", "right-secret", 1);
    EXPECT_NO_THROW(PgConnection(cluster().url("postgres", "", PgCluster::kPasswordUser)));
    unsetenv("PGPASSWORD");
    {
        // And through a password file (libpq wants it 0600).
        const std::filesystem::path passfile = cluster().dir() / "test.pgpass";
        std::ofstream(passfile) << fmt::format("127.0.0.1:{}:*:{}:right-secret\n", cluster().port(),
                                               PgCluster::kPasswordUser);
        std::filesystem::permissions(
            passfile, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
        setenv("PGPASSFILE", passfile.c_str(), 1);
        EXPECT_NO_THROW(PgConnection(cluster().url("postgres", "", PgCluster::kPasswordUser)));
        unsetenv("PGPASSFILE");
    }

    const std::string wrong =
        error_of([&] { PgConnection(fmt::format(fmt::runtime(base), "Wr0ngSecret", "postgres")); });
    EXPECT_EQ(wrong.find("Wr0ngSecret"), std::string::npos) << wrong;
    EXPECT_EQ(wrong.find('\n'), std::string::npos) << wrong;
    EXPECT_NE(wrong.find("password authentication failed"), std::string::npos) << wrong;
    EXPECT_NE(wrong.find(fmt::format("(connecting to postgresql://{}@127.0.0.1:{}/postgres)",
                                     PgCluster::kPasswordUser, cluster().port())),
              std::string::npos)
        << wrong;
    EXPECT_TRUE(wrong.starts_with("postgresql: ")) << wrong;

    const std::string unknown =
        error_of([&] { PgConnection(fmt::format(fmt::runtime(base), "right-secret", "no_such_db")); });
    EXPECT_EQ(unknown.find("right-secret"), std::string::npos) << unknown;
    EXPECT_EQ(unknown.find('\n'), std::string::npos) << unknown;
    EXPECT_NE(unknown.find("database \"no_such_db\" does not exist"), std::string::npos) << unknown;
}

}  // namespace
}  // namespace merit
