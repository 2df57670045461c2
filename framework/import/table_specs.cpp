#include "import/table_specs.hpp"

#include <array>

namespace merit {
namespace {

using K = FieldKind;
using R = Reference;

constexpr std::array<std::string_view, 3> kManagerStatuses = {"active", "probation", "left"};
constexpr std::array<std::string_view, 3> kAssignmentRoles = {"owner", "co_owner", "risk"};
constexpr std::array<std::string_view, 2> kMetricKinds = {"stock", "flow"};
constexpr std::array<std::string_view, 3> kEntities = {"customer", "manager", "org_unit"};
constexpr std::array<std::string_view, 5> kRaterRoles = {"self", "supervisor", "peer", "subordinate",
                                                         "customer"};

const ColumnSpec kOrgUnits[] = {
    {.name = "id", .required = true, .key = true},
    {.name = "name", .required = true},
    {.name = "parent_id", .reference = R::org_unit},
    {.name = "kind"},
};

// An organisation's own roles (an insurance agency's `agent`): what
// managers.role may name besides the built-in ones (builtin_roles()).
const ColumnSpec kRoles[] = {
    {.name = "id", .required = true, .key = true},
    {.name = "name", .required = true},
    {.name = "name_en"},
};

const ColumnSpec kManagers[] = {
    {.name = "id", .required = true, .key = true},
    {.name = "name", .required = true},
    {.name = "org_unit_id", .required = true, .reference = R::org_unit},
    {.name = "role", .default_value = "customer_manager", .reference = R::role},
    {.name = "grade"},
    {.name = "hired_on", .kind = K::date},
    {.name = "status", .kind = K::choice, .default_value = "active", .choices = kManagerStatuses},
    // The day the row's org unit, role, grade and status hold from (manager_terms).
    {.name = "valid_from", .kind = K::date},
};

const ColumnSpec kCustomers[] = {
    {.name = "id", .required = true, .key = true},
    {.name = "name"},
    {.name = "segment"},
    {.name = "org_unit_id", .reference = R::org_unit},
};

// valid_from defaults to the first representable day: "valid since always".
const ColumnSpec kAssignments[] = {
    {.name = "customer_id", .required = true, .key = true, .reference = R::customer},
    {.name = "manager_id", .required = true, .key = true, .reference = R::manager},
    {.name = "share", .kind = K::share, .default_value = "1"},
    {.name = "role", .kind = K::choice, .key = true, .default_value = "owner", .choices = kAssignmentRoles},
    {.name = "valid_from", .kind = K::date, .key = true, .default_value = "0001-01-01"},
    {.name = "valid_to", .kind = K::date},
};

const ColumnSpec kMetrics[] = {
    {.name = "metric", .required = true, .key = true},
    {.name = "kind", .kind = K::choice, .required = true, .choices = kMetricKinds},
    {.name = "unit"},
    {.name = "description"},
};

const ColumnSpec kFacts[] = {
    {.name = "entity", .kind = K::choice, .required = true, .key = true, .choices = kEntities},
    {.name = "entity_id", .required = true, .key = true, .reference = R::by_entity},
    {.name = "metric", .required = true, .key = true},
    {.name = "date", .kind = K::date, .required = true, .key = true},
    {.name = "value", .kind = K::number, .required = true},
    // The source system's id of a flow's booking (a transaction number):
    // the row's identity when given. Without it a day's rows are a multiset.
    {.name = "ref", .key = true, .default_value = ""},
};

const ColumnSpec kEvents[] = {
    {.name = "manager_id", .required = true, .key = true, .reference = R::manager},
    {.name = "kind", .required = true, .key = true},
    {.name = "date", .kind = K::date, .required = true, .key = true},
    {.name = "quantity", .kind = K::number, .default_value = "1"},
    {.name = "amount", .kind = K::amount},
    // Free text, not part of the key: an edited note updates the event.
    {.name = "note", .default_value = ""},
    // The source system's id of the event (a document number): the row's
    // identity when given. Without it a day's events are a multiset.
    {.name = "ref", .key = true, .default_value = ""},
};

const ColumnSpec kTargets[] = {
    {.name = "manager_id", .required = true, .key = true, .reference = R::manager},
    {.name = "indicator", .required = true, .key = true},
    {.name = "period", .kind = K::period, .required = true, .key = true},
    {.name = "value", .kind = K::number, .required = true},
};

const ColumnSpec kRatings[] = {
    {.name = "manager_id", .required = true, .key = true, .reference = R::manager},
    {.name = "period", .kind = K::period, .required = true, .key = true},
    {.name = "rater_role", .kind = K::choice, .required = true, .key = true, .choices = kRaterRoles},
    {.name = "item", .required = true, .key = true},
    {.name = "score", .kind = K::number, .required = true},
    {.name = "rater_id", .key = true, .default_value = ""},
};

// clang-format off
const TableSpec kTables[] = {
    {"org_units", kOrgUnits, R::org_unit},
    {"roles", kRoles, R::role},
    {"managers", kManagers, R::manager},
    {"customers", kCustomers, R::customer},
    {"assignments", kAssignments, R::none},
    {"metrics", kMetrics, R::none},
    {"facts", kFacts, R::none, /*repeats=*/true},
    {"events", kEvents, R::none, /*repeats=*/true},
    {"targets", kTargets, R::none},
    {"ratings", kRatings, R::none},
};
// clang-format on

}  // namespace

std::span<const TableSpec> table_specs() {
    return kTables;
}

const TableSpec* find_table_spec(std::string_view name) {
    for (const TableSpec& table : kTables)
        if (table.name == name) return &table;
    return nullptr;
}

std::string table_names() {
    std::string out;
    for (const TableSpec& table : kTables) {
        if (!out.empty()) out += ", ";
        out += table.name;
    }
    return out;
}

std::string_view reference_label(Reference reference) {
    switch (reference) {
        case Reference::org_unit:
            return "org unit";
        case Reference::manager:
            return "manager";
        case Reference::customer:
            return "customer";
        case Reference::role:
            return "role";
        default:
            return "row";
    }
}

}  // namespace merit
