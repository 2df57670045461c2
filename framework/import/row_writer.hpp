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
    };

    // `statement` has `columns` parameters and must outlive finish(). Each
    // batch is written in the order of the parameters `primary_key` (0-based,
    // in the table's primary-key order), so that consecutive inserts land on
    // the same b-tree pages; empty: in the order given.
    RowWriter(sqlite3* db, sqlite3_stmt* statement, size_t columns, std::vector<size_t> primary_key);
    ~RowWriter();
    RowWriter(const RowWriter&) = delete;
    RowWriter& operator=(const RowWriter&) = delete;

    // Queues one row: `values[bound[i]]` is parameter i + 1. The text is
    // copied, so the caller may reuse its buffers at once.
    void add(size_t line, const std::vector<CellValue>& values, const std::vector<size_t>& bound);
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
        std::vector<uint32_t> order;  // rows in the order they are written
    };
    static constexpr size_t kRowsPerBatch = 4096;
    static constexpr size_t kBatchesQueued = 4;

    void order_rows(Batch& batch) const;
    void send_filling();
    void run();
    void write(const Batch& batch);

    sqlite3* db_;
    sqlite3_stmt* statement_;
    size_t columns_;
    std::vector<size_t> primary_key_;
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
