#include "store/input_tables.hpp"

#include <array>

namespace merit {
namespace {

using Names = std::string_view[];

constexpr std::string_view kOrgUnitColumns[] = {"id", "name", "parent_id", "kind"};
constexpr std::string_view kIdKey[] = {"id"};
constexpr std::string_view kRoleColumns[] = {"id", "name", "name_en"};
constexpr std::string_view kManagerColumns[] = {"id",    "name",     "org_unit_id", "role",
                                                "grade", "hired_on", "status"};
constexpr std::string_view kTermColumns[] = {"manager_id", "valid_from", "org_unit_id",
                                             "role",       "grade",      "status"};
constexpr std::string_view kTermKey[] = {"manager_id", "valid_from"};
constexpr std::string_view kCustomerColumns[] = {"id", "name", "segment", "org_unit_id"};
constexpr std::string_view kAssignmentColumns[] = {"customer_id", "manager_id", "share",
                                                   "role",        "valid_from", "valid_to"};
constexpr std::string_view kAssignmentKey[] = {"customer_id", "manager_id", "role", "valid_from"};
constexpr std::string_view kMetricColumns[] = {"metric", "kind", "unit", "description"};
constexpr std::string_view kMetricKey[] = {"metric"};
// A flow fact or an event may repeat within a day (schema migration 20):
// `ref` is the source system's id of a row, `occurrence` numbers the rows
// of one key and ref in their file's order (1 for a row with a ref and for
// every stock fact).
constexpr std::string_view kFactColumns[] = {"entity", "metric",     "entity_id", "date",
                                             "ref",    "occurrence", "value"};
constexpr std::string_view kFactKey[] = {"entity", "metric", "entity_id", "date", "ref", "occurrence"};
// `note` is free text and not part of the key: editing it updates the
// event. `ref` tells apart events of one kind, manager and day.
constexpr std::string_view kEventColumns[] = {"manager_id", "kind", "date",     "ref",
                                              "occurrence", "note", "quantity", "amount"};
constexpr std::string_view kEventKey[] = {"manager_id", "kind", "date", "ref", "occurrence"};
constexpr std::string_view kTargetColumns[] = {"manager_id", "indicator", "period", "value"};
constexpr std::string_view kTargetKey[] = {"indicator", "period", "manager_id"};
constexpr std::string_view kRatingColumns[] = {"manager_id", "period",   "rater_role",
                                               "item",       "rater_id", "score"};
constexpr std::string_view kRatingKey[] = {"period", "manager_id", "rater_role", "item", "rater_id"};

constexpr std::array<InputTable, 11> kTables{{
    {"org_units", kOrgUnitColumns, kIdKey},
    {"roles", kRoleColumns, kIdKey},
    {"managers", kManagerColumns, kIdKey},
    {"manager_terms", kTermColumns, kTermKey},
    {"customers", kCustomerColumns, kIdKey},
    {"assignments", kAssignmentColumns, kAssignmentKey},
    {"metrics", kMetricColumns, kMetricKey},
    {"facts", kFactColumns, kFactKey},
    {"events", kEventColumns, kEventKey},
    {"targets", kTargetColumns, kTargetKey},
    {"ratings", kRatingColumns, kRatingKey},
}};

}  // namespace

std::span<const InputTable> input_tables() {
    return kTables;
}

const InputTable* find_input_table(std::string_view name) {
    for (const InputTable& table : kTables)
        if (table.name == name) return &table;
    return nullptr;
}

}  // namespace merit
