// Inside an isolated plugin process: the services a component reaches,
// forwarded to the host over the socket. Each call waits for the host's
// answer; a refusal comes back as the host's message, so a plugin sees the
// same errors as in the host's own process (queries stay read-only because
// the host runs them on its guarded connection).
#pragma once

#include <deque>
#include <string>

#include "plugin/plugin_channel.hpp"
#include "plugin/services.hpp"
#include "plugin/wire_format.hpp"

namespace merit {

class RemoteServices : public DataServices, public RunServices, public TraceSink {
public:
    explicit RemoteServices(PluginChannel& channel) : channel_(channel) {}

    void fact_aggregate(const merit_scope& scope, const merit_fact_query& query, double* out,
                        unsigned char* valid) override;
    void event_aggregate(const merit_scope& scope, const merit_event_query& query, double* out) override;
    void target_values(const merit_scope& scope, const char* indicator, const char* period, double* out,
                       unsigned char* valid) override;
    void rating_average(const merit_scope& scope, const char* rater_role, const char* item,
                        const char* period, double* out, unsigned char* valid) override;
    void query(const char* sql, const merit_value* params, size_t param_count, merit_row_fn on_row,
               void* user) override;
    void customer_values(const char* metric, const char* day, merit_customer_value_fn on_value,
                         void* user) override;
    void event_rows(const char* kind, const char* first_day, const char* last_day, merit_event_row_fn on_row,
                    void* user) override;
    void organisation(const char* day, merit_org_unit_fn on_unit, merit_org_manager_fn on_manager,
                      void* user) override;
    void customer_holdings(const char* metric, const char* first_day, const char* last_day,
                           const char* assignment_role, merit_holding_fn on_holding, void* user) override;
    void customer_facts(const char* metric, const char* first_day, const char* last_day,
                        merit_customer_fact_fn on_fact, void* user) override;

    void result_column(merit_context& ctx, const char* name, double* out, unsigned char* valid) override;
    void result_text(merit_context& ctx, const char* name, const char** out) override;
    void emit_pay(merit_context& ctx, size_t row, const char* code, const char* label, int64_t amount_fen,
                  const char* basis) override;
    void emit_decision(merit_context& ctx, size_t row, const char* kind, const char* value,
                       const char* reason) override;
    void state_read(merit_context& ctx, const char* key, double* out, unsigned char* valid) override;
    void state_write(merit_context& ctx, const char* key, const double* values,
                     const unsigned char* valid) override;
    std::string run_latest(merit_context& ctx, const char* scheme, const char* on_or_before) override;
    void run_column(merit_context& ctx, const char* scheme, const char* period, const char* column,
                    const char* const* ids, size_t count, double* out, unsigned char* valid) override;
    void run_text(merit_context& ctx, const char* scheme, const char* period, const char* column,
                  const char* const* ids, size_t count, const char** out) override;

    void column(merit_context& ctx, const char* name, const double* values,
                const unsigned char* valid) override;
    void note(merit_context& ctx, size_t row, const char* text) override;

private:
    // Starts a call message for `service`.
    static WireWriter call(uint8_t service);
    // Sends the call and waits for the reply; a refusal throws its message.
    WireReader exchange(const WireWriter& call);
    PluginChannel& channel_;
    std::string reply_;
    std::deque<std::string> texts_;  // result_text answers, valid for the component call
};

// Sends a log line from inside the plugin process to the host.
void forward_log_through(PluginChannel* channel);

}  // namespace merit
