// A deterministic digest of every input table of a workspace: equal digests
// mean a run saw the same organisation and data.
#pragma once

#include <sqlite3.h>

#include <string>

namespace merit {

// SHA-256 (hex) chained over every row of the input tables, each table read
// in primary-key order with a canonical text form of each cell.
std::string input_fingerprint(sqlite3* db);

}  // namespace merit
