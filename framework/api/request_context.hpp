// What a route handler gets: the request, its path parameters, who asked,
// and a workspace connection borrowed for the request.
#pragma once

#include <sqlite3.h>

#include <optional>

#include "api/connection_pool.hpp"
#include "api/principal.hpp"
#include "api/router.hpp"
#include "http/http_message.hpp"

namespace merit::api {

class ApiService;

struct RequestContext {
    const http::Request& request;
    PathParams params;
    ApiService& service;
    std::optional<Principal> principal;  // always set on authenticated routes
    ConnectionPool::Lease& connection;

    sqlite3* db() { return connection.db(); }
    const Principal& user() const { return *principal; }
};

}  // namespace merit::api
