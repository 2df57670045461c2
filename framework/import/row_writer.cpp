#include "import/row_writer.hpp"

#include <algorithm>
#include <numeric>
#include <string_view>
#include <utility>

namespace merit {

RowWriter::RowWriter(sqlite3* db, sqlite3_stmt* statement, sqlite3_stmt* grouped, size_t columns,
                     std::vector<size_t> primary_key, size_t hold_repeats)
    : db_(db),
      statement_(statement),
      grouped_(grouped),
      columns_(columns),
      primary_key_(std::move(primary_key)) {
    if (hold_repeats > 0) {
        size_t words = 1024;
        while (words * 4 < hold_repeats) words *= 2;
        seen_.assign(words, 0);
    }
    thread_ = std::thread([this] { run(); });
}

RowWriter::~RowWriter() {
    if (!thread_.joinable()) return;
    {
        std::lock_guard lock(mutex_);
        queued_.clear();
        closing_ = true;
    }
    changed_.notify_all();
    thread_.join();
}

void RowWriter::add(size_t line, const std::vector<CellValue>& values, const std::vector<size_t>& bound,
                    uint64_t hash, uint64_t offset) {
    filling_.lines.push_back(line);
    if (!seen_.empty()) {
        filling_.hashes.push_back(hash);
        filling_.offsets.push_back(offset);
    }
    for (size_t c : bound) {
        const CellValue& value = values[c];
        filling_.cells.push_back({value.kind, value.number, filling_.text.size(), value.text.size()});
        filling_.text.append(value.text);
    }
    if (filling_.lines.size() == kRowsPerBatch) send_filling();
}

// SQLite's order of values (NULL, numbers, text by bytes), so that the
// order matches the b-tree's. Only speed depends on it, not the content.
void RowWriter::order_rows(Batch& batch) const {
    batch.order.resize(batch.lines.size());
    std::iota(batch.order.begin(), batch.order.end(), 0U);
    if (primary_key_.empty()) return;
    auto rank = [](CellValue::Kind kind) {
        return kind == CellValue::Kind::null ? 0 : kind == CellValue::Kind::number ? 1 : 2;
    };
    std::stable_sort(batch.order.begin(), batch.order.end(), [&](uint32_t a, uint32_t b) {
        for (size_t column : primary_key_) {
            const Cell& x = batch.cells[a * columns_ + column];
            const Cell& y = batch.cells[b * columns_ + column];
            if (rank(x.kind) != rank(y.kind)) return rank(x.kind) < rank(y.kind);
            if (x.kind == CellValue::Kind::number) {
                if (x.number != y.number) return x.number < y.number;
                continue;
            }
            if (x.kind == CellValue::Kind::null) continue;
            const int order = std::string_view(batch.text.data() + x.offset, x.size)
                                  .compare(std::string_view(batch.text.data() + y.offset, y.size));
            if (order != 0) return order < 0;
        }
        return false;
    });
}

void RowWriter::send_filling() {
    order_rows(filling_);
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return queued_.size() < kBatchesQueued; });
    queued_.push_back(std::move(filling_));
    if (spare_.empty()) {
        filling_ = Batch();
    } else {
        filling_ = std::move(spare_.back());
        spare_.pop_back();
    }
    lock.unlock();
    changed_.notify_all();
}

RowWriter::Result RowWriter::finish() {
    if (!filling_.lines.empty()) send_filling();
    {
        std::lock_guard lock(mutex_);
        closing_ = true;
    }
    changed_.notify_all();
    thread_.join();
    return std::move(result_);
}

void RowWriter::run() {
    for (;;) {
        Batch batch;
        {
            std::unique_lock lock(mutex_);
            changed_.wait(lock, [&] { return !queued_.empty() || closing_; });
            if (queued_.empty()) return;
            batch = std::move(queued_.front());
            queued_.pop_front();
        }
        changed_.notify_all();
        if (!failed_.load(std::memory_order_relaxed)) {
            if (!seen_.empty()) hold_repeats(batch);
            write(batch);
        }
        batch.lines.clear();
        batch.hashes.clear();
        batch.offsets.clear();
        batch.held.clear();
        batch.cells.clear();
        batch.text.clear();
        std::lock_guard lock(mutex_);
        spare_.push_back(std::move(batch));
    }
}

void RowWriter::hold_repeats(Batch& batch) {
    const size_t rows = batch.lines.size();
    const uint64_t mask = seen_.size() - 1;
    auto word = [&](uint64_t hash) -> uint64_t& { return seen_[(hash >> 18) & mask]; };
    constexpr size_t kAhead = 16;  // words fetched before they are needed
    for (size_t i = 0; i < rows && i < kAhead; ++i) __builtin_prefetch(&word(batch.hashes[i]), 1);
    batch.held.assign(rows, 0);
    for (size_t i = 0; i < rows; ++i) {  // in file order
        if (i + kAhead < rows) __builtin_prefetch(&word(batch.hashes[i + kAhead]), 1);
        const uint64_t hash = batch.hashes[i];
        const uint64_t bits = (uint64_t{1} << (hash & 63)) | (uint64_t{1} << ((hash >> 6) & 63)) |
                              (uint64_t{1} << ((hash >> 12) & 63));
        uint64_t& w = word(hash);
        if ((w & bits) == bits) {
            batch.held[i] = 1;
            result_.held.push_back(batch.offsets[i]);
        }
        w |= bits;
    }
}

// Binds `row`'s cells as parameters first_index, first_index + 1, ...
int RowWriter::bind_row(sqlite3_stmt* statement, const Batch& batch, uint32_t row, int first_index) const {
    int rc = SQLITE_OK;
    for (size_t i = 0; i < columns_ && rc == SQLITE_OK; ++i) {
        const Cell& cell = batch.cells[row * columns_ + i];
        const int index = first_index + static_cast<int>(i);
        switch (cell.kind) {
            case CellValue::Kind::null:
                rc = sqlite3_bind_null(statement, index);
                break;
            case CellValue::Kind::number:
                rc = sqlite3_bind_double(statement, index, cell.number);
                break;
            default:
                // The batch is not touched until the statement has run.
                rc = sqlite3_bind_text(statement, index, batch.text.data() + cell.offset,
                                       static_cast<int>(cell.size), SQLITE_STATIC);
        }
    }
    return rc;
}

bool RowWriter::write_one(const Batch& batch, uint32_t row) {
    int rc = bind_row(statement_, batch, row, 1);
    if (rc == SQLITE_OK) rc = sqlite3_step(statement_);
    sqlite3_reset(statement_);
    if (rc != SQLITE_DONE) {
        result_.failure = Failure{batch.lines[row], sqlite3_errmsg(db_), sqlite3_extended_errcode(db_)};
        failed_.store(true, std::memory_order_relaxed);
        return false;
    }
    if (sqlite3_changes(db_) == 1)
        ++result_.written;
    else
        ++result_.unchanged;
    return true;
}

// False when the group failed (the failure recorded).
bool RowWriter::write_group(const Batch& batch, const uint32_t* rows) {
    int rc = SQLITE_OK;
    for (size_t r = 0; r < kRowsPerStatement && rc == SQLITE_OK; ++r)
        rc = bind_row(grouped_, batch, rows[r], static_cast<int>(r * columns_ + 1));
    if (rc == SQLITE_OK) rc = sqlite3_step(grouped_);
    const auto changed = static_cast<size_t>(sqlite3_changes(db_));
    if (rc != SQLITE_DONE) {
        // OR FAIL: the rows before the failing one stay written.
        const uint32_t failing = rows[std::min(changed, kRowsPerStatement - 1)];
        result_.failure = Failure{batch.lines[failing], sqlite3_errmsg(db_), sqlite3_extended_errcode(db_)};
        failed_.store(true, std::memory_order_relaxed);
        sqlite3_reset(grouped_);
        return false;
    }
    sqlite3_reset(grouped_);
    result_.written += changed;
    result_.unchanged += kRowsPerStatement - changed;
    return true;
}

void RowWriter::write(const Batch& batch) {
    std::vector<uint32_t> group;
    group.reserve(kRowsPerStatement);
    for (const uint32_t row : batch.order) {
        if (!batch.held.empty() && batch.held[row]) continue;
        group.push_back(row);
        if (group.size() < kRowsPerStatement) continue;
        if (grouped_) {
            if (!write_group(batch, group.data())) return;
        } else {
            for (const uint32_t each : group)
                if (!write_one(batch, each)) return;
        }
        group.clear();
    }
    for (const uint32_t row : group)
        if (!write_one(batch, row)) return;
}

}  // namespace merit
