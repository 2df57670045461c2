#include "engine/stages/result.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <map>

#include "plugin/value_checks.hpp"

namespace merit {
namespace {

namespace json = boost::json;

std::string plugins_json(const PluginRegistry& registry, const Scheme& scheme) {
    json::array out;
    for (const auto& id : scheme.plugins)
        for (const auto& r : registry.plugins())
            if (r->manifest && r->manifest->id == id && r->loaded) {
                // How it came to run, for whoever audits the run later: the
                // allow-list line (or allow_untrusted), where its code ran
                // and, isolated, which layers of the sandbox held.
                json::object o{{"id", id},
                               {"version", r->manifest->version},
                               {"sha256", r->sha256},
                               {"path", r->path.string()},
                               {"trusted_by", r->trusted_by},
                               {"isolation", r->options.isolation}};
                if (r->options.isolation == "process") o["sandbox"] = r->sandbox.to_json();
                out.push_back(std::move(o));
            }
    return json::serialize(out);
}

// seq = 0, 1, 2 ... per manager, in the order the lines were produced.
template <typename Line>
void number_per_manager(std::vector<Line>& lines) {
    std::map<std::string, int> next;
    for (auto& line : lines) line.seq = next[line.manager_id]++;
}

void total_pay(const RunScope& scope, RunResult& result) {
    std::map<std::string, size_t> row_of;
    for (size_t i = 0; i < scope.size(); ++i) row_of[scope.ids[i]] = i;
    for (const auto& p : result.pay) {
        auto& total = result.managers[row_of.at(p.manager_id)].pay_fen;
        total = add_fen(total, p.amount_fen, p.manager_id);
    }
}

void record_info(const RunContext& ctx, const RunScope& scope, RunInfo& info) {
    info.scheme_id = ctx.scheme.id;
    info.scheme_title = ctx.scheme.title;
    info.scheme_path = ctx.scheme.source;
    info.scheme_hash = ctx.scheme.hash;
    info.scheme_json = ctx.scheme.canonical_json;
    info.period = ctx.period.text();
    info.first_day = format_date(ctx.period.first_day());
    info.last_day = format_date(ctx.period.last_day());
    info.manager_count = static_cast<int64_t>(scope.size());
    info.plugins_json = plugins_json(ctx.registry, ctx.scheme);
}

}  // namespace

RunResult finish_result(const RunContext& ctx, const RunScope& scope, RunInProgress&& run) {
    RunResult result = std::move(run.result);
    number_per_manager(result.pay);
    total_pay(scope, result);
    std::stable_sort(result.pay.begin(), result.pay.end(),
                     [](const PayLine& a, const PayLine& b) { return a.manager_id < b.manager_id; });
    number_per_manager(result.decisions);
    number_per_manager(result.trace);
    std::sort(result.managers.begin(), result.managers.end(),
              [](const ManagerResult& a, const ManagerResult& b) {
                  return a.rank != b.rank ? a.rank < b.rank : a.manager_id < b.manager_id;
              });
    record_info(ctx, scope, result.info);
    result.info.results_digest = results_digest(result);
    return result;
}

}  // namespace merit
