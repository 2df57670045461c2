// The input fingerprint (input_fingerprint.hpp) computed on its own thread
// and read-only connection while the run evaluates: it reads every input
// row (seconds on a bank-sized workspace) and needs nothing the evaluation
// produces, so it overlaps the column phase instead of following it.
#pragma once

#include <sqlite3.h>

#include <atomic>
#include <exception>
#include <memory>
#include <string>
#include <thread>

#include "data/read_connection.hpp"

namespace merit {

class BackgroundFingerprint {
public:
    // Starts at once when `db` is a file, reading through `pinned` (a
    // connection in the run's snapshot) when given; an in-memory database
    // (no file to open a second connection on) is fingerprinted by get().
    explicit BackgroundFingerprint(sqlite3* db, std::unique_ptr<ReadConnection> pinned = nullptr);
    // Stops early when the result was never asked for (a failed run).
    ~BackgroundFingerprint();
    BackgroundFingerprint(const BackgroundFingerprint&) = delete;
    BackgroundFingerprint& operator=(const BackgroundFingerprint&) = delete;

    // Waits for the digest; rethrows the thread's failure.
    std::string get();

private:
    sqlite3* db_;
    std::thread thread_;
    std::atomic<bool> stop_{false};
    std::string digest_;
    std::exception_ptr failure_;
};

}  // namespace merit
