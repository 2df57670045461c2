#include <httplib.h>

#include "http/http_client.hpp"

namespace merit::http {

struct HttpClient::Impl {
    httplib::Client client;
    Impl(const std::string& host, int port) : client(host, port) {}
};

HttpClient::HttpClient(const std::string& host, int port) : impl_(std::make_unique<Impl>(host, port)) {
    impl_->client.set_keep_alive(true);
    impl_->client.set_tcp_nodelay(true);
    impl_->client.set_read_timeout(60);
}

HttpClient::~HttpClient() = default;

Response HttpClient::send(const std::string& method, const std::string& path, const Headers& headers,
                          const std::string& body, const std::string& content_type) {
    httplib::Request request;
    request.method = method;
    request.path = path;
    for (const auto& [name, value] : headers) request.headers.emplace(name, value);
    if (!body.empty() || method == "POST" || method == "PUT" || method == "PATCH") {
        request.body = body;
        request.set_header("Content-Type", content_type);
    }
    Response out;
    const httplib::Result result = impl_->client.send(request);
    if (!result) {
        out.status = 0;
        out.body = httplib::to_string(result.error());
        return out;
    }
    out.status = result->status;
    for (const auto& [name, value] : result->headers) out.headers.emplace(name, value);
    out.body = result->body;
    const auto type = out.headers.find("Content-Type");
    out.content_type = type == out.headers.end() ? "" : type->second;
    return out;
}

}  // namespace merit::http
