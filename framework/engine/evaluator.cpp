#include "engine/evaluator.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "common/sha256.hpp"
#include "engine/background_fingerprint.hpp"
#include "engine/stages/adjustments.hpp"
#include "engine/stages/bands.hpp"
#include "engine/stages/columns.hpp"
#include "engine/stages/ranks.hpp"
#include "engine/stages/result.hpp"
#include "engine/stages/rewards.hpp"
#include "engine/stages/run_context.hpp"
#include "engine/stages/scope.hpp"
#include "engine/stages/scores.hpp"
#include "engine/stages/stage_clock.hpp"
#include "engine/stages/weighting.hpp"
#include "store/data_version_fingerprints.hpp"

namespace merit {
namespace {

std::string real_text(const std::optional<double>& x) {
    return x ? fmt::format("{:.17g}", *x) : "~";
}

}  // namespace

std::string results_digest(const RunResult& r) {
    // One line per row, sorted: the digest does not depend on the order rows
    // were produced or read back in.
    std::vector<std::string> lines;
    std::string text;
    auto line = [&] {
        lines.push_back(std::move(text));
        text.clear();
    };
    for (const auto& m : r.managers) {
        text += fmt::format("M|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}\n", m.manager_id, m.org_unit_id,
                            m.grade_group, real_text(m.base_total), real_text(m.total), m.band_index,
                            m.rating, m.band_reason, m.rank, m.rank_in_unit, m.vetoed, m.pay_fen);
        line();
    }
    for (const auto& x : r.indicators) {
        text += fmt::format("I|{}|{}|{}|{}|{}|{}|{}|{}|{}\n", x.manager_id, x.indicator, real_text(x.value),
                            real_text(x.target), real_text(x.score), real_text(x.dimension_weight),
                            real_text(x.weight), real_text(x.contribution), x.seq);
        line();
    }
    for (const auto& d : r.dimensions) {
        text += fmt::format("D|{}|{}|{}|{}|{}\n", d.manager_id, d.dimension, real_text(d.score),
                            real_text(d.weight), real_text(d.contribution));
        line();
    }
    for (const auto& a : r.adjustments) {
        text += fmt::format("A|{}|{}|{}|{}|{}\n", a.manager_id, a.seq, a.adjustment, real_text(a.points),
                            a.detail);
        line();
    }
    for (const auto& p : r.pay) {
        text += fmt::format("P|{}|{}|{}|{}|{}|{}\n", p.manager_id, p.seq, p.reward, p.code, p.amount_fen,
                            p.basis);
        line();
    }
    for (const auto& d : r.decisions) {
        text +=
            fmt::format("X|{}|{}|{}|{}|{}|{}\n", d.manager_id, d.seq, d.reward, d.kind, d.value, d.reason);
        line();
    }
    for (const auto& s : r.state) {
        text += fmt::format("S|{}|{}|{}|{}\n", s.reward, s.key, s.manager_id, real_text(s.value));
        line();
    }
    std::sort(lines.begin(), lines.end());
    for (const auto& l : lines) text += l;
    return sha256_hex(text);
}

// The run as its stages (engine/stages/, one file each; README "Design"):
// each takes what earlier stages produced and adds its part to the run in
// progress. Storing is the last stage, store_run, after evaluate() returns.
RunResult evaluate(const EvaluationRequest& req) {
    StageClock clock(req.progress);
    const RunContext ctx = make_run_context(req);
    clock.start("scope", "managers in scope", 0);
    // The input fingerprint: the one kept for the snapshot's data version,
    // or read from every input row on its own thread while the stages run
    // and waited for last.
    const std::optional<std::string> kept = req.snapshot && req.reuse_fingerprint
                                                ? kept_input_fingerprint(req.db, req.snapshot->version())
                                                : std::nullopt;
    std::optional<BackgroundFingerprint> fingerprint;
    if (!kept) fingerprint.emplace(req.db, req.snapshot ? req.snapshot->take_fingerprint_reader() : nullptr);
    const RunScope scope = select_scope(ctx);
    const size_t n = scope.size();
    RunInProgress run;

    clock.start("columns", "inputs and indicators", n);
    ColumnSteps columns = compute_columns(ctx, scope, run);
    clock.start("scores", "scores", n);
    const ColumnTargets targets = score_columns(ctx, scope, std::move(columns), run);
    clock.start("weighting", "weights", n);
    const BaseTotals base = weigh(ctx, scope, targets, run);
    clock.start("adjustments", "adjustments", n);
    const Verdicts verdicts = adjust(ctx, scope, base, run);
    clock.start("bands", "bands and distribution", n);
    rate(ctx, verdicts, run);
    clock.start("ranks", "ranks", n);
    rank(run);
    clock.start("rewards", "rewards", n);
    pay_rewards(ctx, scope, verdicts, run);
    clock.start("result", "results", n);
    RunResult result = finish_result(ctx, scope, std::move(run));

    clock.start("fingerprint", "input fingerprint", n);
    result.info.input_fingerprint = kept ? *kept : fingerprint->get();
    if (req.snapshot) result.info.data_version = req.snapshot->version();
    result.info.timings_json = clock.finish();
    return result;
}

}  // namespace merit
