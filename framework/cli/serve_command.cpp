// `merit serve WS [--bind 127.0.0.1] [--port 8080] [--tls-cert F --tls-key F]`:
// the HTTP API (/v1) and the browser application over one workspace, until
// SIGTERM or SIGINT; then requests in flight and the running job finish and
// nothing is left half-written.
#include <fmt/format.h>
#include <signal.h>
#include <spdlog/spdlog.h>

#include <boost/json.hpp>
#include <iostream>
#include <thread>

#include "api/api_error.hpp"
#include "api/api_service.hpp"
#include "cli/command.hpp"
#include "common/errors.hpp"
#include "common/json_text.hpp"
#include "http/http_server.hpp"
#include "store/sqlite.hpp"
#include "store/workspace.hpp"

namespace merit {
namespace {

struct ServeArgs {
    std::string workspace;
    http::ServerOptions server;
    std::string tls_cert, tls_key, scheme_dir;
    size_t max_body_mb = 8;
    bool json = false;
};

// SIGTERM and SIGINT are blocked in every thread (set before any starts) and
// taken by one thread with sigwait, which then stops the server: no work in
// a signal handler, and no request cut off half-way.
sigset_t shutdown_signals() {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    return set;
}

bool has_users(const std::string& workspace) {
    const Workspace ws = Workspace::open(workspace);
    Statement count(ws.db(), "SELECT count(*) FROM users");
    count.step();
    return count.integer(0) > 0;
}

void serve(GlobalOptions& global, ServeArgs& args) {
    if (!args.tls_cert.empty()) args.server.tls_cert = args.tls_cert;
    if (!args.tls_key.empty()) args.server.tls_key = args.tls_key;
    args.server.max_body_bytes = args.max_body_mb * 1024 * 1024;
    const sigset_t signals = shutdown_signals();
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);

    api::ServiceOptions options;
    options.workspace = args.workspace;
    options.share_dir = HostConfig::config_dir().parent_path();
    options.scheme_dir =
        args.scheme_dir.empty() ? HostConfig::config_dir() : std::filesystem::path(args.scheme_dir);
    options.tls = args.server.tls_cert.has_value();
    auto plugins = std::make_shared<const PluginRegistry>(global.load_plugins());
    api::ApiService service(options, plugins);
    http::HttpServer server(
        args.server, [&service](const http::Request& r) { return service.handle(r); }, api::error_for_status);

    std::thread waiter([&server, signals] {
        int signal = 0;
        sigwait(&signals, &signal);
        spdlog::info("signal {}: stopping", signal);
        server.stop();
    });
    const std::string url =
        fmt::format("{}://{}:{}/", options.tls ? "https" : "http", args.server.bind, server.port());
    if (args.json)
        std::cout << json_line(boost::json::object{{"workspace", args.workspace}, {"url", url}});
    else
        std::cout << fmt::format("merit serve: {} on {} (stop with Ctrl-C or SIGTERM)\n", args.workspace,
                                 url);
    std::cout << std::flush;
    // With --json stdout holds the one line; what else there is to say goes to stderr.
    std::ostream& notes = args.json ? std::cerr : std::cout;
    if (!has_users(args.workspace))
        notes << fmt::format(
            "no users yet: add one to log in, e.g. `merit users add {0} --id hr --name HR --role hr_admin` "
            "and `merit users password {0} --user hr`\n",
            args.workspace);
    notes << std::flush;
    server.run();
    waiter.join();  // only its signal stops the server
    service.shutdown();
    notes << "merit serve: stopped\n";
}

void setup(CLI::App& app, GlobalOptions& global) {
    static ServeArgs args;
    auto* cmd = app.add_subcommand("serve", "Serve the HTTP API (/v1) and the browser application");
    cmd->add_option("WS", args.workspace, "The workspace file")->required()->check(CLI::ExistingFile);
    cmd->add_option("--bind", args.server.bind,
                    "Address to listen on (default 127.0.0.1: this machine only)");
    cmd->add_option("--port", args.server.port, "Port (default 8080; 0: any free port, printed)")
        ->check(CLI::Range(0, 65535));
    cmd->add_option("--tls-cert", args.tls_cert, "TLS certificate (PEM); with --tls-key, serve HTTPS");
    cmd->add_option("--tls-key", args.tls_key, "TLS private key (PEM)");
    cmd->add_option("--threads", args.server.threads, "Requests served at once (default 8)")
        ->check(CLI::Range(1, 256));
    cmd->add_option("--max-body-mb", args.max_body_mb, "Largest request body in MiB (default 8)")
        ->check(CLI::Range(1, 1024));
    cmd->add_option("--schemes", args.scheme_dir,
                    "Directory of the schemes POST /v1/runs may name (default: the shipped config)");
    add_json_flag(cmd, args.json);
    cmd->callback([&global] { serve(global, args); });
}

const CommandRegistrar registrar(70, &setup);

}  // namespace
}  // namespace merit
