#include "plugin/host_api.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <cstdlib>
#include <cstring>
#include <exception>

#include "period/period.hpp"

namespace merit {
namespace {

void record(merit_context* ctx, const std::string& message) {
    if (ctx && ctx->error.empty()) ctx->error = message;
}

// Runs a service body; any exception becomes the call's error.
template <typename Fn>
merit_status serve(merit_context* ctx, const char* service, Fn&& body) noexcept {
    if (!ctx) return MERIT_ERROR;
    try {
        body();
        return MERIT_OK;
    } catch (const std::exception& e) {
        record(ctx, fmt::format("{}: {}", service, e.what()));
    } catch (...) {
        record(ctx, fmt::format("{}: unknown failure", service));
    }
    return MERIT_ERROR;
}

template <typename T>
T& require(merit_context* ctx, T* service, const char* name) {
    if (!service)
        throw std::runtime_error(fmt::format("not available to {} in this call", ctx->component_id));
    (void)name;
    return *service;
}

// A NULL where the API needs a table: refused as the call's error, not
// dereferenced.
template <typename T>
const T& need(const T* pointer, const char* what) {
    if (!pointer) throw std::runtime_error(fmt::format("{} is NULL", what));
    return *pointer;
}

LogForwarder log_forwarder = nullptr;

void api_log(merit_context* ctx, merit_log_level level, const char* message) {
    if (log_forwarder) {
        log_forwarder(ctx, level, message ? message : "");
        return;
    }
    const char* who = ctx ? ctx->component_id.c_str() : "plugin";
    const char* text = message ? message : "";
    switch (level) {
        case MERIT_LOG_TRACE:
            spdlog::trace("[{}] {}", who, text);
            break;
        case MERIT_LOG_DEBUG:
            spdlog::debug("[{}] {}", who, text);
            break;
        case MERIT_LOG_INFO:
            spdlog::info("[{}] {}", who, text);
            break;
        case MERIT_LOG_WARN:
            spdlog::warn("[{}] {}", who, text);
            break;
        default:
            spdlog::error("[{}] {}", who, text);
            break;
    }
}

void api_set_error(merit_context* ctx, const char* message) {
    record(ctx, message ? message : "");
}

void* api_alloc(size_t size) {
    return std::malloc(size);
}
void api_free(void* pointer) {
    std::free(pointer);
}

void api_trace_column(merit_context* ctx, const char* name, const double* values,
                      const unsigned char* valid) {
    serve(ctx, "trace_column", [&] {
        if (ctx->trace && name && values) ctx->trace->column(*ctx, name, values, valid);
    });
}

void api_trace_note(merit_context* ctx, size_t row, const char* text) {
    serve(ctx, "trace_note", [&] {
        if (ctx->trace && text) ctx->trace->note(*ctx, row, text);
    });
}

void copy_text(const std::string& text, char* out, size_t size) {
    if (!out || size == 0) return;
    if (text.size() + 1 > size) throw std::runtime_error("output buffer too small");
    std::memcpy(out, text.c_str(), text.size() + 1);
}

merit_status api_period_shift(merit_context* ctx, const char* period, int offset, int year_ago, char* out,
                              size_t out_size, char* first_day, char* last_day) {
    return serve(ctx, "period_shift", [&] {
        Period p = Period::parse(period ? period : "");
        if (year_ago) p = p.year_earlier();
        if (offset != 0) p = p.shifted(offset);
        copy_text(p.text(), out, out_size);
        copy_text(format_date(p.first_day()), first_day, 11);
        copy_text(format_date(p.last_day()), last_day, 11);
    });
}

merit_status api_fact_aggregate(merit_context* ctx, const merit_scope* scope, const merit_fact_query* query,
                                double* out, unsigned char* valid) {
    return serve(ctx, "fact_aggregate", [&] {
        require(ctx, ctx->data, "data")
            .fact_aggregate(need(scope, "scope"), need(query, "query"), out, valid);
    });
}

merit_status api_event_aggregate(merit_context* ctx, const merit_scope* scope, const merit_event_query* query,
                                 double* out) {
    return serve(ctx, "event_aggregate", [&] {
        require(ctx, ctx->data, "data").event_aggregate(need(scope, "scope"), need(query, "query"), out);
    });
}

merit_status api_target_values(merit_context* ctx, const merit_scope* scope, const char* indicator,
                               const char* period, double* out, unsigned char* valid) {
    return serve(ctx, "target_values", [&] {
        require(ctx, ctx->data, "data").target_values(need(scope, "scope"), indicator, period, out, valid);
    });
}

merit_status api_rating_average(merit_context* ctx, const merit_scope* scope, const char* rater_role,
                                const char* item, const char* period, double* out, unsigned char* valid) {
    return serve(ctx, "rating_average", [&] {
        require(ctx, ctx->data, "data")
            .rating_average(need(scope, "scope"), rater_role, item, period, out, valid);
    });
}

merit_status api_query(merit_context* ctx, const char* sql, const merit_value* params, size_t param_count,
                       merit_row_fn on_row, void* user) {
    return serve(ctx, "query",
                 [&] { require(ctx, ctx->data, "data").query(sql, params, param_count, on_row, user); });
}

merit_status api_result_column(merit_context* ctx, const char* name, double* out, unsigned char* valid) {
    return serve(ctx, "result_column",
                 [&] { require(ctx, ctx->run, "run").result_column(*ctx, name, out, valid); });
}

merit_status api_result_text(merit_context* ctx, const char* name, const char** out) {
    return serve(ctx, "result_text", [&] { require(ctx, ctx->run, "run").result_text(*ctx, name, out); });
}

merit_status api_emit_pay(merit_context* ctx, size_t row, const char* code, const char* label,
                          int64_t amount_fen, const char* basis) {
    return serve(ctx, "emit_pay",
                 [&] { require(ctx, ctx->run, "run").emit_pay(*ctx, row, code, label, amount_fen, basis); });
}

merit_status api_emit_decision(merit_context* ctx, size_t row, const char* kind, const char* value,
                               const char* reason) {
    return serve(ctx, "emit_decision",
                 [&] { require(ctx, ctx->run, "run").emit_decision(*ctx, row, kind, value, reason); });
}

merit_status api_state_read(merit_context* ctx, const char* key, double* out, unsigned char* valid) {
    return serve(ctx, "state_read", [&] { require(ctx, ctx->run, "run").state_read(*ctx, key, out, valid); });
}

merit_status api_state_write(merit_context* ctx, const char* key, const double* values,
                             const unsigned char* valid) {
    return serve(ctx, "state_write",
                 [&] { require(ctx, ctx->run, "run").state_write(*ctx, key, values, valid); });
}

// 1.1: the same services with each buffer's element count, checked before
// any buffer is touched.
// (The service's name comes first from serve().)
void require_count(size_t count, size_t expected, const char* of) {
    if (count != expected)
        throw std::runtime_error(fmt::format("the buffer holds {} rows, {} has {}", count, of, expected));
}

void api_trace_column_n(merit_context* ctx, const char* name, const double* values,
                        const unsigned char* valid, size_t count) {
    serve(ctx, "trace_column", [&] {
        require_count(count, ctx->scope_count, "the call");
        if (ctx->trace && name && values) ctx->trace->column(*ctx, name, values, valid);
    });
}

merit_status api_fact_aggregate_n(merit_context* ctx, const merit_scope* scope, const merit_fact_query* query,
                                  double* out, unsigned char* valid, size_t count) {
    return serve(ctx, "fact_aggregate", [&] {
        require_count(count, need(scope, "scope").count, "the scope");
        require(ctx, ctx->data, "data").fact_aggregate(*scope, need(query, "query"), out, valid);
    });
}

merit_status api_event_aggregate_n(merit_context* ctx, const merit_scope* scope,
                                   const merit_event_query* query, double* out, size_t count) {
    return serve(ctx, "event_aggregate", [&] {
        require_count(count, need(scope, "scope").count, "the scope");
        require(ctx, ctx->data, "data").event_aggregate(*scope, need(query, "query"), out);
    });
}

merit_status api_target_values_n(merit_context* ctx, const merit_scope* scope, const char* indicator,
                                 const char* period, double* out, unsigned char* valid, size_t count) {
    return serve(ctx, "target_values", [&] {
        require_count(count, need(scope, "scope").count, "the scope");
        require(ctx, ctx->data, "data").target_values(*scope, indicator, period, out, valid);
    });
}

merit_status api_rating_average_n(merit_context* ctx, const merit_scope* scope, const char* rater_role,
                                  const char* item, const char* period, double* out, unsigned char* valid,
                                  size_t count) {
    return serve(ctx, "rating_average", [&] {
        require_count(count, need(scope, "scope").count, "the scope");
        require(ctx, ctx->data, "data").rating_average(*scope, rater_role, item, period, out, valid);
    });
}

merit_status api_result_column_n(merit_context* ctx, const char* name, double* out, unsigned char* valid,
                                 size_t count) {
    return serve(ctx, "result_column", [&] {
        require_count(count, ctx->scope_count, "the call");
        require(ctx, ctx->run, "run").result_column(*ctx, name, out, valid);
    });
}

merit_status api_result_text_n(merit_context* ctx, const char* name, const char** out, size_t count) {
    return serve(ctx, "result_text", [&] {
        require_count(count, ctx->scope_count, "the call");
        require(ctx, ctx->run, "run").result_text(*ctx, name, out);
    });
}

merit_status api_state_read_n(merit_context* ctx, const char* key, double* out, unsigned char* valid,
                              size_t count) {
    return serve(ctx, "state_read", [&] {
        require_count(count, ctx->scope_count, "the call");
        require(ctx, ctx->run, "run").state_read(*ctx, key, out, valid);
    });
}

merit_status api_state_write_n(merit_context* ctx, const char* key, const double* values,
                               const unsigned char* valid, size_t count) {
    return serve(ctx, "state_write", [&] {
        require_count(count, ctx->scope_count, "the call");
        require(ctx, ctx->run, "run").state_write(*ctx, key, values, valid);
    });
}

merit_status api_run_latest(merit_context* ctx, const char* scheme, const char* on_or_before,
                            char* period_out, size_t period_out_size) {
    return serve(ctx, "run_latest", [&] {
        if (!period_out || period_out_size == 0) throw std::runtime_error("period_out is NULL");
        copy_text(require(ctx, ctx->run, "run").run_latest(*ctx, scheme, on_or_before), period_out,
                  period_out_size);
    });
}

merit_status api_run_column(merit_context* ctx, const char* scheme, const char* period, const char* column,
                            const char* const* ids, double* out, unsigned char* valid, size_t count) {
    return serve(ctx, "run_column", [&] {
        if (!ids) require_count(count, ctx->scope_count, "the call");
        require(ctx, ctx->run, "run").run_column(*ctx, scheme, period, column, ids, count, out, valid);
    });
}

merit_status api_run_text(merit_context* ctx, const char* scheme, const char* period, const char* column,
                          const char* const* ids, const char** out, size_t count) {
    return serve(ctx, "run_text", [&] {
        if (!ids) require_count(count, ctx->scope_count, "the call");
        require(ctx, ctx->run, "run").run_text(*ctx, scheme, period, column, ids, count, out);
    });
}

merit_status api_customer_values(merit_context* ctx, const char* metric, const char* day,
                                 merit_customer_value_fn on_value, void* user) {
    return serve(ctx, "customer_values", [&] {
        if (!on_value) throw std::runtime_error("on_value is NULL");
        require(ctx, ctx->data, "data").customer_values(metric, day, on_value, user);
    });
}

merit_status api_event_rows(merit_context* ctx, const char* kind, const char* first_day, const char* last_day,
                            merit_event_row_fn on_row, void* user) {
    return serve(ctx, "event_rows", [&] {
        if (!on_row) throw std::runtime_error("on_row is NULL");
        require(ctx, ctx->data, "data").event_rows(kind, first_day, last_day, on_row, user);
    });
}

merit_status api_organisation(merit_context* ctx, const char* day, merit_org_unit_fn on_unit,
                              merit_org_manager_fn on_manager, void* user) {
    return serve(ctx, "organisation",
                 [&] { require(ctx, ctx->data, "data").organisation(day, on_unit, on_manager, user); });
}

merit_status api_customer_holdings(merit_context* ctx, const char* metric, const char* first_day,
                                   const char* last_day, const char* assignment_role,
                                   merit_holding_fn on_holding, void* user) {
    return serve(ctx, "customer_holdings", [&] {
        if (!on_holding) throw std::runtime_error("on_holding is NULL");
        require(ctx, ctx->data, "data")
            .customer_holdings(metric, first_day, last_day, assignment_role, on_holding, user);
    });
}

merit_status api_customer_facts(merit_context* ctx, const char* metric, const char* first_day,
                                const char* last_day, merit_customer_fact_fn on_fact, void* user) {
    return serve(ctx, "customer_facts", [&] {
        if (!on_fact) throw std::runtime_error("on_fact is NULL");
        require(ctx, ctx->data, "data").customer_facts(metric, first_day, last_day, on_fact, user);
    });
}

const merit_host_api kHostApi = {
    sizeof(merit_host_api),
    MERIT_API_MAJOR,
    MERIT_API_MINOR,
    &api_log,
    &api_set_error,
    &api_alloc,
    &api_free,
    &api_trace_column,
    &api_trace_note,
    &api_period_shift,
    &api_fact_aggregate,
    &api_event_aggregate,
    &api_target_values,
    &api_rating_average,
    &api_query,
    &api_result_column,
    &api_result_text,
    &api_emit_pay,
    &api_emit_decision,
    &api_state_read,
    &api_state_write,
    // 1.1
    &api_trace_column_n,
    &api_fact_aggregate_n,
    &api_event_aggregate_n,
    &api_target_values_n,
    &api_rating_average_n,
    &api_result_column_n,
    &api_result_text_n,
    &api_state_read_n,
    &api_state_write_n,
    &api_run_latest,
    &api_run_column,
    &api_run_text,
    &api_customer_values,
    &api_event_rows,
    &api_organisation,
    &api_customer_holdings,
    &api_customer_facts,
};

}  // namespace

void set_log_forwarder(LogForwarder forwarder) {
    log_forwarder = forwarder;
}

const merit_host_api* host_api() {
    return &kHostApi;
}

std::string call_error(const merit_context& ctx, const char* operation) {
    if (!ctx.error.empty()) return fmt::format("{}: {}: {}", ctx.component_id, operation, ctx.error);
    return fmt::format("{}: {} failed without a message", ctx.component_id, operation);
}

}  // namespace merit
