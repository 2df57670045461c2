#include "plugin/remote_services.hpp"

#include <unistd.h>

#include <algorithm>
#include <stdexcept>

#include "plugin/host_api.hpp"
#include "plugin/isolated_protocol.hpp"
#include "plugin/value_tree.hpp"
#include "plugin/wire_columns.hpp"

namespace merit {
namespace {

PluginChannel* log_channel = nullptr;

void forward_log(merit_context*, merit_log_level level, const char* message) {
    if (!log_channel) return;
    WireWriter out;
    out.u8(isolated::kLog).u8(static_cast<uint8_t>(level)).text(message);
    if (log_channel->send(out.bytes()) != PluginChannel::Status::ok) ::_exit(0);
}

template <typename T>
void copy_column(const std::vector<T>& from, T* to, size_t count) {
    if (from.size() != count) throw std::runtime_error("malformed message: column length differs");
    if (to) std::copy(from.begin(), from.end(), to);
}

}  // namespace

void forward_log_through(PluginChannel* channel) {
    log_channel = channel;
    set_log_forwarder(channel ? &forward_log : nullptr);
}

WireWriter RemoteServices::call(uint8_t service) {
    WireWriter out;
    out.u8(isolated::kCall).u8(service);
    return out;
}

WireReader RemoteServices::exchange(const WireWriter& call) {
    // The host is gone (or stopped us): nothing left to do in this process.
    if (channel_.send(call.bytes()) != PluginChannel::Status::ok) ::_exit(0);
    if (channel_.receive(reply_) != PluginChannel::Status::ok) ::_exit(0);
    WireReader in(reply_);
    if (in.u8() != isolated::kReply) throw std::runtime_error("malformed message: expected a reply");
    const bool ok = in.u8() != 0;
    std::string error = in.text();
    if (!ok) throw std::runtime_error(error);
    return in;
}

void RemoteServices::fact_aggregate(const merit_scope& scope, const merit_fact_query& query, double* out,
                                    unsigned char* valid) {
    WireWriter request = call(isolated::kFactAggregate);
    write_scope(request, scope);
    request.optional_text(query.metric)
        .u8(static_cast<uint8_t>(query.aggregation))
        .u8(static_cast<uint8_t>(query.source))
        .optional_text(query.period)
        .optional_text(query.segment)
        .optional_text(query.assignment_role)
        .u8(query.use_shares ? 1 : 0);
    WireReader in = exchange(request);
    copy_column(in.doubles(), out, scope.count);
    copy_column(in.flags(), valid, scope.count);
}

void RemoteServices::event_aggregate(const merit_scope& scope, const merit_event_query& query, double* out) {
    WireWriter request = call(isolated::kEventAggregate);
    write_scope(request, scope);
    request.optional_text(query.kind).u8(static_cast<uint8_t>(query.measure)).optional_text(query.period);
    WireReader in = exchange(request);
    copy_column(in.doubles(), out, scope.count);
}

void RemoteServices::target_values(const merit_scope& scope, const char* indicator, const char* period,
                                   double* out, unsigned char* valid) {
    WireWriter request = call(isolated::kTargetValues);
    write_scope(request, scope);
    request.optional_text(indicator).optional_text(period);
    WireReader in = exchange(request);
    copy_column(in.doubles(), out, scope.count);
    copy_column(in.flags(), valid, scope.count);
}

void RemoteServices::rating_average(const merit_scope& scope, const char* rater_role, const char* item,
                                    const char* period, double* out, unsigned char* valid) {
    WireWriter request = call(isolated::kRatingAverage);
    write_scope(request, scope);
    request.optional_text(rater_role).optional_text(item).optional_text(period);
    WireReader in = exchange(request);
    copy_column(in.doubles(), out, scope.count);
    copy_column(in.flags(), valid, scope.count);
}

void RemoteServices::query(const char* sql, const merit_value* params, size_t param_count,
                           merit_row_fn on_row, void* user) {
    WireWriter request = call(isolated::kQuery);
    request.optional_text(sql).u64(params ? param_count : 0);
    for (size_t i = 0; params && i < param_count; ++i) request.value(params[i]);
    WireReader in = exchange(request);
    // The host ran the whole query on its read-only connection; the rows are
    // handed to the callback here, which may still stop early.
    const uint64_t rows = in.u64();
    for (uint64_t r = 0; r < rows; ++r) {
        const boost::json::value names = in.value();
        const boost::json::value cells = in.value();
        if (!names.is_array() || !cells.is_array() || names.get_array().size() != cells.get_array().size())
            throw std::runtime_error("malformed message: a query row");
        std::vector<const char*> name_pointers;
        for (const auto& n : names.get_array()) {
            if (!n.is_string()) throw std::runtime_error("malformed message: a column name");
            name_pointers.push_back(n.get_string().c_str());
        }
        const ValueTree tree(cells);
        if (on_row && on_row(user, name_pointers.size(), name_pointers.data(), tree.root()->items) != 0)
            break;
    }
}

void RemoteServices::customer_values(const char* metric, const char* day, merit_customer_value_fn on_value,
                                     void* user) {
    WireWriter request = call(isolated::kCustomerValues);
    request.optional_text(metric).optional_text(day);
    WireReader in = exchange(request);
    // Every customer's value came in one reply; the callback may still stop early.
    const uint64_t rows = in.u64();
    for (uint64_t r = 0; r < rows; ++r) {
        const std::string id = in.text();
        const double value = in.f64();
        if (on_value(user, id.c_str(), value) != 0) break;
    }
}

void RemoteServices::event_rows(const char* kind, const char* first_day, const char* last_day,
                                merit_event_row_fn on_row, void* user) {
    WireWriter request = call(isolated::kEventRows);
    request.optional_text(kind).optional_text(first_day).optional_text(last_day);
    WireReader in = exchange(request);
    const uint64_t rows = in.u64();
    for (uint64_t r = 0; r < rows; ++r) {
        const std::string manager = in.text(), date = in.text(), ref = in.text(), note = in.text();
        merit_event_row row{};
        row.struct_size = sizeof row;
        row.manager_id = manager.c_str();
        row.date = date.c_str();
        row.ref = ref.c_str();
        row.note = note.c_str();
        row.quantity = in.f64();
        row.has_amount = in.u8() != 0 ? 1 : 0;
        row.amount = in.f64();
        if (on_row(user, &row) != 0) break;
    }
}

void RemoteServices::organisation(const char* day, merit_org_unit_fn on_unit, merit_org_manager_fn on_manager,
                                  void* user) {
    WireWriter request = call(isolated::kOrganisation);
    request.optional_text(day).u8(static_cast<uint8_t>((on_unit ? 1 : 0) | (on_manager ? 2 : 0)));
    WireReader in = exchange(request);
    bool stopped = false;
    const uint64_t units = in.u64();
    for (uint64_t u = 0; u < units; ++u) {
        const std::string id = in.text(), name = in.text(), parent = in.text(), kind = in.text();
        const merit_org_unit_row row{sizeof(merit_org_unit_row), id.c_str(), name.c_str(), parent.c_str(),
                                     kind.c_str()};
        if (!stopped && on_unit && on_unit(user, &row) != 0) stopped = true;
    }
    const uint64_t managers = in.u64();
    for (uint64_t m = 0; m < managers && !stopped; ++m) {
        const std::string id = in.text(), name = in.text(), unit = in.text(), role = in.text(),
                          grade = in.text(), status = in.text(), hired = in.text();
        const merit_org_manager_row row{sizeof(merit_org_manager_row),
                                        id.c_str(),
                                        name.c_str(),
                                        unit.c_str(),
                                        role.c_str(),
                                        grade.c_str(),
                                        status.c_str(),
                                        hired.c_str()};
        if (on_manager && on_manager(user, &row) != 0) break;
    }
}

void RemoteServices::customer_holdings(const char* metric, const char* first_day, const char* last_day,
                                       const char* assignment_role, merit_holding_fn on_holding, void* user) {
    WireWriter request = call(isolated::kCustomerHoldings);
    request.optional_text(metric).optional_text(first_day).optional_text(last_day).optional_text(
        assignment_role);
    WireReader in = exchange(request);
    const uint64_t rows = in.u64();
    for (uint64_t r = 0; r < rows; ++r) {
        const std::string customer = in.text(), manager = in.text(), role = in.text();
        const double share = in.f64();
        const std::string segment = in.text(), from = in.text(), to = in.text();
        merit_holding_row row{};
        row.struct_size = sizeof row;
        row.customer_id = customer.c_str();
        row.manager_id = manager.c_str();
        row.role = role.c_str();
        row.share = share;
        row.segment = segment.c_str();
        row.first_day = from.c_str();
        row.last_day = to.c_str();
        row.value = in.f64();
        row.fact_count = static_cast<size_t>(in.u64());
        if (on_holding(user, &row) != 0) break;
    }
}

void RemoteServices::customer_facts(const char* metric, const char* first_day, const char* last_day,
                                    merit_customer_fact_fn on_fact, void* user) {
    WireWriter request = call(isolated::kCustomerFacts);
    request.optional_text(metric).optional_text(first_day).optional_text(last_day);
    WireReader in = exchange(request);
    const uint64_t rows = in.u64();
    for (uint64_t r = 0; r < rows; ++r) {
        const std::string id = in.text(), date = in.text();
        const double value = in.f64();
        if (on_fact(user, id.c_str(), date.c_str(), value) != 0) break;
    }
}

void RemoteServices::result_column(merit_context& ctx, const char* name, double* out, unsigned char* valid) {
    WireWriter request = call(isolated::kResultColumn);
    request.optional_text(name);
    WireReader in = exchange(request);
    copy_column(in.doubles(), out, ctx.scope_count);
    copy_column(in.flags(), valid, ctx.scope_count);
}

void RemoteServices::result_text(merit_context& ctx, const char* name, const char** out) {
    WireWriter request = call(isolated::kResultText);
    request.optional_text(name);
    WireReader in = exchange(request);
    const auto texts = in.optional_texts();
    if (!texts || texts->size() != ctx.scope_count)
        throw std::runtime_error("malformed message: text column");
    for (size_t i = 0; i < texts->size(); ++i) out[i] = texts_.emplace_back((*texts)[i]).c_str();
}

void RemoteServices::emit_pay(merit_context&, size_t row, const char* code, const char* label,
                              int64_t amount_fen, const char* basis) {
    WireWriter request = call(isolated::kEmitPay);
    request.u64(row).optional_text(code).optional_text(label).i64(amount_fen).optional_text(basis);
    exchange(request);
}

void RemoteServices::emit_decision(merit_context&, size_t row, const char* kind, const char* value,
                                   const char* reason) {
    WireWriter request = call(isolated::kEmitDecision);
    request.u64(row).optional_text(kind).optional_text(value).optional_text(reason);
    exchange(request);
}

void RemoteServices::state_read(merit_context& ctx, const char* key, double* out, unsigned char* valid) {
    WireWriter request = call(isolated::kStateRead);
    request.optional_text(key);
    WireReader in = exchange(request);
    copy_column(in.doubles(), out, ctx.scope_count);
    copy_column(in.flags(), valid, ctx.scope_count);
}

void RemoteServices::state_write(merit_context& ctx, const char* key, const double* values,
                                 const unsigned char* valid) {
    WireWriter request = call(isolated::kStateWrite);
    request.optional_text(key)
        .optional_doubles(values, ctx.scope_count)
        .optional_flags(valid, ctx.scope_count);
    exchange(request);
}

std::string RemoteServices::run_latest(merit_context&, const char* scheme, const char* on_or_before) {
    WireWriter request = call(isolated::kRunLatest);
    request.optional_text(scheme).optional_text(on_or_before);
    WireReader in = exchange(request);
    return in.text();
}

void RemoteServices::run_column(merit_context&, const char* scheme, const char* period, const char* column,
                                const char* const* ids, size_t count, double* out, unsigned char* valid) {
    WireWriter request = call(isolated::kRunColumn);
    request.optional_text(scheme).optional_text(period).optional_text(column).optional_texts(ids, count);
    WireReader in = exchange(request);
    copy_column(in.doubles(), out, count);
    copy_column(in.flags(), valid, count);
}

void RemoteServices::run_text(merit_context&, const char* scheme, const char* period, const char* column,
                              const char* const* ids, size_t count, const char** out) {
    WireWriter request = call(isolated::kRunText);
    request.optional_text(scheme).optional_text(period).optional_text(column).optional_texts(ids, count);
    WireReader in = exchange(request);
    const auto texts = in.optional_texts();
    if (!texts || texts->size() != count) throw std::runtime_error("malformed message: text column");
    for (size_t i = 0; i < texts->size(); ++i)
        out[i] = (*texts)[i].empty() ? nullptr : texts_.emplace_back((*texts)[i]).c_str();
}

void RemoteServices::column(merit_context& ctx, const char* name, const double* values,
                            const unsigned char* valid) {
    WireWriter request = call(isolated::kTraceColumn);
    request.optional_text(name)
        .optional_doubles(values, ctx.scope_count)
        .optional_flags(valid, ctx.scope_count);
    exchange(request);
}

void RemoteServices::note(merit_context&, size_t row, const char* text) {
    WireWriter request = call(isolated::kTraceNote);
    request.u64(row).optional_text(text);
    exchange(request);
}

}  // namespace merit
