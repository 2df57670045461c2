// The PostgreSQL URL parser (framework/pg/pg_url.hpp): no server needed.
#include <gtest/gtest.h>

#include "common/errors.hpp"
#include "pg/pg_connection.hpp"
#include "pg/pg_url.hpp"

namespace merit {
namespace {

std::string error_of(std::string_view url) {
    try {
        parse_pg_url(url);
    } catch (const UserError& e) {
        return e.what();
    }
    return "no error";
}

TEST(PgUrl, ReadsEveryPart) {
    std::string password;
    const PgUrl url =
        parse_pg_url("postgresql://merit:s%40cret@db.example:6543/bank?schema=merit_ws", &password);
    EXPECT_EQ(url.user, "merit");
    EXPECT_EQ(url.host, "db.example");
    EXPECT_EQ(url.port, "6543");
    EXPECT_EQ(url.database, "bank");
    EXPECT_EQ(url.schema, "merit_ws");
    EXPECT_EQ(password, "s@cret");
    EXPECT_EQ(url.text(), "postgresql://merit@db.example:6543/bank?schema=merit_ws");
}

TEST(PgUrl, UserPortAndSchemaAreOptional) {
    const PgUrl url = parse_pg_url("postgres://localhost/bank");
    EXPECT_EQ(url.user, "");
    EXPECT_EQ(url.port, "");
    EXPECT_EQ(url.schema, "");
    EXPECT_EQ(url.schema_or_public(), "public");
    EXPECT_EQ(url.text(), "postgresql://localhost/bank");
}

TEST(PgUrl, ReadsAnIpv6HostAndSslmode) {
    const PgUrl url = parse_pg_url("postgresql://u@[::1]:5432/d?sslmode=require&schema=s1");
    EXPECT_EQ(url.host, "::1");
    EXPECT_EQ(url.sslmode, "require");
    EXPECT_EQ(url.text(), "postgresql://u@[::1]:5432/d?schema=s1&sslmode=require");
}

TEST(PgUrl, TellsUrlsFromFileNames) {
    EXPECT_TRUE(looks_like_pg_url("postgresql://h/d"));
    EXPECT_TRUE(looks_like_pg_url("postgres://h/d"));
    EXPECT_FALSE(looks_like_pg_url("bank.merit"));
    EXPECT_FALSE(looks_like_pg_url("mysql://h/d"));
}

TEST(PgUrl, RefusesBadUrlsNamingWhy) {
    EXPECT_EQ(error_of("mysql://h/d"),
              "postgresql: bad URL 'mysql://h/d': it does not start with postgresql:// or postgres://");
    EXPECT_EQ(error_of("postgresql://h"),
              "postgresql: bad URL 'postgresql://h': no database "
              "(postgresql://user@host:port/db)");
    EXPECT_EQ(error_of("postgresql://h/"),
              "postgresql: bad URL 'postgresql://h/': no database "
              "(postgresql://user@host:port/db)");
    EXPECT_EQ(error_of("postgresql:///d"), "postgresql: bad URL 'postgresql:///d': no host");
    EXPECT_EQ(error_of("postgresql://h:0/d"),
              "postgresql: bad URL 'postgresql://h:0/d': port '0' is not a number from 1 to 65535");
    EXPECT_EQ(error_of("postgresql://h:70000/d"),
              "postgresql: bad URL 'postgresql://h:70000/d': port '70000' is not a number from 1 to 65535");
    EXPECT_EQ(error_of("postgresql://h:/d"), "postgresql: bad URL 'postgresql://h:/d': an empty port");
    EXPECT_EQ(error_of("postgresql://h/d?schema=Bad-Name"),
              "postgresql: bad URL 'postgresql://h/d?schema=Bad-Name': schema 'Bad-Name' is not a plain "
              "identifier (a-z, 0-9, _; at most 63 bytes; not starting with a digit or pg_)");
    EXPECT_NE(error_of("postgresql://h/d?schema=pg_catalog").find("not a plain identifier"),
              std::string::npos);
    EXPECT_NE(error_of("postgresql://h/d?schema=x;drop").find("not a plain identifier"), std::string::npos);
    EXPECT_EQ(
        error_of("postgresql://h/d?user=x"),
        "postgresql: bad URL 'postgresql://h/d?user=x': unknown parameter 'user' (known: schema, sslmode)");
    EXPECT_EQ(error_of("postgresql://h/d%zz"),
              "postgresql: bad URL 'postgresql://h/d%zz': a bad %-escape in the "
              "database");
    EXPECT_EQ(error_of("postgresql://h o/d"),
              "postgresql: bad URL 'postgresql://h o/d': a bad character ' ' in "
              "the host");
    EXPECT_EQ(error_of("postgresql://@h/d"),
              "postgresql: bad URL 'postgresql://@h/d': an empty user name before "
              "'@'");
}

TEST(PgUrl, NeverShowsThePassword) {
    for (const char* url : {"postgresql://u:TopSecret1@h:70000/d", "postgresql://u:TopSecret1@/d",
                            "postgresql://u:TopSecret1@h/d?schema=Bad", "postgresql://u:TopSecret1@h",
                            "postgresql://u:Top%zzSecret1@h/d", "postgresql://u:TopSecret1@h/d?x=1"}) {
        const std::string message = error_of(url);
        EXPECT_EQ(message.find("TopSecret1"), std::string::npos) << message;
        EXPECT_EQ(message.find("Top%zz"), std::string::npos) << message;
        EXPECT_NE(message.find("postgresql://u@"), std::string::npos) << message;
    }
    EXPECT_EQ(without_password("postgresql://u:p@ss@h:1/d"), "postgresql://u@h:1/d");
    EXPECT_EQ(without_password("postgresql://u@h/d"), "postgresql://u@h/d");
    EXPECT_EQ(without_password("postgresql://h/d?x=a:b@c"), "postgresql://h/d?x=a:b@c");
    EXPECT_EQ(without_password("bank.merit"), "bank.merit");
}

TEST(PgUrl, QuotesIdentifiers) {
    EXPECT_EQ(quote_identifier("merit"), "\"merit\"");
    EXPECT_EQ(quote_identifier("a\"b"), "\"a\"\"b\"");
    EXPECT_TRUE(is_plain_identifier("merit_2026"));
    EXPECT_FALSE(is_plain_identifier("2026"));
    EXPECT_FALSE(is_plain_identifier(std::string(64, 'a')));
}

TEST(PgText, MessagesAreOneLineWithTheStatementsFirstWords) {
    EXPECT_EQ(one_line("FATAL:  password authentication failed\nfor user \"x\"\n"),
              "FATAL: password authentication failed for user \"x\"");
    EXPECT_EQ(statement_context("SELECT 1"), "SELECT 1");
    EXPECT_EQ(statement_context("INSERT INTO facts\n  (entity, metric, entity_id, date, value) VALUES ($1)"),
              "INSERT INTO facts (entity, metric, ...");
}

TEST(PgText, CopyFieldsAreEscaped) {
    std::string line;
    append_copy_field(line, std::string_view("a\tb\\c\nd\re"));
    line += '\t';
    append_copy_field(line, std::nullopt);
    EXPECT_EQ(line, "a\\tb\\\\c\\nd\\re\t\\N");
}

}  // namespace
}  // namespace merit
