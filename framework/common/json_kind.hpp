// How error messages name the kind of a JSON value ("found a string").
#pragma once

#include <boost/json/value.hpp>

namespace merit {

// "null", "a boolean", "a number", "a string", "an array" or "an object".
const char* json_kind_name(const boost::json::value& value);

}  // namespace merit
