// A workspace with the telecom sample, users of every role with tokens, one
// run of 2026-Q1, and `merit serve`'s service on a loopback port in this
// process (the same ApiService and HttpServer the command starts).
#pragma once

#include <gtest/gtest.h>
#include <stdlib.h>

#include <boost/json.hpp>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <thread>

#include "access/users.hpp"
#include "api/api_error.hpp"
#include "api/api_service.hpp"
#include "api/passwords.hpp"
#include "api/token_store.hpp"
#include "engine/run_workflow.hpp"
#include "http/http_client.hpp"
#include "http/http_server.hpp"
#include "import/importer.hpp"
#include "plugin/host_config.hpp"
#include "store/workspace.hpp"

namespace merit_test {

namespace fs = std::filesystem;
namespace json = boost::json;

class ApiServer : public ::testing::Test {
protected:
    static inline fs::path dir_;
    static inline std::shared_ptr<merit::api::ApiService> service_;
    static inline std::unique_ptr<merit::http::HttpServer> server_;
    static inline std::thread thread_;
    static inline std::map<std::string, std::string> tokens_;  // by user id
    static inline int port_ = 0;
    static inline size_t max_body_ = 64 * 1024;

    static fs::path stage_share() { return fs::path(MERIT_STAGE_DIR) / "share" / "merit"; }

    static void add_user(sqlite3* db, std::string id, std::string role, std::string unit,
                         std::string manager) {
        merit::User user;
        user.id = id;
        user.name = "User " + id;
        user.role = std::move(role);
        user.org_unit_id = std::move(unit);
        user.manager_id = std::move(manager);
        merit::add_user(db, user);
        tokens_[id] = merit::api::issue_token(db, id, std::chrono::hours(1), "test").token;
    }

    static void SetUpTestSuite() {
        std::string pattern = (fs::temp_directory_path() / "merit-api.XXXXXX").string();
        ASSERT_TRUE(::mkdtemp(pattern.data()));
        dir_ = pattern;
        const fs::path ws_path = dir_ / "telecom.merit";
        const merit::HostConfig config = merit::HostConfig::locate();
        auto plugins = std::make_shared<const merit::PluginRegistry>(merit::PluginRegistry::discover(config));
        {
            merit::Workspace ws = merit::Workspace::create(ws_path);
            merit::import_directory(ws, fs::path(MERIT_SOURCE_DIR) / "config/samples/telecom", {});
            merit::run_scheme(ws, *plugins, fs::path(MERIT_SOURCE_DIR) / "config/telecom.scheme.json",
                              "2026-Q1");
            add_user(ws.db(), "hr", "hr_admin", "", "");
            add_user(ws.db(), "sup_east", "supervisor", "TL-E", "");
            add_user(ws.db(), "tl01", "manager", "", "TL01");
            add_user(ws.db(), "tl06", "manager", "", "TL06");
            add_user(ws.db(), "audit", "auditor", "", "");
            add_user(ws.db(), "payroll", "payroll", "", "");
            merit::api::set_password(ws.db(), "hr", "correct horse battery");
        }
        merit::api::ServiceOptions options;
        options.workspace = ws_path;
        options.share_dir = stage_share();
        options.scheme_dir = fs::path(MERIT_SOURCE_DIR) / "config";
        service_ = std::make_shared<merit::api::ApiService>(options, plugins);
        merit::http::ServerOptions server_options;
        server_options.port = 0;
        server_options.threads = 4;
        server_options.max_body_bytes = max_body_;
        auto service = service_;
        server_ = std::make_unique<merit::http::HttpServer>(
            server_options, [service](const merit::http::Request& r) { return service->handle(r); },
            merit::api::error_for_status);
        port_ = server_->port();
        thread_ = std::thread([] { server_->run(); });
    }

    static void TearDownTestSuite() {
        server_->stop();
        thread_.join();
        service_->shutdown();
        server_.reset();
        service_.reset();
        std::error_code ec;
        fs::remove_all(dir_, ec);
    }

    static merit::http::Headers as(const std::string& user) {
        return {{"Authorization", "Bearer " + tokens_.at(user)}};
    }

    struct Answer {
        int status;
        json::value body;
        merit::http::Response raw;
    };

    static Answer call(const std::string& method, const std::string& path,
                       const merit::http::Headers& headers = {}, const std::string& body = {}) {
        merit::http::HttpClient client("127.0.0.1", port_);
        merit::http::Response r = client.send(method, path, headers, body);
        json::value parsed;
        boost::system::error_code ec;
        if (r.content_type.rfind("application/json", 0) == 0 && !r.body.empty())
            parsed = json::parse(r.body, ec);
        return {r.status, parsed, r};
    }
    static Answer get(const std::string& path, const std::string& user) {
        return call("GET", path, as(user));
    }

    static merit::http::Headers with(merit::http::Headers headers, const std::string& name,
                                     const std::string& value) {
        headers.emplace(name, value);
        return headers;
    }
    // A POST that changes an object, with If-Match: the tag it was read with.
    static Answer post(const std::string& path, const std::string& user, const std::string& tag,
                       const std::string& body = {}) {
        return call("POST", path, with(as(user), "If-Match", tag), body);
    }
    static std::string tag_of(const Answer& a) { return a.raw.header("ETag").value_or(""); }

    static std::string error_code(const Answer& a) {
        return std::string(a.body.at("error").at("code").as_string());
    }
    static std::string error_path(const Answer& a) {
        return std::string(a.body.at("error").at("path").as_string());
    }

    // Polls a job until it is no longer queued or running.
    static json::object finished_job(const std::string& url, const std::string& user) {
        for (int i = 0; i < 600; ++i) {
            const Answer a = get(url, user);
            const auto status = a.body.at("status").as_string();
            if (status != "queued" && status != "running") return a.body.as_object();
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        throw std::runtime_error("job did not finish: " + url);
    }
};

}  // namespace merit_test
