// merit_bench_serve_load --port P --token T --run R [--clients 50] [--seconds 60]
// N clients, each on its own keep-alive connection, read statements
// (GET /v1/runs/R/managers/M, every manager of the run in turn, each client
// starting elsewhere) for the given time; prints requests/s, latency
// percentiles and errors (any answer but 200, or none).
#include <boost/json.hpp>
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

#include "http/http_client.hpp"

namespace {

using Clock = std::chrono::steady_clock;

struct Options {
    int port = 0;
    std::string token;
    long run = 1;
    int clients = 50;
    int seconds = 60;
};

Options parse(int argc, char** argv) {
    Options o;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string flag = argv[i], value = argv[i + 1];
        if (flag == "--port") o.port = std::atoi(value.c_str());
        else if (flag == "--token") o.token = value;
        else if (flag == "--run") o.run = std::atol(value.c_str());
        else if (flag == "--clients") o.clients = std::atoi(value.c_str());
        else if (flag == "--seconds") o.seconds = std::atoi(value.c_str());
    }
    if (o.port <= 0 || o.token.empty() || o.clients <= 0 || o.seconds <= 0) {
        std::fprintf(stderr, "usage: merit_bench_serve_load --port P --token T --run R [--clients N] [--seconds S]\n");
        std::exit(2);
    }
    return o;
}

// Every manager id of the run, through the paged results.
std::vector<std::string> managers_of(const Options& o, const merit::http::Headers& auth) {
    merit::http::HttpClient client("127.0.0.1", o.port);
    std::vector<std::string> ids;
    std::string next = "/v1/runs/" + std::to_string(o.run) + "/results?limit=1000";
    while (!next.empty()) {
        const merit::http::Response r = client.get(next, auth);
        if (r.status != 200) {
            std::fprintf(stderr, "reading the results failed: %d %s\n", r.status, r.body.c_str());
            std::exit(1);
        }
        const auto page = boost::json::parse(r.body).as_object();
        for (const auto& m : page.at("items").as_array()) ids.emplace_back(m.at("manager_id").as_string());
        const auto& cursor = page.at("next_cursor");
        next = cursor.is_null() ? "" : "/v1/runs/" + std::to_string(o.run) + "/results?limit=1000&cursor=" +
                                           std::string(cursor.as_string());
    }
    return ids;
}

struct ClientResult {
    std::vector<double> latencies_ms;
    long errors = 0;
};

}  // namespace

int main(int argc, char** argv) {
    const Options o = parse(argc, argv);
    const merit::http::Headers auth{{"Authorization", "Bearer " + o.token}};
    const std::vector<std::string> ids = managers_of(o, auth);
    std::printf("%zu managers in run %ld; %d clients for %d s\n", ids.size(), o.run, o.clients, o.seconds);
    std::vector<ClientResult> results(static_cast<size_t>(o.clients));
    std::vector<std::thread> threads;
    const auto start = Clock::now();
    const auto deadline = start + std::chrono::seconds(o.seconds);
    for (int c = 0; c < o.clients; ++c)
        threads.emplace_back([&, c] {
            merit::http::HttpClient client("127.0.0.1", o.port);
            ClientResult& mine = results[static_cast<size_t>(c)];
            size_t next = static_cast<size_t>(c) * ids.size() / static_cast<size_t>(o.clients);
            while (Clock::now() < deadline) {
                const std::string path = "/v1/runs/" + std::to_string(o.run) + "/managers/" + ids[next];
                next = (next + 1) % ids.size();
                const auto t0 = Clock::now();
                const merit::http::Response r = client.get(path, auth);
                mine.latencies_ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
                if (r.status != 200) ++mine.errors;
            }
        });
    for (auto& t : threads) t.join();
    const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
    std::vector<double> all;
    long errors = 0;
    for (const auto& r : results) {
        all.insert(all.end(), r.latencies_ms.begin(), r.latencies_ms.end());
        errors += r.errors;
    }
    std::sort(all.begin(), all.end());
    auto pct = [&](double p) { return all.empty() ? 0.0 : all[std::min(all.size() - 1, size_t(p * all.size()))]; };
    std::printf("requests %zu in %.1f s: %.1f req/s; latency p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms; errors %ld\n",
                all.size(), elapsed, all.size() / elapsed, pct(0.50), pct(0.90), pct(0.99), all.empty() ? 0.0 : all.back(),
                errors);
    return errors == 0 ? 0 : 1;
}
