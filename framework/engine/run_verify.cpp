#include "engine/run_verify.hpp"

#include <fmt/format.h>

#include <map>

#include "common/sha256.hpp"
#include "engine/evaluator.hpp"
#include "engine/record_digest.hpp"
#include "engine/run_store.hpp"

namespace merit {
namespace {

std::vector<std::string> cross_check(const RunResult& run) {
    std::vector<std::string> out;
    if (run.info.manager_count != static_cast<int64_t>(run.managers.size()))
        out.push_back(fmt::format("run_managers: {} rows, but the run has {} managers", run.managers.size(),
                                  run.info.manager_count));
    std::map<std::string, int64_t> pay_lines;
    for (const auto& p : run.pay) pay_lines[p.manager_id] += p.amount_fen;
    for (const auto& m : run.managers) {
        const auto it = pay_lines.find(m.manager_id);
        const int64_t lines = it == pay_lines.end() ? 0 : it->second;
        if (lines != m.pay_fen)
            out.push_back(
                fmt::format("run_pay (manager {}): pay lines sum to {} fen, run_managers.pay_fen is {}",
                            m.manager_id, lines, m.pay_fen));
    }
    return out;
}

void find_problems(RunVerification& v, const RunInfo& info) {
    auto add = [&v](std::string path, std::string code, std::string message) {
        v.problems.push_back({std::move(path), std::move(code), std::move(message)});
    };
    if (v.stored_digest.empty())
        add("runs.results_digest", "no_digest", "no results digest was stored");
    else if (v.stored_digest != v.recomputed_digest)
        add("runs.results_digest", "digest_mismatch",
            fmt::format("results digest mismatch: stored {}, the stored results give {}", v.stored_digest,
                        v.recomputed_digest));
    if (!v.stored_record.empty() && v.stored_record != v.recomputed_record)
        add("runs.record_digest", "record_mismatch",
            fmt::format("record digest mismatch: stored {}, the stored run gives {}", v.stored_record,
                        v.recomputed_record));
    const std::string scheme_hash = sha256_hex(info.scheme_json);
    if (scheme_hash != info.scheme_hash)
        add("runs.scheme_hash", "scheme_hash_mismatch",
            fmt::format("scheme_hash {} is not the SHA-256 of the stored scheme_json ({})", info.scheme_hash,
                        scheme_hash));
    for (const auto& line : v.inconsistencies) {
        const auto colon = line.find(": ");
        add(line.substr(0, colon), "inconsistent_rows", line);
    }
}

}  // namespace

std::string RunVerification::summary() const {
    if (ok() && !stored_record.empty())
        return fmt::format("run {}: record digest ok (sha256 {})", run_id, stored_record);
    if (ok())
        return fmt::format(
            "run {}: results digest ok (sha256 {}; stored before record digests: names, trace and "
            "period are not covered)",
            run_id, stored_digest);
    std::string text = fmt::format("run {}: ", run_id);
    for (size_t i = 0; i < problems.size(); ++i) text += (i ? "; " : "") + problems[i].message;
    return text;
}

RunVerification verify_run(sqlite3* db, int64_t run_id) {
    const RunResult run = load_run(db, run_id);
    RunVerification v;
    v.run_id = run_id;
    v.stored_digest = run.info.results_digest;
    v.recomputed_digest = results_digest(run);
    v.stored_record = run.info.record_digest;
    if (!v.stored_record.empty()) v.recomputed_record = record_digest(run);
    v.inconsistencies = cross_check(run);
    find_problems(v, run.info);
    return v;
}

}  // namespace merit
