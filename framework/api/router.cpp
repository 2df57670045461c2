#include "api/router.hpp"

#include <fmt/format.h>

#include <charconv>

#include "api/api_error.hpp"

namespace merit::api {
namespace {

std::vector<std::string> split_path(const std::string& path) {
    std::vector<std::string> parts;
    size_t start = 1;
    while (start <= path.size()) {
        const size_t slash = path.find('/', start);
        const size_t end = slash == std::string::npos ? path.size() : slash;
        parts.push_back(path.substr(start, end - start));
        start = end + 1;
    }
    return parts;
}

bool is_placeholder(const std::string& part) {
    return part.size() > 2 && part.front() == '{' && part.back() == '}';
}

bool match_pattern(const std::string& pattern, const std::string& path, PathParams& params) {
    const auto want = split_path(pattern);
    const auto have = split_path(path);
    if (want.size() != have.size()) return false;
    for (size_t i = 0; i < want.size(); ++i) {
        if (is_placeholder(want[i])) {
            if (have[i].empty()) return false;
            params.set(want[i].substr(1, want[i].size() - 2), have[i]);
        } else if (want[i] != have[i]) {
            return false;
        }
    }
    return true;
}

}  // namespace

const std::string& PathParams::text(const std::string& name) const {
    return values_.at(name);
}

int64_t PathParams::id(const std::string& name) const {
    const std::string& value = text(name);
    int64_t id = 0;
    const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), id);
    if (ec != std::errc() || end != value.data() + value.size() || id <= 0)
        throw not_found(fmt::format("{} '{}' is not an id (a positive whole number)", name, value), name);
    return id;
}

void Router::add(Route route) {
    routes_.push_back(std::move(route));
}

RouteMatch Router::match(const std::string& method, const std::string& path) const {
    std::string allowed;
    for (const Route& route : routes_) {
        RouteMatch found;
        if (!match_pattern(route.pattern, path, found.params)) continue;
        if (route.method == method || (method == "HEAD" && route.method == "GET")) {
            found.route = &route;
            return found;
        }
        allowed += (allowed.empty() ? "" : ", ") + route.method;
    }
    if (!allowed.empty())
        throw ApiError(405, "method_not_allowed", fmt::format("{} {}: allowed: {}", method, path, allowed));
    throw not_found(fmt::format("{}: no such resource", path));
}

}  // namespace merit::api
