// Maps "METHOD /v1/runs/{run}/managers/{manager}" patterns to handlers. A
// path that matches no pattern is 404; one that matches only under another
// method is 405 with the allowed methods.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "http/http_message.hpp"

namespace merit::api {

struct RequestContext;
using RouteHandler = std::function<http::Response(RequestContext&)>;

// Who may reach a route at all; what each user may see is decided by the
// handler through authorize().
enum class RouteAccess { Public, Authenticated };

// The values of a pattern's {placeholders}.
class PathParams {
public:
    void set(const std::string& name, std::string value) { values_[name] = std::move(value); }
    const std::string& text(const std::string& name) const;
    // A positive integer id, else ApiError 404 naming the parameter.
    int64_t id(const std::string& name) const;

private:
    std::map<std::string, std::string> values_;
};

struct Route {
    std::string method;
    std::string pattern;
    RouteAccess access = RouteAccess::Authenticated;
    RouteHandler handler;
};

struct RouteMatch {
    const Route* route = nullptr;
    PathParams params;
};

class Router {
public:
    void add(Route route);
    // Throws ApiError 404 or 405.
    RouteMatch match(const std::string& method, const std::string& path) const;
    const std::vector<Route>& routes() const { return routes_; }

private:
    std::vector<Route> routes_;
};

}  // namespace merit::api
