// What a component may reach during one call. The host-services table
// (host_api.cpp) forwards each C call to these interfaces; a service that the
// current call has no access to is refused with a clear error.
#pragma once

#include <merit/plugin.h>

#include <cstdint>
#include <stdexcept>
#include <string>

namespace merit {

// Implemented once in the host (data/) over the workspace.
class DataServices {
public:
    virtual ~DataServices() = default;
    virtual void fact_aggregate(const merit_scope& scope, const merit_fact_query& query, double* out,
                                unsigned char* valid) = 0;
    virtual void event_aggregate(const merit_scope& scope, const merit_event_query& query, double* out) = 0;
    virtual void target_values(const merit_scope& scope, const char* indicator, const char* period,
                               double* out, unsigned char* valid) = 0;
    virtual void rating_average(const merit_scope& scope, const char* rater_role, const char* item,
                                const char* period, double* out, unsigned char* valid) = 0;
    virtual void query(const char* sql, const merit_value* params, size_t param_count, merit_row_fn on_row,
                       void* user) = 0;
    // 1.1 (plugin.h customer_values).
    virtual void customer_values(const char* /*metric*/, const char* /*day*/, merit_customer_value_fn,
                                 void* /*user*/) {
        throw std::runtime_error("customer_values is not available in this call");
    }
    // 1.1 detail services (plugin.h event_rows, organisation,
    // customer_holdings, customer_facts); NULL days leave a window open.
    virtual void event_rows(const char* /*kind*/, const char* /*first_day*/, const char* /*last_day*/,
                            merit_event_row_fn, void* /*user*/) {
        throw std::runtime_error("event_rows is not available in this call");
    }
    virtual void organisation(const char* /*day*/, merit_org_unit_fn, merit_org_manager_fn, void* /*user*/) {
        throw std::runtime_error("organisation is not available in this call");
    }
    virtual void customer_holdings(const char* /*metric*/, const char* /*first_day*/,
                                   const char* /*last_day*/, const char* /*assignment_role*/,
                                   merit_holding_fn, void* /*user*/) {
        throw std::runtime_error("customer_holdings is not available in this call");
    }
    virtual void customer_facts(const char* /*metric*/, const char* /*first_day*/, const char* /*last_day*/,
                                merit_customer_fact_fn, void* /*user*/) {
        throw std::runtime_error("customer_facts is not available in this call");
    }
};

// Implemented by the engine for reward calculators and later pipeline steps.
class RunServices {
public:
    virtual ~RunServices() = default;
    virtual void result_column(merit_context& ctx, const char* name, double* out, unsigned char* valid) = 0;
    virtual void result_text(merit_context& ctx, const char* name, const char** out) = 0;
    virtual void emit_pay(merit_context& ctx, size_t row, const char* code, const char* label,
                          int64_t amount_fen, const char* basis) = 0;
    virtual void emit_decision(merit_context& ctx, size_t row, const char* kind, const char* value,
                               const char* reason) = 0;
    virtual void state_read(merit_context& ctx, const char* key, double* out, unsigned char* valid) = 0;
    virtual void state_write(merit_context& ctx, const char* key, const double* values,
                             const unsigned char* valid) = 0;
    // Results of another run (plugin.h, "results of other runs"): each read
    // is recorded in this run's trace by the implementation, on the host's
    // side of an isolated plugin's socket. Not every call has them.
    virtual std::string run_latest(merit_context&, const char*, const char*) {
        throw std::runtime_error("run_latest is not available in this call");
    }
    // `ids` (of `count` managers) or, when null, the call's managers.
    virtual void run_column(merit_context&, const char* /*scheme*/, const char* /*period*/,
                            const char* /*column*/, const char* const* /*ids*/, size_t /*count*/, double*,
                            unsigned char*) {
        throw std::runtime_error("run_column is not available in this call");
    }
    virtual void run_text(merit_context&, const char* /*scheme*/, const char* /*period*/,
                          const char* /*column*/, const char* const* /*ids*/, size_t /*count*/,
                          const char**) {
        throw std::runtime_error("run_text is not available in this call");
    }
};

// Where explain lines go (the engine stores them with the run).
class TraceSink {
public:
    virtual ~TraceSink() = default;
    virtual void column(merit_context& ctx, const char* name, const double* values,
                        const unsigned char* valid) = 0;
    virtual void note(merit_context& ctx, size_t row, const char* text) = 0;
};

}  // namespace merit

// Defined here, opaque to plugins: one per component call.
struct merit_context {
    std::string plugin_id;     // "acme"
    std::string component_id;  // qualified: "acme.visit_count"
    std::string error;         // the first error recorded during the call
    size_t scope_count = 0;    // rows in the columns of this call
    merit::DataServices* data = nullptr;
    merit::RunServices* run = nullptr;
    merit::TraceSink* trace = nullptr;
};
