// A small blocking HTTP client over the same library as the server, for the
// API tests and the load check (bench/serve): one keep-alive connection to
// one host:port.
#pragma once

#include <memory>
#include <string>

#include "http/http_message.hpp"

namespace merit::http {

class HttpClient {
public:
    HttpClient(const std::string& host, int port);
    ~HttpClient();
    HttpClient(const HttpClient&) = delete;
    HttpClient& operator=(const HttpClient&) = delete;

    // status 0 with the library's reason in body when no answer came.
    Response send(const std::string& method, const std::string& path, const Headers& headers = {},
                  const std::string& body = {}, const std::string& content_type = "application/json");
    Response get(const std::string& path, const Headers& headers = {}) { return send("GET", path, headers); }

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace merit::http
