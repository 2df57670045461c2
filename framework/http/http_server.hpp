// The small HTTP server interface Merit's service is written against. One
// implementation (httplib_server.cpp) wraps cpp-httplib; replacing the
// library means replacing that one file. The API does its own routing, so
// all the server does is parse requests, call one handler per request on a
// worker thread and write what it returns.
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "http/http_message.hpp"

namespace merit::http {

struct ServerOptions {
    std::string bind = "127.0.0.1";
    int port = 8080;  // 0: any free port (see HttpServer::port())
    std::optional<std::filesystem::path> tls_cert, tls_key;
    size_t max_body_bytes = 8 * 1024 * 1024;  // larger bodies get 413
    size_t threads = 8;                       // requests served at once
};

// Called on a worker thread for every request; must not throw (the server
// answers 500 with a JSON error if it does, and keeps serving).
using Handler = std::function<Response(const Request&)>;
// Formats a response the server produces itself (413 body too large, 400
// unparsable request, 500 when the handler threw) from its status.
using ErrorFormatter = std::function<Response(int status)>;

class HttpServer {
public:
    // Binds at once, so a taken port or a bad certificate fails here with
    // a UserError naming it.
    HttpServer(const ServerOptions& options, Handler handler, ErrorFormatter errors);
    ~HttpServer();
    HttpServer(const HttpServer&) = delete;
    HttpServer& operator=(const HttpServer&) = delete;

    int port() const;
    // Serves until stop(); returns when every request in flight has been
    // answered.
    void run();
    // From any thread: stop accepting, let requests in flight finish.
    void stop();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace merit::http
