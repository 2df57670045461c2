// test_bad_values: components that hand the host impossible values, written
// against the bare C ABI (merit/plugin.h) so that nothing between them and the
// host cleans up: rows left unwritten stay as the host marked them, refused
// pay lines are ignored. Every component misbehaves for the manager at row 1
// (row 0 for max_pay), so the host's message must name that manager.
#include <merit/plugin.h>
#include <merit/money.hpp>

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <exception>
#include <limits>

namespace {

const merit_host_api* host = nullptr;

enum class Mode {
    nan_value,
    inf_value,
    half_written,
    calls_exit,
    ones,
    huge,
    negative,
    nan_score,
    max_pay,
    over_limit,
    to_fen_nan
};

// One static "instance" per component: its mode.
template <Mode M>
void* create(merit_context*, const merit_value*) {
    static Mode mode = M;
    return &mode;
}
void destroy(void*) {}

Mode mode_of(void* instance) {
    return *static_cast<Mode*>(instance);
}

merit_status compute(void* instance, merit_context*, const merit_scope* scope, double* out,
                     unsigned char* valid) {
    const Mode mode = mode_of(instance);
    const size_t rows = mode == Mode::half_written ? scope->count / 2 : scope->count;
    for (size_t i = 0; i < rows; ++i) {
        out[i] = 1.0;
        valid[i] = 1;
    }
    if (mode == Mode::calls_exit) std::exit(0);
    if (scope->count > 1 && mode == Mode::nan_value) out[1] = std::numeric_limits<double>::quiet_NaN();
    if (scope->count > 1 && mode == Mode::inf_value) out[1] = std::numeric_limits<double>::infinity();
    return MERIT_OK;
}

merit_status score(void* instance, merit_context*, const merit_score_input* input, double* out) {
    for (size_t i = 0; i < input->count; ++i) out[i] = 50.0;
    if (input->count < 2) return MERIT_OK;
    switch (mode_of(instance)) {
        case Mode::huge:
            out[1] = 1e300;
            break;
        case Mode::negative:
            out[1] = -500.0;
            break;
        default:
            out[1] = std::numeric_limits<double>::quiet_NaN();
            break;
    }
    return MERIT_OK;
}

merit_status reward(void* instance, merit_context* ctx, const merit_scope* scope) {
    if (scope->count < 2) return MERIT_OK;
    switch (mode_of(instance)) {
        case Mode::max_pay:
            // Statuses ignored on purpose: the host must fail the run anyway.
            host->emit_pay(ctx, 0, "max", "max", INT64_MAX, "INT64_MAX fen");
            host->emit_pay(ctx, 0, "max", "max", INT64_MAX, "INT64_MAX fen");
            return MERIT_OK;
        case Mode::over_limit:
            host->emit_pay(ctx, 1, "over", "over", merit::kMaxPayLineFen + 1, "10^13 + 1 fen");
            return MERIT_OK;
        default:
            try {
                return host->emit_pay(ctx, 1, "nan", "nan", merit::to_fen(std::nan("")), "to_fen(NaN)");
            } catch (const std::exception& e) {
                host->set_error(ctx, e.what());
                return MERIT_ERROR;
            }
    }
}

template <Mode M>
const merit_indicator_provider provider{sizeof(merit_indicator_provider), nullptr, &create<M>, &compute,
                                        &destroy};
template <Mode M>
const merit_scorer scorer{sizeof(merit_scorer), nullptr, &create<M>, &score, &destroy};
template <Mode M>
const merit_reward_calculator calculator{sizeof(merit_reward_calculator), nullptr, &create<M>, &reward,
                                         &destroy};

template <typename T>
T named(T vtable, const char* id) {
    vtable.id = id;
    return vtable;
}

const merit_indicator_provider providers[] = {
    named(provider<Mode::nan_value>, "nan_value"), named(provider<Mode::inf_value>, "inf_value"),
    named(provider<Mode::half_written>, "half_written"), named(provider<Mode::calls_exit>, "calls_exit"),
    named(provider<Mode::ones>, "ones")};
const merit_scorer scorers[] = {named(scorer<Mode::huge>, "huge_score"),
                                named(scorer<Mode::negative>, "negative_score"),
                                named(scorer<Mode::nan_score>, "nan_score")};
const merit_reward_calculator rewards[] = {named(calculator<Mode::max_pay>, "max_pay"),
                                           named(calculator<Mode::over_limit>, "over_limit"),
                                           named(calculator<Mode::to_fen_nan>, "to_fen_nan")};

const merit_indicator_provider* const provider_list[] = {&providers[0], &providers[1], &providers[2],
                                                         &providers[3], &providers[4]};
const merit_scorer* const scorer_list[] = {&scorers[0], &scorers[1], &scorers[2]};
const merit_reward_calculator* const reward_list[] = {&rewards[0], &rewards[1], &rewards[2]};

const merit_plugin plugin{
    sizeof(merit_plugin), MERIT_API_MAJOR, 0, "test_bad_values", "1.0.0", 5, provider_list, 3, scorer_list, 3,
    reward_list};

}  // namespace

extern "C" MERIT_EXPORT const merit_plugin* merit_plugin_entry(const merit_host_api* api) {
    if (!api || api->api_major != MERIT_API_MAJOR) return nullptr;
    host = api;
    return &plugin;
}
