#include "engine/stages/run_context.hpp"

#include <fmt/format.h>

#include "common/errors.hpp"
#include "engine/run_store.hpp"

namespace merit {
namespace {

const char* kind_name(Period::Kind kind) {
    switch (kind) {
        case Period::Kind::month:
            return "month";
        case Period::Kind::quarter:
            return "quarter";
        case Period::Kind::half:
            return "half";
        case Period::Kind::year:
            return "year";
        case Period::Kind::range:
            return "range";
    }
    return "range";
}

void check_period_type(const std::string& period_type, const Period& period) {
    if (period_type == "any") return;
    const char* kind = kind_name(period.kind());
    if (period_type != kind)
        throw UserError(fmt::format("period '{}' is a {}, but the scheme's period_type is {}", period.text(),
                                    kind, period_type));
}

}  // namespace

const CalibrationEffect* RunContext::calibration_of(const std::string& manager_id) const {
    if (!request.calibration) return nullptr;
    const auto it = request.calibration->find(manager_id);
    return it == request.calibration->end() ? nullptr : &it->second;
}

RunContext make_run_context(const EvaluationRequest& request) {
    const Scheme& scheme = *request.scheme;
    const Period period = Period::parse(request.period);
    check_period_type(scheme.period_type, period);
    sqlite3* db = request.db;
    StateReader state_reader = [db, scheme_id = scheme.id, first_day = format_date(period.first_day())](
                                   const std::string& reward, const std::string& key) {
        return read_carried_state(db, scheme_id, first_day, reward, key).values;
    };
    return RunContext{request,
                      scheme,
                      *request.registry,
                      period,
                      CallEnv{request.data, nullptr, nullptr},
                      std::move(state_reader),
                      std::make_shared<StoredRunReader>(db)};
}

std::unique_ptr<ComponentInstance> instantiate(const RunContext& ctx, const ComponentRef& ref,
                                               ComponentKind kind) {
    const Component* c = ctx.registry.find(ref.id);
    if (!c) throw UserError(fmt::format("{}: unknown component '{}'", ref.path, ref.id));
    if (c->kind != kind)
        throw UserError(fmt::format("{}: '{}' is a {} component, not a {} component", ref.path, ref.id,
                                    to_string(c->kind), to_string(kind)));
    try {
        return std::make_unique<ComponentInstance>(*c, ref.params, ctx.create_env);
    } catch (const std::exception& e) {
        throw UserError(fmt::format("{}: {}", ref.params_path, e.what()));
    }
}

}  // namespace merit
