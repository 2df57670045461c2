// The one way the fuel components read sales tonnes: customer facts of a flow
// metric, attributed to managers through assignments (with shares), optionally
// limited to some customer types (segments).
#pragma once

#include <merit/plugin.hpp>

#include <optional>
#include <string>
#include <vector>

namespace fuel {

struct VolumeSpec {
    std::string metric = "fuel_sales_t";
    std::vector<std::string> segments;  // empty: every customer type
    bool use_shares = true;

    // Reads metric / segments / use_shares from a component's params.
    static VolumeSpec from(const merit::Value& params);
};

// Tonnes per manager in `period` (nullopt: the run's period). A manager with
// no sales in the period sold 0 t, so the column is always valid.
merit::Column sales_tonnes(const merit::Context& ctx, const merit::Scope& scope, const VolumeSpec& spec,
                           const std::optional<std::string>& period = std::nullopt);

}  // namespace fuel
