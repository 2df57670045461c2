// The ten input tables of contract.md "Input files": their columns, which
// are required, how each value is checked, the natural key (= the table's
// primary key in schema.cpp) and which columns refer to other tables.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace merit {

enum class FieldKind {
    text,    // any UTF-8 text
    date,    // strict YYYY-MM-DD
    number,  // decimal with '.', finite
    amount,  // a number with at most 2 decimals (yuan)
    share,   // a number in (0, 1]
    period,  // a period text, stored in canonical form (2026-Q3)
    choice,  // one of `choices`
};

// Which table a column's value must name (in the workspace or this import).
enum class Reference { none, org_unit, manager, customer, by_entity, role };

struct ColumnSpec {
    std::string_view name;
    FieldKind kind = FieldKind::text;
    bool required = false;  // the header must name it and every row must fill it
    bool key = false;       // part of the natural key
    std::optional<std::string_view> default_value = std::nullopt;  // used for an empty cell
    std::span<const std::string_view> choices = {};
    Reference reference = Reference::none;
};

struct TableSpec {
    std::string_view name;  // table name = file stem
    std::span<const ColumnSpec> columns;
    // Which id set this table's `id` column adds to (so later tables, and
    // self-references such as org_units.parent_id, can name its rows).
    Reference provides = Reference::none;
    // Rows may repeat their key (facts and events, schema migration 20): the
    // n-th row of a file with one key is stored as occurrence n, a column
    // the file never has. Repeating a non-empty `ref` is still a problem,
    // and so is a stock fact's repeat with another value.
    bool repeats = false;
};

// In dependency order: org_units, roles, managers, customers, assignments,
// metrics, facts, events, targets, ratings.
std::span<const TableSpec> table_specs();

// The spec of `name`, or nullptr.
const TableSpec* find_table_spec(std::string_view name);

// "org_units, managers, ..." for messages.
std::string table_names();

// "customer", "manager", "org unit", "role" for messages.
std::string_view reference_label(Reference reference);

}  // namespace merit
