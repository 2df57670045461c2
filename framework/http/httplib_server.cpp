// HttpServer on cpp-httplib 0.11 (Debian's libcpp-httplib-dev): a blocking
// server with a fixed pool of worker threads, TLS through OpenSSL, a body
// size limit, and a stop() that lets requests in flight finish.
#include <fmt/format.h>
#include <httplib.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <thread>

#include "common/errors.hpp"
#include "http/http_server.hpp"

namespace merit::http {
namespace {

Request to_request(const httplib::Request& in, bool tls) {
    Request out;
    out.method = in.method;
    out.path = in.path;
    out.query.insert(in.params.begin(), in.params.end());
    out.headers.insert(in.headers.begin(), in.headers.end());
    out.body = in.body;
    out.remote_addr = in.remote_addr;
    out.tls = tls;
    return out;
}

void write_response(const Response& in, httplib::Response& out) {
    out.status = in.status;
    for (const auto& [name, value] : in.headers) out.set_header(name, value);
    out.set_content(in.body, in.content_type);
}

std::unique_ptr<httplib::Server> make_server(const ServerOptions& options) {
    if (options.tls_cert.has_value() != options.tls_key.has_value())
        throw UsageError("--tls-cert and --tls-key go together");
    if (!options.tls_cert) return std::make_unique<httplib::Server>();
    for (const auto& file : {*options.tls_cert, *options.tls_key})
        if (!std::filesystem::is_regular_file(file))
            throw UserError(fmt::format("{}: no such file", file.string()));
    auto server = std::make_unique<httplib::SSLServer>(options.tls_cert->c_str(), options.tls_key->c_str());
    if (!server->is_valid())
        throw UserError(fmt::format("{}, {}: not a usable TLS certificate and private key (PEM)",
                                    options.tls_cert->string(), options.tls_key->string()));
    return server;
}

}  // namespace

struct HttpServer::Impl {
    std::unique_ptr<httplib::Server> server;
    int port = 0;
    // httplib's stop() does nothing before its listen loop has started, so a
    // SIGTERM that came right after the "listening" line would be lost; these
    // make a stop() before run() (or during its start) stop it all the same.
    std::mutex mutex;
    bool stopped = false, started = false;
    std::atomic<bool> finished = false;
};

HttpServer::HttpServer(const ServerOptions& options, Handler handler, ErrorFormatter errors)
    : impl_(std::make_unique<Impl>()) {
    impl_->server = make_server(options);
    httplib::Server& server = *impl_->server;
    const size_t threads = options.threads;
    server.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
    server.set_payload_max_length(options.max_body_bytes);
    server.set_read_timeout(10);
    server.set_write_timeout(30);
    server.set_keep_alive_timeout(5);
    // Answers go out at once: with Nagle's algorithm a response written in
    // two parts waits for the client's delayed ACK (~40 ms a request).
    server.set_tcp_nodelay(true);

    const bool tls = options.tls_cert.has_value();
    auto dispatch = [handler, tls](const httplib::Request& req, httplib::Response& res) {
        write_response(handler(to_request(req, tls)), res);
    };
    server.Get(".*", dispatch);
    server.Post(".*", dispatch);
    server.Put(".*", dispatch);
    server.Patch(".*", dispatch);
    server.Delete(".*", dispatch);
    server.Options(".*", dispatch);
    // Responses the library makes itself (413, 414, 400, 404 for unknown
    // methods) get the API's error body; the handler's own errors already
    // have one.
    server.set_error_handler(
        httplib::Server::HandlerWithResponse([errors](const httplib::Request&, httplib::Response& res) {
            if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
            write_response(errors(res.status), res);
            return httplib::Server::HandlerResponse::Handled;
        }));
    server.set_exception_handler([errors](const httplib::Request&, httplib::Response& res,
                                          std::exception_ptr) { write_response(errors(500), res); });

    impl_->port = options.port == 0 ? server.bind_to_any_port(options.bind)
                                    : (server.bind_to_port(options.bind, options.port) ? options.port : -1);
    if (impl_->port < 0)
        throw UserError(fmt::format("cannot listen on {}:{} (address in use or not available)", options.bind,
                                    options.port));
}

HttpServer::~HttpServer() = default;

int HttpServer::port() const {
    return impl_->port;
}

void HttpServer::run() {
    {
        std::lock_guard lock(impl_->mutex);
        if (impl_->stopped) return;
        impl_->started = true;
    }
    impl_->server->listen_after_bind();
    impl_->finished = true;
}

void HttpServer::stop() {
    {
        std::lock_guard lock(impl_->mutex);
        impl_->stopped = true;
        if (!impl_->started) return;  // run() will not start listening
    }
    // run() is starting: wait until the listen loop is up, then stop it.
    while (!impl_->server->is_running() && !impl_->finished)
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    impl_->server->stop();
}

}  // namespace merit::http
