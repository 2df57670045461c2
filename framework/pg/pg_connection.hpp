// A thin RAII layer over libpq (issue 20): one connection, statements with
// text parameters, results read defensively, REPEATABLE READ transactions
// and COPY FROM STDIN streaming. Every failure is a UserError of one line,
//   postgresql: <the server's or libpq's primary message> (<context>)
// where the context is the statement's first words or "connecting to" and
// the URL without its password.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pg/pg_url.hpp"

// libpq's handles, kept out of every includer's namespace.
struct pg_conn;
struct pg_result;

namespace merit {

// A statement's text parameter; nullopt is SQL NULL.
using PgParam = std::optional<std::string>;

// The rows of one statement. Values come from a server we do not control:
// every read checks the row and column, NULLs and the text's form, and
// throws UserError (naming the column) instead of guessing.
class PgResult {
public:
    PgResult(pg_result* result, std::string context);
    ~PgResult();
    PgResult(const PgResult&) = delete;
    PgResult& operator=(const PgResult&) = delete;
    PgResult(PgResult&& other) noexcept;
    PgResult& operator=(PgResult&& other) noexcept;

    int rows() const;
    int columns() const;
    bool is_null(int row, int column) const;
    // The value as the server sent it in text form; throws on NULL.
    std::string_view text(int row, int column) const;
    std::optional<std::string> optional_text(int row, int column) const;
    // Whole text must be the number; throws on NULL or anything else.
    int64_t int64(int row, int column) const;
    double real(int row, int column) const;
    // PostgreSQL's boolean text form, 't' or 'f'.
    bool boolean(int row, int column) const;
    // Throws unless the result has exactly `count` columns.
    void expect_columns(int count) const;

private:
    void check(int row, int column) const;
    // The text of a value that must not be NULL; `expected` names its kind.
    std::string_view value(int row, int column, std::string_view expected) const;
    [[noreturn]] void bad_value(int row, int column, std::string_view expected) const;
    pg_result* result_;
    std::string context_;
};

class PgConnection {
public:
    // Connects to `url_text` (see parse_pg_url). libpq reads what the URL
    // leaves out from its environment (PGPASSWORD, PGPASSFILE, PGUSER ...).
    // With a schema in the URL, the session's search_path is that schema
    // alone (pg_catalog stays implicit), so unqualified names mean the
    // workspace's tables.
    explicit PgConnection(std::string_view url_text);
    ~PgConnection();
    PgConnection(const PgConnection&) = delete;
    PgConnection& operator=(const PgConnection&) = delete;

    const PgUrl& url() const { return url_; }

    // Runs `sql` (one or more statements without parameters).
    PgResult exec(std::string_view sql);
    // Runs one statement with $1, $2 ... bound to `params` as text.
    PgResult exec_params(std::string_view sql, const std::vector<PgParam>& params);

    // COPY ... FROM STDIN: `next_chunk` fills its argument with the next
    // piece of COPY text (whole rows or not) and returns false when there
    // is no more. An exception from it aborts the COPY (the server discards
    // its rows) and is rethrown. Returns the number of rows copied.
    int64_t copy_in(std::string_view copy_sql, const std::function<bool(std::string&)>& next_chunk);

    pg_conn* raw() const { return conn_; }

private:
    PgResult finish(pg_result* result, std::string_view sql);
    [[noreturn]] void fail(std::string_view sql) const;
    pg_conn* conn_ = nullptr;
    PgUrl url_;
};

// BEGIN ISOLATION LEVEL REPEATABLE READ on construction (a run reads one
// snapshot: issue 20 point 4); ROLLBACK unless commit() was called.
class PgTransaction {
public:
    explicit PgTransaction(PgConnection& connection);
    ~PgTransaction();
    PgTransaction(const PgTransaction&) = delete;
    PgTransaction& operator=(const PgTransaction&) = delete;
    void commit();

private:
    PgConnection& connection_;
    bool done_ = false;
};

// Appends one field of COPY's text format to `line`: NULL as \N, and
// backslash, tab, newline and carriage return escaped.
void append_copy_field(std::string& line, const std::optional<std::string_view>& value);

// The context of a message about `sql`: its first words, at most ~40 bytes.
std::string statement_context(std::string_view sql);

// libpq's or the server's message as one line: line breaks and runs of
// blanks become single spaces, the end trimmed.
std::string one_line(std::string_view message);

}  // namespace merit
