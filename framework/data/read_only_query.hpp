// The `query` service: one read-only SQL statement with bound parameters
// (?1, ?2 ...), its rows streamed to a plugin callback as merit_value cells.
#pragma once

#include <merit/plugin.h>

#include "data/read_connection.hpp"

namespace merit {

// Throws UserError when the SQL is empty, is more than one statement, or
// tries anything but reading (the authorizer's reason is in the message).
// The statement runs under query_time_limit_seconds() (ReadConnection::
// start_time_limit) and is stopped with an error naming the limit.
void run_read_only_query(ReadConnection& connection, const char* sql, const merit_value* params,
                         size_t param_count, merit_row_fn on_row, void* user);

// Prepares `sql` without running it: throws UserError (the same words as
// run_read_only_query) when it could not run. What `validate` asks of the
// SQL a scheme carries.
void prepare_read_only_query(ReadConnection& connection, const char* sql);

// Seconds one plugin query may run: $MERIT_QUERY_TIME_LIMIT when it is a
// positive number, else 60.
double query_time_limit_seconds();

}  // namespace merit
