// Converts JSON (Boost.JSON) into the C `merit_value` tree passed to plugins.
// The tree owns all its storage and stays valid while the object lives.
#pragma once

#include <merit/plugin.h>

#include <boost/json/value.hpp>

#include <deque>
#include <string>
#include <vector>

namespace merit {

class ValueTree {
public:
    explicit ValueTree(const boost::json::value& json);
    ValueTree(const ValueTree&) = delete;
    ValueTree& operator=(const ValueTree&) = delete;
    const merit_value* root() const { return &nodes_.front(); }

private:
    void fill(merit_value& node, const boost::json::value& json);
    std::deque<merit_value> nodes_;
    std::deque<std::vector<merit_value>> arrays_;
    std::deque<std::vector<const char*>> keys_;
    std::deque<std::string> strings_;
};

}  // namespace merit
