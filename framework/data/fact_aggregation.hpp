// fact_aggregate (merit/plugin.h): one metric aggregated over a period for
// every manager in scope, in one pass over the metric's columns
// (fact_columns.hpp), merged with the assignments in customer id order.
//
// Customer facts reach a manager through assignments (role filter, segment
// filter, validity window, share when asked). Each assignment is a window of
// days [valid_from, valid_to] (valid_to inclusive; open-ended when empty):
//   SUM, COUNT  a fact counts for the managers whose window holds its date;
//   END         the balance on the period's last day, for the windows that
//               hold that day;
//   DAILY_AVG   sum over the period's days d of balance(d) / day_count, each
//               day counting only for the windows that hold it, so a
//               reassignment mid-period splits the average between managers;
//   XUN_AVG     the mean of the 旬 daily averages: a day of a 旬 with n days
//               weighs 1 / (n * number of 旬);
//   MAX_END     the highest month-end balance over the month ends strictly
//               before the period, each month end attributed like END.
// A balance holds from its date until the next value (carry-forward); before
// the first value it is 0 unless an earlier value exists. A stock has one
// value a day; a flow read as a balance may have several bookings on one
// day, and its balance that day is their total.
#pragma once

#include <merit/plugin.h>
#include <sqlite3.h>

#include "data/fact_column_cache.hpp"

namespace merit {

// Fills out[scope.count] and valid[scope.count]; reads assignments through
// `db` and the metric's facts through `cache` (loading them through `db`
// the first time). Throws UserError on a bad query (unknown aggregation,
// malformed period).
void aggregate_facts(sqlite3* db, FactColumnCache& cache, const merit_scope& scope,
                     const merit_fact_query& query, double* out, unsigned char* valid);

}  // namespace merit
