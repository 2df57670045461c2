// A request and a response as the API sees them, independent of the HTTP
// library underneath (see http_server.hpp).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace merit::http {

// Header names compare without case (RFC 9110 section 5.1).
struct CaseInsensitiveLess {
    bool operator()(const std::string& a, const std::string& b) const;
};
using Headers = std::multimap<std::string, std::string, CaseInsensitiveLess>;

struct Request {
    std::string method;  // GET, POST, ...
    std::string path;    // decoded, without the query
    std::multimap<std::string, std::string> query;
    Headers headers;
    std::string body;
    std::string remote_addr;
    bool tls = false;

    // The first value of a header or query parameter, if present.
    std::optional<std::string> header(const std::string& name) const;
    std::optional<std::string> query_value(const std::string& name) const;
};

struct Response {
    int status = 200;
    Headers headers;
    std::string body;
    std::string content_type = "application/json";

    void set_header(const std::string& name, const std::string& value);
    std::optional<std::string> header(const std::string& name) const;
};

}  // namespace merit::http
