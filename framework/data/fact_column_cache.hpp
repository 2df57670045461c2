// What the aggregations of one run read from the workspace once and share:
// the fact columns of each (entity, metric) (fact_columns.hpp), whatever the
// number of periods and aggregations asked for, and the assignment windows
// of each (scope, role, segment, period) (customer_windows.hpp). The inputs
// must not change while it is in use: it belongs to one
// WorkspaceDataServices, which lives for one run.
#pragma once

#include "data/customer_windows.hpp"
#include "data/fact_columns.hpp"
#include "data/load_once_cache.hpp"

namespace merit {

struct FactColumnCache {
    LoadOnceCache<FactColumns> columns;      // key: entity \x1f metric
    LoadOnceCache<CustomerWindows> windows;  // key: customer_windows_key()
};

}  // namespace merit
