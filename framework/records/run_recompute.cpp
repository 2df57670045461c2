#include "records/run_recompute.hpp"

#include <fmt/format.h>

#include <boost/json.hpp>
#include <map>

#include "calibration/calibration.hpp"
#include "common/errors.hpp"
#include "engine/run_store.hpp"
#include "engine/run_workflow.hpp"
#include "records/as_of_copy.hpp"
#include "scheme/scheme_parser.hpp"
#include "scheme/scheme_validator.hpp"
#include "store/sqlite.hpp"

namespace merit {
namespace {

namespace json = boost::json;

RunInfo stored_info(sqlite3* db, int64_t run_id) {
    for (RunInfo& info : list_runs(db))
        if (info.id == run_id) return std::move(info);
    throw UserError(fmt::format("run {}: no such run in this workspace", run_id));
}

// Plugin id → sha256 of a run's plugins_json.
std::map<std::string, std::string> checksums(const std::string& plugins_json) {
    std::map<std::string, std::string> out;
    const json::value parsed = json::parse(plugins_json);
    for (const auto& p : parsed.as_array())
        out[std::string(p.at("id").as_string())] = std::string(p.at("sha256").as_string());
    return out;
}

void compare_plugins(const std::string& stored, const std::string& now, RunRecomputation& r) {
    const auto then = checksums(stored);
    const auto installed = checksums(now);
    for (const auto& [id, sha] : then) {
        const auto it = installed.find(id);
        const std::string path = fmt::format("runs.plugins_json[{}]", id);
        if (it == installed.end())
            r.problems.push_back(
                {path, "plugin_changed", fmt::format("plugin '{}' (sha256 {}) is not loaded now", id, sha)});
        else if (it->second != sha)
            r.problems.push_back({path, "plugin_changed",
                                  fmt::format("plugin '{}': the run used sha256 {}, the installed file is {}",
                                              id, sha, it->second)});
    }
}

// The calibration a calibrated run was closed with (none for other runs).
std::map<std::string, CalibrationEffect> effects_of(sqlite3* db, int64_t run_id) {
    Statement st(db, "SELECT id FROM calibration_sessions WHERE result_run_id = ?1");
    st.bind(1, run_id);
    if (!st.step()) return {};
    return calibration_effects(db, st.integer(0));
}

RunResult evaluate_again(const Workspace& ws, const PluginRegistry& registry, const RunInfo& info) {
    ParsedScheme parsed = parse_scheme_text(info.scheme_json, fmt::format("run {} scheme", info.id));
    require_valid(parsed.problems, fmt::format("run {} scheme", info.id));
    require_valid(check_scheme_components(parsed.scheme, registry), fmt::format("run {} scheme", info.id));
    const auto effects = effects_of(ws.db(), info.id);
    AsOfCopy copy(ws, *info.data_version, info.id);
    EvaluationRequest request;
    request.registry = &registry;
    request.scheme = &parsed.scheme;
    request.period = info.period;
    // The rows hashed again: the point is to find inputs that differ.
    request.reuse_fingerprint = false;
    if (!effects.empty()) request.calibration = &effects;
    return evaluate_in_snapshot(copy.workspace(), request);
}

}  // namespace

std::string RunRecomputation::summary() const {
    if (!data_version) return fmt::format("run {}: {}", run_id, problems.front().message);
    const std::string from = fmt::format("run {}: recomputed from data version {}", run_id, *data_version);
    if (ok()) return fmt::format("{}: results digest ok (sha256 {})", from, recomputed_digest);
    return fmt::format("{}: {}", from, problems.front().message);
}

RunRecomputation recompute_run(const Workspace& ws, const PluginRegistry& registry, int64_t run_id) {
    const RunInfo info = stored_info(ws.db(), run_id);
    RunRecomputation r;
    r.run_id = run_id;
    r.data_version = info.data_version;
    r.stored_digest = info.results_digest;
    if (!info.data_version) {
        r.problems.push_back({"runs.data_version", "no_data_version",
                              "stored before runs recorded the data version they read, so it cannot be "
                              "recomputed from its inputs"});
        return r;
    }
    const RunResult again = evaluate_again(ws, registry, info);
    compare_plugins(info.plugins_json, again.info.plugins_json, r);
    r.recomputed_digest = again.info.results_digest;
    if (again.info.input_fingerprint != info.input_fingerprint)
        r.problems.push_back(
            {"runs.input_fingerprint", "recomputed_fingerprint_mismatch",
             fmt::format("the inputs of data version {} give fingerprint {}, stored {}", *info.data_version,
                         again.info.input_fingerprint, info.input_fingerprint)});
    if (again.info.results_digest != info.results_digest)
        r.problems.push_back({"runs.results_digest", "recomputed_digest_mismatch",
                              fmt::format("recomputed results digest {}, stored {}",
                                          again.info.results_digest, info.results_digest)});
    return r;
}

}  // namespace merit
