#include "api/json_body.hpp"

#include <fmt/format.h>

#include <charconv>

#include "api/api_error.hpp"
#include "common/json_kind.hpp"
#include "common/json_text.hpp"

namespace merit::api {
namespace {

std::string field_path(const std::string& parent, const std::string& field) {
    return parent.empty() ? field : parent + "." + field;
}

const boost::json::value* find_field(const boost::json::object& object, const std::string& field) {
    const auto it = object.find(field);
    return it == object.end() ? nullptr : &it->value();
}

}  // namespace

boost::json::object json_object_body(const http::Request& request) {
    if (request.body.empty()) throw bad_request("the request needs a JSON object as its body");
    boost::system::error_code ec;
    boost::json::value value = boost::json::parse(request.body, ec);
    if (ec) throw bad_request(fmt::format("the body is not JSON: {}", ec.message()));
    if (!value.is_object())
        throw bad_request(fmt::format("the body must be a JSON object, found {}", json_kind_name(value)));
    return std::move(value.as_object());
}

std::optional<std::string> optional_string(const boost::json::object& object, const std::string& field,
                                           const std::string& parent) {
    const boost::json::value* value = find_field(object, field);
    if (!value || value->is_null()) return std::nullopt;
    if (!value->is_string())
        throw invalid_field(fmt::format("must be a string, found {}", json_kind_name(*value)),
                            field_path(parent, field));
    return std::string(value->as_string());
}

std::string required_string(const boost::json::object& object, const std::string& field,
                            const std::string& parent) {
    auto value = optional_string(object, field, parent);
    if (!value || value->empty()) throw invalid_field("is required", field_path(parent, field));
    return *value;
}

const boost::json::object& required_object(const boost::json::object& object, const std::string& field,
                                           const std::string& parent) {
    const boost::json::value* value = find_field(object, field);
    if (!value) throw invalid_field("is required", field_path(parent, field));
    if (!value->is_object())
        throw invalid_field(fmt::format("must be an object, found {}", json_kind_name(*value)),
                            field_path(parent, field));
    return value->as_object();
}

std::optional<int64_t> optional_id(const boost::json::object& object, const std::string& field) {
    const boost::json::value* value = find_field(object, field);
    if (!value || value->is_null()) return std::nullopt;
    if (!value->is_int64() || value->as_int64() < 1)
        throw invalid_field("must be an id (a whole number from 1)", field);
    return value->as_int64();
}

int64_t required_id(const boost::json::object& object, const std::string& field) {
    const auto id = optional_id(object, field);
    if (!id) throw invalid_field("is required", field);
    return *id;
}

std::optional<double> optional_number(const boost::json::object& object, const std::string& field) {
    const boost::json::value* value = find_field(object, field);
    if (!value || value->is_null()) return std::nullopt;
    if (!value->is_number())
        throw invalid_field(fmt::format("must be a number, found {}", json_kind_name(*value)), field);
    return value->to_number<double>();
}

std::vector<std::string> string_list(const boost::json::object& object, const std::string& field,
                                     bool required) {
    const boost::json::value* value = find_field(object, field);
    std::vector<std::string> out;
    if (!value || value->is_null()) {
        if (required) throw invalid_field("is required: an array of strings", field);
        return out;
    }
    if (!value->is_array())
        throw invalid_field(fmt::format("must be an array of strings, found {}", json_kind_name(*value)),
                            field);
    for (size_t i = 0; i < value->as_array().size(); ++i) {
        const auto& item = value->as_array()[i];
        if (!item.is_string())
            throw invalid_field(fmt::format("must be a string, found {}", json_kind_name(item)),
                                fmt::format("{}[{}]", field, i));
        out.emplace_back(item.as_string());
    }
    return out;
}

std::optional<int64_t> query_integer(const http::Request& request, const std::string& name, int64_t min,
                                     int64_t max) {
    const auto text = request.query_value(name);
    if (!text) return std::nullopt;
    int64_t value = 0;
    const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
    if (ec != std::errc() || end != text->data() + text->size() || value < min || value > max)
        throw invalid_field(fmt::format("must be a whole number from {} to {}", min, max), name);
    return value;
}

http::Response json_response(const boost::json::value& value, int status) {
    http::Response response;
    response.status = status;
    response.body = json_text(value);
    return response;
}

}  // namespace merit::api
