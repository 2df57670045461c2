// The `query` service: one read-only SQL statement with bound parameters
// (?1, ?2 ...), its rows streamed to a plugin callback as merit_value cells.
#pragma once

#include <merit/plugin.h>

#include "data/read_connection.hpp"

namespace merit {

// Throws UserError when the SQL is empty, is more than one statement, or
// tries anything but reading (the authorizer's reason is in the message).
void run_read_only_query(ReadConnection& connection, const char* sql, const merit_value* params,
                         size_t param_count, merit_row_fn on_row, void* user);

}  // namespace merit
