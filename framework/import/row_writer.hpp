// Writes checked rows with one prepared statement on a thread of its own, so
// that reading and checking the next rows (on the caller's thread) overlaps
// SQLite's b-tree work: on a fresh import the two are of similar size. Only
// the writer thread uses the connection between construction and finish().
#pragma once

#include <sqlite3.h>

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "import/cell_checks.hpp"

namespace merit {

class RowWriter {
public:
    struct Failure {
        size_t line;
        std::string message;  // SQLite's
        int code;             // SQLite's extended result code
    };
    struct Result {
        size_t written = 0;    // rows the statement changed (sqlite3_changes() == 1)
        size_t unchanged = 0;  // rows it left as they were
        std::optional<Failure> failure;
        // With hold_repeats: the offsets of the rows held back, in file order.
        std::vector<uint64_t> held;
    };

    // Rows per statement of `grouped`.
    static constexpr size_t kRowsPerStatement = 64;

    // `statement` has `columns` parameters and `grouped` the same for
    // kRowsPerStatement rows (or is null; an INSERT OR FAIL: see
    // table_import.cpp); both must outlive finish(). Rows go
    // kRowsPerStatement at a time through `grouped`: SQLite's work per
    // statement (the table's cursor opened, the halt) is then shared by that
    // many rows. A group that fails keeps the rows before the failing one,
    // so the failure names the row after the ones the statement wrote (for
    // a statement that skips or updates rows, which only a disk or I/O error
    // stops, a row of its group). Each
    // batch is written in the order of the parameters `primary_key` (0-based,
    // in the table's primary-key order), so that consecutive inserts land on
    // the same b-tree pages; empty: in the order given.
    //
    // `hold_repeats` (the file's row count, about): hold back, unwritten,
    // every row whose key hash an earlier row had (Result::held), so that
    // an upsert never overwrites a row the same file gave before (a table
    // whose rows may repeat, import/table_import.cpp). The test is a blocked
    // Bloom filter (three bits in one 64-bit word, about 16 bits per row),
    // run on the writer's thread a batch at a time with the words fetched
    // ahead: one cache line per row, not a hash table's walk (the reason
    // DuplicateKeys compares afterwards). A false positive only holds a
    // row back; a repeat is never missed. 0: every row is written.
    RowWriter(sqlite3* db, sqlite3_stmt* statement, sqlite3_stmt* grouped, size_t columns,
              std::vector<size_t> primary_key, size_t hold_repeats = 0);
    ~RowWriter();
    RowWriter(const RowWriter&) = delete;
    RowWriter& operator=(const RowWriter&) = delete;

    // Queues one row: `values[bound[i]]` is parameter i + 1. The text is
    // copied, so the caller may reuse its buffers at once.
    // `hash` (of the row's key) and `offset` (of its record) serve hold_repeats.
    void add(size_t line, const std::vector<CellValue>& values, const std::vector<size_t>& bound,
             uint64_t hash = 0, uint64_t offset = 0);
    // True once a row has failed: the rest need not be sent.
    bool failed() const { return failed_.load(std::memory_order_relaxed); }
    // Writes what is queued and stops the thread. Call once.
    Result finish();

private:
    struct Cell {
        CellValue::Kind kind;
        double number;
        size_t offset, size;  // the text, in Batch::text
    };
    struct Batch {
        std::vector<size_t> lines;
        std::vector<Cell> cells;  // columns_ per row
        std::string text;
        std::vector<uint32_t> order;            // rows in the order they are written
        std::vector<uint64_t> hashes, offsets;  // with hold_repeats, per row
        std::vector<char> held;
    };
    static constexpr size_t kRowsPerBatch = 4096;
    static constexpr size_t kBatchesQueued = 4;

    void order_rows(Batch& batch) const;
    void send_filling();
    void run();
    void write(const Batch& batch);
    int bind_row(sqlite3_stmt* statement, const Batch& batch, uint32_t row, int first_index) const;
    bool write_one(const Batch& batch, uint32_t row);
    bool write_group(const Batch& batch, const uint32_t* rows);
    void hold_repeats(Batch& batch);

    sqlite3* db_;
    sqlite3_stmt* statement_;
    sqlite3_stmt* grouped_;
    size_t columns_;
    std::vector<size_t> primary_key_;
    std::vector<uint64_t> seen_;  // hold_repeats' filter; empty: off
    Batch filling_;
    std::mutex mutex_;
    std::condition_variable changed_;
    std::deque<Batch> queued_;  // full, waiting for the writer
    std::vector<Batch> spare_;  // written, for reuse (keeps their capacity)
    bool closing_ = false;
    std::atomic<bool> failed_{false};
    Result result_;
    std::thread thread_;
};

}  // namespace merit
