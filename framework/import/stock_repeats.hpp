// A stock (a balance) is one value per entity, metric and day; a flow's
// facts may repeat within a day (issue 21 point 6). The facts import checks
// each row against the metric's kind as it stands, but metrics.csv can
// change a kind afterwards: a flow made a stock (or retracted, and so read as
// one) would leave its stored repeats as several balances of one day, and the
// carry-forward aggregations would pick one of them.
#pragma once

#include <sqlite3.h>

#include "import/problem_list.hpp"

namespace merit {

// One problem per metric that is not a flow now but has facts repeating
// within a day (an occurrence past the first, or a ref), naming one such
// day. Run after the import's files are written, inside its transaction.
void check_stocks_hold_one_value_a_day(sqlite3* db, ProblemList& problems);

}  // namespace merit
