// Sample stores (样本店): the retailers a manager files demand forecasts for.
// A retailer is a sample store of the manager who held it on the date of a
// forecast; forecasts and the period's actual orders are kept per brand group.
#pragma once

#include <merit/plugin.hpp>

#include <map>
#include <string>

#include "components.hpp"

namespace tobacco {

struct GroupFigures {
    double forecast = 0;
    double actual = 0;
};

struct SampleStore {
    std::string segment;                         // business type
    std::map<std::string, GroupFigures> groups;  // only groups it has a forecast for
};

// manager id -> store id -> figures, for the period [first, last].
using SampleBook = std::map<std::string, std::map<std::string, SampleStore>>;

SampleBook read_sample_stores(const merit::Context& ctx, const ForecastGroups& groups,
                              const std::string& first, const std::string& last);

}  // namespace tobacco
