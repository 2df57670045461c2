// The input tables (contract.md "Input files", and manager_terms, the dated
// organisation the managers' imports write) as the store sees them:
// their columns in declaration order and their natural key in primary-key
// order. Data versions (data_versions.hpp), the history kept of every
// replaced or retracted row, and the input fingerprint all walk this list.
#pragma once

#include <span>
#include <string_view>

namespace merit {

struct InputTable {
    std::string_view name;
    std::span<const std::string_view> columns;  // every data column, in declaration order
    std::span<const std::string_view> key;      // the primary key, in its order
};

// In dependency order: org_units, roles, managers, manager_terms, customers,
// assignments, metrics, facts, events, targets, ratings.
std::span<const InputTable> input_tables();

// The entry of `name`, or nullptr.
const InputTable* find_input_table(std::string_view name);

// The column every input row carries besides its data: the data version
// that wrote the row's current value (0: before versions were recorded).
inline constexpr std::string_view kValidFromVersion = "valid_from_version";

}  // namespace merit
