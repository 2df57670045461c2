// Shared helpers for the plugin tests: temporary directories, allow-lists
// written on the fly, the paths of the test plugins, a host config built in
// the test, and small fake services with hand-set data.
#pragma once

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <sys/wait.h>

#include <boost/json/parse.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "common/sha256.hpp"
#include "plugin/host_config.hpp"
#include "plugin/registry.hpp"
#include "plugin/services.hpp"

namespace merit::test {

namespace fs = std::filesystem;

// A fresh directory under the system temp dir, removed with the object;
// unique per process and call, so parallel tests never share one.
class TempDir {
public:
    TempDir() {
        std::string pattern = (fs::temp_directory_path() / "merit-plugin-test.XXXXXX").string();
        if (!::mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
        path_ = pattern;
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path_, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const fs::path& path() const { return path_; }
    fs::path operator/(const std::string& name) const { return path_ / name; }

private:
    fs::path path_;
};

inline std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

inline void write_file(const fs::path& path, const std::string& bytes) {
    fs::create_directories(path.parent_path());
    std::ofstream out(path, std::ios::binary);
    out << bytes;
}

// The .so of test plugin `id`, built into test-plugins/<test_case>/.
inline fs::path test_plugin(const std::string& test_case, const std::string& id) {
    return fs::path(MERIT_TEST_PLUGIN_DIR) / test_case / ("merit_" + id + ".so");
}

inline std::string allow_line(const fs::path& plugin) {
    return sha256_hex(read_file(plugin)) + "  " + plugin.filename().string() + "\n";
}

// What the staged merit binary printed and returned.
struct CliResult {
    int status = -1;
    std::string out;
    std::string err;
    // The one warning line that isolated plugins run without some layer of
    // their sandbox (sandbox.missing_layer "continue" where the kernel
    // refuses a layer), taken out of `err` so that the tests counting its
    // lines hold on such machines too; "" when every layer held.
    std::string sandbox_warning;
};

// The start of that warning (plugin/registry.cpp).
constexpr std::string_view kSandboxWarning = "merit: warning: isolated plugins run without the ";

// Runs the staged merit with `args` (already shell-quoted where needed),
// without the environment variables that would redirect it; stdout and
// stderr are captured apart through files in `dir`.
inline CliResult run_staged_merit(const fs::path& dir, const std::string& args) {
    const auto out = dir / "stdout.txt";
    const auto err = dir / "stderr.txt";
    const std::string command = "env -u MERIT_CONFIG -u MERIT_PLUGIN_PATH " + std::string(MERIT_STAGE_DIR) +
                                "/bin/merit " + args + " >" + out.string() + " 2>" + err.string();
    const int raw = std::system(command.c_str());
    CliResult r;
    r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
    r.out = read_file(out);
    r.err = read_file(err);
    if (const size_t at = r.err.find(kSandboxWarning); at != std::string::npos) {
        const size_t end = r.err.find('\n', at);
        const size_t length = end == std::string::npos ? std::string::npos : end + 1 - at;
        r.sandbox_warning = r.err.substr(at, length);
        r.err.erase(at, length);
    }
    return r;
}

// dir/merit.json for the command line: it scans dir/plugins, which holds
// copies of `plugins`, trusts exactly those (by checksum), refuses the rest,
// and takes `plugin_options` as its "plugins" section. Returns its path.
inline fs::path host_config_file(const fs::path& dir, const std::vector<fs::path>& plugins,
                                 const std::string& plugin_options) {
    std::string lines;
    fs::create_directories(dir / "plugins");
    for (const auto& plugin : plugins) {
        lines += allow_line(plugin);
        fs::copy_file(plugin, dir / "plugins" / plugin.filename(), fs::copy_options::overwrite_existing);
    }
    write_file(dir / "trusted.d/test.sha256", lines);
    const auto config = dir / "merit.json";
    // Containment is tested with whatever layers of the sandbox the kernel
    // grants (the hostile tests name the layers they need and skip without
    // them); a test of the default says "sandbox" itself.
    const bool sandbox_said = plugin_options.find("\"sandbox\"") != std::string::npos;
    write_file(config, R"({"plugin_dirs": ["plugins"], "allow_lists": ["trusted.d"], )"
                       R"("allow_untrusted": false, "plugins": )" +
                           plugin_options +
                           (sandbox_said ? "" : R"(, "sandbox": {"missing_layer": "continue"})") + "}");
    return config;
}

// The first value of `query` over the workspace at `workspace`, read
// directly with SQLite (read-only); "" when there is none.
inline std::string sql_value(const fs::path& workspace, const std::string& query) {
    sqlite3* db = nullptr;
    std::string value;
    if (sqlite3_open_v2(workspace.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
        sqlite3_stmt* stmt = nullptr;
        if (sqlite3_prepare_v2(db, query.c_str(), -1, &stmt, nullptr) == SQLITE_OK &&
            sqlite3_step(stmt) == SQLITE_ROW && sqlite3_column_text(stmt, 0))
            value = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
        sqlite3_finalize(stmt);
    }
    sqlite3_close(db);
    return value;
}

// A host config that trusts exactly `trusted` (an allow-list written into
// `dir`) and scans `plugin_dirs`.
inline HostConfig config_trusting(const TempDir& dir, const std::vector<fs::path>& trusted,
                                  const std::vector<fs::path>& plugin_dirs = {}) {
    std::string lines = "# written by the test\n";
    for (const auto& plugin : trusted) lines += allow_line(plugin);
    write_file(dir / "trusted.d/test.sha256", lines);
    HostConfig config;
    config.allow_lists = {dir / "trusted.d"};
    config.plugin_dirs = plugin_dirs;
    config.sandbox_missing_layer = "continue";  // as host_config_file
    return config;
}

// Per-manager values keyed by metric; rows without a value stay null.
class FakeData : public DataServices {
public:
    std::map<std::string, std::map<std::string, double>> facts;  // metric -> manager id -> value
    int fact_calls = 0;

    void fact_aggregate(const merit_scope& scope, const merit_fact_query& query, double* out,
                        unsigned char* valid) override {
        ++fact_calls;
        const auto metric = facts.find(query.metric);
        if (metric == facts.end()) throw std::runtime_error(std::string("unknown metric ") + query.metric);
        for (size_t i = 0; i < scope.count; ++i) {
            const auto value = metric->second.find(scope.manager_ids[i]);
            valid[i] = value != metric->second.end();
            out[i] = valid[i] ? value->second : 0.0;
        }
    }
    void event_aggregate(const merit_scope& scope, const merit_event_query& query, double* out) override {
        const std::string kind = query.kind ? query.kind : "";
        for (size_t i = 0; i < scope.count; ++i) out[i] = events[kind][scope.manager_ids[i]];
    }
    void target_values(const merit_scope&, const char*, const char*, double*, unsigned char*) override {
        throw std::runtime_error("no targets in this fake");
    }
    void rating_average(const merit_scope&, const char*, const char*, const char*, double*,
                        unsigned char*) override {
        throw std::runtime_error("no ratings in this fake");
    }
    void query(const char*, const merit_value*, size_t, merit_row_fn, void*) override {
        throw std::runtime_error("no SQL in this fake");
    }

    std::map<std::string, std::map<std::string, double>> events;  // kind -> manager id -> count
};

struct PayLine {
    size_t row;
    std::string code;
    int64_t fen;
    std::string component;
};

// A run with a "total" column; records every pay line.
class FakeRun : public RunServices {
public:
    std::vector<double> total;
    std::vector<unsigned char> total_valid;
    std::vector<PayLine> pay;

    void result_column(merit_context&, const char* name, double* out, unsigned char* valid) override {
        if (std::string(name) != "total") throw std::runtime_error(std::string("no column ") + name);
        for (size_t i = 0; i < total.size(); ++i) {
            out[i] = total[i];
            valid[i] = total_valid[i];
        }
    }
    void result_text(merit_context&, const char*, const char**) override {
        throw std::runtime_error("no text columns in this fake");
    }
    void emit_pay(merit_context& ctx, size_t row, const char* code, const char*, int64_t amount_fen,
                  const char*) override {
        pay.push_back({row, code, amount_fen, ctx.component_id});
    }
    void emit_decision(merit_context&, size_t, const char*, const char*, const char*) override {}
    void state_read(merit_context&, const char*, double*, unsigned char*) override {}
    void state_write(merit_context&, const char*, const double*, const unsigned char*) override {}
};

class FakeTrace : public TraceSink {
public:
    std::vector<std::string> columns;
    void column(merit_context& ctx, const char* name, const double*, const unsigned char*) override {
        columns.push_back(ctx.component_id + ":" + name);
    }
    void note(merit_context&, size_t, const char*) override {}
};

// A scope of `ids.size()` managers; only the manager ids vary.
class TestScope {
public:
    explicit TestScope(std::vector<std::string> ids) : ids_(std::move(ids)) {
        for (const auto& id : ids_) {
            id_ptrs_.push_back(id.c_str());
            blank_.push_back("");
        }
        scope_.struct_size = sizeof scope_;
        scope_.count = ids_.size();
        scope_.manager_ids = id_ptrs_.data();
        scope_.org_unit_ids = blank_.data();
        scope_.roles = blank_.data();
        scope_.grades = blank_.data();
        scope_.hired_on = blank_.data();
        scope_.statuses = blank_.data();
        scope_.period = "2026-07";
        scope_.first_day = "2026-07-01";
        scope_.last_day = "2026-07-31";
    }
    const merit_scope& get() const { return scope_; }
    size_t size() const { return ids_.size(); }

private:
    std::vector<std::string> ids_;
    std::vector<const char*> id_ptrs_;
    std::vector<const char*> blank_;
    merit_scope scope_{};
};

}  // namespace merit::test
