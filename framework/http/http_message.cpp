#include "http/http_message.hpp"

#include <strings.h>

namespace merit::http {
namespace {

template <typename Map>
std::optional<std::string> first_value(const Map& map, const std::string& key) {
    const auto it = map.find(key);
    if (it == map.end()) return std::nullopt;
    return it->second;
}

}  // namespace

bool CaseInsensitiveLess::operator()(const std::string& a, const std::string& b) const {
    return ::strcasecmp(a.c_str(), b.c_str()) < 0;
}

std::optional<std::string> Request::header(const std::string& name) const {
    return first_value(headers, name);
}

std::optional<std::string> Request::query_value(const std::string& name) const {
    return first_value(query, name);
}

void Response::set_header(const std::string& name, const std::string& value) {
    headers.erase(name);
    headers.emplace(name, value);
}

std::optional<std::string> Response::header(const std::string& name) const {
    return first_value(headers, name);
}

}  // namespace merit::http
