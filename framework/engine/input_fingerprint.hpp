// A deterministic digest of every input table of a workspace: equal digests
// mean a run saw the same organisation and data.
#pragma once

#include <sqlite3.h>

#include <atomic>
#include <string>

namespace merit {

// SHA-256 (hex) chained over every row of the input tables, each table read
// in primary-key order with a canonical text form of each cell.
// When `stop` becomes true it gives up early and returns "".
std::string input_fingerprint(sqlite3* db, const std::atomic<bool>* stop = nullptr);

}  // namespace merit
