// Thin RAII over the SQLite C API: prepared statements and transactions.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace merit {

// Throws UserError with SQLite's message when `rc` is not OK/ROW/DONE.
void check_sqlite(sqlite3* db, int rc, std::string_view what);

class Statement {
public:
    Statement(sqlite3* db, std::string_view sql);
    ~Statement();
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    Statement(Statement&& other) noexcept;

    // Binds are 1-based, as in SQLite.
    Statement& bind(int index, std::string_view text);
    // Spelled out so that std::string and literals are not ambiguous between
    // string_view and optional<string>.
    Statement& bind(int index, const std::string& text) { return bind(index, std::string_view(text)); }
    Statement& bind(int index, const char* text) { return bind(index, std::string_view(text)); }
    Statement& bind(int index, double value);
    Statement& bind(int index, int64_t value);
    Statement& bind(int index, int value) { return bind(index, static_cast<int64_t>(value)); }
    Statement& bind_null(int index);
    Statement& bind(int index, const std::optional<std::string>& text);
    Statement& bind(int index, const std::optional<double>& value);

    // True while a row is available.
    bool step();
    // Runs a statement that returns no rows.
    void run();
    void reset();

    bool is_null(int column) const;
    std::string text(int column) const;
    double real(int column) const;
    int64_t integer(int column) const;
    std::optional<std::string> optional_text(int column) const;
    std::optional<double> optional_real(int column) const;
    int column_count() const;
    sqlite3_stmt* raw() const { return stmt_; }

private:
    sqlite3* db_;
    sqlite3_stmt* stmt_ = nullptr;
};

// BEGIN IMMEDIATE on construction; ROLLBACK unless commit() was called.
class Transaction {
public:
    explicit Transaction(sqlite3* db);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    void commit();

private:
    sqlite3* db_;
    bool done_ = false;
};

void exec(sqlite3* db, std::string_view sql);

}  // namespace merit
