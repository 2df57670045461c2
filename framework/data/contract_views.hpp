// The published data contract for SQL (plugin API 1.x): one read-only view
// per input table, named merit_v1_<table>, with the columns of the CSV
// contract and nothing of Merit's own bookkeeping (data versions, history,
// runs). Plugin and scheme SQL may read these views and nothing else, so a
// change to Merit's storage never breaks a vendor's rule, and the same SQL
// can run on another backend that defines the same views. The views are
// created by schema migration 17 (store/schema.cpp); this list is what the
// authorizer (data/read_connection.cpp) allows.
#pragma once

#include <span>
#include <string_view>

namespace merit {

struct ContractView {
    std::string_view name;        // "merit_v1_facts"
    std::string_view base_table;  // "facts": the one table the view reads
};

std::span<const ContractView> contract_views();

// Whether contract SQL may read `column` of `table` where SQLite's
// authorizer reports the read from `source` (the view or CTE it happens in;
// nullptr at the top level): a contract view itself, or a view's own base
// table read inside that view. A CTE that borrows a view's name reads
// nothing else.
bool is_contract_read(const char* table, const char* column, const char* source);

}  // namespace merit
