#include "engine/run_verify.hpp"

#include <fmt/format.h>

#include <map>

#include "engine/evaluator.hpp"
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

}  // namespace

std::string RunVerification::summary() const {
    if (ok()) return fmt::format("run {}: results digest ok (sha256 {})", run_id, stored_digest);
    if (stored_digest.empty()) return fmt::format("run {}: no results digest was stored", run_id);
    std::string text = fmt::format("run {}: ", run_id);
    if (stored_digest != recomputed_digest)
        text += fmt::format("results digest mismatch: stored {}, the stored results give {}", stored_digest,
                            recomputed_digest);
    for (const auto& line : inconsistencies) text += (text.back() == ' ' ? "" : "; ") + line;
    return text;
}

RunVerification verify_run(sqlite3* db, int64_t run_id) {
    const RunResult run = load_run(db, run_id);
    RunVerification v;
    v.run_id = run_id;
    v.stored_digest = run.info.results_digest;
    v.recomputed_digest = results_digest(run);
    v.inconsistencies = cross_check(run);
    return v;
}

}  // namespace merit
