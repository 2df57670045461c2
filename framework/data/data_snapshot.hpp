// One snapshot of the workspace's data for a whole run (issue 15 point 4):
// the scope, every data service, every plugin query and the input
// fingerprint read the same committed data, and the run records which data
// version that is.
//
// A run reads through several connections (the workspace's own, the data
// services' pool, the fingerprint's), and SQLite as Debian builds it has no
// sqlite3_snapshot_open to share one snapshot between them. So the snapshot
// is aligned instead: while a short-lived connection holds the write lock no
// commit can happen, and every reading connection starts its read
// transaction then. Once the lock is let go, imports and other writers go on
// (WAL keeps the pages the run still reads), and the run keeps reading the
// data it began with.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <memory>

#include "data/read_connection.hpp"

namespace merit {

class DataSnapshot {
public:
    // Waits for the write lock like any writer (the workspace's busy
    // timeout, then the "workspace is busy" error), starts a read
    // transaction on `main`, pins `readers` connections of `pool`, opens the
    // fingerprint's connection and reads the version, then lets the lock go.
    DataSnapshot(sqlite3* main, ReadConnectionPool& pool, size_t readers);
    // Ends the main connection's read transaction if still open.
    ~DataSnapshot();
    DataSnapshot(const DataSnapshot&) = delete;
    DataSnapshot& operator=(const DataSnapshot&) = delete;

    // The latest data version committed when the snapshot began (0: none yet).
    int64_t version() const { return version_; }
    // The connection the input fingerprint reads through, in the snapshot;
    // null once taken.
    std::unique_ptr<ReadConnection> take_fingerprint_reader() { return std::move(fingerprint_reader_); }
    // Ends the main connection's read transaction, so it can write the run.
    void end_on_main();

private:
    sqlite3* main_;
    int64_t version_ = 0;
    std::unique_ptr<ReadConnection> fingerprint_reader_;
};

}  // namespace merit
