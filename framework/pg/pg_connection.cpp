#include "pg/pg_connection.hpp"

#include <fmt/format.h>
#include <libpq-fe.h>
#include <string.h>

#include <charconv>
#include <cstdlib>
#include <exception>
#include <limits>
#include <utility>

#include "common/errors.hpp"

namespace merit {
namespace {

// A message line of ours about a server value or a libpq failure.
[[noreturn]] void raise(std::string_view message, std::string_view context) {
    throw UserError(fmt::format("postgresql: {} ({})", one_line(message), context));
}

// The primary message of a failed result, else libpq's connection message.
std::string primary_message(const PGresult* result, const PGconn* conn) {
    if (result) {
        if (const char* primary = PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY)) return primary;
        const char* text = PQresultErrorMessage(result);
        if (text && *text) return text;
    }
    const char* text = conn ? PQerrorMessage(conn) : nullptr;
    return text && *text ? text : "unknown error";
}

// Notices (e.g. "schema already exists, skipping") are not our output.
void ignore_notice(void*, const char*) {}

// A password we were given lives only as long as the connect call, and its
// bytes are cleared afterwards.
struct Secret {
    std::string value;
    ~Secret() { explicit_bzero(value.data(), value.size()); }
};

// `message` with every occurrence of `secret` cut out, in case a server or
// libpq ever echoes it.
std::string scrub(std::string message, std::string_view secret) {
    if (secret.empty()) return message;
    for (size_t at; (at = message.find(secret)) != std::string::npos;)
        message.replace(at, secret.size(), "***");
    return message;
}

}  // namespace

std::string one_line(std::string_view message) {
    std::string out;
    bool blank = false;
    for (char c : message) {
        if (c == '\n' || c == '\r' || c == '\t' || c == ' ') {
            blank = true;
            continue;
        }
        if (blank && !out.empty()) out += ' ';
        blank = false;
        out += c;
    }
    return out;
}

std::string statement_context(std::string_view sql) {
    std::string words = one_line(sql);
    constexpr size_t kMost = 40;
    if (words.size() <= kMost) return words;
    const size_t cut = words.rfind(' ', kMost);
    words.resize(cut == std::string::npos || cut < 8 ? kMost : cut);
    return words + " ...";
}

// ---- PgResult ---------------------------------------------------------------

PgResult::PgResult(pg_result* result, std::string context) : result_(result), context_(std::move(context)) {}

PgResult::~PgResult() {
    if (result_) PQclear(result_);
}

PgResult::PgResult(PgResult&& other) noexcept
    : result_(std::exchange(other.result_, nullptr)), context_(std::move(other.context_)) {}

PgResult& PgResult::operator=(PgResult&& other) noexcept {
    if (this != &other) {
        if (result_) PQclear(result_);
        result_ = std::exchange(other.result_, nullptr);
        context_ = std::move(other.context_);
    }
    return *this;
}

int PgResult::rows() const {
    return result_ ? PQntuples(result_) : 0;
}

int PgResult::columns() const {
    return result_ ? PQnfields(result_) : 0;
}

void PgResult::expect_columns(int count) const {
    if (columns() != count)
        raise(fmt::format("the server returned {} columns, {} expected", columns(), count), context_);
}

void PgResult::check(int row, int column) const {
    if (row < 0 || row >= rows() || column < 0 || column >= columns())
        raise(fmt::format("no row {} column {} in a result of {} rows and {} columns", row, column, rows(),
                          columns()),
              context_);
}

void PgResult::bad_value(int row, int column, std::string_view expected) const {
    const char* name = PQfname(result_, column);
    if (is_null(row, column))
        raise(fmt::format("column {} of row {} is NULL, {} expected", name ? name : "?", row + 1, expected),
              context_);
    const std::string_view raw(PQgetvalue(result_, row, column),
                               static_cast<size_t>(PQgetlength(result_, row, column)));
    const std::string shown(raw.substr(0, 40));
    raise(
        fmt::format("column {} of row {} is '{}', {} expected", name ? name : "?", row + 1, shown, expected),
        context_);
}

bool PgResult::is_null(int row, int column) const {
    check(row, column);
    return PQgetisnull(result_, row, column) != 0;
}

std::string_view PgResult::value(int row, int column, std::string_view expected) const {
    check(row, column);
    if (PQgetisnull(result_, row, column)) bad_value(row, column, expected);
    return {PQgetvalue(result_, row, column), static_cast<size_t>(PQgetlength(result_, row, column))};
}

std::string_view PgResult::text(int row, int column) const {
    return value(row, column, "a value");
}

std::optional<std::string> PgResult::optional_text(int row, int column) const {
    if (is_null(row, column)) return std::nullopt;
    return std::string(text(row, column));
}

int64_t PgResult::int64(int row, int column) const {
    const std::string_view value = this->value(row, column, "an integer");
    int64_t out = 0;
    const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), out);
    if (ec != std::errc() || end != value.data() + value.size()) bad_value(row, column, "an integer");
    return out;
}

double PgResult::real(int row, int column) const {
    const std::string_view value = this->value(row, column, "a number");
    // PostgreSQL spells the special values its own way; from_chars reads
    // the rest (float8's shortest round-trip text and numeric's decimals)
    // exactly.
    if (value == "NaN") return std::numeric_limits<double>::quiet_NaN();
    if (value == "Infinity") return std::numeric_limits<double>::infinity();
    if (value == "-Infinity") return -std::numeric_limits<double>::infinity();
    double out = 0;
    const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), out);
    if (ec != std::errc() || end != value.data() + value.size() || value.empty())
        bad_value(row, column, "a number");
    return out;
}

bool PgResult::boolean(int row, int column) const {
    const std::string_view value = this->value(row, column, "a boolean");
    if (value == "t") return true;
    if (value == "f") return false;
    bad_value(row, column, "a boolean");
}

// ---- PgConnection -----------------------------------------------------------

PgConnection::PgConnection(std::string_view url_text) {
    Secret password;
    url_ = parse_pg_url(url_text, &password.value);
    const std::string context = "connecting to " + url_.text();

    std::vector<const char*> keys, values;
    auto add = [&](const char* key, const std::string& value) {
        if (value.empty()) return;
        keys.push_back(key);
        values.push_back(value.c_str());
    };
    add("host", url_.host);
    add("port", url_.port);
    add("user", url_.user);
    add("password", password.value);
    add("dbname", url_.database);
    add("sslmode", url_.sslmode);
    const std::string application = "merit", encoding = "UTF8", timeout = "10";
    add("application_name", application);
    add("client_encoding", encoding);
    add("connect_timeout", timeout);
    keys.push_back(nullptr);
    values.push_back(nullptr);
    // expand_dbname 0: the database name is a name, never a connection string.
    conn_ = PQconnectdbParams(keys.data(), values.data(), 0);
    if (!conn_) raise("out of memory", context);
    if (PQstatus(conn_) != CONNECTION_OK) {
        const std::string message = scrub(primary_message(nullptr, conn_), password.value);
        PQfinish(std::exchange(conn_, nullptr));
        raise(message, context);
    }
    PQsetNoticeProcessor(conn_, &ignore_notice, nullptr);
    // What we read must not depend on the server's settings: dates as
    // YYYY-MM-DD, and doubles in their shortest exact text (PostgreSQL
    // 12's default, which a server's configuration may lower).
    exec("SET datestyle TO ISO; SET extra_float_digits TO 1");
    if (!url_.schema.empty()) exec("SET search_path TO " + quote_identifier(url_.schema));
}

PgConnection::~PgConnection() {
    if (conn_) PQfinish(conn_);
}

void PgConnection::fail(std::string_view sql) const {
    raise(primary_message(nullptr, conn_), statement_context(sql));
}

PgResult PgConnection::finish(pg_result* raw, std::string_view sql) {
    PgResult result(raw, statement_context(sql));
    const ExecStatusType status = raw ? PQresultStatus(raw) : PGRES_FATAL_ERROR;
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
        raise(primary_message(raw, conn_), statement_context(sql));
    return result;
}

PgResult PgConnection::exec(std::string_view sql) {
    const std::string text(sql);
    return finish(PQexec(conn_, text.c_str()), sql);
}

PgResult PgConnection::exec_params(std::string_view sql, const std::vector<PgParam>& params) {
    const std::string text(sql);
    std::vector<const char*> values;
    values.reserve(params.size());
    for (const PgParam& p : params) values.push_back(p ? p->c_str() : nullptr);
    return finish(PQexecParams(conn_, text.c_str(), static_cast<int>(values.size()), nullptr, values.data(),
                               nullptr, nullptr, 0),
                  sql);
}

int64_t PgConnection::copy_in(std::string_view copy_sql,
                              const std::function<bool(std::string&)>& next_chunk) {
    const std::string text(copy_sql);
    {
        // The server waits for the data once this says PGRES_COPY_IN; the
        // rest goes through PQputCopyData / PQputCopyEnd / PQgetResult.
        PGresult* raw = PQexec(conn_, text.c_str());
        PgResult started(raw, statement_context(copy_sql));
        if (!raw || PQresultStatus(raw) != PGRES_COPY_IN) {
            const std::string message = primary_message(raw, conn_);
            if (raw && PQresultStatus(raw) == PGRES_COMMAND_OK)
                raise("not a COPY FROM STDIN", statement_context(copy_sql));
            raise(message, statement_context(copy_sql));
        }
    }
    std::string chunk;
    bool aborted = false;
    std::exception_ptr failure;
    try {
        while (next_chunk(chunk)) {
            if (chunk.empty()) continue;
            if (chunk.size() > static_cast<size_t>(std::numeric_limits<int>::max()))
                raise("a COPY chunk over 2 GiB", statement_context(copy_sql));
            if (PQputCopyData(conn_, chunk.data(), static_cast<int>(chunk.size())) != 1) fail(copy_sql);
            chunk.clear();
        }
    } catch (...) {
        failure = std::current_exception();
        aborted = true;
    }
    if (PQputCopyEnd(conn_, aborted ? "aborted by the client" : nullptr) != 1 && !aborted) fail(copy_sql);
    int64_t copied = 0;
    std::string error;
    while (PGresult* raw = PQgetResult(conn_)) {
        PgResult result(raw, statement_context(copy_sql));
        if (PQresultStatus(raw) == PGRES_COMMAND_OK) {
            const char* tuples = PQcmdTuples(raw);
            if (tuples && *tuples) copied = std::strtoll(tuples, nullptr, 10);
        } else if (error.empty()) {
            error = primary_message(raw, conn_);
        }
    }
    if (failure) std::rethrow_exception(failure);
    if (!error.empty()) raise(error, statement_context(copy_sql));
    return copied;
}

// ---- PgTransaction ----------------------------------------------------------

PgTransaction::PgTransaction(PgConnection& connection) : connection_(connection) {
    connection_.exec("BEGIN ISOLATION LEVEL REPEATABLE READ");
}

PgTransaction::~PgTransaction() {
    if (done_) return;
    try {
        connection_.exec("ROLLBACK");
    } catch (...) {
        // Already failed: the connection's own state says why; a destructor
        // has no one to tell.
    }
}

void PgTransaction::commit() {
    connection_.exec("COMMIT");
    done_ = true;
}

// ---- COPY text format -------------------------------------------------------

void append_copy_field(std::string& line, const std::optional<std::string_view>& value) {
    if (!value) {
        line += "\\N";
        return;
    }
    for (char c : *value) {
        switch (c) {
            case '\\':
                line += "\\\\";
                break;
            case '\t':
                line += "\\t";
                break;
            case '\n':
                line += "\\n";
                break;
            case '\r':
                line += "\\r";
                break;
            default:
                line += c;
        }
    }
}

}  // namespace merit
