// Reading a request's JSON body as hostile input: every problem is a 400
// (not JSON) or 422 (a field missing or of the wrong kind) naming the field.
#pragma once

#include <boost/json.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "http/http_message.hpp"

namespace merit::api {

// The body as a JSON object; 400 when it is not one.
boost::json::object json_object_body(const http::Request& request);

// Fields of `object`, `path` naming it in errors ("period", "files.x").
std::string required_string(const boost::json::object& object, const std::string& field,
                            const std::string& parent = {});
std::optional<std::string> optional_string(const boost::json::object& object, const std::string& field,
                                           const std::string& parent = {});
const boost::json::object& required_object(const boost::json::object& object, const std::string& field,
                                           const std::string& parent = {});
// An id (a run, a dispute ...): a whole number from 1. optional_id: absent or null is none.
int64_t required_id(const boost::json::object& object, const std::string& field);
std::optional<int64_t> optional_id(const boost::json::object& object, const std::string& field);
std::optional<double> optional_number(const boost::json::object& object, const std::string& field);
// An array of strings; absent or null is empty unless `required`.
std::vector<std::string> string_list(const boost::json::object& object, const std::string& field,
                                     bool required = false);

// A query parameter as a whole number in [min, max]; 422 naming it otherwise.
std::optional<int64_t> query_integer(const http::Request& request, const std::string& name, int64_t min,
                                     int64_t max);

http::Response json_response(const boost::json::value& value, int status = 200);

}  // namespace merit::api
