// framework/http on its own: stop() lets a request in flight finish (the
// SIGTERM promise of `merit serve`), the body limit answers 413 through the
// error formatter, and a handler that throws is a 500 the server survives.
#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <thread>

#include "http/http_client.hpp"
#include "http/http_server.hpp"

namespace {

using namespace merit::http;

Response slow_or_throwing(const Request& request) {
    if (request.path == "/throw") throw std::runtime_error("boom");
    if (request.path == "/slow") std::this_thread::sleep_for(std::chrono::milliseconds(400));
    Response r;
    r.body = "done " + request.path;
    r.content_type = "text/plain";
    return r;
}

Response formatted(int status) {
    Response r;
    r.status = status;
    r.body = "formatted " + std::to_string(status);
    return r;
}

TEST(HttpServer, StopLetsTheRequestInFlightFinish) {
    ServerOptions options;
    options.port = 0;
    options.max_body_bytes = 16;
    HttpServer server(options, slow_or_throwing, formatted);
    std::thread serving([&] { server.run(); });
    const int port = server.port();
    EXPECT_EQ(HttpClient("127.0.0.1", port).send("POST", "/x", {}, std::string(17, 'a')).body,
              "formatted 413");
    const Response thrown = HttpClient("127.0.0.1", port).get("/throw");
    EXPECT_EQ(thrown.status, 500);
    EXPECT_EQ(thrown.body, "formatted 500");
    auto in_flight =
        std::async(std::launch::async, [port] { return HttpClient("127.0.0.1", port).get("/slow"); });
    std::this_thread::sleep_for(std::chrono::milliseconds(150));
    server.stop();
    serving.join();
    const Response answered = in_flight.get();
    EXPECT_EQ(answered.status, 200);
    EXPECT_EQ(answered.body, "done /slow");
    EXPECT_EQ(HttpClient("127.0.0.1", port).get("/after").status, 0);  // nobody listens any more
}

}  // namespace
