#include "data/contract_views.hpp"

#include <array>

namespace merit {
namespace {

constexpr std::array<ContractView, 11> kViews{{
    {"merit_v1_org_units", "org_units"},
    {"merit_v1_managers", "managers"},
    {"merit_v1_manager_terms", "manager_terms"},
    {"merit_v1_customers", "customers"},
    {"merit_v1_assignments", "assignments"},
    {"merit_v1_metrics", "metrics"},
    {"merit_v1_facts", "facts"},
    {"merit_v1_events", "events"},
    {"merit_v1_targets", "targets"},
    {"merit_v1_ratings", "ratings"},
    {"merit_v1_roles", "roles"},  // migration 18, with roles.csv
}};

const ContractView* find_view(std::string_view name) {
    for (const auto& view : kViews)
        if (view.name == name) return &view;
    return nullptr;
}

}  // namespace

std::span<const ContractView> contract_views() {
    return kViews;
}

bool is_contract_read(const char* table, const char* column, const char* source) {
    if (!table) return false;
    if (find_view(table)) return true;
    const ContractView* view = source ? find_view(source) : nullptr;
    if (view) return view->base_table == table;
    // count(*) over a view is flattened into a read of its base table that
    // names no column and no view: it reveals the row count, no value.
    if (column && *column == '\0')
        for (const auto& v : kViews)
            if (v.base_table == table) return true;
    return false;
}

}  // namespace merit
