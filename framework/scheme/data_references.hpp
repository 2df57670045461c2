// Schemes checked against the data (issue 21 point 5): every metric, event
// kind, target indicator, rating item, rater role and manager role a scheme
// names, found through the plugins' manifests ("refers_to") and the scheme's
// own keys, and the workspace's names to check them against. A name the
// workspace has never seen scores 0 or null for everybody without an error,
// so `merit validate --workspace` and `merit run` warn about it with the
// closest name the workspace has.
#pragma once

#include <sqlite3.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "period/period.hpp"
#include "plugin/registry.hpp"
#include "scheme/scheme.hpp"

namespace merit {

struct DataReference {
    std::string path;  // "dimensions[0].indicators[1].params.metric", "scope.roles[0]"
    std::string kind;  // a manifest refers_to: metric, event_kind, ... manager_role
    std::string name;
    bool from_default = false;  // the manifest's default, not written in the scheme
};

// In scheme order: inputs, indicators (provider, then the indicator's
// target, then its scorer), rewards; scope.roles first. Components the
// registry does not know are skipped (validate reports them).
std::vector<DataReference> scheme_data_references(const Scheme& scheme, const PluginRegistry& registry);

// One warning "path: reason" per reference the workspace has never seen.
std::vector<std::string> unseen_reference_warnings(sqlite3* db, const std::vector<DataReference>& references);

// "period: 2026-08 (2026-08-01..2026-08-31) has no facts in the workspace",
// or nothing when some fact is dated in it.
std::vector<std::string> empty_period_warnings(sqlite3* db, const Period& period);

// Both of the above for a scheme (the period only when the scheme names a
// metric): what validate --workspace --period and run warn about before any
// indicator is computed.
std::vector<std::string> data_warnings(sqlite3* db, const Scheme& scheme, const PluginRegistry& registry,
                                       const std::optional<Period>& period);

// Levenshtein distance counted in Unicode code points (so 保单 and 保险 are 1 apart).
size_t edit_distance(std::string_view a, std::string_view b);

// The known name nearest to `name`, when it is near enough to be a likely
// misspelling (at most 3 edits, or a third of the name's length when that
// is more); ties go to the first in `known`'s order.
std::optional<std::string> closest_name(std::string_view name, const std::vector<std::string>& known);

}  // namespace merit
